// The window's Timeline dock over a real library of our own articles: bars per month, brushing a
// range narrows the list (and clears), the list's filter drives the timeline, an event opens its
// article at the sentence, and the timeline exports as PNG, SVG and CSV.

#include "analysis/analyzer.h"
#include "documentlistmodel.h"
#include "entityfacetmodel.h"
#include "entitysidebar.h"
#include "mainwindow.h"
#include "readerview.h"
#include "roles.h"
#include "store/library.h"
#include "store/timelinequery.h"
#include "timelinearticles.h"
#include "timelinechart.h"
#include "timelineeventmodel.h"
#include "timelinepanel.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QToolButton>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Dossier;
using namespace Qt::StringLiterals;
using namespace Dossier::Test::TimelineArticles;

namespace
{

// Five articles of our own: a strike called off (December 2025) and the four of timelinearticles.h (two
// reports of the minister's visit on 20 February, published 12 and 14 February 2026, a drill on 2 March
// 2026 and an undated note).
const char *const strike = "Ferry unions call off winter strike\n\nHarbour Ledger\n\n9 December 2025\n\n"
                           "The ferry unions of Valletta said on Tuesday that the strike planned for 15 December had "
                           "been called off after talks with the port authority.\n";
// A CSV line split into fields (RFC 4180 quoting).
QStringList csvFields(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

} // namespace

class TimelineWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dockIsHiddenUntilShownAndRemembered();
    void barsCountTheListedArticlesByMonth();
    void brushingNarrowsTheListAndClears();
    void timelineFollowsTheListsFilter();
    void activatingAnEventOpensItsSentence();
    void exportsPngSvgAndCsv();
    void eventsArriveAPageOfDatesAtATime();
    void importedArticlesReachTheTimeline();
    void upgradedLibraryIndexesSentencesOffTheWindowsThread();

private:
    void showTimeline();
    void brush(int fromBar, int toBar);
    QTemporaryDir m_dir;
    QString m_libraryPath;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TimelineWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    m_libraryPath = m_dir.filePath(u"timeline.dossier"_s);
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    const std::pair<const char *, const char *> files[] = { { "strike.txt", strike }, { "visit-1.txt", visitFirst },
        { "visit-2.txt", visitSecond }, { "drill.txt", drill }, { "note.txt", undated } };
    for (const auto &[name, text] : files) {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        const Core::AnalyzeResult result = Core::Analyzer().analyzeFile(path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY2(library.articles().store(result.article), qPrintable(library.errorString()));
    }
}

void TimelineWindowTest::init()
{
    QSettings().clear();
    m_window = Test::shownWindow(m_libraryPath, { 1400, 900 });
    QVERIFY(m_window);
    QCOMPARE(m_window->documentModel()->rowCount(), 5);
}

void TimelineWindowTest::cleanup()
{
    m_window.reset();
}

void TimelineWindowTest::showTimeline()
{
    QVERIFY(Test::checkAction(m_window.get(), u"timelineAction"_s));
    QVERIFY(m_window->timelineDock()->isVisible());
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    panel->setPrecision(Core::Dates::Precision::Month);
    QTRY_VERIFY(!panel->isLoading());
}

void TimelineWindowTest::brush(int fromBar, int toBar)
{
    Ui::TimelineChart *chart = m_window->timelinePanel()->chart();
    const QPoint from = chart->barRect(fromBar).center();
    const QPoint to = chart->barRect(toBar).center();
    QTest::mousePress(chart, Qt::LeftButton, {}, from);
    QTest::mouseMove(chart, (from + to) / 2);
    QTest::mouseMove(chart, to);
    QTest::mouseRelease(chart, Qt::LeftButton, {}, to);
}

void TimelineWindowTest::dockIsHiddenUntilShownAndRemembered()
{
    QVERIFY(m_window->timelineDock()->isHidden());
    showTimeline();
    m_window->close(); // saves the window's state
    m_window = Test::shownWindow(m_libraryPath);
    QVERIFY(m_window);
    QVERIFY(m_window->timelineDock()->isVisible());
    QTRY_VERIFY(!m_window->timelinePanel()->isLoading());
    QCOMPARE(m_window->timelinePanel()->chart()->counts().buckets.size(), 4);
}

void TimelineWindowTest::barsCountTheListedArticlesByMonth()
{
    showTimeline();
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    const Core::TimelineCounts &counts = panel->chart()->counts();
    QStringList bars;
    for (const Core::TimelineBucket &bucket : counts.buckets) {
        bars.append(u"%1=%2"_s.arg(bucket.period).arg(bucket.articles));
    }
    QCOMPARE(bars, (QStringList { u"2025-12=1"_s, u"2026-01=0"_s, u"2026-02=2"_s, u"2026-03=1"_s }));
    QCOMPARE(counts.undated, 1);
    QCOMPARE(panel->undatedLabel()->text(), u"1 undated"_s);
    QCOMPARE(panel->chart()->barToolTip(2), u"2026-02: 2 articles"_s);
    QCOMPARE(panel->chart()->barToolTip(1), u"2026-01: 0 articles"_s);
    // Bars are laid out left to right across the chart.
    QVERIFY(panel->chart()->barRect(0).right() < panel->chart()->barRect(1).left());
    QCOMPARE(panel->chart()->barAt(panel->chart()->barRect(3).center().x()), 3);

    // Another scale: the same articles by year.
    panel->setPrecision(Core::Dates::Precision::Year);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->chart()->counts().buckets.size(), 2);
    QCOMPARE(panel->chart()->counts().buckets.at(1).articles, 3);
}

