#include "cli/commands.h"

#include "analysis/analyzer.h"
#include "import/importjob.h"
#include "json/articlejson.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

void printJson(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

void printError(const QString &message)
{
    std::fprintf(stderr, "dossier-cli: %s\n", qPrintable(message));
}

// Parses the command line; on a usage error prints it and returns false with *exitCode set.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &syntax, int *exitCode)
{
    parser.setApplicationDescription(syntax);
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        *exitCode = Usage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        *exitCode = Ok;
        return false;
    }
    return true;
}

QCommandLineOption libraryOption()
{
    return QCommandLineOption(QStringList { QStringLiteral("library"), QStringLiteral("l") },
        QStringLiteral("The library file (default: %1).").arg(Library::defaultPath()), QStringLiteral("L"),
        Library::defaultPath());
}

bool openLibrary(Library &library)
{
    if (!library.open()) {
        printError(library.errorString());
        return false;
    }
    return true;
}

QJsonObject summaryJson(const ArticleSummary &summary)
{
    const auto orNull
        = [](const QString &value) { return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value); };
    QJsonObject object {
        { QLatin1String("id"), summary.id },
        { QLatin1String("title"), orNull(summary.title) },
        { QLatin1String("date"), orNull(summary.date) },
        { QLatin1String("source"), orNull(summary.source) },
        { QLatin1String("path"), summary.path },
    };
    return object;
}

} // namespace

int analyze(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption raw(
        QStringLiteral("raw"), QStringLiteral("No cleaning or metadata: the whole decoded text is the body."));
    parser.addOption(raw);
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Article files to analyse."), QStringLiteral("FILE..."));
    int code = Ok;
    if (!parse(parser, arguments, QStringLiteral("analyze [--raw] FILE..."), &code)) {
        return code;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printError(QStringLiteral("analyze needs at least one FILE"));
        return Usage;
    }
    AnalyzeOptions options;
    options.raw = parser.isSet(raw);
    const Analyzer analyzer(options);
    int status = Ok;
    for (const QString &file : files) {
        const AnalyzeResult result = analyzer.analyzeFile(file);
        if (!result.ok()) {
            printJson(QJsonObject { { QLatin1String("path"), file }, { QLatin1String("error"), result.error } });
            status = Failed;
            continue;
        }
        Article article = result.article;
        article.path = file; // as given, so callers can match their own paths
        printJson(articleToJson(article));
    }
    return status;
}

int import(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Files and folders to import."), QStringLiteral("PATH..."));
    int code = Ok;
    if (!parse(parser, arguments, QStringLiteral("import --library L PATH..."), &code)) {
        return code;
    }
    if (parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("import needs at least one PATH"));
        return Usage;
    }
    ImportRequest request;
    request.libraryPath = parser.value(QStringLiteral("library"));
    request.paths = parser.positionalArguments();
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer sinceReport;
    sinceReport.start();
    request.progress = [&](int done, int total, const QString &current) {
        if (done == total || sinceReport.elapsed() >= 200) {
            sinceReport.restart();
            std::fprintf(stderr, tty ? "\r\033[K[%d/%d] %s" : "[%d/%d] %s\n", done, total, qPrintable(current));
            if (tty && done == total) {
                std::fputc('\n', stderr);
            }
        }
    };
    const std::atomic_bool cancel { false };
    const ImportSummary summary = importFiles(request, cancel);
    if (!summary.fatalError.isEmpty()) {
        printError(summary.fatalError);
    }
    QJsonArray failed;
    for (const ImportFailure &failure : summary.failed) {
        failed.append(
            QJsonObject { { QLatin1String("path"), failure.path }, { QLatin1String("error"), failure.error } });
    }
    QJsonObject result {
        { QLatin1String("imported"), summary.imported },
        { QLatin1String("updated"), summary.updated },
        { QLatin1String("unchanged"), summary.unchanged },
        { QLatin1String("failed"), failed },
    };
    if (!summary.fatalError.isEmpty()) {
        result.insert(QLatin1String("error"), summary.fatalError);
    }
    printJson(result);
    return summary.fatalError.isEmpty() && summary.failed.isEmpty() ? Ok : Failed;
}

int list(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption entity(QStringLiteral("entity"),
        QStringLiteral("Only articles mentioning this entity (TYPE:NAME, e.g. PERSON:Shinzo Abe); "
                       "several must all hold."),
        QStringLiteral("TYPE:NAME"));
    const QCommandLineOption query(
        QStringLiteral("query"), QStringLiteral("Full-text query (FTS5 syntax)."), QStringLiteral("Q"));
    parser.addOption(entity);
    parser.addOption(query);
    int code = Ok;
    if (!parse(parser, arguments, QStringLiteral("list --library L [--entity TYPE:NAME]... [--query Q]"), &code)) {
        return code;
    }
    ListQuery request;
    request.query = parser.value(query);
    for (const QString &value : parser.values(entity)) {
        const qsizetype colon = value.indexOf(u':');
        EntityFilter filter;
        if (colon <= 0 || !entityTypeFromName(QStringView(value).first(colon), &filter.type)) {
            printError(
                QStringLiteral("--entity wants TYPE:NAME with TYPE one of PERSON, ORG, LOCATION, DATE, MONEY; got '%1'")
                    .arg(value));
            return Usage;
        }
        filter.name = value.mid(colon + 1).trimmed();
        request.entities.append(filter);
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.list(request);
    if (!rows) {
        printError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        printJson(summaryJson(row));
    }
    return Ok;
}

int entities(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption typeOption(
        QStringLiteral("type"), QStringLiteral("Only entities of this type."), QStringLiteral("T"));
    parser.addOption(typeOption);
    int code = Ok;
    if (!parse(parser, arguments, QStringLiteral("entities --library L [--type T]"), &code)) {
        return code;
    }
    std::optional<EntityType> type;
    if (parser.isSet(typeOption)) {
        EntityType t;
        if (!entityTypeFromName(parser.value(typeOption), &t)) {
            printError(QStringLiteral("unknown entity type '%1' (PERSON, ORG, LOCATION, DATE, MONEY)")
                           .arg(parser.value(typeOption)));
            return Usage;
        }
        type = t;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.entities(type);
    if (!rows) {
        printError(library.errorString());
        return Failed;
    }
    for (const EntitySummary &row : *rows) {
        printJson(QJsonObject {
            { QLatin1String("name"), row.name },
            { QLatin1String("type"), entityTypeName(row.type) },
            { QLatin1String("aliases"), QJsonArray::fromStringList(row.aliases) },
            { QLatin1String("documents"), row.documents },
        });
    }
    return Ok;
}

int search(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N results (default 50)."),
        QStringLiteral("N"), QStringLiteral("50"));
    parser.addOption(limit);
    parser.addPositionalArgument(
        QStringLiteral("QUERY"), QStringLiteral("FTS5 query: words, \"phrases\", prefix*, AND/OR/NOT, NEAR."));
    int code = Ok;
    if (!parse(parser, arguments, QStringLiteral("search --library L QUERY"), &code)) {
        return code;
    }
    if (parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("search needs a QUERY"));
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.search(parser.positionalArguments().join(u' '), parser.value(limit).toInt());
    if (!rows) {
        printError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        QJsonObject object = summaryJson(row);
        object.insert(QLatin1String("snippet"), row.snippet);
        printJson(object);
    }
    return Ok;
}

} // namespace Dossier::Cli
