// The timeline: articles by publication period, events from DATE mentions with their sentences,
// grouped across articles; the publication-period filter; sentence bounds; `dossier-cli timeline`
// and its exports (CSV, SVG, PNG).

#include "analysis/analyzer.h"
#include "analysis/dates.h"
#include "analysis/sentences.h"
#include "clirun.h"
#include "import/retagger.h"
#include "store/library.h"
#include "testbackend.h"
#include "timelinearticles.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using namespace Dossier::Test;
using namespace Qt::StringLiterals;
using namespace Dossier::Test::TimelineArticles;

class TimelineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void periods_data();
    void periods();
    void sentenceBounds_data();
    void sentenceBounds();
    void countsByPeriod_data();
    void countsByPeriod();
    void periodFilterNarrowsTheList();
    void eventsGroupReportsOfOneDayAcrossArticles();
    void eventsFollowTheFilter();
    void datelinesAreNoEvents();
    void eventsComeAPageOfDatesAtATime_data();
    void eventsComeAPageOfDatesAtATime();
    void eventsFollowReimportRemovalAndCorrections();
    void cliPrintsCountsAndEvents();
    void cliExportsTheTimeline_data();
    void cliExportsTheTimeline();
    void cliDrawsThePngWithoutADisplay();
    void cliRefusesExportsItCannotWrite_data();
    void cliRefusesExportsItCannotWrite();

private:
    void store(const QString &name, const char *text);
    void retagAll();
    QStringList eventEntities(const QString &date);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
};

void TimelineTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<Library>(Dossier::Test::testLibrary(m_dir->filePath(u"timeline.dossier"_s)));
    QVERIFY2(m_library->open(), qPrintable(m_library->errorString()));
    store(u"visit-1.txt"_s, visitFirst);
    store(u"visit-2.txt"_s, visitSecond);
    store(u"drill.txt"_s, drill);
    store(u"note.txt"_s, undated);
}

void TimelineTest::store(const QString &name, const char *text)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    const AnalyzeResult result = Analyzer().analyzeFile(path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY2(m_library->articles().store(result.article), qPrintable(m_library->errorString()));
}

void TimelineTest::retagAll()
{
    for (int round = 0; round < 100; ++round) {
        const auto done = Retagger(*m_library).retagPending(8);
        QVERIFY2(done, qPrintable(m_library->errorString()));
        if (*done == 0) {
            break;
        }
    }
    QCOMPARE(m_library->curation().pendingRetags(), 0);
}

// The names of the events of \a date, each event's "name TYPE, …" joined by " | ".
QStringList TimelineTest::eventEntities(const QString &date)
{
    const auto events = m_library->timeline().events({});
    if (!events) {
        qWarning() << m_library->errorString();
        return { u"failed"_s };
    }
    QStringList found;
    for (const TimelineEvent &event : *events) {
        if (event.date != date) {
            continue;
        }
        QStringList names;
        for (const EntitySummary &entity : event.entities) {
            names.append(entity.name + u' ' + entityTypeName(entity.type));
        }
        found.append(u"%1 reports: "_s.arg(event.reports.size()) + names.join(u", "_s));
    }
    return found;
}

void TimelineTest::periods_data()
{
    QTest::addColumn<QString>("iso");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::addColumn<QString>("precision");
    QTest::newRow("year") << u"2024"_s << u"2024-01-01"_s << u"2024-12-31"_s << u"year"_s;
    QTest::newRow("month") << u"2024-02"_s << u"2024-02-01"_s << u"2024-02-29"_s << u"month"_s;
    QTest::newRow("day") << u"2026-02-12"_s << u"2026-02-12"_s << u"2026-02-12"_s << u"day"_s;
    QTest::newRow("date and time") << u"2026-03-11T06:45:00+01:00"_s << u"2026-03-11"_s << u"2026-03-11"_s << u"day"_s;
    QTest::newRow("week") << u"2026-W07"_s << u"2026-02-09"_s << u"2026-02-15"_s << u"week"_s;
    QTest::newRow("week 1 in the year before") << u"2025-W01"_s << u"2024-12-30"_s << u"2025-01-05"_s << u"week"_s;
    QTest::newRow("week 53 of a year of 52") << u"2025-W53"_s << QString() << QString() << QString();
    QTest::newRow("week 53") << u"2026-W53"_s << u"2026-12-28"_s << u"2027-01-03"_s << u"week"_s;
    QTest::newRow("month 13") << u"2026-13"_s << QString() << QString() << QString();
    QTest::newRow("31 February") << u"2026-02-31"_s << QString() << QString() << QString();
    QTest::newRow("words") << u"February"_s << QString() << QString() << QString();
    QTest::newRow("empty") << QString() << QString() << QString() << QString();
}