void TimelineWindowTest::brushingNarrowsTheListAndClears()
{
    showTimeline();
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    QCOMPARE(panel->rangeLabel()->text(), u"All dates"_s);
    QVERIFY(!panel->clearRangeButton()->isEnabled());

    QSignalSpy chosen(panel, &Ui::TimelinePanel::rangeChosen);
    brush(2, 3); // February to March 2026
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toDate(), QDate(2026, 2, 1));
    QCOMPARE(chosen.at(0).at(1).toDate(), QDate(2026, 3, 31));
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 3);
    QCOMPARE(m_window->documentModel()->filter().from, QDate(2026, 2, 1));
    QCOMPARE(m_window->documentModel()->filter().to, QDate(2026, 3, 31));
    // The sidebar counts the same articles.
    QTRY_COMPARE(m_window->entitySidebar()->model()->filter(), m_window->documentModel()->filter());
    QVERIFY(panel->rangeLabel()->text().startsWith(u"Published "_s));
    QVERIFY(panel->clearRangeButton()->isEnabled());
    // The bars stay: the range narrows the list, not the timeline.
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->chart()->counts().buckets.size(), 4);

    brush(2, 2); // a click on one bar: February alone
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 2);

    brush(3, 0); // dragged leftwards: December to March
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 4); // every dated article

    QTest::mouseClick(panel->clearRangeButton(), Qt::LeftButton);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 5);
    QVERIFY(!m_window->documentModel()->filter().from.isValid());
    QVERIFY(!m_window->documentModel()->filter().to.isValid());
    QCOMPARE(panel->rangeLabel()->text(), u"All dates"_s);
    QVERIFY(!panel->clearRangeButton()->isEnabled());
}

void TimelineWindowTest::timelineFollowsTheListsFilter()
{
    showTimeline();
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    QSignalSpy loaded(panel, &Ui::TimelinePanel::loaded);
    m_window->searchField()->setText(u"Tanabe"_s);
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 2);
    QTRY_VERIFY(!loaded.isEmpty());
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->chart()->counts().buckets.size(), 1);
    QCOMPARE(panel->chart()->counts().buckets.at(0).articles, 2);
    QCOMPARE(panel->chart()->counts().undated, 0);
    m_window->searchField()->clear();
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 5);

    // Ticking an entity in the sidebar: that entity's timeline.
    QTRY_VERIFY(m_window->entitySidebar()->model()->rowCount() > 0);
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    const auto darwin = library.entities().find(Core::EntityType::Location, u"Darwin"_s);
    QVERIFY(darwin);
    QTRY_VERIFY(m_window->entitySidebar()->model()->indexOfEntity(darwin->id).isValid());
    const QModelIndex index = m_window->entitySidebar()->model()->indexOfEntity(darwin->id);
    QVERIFY(m_window->entitySidebar()->model()->setData(index, Qt::Checked, Qt::CheckStateRole));
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);
    QTRY_COMPARE(panel->chart()->counts().buckets.size(), 1);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->chart()->counts().buckets.at(0).period, u"2026-03"_s);
    QStringList dates;
    for (const Core::TimelineEvent &event : panel->eventModel()->events()) {
        dates.append(event.date);
    }
    QCOMPARE(dates, (QStringList { u"2026-02-27"_s, u"2026-06"_s }));
}

