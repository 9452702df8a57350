// dossier-cli entity ACTION: curating entities (rules, watchlist) and re-tagging after a change.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "import/retagjob.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <unistd.h>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonObject ruleJson(const EntityRule &rule)
{
    QJsonObject object {
        { QLatin1String("id"), rule.id },
        { QLatin1String("scope"),
            rule.scope == EntityRule::Scope::Entity ? QLatin1String("entity") : QLatin1String("form") },
        { QLatin1String("type"), entityTypeName(rule.type) },
        { QLatin1String("name"), rule.label },
        { QLatin1String("action"),
            rule.action == EntityRule::Action::Map ? QLatin1String("map") : QLatin1String("suppress") },
        { QLatin1String("created"),
            QDateTime::fromMSecsSinceEpoch(rule.createdAt, QTimeZone::UTC).toString(Qt::ISODate) },
        { QLatin1String("author"), rule.author.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rule.author) },
    };
    if (rule.action == EntityRule::Action::Map) {
        object.insert(QLatin1String("target_type"), entityTypeName(rule.targetType));
        object.insert(QLatin1String("target_name"), rule.targetName);
    }
    return object;
}

QJsonObject watchJson(const WatchEntry &entry)
{
    return QJsonObject {
        { QLatin1String("id"), entry.id },
        { QLatin1String("type"), entityTypeName(entry.type) },
        { QLatin1String("name"), entry.name },
        { QLatin1String("aliases"), QJsonArray::fromStringList(entry.aliases) },
    };
}

// Parses TYPE (PERSON, ORG, ...); prints the problem and returns nullopt when it is not one.
std::optional<EntityType> typeArgument(const QString &text)
{
    EntityType type;
    if (!entityTypeFromName(text, &type)) {
        writeError(QStringLiteral("unknown entity type '%1' (PERSON, ORG, LOCATION, DATE, MONEY)").arg(text));
        return std::nullopt;
    }
    return type;
}

// An entity named on the command line: its id as `entities` prints it, or TYPE:NAME (the name or
// an alias). Prints the problem and returns nullopt when there is no such entity.
std::optional<EntitySummary> entityArgument(Library &library, const QString &spec)
{
    bool isId = false;
    const qint64 id = spec.toLongLong(&isId);
    std::optional<EntitySummary> entity;
    if (isId) {
        entity = library.entities().get(id);
    } else {
        const qsizetype colon = spec.indexOf(u':');
        EntityType type;
        if (colon <= 0 || !entityTypeFromName(QStringView(spec).first(colon), &type)) {
            writeError(QStringLiteral("an entity is an id or TYPE:NAME (e.g. PERSON:Aiko Tanabe); got '%1'").arg(spec));
            return std::nullopt;
        }
        entity = library.entities().find(type, spec.mid(colon + 1).trimmed());
    }
    if (!entity) {
        writeError(library.errorString());
    }
    return entity;
}

// Re-tags what the last curation change queued, with progress on stderr; false on an error.
bool retagNow(Library &library, int *retagged)
{
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer sinceReport;
    sinceReport.start();
    const std::atomic_bool cancel { false };
    const RetagSummary summary = retagQueued(
        library.path(),
        [&](int done, int total) {
            if (sinceReport.elapsed() >= 200) {
                sinceReport.restart();
                std::fprintf(stderr, tty ? "\r\033[Kre-tagging [%d/%d]" : "re-tagging [%d/%d]\n", done, total);
            }
        },
        cancel);
    if (tty && summary.retagged > 0) {
        std::fputs("\r\033[K", stderr);
    }
    *retagged = summary.retagged;
    if (!summary.error.isEmpty()) {
        writeError(summary.error);
        return false;
    }
    return true;
}

} // namespace