void TimelineTest::periods()
{
    QFETCH(QString, iso);
    QFETCH(QString, first);
    QFETCH(QString, last);
    QFETCH(QString, precision);
    const Dates::Period period = Dates::period(iso);
    QCOMPARE(period.isValid(), !first.isEmpty());
    if (first.isEmpty()) {
        return;
    }
    QCOMPARE(period.first.toString(Qt::ISODate), first);
    QCOMPARE(period.last.toString(Qt::ISODate), last);
    QCOMPARE(Dates::precisionName(period.precision), precision);
    // Its first day lies in the period of that name.
    QCOMPARE(Dates::period(Dates::periodName(period.first, period.precision)).first, period.first);
}

void TimelineTest::sentenceBounds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("inside");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("middle of three") << u"One came first. Then the talks on 3 March began. A third one."_s
                                     << u"3 March"_s << u"Then the talks on 3 March began."_s;
    QTest::newRow("title") << u"Talks ended. Mr. Tanabe left on Friday. Nobody spoke."_s << u"Friday"_s
                           << u"Mr. Tanabe left on Friday."_s;
    QTest::newRow("initial") << u"Derek C. Bok spoke on Monday. Then he left."_s << u"Monday"_s
                             << u"Derek C. Bok spoke on Monday."_s;
    QTest::newRow("abbreviated month") << u"It began. The attack on Feb. 9 hit ports. It ended."_s << u"Feb. 9"_s
                                       << u"The attack on Feb. 9 hit ports."_s;
    QTest::newRow("acronym") << u"The U.S. Navy sailed in May. It returned."_s << u"May"_s
                             << u"The U.S. Navy sailed in May."_s;
    QTest::newRow("quotation") << u"It rained. \"We sign in June,\" she said. Then rain."_s << u"June"_s
                               << u"\"We sign in June,\" she said."_s;
    QTest::newRow("closing quote") << u"\"The talks end in May.\" He left."_s << u"May"_s
                                   << u"\"The talks end in May.\""_s;
    QTest::newRow("decimal") << u"Growth was 3.5 percent in 2025 and more. Next."_s << u"2025"_s
                             << u"Growth was 3.5 percent in 2025 and more."_s;
    QTest::newRow("line break ends it") << u"Headline in May\nThe body begins"_s << u"May"_s << u"Headline in May"_s;
    QTest::newRow("lower case after a dot") << u"Sales rose in the U.S. in May and fell. Done."_s << u"May"_s
                                            << u"Sales rose in the U.S. in May and fell."_s;
}

void TimelineTest::sentenceBounds()
{
    QFETCH(QString, text);
    QFETCH(QString, inside);
    QFETCH(QString, sentence);
    const qsizetype at = text.indexOf(inside);
    QVERIFY(at >= 0);
    const auto [begin, end] = sentenceAround(text, at, at + inside.size());
    QCOMPARE(text.mid(begin, end - begin), sentence);
}

void TimelineTest::countsByPeriod_data()
{
    QTest::addColumn<QString>("precision");
    QTest::addColumn<QStringList>("periods");
    QTest::addColumn<QList<int>>("articles");
    QTest::newRow("year") << u"year"_s << QStringList { u"2026"_s } << QList<int> { 3 };
    QTest::newRow("month") << u"month"_s << QStringList { u"2026-02"_s, u"2026-03"_s } << QList<int> { 2, 1 };
    QTest::newRow("week") << u"week"_s << QStringList { u"2026-W07"_s, u"2026-W08"_s, u"2026-W09"_s, u"2026-W10"_s }
                          << QList<int> { 2, 0, 0, 1 };
}

