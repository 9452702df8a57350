#include "analysis/entityrecognizer.h"
#include "analysis/rulerecognizer.h"
#include "analysis/sequencetagger.h"
#include "analysis/tokenizer.h"

#include <QTest>

using namespace Dossier::Core;

// The learned tagger on sentences written for this test (never training or evaluation text).
class SequenceTaggerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelLoads();
    void tagsInContext_data();
    void tagsInContext();
    void recognizerUsesTagger_data();
    void recognizerUsesTagger();
    void labelsAreWellFormed();
    void namesSettleAfterDecoding_data();
    void namesSettleAfterDecoding();
    void emptyInput();
    void rejectsDamagedModels_data();
    void rejectsDamagedModels();
    void roundTrips();
};

namespace
{

const char *const kindNames[] = { "PERSON", "ORG", "LOCATION", "MISC" };

// "KIND surface" for every name the tagger finds.
QStringList tagged(const QString &text, const RecognizeContext &context = {})
{
    const QList<Token> tokens = tokenize(text);
    const RuleEvidence rules = recognizeWithRules(text, tokens, context);
    TaggerFeatures features(text, tokens, rules);
    QStringList out;
    for (const TaggedSpan &span : SequenceTagger::instance().tag(features)) {
        const qsizetype start = tokens[span.first].start;
        out.append(QLatin1StringView(kindNames[span.kind]) + QLatin1Char(' ')
            + text.sliced(start, tokens[span.last - 1].end - start));
    }
    return out;
}

// "TYPE surface" for every mention the recognizer reports as sure or guessed.
QStringList recognized(const QString &text, const RecognizeContext &context = {})
{
    QStringList out;
    for (const RawMention &m : defaultRecognizer().recognize(text, context)) {
        if (m.confidence != MentionConfidence::Candidate) {
            out.append(entityTypeName(m.type) + QLatin1Char(' ') + text.sliced(m.start, m.end - m.start));
        }
    }
    return out;
}

} // namespace

void SequenceTaggerTest::modelLoads()
{
    const SequenceTagger &tagger = SequenceTagger::instance();
    QVERIFY(tagger.isLoaded());
    QVERIFY(tagger.bucketBits() >= 10);
    QCOMPARE(&SequenceTagger::instance(), &tagger); // loaded once
}

void SequenceTaggerTest::tagsInContext_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // all must be found
    QTest::addColumn<QStringList>("absent"); // surfaces that must not be tagged as names

    QTest::newRow("person by context") << QStringLiteral(
        "The striker Marco Bellandi scored twice on Sunday, his coach said.")
                                       << QStringList { QStringLiteral("PERSON Marco Bellandi") }
                                       << QStringList { QStringLiteral("Sunday") };
    QTest::newRow("person's surname alone later")
        << QStringLiteral("Ingrid Solberg won the vote. Solberg thanked her supporters on Tuesday.")
        << QStringList { QStringLiteral("PERSON Ingrid Solberg"), QStringLiteral("PERSON Solberg") } << QStringList {};
    QTest::newRow("organisation") << QStringLiteral("Norvik Bank said on Monday its profit rose by a third.")
                                  << QStringList { QStringLiteral("ORG Norvik Bank") }
                                  << QStringList { QStringLiteral("Monday") };
    QTest::newRow("places") << QStringLiteral("Talks between Kenya and Tanzania resumed in Nairobi, officials said.")
                            << QStringList { QStringLiteral("LOCATION Kenya"), QStringLiteral("LOCATION Tanzania"),
                                   QStringLiteral("LOCATION Nairobi") }
                            << QStringList { QStringLiteral("Talks") };
    QTest::newRow("place unknown to the gazetteers")
        << QStringLiteral("Floods cut the road between the villages of Ostravik and Lundmere in the north.")
        << QStringList { QStringLiteral("LOCATION Ostravik"), QStringLiteral("LOCATION Lundmere") } << QStringList {};
    QTest::newRow("sentence-initial common word")
        << QStringLiteral("Analysts expect the central bank to hold rates. Most of them said so.") << QStringList {}
        << QStringList { QStringLiteral("Analysts"), QStringLiteral("Most") };
    QTest::newRow("all-caps headline and dateline")
        << QStringLiteral("SOCCER - BELLANDI SCORES TWICE AS FIORENTINA BEAT UDINESE\nFLORENCE 2025-05-04\n"
                          "Marco Bellandi scored twice as Fiorentina beat Udinese 3-1 in Florence on Sunday.")
        << QStringList { QStringLiteral("LOCATION FLORENCE"), QStringLiteral("PERSON Marco Bellandi") }
        << QStringList { QStringLiteral("SOCCER"), QStringLiteral("SCORES"), QStringLiteral("TWICE") };
}

