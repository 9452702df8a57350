// dossier-cli watch (add, remove, list) and import --watch: the library's watched folders.

#include "cli/watchcommands.h"

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/integritycommands.h"
#include "cli/output.h"
#include "import/folderwatcher.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QSocketNotifier>
#include <QTimeZone>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonObject folderJson(const WatchedFolder &folder)
{
    return QJsonObject {
        { QLatin1String("id"), folder.id },
        { QLatin1String("path"), folder.path },
        { QLatin1String("state"), folderStateName(folder.state) },
        { QLatin1String("last_scan"),
            folder.lastScan > 0
                ? QJsonValue(QDateTime::fromMSecsSinceEpoch(folder.lastScan, QTimeZone::UTC).toString(Qt::ISODate))
                : QJsonValue(QJsonValue::Null) },
        { QLatin1String("articles"), folder.articles },
    };
}

QJsonObject roundJson(const ImportSummary &summary, const QList<WatchedFolder> &folders, const QStringList &waiting)
{
    QJsonArray failed;
    for (const ImportFailure &failure : summary.failed) {
        failed.append(
            QJsonObject { { QLatin1String("path"), failure.path }, { QLatin1String("error"), failure.error } });
    }
    QJsonArray missing;
    for (const WatchedFolder &folder : folders) {
        if (folder.state == WatchedFolder::State::Missing) {
            missing.append(folder.path);
        }
    }
    QJsonObject result {
        { QLatin1String("imported"), summary.imported },
        { QLatin1String("updated"), summary.updated },
        { QLatin1String("unchanged"), summary.unchanged },
        { QLatin1String("failed"), failed },
        { QLatin1String("missing"), missing },
        { QLatin1String("waiting"), QJsonArray::fromStringList(waiting) },
    };
    if (!summary.fatalError.isEmpty()) {
        result.insert(QLatin1String("error"), summary.fatalError);
    }
    return result;
}

// SIGINT and SIGTERM stop the watcher (an import running stops between articles) and wake the
// event loop through a socket pair; both are async-signal-safe.
int signalSockets[2] = { -1, -1 };
FolderWatcher *signalledWatcher = nullptr;

extern "C" void onStopSignal(int)
{
    if (signalledWatcher) {
        signalledWatcher->requestStop();
    }
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalSockets[0], &byte, 1);
}

} // namespace