void TimelineTest::countsByPeriod()
{
    QFETCH(QString, precision);
    QFETCH(QStringList, periods);
    QFETCH(QList<int>, articles);
    Dates::Precision p;
    QVERIFY(Dates::precisionFromName(precision, &p));
    const auto counts = m_library->timeline().counts({}, p);
    QVERIFY2(counts, qPrintable(m_library->errorString()));
    QStringList gotPeriods;
    QList<int> gotArticles;
    for (const TimelineBucket &bucket : counts->buckets) {
        gotPeriods.append(bucket.period);
        gotArticles.append(bucket.articles);
        QCOMPARE(Dates::period(bucket.period).first, bucket.first);
        QCOMPARE(Dates::period(bucket.period).last, bucket.last);
    }
    QCOMPARE(gotPeriods, periods);
    QCOMPARE(gotArticles, articles);
    QCOMPARE(counts->undated, 1);
}

void TimelineTest::periodFilterNarrowsTheList()
{
    DocumentFilter february;
    february.from = QDate(2026, 2, 13);
    february.to = QDate(2026, 3, 2); // the last day counts
    QCOMPARE(m_library->documents().count(february), 2);
    const auto days = m_library->timeline().counts(february, Dates::Precision::Day);
    QVERIFY(days);
    QCOMPARE(days->buckets.constFirst().period, u"2026-02-14"_s);
    QCOMPARE(days->buckets.constLast().period, u"2026-03-02"_s);
    QCOMPARE(days->buckets.size(), 17); // the days between, filled with zeros
    QCOMPARE(days->undated, 0);

    ListQuery open;
    open.to = QDate(2026, 2, 12);
    const auto rows = m_library->documents().list(open);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->constFirst().title, u"Tanabe to sign port accord in Manila"_s);
}

void TimelineTest::eventsGroupReportsOfOneDayAcrossArticles()
{
    const auto events = m_library->timeline().events({});
    QVERIFY2(events, qPrintable(m_library->errorString()));
    const auto visit = std::find_if(
        events->cbegin(), events->cend(), [](const TimelineEvent &event) { return event.date == u"2026-02-20"_s; });
    QVERIFY(visit != events->cend());
    QCOMPARE(visit->articles, 2);
    QCOMPARE(visit->reports.size(), 2);
    QCOMPARE(visit->reports[0].sentence,
        u"Foreign Minister Aiko Tanabe will visit Manila on 20 February to sign the port security agreement, the "
        "ministry said."_s);
    QCOMPARE(visit->reports[0].published, u"2026-02-12"_s); // earliest report first
    QCOMPARE(visit->reports[1].title, u"Japan's foreign minister heads to Manila"_s);
    QStringList names;
    for (const EntitySummary &entity : visit->entities) {
        names.append(entity.name);
    }
    QCOMPARE(names.mid(0, 2), (QStringList { u"Aiko Tanabe"_s, u"Manila"_s })); // named in both reports
    QVERIFY(names.contains(u"Philippines"_s));
    // Where the reader opens: the report's sentence in the article's body.
    const auto body = m_library->articles().get(visit->reports[1].articleId);
    QVERIFY(body);
    QCOMPARE(body->body.mid(visit->reports[1].start, visit->reports[1].end - visit->reports[1].start),
        visit->reports[1].sentence);
    QVERIFY(visit->reports[1].dateStart >= visit->reports[1].start);
    QCOMPARE(body->body.mid(visit->reports[1].dateStart, visit->reports[1].dateEnd - visit->reports[1].dateStart),
        u"Feb. 20"_s);

    // Calendar order, a month before its days; relative dates resolved against each article's date.
    QStringList dates;
    for (const TimelineEvent &event : *events) {
        dates.append(event.date);
    }
    QCOMPARE(dates, (QStringList { u"2026-01"_s, u"2026-02-09"_s, u"2026-02-20"_s, u"2026-02-27"_s, u"2026-06"_s }));
}

void TimelineTest::eventsFollowTheFilter()
{
    const auto darwin = m_library->entities().find(EntityType::Location, u"Darwin"_s);
    QVERIFY(darwin);
    DocumentFilter filter;
    filter.entities = { darwin->id };
    const auto events = m_library->timeline().events(filter);
    QVERIFY(events);
    QStringList dates;
    for (const TimelineEvent &event : *events) {
        dates.append(event.date);
    }
    QCOMPARE(dates, (QStringList { u"2026-02-27"_s, u"2026-06"_s }));
    QCOMPARE(events->constLast().reports.constFirst().sentence,
        u"The coast guards of Japan and Australia will hold a joint drill off Darwin in June, officials said on "
        "Friday."_s);
}