void SequenceTaggerTest::tagsInContext()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    const QStringList found = tagged(text);
    for (const QString &want : std::as_const(expected)) {
        QVERIFY2(found.contains(want), qPrintable(want + QStringLiteral(" not in: ") + found.join(u" | ")));
    }
    for (const QString &surface : std::as_const(absent)) {
        for (const QString &entry : found) {
            QVERIFY2(entry.section(u' ', 1) != surface, qPrintable(surface + QStringLiteral(" tagged: ") + entry));
        }
    }
}

void SequenceTaggerTest::recognizerUsesTagger_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("headline");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("unknown person and club")
        << QStringLiteral("Marco Bellandi scored twice as Fiorentina beat Udinese 3-1 in Florence on 4 May 2025.")
        << false
        << QStringList { QStringLiteral("PERSON Marco Bellandi"), QStringLiteral("LOCATION Florence"),
               QStringLiteral("DATE 4 May 2025") };
    QTest::newRow("title cue keeps the person apart")
        << QStringLiteral("The plan was backed by Northwind Council President Aldo Ferrante and the board.") << false
        << QStringList { QStringLiteral("PERSON Aldo Ferrante") };
    QTest::newRow("all-caps headline") << QStringLiteral("TALKS STALL IN GENEVA AS NORWAY WALKS OUT") << true
                                       << QStringList { QStringLiteral("LOCATION GENEVA"),
                                              QStringLiteral("LOCATION NORWAY") };
}

void SequenceTaggerTest::recognizerUsesTagger()
{
    QFETCH(QString, text);
    QFETCH(bool, headline);
    QFETCH(QStringList, expected);
    RecognizeContext context;
    context.headline = headline;
    const QStringList found = recognized(text, context);
    for (const QString &want : std::as_const(expected)) {
        QVERIFY2(found.contains(want), qPrintable(want + QStringLiteral(" not in: ") + found.join(u" | ")));
    }
}

void SequenceTaggerTest::labelsAreWellFormed()
{
    const QString text = QStringLiteral("Officials from the Ministry of Fisheries met Aldo Ferrante of Northwind "
                                        "Holdings in Bergen\nand then flew to Oslo.");
    const QList<Token> tokens = tokenize(text);
    TaggerFeatures features(text, tokens, recognizeWithRules(text, tokens, {}));
    const QList<TaggedSpan> spans = SequenceTagger::instance().tag(features);
    quint8 previous = TaggerLabel::Outside;
    for (qsizetype i = 0; i < features.size(); ++i) {
        if (i > 0 && tokens[i].is(Token::LineStart)) {
            previous = TaggerLabel::Outside;
        }
        QVERIFY(TaggerLabel::allowed(previous, features.label(i), features.lastOfLine(i)));
        previous = features.label(i);
    }
    qsizetype end = 0;
    for (const TaggedSpan &span : spans) {
        QVERIFY(span.first >= end && span.last > span.first && span.last <= tokens.size());
        end = span.last;
    }
}

