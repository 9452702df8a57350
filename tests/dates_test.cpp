#include "analysis/dates.h"

#include <QTest>

using namespace Dossier::Core;

class DatesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void parsesToQDate();
};

void DatesTest::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("iso");

    // Forms seen on news pages.
    QTest::newRow("abbreviated month with dot, time")
        << QStringLiteral("Mar. 4, 2019 - 10:42PM   |") << QStringLiteral("2019-03-04");
    QTest::newRow("'Sept.' abbreviation") << QStringLiteral("Sept. 30, 2013") << QStringLiteral("2013-09-30");
    QTest::newRow("month day year, no comma") << QStringLiteral("November 20 2019") << QStringLiteral("2019-11-20");
    QTest::newRow("ordinal day") << QStringLiteral("Posted on March 1st, 2020 by staff")
                                 << QStringLiteral("2020-03-01");
    QTest::newRow("weekday, day month year")
        << QStringLiteral("Lima, Tuesday, 4 March 2025.") << QStringLiteral("2025-03-04");
    QTest::newRow("day month year, abbreviated")
        << QStringLiteral("PUBLISHED: 00:01, Tue, 19 Nov 2019") << QStringLiteral("2019-11-19");
    QTest::newRow("'date' field") << QStringLiteral(" date 2022-03-15 Newsletter Signup")
                                  << QStringLiteral("2022-03-15");
    QTest::newRow("iso date-time, utc") << QStringLiteral("2021-07-06T10:00:00Z")
                                        << QStringLiteral("2021-07-06T10:00:00Z");
    QTest::newRow("iso date-time, offset without colon")
        << QStringLiteral("published 2024-11-13T09:30+0900") << QStringLiteral("2024-11-13T09:30:00+09:00");
    QTest::newRow("iso date-time, fractional seconds")
        << QStringLiteral("2020-02-29T23:59:58.123-05:00") << QStringLiteral("2020-02-29T23:59:58-05:00");
    QTest::newRow("date and time with a space: the date")
        << QStringLiteral("2021-07-06 10:00") << QStringLiteral("2021-07-06");
    QTest::newRow("slashed year first") << QStringLiteral("2018/04/05") << QStringLiteral("2018-04-05");
    QTest::newRow("dotted year first") << QStringLiteral("2018.04.05 ~ OPEN RUN") << QStringLiteral("2018-04-05");
    QTest::newRow("day first, slashes") << QStringLiteral("30/09/2013") << QStringLiteral("2013-09-30");
    QTest::newRow("day first, dots") << QStringLiteral("Stand: 05.11.2024") << QStringLiteral("2024-11-05");
    QTest::newRow("month first when day first is impossible")
        << QStringLiteral("11/25/2019") << QStringLiteral("2019-11-25");
    QTest::newRow("japanese") << QStringLiteral(u"2024年11月13日 10時") << QStringLiteral("2024-11-13");
    QTest::newRow("korean") << QStringLiteral(u"2024년 11월 13일") << QStringLiteral("2024-11-13");
    QTest::newRow("portuguese") << QStringLiteral(u"sexta-feira, 22 de outubro de 2010 às 20:13")
                                << QStringLiteral("2010-10-22");
    QTest::newRow("german") << QStringLiteral(u"13. März 2024") << QStringLiteral("2024-03-13");
    QTest::newRow("french") << QStringLiteral(u"le 1er février 2023") << QStringLiteral("2023-02-01");
    QTest::newRow("dutch") << QStringLiteral("woensdag 13 november 2024") << QStringLiteral("2024-11-13");
    QTest::newRow("earliest of several") << QStringLiteral("Updated 2020-05-02, first published May 1, 2020")
                                         << QStringLiteral("2020-05-02");
    QTest::newRow("earliest position wins across forms")
        << QStringLiteral("May 1, 2020; updated 2020-05-02") << QStringLiteral("2020-05-01");
    QTest::newRow("invalid first, valid later")
        << QStringLiteral("ref 2020-13-45, dated 2020-01-15") << QStringLiteral("2020-01-15");

    // Not dates, or not complete ones.
    QTest::newRow("weekday only") << QStringLiteral("a diplomatic source said Saturday") << QString();
    QTest::newRow("day and month without year") << QStringLiteral("a summit in Brussels on May 7") << QString();
    QTest::newRow("impossible day") << QStringLiteral("February 30, 2021") << QString();
    QTest::newRow("implausible year") << QStringLiteral("1 January 1066") << QString();
    QTest::newRow("version number") << QStringLiteral("version 2.26.1") << QString();
    QTest::newRow("phone number") << QStringLiteral("Inquiry 02-751-1500") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void DatesTest::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, iso);
    QCOMPARE(Dates::parse(text), iso);
}

void DatesTest::parsesToQDate()
{
    QCOMPARE(Dates::parseDate(u"2021-07-06T10:00:00Z"), QDate(2021, 7, 6));
    QCOMPARE(Dates::parseDate(u"Sep. 30, 2013 - 09:16AM"), QDate(2013, 9, 30));
    QVERIFY(!Dates::parseDate(u"no date here").isValid());
}

QTEST_GUILESS_MAIN(DatesTest)
#include "dates_test.moc"
