// The document list grouped by story (DocumentFilter::groupCopies, schema 11): one row per story,
// its earliest listed copy (its best-ranked under a search), counted and found in SQL; the stories
// kept through re-imports and removals; an upgraded library's stories filled in; dossier-cli list
// --group-copies.

#include "clirun.h"
#include "duplicatestories.h"
#include "store/duplicatestore.h"
#include "store/filljob.h"
#include "store/library.h"
#include "storearticles.h"
#include "testbackend.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using namespace Dossier::Test;
using namespace Qt::StringLiterals;

class StoryGroupingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void groupedList_data();
    void groupedList();
    void rankedListShowsEachStoryOnceAtItsBestCopy();
    void aCopyHasItsStorysRow();
    void storiesFollowReimportsAndRemovals();
    void upgradedLibraryGetsItsStories();
    void stoppedFillGoesOnNextTime();
    void fillStoppedBeforeTheStoriesWritesNone();
    void storyFillJobFillsOffTheCallingThread();
    void cliListsOneLinePerStory();

private:
    // The library of storeLibrary(true) and \a fillers articles more, none a copy of another,
    // reopened as a library upgraded from schema 10 (no stories; no signatures either when
    // \a withoutSignatures, as one from schema 8).
    void storeUpgradedLibrary(int fillers, bool withoutSignatures);
    // The wire story in three copies (the wire, a trimmed copy, a copy with an inserted paragraph),
    // another story on the same topic, an unrelated report and a short item naming Halden.
    void storeLibrary(bool withCopies);
    // The library file, or on the PostgreSQL rerun its database's URL (testbackend.h).
    QString libraryPath() const { return testLibrary(m_dir->filePath(QStringLiteral("test.dossier"))); }
    qint64 store(const QString &name, const QString &title, const QString &body, const QString &date);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    QHash<QString, qint64> m_ids;
};

void StoryGroupingTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<Library>(libraryPath());
    QVERIFY(m_library->open());
    m_ids.clear();
}

qint64 StoryGroupingTest::store(const QString &name, const QString &title, const QString &body, const QString &date)
{
    const qint64 id = storeArticle(*m_library, m_dir->filePath(name), title, body, date, QStringLiteral("Wire"));
    m_ids.insert(name, id);
    return id;
}

void StoryGroupingTest::storeLibrary(bool withCopies)
{
    store(QStringLiteral("wire"), QStringLiteral("Halden dockers strike"), Stories::wireBody(),
        QStringLiteral("2026-03-03"));
    if (withCopies) {
        store(QStringLiteral("trimmed"), QStringLiteral("Halden dockers walk out"),
            Stories::editedCopy({ QStringLiteral("trim") }), QStringLiteral("2026-03-05"));
        store(QStringLiteral("inserted"), QStringLiteral("Halden port strike: residents divided"),
            Stories::editedCopy({ QStringLiteral("insert") }), QStringLiteral("2026-03-06"));
    }
    store(QStringLiteral("vestby"), QStringLiteral("Vestby crane drivers walk out"), Stories::sameTopicStory(),
        QStringLiteral("2026-03-04"));
    store(QStringLiteral("tokyo"), QStringLiteral("Tokyo hosts cyber talks"),
        QStringLiteral("Foreign Minister Aiko Tanabe met envoys in Tokyo for two days of talks on port security."),
        QStringLiteral("2026-03-01"));
    store(QStringLiteral("ferry"), QStringLiteral("Ferry timetable"),
        QStringLiteral("The ferry from Halden to Strömstad keeps its winter timetable until April, the operator "
                       "said."),
        QStringLiteral(""));
    for (const qint64 id : std::as_const(m_ids)) {
        QVERIFY(id > 0);
    }
}