void TimelineWindowTest::activatingAnEventOpensItsSentence()
{
    showTimeline();
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    const QList<Core::TimelineEvent> &events = panel->eventModel()->events();
    const auto visit = std::find_if(
        events.cbegin(), events.cend(), [](const Core::TimelineEvent &event) { return event.date == u"2026-02-20"_s; });
    QVERIFY(visit != events.cend());
    const int row = int(visit - events.cbegin());
    const QModelIndex index = panel->eventModel()->index(row);
    const QString text = index.data().toString();
    QVERIFY2(text.startsWith(u"20 Feb 2026 — Foreign Minister Aiko Tanabe will visit Manila on 20 February"_s),
        qPrintable(text));
    QVERIFY2(text.contains(u"\n2 articles · Aiko Tanabe, Manila"_s), qPrintable(text));
    const Core::EventReport report = visit->reports.constFirst();

    // Brush away from February first: the event opens its article all the same.
    brush(0, 0);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);

    QListView *view = panel->eventView();
    view->setFocus();
    view->setCurrentIndex(index);
    QSignalSpy activated(panel, &Ui::TimelinePanel::eventActivated);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(m_window->currentArticleId(), report.articleId);
    Ui::ReaderView *reader = m_window->reader();
    QPlainTextEdit *edit = reader->textEdit();
    QTRY_COMPARE(edit->textCursor().selectedText(), report.sentence);
    // In view.
    QVERIFY(edit->viewport()->rect().intersects(edit->cursorRect()));
}

void TimelineWindowTest::exportsPngSvgAndCsv()
{
    showTimeline();
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    QTemporaryDir out;
    QVERIFY(out.isValid());

    const QString png = out.filePath(u"timeline.png"_s);
    QVERIFY2(panel->exportTo(png), qPrintable(panel->errorString()));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), panel->chart()->size() * panel->chart()->devicePixelRatioF());

    const QString svg = out.filePath(u"timeline.svg"_s);
    QVERIFY2(panel->exportTo(svg), qPrintable(panel->errorString()));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svgFile);
    QStringList titles;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"title"_s) {
            titles.append(xml.readElementText());
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(titles, (QStringList { u"2025-12: 1"_s, u"2026-01: 0"_s, u"2026-02: 2"_s, u"2026-03: 1"_s }));

    const QString csv = out.filePath(u"timeline.csv"_s);
    QVERIFY2(panel->exportTo(csv), qPrintable(panel->errorString()));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QCOMPARE(csvFile.readAll(),
        QByteArray("period,first,last,articles\r\n"
                   "2025-12,2025-12-01,2025-12-31,1\r\n"
                   "2026-01,2026-01-01,2026-01-31,0\r\n"
                   "2026-02,2026-02-01,2026-02-28,2\r\n"
                   "2026-03,2026-03-01,2026-03-31,1\r\n"
                   "undated,,,1\r\n"));

    QFile eventsFile(out.filePath(u"timeline-events.csv"_s));
    QVERIFY(eventsFile.open(QIODevice::ReadOnly));
    QStringList lines = QString::fromUtf8(eventsFile.readAll()).split(u"\r\n"_s);
    QCOMPARE(lines.takeLast(), QString()); // the last line ends too
    QCOMPARE(lines.takeFirst(), u"date,articles,entities,published,title,start,end,sentence"_s);
    int reports = 0;
    for (const Core::TimelineEvent &event : panel->eventModel()->events()) {
        reports += int(event.reports.size());
    }
    QCOMPARE(lines.size(), reports);
    QStringList visit;
    for (const QString &line : std::as_const(lines)) {
        const QStringList fields = csvFields(line);
        QCOMPARE(fields.size(), 8);
        if (fields.at(0) == u"2026-02-20"_s) {
            visit.append(fields.mid(1, 2).join(u'|') + u'|' + fields.at(3) + u'|' + fields.at(7));
        }
    }
    QCOMPARE(visit.size(), 2);
    QVERIFY2(visit.at(0).startsWith(u"2|Aiko Tanabe; Manila"_s), qPrintable(visit.at(0)));
    QVERIFY2(visit.at(0).endsWith(u"|2026-02-12|Foreign Minister Aiko Tanabe will visit Manila on 20 February to sign "
                                  "the port security agreement, the ministry said."_s),
        qPrintable(visit.at(0)));
    QVERIFY2(visit.at(1).contains(u"|2026-02-14|Aiko Tanabe is due in Manila on Feb. 20"_s), qPrintable(visit.at(1)));

    QVERIFY(!panel->exportTo(out.filePath(u"timeline.txt"_s)));
}

void TimelineWindowTest::importedArticlesReachTheTimeline()
{
    // Into a copy, so the other tests keep their five articles.
    const QString copy = m_dir.filePath(u"import-copy.dossier"_s);
    QFile::remove(copy);
    QVERIFY(QFile::copy(m_libraryPath, copy));
    QVERIFY(m_window->openLibrary(copy));
    showTimeline();
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    QTRY_COMPARE(panel->chart()->counts().buckets.size(), 4);
    const QString folder = m_dir.filePath(u"incoming"_s);
    QVERIFY(QDir().mkpath(folder));
    QFile file(folder + u"/ferries.txt"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Ferry timetable changes in May\n\nHarbour Ledger\n\n3 May 2026\n\nThe ferry company of Valletta "
               "said on Sunday that a new summer timetable will start on 1 June with two more crossings a day.\n");
    file.close();
    m_window->importPaths({ folder });
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isImporting(), 30000);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 6);
    // April is empty, May has the new article.
    QTRY_COMPARE(panel->chart()->counts().buckets.size(), 6);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->chart()->counts().buckets.constLast().period, u"2026-05"_s);
    QCOMPARE(panel->chart()->counts().buckets.constLast().articles, 1);
    QCOMPARE(panel->chart()->counts().buckets.at(4).articles, 0);
}