void TimelineTest::datelinesAreNoEvents()
{
    // Each article's dateline ('12 February 2026' alone on its line) is a DATE mention, but no event.
    const auto events = m_library->timeline().events({});
    QVERIFY(events);
    for (const TimelineEvent &event : *events) {
        QVERIFY2(event.date != u"2026-02-12"_s && event.date != u"2026-02-14"_s && event.date != u"2026-03-02"_s,
            qPrintable(event.date));
    }
}

void TimelineTest::eventsComeAPageOfDatesAtATime_data()
{
    QTest::addColumn<bool>("withoutRows"); // as upgraded from schema 13: events read from the bodies
    QTest::addColumn<QString>("entity"); // "" for the whole library, else a place the list is filtered by
    QTest::addColumn<QStringList>("dates");
    QTest::addColumn<QList<int>>("articles"); // of each date
    const QStringList all { u"2026-01"_s, u"2026-02-09"_s, u"2026-02-20"_s, u"2026-02-27"_s, u"2026-06"_s };
    QTest::newRow("sentence rows") << false << QString() << all << QList<int> { 1, 1, 2, 1, 1 };
    QTest::newRow("sentence rows, filtered")
        << false << u"Darwin"_s << QStringList { u"2026-02-27"_s, u"2026-06"_s } << QList<int> { 1, 1 };
    QTest::newRow("bodies") << true << QString() << all << QList<int> { 1, 1, 2, 1, 1 };
    QTest::newRow("bodies, filtered") << true << u"Darwin"_s << QStringList { u"2026-02-27"_s, u"2026-06"_s }
                                      << QList<int> { 1, 1 };
}

void TimelineTest::eventsComeAPageOfDatesAtATime()
{
    QFETCH(bool, withoutRows);
    QFETCH(QString, entity);
    QFETCH(QStringList, dates);
    QFETCH(QList<int>, articles);
    if (withoutRows) {
        if (Dossier::Test::onServerBackend()) {
            QSKIP("strips the rows through SQLite");
        }
        const QString path = m_library->path();
        m_library.reset();
        QVERIFY(removeSentenceRows(path));
        m_library = std::make_unique<Library>(path);
        QVERIFY2(m_library->open(), qPrintable(m_library->errorString()));
        QVERIFY(m_library->timeline().missingSentenceRows() > 0);
    }
    DocumentFilter filter;
    if (!entity.isEmpty()) {
        const auto place = m_library->entities().find(EntityType::Location, entity);
        QVERIFY(place);
        filter.entities = { place->id };
    }
    const auto found = m_library->timeline().eventDates(filter);
    QVERIFY2(found, qPrintable(m_library->errorString()));
    QStringList names;
    QList<int> counts;
    for (const EventDate &date : *found) {
        names.append(date.date);
        counts.append(date.articles);
        QVERIFY(date.reports >= date.articles);
    }
    QCOMPARE(names.join(u' '), dates.join(u' '));
    QCOMPARE(counts, articles);

    // Read two dates at a time, the events are those of the whole list, in the same order.
    const auto whole = m_library->timeline().events(filter);
    QVERIFY2(whole, qPrintable(m_library->errorString()));
    QList<TimelineEvent> paged;
    for (qsizetype first = 0; first < found->size(); first += 2) {
        const auto page = m_library->timeline().events(filter, found->mid(first, 2));
        QVERIFY2(page, qPrintable(m_library->errorString()));
        for (const TimelineEvent &event : *page) {
            QVERIFY2(found->mid(first, 2).end()
                    != std::find_if(found->cbegin() + first, found->cbegin() + std::min(first + 2, found->size()),
                        [&](const EventDate &date) { return date.date == event.date; }),
                qPrintable(event.date));
        }
        paged += *page;
    }
    const auto describe = [](const QList<TimelineEvent> &events) {
        QStringList lines;
        for (const TimelineEvent &event : events) {
            QStringList sentences;
            for (const EventReport &report : event.reports) {
                sentences.append(u"%1@%2:%3"_s.arg(report.articleId).arg(report.start).arg(report.sentence));
            }
            QStringList named;
            for (const EntitySummary &e : event.entities) {
                named.append(u"%1×%2"_s.arg(e.name).arg(e.documents));
            }
            lines.append(event.date + u" | "_s + sentences.join(u" / "_s) + u" | "_s + named.join(u", "_s));
        }
        return lines;
    };
    QCOMPARE(describe(paged), describe(*whole));
    QVERIFY(!whole->isEmpty());
    // No dates, no events.
    const auto none = m_library->timeline().events(filter, {});
    QVERIFY(none);
    QVERIFY(none->isEmpty());
}

