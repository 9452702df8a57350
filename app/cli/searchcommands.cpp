// dossier-cli search save|list|run|rename|remove: searches kept in the library under a name.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <functional>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonObject savedSearchJson(const SavedSearch &search)
{
    return QJsonObject {
        { QLatin1String("id"), search.id },
        { QLatin1String("name"), search.name },
        { QLatin1String("query"), search.query },
        { QLatin1String("filters"), savedSearchFilters(search) },
        { QLatin1String("count"), search.count },
        { QLatin1String("new"), search.fresh },
        { QLatin1String("last_count"), search.lastCount },
        { QLatin1String("created"), search.created },
        { QLatin1String("last_opened"), search.lastOpened },
    };
}

// Entities given as TYPE:NAME; one the library knows is kept under its own name, any other as
// written (it matches nothing until an article names it).
std::optional<QList<EntityFilter>> canonical(Library &library, const QList<EntityFilter> &given)
{
    QList<EntityFilter> entities;
    for (const EntityFilter &entity : given) {
        const auto found = library.entities().find(entity.type, entity.name);
        if (found) {
            entities.append(EntityFilter { found->type, found->name });
        } else if (library.lastError().kind == StoreError::Kind::NotFound) {
            entities.append(entity);
        } else {
            writeError(library.errorString());
            return std::nullopt;
        }
    }
    return entities;
}

int save(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const ArticleFilterOptions filters;
    filters.addTo(parser);
    const QCommandLineOption tag(QStringLiteral("tag"),
        QStringLiteral("Only articles carrying this tag (repeatable: all of them)."), QStringLiteral("T"));
    const QCommandLineOption exclude(QStringLiteral("exclude"),
        QStringLiteral("Leave out articles mentioning this entity (TYPE:NAME, repeatable)."),
        QStringLiteral("TYPE:NAME"));
    const QCommandLineOption any(
        QStringLiteral("any"), QStringLiteral("Articles mentioning any of the --entity ones."));
    parser.addOptions({ tag, exclude, any });
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The saved search's name."));
    int code = Ok;
    const QString syntax
        = QStringLiteral("search save NAME --library L [--entity TYPE:NAME]... [--any] "
                         "[--exclude TYPE:NAME]... [--tag T]... [--query Q] [--from PERIOD] [--to PERIOD]");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    if (parser.positionalArguments().size() != 1) {
        writeError(QStringLiteral("search save needs one NAME"));
        return Usage;
    }
    ListQuery request;
    if (!filters.read(parser, &request)) {
        return Usage;
    }
    const auto excluded = entityOptions(parser, exclude);
    if (!excluded) {
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    SavedSearch search;
    search.name = parser.positionalArguments().constFirst();
    search.query = request.query;
    search.from = request.from;
    search.to = request.to;
    search.anyOf = parser.isSet(any);
    search.tags = parser.values(tag);
    const auto entities = canonical(library, request.entities);
    const auto excludedEntities = canonical(library, *excluded);
    if (!entities || !excludedEntities) {
        return Failed;
    }
    search.entities = *entities;
    search.excluded = *excludedEntities;
    const auto saved = library.savedSearches().save(search);
    if (!saved) {
        writeError(library.errorString());
        return library.lastError().kind == StoreError::Kind::Invalid ? Usage : Failed;
    }
    writeJsonLine(savedSearchJson(*saved));
    return Ok;
}

int listSaved(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    int code = Ok;
    if (!parseCommandLine(parser, arguments, QStringLiteral("search list --library L"), &code)) {
        return code;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto searches = library.savedSearches().all();
    if (!searches) {
        writeError(library.errorString());
        return Failed;
    }
    for (const SavedSearch &search : *searches) {
        writeJsonLine(savedSearchJson(search));
    }
    return Ok;
}

// The commands that act on one saved search by name: run, rename, remove.
int withSearch(const QStringList &arguments, const QString &syntax, int names,
    const std::function<int(Library &, const SavedSearch &, const QStringList &)> &act)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The saved search's name."));
    int code = Ok;
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != names) {
        writeError(QStringLiteral("usage: dossier-cli %1").arg(syntax));
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto search = library.savedSearches().find(positional.constFirst());
    if (!search) {
        writeError(library.errorString());
        return Failed;
    }
    return act(library, *search, positional);
}

} // namespace

int savedSearch(const QStringList &arguments)
{
    // arguments: the program, the action, then the action's own arguments.
    const QString action = arguments.value(1);
    QStringList rest = arguments;
    rest.removeAt(1);
    if (action == u"save") {
        return save(rest);
    }
    if (action == u"list") {
        return listSaved(rest);
    }
    if (action == u"run") {
        return withSearch(rest, QStringLiteral("search run NAME --library L"), 1,
            [](Library &library, const SavedSearch &search, const QStringList &) {
                const auto filter = library.savedSearches().filterOf(search);
                const auto rows = filter ? library.documents().listFiltered(*filter) : std::nullopt;
                // Running a saved search opens it: its articles are no longer new.
                if (!rows || !library.savedSearches().markOpened(search.id)) {
                    writeError(library.errorString());
                    return int(Failed);
                }
                for (const ArticleSummary &row : *rows) {
                    writeJsonLine(summaryJson(row));
                }
                return int(Ok);
            });
    }
    if (action == u"rename") {
        return withSearch(rest, QStringLiteral("search rename NAME NEW-NAME --library L"), 2,
            [](Library &library, const SavedSearch &search, const QStringList &names) {
                if (!library.savedSearches().rename(search.id, names.at(1))) {
                    writeError(library.errorString());
                    return int(library.lastError().kind == StoreError::Kind::Invalid ? Usage : Failed);
                }
                return int(Ok);
            });
    }
    return withSearch(rest, QStringLiteral("search remove NAME --library L"), 1,
        [](Library &library, const SavedSearch &search, const QStringList &) {
            if (!library.savedSearches().remove(search.id)) {
                writeError(library.errorString());
                return int(Failed);
            }
            return int(Ok);
        });
}

bool isSavedSearchAction(const QString &word)
{
    return word == u"save" || word == u"list" || word == u"run" || word == u"rename" || word == u"remove";
}

} // namespace Dossier::Cli
