// Views benchmark (issue 16's target: each view under 200 ms at 100,000 articles): the time to compute
// each view of the window and the CLI, through the same core calls they make, for the whole library
// and for filtered lists; what near-duplicate detection costs per imported article; peak RSS.
//   dossier-viewbench [--articles N] [--library PATH] [--runs R] [--former-runs R] [--only NAME]
// The library is built from CorpusGenerator::storyArticle() (stories of five articles sharing a cast
// and a day, 2% copies), analysed as an import analyses, or reused when PATH exists. Each figure is the
// median of R runs (default 5), wall-clock and CPU milliseconds. --only runs the views whose name
// contains NAME. Co-occurrence by article is also computed by the statements it ran before 2026-12-07
// (median of --former-runs, default 1: they take seconds), and the two answers compared; so are
// timeline events and co-occurrence by sentence from the bodies (a copy of the library without
// schema 14's sentence rows, PATH.without-sentence-rows, made once) and from the rows, alternately.
#include "analysis/analyzer.h"
#include "analysis/nearduplicates.h"
#include "benchclock.h"
#include "corpusgenerator.h"
#include "store/documentorder_p.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>
#include <sys/resource.h>

using namespace Dossier;

namespace
{

double peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024;
}

struct Timing {
    double wallMs = 0;
    double cpuMs = 0;
};

// The median of \a runs calls of \a view (which returns a size to print, or -1 when it failed).
std::optional<std::pair<Timing, qint64>> timed(int runs, const std::function<qint64()> &view)
{
    std::vector<double> wall;
    std::vector<double> cpu;
    qint64 size = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = Bench::cpuSeconds();
        size = view();
        cpu.push_back((Bench::cpuSeconds() - cpuBefore) * 1000);
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (size < 0) {
            return std::nullopt;
        }
    }
    return std::pair { Timing { Bench::median(wall), Bench::median(cpu) }, size };
}

struct Filter {
    QString name;
    Core::DocumentFilter filter;
};

struct View {
    QString name;
    QString unit; // what the printed size counts
    std::function<qint64(const Core::DocumentFilter &)> compute;
    bool filtered = true; // false: the view has no filter (computed once, for the whole library)
};

// Near-duplicate detection's own work per imported article (the MinHash signature over the body's word
// shingles and its band keys), against the rest of the analysis of the same articles.
void nearDuplicateCost(int sample)
{
    const Core::Analyzer analyzer;
    QList<QString> bodies;
    double analysisCpu = 0;
    for (int i = 0; i < sample; ++i) {
        const QByteArray bytes = Bench::CorpusGenerator::storyArticle(i);
        const double before = Bench::cpuSeconds();
        const Core::Article article = analyzer.analyzeBytes(QStringLiteral("/sample/%1.txt").arg(i), bytes).article;
        analysisCpu += Bench::cpuSeconds() - before;
        bodies.append(article.body);
    }
    const double before = Bench::cpuSeconds();
    qint64 keys = 0;
    for (const QString &body : std::as_const(bodies)) {
        if (const auto signature = Core::NearDuplicates::signature(body)) {
            keys += qint64(Core::NearDuplicates::bandKeys(*signature).size());
        }
    }
    const double signatureCpu = Bench::cpuSeconds() - before;
    std::printf("near-duplicate detection per imported article: signature + band keys %.1f us CPU (%lld keys), "
                "against %.2f ms for the rest of its analysis (+%.1f%%), mean of %d articles\n",
        signatureCpu * 1e6 / sample, keys / std::max(sample, 1), analysisCpu * 1e3 / sample,
        100 * signatureCpu / std::max(analysisCpu, 1e-9), sample);
}

using Pairs = QHash<std::pair<qint64, qint64>, int>; // (lower id, higher id) -> articles naming both

