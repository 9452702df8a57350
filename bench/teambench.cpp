// Team library benchmark (issue 17): one generated corpus imported into a SQLite library and into a
// team library on a throwaway local PostgreSQL cluster (tests/pgserver.h, commits synced to disk as
// SQLite's are), then the window's interactions and the CLI's search timed on both, alternating
// backend by backend in each round so that both see the same load:
//   entity_filter  the document list filtered by one entity: its count and first page of rows
//   fts_query      the list filtered by a full-text query: count, first page and the page's matches
//   open_article   an article as the reader opens it: the article and its annotations
//   list_page      a page of the whole list scrolled to a random place, by date
//   search         dossier-cli search QUERY: the best 50 matches with their snippets
// It prints each backend's import time, then the median and p95 of each interaction.
//   dossier-teambench [--articles N] [--rounds R] [--threads T] [--explain MS]
// --explain MS: the server logs the plan (EXPLAIN ANALYZE, by auto_explain) of each statement
// slower than MS milliseconds; they are printed at the end.
#include "../tests/pgserver.h"
#include "benchclock.h"
#include "corpusgenerator.h"
#include "documentlistmodel.h"
#include "import/importjob.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <map>
#include <random>

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

    const Test::PgServer server(true,
        explainMs < 0 ? QString()
                      : QStringLiteral("-c session_preload_libraries=auto_explain -c auto_explain.log_analyze=on "
                                       "-c auto_explain.log_min_duration=%1")
                            .arg(explainMs));
    if (!server.isRunning()) {
        std::fprintf(stderr, "no PostgreSQL server: %s\n", qPrintable(server.error()));
        return 1;
    }
    {
        QSqlDatabase admin = server.connection(QStringLiteral("admin"));
        QSqlQuery create(admin);
        if (!admin.open() || !create.exec(QStringLiteral("CREATE DATABASE dossier_bench"))) {
            std::fprintf(stderr, "cannot make the database: %s\n", qPrintable(admin.lastError().text()));
            return 1;
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));

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
        timer.restart();
        const double cpuBefore = Bench::cpuSeconds();
        const Core::ImportSummary summary = Core::importFiles(request, false);
        const double seconds = ms(timer) / 1000;
        if (!summary.fatalError.isEmpty() || summary.imported != articles) {
            std::fprintf(stderr, "import into %s failed: %s (%d of %d imported)\n", qPrintable(backend.name),
                qPrintable(summary.fatalError), summary.imported, articles);
            return 1;
        }
        importSeconds[backend.name] = seconds;
        std::printf("import backend=%s seconds=%.1f articles_per_s=%.0f cpu_s=%.1f\n", qPrintable(backend.name),
            seconds, articles / seconds, Bench::cpuSeconds() - cpuBefore);
        std::fflush(stdout);
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
