// Browser-window benchmark on a large library: start to first painted window, one entity filter,
// one full-text query, opening one article with highlighting, peak RSS.
//   dossier-guibench [--articles N] [--library PATH]   (PATH is reused when it exists)
// Run with QT_QPA_PLATFORM=offscreen or on a display.
#include "corpusgenerator.h"
#include "documentlistmodel.h"
#include "entitysidebar.h"
#include "import/importjob.h"
#include "mainwindow.h"
#include "readerview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

using namespace Dossier;

namespace
{

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    int articles = 100000;
    QString path;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--articles") {
            articles = args[i + 1].toInt();
        } else if (args[i] == u"--library") {
            path = args[i + 1];
        }
    }
    QTemporaryDir dir;
    if (path.isEmpty()) {
        path = dir.filePath(QStringLiteral("bench.dossier"));
    }
    if (!Bench::makeLibrary(path, articles, QStringLiteral("synthetic"),
            [](int i) { return Bench::CorpusGenerator(quint32(i) * 2654435761u).article(i); })) {
        return 1;
    }

    // Start to first painted window: a fresh window on the library, measured to the first paint.
    QElapsedTimer timer;
    timer.start();
    Ui::MainWindow window;
    window.openLibrary(path);
    window.resize(1400, 860);
    window.show();
    while (!window.documentView()->viewport()->isVisible() || !window.isVisible()) {
        QCoreApplication::processEvents();
    }
    QCoreApplication::processEvents(); // layout and first paint
    const double startMs = ms(timer);

    const qint64 total = window.documentModel()->rowCount();

    // One entity filter: the most frequent place.
    const auto places = [&] {
        Core::Library library(path);
        library.open();
        return library.entities().facets({}, 1).value_or(QList<Core::EntitySummary> {});
    }();
    qint64 entity = -1;
    for (const Core::EntitySummary &e : places) {
        if (e.type == Core::EntityType::Person) {
            entity = e.id;
        }
    }
    Core::DocumentFilter filter;
    filter.entities = { entity };
    timer.restart();
    window.documentModel()->setFilter(filter);
    (void)window.documentModel()->index(0, 0).data(); // the first window of rows is fetched
    QCoreApplication::processEvents();
    const double filterMs = ms(timer);
    const int filtered = window.documentModel()->rowCount();

    Core::DocumentFilter query;
    query.text = QStringLiteral("cable* OR \"export controls\"");
    timer.restart();
    window.documentModel()->setFilter(query);
    (void)window.documentModel()->index(0, 0).data();
    QCoreApplication::processEvents();
    const double queryMs = ms(timer);
    const int found = window.documentModel()->rowCount();

    window.documentModel()->setFilter({});
    QCoreApplication::processEvents();
    timer.restart();
    window.documentView()->selectRow(window.documentModel()->rowCount() / 2);
    QCoreApplication::processEvents();
    const double openMs = ms(timer);

    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf(
        "articles=%lld start_to_window_ms=%.0f (process start to first paint %.0f) entity_filter_ms=%.1f (%d docs) "
        "fts_query_ms=%.1f (%d docs) open_article_ms=%.1f peak_rss_mb=%.0f\n",
        total, startMs, ms(sinceStart), filterMs, filtered, queryMs, found, openMs, double(usage.ru_maxrss) / 1024);
    return 0;
}