void TimelineTest::eventsFollowReimportRemovalAndCorrections()
{
    // Schema 14: every store, re-tag and removal keeps each article's dated sentences, which
    // events() reads; what the tests above see is read from them.
    QCOMPARE(m_library->timeline().missingSentenceRows(), 0);
    QCOMPARE(eventEntities(u"2026-02-20"_s),
        QStringList { u"2 reports: Aiko Tanabe PERSON, Manila LOCATION, Philippines LOCATION"_s });

    // Re-imported with another day: the second report leaves the 20th for the 21st.
    QByteArray moved(visitSecond);
    moved.replace("Feb. 20", "Feb. 21");
    store(u"visit-2.txt"_s, moved.constData());
    QCOMPARE(eventEntities(u"2026-02-20"_s), QStringList { u"1 reports: Aiko Tanabe PERSON, Manila LOCATION"_s });
    QCOMPARE(eventEntities(u"2026-02-21"_s),
        QStringList { u"1 reports: Aiko Tanabe PERSON, Manila LOCATION, Philippines LOCATION"_s });

    // Removed: the drill's events go with it.
    const auto drillId = m_library->documents().search(u"drill"_s);
    QVERIFY(drillId && drillId->size() == 1);
    QVERIFY2(m_library->articles().remove(drillId->front().id), qPrintable(m_library->errorString()));
    QCOMPARE(eventEntities(u"2026-06"_s), QStringList {});
    QCOMPARE(m_library->timeline().missingSentenceRows(), 0);

    // The analyst's corrections: renamed, the event says the new name; given another type, the
    // event names it as that type; merged, the event names the one kept; suppressed, it is gone.
    const auto tanabe = m_library->entities().find(EntityType::Person, u"Aiko Tanabe"_s);
    QVERIFY(tanabe);
    QVERIFY2(m_library->curation().renameEntity(tanabe->id, u"Tanabe Aiko"_s), qPrintable(m_library->errorString()));
    retagAll();
    QCOMPARE(eventEntities(u"2026-02-20"_s), QStringList { u"1 reports: Tanabe Aiko PERSON, Manila LOCATION"_s });
    const auto philippines = m_library->entities().find(EntityType::Location, u"Philippines"_s);
    const auto manila = m_library->entities().find(EntityType::Location, u"Manila"_s);
    QVERIFY(philippines && manila);
    QVERIFY2(m_library->curation().mergeEntities(philippines->id, manila->id), qPrintable(m_library->errorString()));
    retagAll();
    QCOMPARE(eventEntities(u"2026-02-21"_s), QStringList { u"1 reports: Tanabe Aiko PERSON, Manila LOCATION"_s });
    const auto merged = m_library->entities().find(EntityType::Location, u"Manila"_s);
    QVERIFY(merged);
    QVERIFY2(m_library->curation().setEntityType(merged->id, EntityType::Org), qPrintable(m_library->errorString()));
    retagAll();
    QCOMPARE(eventEntities(u"2026-02-20"_s), QStringList { u"1 reports: Tanabe Aiko PERSON, Manila ORG"_s });
    const auto organisation = m_library->entities().find(EntityType::Org, u"Manila"_s);
    QVERIFY(organisation);
    QVERIFY2(m_library->curation().suppressEntity(organisation->id), qPrintable(m_library->errorString()));
    retagAll();
    QCOMPARE(eventEntities(u"2026-02-20"_s), QStringList { u"1 reports: Tanabe Aiko PERSON"_s });
    QCOMPARE(eventEntities(u"2026-02-21"_s), QStringList { u"1 reports: Tanabe Aiko PERSON"_s });
    QCOMPARE(m_library->timeline().missingSentenceRows(), 0);
}

