// Word classes learned from unlabelled text, which the entity tagger reads as features: learned the same
// every time, words used alike share a class, stored and looked up the same, damaged data refused.
#include "analysis/tokenhash_p.h"
#include "analysis/wordclusters.h"
#include "wordclustering.h"

#include <QTest>

using namespace Dossier::Core;

class WordClustersTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameTextGivesTheSameBytes();
    void wordsUsedAlikeShareAClass_data();
    void wordsUsedAlikeShareAClass();
    void rareAndUnknownWordsHaveNoClass();
    void refusesDamagedData_data();
    void refusesDamagedData();
    void compiledInClassesLoad();
};

namespace
{

quint64 wordHash(const QString &word)
{
    QList<char16_t> folded;
    for (const QChar c : word) {
        folded.append(foldForHash(c));
    }
    return hashUnits(folded.constData(), folded.size());
}

// An invented corpus: towns follow 'reached', 'to' and 'in', firms 'shares in', people are ministers who say things.
QStringList sampleTexts()
{
    static const QStringList towns { QStringLiteral("Halden"), QStringLiteral("Kestrel"), QStringLiteral("Vardo"),
        QStringLiteral("Moss"), QStringLiteral("Tromsdal") };
    static const QStringList firms { QStringLiteral("Norvik"), QStringLiteral("Arcfield"), QStringLiteral("Balder"),
        QStringLiteral("Lumeq"), QStringLiteral("Petrova") };
    static const QStringList people { QStringLiteral("Ines"), QStringLiteral("Maria"), QStringLiteral("Tomas"),
        QStringLiteral("Henrik"), QStringLiteral("Sanna") };
    QStringList texts;
    for (int round = 0; round < 6; ++round) {
        QString text;
        for (int i = 0; i < 5; ++i) {
            const QString &town = towns[(i + round) % 5];
            const QString &firm = firms[(i + 2 * round) % 5];
            const QString &person = people[(i + 3 * round) % 5];
            text += QStringLiteral("The storm reached %1 on Monday, and the ferry to %1 was cancelled.\n").arg(town);
            text += QStringLiteral("Shares in %1 fell after the board of %1 cut the forecast.\n").arg(firm);
            text += QStringLiteral("Minister %1 said the harbour would reopen, and %1 told reporters.\n").arg(person);
            text += QStringLiteral("Officials in %1 said shares in %2 rose, minister %3 said.\n")
                        .arg(town, firm, person);
        }
        texts.append(text);
    }
    return texts;
}

ClusterOptions smallOptions(quint32 seed = 2003)
{
    ClusterOptions options;
    options.seed = seed;
    options.fine = 20;
    options.middle = 8;
    options.coarse = 3;
    options.minCount = 3;
    options.contexts = 40;
    return options;
}

} // namespace

void WordClustersTest::sameTextGivesTheSameBytes()
{
    const QByteArray first = makeWordClusters(sampleTexts(), smallOptions());
    QVERIFY(!first.isEmpty());
    QCOMPARE(makeWordClusters(sampleTexts(), smallOptions()), first);
    WordClusters clusters;
    QString error;
    QVERIFY2(clusters.load(first, &error), qPrintable(error));
    QCOMPARE(clusters.fineCount(), 20);
}

void WordClustersTest::wordsUsedAlikeShareAClass_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("alike");
    QTest::addColumn<QString>("different");
    QTest::addColumn<quint32>("seed");
    // Not a lucky draw: the same with other seeds of the k-means.
    for (const quint32 seed : { 2003u, 1u, 77u }) {
        QTest::addRow("towns, seed %u", seed)
            << QStringLiteral("Halden") << QStringLiteral("Tromsdal") << QStringLiteral("Norvik") << seed;
        QTest::addRow("firms, seed %u", seed)
            << QStringLiteral("Arcfield") << QStringLiteral("Lumeq") << QStringLiteral("Maria") << seed;
        QTest::addRow("people, seed %u", seed)
            << QStringLiteral("Ines") << QStringLiteral("Sanna") << QStringLiteral("Vardo") << seed;
        QTest::addRow("case does not matter, seed %u", seed)
            << QStringLiteral("HALDEN") << QStringLiteral("moss") << QStringLiteral("Henrik") << seed;
    }
}

