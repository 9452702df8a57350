// dossier-cli history: the library's record of changes to the analyst's work (schema 13), and
// restoring a version. The work is HistoryStore's (core/store/historystore.cpp).

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "import/retagjob.h"
#include "store/library.h"

#include <algorithm>
#include <atomic>
#include <limits>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonValue rowJson(const QJsonObject &row)
{
    return row.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row);
}

QJsonObject entryJson(const HistoryEntry &entry)
{
    return QJsonObject {
        { QLatin1String("id"), entry.id },
        { QLatin1String("table"), entry.table },
        { QLatin1String("row"), entry.row },
        { QLatin1String("action"), historyActionName(entry.action) },
        { QLatin1String("author"), entry.author },
        { QLatin1String("at"), entry.at.toString(Qt::ISODateWithMs) },
        { QLatin1String("before"), rowJson(entry.before) },
        { QLatin1String("after"), rowJson(entry.after) },
    };
}

} // namespace

int history(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption doc(QStringLiteral("article"),
        QStringLiteral("Only changes about this article (its annotations and tags)."), QStringLiteral("ID"));
    const QCommandLineOption annotation(QStringLiteral("annotation"),
        QStringLiteral("Only changes to this annotation and its tags."), QStringLiteral("ID"));
    const QCommandLineOption limit(
        QStringLiteral("limit"), QStringLiteral("At most N changes, the newest."), QStringLiteral("N"));
    const QCommandLineOption rules(QStringLiteral("rules"), QStringLiteral("Only changes to the entity corrections."));
    for (const QCommandLineOption &option : { doc, annotation, limit, rules }) {
        parser.addOption(option);
    }
    parser.addPositionalArgument(
        QStringLiteral("ACTION"), QStringLiteral("restore HISTORY_ID"), QStringLiteral("[restore ID]"));
    const QString syntax = QStringLiteral(
        "history --library L [--article ID | --annotation ID | --rules] [--limit N] | history restore --library L "
        "HISTORY_ID");
    int code = Ok;
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    const QStringList args = parser.positionalArguments();
    const bool restoring = !args.isEmpty() && args.first() == u"restore";
    if ((!args.isEmpty() && !restoring) || (restoring && args.size() != 2)) {
        writeError(restoring ? QStringLiteral("history restore takes one change's id")
                             : QStringLiteral("unknown history action '%1'").arg(args.first()));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    HistoryQuery query;
    qint64 restoreId = -1;
    if (restoring) {
        bool ok = false;
        restoreId = args.at(1).toLongLong(&ok);
        if (!ok || restoreId < 0) {
            writeError(QStringLiteral("'%1' is not a change's id").arg(args.at(1)));
            return Usage;
        }
    } else {
        const auto article = parser.isSet(doc) ? integerOption(parser, doc) : std::optional<qint64>(-1);
        const auto passage = parser.isSet(annotation) ? integerOption(parser, annotation) : std::optional<qint64>(-1);
        const auto most = parser.isSet(limit) ? integerOption(parser, limit) : std::optional<qint64>(0);
        if (!article || !passage || !most) {
            return Usage;
        }
        query.articleId = *article;
        query.annotationId = *passage;
        query.limit = int(std::min<qint64>(*most, std::numeric_limits<int>::max()));
        if (parser.isSet(rules)) {
            query.table = QStringLiteral("entity_rules");
        }
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    if (restoring) {
        const auto before = library.history().list(HistoryQuery { -1, -1, 1, {} });
        const qint64 last = before && !before->isEmpty() ? before->front().id : 0;
        const auto restored = library.history().get(restoreId);
        if (!restored || !library.history().restore(restoreId)) {
            writeError(library.errorString());
            return Failed;
        }
        // A correction rule put back applies at once, as `entity` applies a new one.
        if (restored->table == u"entity_rules") {
            const std::atomic_bool cancel { false };
            const RetagSummary summary = retagQueued(library.path(), [](int, int) { }, cancel);
            if (!summary.error.isEmpty()) {
                writeError(summary.error);
                return Failed;
            }
        }
        // The restore is a change of its own (a few rows when an annotation comes back with its
        // tags): print them, newest first.
        const auto after = library.history().list(HistoryQuery { -1, -1, 100, {} });
        for (const HistoryEntry &entry : after.value_or(QList<HistoryEntry> {})) {
            if (entry.id > last) {
                writeJsonLine(entryJson(entry));
            }
        }
        return Ok;
    }
    const auto entries = library.history().list(query);
    if (!entries) {
        writeError(library.errorString());
        return Failed;
    }
    for (const HistoryEntry &entry : *entries) {
        writeJsonLine(entryJson(entry));
    }
    return Ok;
}

} // namespace Dossier::Cli
