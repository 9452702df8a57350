// dossier-cli list, entities and search: what a library holds, as JSON Lines.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QJsonObject>

namespace Dossier::Cli
{

using namespace Dossier::Core;

int list(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const ArticleFilterOptions filters;
    filters.addTo(parser);
    const QCommandLineOption group(QStringLiteral("group-copies"),
        QStringLiteral("One line per story: the copies of one story as their earliest listed article, with counts."));
    parser.addOption(group);
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral("list --library L [--entity TYPE:NAME]... [--query Q] [--from PERIOD] [--to PERIOD] "
                           "[--group-copies]"),
            &code)) {
        return code;
    }
    ListQuery request;
    if (!filters.read(parser, &request)) {
        return Usage;
    }
    request.groupCopies = parser.isSet(group);
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.documents().list(request);
    if (!rows) {
        writeError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        QJsonObject object = summaryJson(row);
        if (request.groupCopies) {
            object.insert(QLatin1String("copies"), row.storySize);
            object.insert(QLatin1String("listed_copies"), row.storyMatches);
        }
        writeJsonLine(object);
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
    if (!parseCommandLine(parser, arguments, QStringLiteral("entities --library L [--type T]"), &code)) {
        return code;
    }
    std::optional<EntityType> type;
    if (parser.isSet(typeOption)) {
        EntityType t;
        if (!entityTypeFromName(parser.value(typeOption), &t)) {
            writeError(QStringLiteral("unknown entity type '%1' (PERSON, ORG, LOCATION, DATE, MONEY)")
                    .arg(parser.value(typeOption)));
            return Usage;
        }
        type = t;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.entities().all(type);
    if (!rows) {
        writeError(library.errorString());
        return Failed;
    }
    for (const EntitySummary &row : *rows) {
        writeJsonLine(entityJson(row));
    }
    return Ok;
}

int search(const QStringList &arguments)
{
    // "search save …", "search list …": the saved searches (a query of one of these words comes
    // after the options, or quoted).
    if (arguments.size() > 1 && isSavedSearchAction(arguments.at(1))) {
        return savedSearch(arguments);
    }
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N results (default 50)."),
        QStringLiteral("N"), QStringLiteral("50"));
    parser.addOption(limit);
    parser.addPositionalArgument(
        QStringLiteral("QUERY"), QStringLiteral("FTS5 query: words, \"phrases\", prefix*, AND/OR/NOT, NEAR."));
    int code = Ok;
    if (!parseCommandLine(parser, arguments, QStringLiteral("search --library L QUERY"), &code)) {
        return code;
    }
    if (parser.positionalArguments().isEmpty()) {
        writeError(QStringLiteral("search needs a QUERY"));
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.documents().search(parser.positionalArguments().join(u' '), parser.value(limit).toInt());
    if (!rows) {
        writeError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        QJsonObject object = summaryJson(row);
        object.insert(QLatin1String("snippet"), row.snippet);
        writeJsonLine(object);
    }
    return Ok;
}

} // namespace Dossier::Cli