void WordClustersTest::wordsUsedAlikeShareAClass()
{
    QFETCH(QString, word);
    QFETCH(QString, alike);
    QFETCH(QString, different);
    QFETCH(quint32, seed);
    WordClusters clusters;
    QString error;
    QVERIFY2(clusters.load(makeWordClusters(sampleTexts(), smallOptions(seed)), &error), qPrintable(error));
    const WordClusters::Classes classes = clusters.classOf(wordHash(word));
    QVERIFY(classes.fine > 0);
    QVERIFY(classes.middle > 0);
    QVERIFY(classes.coarse > 0);
    QCOMPARE(clusters.classOf(wordHash(alike)).fine, classes.fine);
    QVERIFY(clusters.classOf(wordHash(different)).fine != classes.fine);
}

void WordClustersTest::rareAndUnknownWordsHaveNoClass()
{
    QStringList texts = sampleTexts();
    texts.append(QStringLiteral("A lone word: Quillon.\n"));
    WordClusters clusters;
    QString error;
    QVERIFY2(clusters.load(makeWordClusters(texts, smallOptions()), &error), qPrintable(error));
    QCOMPARE(clusters.classOf(wordHash(QStringLiteral("Quillon"))).fine, quint16(0));
    QCOMPARE(clusters.classOf(wordHash(QStringLiteral("Zanzibar"))).middle, quint16(0));
    QVERIFY(clusters.classOf(wordHash(QStringLiteral("ferry"))).fine > 0);
}

void WordClustersTest::refusesDamagedData_data()
{
    const QByteArray good = WordClusters::build(
        { { wordHash(QStringLiteral("halden")), 0 }, { wordHash(QStringLiteral("moss")), 1 } }, { 0, 0 }, { 0, 0 });
    QVERIFY(!good.isEmpty());
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("another file") << QByteArray("DLEX").append(good.mid(4));
    QTest::newRow("truncated") << good.chopped(3);
    QTest::newRow("trailing bytes") << good + QByteArray("xy");
    QByteArray badVersion = good;
    badVersion[4] = char(99);
    QTest::newRow("unknown version") << badVersion;
    QByteArray badClass = good;
    badClass[good.size() - 8] = char(7); // the last word's fine class, past the two there are
    QTest::newRow("class out of range") << badClass;
    QByteArray unsorted = good.left(good.size() - 16) + good.right(8) + good.mid(good.size() - 16, 8);
    QTest::newRow("unsorted words") << unsorted;
}

void WordClustersTest::refusesDamagedData()
{
    QFETCH(QByteArray, data);
    WordClusters clusters;
    QString error;
    QVERIFY(!clusters.load(data, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!clusters.isLoaded());
    QCOMPARE(clusters.classOf(wordHash(QStringLiteral("halden"))).fine, quint16(0));
}

void WordClustersTest::compiledInClassesLoad()
{
    const WordClusters &clusters = WordClusters::instance();
    QVERIFY(clusters.isLoaded());
    QVERIFY(clusters.size() > 10000);
    // Common words of any news text have a class; the classes of two different kinds of word differ.
    const WordClusters::Classes said = clusters.classOf(wordHash(QStringLiteral("said")));
    const WordClusters::Classes the = clusters.classOf(wordHash(QStringLiteral("the")));
    QVERIFY(said.fine > 0);
    QVERIFY(the.fine > 0);
    QVERIFY(said.fine != the.fine);
}

QTEST_GUILESS_MAIN(WordClustersTest)
#include "wordclusters_test.moc"
