// The name lists the entity tagger reads as features: built, stored and matched the same every time.
#include "analysis/featurelexicon.h"

#include <QTest>

using namespace Dossier::Core;

class FeatureLexiconTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameListsGiveTheSameBytes();
    void matchesWholeNamesCaseInsensitively_data();
    void matchesWholeNamesCaseInsensitively();
    void refusesDamagedData_data();
    void refusesDamagedData();
    void compiledInLexiconLoads();
};

namespace
{

QByteArray sampleLexicon()
{
    return FeatureLexicon::build({
        { FeatureLexicon::City,
            { QStringLiteral("Halden"), QStringLiteral("Kestrel Bay"), QStringLiteral("Reading") } },
        { FeatureLexicon::Company, { QStringLiteral("Norvik Marine Holdings"), QStringLiteral("lowercase co") } },
        { FeatureLexicon::FirstName, { QStringLiteral("Reading"), QStringLiteral("Ines") } },
    });
}

// "word:unit-lists/multi-lists" for every token any list covers.
QStringList hits(const FeatureLexicon &lexicon, const QString &text)
{
    const QList<Token> tokens = tokenize(text);
    const std::vector<FeatureLexicon::Hit> found = lexicon.match(text, tokens);
    QStringList out;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const FeatureLexicon::Hit &hit = found[size_t(i)];
        if (hit.unit || hit.multi) {
            out.append(QStringLiteral("%1:%2/%3")
                    .arg(text.sliced(tokens[i].start, tokens[i].size()))
                    .arg(hit.unit)
                    .arg(hit.multi));
        }
    }
    return out;
}

} // namespace

void FeatureLexiconTest::sameListsGiveTheSameBytes()
{
    const QByteArray first = sampleLexicon();
    QCOMPARE(sampleLexicon(), first);
    FeatureLexicon lexicon;
    QString error;
    QVERIFY2(lexicon.load(first, &error), qPrintable(error));
    QCOMPARE(lexicon.size(), 5); // 'Reading' once, on two lists; 'lowercase co' left out
}

void FeatureLexiconTest::matchesWholeNamesCaseInsensitively_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    const QString city = QString::number(1 << FeatureLexicon::City);
    const QString company = QString::number(1 << FeatureLexicon::Company);
    const QString both = QString::number(1 << FeatureLexicon::City | 1 << FeatureLexicon::FirstName);
    QTest::newRow("one-token name") << QStringLiteral("Ferries left Halden.")
                                    << QStringList { QStringLiteral("Halden:") + city + QStringLiteral("/0") };
    QTest::newRow("a name on two lists") << QStringLiteral("Reading won.")
                                         << QStringList { QStringLiteral("Reading:") + both + QStringLiteral("/0") };
    QTest::newRow("several tokens") << QStringLiteral("Shares of Norvik Marine Holdings fell.")
                                    << QStringList { QStringLiteral("Norvik:0/") + company,
                                           QStringLiteral("Marine:0/") + company,
                                           QStringLiteral("Holdings:0/") + company };
    QTest::newRow("all capitals") << QStringLiteral(
        "KESTREL BAY, Monday") << QStringList { QStringLiteral("KESTREL:0/") + city, QStringLiteral("BAY:0/") + city };
    QTest::newRow("not from a lower-case word") << QStringLiteral("she was reading in halden") << QStringList {};
    QTest::newRow("not across a line break") << QStringLiteral("Kestrel\nBay") << QStringList {};
    QTest::newRow("part of a name is no match") << QStringLiteral("Norvik Marine said") << QStringList {};
}

void FeatureLexiconTest::matchesWholeNamesCaseInsensitively()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    FeatureLexicon lexicon;
    QString error;
    QVERIFY2(lexicon.load(sampleLexicon(), &error), qPrintable(error));
    QCOMPARE(hits(lexicon, text), expected);
}

void FeatureLexiconTest::refusesDamagedData_data()
{
    QTest::addColumn<QByteArray>("data");
    const QByteArray good = sampleLexicon();
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("another file") << QByteArray("DTAG and more bytes here");
    QTest::newRow("truncated") << good.left(good.size() - 3);
    QTest::newRow("trailing bytes") << good + QByteArray("xx");
    QByteArray otherVersion = good;
    otherVersion[4] = 9;
    QTest::newRow("another format version") << otherVersion;
}

void FeatureLexiconTest::refusesDamagedData()
{
    QFETCH(QByteArray, data);
    FeatureLexicon lexicon;
    QString error;
    QVERIFY(!lexicon.load(data, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!lexicon.isLoaded());
}

void FeatureLexiconTest::compiledInLexiconLoads()
{
    const FeatureLexicon &lexicon = FeatureLexicon::instance();
    QVERIFY(lexicon.isLoaded());
    QVERIFY2(lexicon.size() > 50000, qPrintable(QString::number(lexicon.size())));
    const QString text = QStringLiteral("Officials in Paris met the University of Tokyo.");
    QVERIFY(!hits(lexicon, text).isEmpty());
}

QTEST_GUILESS_MAIN(FeatureLexiconTest)
#include "featurelexicon_test.moc"
