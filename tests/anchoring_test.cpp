#include "annotations/anchoring.h"

#include <QTest>

using namespace Dossier::Core;

class AnchoringTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anchorKeepsQuoteAndContext();
    void anchorOutOfRangeIsEmpty_data();
    void anchorOutOfRangeIsEmpty();
    void findsEveryOccurrence();
    void reanchors_data();
    void reanchors();
    void fuzzyWorkIsBounded();
};

namespace
{

const QString original
    = QStringLiteral("The port authority approved the new terminal on Monday. Officials said the cost would reach "
                     "forty million euros, twice the first estimate. Residents objected to the noise. The council will "
                     "vote again in June. Officials said the cost would be shared with the region.");

} // namespace

void AnchoringTest::anchorKeepsQuoteAndContext()
{
    const qsizetype start = original.indexOf(u"forty million euros");
    const TextAnchor anchor = anchorAt(original, start, start + 19);
    QCOMPARE(anchor.exact, QStringLiteral("forty million euros"));
    QCOMPARE(anchor.start, start);
    QCOMPARE(anchor.end, start + 19);
    QCOMPARE(anchor.prefix.size(), anchorContextLength);
    QVERIFY(anchor.prefix.endsWith(u"cost would reach "));
    QVERIFY(anchor.suffix.startsWith(u", twice the"));
    // At the very start, the prefix is what there is.
    QCOMPARE(anchorAt(original, 0, 3).prefix, QString());
}

void AnchoringTest::anchorOutOfRangeIsEmpty_data()
{
    QTest::addColumn<qsizetype>("start");
    QTest::addColumn<qsizetype>("end");
    QTest::newRow("negative start") << qsizetype(-1) << qsizetype(4);
    QTest::newRow("end past the text") << qsizetype(10) << original.size() + 1;
    QTest::newRow("empty range") << qsizetype(10) << qsizetype(10);
    QTest::newRow("reversed range") << qsizetype(10) << qsizetype(5);
}

void AnchoringTest::anchorOutOfRangeIsEmpty()
{
    QFETCH(qsizetype, start);
    QFETCH(qsizetype, end);
    const TextAnchor anchor = anchorAt(original, start, end);
    QVERIFY(anchor.exact.isEmpty());
    QVERIFY(anchor.end < anchor.start);
}

void AnchoringTest::findsEveryOccurrence()
{
    const QList<qsizetype> found = findQuote(original, u"Officials said the cost");
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.first(), original.indexOf(u"Officials"));
    QVERIFY(findQuote(original, u"").isEmpty());
    QVERIFY(findQuote(original, u"not in the text").isEmpty());
}

void AnchoringTest::reanchors_data()
{
    QTest::addColumn<QString>("quote"); // annotated in `original`, first occurrence unless `second`
    QTest::addColumn<bool>("second");
    QTest::addColumn<QString>("changed");
    QTest::addColumn<int>("match");
    QTest::addColumn<QString>("expected"); // the text the new anchor covers (empty for None)

    const QString euros = QStringLiteral("forty million euros");
    QTest::newRow("unchanged text: same place") << euros << false << original << int(AnchorMatch::Position) << euros;
    QTest::newRow("text inserted before: found moved")
        << euros << false << QStringLiteral("UPDATED: ") + original << int(AnchorMatch::Exact) << euros;
    QTest::newRow("text removed before: found moved")
        << euros << false << QString(original).remove(QStringLiteral("on Monday")) << int(AnchorMatch::Exact) << euros;
    QTest::newRow("quote edited: fuzzy near the old place")
        << euros << false << QString(original).replace(euros, QStringLiteral("forty-one million euros"))
        << int(AnchorMatch::Fuzzy) << QStringLiteral("forty-one million euros");
    QTest::newRow("quote gone: none") << euros << false
                                      << QString(original).replace(
                                             QStringLiteral(
                                                 "the cost would reach forty million euros, twice the first estimate"),
                                             QStringLiteral("the budget is not public"))
                                      << int(AnchorMatch::None) << QString();
    // The repeated sentence: the second occurrence's context picks it after an edit moved both.
    const QString repeated = QStringLiteral("Officials said the cost");
    QTest::newRow("repeated quote: context picks the right one")
        << repeated << true << QStringLiteral("Breaking. ") + original << int(AnchorMatch::Exact) << repeated;
    QTest::newRow("short quote edited: not fuzzy")
        << QStringLiteral("June") << false << QString(original).replace(QStringLiteral("June"), QStringLiteral("Jule"))
        << int(AnchorMatch::None) << QString();
    QTest::newRow("empty text") << euros << false << QString() << int(AnchorMatch::None) << QString();
}

void AnchoringTest::reanchors()
{
    QFETCH(QString, quote);
    QFETCH(bool, second);
    QFETCH(QString, changed);
    QFETCH(int, match);
    QFETCH(QString, expected);

    const QList<qsizetype> at = findQuote(original, quote);
    QVERIFY(!at.isEmpty());
    const qsizetype start = second ? at.at(1) : at.first();
    const TextAnchor anchor = anchorAt(original, start, start + quote.size());
    const Reanchored result = reanchor(changed, anchor);
    QCOMPARE(int(result.match), match);
    if (result.match == AnchorMatch::None) {
        QCOMPARE(result.anchor.exact, quote); // the old anchor is kept for review
        return;
    }
    QCOMPARE(result.anchor.exact, expected);
    QCOMPARE(changed.mid(result.anchor.start, result.anchor.end - result.anchor.start), expected);
    if (second) {
        QCOMPARE(result.anchor.start, findQuote(changed, quote).at(1));
    }
}

void AnchoringTest::fuzzyWorkIsBounded()
{
    // A long quote against a large unrelated text: answers (None) without quadratic blow-up.
    const QString longQuote = QString(QStringLiteral("abcdefghij")).repeated(300);
    const TextAnchor anchor = anchorAt(longQuote, 0, longQuote.size());
    const QString big = QString(QStringLiteral("0123456789 ")).repeated(200000);
    const Reanchored result = reanchor(big, anchor);
    QCOMPARE(int(result.match), int(AnchorMatch::None));
}

QTEST_GUILESS_MAIN(AnchoringTest)
#include "anchoring_test.moc"