void StoryGroupingTest::groupedList_data()
{
    QTest::addColumn<bool>("withCopies");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QDate>("from");
    // name:size/listed of each row, newest first (undated last).
    QTest::addColumn<QStringList>("rows");
    const QDate none;
    QTest::newRow("no copies: as ungrouped")
        << false << QString() << none << QStringList { u"vestby:1/1"_s, u"wire:1/1"_s, u"tokyo:1/1"_s, u"ferry:1/1"_s };
    // The story's row is its earliest copy, dated before the other story of 03-04.
    QTest::newRow("one story of 3 copies")
        << true << QString() << none << QStringList { u"vestby:1/1"_s, u"wire:3/3"_s, u"tokyo:1/1"_s, u"ferry:1/1"_s };
    // Only the inserted paragraph names the haulage firm: the story is listed as that copy.
    QTest::newRow("search matching one copy") << true << u"haulage"_s << none << QStringList { u"inserted:3/1"_s };
    QTest::newRow("period passing two copies")
        << true << QString() << QDate(2026, 3, 5) << QStringList { u"trimmed:3/2"_s };
    QTest::newRow("search matching every copy") << true << u"dockers"_s << none << QStringList { u"wire:3/3"_s };
}

void StoryGroupingTest::groupedList()
{
    QFETCH(bool, withCopies);
    QFETCH(QString, query);
    QFETCH(QDate, from);
    QFETCH(QStringList, rows);
    storeLibrary(withCopies);
    DocumentFilter filter;
    filter.text = query;
    filter.from = from;
    filter.groupCopies = true;
    const auto listed = m_library->documents().window(filter, DocumentSort::Date, Qt::DescendingOrder, 0, 50);
    QVERIFY2(listed, qPrintable(m_library->errorString()));
    QStringList got;
    for (const ArticleSummary &row : *listed) {
        got.append(QStringLiteral("%1:%2/%3").arg(m_ids.key(row.id)).arg(row.storySize).arg(row.storyMatches));
    }
    QCOMPARE(got, rows);
    QCOMPARE(m_library->documents().count(filter), qint64(rows.size()));
    // A window further on starts where the first one stopped.
    const auto rest = m_library->documents().window(filter, DocumentSort::Date, Qt::DescendingOrder, 1, 50);
    QVERIFY(rest);
    QCOMPARE(rest->size(), rows.size() - 1);
    // Ungrouped, the same filter lists every copy it passes: as many as the rows' listed copies.
    filter.groupCopies = false;
    int copies = 0;
    for (const ArticleSummary &row : *listed) {
        copies += row.storyMatches;
    }
    QCOMPARE(m_library->documents().count(filter), qint64(copies));
}

void StoryGroupingTest::rankedListShowsEachStoryOnceAtItsBestCopy()
{
    storeLibrary(true);
    DocumentFilter filter;
    filter.text = QStringLiteral("Halden");
    const auto ungrouped = m_library->documents().window(filter, DocumentSort::Relevance, Qt::DescendingOrder, 0, 50);
    QVERIFY(ungrouped);
    QCOMPARE(ungrouped->size(), 4); // three copies and the ferry item
    // Grouped: the ranked list with each story's later (worse-ranked) copies left out.
    const QSet<qint64> story { m_ids.value(u"wire"_s), m_ids.value(u"trimmed"_s), m_ids.value(u"inserted"_s) };
    QList<qint64> expected;
    bool storySeen = false;
    for (const ArticleSummary &row : *ungrouped) {
        if (story.contains(row.id)) {
            if (storySeen) {
                continue;
            }
            storySeen = true;
        }
        expected.append(row.id);
    }
    filter.groupCopies = true;
    for (const Qt::SortOrder order : { Qt::DescendingOrder, Qt::AscendingOrder }) {
        const auto grouped = m_library->documents().window(filter, DocumentSort::Relevance, order, 0, 50);
        QVERIFY2(grouped, qPrintable(m_library->errorString()));
        QList<qint64> ids;
        for (const ArticleSummary &row : *grouped) {
            ids.append(row.id);
            QCOMPARE(row.storySize, story.contains(row.id) ? 3 : 1);
            QCOMPARE(row.storyMatches, row.storySize);
        }
        if (order == Qt::AscendingOrder) {
            std::reverse(ids.begin(), ids.end());
        }
        QCOMPARE(ids, expected);
        // Every copy of a listed story has its story's row.
        for (int row = 0; row < grouped->size(); ++row) {
            const qint64 lead = grouped->at(row).id;
            for (const qint64 id : story.contains(lead) ? story.values() : QList<qint64> { lead }) {
                QCOMPARE(m_library->documents().rowOf(filter, DocumentSort::Relevance, order, id), qint64(row));
            }
        }
    }
}

