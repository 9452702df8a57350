// Team library benchmark (issue 17): one generated corpus imported into a SQLite library and into a
// team library on a throwaway local PostgreSQL cluster (tests/pgserver.h, commits synced to disk as
// SQLite's are), then the window's interactions and the CLI's search timed on both, alternating
// backend by backend in each round so that both see the same load:
//   entity_filter  the document list filtered by one entity: its count and first page of rows
//   fts_query      the list filtered by a full-text query: count, first page and the page's matches
//   open_article   an article as the reader opens it: the article and its annotations
//   list_page      a page of the whole list scrolled to a random place, by date
//   search         dossier-cli search QUERY: the best 50 matches with their snippets
// It prints each backend's import time (wall, this process's CPU and, for PostgreSQL, the server's
// CPU), then the median and p95 of each interaction.
//   dossier-teambench [--articles N] [--rounds R] [--threads T] [--explain MS] [--statements N]
// --explain MS: the server logs the plan (EXPLAIN ANALYZE, by auto_explain) of each statement
// slower than MS milliseconds; they are printed at the end.
// --statements N: where the import's time goes on the server: every statement the client sends is
// logged (log_statement = all) and counted by kind (round trips per article), and pg_stat_statements
// prints the N statements that took the most server time. Logging slows the server: a profile,
// not a timing.
#include "../tests/pgserver.h"
#include "benchclock.h"
#include "corpusgenerator.h"
#include "documentlistmodel.h"
#include "import/importjob.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <unistd.h>

using namespace Dossier;

namespace
{

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto rank = size_t(std::ceil(p * double(values.size()))) - 1;
    return values[std::min(rank, values.size() - 1)];
}

// CPU seconds used so far by the server whose backend \a backendPid is: its postmaster (with the
// backends it has reaped) and the processes it runs now, from /proc (Linux; 0 elsewhere).
double serverCpuSeconds(qint64 backendPid)
{
    const auto fields = [](const QString &pid) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly)) {
            return QList<QByteArray>();
        }
        const QByteArray text = stat.readAll();
        // After the command name in parentheses: state, ppid, ... utime (14), stime, cutime, cstime.
        return text.mid(text.lastIndexOf(')') + 2).split(' ');
    };
    const QList<QByteArray> backend = fields(QString::number(backendPid));
    if (backend.size() < 15) {
        return 0;
    }
    const QByteArray postmaster = backend.at(1);
    const double tick = double(sysconf(_SC_CLK_TCK));
    double seconds = 0;
    const QList<QByteArray> own = fields(QString::fromLatin1(postmaster));
    for (int i = 11; i <= 14 && i < own.size(); ++i) {
        seconds += own.at(i).toDouble() / tick;
    }
    QDirIterator processes(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (processes.hasNext()) {
        const QString pid = processes.nextFileInfo().fileName();
        const QList<QByteArray> child = pid.front().isDigit() ? fields(pid) : QList<QByteArray>();
        if (child.size() > 14 && child.at(1) == postmaster) {
            seconds += (child.at(11).toDouble() + child.at(12).toDouble()) / tick;
        }
    }
    return seconds;
}

