#include "roles.h"
#include "timelineeventmodel.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QTest>

using namespace Dossier;

class TimelineEventModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tooltipListsTheFirstReportsAndCountsTheRest_data();
    void tooltipListsTheFirstReportsAndCountsTheRest();
};

void TimelineEventModelTest::initTestCase()
{
    // The English catalogue gives "%n more report(s)" its singular and plural.
    QVERIFY(Core::installTranslator(QLocale(QLocale::English, QLocale::UnitedKingdom)));
}

void TimelineEventModelTest::tooltipListsTheFirstReportsAndCountsTheRest_data()
{
    QTest::addColumn<int>("reports");
    QTest::addColumn<int>("listed");
    QTest::addColumn<QString>("more");

    QTest::newRow("one report") << 1 << 1 << QString();
    QTest::newRow("ten reports, every one listed") << 10 << 10 << QString();
    QTest::newRow("eleven reports") << 11 << 10 << QStringLiteral("… and 1 more report");
    QTest::newRow("a year thousands of articles name") << 3000 << 10 << QStringLiteral("… and 2990 more reports");
}

void TimelineEventModelTest::tooltipListsTheFirstReportsAndCountsTheRest()
{
    QFETCH(int, reports);
    QFETCH(int, listed);
    QFETCH(QString, more);

    Core::TimelineEvent event;
    event.date = QStringLiteral("2026");
    event.period = Core::Dates::period(event.date);
    for (int i = 0; i < reports; ++i) {
        Core::EventReport report;
        report.articleId = i + 1;
        report.title = QStringLiteral("Harbour <report> %1").arg(i + 1);
        report.source = QStringLiteral("Coastal Herald");
        report.published = QStringLiteral("2026-03-%1").arg(i % 28 + 1, 2, 10, QLatin1Char('0'));
        report.sentence = QStringLiteral("In 2026 the harbour  board\nmet %1 times.").arg(i + 1);
        event.reports.append(report);
    }
    event.articles = reports;

    Ui::TimelineEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents({ event });
    QCOMPARE(model.rowCount(), 1);

    const QString tooltip = model.index(0).data(Qt::ToolTipRole).toString();
    QCOMPARE(tooltip.count(QStringLiteral("Harbour &lt;report&gt;")), listed);
    QVERIFY(tooltip.contains(QStringLiteral(
        "<p>Harbour &lt;report&gt; 1 (Coastal Herald, 2026-03-01): In 2026 the harbour board met 1 times.</p>")));
    QVERIFY(tooltip.contains(QStringLiteral("Harbour &lt;report&gt; %1 (").arg(listed)));
    QVERIFY(!tooltip.contains(QStringLiteral("Harbour &lt;report&gt; %1 (").arg(listed + 1)));
    if (more.isEmpty()) {
        QVERIFY(!tooltip.contains(QStringLiteral("more report")));
    } else {
        QVERIFY2(tooltip.endsWith(QStringLiteral("<p>%1</p>").arg(more)), qPrintable(tooltip.right(80)));
    }
    QCOMPARE(model.index(0).data(Ui::EventArticleIdRole).toLongLong(), 1);
}

QTEST_GUILESS_MAIN(TimelineEventModelTest)
#include "timelineeventmodel_test.moc"