void SequenceTaggerTest::namesSettleAfterDecoding_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("decoded"); // "KIND surface": the names as the decoder labelled them
    QTest::addColumn<QStringList>("expected"); // the names after SequenceTagger::settleNames()

    QTest::newRow("a name over a sentence end, then a name")
        << QStringLiteral("We meet Dana Whitlock's squire Corvinus. Corvinus Hale rides out at dawn.")
        << QStringList { QStringLiteral("PERSON Dana Whitlock"), QStringLiteral("PERSON Corvinus. Corvinus Hale") }
        << QStringList { QStringLiteral("PERSON Dana Whitlock"), QStringLiteral("PERSON Corvinus"),
               QStringLiteral("PERSON Corvinus Hale") };
    QTest::newRow("a closing bracket and a lone word after the stop")
        << QStringLiteral("We get a first look at The Wraith (Tobias Ferrant). Wraiths are cursed soldiers.")
        << QStringList { QStringLiteral("PERSON Tobias Ferrant). Wraiths") }
        << QStringList { QStringLiteral("PERSON Tobias Ferrant") };
    QTest::newRow("an ordinary word opens the next sentence")
        << QStringLiteral("The phone joins the Lumo 14 Plus. Another feature is gone.")
        << QStringList { QStringLiteral("ORG Lumo 14 Plus. Another") }
        << QStringList { QStringLiteral("ORG Lumo 14 Plus") };
    QTest::newRow("a middle initial is no sentence end")
        << QStringLiteral("The former president Derek C. Bok spoke first.")
        << QStringList { QStringLiteral("PERSON Derek C. Bok") }
        << QStringList { QStringLiteral("PERSON Derek C. Bok") };
    QTest::newRow("an abbreviation in capitals")
        << QStringLiteral("FLIGHTS TO ST. LOUIS RESUME") << QStringList { QStringLiteral("LOCATION ST. LOUIS") }
        << QStringList { QStringLiteral("LOCATION ST. LOUIS") };
    QTest::newRow("no space after the dot") << QStringLiteral("Cases of the Pirola Variant.Two rose.")
                                            << QStringList { QStringLiteral("ORG Pirola Variant.Two") }
                                            << QStringList { QStringLiteral("ORG Pirola Variant.Two") };
    QTest::newRow("a bracket opened and not closed")
        << QStringLiteral("Kevin (Zac Orrin) leads, and Mike (Stanley Vane) follows.")
        << QStringList { QStringLiteral("PERSON Kevin (Zac Orrin"), QStringLiteral("PERSON Mike (Stanley") }
        << QStringList { QStringLiteral("PERSON Kevin"), QStringLiteral("PERSON Zac Orrin"),
               QStringLiteral("PERSON Mike"), QStringLiteral("PERSON Stanley") };
    QTest::newRow("a bracket closed and not opened")
        << QStringLiteral("Kauri (Tamati Orrin) Vane carved the post.")
        << QStringList { QStringLiteral("PERSON Kauri"), QStringLiteral("PERSON Tamati Orrin) Vane") }
        << QStringList { QStringLiteral("PERSON Kauri"), QStringLiteral("PERSON Tamati Orrin"),
               QStringLiteral("PERSON Vane") };
    QTest::newRow("a bracket held whole")
        << QStringLiteral("Radnicki (N) beat Borac (Cacak) 2-0.") << QStringList { QStringLiteral("ORG Radnicki (N)") }
        << QStringList { QStringLiteral("ORG Radnicki (N)") };
    QTest::newRow("lower-case words after the bracket")
        << QStringLiteral("He wrote The Hill People (on the Ikari) in 1972.")
        << QStringList { QStringLiteral("ORG The Hill People (on the Ikari") }
        << QStringList { QStringLiteral("ORG The Hill People"), QStringLiteral("ORG Ikari") };
    QTest::newRow("a name opening with a bracket")
        << QStringLiteral("The villain (Walt Pryor) returns.") << QStringList { QStringLiteral("PERSON (Walt Pryor") }
        << QStringList { QStringLiteral("PERSON Walt Pryor") };
    QTest::newRow("a number after the stop") << QStringLiteral("Scores at Lake Varn. 12 boats sank.")
                                             << QStringList { QStringLiteral("LOCATION Lake Varn. 12") }
                                             << QStringList { QStringLiteral("LOCATION Lake Varn. 12") };
}