// Who appears with whom by article as CooccurrenceQuery computed it before 2026-12-07, for the before and
// after figures of one run and to check that the answers stayed the same: N, c(x) and the self-join of
// the filtered links grouped by pair, in SQLite (people, organisations and places; at least 2).
std::optional<Pairs> formerArticlePairs(const QString &path, const Core::DocumentFilter &filter)
{
    const QString connection = QStringLiteral("former");
    std::optional<Pairs> pairs;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            return std::nullopt;
        }
        QVariantList idBinds;
        const QString ids = Core::idSet(filter, &idBinds, Core::Library::Backend::Sqlite);
        const auto links = [&](const QString &alias) {
            return ids.isEmpty()
                ? QStringLiteral("article_entities %1").arg(alias)
                : QStringLiteral("(%1) f CROSS JOIN article_entities %2 ON %2.article_id = f.id").arg(ids, alias);
        };
        const QString types = QStringLiteral("'PERSON','ORG','LOCATION'");
        const auto run
            = [&](const QString &sql, const QVariantList &binds, const std::function<void(QSqlQuery &)> &row) {
                  QSqlQuery query(db);
                  query.setForwardOnly(true);
                  query.prepare(sql);
                  for (const QVariant &bind : binds) {
                      query.addBindValue(bind);
                  }
                  if (!query.exec()) {
                      std::fprintf(stderr, "former statement failed: %s\n", qPrintable(query.lastError().text()));
                      return false;
                  }
                  while (query.next()) {
                      row(query);
                  }
                  return true;
              };
        const auto ignore = [](QSqlQuery &) { };
        Pairs found;
        if (run(QStringLiteral("SELECT COUNT(DISTINCT ae.article_id) FROM %1 JOIN entities e ON e.id = ae.entity_id "
                               "WHERE e.type IN (%2)")
                    .arg(links(QStringLiteral("ae")), types),
                idBinds, ignore)
            && run(QStringLiteral("SELECT e.id, e.name, e.type, COUNT(*) AS n FROM %1 JOIN entities e ON e.id = "
                                  "ae.entity_id WHERE e.type IN (%2) GROUP BY ae.entity_id HAVING COUNT(*) >= 2")
                       .arg(links(QStringLiteral("ae")), types),
                idBinds, ignore)
            && run(QStringLiteral("WITH n(id) AS (SELECT ae.entity_id FROM %1 JOIN entities e ON e.id = ae.entity_id "
                                  "WHERE e.type IN (%2) GROUP BY ae.entity_id HAVING COUNT(*) >= 2) "
                                  "SELECT x.entity_id, y.entity_id, COUNT(*) AS c FROM %3 JOIN article_entities y ON "
                                  "y.article_id = x.article_id AND y.entity_id > x.entity_id WHERE x.entity_id IN n "
                                  "AND +y.entity_id IN n GROUP BY x.entity_id, y.entity_id HAVING COUNT(*) >= 2")
                       .arg(links(QStringLiteral("ae")), types, links(QStringLiteral("x"))),
                idBinds + idBinds, [&](QSqlQuery &query) {
                    found.insert({ query.value(0).toLongLong(), query.value(1).toLongLong() }, query.value(2).toInt());
                })) {
            pairs = found;
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return pairs;
}

Pairs pairsOf(const Core::Cooccurrences &found)
{
    Pairs pairs;
    for (const Core::CooccurrencePair &pair : found.pairs) {
        pairs.insert({ std::min(pair.a.id, pair.b.id), std::max(pair.a.id, pair.b.id) }, pair.count);
    }
    return pairs;
}

// An event list as text, to compare the answers of two libraries: each event's date, its reports
// (article, sentence start, date start) and its entities (id, documents).
QStringList eventsText(const QList<Core::TimelineEvent> &events)
{
    QStringList lines;
    for (const Core::TimelineEvent &event : events) {
        QStringList parts { event.date, QString::number(event.articles) };
        for (const Core::EventReport &report : event.reports) {
            parts.append(QStringLiteral("%1@%2:%3-%4/%5")
                    .arg(report.articleId)
                    .arg(report.start)
                    .arg(report.dateStart)
                    .arg(report.endCodePoint)
                    .arg(report.sentence.size()));
        }
        for (const Core::EntitySummary &entity : event.entities) {
            parts.append(QStringLiteral("e%1x%2").arg(entity.id).arg(entity.documents));
        }
        lines.append(parts.join(u' '));
    }
    return lines;
}