void StoryGroupingTest::aCopyHasItsStorysRow()
{
    storeLibrary(true);
    DocumentFilter filter;
    filter.groupCopies = true;
    for (const DocumentSort sort : { DocumentSort::Date, DocumentSort::Title, DocumentSort::Source }) {
        for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            const auto rows = m_library->documents().window(filter, sort, order, 0, 50);
            QVERIFY(rows);
            QCOMPARE(rows->size(), 4);
            for (int row = 0; row < rows->size(); ++row) {
                QCOMPARE(m_library->documents().rowOf(filter, sort, order, rows->at(row).id), qint64(row));
            }
            const qint64 storyRow = m_library->documents().rowOf(filter, sort, order, m_ids.value(u"wire"_s)).value();
            QCOMPARE(rows->at(int(storyRow)).id, m_ids.value(u"wire"_s));
            QCOMPARE(m_library->documents().rowOf(filter, sort, order, m_ids.value(u"trimmed"_s)), storyRow);
            QCOMPARE(m_library->documents().rowOf(filter, sort, order, m_ids.value(u"inserted"_s)), storyRow);
        }
    }
    // A story the filter leaves out has no row; the copies it passes are the story's.
    filter.text = QStringLiteral("haulage");
    QCOMPARE(m_library->documents().rowOf(filter, DocumentSort::Date, Qt::DescendingOrder, m_ids.value(u"wire"_s)),
        qint64(0));
    QCOMPARE(m_library->documents().rowOf(filter, DocumentSort::Date, Qt::DescendingOrder, m_ids.value(u"vestby"_s)),
        qint64(-1));
    const auto copies = m_library->documents().storyCopies({}, m_ids.value(u"inserted"_s));
    QVERIFY(copies);
    QCOMPARE(paths(*copies), (QStringList { u"wire"_s, u"trimmed"_s, u"inserted"_s }));
    QCOMPARE(paths(*m_library->documents().storyCopies(filter, m_ids.value(u"wire"_s))), QStringList { u"inserted"_s });
}

void StoryGroupingTest::storiesFollowReimportsAndRemovals()
{
    storeLibrary(true);
    DocumentFilter grouped;
    grouped.groupCopies = true;
    const auto storyOf = [&](const QString &name) {
        const auto copies = m_library->documents().storyCopies({}, m_ids.value(name));
        return copies ? paths(*copies) : QStringList { u"error"_s };
    };
    QCOMPARE(m_library->documents().count(grouped), qint64(4));
    // The wire re-imported with another story's text leaves its story; its copies stay one story.
    QCOMPARE(storeArticle(*m_library, m_dir->filePath(u"wire"_s), u"Halden dockers strike"_s,
                 u"A new text: the regional council approved the harbour budget for next year."_s, u"2026-03-03"_s,
                 u"Wire"_s),
        m_ids.value(u"wire"_s));
    QCOMPARE(storyOf(u"wire"_s), QStringList { u"wire"_s });
    QCOMPARE(storyOf(u"inserted"_s), (QStringList { u"trimmed"_s, u"inserted"_s }));
    QCOMPARE(m_library->documents().count(grouped), qint64(5));
    // Re-imported as the wire story again, it joins them.
    QCOMPARE(storeArticle(*m_library, m_dir->filePath(u"wire"_s), u"Halden dockers strike"_s, Stories::wireBody(),
                 u"2026-03-03"_s, u"Wire"_s),
        m_ids.value(u"wire"_s));
    QCOMPARE(storyOf(u"trimmed"_s), (QStringList { u"wire"_s, u"trimmed"_s, u"inserted"_s }));
    // Removed, its copies keep their story, as copiesOf() finds it.
    QVERIFY(m_library->articles().remove(m_ids.value(u"trimmed"_s)));
    QCOMPARE(storyOf(u"inserted"_s), (QStringList { u"wire"_s, u"inserted"_s }));
    QCOMPARE(m_library->duplicates().copiesOf(m_ids.value(u"inserted"_s))->members.size(), 2);
    QCOMPARE(m_library->documents().count(grouped), qint64(4));
}

