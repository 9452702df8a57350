// Fuzzes the full-text query path of the store (core/store): DocumentQuery::search(), the document
// list's filter (count() and window() with DocumentFilter::text) and list(), on a library holding
// the test fixtures, which is made once in a temporary folder.

#include "analysis/analyzer.h"
#include "fuzzsupport.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <cstdlib>

using namespace Dossier;

namespace
{

// A query typed in a search field is short; 1 KB leaves room for long boolean queries.
constexpr size_t maxInput = 1024;
constexpr int limit = 20;

Core::Library *library;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Qt loads the SQLite driver only with an application object.
    static QCoreApplication app(*argc, *argv);
    static QTemporaryDir dir;
    library = new Core::Library(dir.filePath(QStringLiteral("fuzz.dossier")));
    Fuzz::check(library->open(), "the fuzz library opens");
    // Closed before Qt SQL's own globals go (they were made by open(), so they die after this).
    std::atexit([] { delete library; });
    const Core::Analyzer analyzer;
    for (const QString &kind : { QStringLiteral("text"), QStringLiteral("html") }) {
        const QDir fixtures(QStringLiteral(DOSSIER_TEST_DATA "/") + kind);
        for (const QString &name : fixtures.entryList(QDir::Files, QDir::Name)) {
            const Core::AnalyzeResult analyzed = analyzer.analyzeFile(fixtures.filePath(name));
            Fuzz::check(
                analyzed.ok() && library->articles().store(analyzed.article).has_value(), "a fixture is stored");
        }
    }
    Fuzz::check(library->articles().count().value_or(0) > 0, "the fuzz library holds the fixtures");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > maxInput) {
        return Fuzz::reject;
    }
    const QString query = Fuzz::text(data, size);
    Core::DocumentFilter filter;
    filter.text = query;
    const auto count = library->documents().count(filter);
    const auto sort = Core::DocumentSort(size % 6);
    const auto order = size % 2 ? Qt::DescendingOrder : Qt::AscendingOrder;
    const auto window = library->documents().window(filter, sort, order, 0, limit);
    Fuzz::check(count.has_value() == window.has_value(), "counting and listing agree on the query");
    if (count) {
        Fuzz::check(window->size() == std::min<qint64>(*count, limit), "the list window holds what was counted");
    }
    if (query.trimmed().isEmpty()) {
        Fuzz::check(count == library->articles().count(), "a blank query filters nothing");
        return 0;
    }
    const auto found = library->documents().search(query, limit);
    Core::ListQuery listQuery;
    listQuery.query = query;
    const auto listed = library->documents().list(listQuery);
    Fuzz::check(found.has_value() == count.has_value() && listed.has_value() == count.has_value(),
        "search, list and the document filter accept the same queries");
    if (count) {
        Fuzz::check(listed->size() == *count, "list finds what the filter counts");
        Fuzz::check(found->size() == std::min<qint64>(*count, limit), "search finds what the filter counts");
    }
    return 0;
}