int entity(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption typeOption(
        QStringLiteral("type"), QStringLiteral("watch: the name's type (PERSON, ORG, LOCATION)."), QStringLiteral("T"));
    const QCommandLineOption aliasOption(
        QStringLiteral("alias"), QStringLiteral("watch: another spelling (repeatable)."), QStringLiteral("A"));
    parser.addOption(typeOption);
    parser.addOption(aliasOption);
    parser.addPositionalArgument(QStringLiteral("ACTION"),
        QStringLiteral("rename ENTITY NAME | merge ENTITY INTO | split ENTITY ALIAS | type ENTITY TYPE | suppress "
                       "ENTITY | unrule ID | rules | watch --type T NAME [--alias A]... | unwatch ID | watchlist | "
                       "retag. ENTITY is an id (as `entities` prints) or TYPE:NAME."));
    parser.addPositionalArgument(
        QStringLiteral("ARGS"), QStringLiteral("The action's arguments."), QStringLiteral("..."));
    const QString syntax = QStringLiteral("entity ACTION --library L ARGS...");
    int code = Ok;
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    QStringList args = parser.positionalArguments();
    const QString action = args.isEmpty() ? QString() : args.takeFirst();
    struct Shape {
        const char16_t *name;
        int arguments;
    };
    static constexpr Shape shapes[]
        = { { u"rename", 2 }, { u"merge", 2 }, { u"split", 2 }, { u"type", 2 }, { u"suppress", 1 }, { u"unrule", 1 },
              { u"rules", 0 }, { u"watch", 1 }, { u"unwatch", 1 }, { u"watchlist", 0 }, { u"retag", 0 } };
    const auto shape = std::find_if(
        std::begin(shapes), std::end(shapes), [&](const Shape &s) { return action == QStringView(s.name); });
    if (shape == std::end(shapes) || args.size() != shape->arguments) {
        writeError(shape == std::end(shapes)
                ? QStringLiteral("unknown entity action '%1'").arg(action)
                : QStringLiteral("entity %1 takes %2 argument(s)").arg(action).arg(shape->arguments));
        std::fprintf(stderr, "usage: dossier-cli %s\n%s", qPrintable(syntax), qPrintable(parser.helpText()));
        return Usage;
    }
    if (action == u"watch" && !parser.isSet(typeOption)) {
        writeError(QStringLiteral("entity watch needs --type (PERSON, ORG or LOCATION)"));
        return Usage;
    }
    std::optional<EntityType> type;
    if (action == u"type" || action == u"watch") {
        type = typeArgument(action == u"type" ? args[1] : parser.value(typeOption));
        if (!type) {
            return Usage;
        }
    }
    std::optional<qint64> number;
    if (action == u"unrule" || action == u"unwatch") {
        bool ok = false;
        number = args[0].toLongLong(&ok);
        if (!ok) {
            writeError(QStringLiteral("entity %1 wants an id, not '%2'").arg(action, args[0]));
            return Usage;
        }
    }

    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    if (action == u"rules" || action == u"watchlist") {
        if (action == u"rules") {
            const auto rules = library.curation().rules();
            for (const EntityRule &rule : rules.value_or(QList<EntityRule> {})) {
                writeJsonLine(ruleJson(rule));
            }
            return rules ? Ok : (writeError(library.errorString()), Failed);
        }
        const auto entries = library.curation().watchlist();
        for (const WatchEntry &entry : entries.value_or(QList<WatchEntry> {})) {
            writeJsonLine(watchJson(entry));
        }
        return entries ? Ok : (writeError(library.errorString()), Failed);
    }

    // The change, then the re-tagging it asks for, then what the entity has become.
    QJsonObject result;
    std::optional<EntitySummary> subject;
    std::optional<EntityRule> rule;
    std::optional<std::pair<EntityType, QString>> outcome; // where to look for the entity afterwards
    bool ok = true;
    if (action == u"unrule") {
        ok = library.curation().removeRule(*number);
    } else if (action == u"watch") {
        const auto entry = library.curation().watch(WatchEntry { -1, *type, args[0], parser.values(aliasOption) });
        ok = entry.has_value();
        if (entry) {
            result.insert(QLatin1String("watch"), watchJson(*entry));
            outcome = { entry->type, entry->name };
        }
    } else if (action == u"unwatch") {
        ok = library.curation().unwatch(*number);
    } else if (action != u"retag") {
        subject = entityArgument(library, args[0]);
        if (!subject) {
            return Failed;
        }
        if (action == u"rename") {
            rule = library.curation().renameEntity(subject->id, args[1]);
        } else if (action == u"merge") {
            const auto into = entityArgument(library, args[1]);
            if (!into) {
                return Failed;
            }
            rule = library.curation().mergeEntities(subject->id, into->id);
        } else if (action == u"split") {
            rule = library.curation().splitAlias(subject->id, args[1]);
        } else if (action == u"type") {
            rule = library.curation().setEntityType(subject->id, *type);
        } else if (action == u"suppress") {
            rule = library.curation().suppressEntity(subject->id);
        }
        ok = rule.has_value();
        if (rule) {
            result.insert(QLatin1String("rule"), ruleJson(*rule));
            if (rule->action == EntityRule::Action::Map) {
                outcome = { rule->targetType, rule->targetName };
            }
        }
    }
    if (!ok) {
        writeError(library.errorString());
        return Failed;
    }
    int retagged = 0;
    if (!retagNow(library, &retagged)) {
        return Failed;
    }
    result.insert(QLatin1String("retagged"), retagged);
    if (outcome) {
        const auto now = library.entities().find(outcome->first, outcome->second);
        result.insert(QLatin1String("entity"), now ? QJsonValue(entityJson(*now)) : QJsonValue(QJsonValue::Null));
    }
    writeJsonLine(result);
    return Ok;
}

} // namespace Dossier::Cli