void StoryGroupingTest::upgradedLibraryGetsItsStories()
{
    DOSSIER_SKIP_ON_SERVER("strips the stories of a SQLite file");
    storeLibrary(true);
    m_library.reset();
    {
        // A library of schema 10 had signatures and no stories.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("strip"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM article_stories")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("strip"));
    m_library = std::make_unique<Library>(libraryPath());
    QVERIFY(m_library->open());
    QCOMPARE(m_library->duplicates().missingStories(), qint64(6));
    DocumentFilter grouped;
    grouped.groupCopies = true;
    QCOMPARE(m_library->documents().count(grouped), qint64(4));
    QCOMPARE(m_library->duplicates().fillMissingStories(), qint64(0));
    QCOMPARE(paths(*m_library->documents().storyCopies({}, m_ids.value(u"trimmed"_s))),
        (QStringList { u"wire"_s, u"trimmed"_s, u"inserted"_s }));
}

void StoryGroupingTest::storeUpgradedLibrary(int fillers, bool withoutSignatures)
{
    storeLibrary(true);
    for (int i = 0; i < fillers; ++i) {
        // Words of its own in every article: no two share a shingle.
        QStringList words;
        for (int w = 0; w < 24; ++w) {
            words.append(QStringLiteral("w%1x%2").arg(i).arg(w));
        }
        store(QStringLiteral("filler%1").arg(i), QStringLiteral("Filler %1").arg(i), words.join(u' '),
            QStringLiteral("2026-02-01"));
    }
    m_library.reset();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("strip"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QStringList tables { QStringLiteral("article_stories") };
        if (withoutSignatures) {
            tables << QStringLiteral("article_bands") << QStringLiteral("article_signatures");
        }
        for (const QString &table : std::as_const(tables)) {
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM %1").arg(table)));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("strip"));
    m_library = std::make_unique<Library>(libraryPath());
    QVERIFY(m_library->open());
}

void StoryGroupingTest::stoppedFillGoesOnNextTime()
{
    DOSSIER_SKIP_ON_SERVER("strips the stories and signatures of a SQLite file");
    // 306 articles without signatures: two transactions of them (256, then 50), then the stories.
    storeUpgradedLibrary(300, true);
    const qint64 total = 306;
    QCOMPARE(m_library->duplicates().missingStories(), total);
    QList<std::pair<qint64, qint64>> steps;
    const auto stopped = m_library->duplicates().fillMissingStories([&](qint64 done, qint64 all) {
        steps.append({ done, all });
        return done == 0; // stop after the first transaction
    });
    QVERIFY(!stopped);
    QCOMPARE(steps, (QList<std::pair<qint64, qint64>> { { 0, total }, { 256, total } }));
    // An article gets its story with its signature: the 256 done have theirs, the rest wait.
    QCOMPARE(m_library->duplicates().missingStories(), qint64(50));

    // Next time (another connection, as the next open): only the 50 left, then the stories.
    m_library = std::make_unique<Library>(libraryPath());
    QVERIFY(m_library->open());
    steps.clear();
    const auto filled = m_library->duplicates().fillMissingStories([&](qint64 done, qint64 all) {
        steps.append({ done, all });
        return true;
    });
    QVERIFY2(filled, qPrintable(m_library->errorString()));
    QCOMPARE(*filled, qint64(50));
    QCOMPARE(steps, (QList<std::pair<qint64, qint64>> { { 0, 50 }, { 50, 50 }, { 0, 0 } }));
    QCOMPARE(m_library->duplicates().missingStories(), qint64(0));
    DocumentFilter grouped;
    grouped.groupCopies = true;
    QCOMPARE(m_library->documents().count(grouped), qint64(304)); // the wire story's three copies are one
    QCOMPARE(paths(*m_library->documents().storyCopies({}, m_ids.value(u"inserted"_s))),
        (QStringList { u"wire"_s, u"trimmed"_s, u"inserted"_s }));
}

void StoryGroupingTest::fillStoppedBeforeTheStoriesWritesNone()
{
    DOSSIER_SKIP_ON_SERVER("strips the stories of a SQLite file");
    storeUpgradedLibrary(0, false);
    int asked = 0;
    const auto stopped = m_library->duplicates().fillMissingStories([&](qint64 done, qint64 total) {
        ++asked;
        return !(done == 0 && total == 0); // every signature is there: stop as the grouping starts
    });
    QVERIFY(!stopped);
    QCOMPARE(asked, 1); // no signature to compute: the grouping is the first step
    QCOMPARE(m_library->duplicates().missingStories(), qint64(6));
    QCOMPARE(m_library->duplicates().fillMissingStories(), qint64(6));
    QCOMPARE(m_library->duplicates().missingStories(), qint64(0));
}

void StoryGroupingTest::storyFillJobFillsOffTheCallingThread()
{
    DOSSIER_SKIP_ON_SERVER("strips the stories of a SQLite file");
    storeUpgradedLibrary(0, false);
    FillJob job(FillKind::Stories, libraryPath());
    QSignalSpy finished(&job, &FillJob::finished);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    job.waitForFinished();
    const auto summary = finished.first().first().value<FillSummary>();
    QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
    QVERIFY(!summary.canceled);
    QCOMPARE(summary.filled, qint64(6));
    QCOMPARE(m_library->duplicates().missingStories(), qint64(0));
    DocumentFilter grouped;
    grouped.groupCopies = true;
    QCOMPARE(m_library->documents().count(grouped), qint64(4));

    // A second run has nothing to do.
    finished.clear();
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().value<FillSummary>().filled, qint64(0));
}

void StoryGroupingTest::cliListsOneLinePerStory()
{
    storeLibrary(true);
    // The window's rows, with the story's counts; newest first as the window's first order.
    DocumentFilter filter;
    filter.from = QDate(2026, 3, 4);
    filter.groupCopies = true;
    const auto window = m_library->documents().window(filter, DocumentSort::Date, Qt::DescendingOrder, 0, 50);
    QVERIFY(window);
    const CliRun run
        = runCli({ u"list"_s, u"--library"_s, libraryPath(), u"--from"_s, u"2026-03-04"_s, u"--group-copies"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QJsonObject> lines = run.lines();
    QCOMPARE(lines.size(), window->size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QCOMPARE(lines.at(i).value(u"id"_s).toInteger(), window->at(i).id);
        QCOMPARE(lines.at(i).value(u"copies"_s).toInt(), window->at(i).storySize);
        QCOMPARE(lines.at(i).value(u"listed_copies"_s).toInt(), window->at(i).storyMatches);
    }
    // The trimmed copy (03-05) stands for the wire story, two of its three copies listed.
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).value(u"id"_s).toInteger(), m_ids.value(u"trimmed"_s));
    QCOMPARE(lines.at(0).value(u"listed_copies"_s).toInt(), 2);
    // Without the flag, every article and no counts.
    const CliRun plain = runCli({ u"list"_s, u"--library"_s, libraryPath(), u"--from"_s, u"2026-03-04"_s });
    QCOMPARE(plain.exitCode, 0);
    QCOMPARE(plain.lines().size(), 3);
    QVERIFY(!plain.lines().front().contains(u"copies"_s));
}

QTEST_GUILESS_MAIN(StoryGroupingTest)
#include "storygrouping_test.moc"