void SequenceTaggerTest::namesSettleAfterDecoding()
{
    QFETCH(QString, text);
    QFETCH(QStringList, decoded);
    QFETCH(QStringList, expected);
    const QList<Token> tokens = tokenize(text);
    const RuleEvidence rules = recognizeWithRules(text, tokens, {});
    TaggerFeatures features(text, tokens, rules);
    for (const QString &name : std::as_const(decoded)) {
        const QString surface = name.section(u' ', 1);
        int kind = 0;
        while (kind < 4 && QLatin1StringView(kindNames[kind]) != name.section(u' ', 0, 0)) {
            ++kind;
        }
        const qsizetype start = text.indexOf(surface);
        QVERIFY2(start >= 0 && kind < 4, qPrintable(name));
        QList<qsizetype> inside;
        for (qsizetype t = 0; t < tokens.size(); ++t) {
            if (tokens[t].start >= start && tokens[t].end <= start + surface.size()) {
                inside.append(t);
            }
        }
        QVERIFY(!inside.isEmpty());
        for (const qsizetype t : std::as_const(inside)) {
            const SpanPosition position = inside.size() == 1 ? SpanPosition::Unit
                : t == inside.first()                        ? SpanPosition::Begin
                : t == inside.last()                         ? SpanPosition::Last
                                                             : SpanPosition::Inside;
            features.assign(t, TaggerLabel::make(kind, position));
        }
    }
    std::vector<float> margins(size_t(tokens.size()), 50.0f);
    SequenceTagger::settleNames(features, margins);
    QStringList found;
    for (const TaggedSpan &span : SequenceTagger::spans(features, margins)) {
        const qsizetype start = tokens[span.first].start;
        found.append(QLatin1StringView(kindNames[span.kind]) + QLatin1Char(' ')
            + text.sliced(start, tokens[span.last - 1].end - start));
    }
    QCOMPARE(found, expected);
}

void SequenceTaggerTest::emptyInput()
{
    QVERIFY(tagged(QString()).isEmpty());
    QVERIFY(tagged(QStringLiteral("  \n\n ")).isEmpty());
    QVERIFY(defaultRecognizer().recognize(QString(), {}).isEmpty());
    QVERIFY(recognized(QStringLiteral("...")).isEmpty());
}

void SequenceTaggerTest::rejectsDamagedModels_data()
{
    QTest::addColumn<QByteArray>("data");
    const QByteArray good = SequenceTagger::serialize(std::vector<float>(size_t(TaggerLabel::Count) << 10, 1.0f), 10);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not a model") << QByteArray("hello, world: not a tagger model at all");
    QTest::newRow("truncated") << good.left(good.size() - 5);
    QTest::newRow("trailing bytes") << good + QByteArray("xx");
    QByteArray otherFeatures = good;
    otherFeatures[16] = char(otherFeatures[16] + 1); // the feature version
    QTest::newRow("other features") << otherFeatures;
}

void SequenceTaggerTest::rejectsDamagedModels()
{
    QFETCH(QByteArray, data);
    SequenceTagger tagger;
    QString error;
    QVERIFY(!tagger.load(data, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!tagger.isLoaded());
    const QString text = QStringLiteral("Marco Bellandi went to Florence.");
    const QList<Token> tokens = tokenize(text);
    TaggerFeatures features(text, tokens, recognizeWithRules(text, tokens, {}));
    QVERIFY(tagger.tag(features).isEmpty()); // an empty tagger finds nothing, and does not crash
}

void SequenceTaggerTest::roundTrips()
{
    // A model whose only preference is U-LOCATION everywhere: every token becomes a place of its own.
    constexpr int bits = 10;
    std::vector<float> weights(size_t(TaggerLabel::Count) << bits, 0.0f);
    for (size_t row = 0; row < (size_t(1) << bits); ++row) {
        weights[row * TaggerLabel::Count + TaggerLabel::make(TaggerLabel::Location, SpanPosition::Unit)] = 0.5f;
        weights[row * TaggerLabel::Count + TaggerLabel::Outside] = -0.25f;
    }
    SequenceTagger tagger;
    QString error;
    QVERIFY2(tagger.load(SequenceTagger::serialize(weights, bits), &error), qPrintable(error));
    QCOMPARE(tagger.bucketBits(), bits);
    const QString text = QStringLiteral("Alpha Beta Gamma");
    const QList<Token> tokens = tokenize(text);
    TaggerFeatures features(text, tokens, recognizeWithRules(text, tokens, {}));
    const QList<TaggedSpan> spans = tagger.tag(features);
    QCOMPARE(spans.size(), 3);
    for (const TaggedSpan &span : spans) {
        QCOMPARE(span.kind, int(TaggerLabel::Location));
        QCOMPARE(span.last - span.first, 1);
    }
}

QTEST_GUILESS_MAIN(SequenceTaggerTest)
#include "sequencetagger_test.moc"
