#include "cli/integritycommands.h"

#include "cli/commands.h"
#include "cli/output.h"
#include "store/integrity.h"
#include "store/library.h"
#include "store/recovery.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

// parseCommandLine(), and these commands take no positional arguments.
bool parseArguments(QCommandLineParser &parser, const QStringList &arguments, const QString &syntax, int *exitCode)
{
    if (!parseCommandLine(parser, arguments, syntax, exitCode)) {
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        writeError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        *exitCode = Usage;
        return false;
    }
    return true;
}

QJsonValue countOrNull(const std::optional<qint64> &count)
{
    return count ? QJsonValue(*count) : QJsonValue(QJsonValue::Null);
}

} // namespace

int check(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    int code = Ok;
    if (!parseArguments(parser, arguments, QStringLiteral("check --library L"), &code)) {
        return code;
    }
    if (Library::isServerLocation(parser.value(QStringLiteral("library")))) {
        // The server checks its own pages; this check reads SQLite files.
        writeError(QStringLiteral("check reads a library file; a team library is checked by its PostgreSQL server"));
        return Usage;
    }
    const IntegrityReport report = LibraryCheck::run(parser.value(QStringLiteral("library")));
    QJsonArray problems;
    for (const IntegrityProblem &problem : report.problems) {
        problems.append(QJsonObject {
            { QLatin1String("kind"), problemKindName(problem.kind) },
            { QLatin1String("table"), problem.table.isEmpty() ? QJsonValue(QJsonValue::Null) : problem.table },
            { QLatin1String("detail"), problem.detail },
            { QLatin1String("count"), problem.count },
        });
    }
    QJsonObject result {
        { QLatin1String("library"), report.library },
        { QLatin1String("ok"), report.ok() },
        { QLatin1String("problems"), problems },
        { QLatin1String("articles"), countOrNull(report.articles) },
        { QLatin1String("annotations"), countOrNull(report.annotations) },
    };
    if (!report.error.isEmpty()) {
        writeError(report.error);
        result.insert(QLatin1String("error"), report.error);
    } else if (!report.ok()) {
        writeError(QStringLiteral("the library %1 failed the check (see \"problems\")").arg(report.library));
    }
    writeJsonLine(result);
    return report.ok() ? Ok : Failed;
}

int recover(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption from(
        QStringLiteral("from"), QStringLiteral("The damaged library (only read)."), QStringLiteral("DAMAGED"));
    const QCommandLineOption library(QStringList { QStringLiteral("library"), QStringLiteral("l") },
        QStringLiteral("The new library to write (must not exist)."), QStringLiteral("NEW"));
    parser.addOption(from);
    parser.addOption(library);
    int code = Ok;
    const QString syntax = QStringLiteral("recover --from DAMAGED --library NEW");
    if (!parseArguments(parser, arguments, syntax, &code)) {
        return code;
    }
    if (!parser.isSet(from) || !parser.isSet(library)) {
        writeError(QStringLiteral("recover needs --from and --library"));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    if (Library::isServerLocation(parser.value(from)) || Library::isServerLocation(parser.value(library))) {
        writeError(QStringLiteral("recover reads and writes library files, not team libraries"));
        return Usage;
    }
    const RecoveryReport report = LibraryRecovery::recover(parser.value(from), parser.value(library));
    QJsonArray lost;
    for (const LostItem &item : report.lost) {
        lost.append(QJsonObject {
            { QLatin1String("kind"), item.kind },
            { QLatin1String("id"), item.id ? QJsonValue(*item.id) : QJsonValue(QJsonValue::Null) },
            { QLatin1String("detail"), item.detail },
        });
    }
    QJsonObject result {
        { QLatin1String("from"), report.from },
        { QLatin1String("library"), report.library },
        { QLatin1String("articles"), report.articles },
        { QLatin1String("annotations"), report.annotations },
        { QLatin1String("orphaned"), report.orphaned },
        { QLatin1String("tags"), report.tags },
        { QLatin1String("rules"), report.rules },
        { QLatin1String("watchlist"), report.watchlist },
        { QLatin1String("folders"), report.folders },
        { QLatin1String("searches"), report.searches },
        { QLatin1String("retagged"), report.retagged },
        { QLatin1String("lost"), lost },
    };
    if (!report.error.isEmpty()) {
        writeError(report.error);
        result.insert(QLatin1String("error"), report.error);
    } else if (!report.lost.isEmpty()) {
        writeError(QStringLiteral("recovered into %1, but not everything (see \"lost\")").arg(report.library));
    }
    writeJsonLine(result);
    return report.ok() ? Ok : Failed;
}

void backUpIfDue(const QString &library, Backups::Reason reason)
{
    // A team library is backed up on its server (pg_dump), not copied as a file.
    if (Library::isServerLocation(library)) {
        return;
    }
    const Backups::Result result = Backups::fromSettings(library).backupIfDue(reason);
    if (result.made) {
        writeError(QStringLiteral("backed up the library to %1").arg(result.path));
    } else if (!result.error.isEmpty()) {
        writeError(QStringLiteral("warning: %1").arg(result.error));
    }
}

} // namespace Dossier::Cli