// --statements: what the import sent the server, from its log (from byte \a logStart on) and
// pg_stat_statements. The counts include the first open's schema (a few hundred statements).
void printStatements(const QSqlDatabase &admin, const QString &logPath, qint64 logStart, int articles, int top)
{
    QFile log(logPath);
    std::map<QString, int> kinds;
    int total = 0;
    if (log.open(QIODevice::ReadOnly) && log.seek(logStart)) {
        const QByteArray marker = "LOG:  statement: ";
        while (!log.atEnd()) {
            const QByteArray line = log.readLine();
            const qsizetype at = line.indexOf(marker);
            if (at < 0) {
                continue;
            }
            const QByteArray statement = line.mid(at + marker.size()).trimmed();
            QString kind = QString::fromUtf8(statement.left(statement.indexOf(' ')));
            if (kind == u"PREPARE" || kind == u"EXECUTE" || kind == u"DEALLOCATE") {
                kind += QStringLiteral(" (QPSQL's prepared statements)");
            }
            ++kinds[kind];
            ++total;
        }
    }
    std::printf("statements sent during the import: %d (%.1f per article); by kind:\n", total,
        double(total) / std::max(articles, 1));
    for (const auto &[kind, count] : kinds) {
        std::printf("  %7d  %5.1f/article  %s\n", count, double(count) / std::max(articles, 1), qPrintable(kind));
    }
    QSqlQuery stats(admin);
    if (!stats.exec(QStringLiteral("SELECT calls, total_exec_time, total_plan_time, rows, "
                                   "regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                                   "ORDER BY total_exec_time + total_plan_time DESC LIMIT %1")
                .arg(top))) {
        std::fprintf(stderr, "%s\n", qPrintable(stats.lastError().text()));
        return;
    }
    std::printf("the %d statements of the most server time (pg_stat_statements; ms):\n", top);
    std::printf("  %8s %9s %8s %9s  %s\n", "calls", "exec_ms", "plan_ms", "rows", "statement");
    while (stats.next()) {
        std::printf("  %8lld %9.0f %8.0f %9lld  %s\n", stats.value(0).toLongLong(), stats.value(1).toDouble(),
            stats.value(2).toDouble(), stats.value(3).toLongLong(), qPrintable(stats.value(4).toString().left(150)));
    }
    QSqlQuery sums(admin);
    if (sums.exec(QStringLiteral("SELECT sum(calls), sum(total_exec_time + total_plan_time) FROM pg_stat_statements"))
        && sums.next()) {
        std::printf("all statements: %lld calls, %.1f s of server time\n", sums.value(0).toLongLong(),
            sums.value(1).toDouble() / 1000);
    }
    std::fflush(stdout);
}

// What one backend's round reads: the library, and the list model the window reads it through.
struct Backend {
    QString name;
    QString location;
    std::unique_ptr<Core::Library> library;
    std::unique_ptr<Ui::DocumentListModel> model;
    QHash<QString, qint64> entityIds; //!< by name: ids differ between the libraries
    std::map<QString, std::vector<double>> timings;
};

// The list model's count and first page for \a filter, as the window shows it.
void showList(Ui::DocumentListModel &model, const Core::DocumentFilter &filter)
{
    model.setFilter(filter);
    if (model.rowCount() > 0) {
        (void)model.index(0, Ui::DocumentListModel::Title).data();
        if (!filter.text.isEmpty()) {
            (void)model.index(0, Ui::DocumentListModel::Match).data(); // the page's passages
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // The list model is a QAbstractItemModel of ui/; no widget is made.
    QCoreApplication app(argc, argv);
    int articles = 200000;
    int rounds = 41;
    int threads = 0;
    int explainMs = -1;
    int statements = -1;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--articles") {
            articles = args[i + 1].toInt();
        } else if (args[i] == u"--rounds") {
            rounds = args[i + 1].toInt();
        } else if (args[i] == u"--threads") {
            threads = args[i + 1].toInt();
        } else if (args[i] == u"--explain") {
            explainMs = args[i + 1].toInt();
        } else if (args[i] == u"--statements") {
            statements = args[i + 1].toInt();
        }
    }
    QTemporaryDir dir;
    const QString corpus = dir.filePath(QStringLiteral("corpus"));
    QElapsedTimer timer;
    timer.start();
    const qint64 bytes = Bench::writeCorpus(corpus, articles);
    if (bytes < 0) {
        std::fprintf(stderr, "cannot write the corpus\n");
        return 1;
    }
    std::printf(
        "corpus articles=%d mb=%.1f written_s=%.1f\n", articles, double(bytes) / (1024 * 1024), ms(timer) / 1000);
    std::fflush(stdout);

    QStringList settings;
    if (explainMs >= 0) {
        settings << QStringLiteral("-c session_preload_libraries=auto_explain -c auto_explain.log_analyze=on "
                                   "-c auto_explain.log_min_duration=%1")
                        .arg(explainMs);
    }
    if (statements >= 0) {
        settings << QStringLiteral("-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all "
                                   "-c pg_stat_statements.track_utility=on -c log_statement=all");
    }
    const Test::PgServer server(true, settings.join(u' '));
    if (!server.isRunning()) {
        std::fprintf(stderr, "no PostgreSQL server: %s\n", qPrintable(server.error()));
        return 1;
    }
    // A connection of the bench's own, to read the server's CPU time (and its statistics).
    QSqlDatabase admin = server.connection(QStringLiteral("admin"));
    qint64 adminPid = -1;
    {
        QSqlQuery create(admin);
        if (!admin.open() || !create.exec(QStringLiteral("CREATE DATABASE dossier_bench"))
            || !create.exec(QStringLiteral("SELECT pg_backend_pid()")) || !create.next()) {
            std::fprintf(stderr, "cannot make the database: %s\n", qPrintable(admin.lastError().text()));
            return 1;
        }
        adminPid = create.value(0).toLongLong();
        if (statements >= 0 && !create.exec(QStringLiteral("CREATE EXTENSION pg_stat_statements"))) {
            std::fprintf(stderr, "no pg_stat_statements: %s\n", qPrintable(create.lastError().text()));
            return 1;
        }
    }

    std::vector<Backend> backends(2);
    backends[0].name = QStringLiteral("sqlite");
    backends[0].location = dir.filePath(QStringLiteral("bench.dossier"));
    backends[1].name = QStringLiteral("postgresql");
    backends[1].location = QStringLiteral("postgresql:///dossier_bench?host=%1&port=%2&user=postgres")
                               .arg(server.socketDir())
                               .arg(Test::PgServer::Port);

    std::map<QString, double> importSeconds;
    for (Backend &backend : backends) {
        Core::ImportRequest request;
        request.libraryPath = backend.location;
        request.paths = { corpus };
        request.threads = threads;
        const bool onServer = backend.name == u"postgresql";
        qint64 logStart = 0;
        if (onServer && statements >= 0) {
            QSqlQuery reset(admin);
            if (!reset.exec(QStringLiteral("SELECT pg_stat_statements_reset()"))) {
                std::fprintf(stderr, "%s\n", qPrintable(reset.lastError().text()));
            }
            logStart = QFileInfo(server.logPath()).size();
        }
        timer.restart();
        const double cpuBefore = Bench::cpuSeconds();
        const double serverBefore = onServer ? serverCpuSeconds(adminPid) : 0;
        const Core::ImportSummary summary = Core::importFiles(request, false);
        const double seconds = ms(timer) / 1000;
        const double cpu = Bench::cpuSeconds() - cpuBefore;
        if (!summary.fatalError.isEmpty() || summary.imported != articles) {
            std::fprintf(stderr, "import into %s failed: %s (%d of %d imported)\n", qPrintable(backend.name),
                qPrintable(summary.fatalError), summary.imported, articles);
            return 1;
        }
        importSeconds[backend.name] = seconds;
        if (onServer) {
            // The import's connection has closed: give the postmaster a moment to reap its backend.
            QThread::msleep(200);
        }
        const QString serverCpu = onServer
            ? QStringLiteral(" server_cpu_s=%1").arg(serverCpuSeconds(adminPid) - serverBefore, 0, 'f', 1)
            : QString();
        std::printf("import backend=%s seconds=%.1f articles_per_s=%.0f cpu_s=%.1f%s\n", qPrintable(backend.name),
            seconds, articles / seconds, cpu, qPrintable(serverCpu));
        std::fflush(stdout);
        if (onServer && statements >= 0) {
            printStatements(admin, server.logPath(), logStart, articles, statements);
        }
    }
    std::printf("import ratio postgresql/sqlite=%.2f (target <= 1.5)\n",
        importSeconds[QStringLiteral("postgresql")] / importSeconds[QStringLiteral("sqlite")]);

    for (Backend &backend : backends) {
        backend.library = std::make_unique<Core::Library>(backend.location);
        if (!backend.library->open()) {
            std::fprintf(stderr, "%s\n", qPrintable(backend.library->errorString()));
            return 1;
        }
        backend.model = std::make_unique<Ui::DocumentListModel>();
        backend.model->setLibrary(backend.library.get());
        for (const Core::EntitySummary &entity :
            backend.library->entities().facets({}, 8).value_or(QList<Core::EntitySummary> {})) {
            backend.entityIds.insert(entity.name, entity.id);
        }
    }
    // The inputs vary round by round (the same on both backends): the 8 entities of each type in
    // most articles (places and organisations in many, people in a few percent), queries from broad
    // to one article, articles and list pages anywhere.
    const auto entities = backends[0].library->entities().facets({}, 8).value_or(QList<Core::EntitySummary> {});
    QStringList entityKeys;
    for (const Core::EntitySummary &entity : entities) {
        entityKeys.append(entity.name);
    }
    const QStringList queries
        = { QStringLiteral("cable* OR \"export controls\""), QStringLiteral("\"disaster relief\" Manila"),
              QStringLiteral("fisheries AND Canberra"), QStringLiteral("\"port infrastructure\" NOT Tokyo"),
              QStringLiteral("Moreau AND Brandt"), QStringLiteral("NEAR(Tanabe patrols, 5)"),
              QStringLiteral("\"joint statement\" Hanoi"), QStringLiteral("\"%1\"").arg(articles / 3) };
    std::mt19937 random(17);
    if (explainMs >= 0) {
        {
            QSqlDatabase marker = server.connection(QStringLiteral("marker"), QStringLiteral("dossier_bench"));
            QSqlQuery mark(marker);
            if (!marker.open() || !mark.exec(QStringLiteral("DO $$ BEGIN RAISE LOG 'interactions-start'; END $$"))) {
                std::fprintf(stderr, "cannot mark the server log: %s\n", qPrintable(marker.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("marker"));
    }
    for (int round = 0; round < rounds; ++round) {
        const QString entityName = entityKeys.value(round % std::max<qsizetype>(entityKeys.size(), 1));
        const QString query = queries.at(round % queries.size());
        const int row = std::uniform_int_distribution<int>(0, articles - 1)(random);
        for (Backend &backend : backends) {
            Core::Library &library = *backend.library;
            Ui::DocumentListModel &model = *backend.model;
            Core::DocumentFilter byEntity;
            byEntity.entities = { backend.entityIds.value(entityName, -1) };
            timer.restart();
            showList(model, byEntity);
            backend.timings[QStringLiteral("entity_filter")].push_back(ms(timer));

            Core::DocumentFilter byText;
            byText.text = query;
            timer.restart();
            showList(model, byText);
            backend.timings[QStringLiteral("fts_query")].push_back(ms(timer));

            showList(model, {});
            timer.restart();
            (void)model.index(row, Ui::DocumentListModel::Title).data();
            backend.timings[QStringLiteral("list_page")].push_back(ms(timer));

            const qint64 id = model.index(row, 0).data(Ui::DocumentListModel::IdRole).toLongLong();
            timer.restart();
            const auto article = library.articles().get(id);
            Core::AnnotationQuery annotations;
            annotations.articles = { id };
            const auto highlights = library.annotations().list(annotations);
            backend.timings[QStringLiteral("open_article")].push_back(ms(timer));
            if (!article || !highlights) {
                std::fprintf(stderr, "cannot open article %lld on %s: %s\n", id, qPrintable(backend.name),
                    qPrintable(library.errorString()));
                return 1;
            }

            timer.restart();
            const auto found = library.documents().search(query, 50);
            backend.timings[QStringLiteral("search")].push_back(ms(timer));
            if (!found) {
                std::fprintf(stderr, "search '%s' failed on %s: %s\n", qPrintable(query), qPrintable(backend.name),
                    qPrintable(library.errorString()));
                return 1;
            }
        }
    }
    for (const QString &interaction : { QStringLiteral("entity_filter"), QStringLiteral("fts_query"),
             QStringLiteral("open_article"), QStringLiteral("list_page"), QStringLiteral("search") }) {
        for (Backend &backend : backends) {
            const std::vector<double> &values = backend.timings[interaction];
            std::printf("%-13s backend=%-10s median_ms=%7.1f p95_ms=%7.1f max_ms=%7.1f rounds=%zu\n",
                qPrintable(interaction), qPrintable(backend.name), Bench::median(values), percentile(values, 0.95),
                *std::max_element(values.begin(), values.end()), values.size());
        }
    }
    if (explainMs >= 0) {
        // Only the reads of the interactions: the import's statements are left out of the log.
        QFile log(server.logPath());
        if (log.open(QIODevice::ReadOnly)) {
            const QByteArray text = log.readAll();
            std::printf("\nplans of statements slower than %d ms (server log):\n%s\n", explainMs,
                text.mid(text.indexOf("interactions-start")).constData());
        }
    }
    return 0;
}