void TimelineWindowTest::eventsArriveAPageOfDatesAtATime()
{
    Core::Library library(m_libraryPath);
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    const auto all = library.timeline().events({});
    QVERIFY2(all, qPrintable(library.errorString()));
    QStringList expected;
    int reports = 0;
    for (const Core::TimelineEvent &event : *all) {
        expected.append(event.date);
        reports += int(event.reports.size());
    }
    QVERIFY(expected.size() >= 4);

    showTimeline();
    Ui::TimelinePanel *panel = m_window->timelinePanel();
    Ui::TimelineEventModel *model = panel->eventModel();
    model->setPageReports(1); // a date a page
    // Without a view to scroll, only the first page is read.
    panel->eventView()->setModel(nullptr);
    panel->refresh();
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->events().constFirst().date, expected.constFirst());
    QVERIFY(!model->isComplete());

    // Exported meanwhile: every event, read off the window's thread.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    QSignalSpy exported(panel, &Ui::TimelinePanel::eventsExported);
    QVERIFY2(panel->exportTo(out.filePath(u"timeline.csv"_s)), qPrintable(panel->errorString()));
    QTRY_COMPARE(exported.size(), 1);
    QCOMPARE(exported.constFirst().at(0).toString(), out.filePath(u"timeline-events.csv"_s));
    QVERIFY(exported.constFirst().at(1).toBool());
    QFile eventsFile(out.filePath(u"timeline-events.csv"_s));
    QVERIFY(eventsFile.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(eventsFile.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + reports); // the header, then a line a report
    QCOMPARE(model->rowCount(), 1); // the list itself still holds its first page

    // Shown in the view again: it reads the next page while it has room for it, and as the analyst
    // scrolls to the end.
    QSignalSpy wanted(model, &Ui::TimelineEventModel::pageWanted);
    panel->eventView()->setModel(model);
    for (int i = 0; i < 200 && !model->isComplete(); ++i) {
        panel->eventView()->scrollToBottom();
        QTest::qWait(10);
    }
    QVERIFY(model->isComplete());
    QTRY_VERIFY(!panel->isLoading());
    QVERIFY(wanted.size() >= 1);
    QStringList dates;
    for (const Core::TimelineEvent &event : model->events()) {
        dates.append(event.date);
    }
    QCOMPARE(dates, expected);
}

QTEST_MAIN(TimelineWindowTest)
void TimelineWindowTest::upgradedLibraryIndexesSentencesOffTheWindowsThread()
{
    m_window.reset();
    // The library as upgraded from schema 13: its articles have no sentence rows yet.
    const QString upgraded = m_dir.filePath(u"upgraded.dossier"_s);
    QFile::remove(upgraded);
    QVERIFY(QFile::copy(m_libraryPath, upgraded));
    QVERIFY(removeSentenceRows(upgraded));
    // Another program holds the write lock: the fill cannot write until it lets go.
    Test::WriteLock lock(upgraded);
    QVERIFY(lock.isHeld());
    m_window = Test::shownWindow(upgraded, { 1400, 900 });
    QVERIFY(m_window);
    // The window opened without waiting for the rows: the fill in the status bar, and the timeline's
    // events read from the bodies meanwhile.
    QVERIFY(m_window->isFillingSentences());
    auto *status = m_window->findChild<QWidget *>(u"sentenceFillStatus"_s);
    QVERIFY(status);
    QVERIFY(status->isVisible());
    showTimeline();
    QStringList dates;
    for (const Core::TimelineEvent &event : m_window->timelinePanel()->eventModel()->events()) {
        dates.append(event.date);
    }
    QVERIFY2(dates.contains(u"2026-02-20"_s), qPrintable(dates.join(u", "_s)));
    QVERIFY(m_window->isFillingSentences());

    QVERIFY(lock.release());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isFillingSentences(), 30000);
    QVERIFY(!status->isVisible());
    // The same events from the rows.
    Core::Library library(upgraded);
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    QCOMPARE(library.timeline().missingSentenceRows(), 0);
    const auto events = library.timeline().events({});
    QVERIFY2(events, qPrintable(library.errorString()));
    QStringList again;
    for (const Core::TimelineEvent &event : *events) {
        again.append(event.date);
    }
    QCOMPARE(again, dates);
}

#include "timelinewindow_test.moc"