void TimelineTest::cliPrintsCountsAndEvents()
{
    const QString library = m_library->path();
    m_library.reset();
    const auto run = [](const QStringList &arguments, int *exitCode) {
        QProcess process;
        process.start(QStringLiteral(DOSSIER_CLI), arguments);
        if (!process.waitForFinished(120000)) {
            return QList<QJsonObject> {};
        }
        *exitCode = process.exitCode();
        QList<QJsonObject> lines;
        for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
            if (!line.isEmpty()) {
                lines.append(QJsonDocument::fromJson(line).object());
            }
        }
        return lines;
    };
    int exitCode = -1;
    const auto months = run({ u"timeline"_s, u"--library"_s, library }, &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(months.size(), 3);
    QCOMPARE(months[0].value(u"period"_s).toString(), u"2026-02"_s);
    QCOMPARE(months[0].value(u"articles"_s).toInt(), 2);
    QCOMPARE(months[0].value(u"first"_s).toString(), u"2026-02-01"_s);
    QVERIFY(months[2].value(u"period"_s).isNull()); // the undated article
    QCOMPARE(months[2].value(u"articles"_s).toInt(), 1);

    const auto events = run({ u"timeline"_s, u"--library"_s, library, u"--events"_s, u"--entity"_s,
                                u"PERSON:Aiko Tanabe"_s, u"--from"_s, u"2026-02-13"_s },
        &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].value(u"date"_s).toString(), u"2026-01"_s);
    QCOMPARE(events[1].value(u"date"_s).toString(), u"2026-02-20"_s);
    QCOMPARE(events[1].value(u"precision"_s).toString(), u"day"_s);
    QCOMPARE(events[1].value(u"articles"_s).toInt(), 1);
    const QJsonObject report = events[1].value(u"reports"_s).toArray().first().toObject();
    QCOMPARE(report.value(u"title"_s).toString(), u"Japan's foreign minister heads to Manila"_s);
    QVERIFY(report.value(u"sentence"_s).toString().startsWith(u"Aiko Tanabe is due in Manila on Feb. 20"_s));
    QCOMPARE(report.value(u"end"_s).toInt() - report.value(u"start"_s).toInt(),
        report.value(u"sentence"_s).toString().size()); // code points; these are all in the BMP

    run({ u"timeline"_s, u"--library"_s, library, u"--by"_s, u"fortnight"_s }, &exitCode);
    QCOMPARE(exitCode, 2);
    run({ u"timeline"_s, u"--library"_s, library, u"--to"_s, u"2026-02-30"_s }, &exitCode);
    QCOMPARE(exitCode, 2);
}

void TimelineTest::cliExportsTheTimeline_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("expected"); // the file's start
    QTest::addColumn<QByteArray>("contains");
    QTest::addColumn<QJsonObject>("summary");

    const QByteArray countsCsv = "period,first,last,articles\r\n"
                                 "2026-02,2026-02-01,2026-02-28,2\r\n"
                                 "2026-03,2026-03-01,2026-03-31,1\r\n"
                                 "undated,,,1\r\n";
    const QJsonObject countsSummary { { u"format"_s, u"csv"_s }, { u"by"_s, u"month"_s }, { u"periods"_s, 2 },
        { u"articles"_s, 3 }, { u"undated"_s, 1 } };
    QTest::newRow("counts as CSV") << QStringList { u"--format"_s, u"csv"_s } << u"counts.csv"_s << countsCsv
                                   << QByteArray("undated,,,1\r\n") << countsSummary;
    QJsonObject yearSummary = countsSummary;
    yearSummary.insert(u"format"_s, u"svg"_s);
    yearSummary.insert(u"by"_s, u"year"_s);
    yearSummary.insert(u"periods"_s, 1);
    QTest::newRow("counts by year as SVG")
        << QStringList { u"--format"_s, u"svg"_s, u"--by"_s, u"year"_s } << u"years.svg"_s
        << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ") << QByteArray("<title>2026: 3</title>")
        << yearSummary;
    QTest::newRow("events as CSV") << QStringList { u"--events"_s, u"--format"_s, u"csv"_s } << u"events.csv"_s
                                   << QByteArray("date,articles,entities,published,title,start,end,sentence\r\n")
                                   << QByteArray("2026-02-20,2,") // the visit, reported by both articles
                                   << QJsonObject { { u"format"_s, u"csv"_s } };
    QTest::newRow("counts as JSON Lines in a file")
        << QStringList { u"--to"_s, u"2026-02"_s } << u"counts.jsonl"_s
        << QByteArray(R"({"articles":2,"first":"2026-02-01","last":"2026-02-28","period":"2026-02"})"
                      "\n")
        << QByteArray() << QJsonObject { { u"format"_s, u"jsonl"_s }, { u"periods"_s, 1 }, { u"undated"_s, 0 } };
}