int watch(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    parser.addPositionalArgument(QStringLiteral("ACTION"),
        QStringLiteral("add DIR | remove DIR | list. `dossier-cli import --watch` imports from the watched folders."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The folder."), QStringLiteral("[DIR]"));
    const QString syntax = QStringLiteral("watch add|remove|list --library L [DIR]");
    int code = Ok;
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    QStringList args = parser.positionalArguments();
    const QString action = args.isEmpty() ? QString() : args.takeFirst();
    const int wanted = action == u"list" ? 0 : 1;
    if ((action != u"add" && action != u"remove" && action != u"list") || args.size() != wanted) {
        writeError(action == u"add" || action == u"remove" || action == u"list"
                ? QStringLiteral("watch %1 takes %2 argument(s)").arg(action).arg(wanted)
                : QStringLiteral("unknown watch action '%1'").arg(action));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    WatchedFolderStore &folders = library.watchedFolders();
    if (action == u"list") {
        const auto all = folders.all();
        for (const WatchedFolder &folder : all.value_or(QList<WatchedFolder> {})) {
            writeJsonLine(folderJson(folder));
        }
        return all ? Ok : (writeError(library.errorString()), Failed);
    }
    if (action == u"add") {
        const auto folder = folders.add(args[0]);
        if (!folder) {
            writeError(library.errorString());
            return Failed;
        }
        writeJsonLine(folderJson(*folder));
        return Ok;
    }
    const auto folder = folders.find(args[0]);
    if (!folder || !folders.remove(folder->id)) {
        writeError(library.errorString());
        return Failed;
    }
    writeJsonLine(folderJson(*folder));
    return Ok;
}

int watchImport(const WatchRun &run)
{
    {
        Library library(run.libraryPath);
        if (!openLibrary(library)) {
            return Failed;
        }
        const auto folders = library.watchedFolders().all();
        if (!folders) {
            writeError(library.errorString());
            return Failed;
        }
        if (folders->isEmpty()) {
            writeError(
                QStringLiteral("the library watches no folder; add one with `dossier-cli watch add --library L DIR`"));
            return Failed;
        }
    }
    if (run.backUp) {
        backUpIfDue(run.libraryPath, Backups::Reason::Daily);
    }
    FolderWatcher watcher(run.libraryPath);
    watcher.setOptions(run.options);
    watcher.setSettleTime(run.settleTime);
    QObject::connect(&watcher, &FolderWatcher::waiting, &watcher, announceWait);
    QObject::connect(&watcher, &FolderWatcher::folderStateChanged, &watcher,
        [](qint64, const QString &path, WatchedFolder::State state) {
            writeError(state == WatchedFolder::State::Missing
                    ? QStringLiteral("the watched folder %1 is missing (its articles stay in the library)").arg(path)
                    : QStringLiteral("the watched folder %1 is back; watching it again").arg(path));
        });
    QObject::connect(
        &watcher, &FolderWatcher::articleMoved, &watcher, [](qint64 id, const QString &from, const QString &to) {
            writeError(QStringLiteral("article %1 followed its file from %2 to %3").arg(id).arg(from, to));
        });
    QObject::connect(&watcher, &FolderWatcher::progress, &watcher, [](int done, int total, const QString &current) {
        std::fprintf(stderr, "[%d/%d] %s\n", done, total, qPrintable(current));
    });
    const auto backUpAfter = [&run](const ImportSummary &summary) {
        if (run.backUp && summary.imported + summary.updated >= BackupSettings::largeImport) {
            backUpIfDue(run.libraryPath, Backups::Reason::LargeImport);
        }
    };

    if (run.once) {
        const ImportSummary summary = watcher.scanOnce();
        backUpAfter(summary);
        const QStringList waiting = watcher.pendingFiles();
        for (const QString &file : waiting) {
            writeError(QStringLiteral("%1 is still being written; left for the next run").arg(file));
        }
        if (!summary.fatalError.isEmpty()) {
            writeError(QStringLiteral("import stopped: %1").arg(summary.fatalError));
        }
        writeJsonLine(roundJson(summary, watcher.folders(), waiting));
        std::fflush(stdout);
        return summary.fatalError.isEmpty() && summary.failed.isEmpty() ? Ok : Failed;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalSockets) != 0) {
        writeError(QStringLiteral("cannot set up the signal handlers"));
        return Failed;
    }
    signalledWatcher = &watcher;
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    QSocketNotifier stopNotifier(signalSockets[1], QSocketNotifier::Read);
    QObject::connect(&stopNotifier, &QSocketNotifier::activated, &watcher, [] { QCoreApplication::quit(); });

    int status = Ok;
    QObject::connect(&watcher, &FolderWatcher::imported, &watcher, [&](const ImportSummary &summary) {
        backUpAfter(summary);
        if (!summary.fatalError.isEmpty()) {
            writeError(QStringLiteral("import failed: %1 (trying again at the next change)").arg(summary.fatalError));
        }
        if (!summary.failed.isEmpty()) {
            status = Failed;
        }
        writeJsonLine(roundJson(summary, watcher.folders(), watcher.pendingFiles()));
        std::fflush(stdout);
    });
    if (!watcher.start()) {
        writeError(watcher.errorString());
        return Failed;
    }
    std::fprintf(stderr, "dossier-cli: watching %lld folder(s); stop with Ctrl+C\n",
        static_cast<long long>(watcher.folders().size()));
    if (!watcher.isStopRequested()) {
        QCoreApplication::exec();
    }
    watcher.requestStop();
    signalledWatcher = nullptr;
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    writeError(QStringLiteral("stopped watching"));
    return status;
}

} // namespace Dossier::Cli