// A copy of the library at \a path without schema 14's sentence rows (so that its timeline events and
// co-occurrence by sentence read the bodies, as before them), made once beside it.
bool copyWithoutSentenceRows(const QString &path, const QString &copy)
{
    if (QFileInfo::exists(copy)) {
        return true;
    }
    {
        Core::Library library(path); // migrated first; its last connection's close checkpoints the log
        if (!library.open()) {
            return false;
        }
    }
    QFile::remove(copy + QStringLiteral(".part"));
    if (!QFile::copy(path, copy + QStringLiteral(".part"))) {
        std::fprintf(stderr, "cannot copy %s\n", qPrintable(path));
        return false;
    }
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("without"));
        db.setDatabaseName(copy + QStringLiteral(".part"));
        QSqlQuery query(db);
        ok = db.open() && query.exec(QStringLiteral("DELETE FROM article_sentences"))
            && query.exec(QStringLiteral("DELETE FROM article_events"));
        if (!ok) {
            std::fprintf(stderr, "cannot empty the sentence rows: %s\n", qPrintable(query.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("without"));
    return ok && QFile::rename(copy + QStringLiteral(".part"), copy);
}

// The size of \a tables in the library at \a path (SQLite's dbstat: their pages and their indexes').
double tablesMb(const QString &path, const QStringList &tables)
{
    double bytes = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("sizes"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery query(db);
        if (db.open()
            && query.exec(QStringLiteral("SELECT SUM(pgsize) FROM dbstat WHERE name IN ('%1') OR name IN (SELECT name "
                                         "FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('%1'))")
                    .arg(tables.join(QLatin1String("', '"))))
            && query.next()) {
            bytes = query.value(0).toDouble();
        } else {
            std::fprintf(stderr, "dbstat: %s\n", qPrintable(query.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sizes"));
    return bytes / (1024 * 1024);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // "--name value" pairs.
    QHash<QString, QString> given;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        given.insert(args[i], args[i + 1]);
    }
    const int articles = given.value(QStringLiteral("--articles"), QStringLiteral("100000")).toInt();
    const int runs = std::max(1, given.value(QStringLiteral("--runs"), QStringLiteral("5")).toInt());
    const int formerRuns = std::max(1, given.value(QStringLiteral("--former-runs"), QStringLiteral("1")).toInt());
    const QString only = given.value(QStringLiteral("--only"));
    const QTemporaryDir dir;
    const QString path = given.value(QStringLiteral("--library"), dir.filePath(QStringLiteral("views.dossier")));
    if (!Bench::makeLibrary(path, articles, QStringLiteral("stories"), &Bench::CorpusGenerator::storyArticle)) {
        return 1;
    }
    // Copied while no connection is open, so the file holds everything (no write-ahead log beside it).
    const QString withoutRows = path + QStringLiteral(".without-sentence-rows");
    if ((only.isEmpty() || only.contains(QLatin1String("sentence rows")))
        && !copyWithoutSentenceRows(path, withoutRows)) {
        return 1;
    }

    Core::Library library(path);
    if (!library.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
        return 1;
    }
    // An upgraded library gets its signatures and stories once, before anything is timed.
    if (!library.duplicates().fillMissingStories()) {
        std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
        return 1;
    }

    // Schema 14: a library made before it gets each article's sentence rows once (timed: what they
    // cost an article, read back from its body and mentions, computed and written).
    if (const auto missing = library.timeline().missingSentenceRows(); missing && *missing > 0) {
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = Bench::cpuSeconds();
        const auto filled = library.timeline().fillSentenceRows();
        if (!filled) {
            std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
            return 1;
        }
        const double wall = double(timer.nsecsElapsed()) / 1e9;
        const double cpu = Bench::cpuSeconds() - cpuBefore;
        std::printf("sentence rows filled for %lld articles: %.1f s (CPU %.1f s), %.2f ms (CPU %.2f ms) an article\n",
            *filled, wall, cpu, wall * 1e3 / double(std::max<qint64>(*filled, 1)),
            cpu * 1e3 / double(std::max<qint64>(*filled, 1)));
    }
    std::printf("sentence rows: article_sentences %.1f MB, article_events %.1f MB, of the library's %.0f MB\n",
        tablesMb(path, { QStringLiteral("article_sentences") }), tablesMb(path, { QStringLiteral("article_events") }),
        double(QFileInfo(path).size()) / (1024 * 1024));

    // The filters: none, the most named person ticked, and a full-text query.
    const auto facets = library.entities().facets({}, 1);
    Core::DocumentFilter byEntity;
    QString person;
    for (const Core::EntitySummary &entity : facets.value_or(QList<Core::EntitySummary> {})) {
        if (entity.type == Core::EntityType::Person) {
            byEntity.entities = { entity.id };
            person = entity.name;
        }
    }
    Core::DocumentFilter byText;
    byText.text = QStringLiteral("cable* OR \"export controls\"");
    const QList<Filter> filters { { QStringLiteral("whole library"), {} },
        { QStringLiteral("entity \"%1\"").arg(person), byEntity },
        { QStringLiteral("query %1").arg(byText.text), byText } };
    std::printf("opened: peak RSS %.0f MB\n", peakRssMb());
    for (const Filter &filter : filters) {
        std::printf("filter %s: %lld articles\n", qPrintable(filter.name),
            library.documents().count(filter.filter).value_or(-1));
    }

    // Saved searches of the two filters (kept in the library; saving again replaces them).
    for (const Filter &filter : filters.mid(1)) {
        auto search = library.savedSearches().fromFilter(filter.filter);
        if (search) {
            search->name = QStringLiteral("bench: %1").arg(filter.name);
            library.savedSearches().save(*search);
        }
    }

    auto &timeline = library.timeline();
    auto &pairs = library.cooccurrence();
    const QList<View> views {
        { QStringLiteral("timeline articles by month"), QStringLiteral("months"),
            [&](const Core::DocumentFilter &f) {
                const auto counts = timeline.counts(f, Core::Dates::Precision::Month);
                return counts ? qint64(counts->buckets.size()) : -1;
            } },
        { QStringLiteral("timeline articles by day"), QStringLiteral("days"),
            [&](const Core::DocumentFilter &f) {
                const auto counts = timeline.counts(f, Core::Dates::Precision::Day);
                return counts ? qint64(counts->buckets.size()) : -1;
            } },
        { QStringLiteral("timeline events"), QStringLiteral("events"),
            [&](const Core::DocumentFilter &f) {
                const auto events = timeline.events(f);
                return events ? qint64(events->size()) : -1;
            } },
        { QStringLiteral("timeline event dates"), QStringLiteral("dates"),
            [&](const Core::DocumentFilter &f) {
                const auto dates = timeline.eventDates(f);
                return dates ? qint64(dates->size()) : -1;
            } },
        // What the window reads before it shows the events: the dates, then the first page's events.
        { QStringLiteral("timeline events first page"), QStringLiteral("events"),
            [&](const Core::DocumentFilter &f) {
                const auto dates = timeline.eventDates(f);
                const auto events = dates ? timeline.events(f, Core::eventDatesPage(*dates, 0, 2000)) : std::nullopt;
                return events ? qint64(events->size()) : -1;
            } },
        { QStringLiteral("cooccurrence by article"), QStringLiteral("pairs"),
            [&](const Core::DocumentFilter &f) {
                const auto found = pairs.pairs(f);
                return found ? qint64(found->pairs.size()) : -1;
            } },
        { QStringLiteral("cooccurrence by sentence"), QStringLiteral("pairs"),
            [&](const Core::DocumentFilter &f) {
                Core::CooccurrenceOptions options;
                options.scope = Core::CooccurrenceScope::Sentence;
                const auto found = pairs.pairs(f, options);
                return found ? qint64(found->pairs.size()) : -1;
            } },
        { QStringLiteral("grouped list first page"), QStringLiteral("stories"),
            [&](Core::DocumentFilter f) {
                f.groupCopies = true;
                const auto counted = library.documents().count(f);
                const auto page = library.documents().window(f, Core::DocumentSort::Date, Qt::DescendingOrder, 0, 128);
                return counted && page ? *counted : -1;
            } },
        { QStringLiteral("copies clusters"), QStringLiteral("clusters"),
            [&](const Core::DocumentFilter &) {
                const auto clusters = library.duplicates().clusters();
                return clusters ? qint64(clusters->size()) : -1;
            },
            false },
        { QStringLiteral("saved-search counts"), QStringLiteral("searches"),
            [&](const Core::DocumentFilter &) {
                const auto all = library.savedSearches().all();
                return all ? qint64(all->size()) : -1;
            },
            false },
    };
    bool failed = false;
    for (const View &view : views) {
        if (!only.isEmpty() && !view.name.contains(only)) {
            continue;
        }
        for (const Filter &filter : filters) {
            if (!view.filtered && !filter.filter.isEmpty()) {
                continue;
            }
            const auto result = timed(runs, [&] { return view.compute(filter.filter); });
            if (!result) {
                std::printf("%s, %s: failed: %s\n", qPrintable(view.name), qPrintable(filter.name),
                    qPrintable(library.errorString()));
                failed = true;
                continue;
            }
            const auto &[timing, size] = *result;
            std::printf("%-28s %-40s %9.1f ms (CPU %9.1f ms)  %lld %s; peak RSS so far %.0f MB%s\n",
                qPrintable(view.name),
                qPrintable(view.filtered ? filter.name : QStringLiteral("(whole library; no filter)")), timing.wallMs,
                timing.cpuMs, size, qPrintable(view.unit), peakRssMb(), timing.wallMs < 200 ? "" : "  over 200 ms");
            std::fflush(stdout);
        }
    }
    // Before and after: the former article-scope statements against CooccurrenceQuery now, same answers.
    if (only.isEmpty() || QStringLiteral("cooccurrence by article").contains(only)) {
        for (const Filter &filter : filters) {
            std::optional<Pairs> former;
            const auto before = timed(formerRuns, [&] {
                former = formerArticlePairs(path, filter.filter);
                return former ? qint64(former->size()) : -1;
            });
            const auto now = pairs.pairs(filter.filter);
            if (!before || !now) {
                std::printf("cooccurrence by article, %s: the former statements failed\n", qPrintable(filter.name));
                failed = true;
                continue;
            }
            const bool same = pairsOf(*now) == *former;
            std::printf("cooccurrence by article before (the former self-join), %s: %.1f ms (CPU %.1f ms), %lld pairs; "
                        "the same pairs and counts as now: %s\n",
                qPrintable(filter.name), before->first.wallMs, before->first.cpuMs, before->second,
                same ? "yes" : "NO");
            failed = failed || !same;
            std::fflush(stdout);
        }
    }
    // Before and after schema 14: timeline events and co-occurrence by sentence from the bodies (the
    // copy without sentence rows) and from the rows, alternately, --former-runs times each; same answers.
    if (only.isEmpty() || only.contains(QLatin1String("sentence rows"))) {
        Core::Library without(withoutRows);
        if (!without.open()) {
            std::fprintf(stderr, "%s\n", qPrintable(without.errorString()));
            return 1;
        }
        struct Compared {
            QString name;
            std::function<QStringList(Core::Library &, const Core::DocumentFilter &)> compute;
        };
        const QList<Compared> compared {
            { QStringLiteral("timeline events"),
                [](Core::Library &on, const Core::DocumentFilter &f) {
                    const auto events = on.timeline().events(f);
                    return events ? eventsText(*events) : QStringList { QStringLiteral("failed") };
                } },
            { QStringLiteral("cooccurrence by sentence"),
                [](Core::Library &on, const Core::DocumentFilter &f) {
                    Core::CooccurrenceOptions options;
                    options.scope = Core::CooccurrenceScope::Sentence;
                    const auto found = on.cooccurrence().pairs(f, options);
                    if (!found) {
                        return QStringList { QStringLiteral("failed") };
                    }
                    QStringList lines { QStringLiteral("units %1 articles %2 truncated %3")
                            .arg(found->units)
                            .arg(found->articles)
                            .arg(found->truncated) };
                    for (const Core::CooccurrencePair &pair : found->pairs) {
                        lines.append(QStringLiteral("%1 %2 %3 %4 %5")
                                .arg(pair.a.id)
                                .arg(pair.b.id)
                                .arg(pair.count)
                                .arg(pair.a.documents)
                                .arg(pair.b.documents));
                    }
                    return lines;
                } },
        };
        for (const Compared &view : compared) {
            for (const Filter &filter : filters) {
                std::vector<double> beforeWall, beforeCpu, afterWall, afterCpu;
                QStringList fromBodies;
                QStringList fromRows;
                for (int run = 0; run < formerRuns; ++run) {
                    for (const bool rows : { false, true }) {
                        QElapsedTimer timer;
                        timer.start();
                        const double cpuBefore = Bench::cpuSeconds();
                        (rows ? fromRows : fromBodies) = view.compute(rows ? library : without, filter.filter);
                        (rows ? afterCpu : beforeCpu).push_back((Bench::cpuSeconds() - cpuBefore) * 1000);
                        (rows ? afterWall : beforeWall).push_back(double(timer.nsecsElapsed()) / 1e6);
                    }
                }
                const bool same = fromRows == fromBodies && !fromRows.contains(QStringLiteral("failed"));
                std::printf("%s, %s: from the bodies %.1f ms (CPU %.1f ms), from the sentence rows %.1f ms (CPU %.1f "
                            "ms), median of %d alternating runs; %lld lines, the same answers: %s\n",
                    qPrintable(view.name), qPrintable(filter.name), Bench::median(beforeWall), Bench::median(beforeCpu),
                    Bench::median(afterWall), Bench::median(afterCpu), formerRuns, qint64(fromRows.size()),
                    same ? "yes" : "NO");
                failed = failed || !same;
                std::fflush(stdout);
            }
        }
    }
    if (only.isEmpty()) {
        nearDuplicateCost(2000);
    }
    std::printf("library %s: %lld articles, %.0f MB; median of %d runs; peak RSS %.0f MB\n", qPrintable(path),
        library.articles().count().value_or(-1), double(QFileInfo(path).size()) / (1024 * 1024), runs, peakRssMb());
    return failed ? 1 : 0;
}
