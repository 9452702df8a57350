// dossier-cli analyze and import: reading article files, into JSON or into a library.

#include "analysis/analyzer.h"
#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/integritycommands.h"
#include "cli/output.h"
#include "cli/watchcommands.h"
#include "import/importjob.h"
#include "json/articlejson.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <cstdio>
#include <unistd.h>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QCommandLineOption maxFileSizeOption()
{
    return QCommandLineOption(QStringLiteral("max-file-size"),
        QStringLiteral("Refuse files larger than MB megabytes, unread (default %1).")
            .arg(AnalyzeOptions().maxFileSize / (1024 * 1024)),
        QStringLiteral("MB"), QString::number(AnalyzeOptions().maxFileSize / (1024 * 1024)));
}

// The --max-file-size option in bytes; prints the problem and returns nullopt when it is not a size.
std::optional<qint64> maxFileSize(const QCommandLineParser &parser)
{
    bool ok = false;
    const qint64 megabytes = parser.value(QStringLiteral("max-file-size")).toLongLong(&ok);
    if (!ok || megabytes <= 0 || megabytes > 1024 * 1024) {
        writeError(QStringLiteral("--max-file-size wants a number of megabytes (1 or more), not '%1'")
                .arg(parser.value(QStringLiteral("max-file-size"))));
        return std::nullopt;
    }
    return megabytes * 1024 * 1024;
}

} // namespace

int analyze(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption raw(
        QStringLiteral("raw"), QStringLiteral("No cleaning or metadata: the whole decoded text is the body."));
    parser.addOption(raw);
    parser.addOption(maxFileSizeOption());
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Article files to analyse."), QStringLiteral("FILE..."));
    int code = Ok;
    if (!parseCommandLine(parser, arguments, QStringLiteral("analyze [--raw] [--max-file-size MB] FILE..."), &code)) {
        return code;
    }
    const auto limit = maxFileSize(parser);
    if (!limit) {
        return Usage;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        writeError(QStringLiteral("analyze needs at least one FILE"));
        return Usage;
    }
    AnalyzeOptions options;
    options.raw = parser.isSet(raw);
    options.maxFileSize = *limit;
    const Analyzer analyzer(options);
    int status = Ok;
    for (const QString &file : files) {
        const AnalyzeResult result = analyzer.analyzeFile(file);
        if (!result.ok()) {
            writeJsonLine(QJsonObject { { QLatin1String("path"), file }, { QLatin1String("error"), result.error } });
            status = Failed;
            continue;
        }
        if (!result.container) {
            Article article = result.article;
            article.path = file; // as given, so callers can match their own paths
            writeJsonLine(articleToJson(article));
        }
        // One line per message of a mailbox and per attachment that is an article, after its message.
        for (const AnalyzeResult &part : result.parts) {
            if (part.ok()) {
                writeJsonLine(articleToJson(part.article));
            } else {
                writeJsonLine(QJsonObject {
                    { QLatin1String("path"), part.article.path }, { QLatin1String("error"), part.error } });
                status = Failed;
            }
        }
    }
    return status;
}

int import(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    parser.addOption(maxFileSizeOption());
    const QCommandLineOption noBackup(QStringLiteral("no-backup"),
        QStringLiteral("Make no automatic backup (otherwise: one a day, before the import, and one after an import "
                       "of %1 or more articles).")
            .arg(BackupSettings::largeImport));
    parser.addOption(noBackup);
    const QCommandLineOption watchOption(QStringLiteral("watch"),
        QStringLiteral("Import what is new in the library's watched folders (`dossier-cli watch add`), then keep "
                       "watching them until SIGINT or SIGTERM."));
    const QCommandLineOption onceOption(
        QStringLiteral("once"), QStringLiteral("With --watch: scan every watched folder once, import, and exit."));
    const QCommandLineOption settleOption(QStringLiteral("settle"),
        QStringLiteral("With --watch: import a new or changed file once its size and time have stayed the same for "
                       "MS milliseconds (default 2000)."),
        QStringLiteral("MS"), QStringLiteral("2000"));
    parser.addOption(watchOption);
    parser.addOption(onceOption);
    parser.addOption(settleOption);
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Files and folders to import."), QStringLiteral("PATH..."));
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral("import --library L [--max-file-size MB] [--no-backup] PATH... | import --watch --library L "
                           "[--once] [--settle MS]"),
            &code)) {
        return code;
    }
    const bool watching = parser.isSet(watchOption);
    if (watching && !parser.positionalArguments().isEmpty()) {
        writeError(QStringLiteral("import --watch takes no PATH: it imports from the watched folders (dossier-cli "
                                  "watch add)"));
        return Usage;
    }
    if (!watching && (parser.isSet(onceOption) || parser.isSet(settleOption))) {
        writeError(QStringLiteral("--once and --settle go with --watch"));
        return Usage;
    }
    if (!watching && parser.positionalArguments().isEmpty()) {
        writeError(QStringLiteral("import needs at least one PATH"));
        return Usage;
    }
    const auto limit = maxFileSize(parser);
    if (!limit) {
        return Usage;
    }
    if (watching) {
        const auto settle = integerOption(parser, settleOption);
        if (!settle) {
            return Usage;
        }
        if (*settle > 3600000) {
            writeError(QStringLiteral("--settle wants at most 3600000 milliseconds (an hour)"));
            return Usage;
        }
        WatchRun run;
        run.libraryPath = parser.value(QStringLiteral("library"));
        run.options.maxFileSize = *limit;
        run.once = parser.isSet(onceOption);
        run.settleTime = int(*settle);
        run.backUp = !parser.isSet(noBackup);
        return watchImport(run);
    }
    ImportRequest request;
    request.libraryPath = parser.value(QStringLiteral("library"));
    request.paths = parser.positionalArguments();
    request.options.maxFileSize = *limit;
    request.waiting = announceWait;
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
    const bool backUp = !parser.isSet(noBackup);
    if (backUp) {
        backUpIfDue(request.libraryPath, Backups::Reason::Daily);
    }
    const std::atomic_bool cancel { false };
    const ImportSummary summary = importFiles(request, cancel);
    if (backUp && summary.imported + summary.updated >= BackupSettings::largeImport) {
        backUpIfDue(request.libraryPath, Backups::Reason::LargeImport);
    }
    if (!summary.fatalError.isEmpty()) {
        const int stored = summary.imported + summary.updated;
        writeError(QStringLiteral("import stopped: %1").arg(summary.fatalError)
            + (stored > 0 ? QStringLiteral(" (the %1 articles stored before that are kept; importing again goes on "
                                           "from there)")
                                .arg(stored)
                          : QString()));
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
    writeJsonLine(result);
    return summary.fatalError.isEmpty() && summary.failed.isEmpty() ? Ok : Failed;
}

} // namespace Dossier::Cli