void TimelineTest::cliExportsTheTimeline()
{
    QFETCH(QStringList, options);
    QFETCH(QString, file);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, contains);
    QFETCH(QJsonObject, summary);
    const QString library = m_library->path();
    m_library.reset();
    const QString out = m_dir->filePath(file);

    // Without --out the document goes to stdout, byte for byte what --out writes.
    const CliRun toStdout = runCli(QStringList { u"timeline"_s, u"--library"_s, library } + options);
    QCOMPARE(toStdout.exitCode, 0);
    const CliRun toFile
        = runCli(QStringList { u"timeline"_s, u"--library"_s, library } + options + QStringList { u"--out"_s, out });
    QVERIFY2(toFile.exitCode == 0, toFile.err.constData());
    QFile written(out);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray content = written.readAll();
    QVERIFY2(content.startsWith(expected), content.constData());
    QVERIFY2(content.contains(contains), content.constData());
    QCOMPARE(content, toStdout.out);

    QCOMPARE(toFile.lines().size(), 1);
    const QJsonObject printed = toFile.lines().constFirst();
    QCOMPARE(printed.value(u"out"_s).toString(), out);
    for (auto it = summary.constBegin(); it != summary.constEnd(); ++it) {
        QCOMPARE(printed.value(it.key()).toVariant(), it.value().toVariant());
    }
}

void TimelineTest::cliDrawsThePngWithoutADisplay()
{
    const QString library = m_library->path();
    m_library.reset();
    const QString out = m_dir->filePath(u"months.png"_s);
    QProcess process;
    // No display at all: the CLI must not need one (it picks the offscreen platform itself).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"QT_QPA_PLATFORM"_s);
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DOSSIER_CLI),
        { u"timeline"_s, u"--library"_s, library, u"--format"_s, u"png"_s, u"--out"_s, out });
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QJsonObject summary = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    QCOMPARE(summary.value(u"format"_s).toString(), u"png"_s);
    QCOMPARE(summary.value(u"periods"_s).toInt(), 2);

    QImage image;
    QVERIFY(image.load(out, "PNG"));
    // The SVG's layout: 40 px left of the bars, 20 px a bar and its gap, a 200 px plot 40 px down.
    QCOMPARE(image.size(), QSize(40 + 2 * 20 + 20, 40 + 200 + 60));
    const QRgb bar = qRgb(0x3b, 0x6e, 0xa5);
    QCOMPARE(image.pixel(48, 60), bar); // February, 2 articles: the whole plot's height
    QCOMPARE(image.pixel(68, 120), qRgb(255, 255, 255)); // March, 1 article: half of it
    QCOMPARE(image.pixel(68, 200), bar);
    // The heading and the period labels are drawn (fonts found without a display).
    int inked = 0;
    for (int y = 4; y < 24; ++y) {
        for (int x = 40; x < image.width(); ++x) {
            inked += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        }
    }
    QVERIFY2(inked > 20, qPrintable(QString::number(inked)));
}

void TimelineTest::cliRefusesExportsItCannotWrite_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("unknown format") << QStringList { u"--format"_s, u"xlsx"_s } << 2;
    QTest::newRow("events have no chart") << QStringList { u"--events"_s, u"--format"_s, u"svg"_s } << 2;
    QTest::newRow("png to a terminal") << QStringList { u"--format"_s, u"png"_s } << 2;
    QTest::newRow("a folder that is not there")
        << QStringList { u"--format"_s, u"csv"_s, u"--out"_s, u"/nonexistent/folder/t.csv"_s } << 1;
}

void TimelineTest::cliRefusesExportsItCannotWrite()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    const QString library = m_library->path();
    m_library.reset();
    const CliRun run = runCli(QStringList { u"timeline"_s, u"--library"_s, library } + options);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.startsWith("dossier-cli: "));
}

QTEST_GUILESS_MAIN(TimelineTest)
#include "timeline_test.moc"
