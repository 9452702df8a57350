#include "analysis/analyzer.h"
#include "analysis/entityrecognizer.h"
#include "analysis/quantities.h"
#include "analysis/rulerecognizer.h"
#include "analysis/sequencetagger.h"
#include "analysis/tokenizer.h"
#include "analysis/typecues_p.h"

#include <QTest>

using namespace Dossier::Core;

class EntityRecognizerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recognizes_data();
    void recognizes();
    void normalisesDates_data();
    void normalisesDates();
    void normalisesMoney_data();
    void normalisesMoney();
    void scalesAmounts_data();
    void scalesAmounts();
    void possessiveIsNotPartOfTheSpan();
    void noNameCrossesALineOrColumn_data();
    void noNameCrossesALineOrColumn();
    void datelineIsANameOfItsOwn();
    void nameHoldsNoOrdinaryWords_data();
    void nameHoldsNoOrdinaryWords();
    void typesNamesAsTheTextCallsThem_data();
    void typesNamesAsTheTextCallsThem();
    void cuesSettleTaggedNames_data();
    void cuesSettleTaggedNames();
    void namesTeams_data();
    void namesTeams();
    void namesOrganisationsOfPlaces_data();
    void namesOrganisationsOfPlaces();
    void namesPlayersByPosition_data();
    void namesPlayersByPosition();
    void typesListsAlike_data();
    void typesListsAlike();
    void dropsWhatIsNoName_data();
    void dropsWhatIsNoName();
    void headlineNamesNeedTheTextsConfirmation_data();
    void headlineNamesNeedTheTextsConfirmation();
    void handlesLargeInput();
};

namespace
{

// "TYPE surface" for every mention the recognizer is sure of or guesses; "=canonical" when it gives one.
QStringList tagged(const QString &text, const RecognizeContext &context = {})
{
    QStringList out;
    for (const RawMention &m : defaultRecognizer().recognize(text, context)) {
        if (m.confidence == MentionConfidence::Candidate) {
            continue;
        }
        QString entry = entityTypeName(m.type) + QLatin1Char(' ') + text.sliced(m.start, m.end - m.start);
        if (!m.canonical.isEmpty()) {
            entry += QLatin1Char('=') + m.canonical;
        }
        out.append(entry);
    }
    return out;
}

// Mentions set by hand, as the tagger might have found them: every whole-word occurrence of each "TYPE surface"
// of \a tagged (longest first) not inside one set before, sorted by start.
QList<RawMention> handSet(const QString &text, const QStringList &tagged)
{
    QList<RawMention> mentions;
    const auto taken = [&](qsizetype start, qsizetype end) {
        return std::any_of(
            mentions.cbegin(), mentions.cend(), [&](const RawMention &m) { return m.start < end && start < m.end; });
    };
    for (const QString &name : tagged) {
        const QString surface = name.section(u' ', 1);
        const EntityType type = name.startsWith(QLatin1StringView("PERSON")) ? EntityType::Person
            : name.startsWith(QLatin1StringView("ORG"))                      ? EntityType::Org
                                                                             : EntityType::Location;
        for (qsizetype at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
            const qsizetype end = at + surface.size();
            const bool whole = (at == 0 || !text[at - 1].isLetter()) && (end == text.size() || !text[end].isLetter());
            if (whole && !taken(at, end)) {
                mentions.append(RawMention { at, end, type, QString(), MentionConfidence::Guess });
            }
        }
    }
    std::sort(
        mentions.begin(), mentions.end(), [](const RawMention &a, const RawMention &b) { return a.start < b.start; });
    return mentions;
}

// "TYPE surface" for each mention of \a text after \a rule ran on the names \a tagged set by hand, in order.
template<typename Rule> QStringList afterRules(const QString &text, const QStringList &tagged, Rule rule)
{
    const QList<Token> tokens = tokenize(text);
    const TaggerFeatures features(text, tokens, recognizeWithRules(text, tokens, {}));
    QList<RawMention> mentions = handSet(text, tagged);
    rule(tokens, features, &mentions);
    QStringList found;
    for (const RawMention &m : std::as_const(mentions)) {
        found.append(entityTypeName(m.type) + QLatin1Char(' ') + text.sliced(m.start, m.end - m.start));
    }
    return found;
}

} // namespace

void EntityRecognizerTest::recognizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("headline");
    QTest::addColumn<QStringList>("expected"); // all must be found
    QTest::addColumn<QStringList>("absent"); // surfaces that must not be tagged

    QTest::newRow("person after a title")
        << QStringLiteral("Reporters waited for Foreign Minister Maria Lindqvist all day.") << false
        << QStringList { QStringLiteral("PERSON Maria Lindqvist") }
        << QStringList { QStringLiteral("Foreign Minister") };
    QTest::newRow("references: a date or a year in brackets after the author")
        << QStringLiteral("^ Lindqvist, Carlos (February 4, 2019). \"Harbour Nights review\". Halden Post. "
                          "Retrieved 19 June 2019.\n^ Varga, W. (1993). \"Island birds of the north\". Norvik Press. "
                          "p. 362.\n^ Okafor, Rachel (2016-09-01). \"The new ferry timetable\". Coastal Times.")
        << false
        << QStringList { QStringLiteral("DATE February 4, 2019=2019-02-04"), QStringLiteral("ORG Halden Post") }
        << QStringList { QStringLiteral("February 4"), QStringLiteral("W. (1993)."),
               QStringLiteral("Rachel (2016-09-01).") };
    QTest::newRow("a product's model after its model word")
        << QStringLiteral("Kestrel showed the new iPad Air and the iPhone 15 Plus in Halden on Monday, beside the "
                          "Galaxy S23 Ultra, a 4K Crystal UHD Smart TV and the Volvo V60 Cross Country.")
        << false << QStringList { QStringLiteral("ORG Kestrel"), QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("Air"), QStringLiteral("Plus"), QStringLiteral("Ultra"),
               QStringLiteral("Crystal UHD Smart"), QStringLiteral("Cross Country") };
    QTest::newRow("a thing after an article or a possessive")
        << QStringLiteral("Tove Brandt said the Mac was still her favourite. The Brandt family moved to Halden, "
                          "where the Brandt archive is kept.")
        << false << QStringList { QStringLiteral("PERSON Tove Brandt"), QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("Mac") };
    QTest::newRow("two capitals no list knows as a place")
        << QStringLiteral("Available in an early preview, Kestrel’s AI development environment for the desktop lets "
                          "you build small language models.\n\nKestrel used its developer event to introduce a series "
                          "of AI development tools. AI models run on laptops.")
        << false << QStringList {} << QStringList { QStringLiteral("AI") };
    QTest::newRow("playing positions in capitals")
        << QStringLiteral("The guards, PG and SG, were both injured, and the PF sat out.") << false << QStringList {}
        << QStringList { QStringLiteral("PG"), QStringLiteral("SG") };
    QTest::newRow("a state's code after its town")
        << QStringLiteral("Flooding closed the roads around Springfield, IL on Monday, and NY officials sent help.")
        << false << QStringList { QStringLiteral("LOCATION Springfield"), QStringLiteral("LOCATION IL") }
        << QStringList {};
    QTest::newRow("greetings and sign-offs of a letter")
        << QStringLiteral("Dear Marit,\n\nThanks for the ferry report. Kindest regards,\nTomas\n\nHey Vladi, the "
                          "Halden timetable is attached.")
        << false << QStringList { QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("Dear Marit"), QStringLiteral("Kindest"), QStringLiteral("Hey Vladi") };
    QTest::newRow("abbreviations of things, not names")
        << QStringLiteral("The base model comes with the 12-core CPU/18-core GPU version of the Kestrel chip, with "
                          "18GB RAM and 512GB SSD.\n\nKestrel Studio offers tools that work across both your CPU and "
                          "GPU.\n\nThe app has three main features — chat tracking, SMS, and location monitoring.")
        << false << QStringList { QStringLiteral("ORG Kestrel Studio") }
        << QStringList { QStringLiteral("GPU"), QStringLiteral("SSD"), QStringLiteral("SMS"), QStringLiteral("RAM") };
    QTest::newRow("person after a title with of")
        << QStringLiteral("Later, Secretary of State Tomasz Wierzbicki arrived by train.") << false
        << QStringList { QStringLiteral("PERSON Tomasz Wierzbicki") } << QStringList { QStringLiteral("State") };
    QTest::newRow("an agency named after its country")
        << QStringLiteral("Figures released by Statistics Canada on Monday showed exports fell for a third month.")
        << false << QStringList { QStringLiteral("ORG Statistics Canada") } << QStringList { QStringLiteral("Canada") };
    QTest::newRow("a person whose surname is a place")
        << QStringLiteral("Trevor Holland scored twice for the visitors.") << false
        << QStringList { QStringLiteral("PERSON Trevor Holland") } << QStringList { QStringLiteral("Holland") };
    QTest::newRow("middle initials")
        << QStringLiteral("Former rector Halvard K. Lindqvist wrote the letter, and Rep. Ines M. Okafor answered it.")
        << false
        << QStringList { QStringLiteral("PERSON Halvard K. Lindqvist"), QStringLiteral("PERSON Ines M. Okafor") }
        << QStringList { QStringLiteral("Halvard K"), QStringLiteral("Ines M"), QStringLiteral("Okafor") };
    QTest::newRow("two people joined by an ampersand")
        << QStringLiteral("The couple, Ines Okafor & Tomas Reyes, have split, a spokesperson said on Monday.") << false
        << QStringList { QStringLiteral("PERSON Ines Okafor"), QStringLiteral("PERSON Tomas Reyes") }
        << QStringList { QStringLiteral("Ines Okafor & Tomas Reyes") };
    QTest::newRow("a letter alone is no name")
        << QStringLiteral("\"I told Halvorsen I would stay,\" she said.\nRevenue N / A N / A\nGroup B: Norvik, Halden")
        << false << QStringList {}
        << QStringList { QStringLiteral("I"), QStringLiteral("N"), QStringLiteral("A"), QStringLiteral("B"),
               QStringLiteral("A N"), QStringLiteral("N / A") };
    QTest::newRow("organisation before a title")
        << QStringLiteral("The board heard from Northwind Council President Aldo Ferrante on the matter.") << false
        << QStringList { QStringLiteral("ORG Northwind Council"), QStringLiteral("PERSON Aldo Ferrante") }
        << QStringList {};
    QTest::newRow("surname that is also a place")
        << QStringLiteral("The report was written by Dr. Helen Perth last year.") << false
        << QStringList { QStringLiteral("PERSON Helen Perth") } << QStringList { QStringLiteral("Perth") };
    QTest::newRow("chief cabinet secretary")
        << QStringLiteral("Chief Cabinet Secretary Hideto Maruyama spoke to reporters.") << false
        << QStringList { QStringLiteral("PERSON Hideto Maruyama") } << QStringList { QStringLiteral("Chief") };
    QTest::newRow("places from the gazetteer")
        << QStringLiteral("Delegates flew from Nairobi to Canberra and then on to Bavaria.") << false
        << QStringList { QStringLiteral("LOCATION Nairobi=Nairobi"), QStringLiteral("LOCATION Canberra=Canberra"),
               QStringLiteral("LOCATION Bavaria=Bavaria") }
        << QStringList {};
    QTest::newRow("country short forms") << QStringLiteral(
        "Officials in the U.S. and the UK disagreed with the US position.")
                                         << false
                                         << QStringList { QStringLiteral("LOCATION U.S.=United States"),
                                                QStringLiteral("LOCATION UK=United Kingdom"),
                                                QStringLiteral("LOCATION US=United States") }
                                         << QStringList {};
    QTest::newRow("multi-word place wins over its first word")
        << QStringLiteral("Ships crossed the South China Sea near the Korean Peninsula.") << false
        << QStringList { QStringLiteral("LOCATION South China Sea=South China Sea"),
               QStringLiteral("LOCATION Korean Peninsula=Korean Peninsula") }
        << QStringList { QStringLiteral("China") };
    QTest::newRow("organisation suffix") << QStringLiteral("A report by the Halvorsen Institute was cited.") << false
                                         << QStringList { QStringLiteral("ORG Halvorsen Institute") } << QStringList {};
    QTest::newRow("ministry of") << QStringLiteral("He joined the Ministry of Coastal Affairs of Norway in spring.")
                                 << false << QStringList { QStringLiteral("ORG Ministry of Coastal Affairs of Norway") }
                                 << QStringList { QStringLiteral("Norway") };
    QTest::newRow("newspaper") << QStringLiteral("The Hokuriku Shimbun reported the plan first.") << false
                               << QStringList { QStringLiteral("ORG Hokuriku Shimbun") }
                               << QStringList { QStringLiteral("The Hokuriku Shimbun") };
    QTest::newRow("international body and its acronym")
        << QStringLiteral("Both sides back the European Union (EU) and the United Nations.") << false
        << QStringList { QStringLiteral("ORG European Union=European Union"), QStringLiteral("ORG EU=European Union"),
               QStringLiteral("ORG United Nations=United Nations") }
        << QStringList {};
    QTest::newRow("acronym takes its expansion")
        << QStringLiteral("A study by the Northern Fisheries Research Council (NFRC) found little.") << false
        << QStringList { QStringLiteral("ORG Northern Fisheries Research Council"),
               QStringLiteral("ORG NFRC=Northern Fisheries Research Council") }
        << QStringList {};
    QTest::newRow("person by a known first name")
        << QStringLiteral("Critics such as Daniel Okonkwo disagreed.") << false
        << QStringList { QStringLiteral("PERSON Daniel Okonkwo") } << QStringList {};
    QTest::newRow("person before said") << QStringLiteral("On Monday Okonkwo said the plan would fail.") << false
                                        << QStringList { QStringLiteral("PERSON Okonkwo") } << QStringList {};
    QTest::newRow("demonyms are not entities")
        << QStringLiteral("Japanese and Chinese officials met North Korean diplomats.") << false << QStringList {}
        << QStringList { QStringLiteral("Japanese"), QStringLiteral("Chinese"), QStringLiteral("North Korean") };
    QTest::newRow("sentence-initial words are not entities")
        << QStringLiteral("The talks ended early. In the end nothing changed. At dawn they left. Expanded trade "
                          "was promised.")
        << false << QStringList {}
        << QStringList { QStringLiteral("The"), QStringLiteral("In"), QStringLiteral("At"),
               QStringLiteral("Expanded") };
    QTest::newRow("title without a name")
        << QStringLiteral("The Ambassador in charge of Fisheries Policy spoke.") << false << QStringList {}
        << QStringList { QStringLiteral("Ambassador"), QStringLiteral("Fisheries Policy") };
    QTest::newRow("ministry with and") << QStringLiteral("Officials at the Ministry of Economy and Finance objected.")
                                       << false << QStringList { QStringLiteral("ORG Ministry of Economy and Finance") }
                                       << QStringList {};
    QTest::newRow("place inside an event name")
        << QStringLiteral("Runners gathered for the Reykjavik Marathon on a cold morning.") << false << QStringList {}
        << QStringList { QStringLiteral("Reykjavik") };
    QTest::newRow("place inside a hyphenated adjective")
        << QStringLiteral("The Oslo-based group and a Norway-Chile pact were cited.") << false << QStringList {}
        << QStringList { QStringLiteral("Oslo"), QStringLiteral("Norway"), QStringLiteral("Oslo-based") };
    QTest::newRow("all-caps headline") << QStringLiteral("TALKS STALL IN GENEVA AS NORWAY WALKS OUT") << true
                                       << QStringList { QStringLiteral("LOCATION GENEVA=Geneva"),
                                              QStringLiteral("LOCATION NORWAY=Norway") }
                                       << QStringList { QStringLiteral("TALKS"), QStringLiteral("STALL") };
    QTest::newRow("all-caps dateline") << QStringLiteral("OSLO\n\nThe fleet returned on time.") << false
                                       << QStringList { QStringLiteral("LOCATION OSLO=Oslo") } << QStringList {};
    // Non-entities of web pages: button and prompt text, headline case, capitalised sentence openings.
    QTest::newRow("button and prompt text")
        << QStringLiteral("Sign Up\nGet The App\nRead More\nShare This Article\nThe ferry left Halden at noon.")
        << false << QStringList {}
        << QStringList { QStringLiteral("Sign Up"), QStringLiteral("Get The App"), QStringLiteral("Get"),
               QStringLiteral("App"), QStringLiteral("Read More"), QStringLiteral("Share This Article"),
               QStringLiteral("Share") };
    QTest::newRow("headline-case subheading")
        << QStringLiteral("Excessive Delays Anger Shippers\nThe port reopened on Monday after the repairs.") << false
        << QStringList {}
        << QStringList { QStringLiteral("Excessive Delays Anger Shippers"), QStringLiteral("Excessive"),
               QStringLiteral("Delays"), QStringLiteral("Anger Shippers") };
    QTest::newRow("capitalised sentence openings")
        << QStringLiteral("Abuse of the tendering rules was alleged. Excessive silt has closed two berths. "
                          "Complete details will follow next week. Get ready, the harbour master said.")
        << false << QStringList {}
        << QStringList { QStringLiteral("Abuse"), QStringLiteral("Excessive"), QStringLiteral("Complete"),
               QStringLiteral("Get") };
    QTest::newRow("a plural noun opening a sentence")
        << QStringLiteral("Officials in Halden and Oslo expect a joint statement within weeks, Ines Okafor told "
                          "reporters. Residents were not consulted.")
        << false << QStringList { QStringLiteral("PERSON Ines Okafor") }
        << QStringList { QStringLiteral("Officials"), QStringLiteral("Residents") };
    QTest::newRow("an ordinary word opening a sentence, as any kind of name")
        << QStringLiteral("The regional coordination centre for search and rescue will move from Tromso to Bodo "
                          "next year, the ministry of justice said on Monday. Staff were told that no one would "
                          "lose their job in the relocation. Union representatives said the consultation had been "
                          "short.")
        << false << QStringList { QStringLiteral("LOCATION Tromso"), QStringLiteral("LOCATION Bodo") }
        << QStringList { QStringLiteral("Union") };
    QTest::newRow("a name ends where the name ends")
        << QStringLiteral("The Kestrel Bay Port Authority on Wednesday asked the council to act.") << false
        << QStringList { QStringLiteral("ORG Kestrel Bay Port Authority") }
        << QStringList { QStringLiteral("Kestrel Bay Port Authority on Wednesday"),
               QStringLiteral("Wednesday asked the") };
    QTest::newRow("title-case heading") << QStringLiteral("Strengthening Regional Fisheries Cooperation\nIt rained.")
                                        << false << QStringList {}
                                        << QStringList { QStringLiteral(
                                               "Strengthening Regional Fisheries Cooperation") };
}

void EntityRecognizerTest::recognizes()
{
    QFETCH(QString, text);
    QFETCH(bool, headline);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    RecognizeContext context;
    context.headline = headline;
    const QStringList found = tagged(text, context);
    for (const QString &want : std::as_const(expected)) {
        QVERIFY2(found.contains(want), qPrintable(want + QStringLiteral(" not in ") + found.join(u'|')));
    }
    for (const QString &surface : std::as_const(absent)) {
        for (const QString &entry : found) {
            const QString tagged = entry.section(u' ', 1).section(u'=', 0, 0);
            QVERIFY2(tagged != surface, qPrintable(surface + QStringLiteral(" tagged: ") + found.join(u'|')));
        }
    }
}

void EntityRecognizerTest::normalisesDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("articleDate");
    QTest::addColumn<QStringList>("expected"); // "surface=canonical" of each DATE, in order

    const QDate none;
    QTest::newRow("day month year") << QStringLiteral("It was signed on 4 March 2019 in Oslo.") << none
                                    << QStringList { QStringLiteral("4 March 2019=2019-03-04") };
    QTest::newRow("month day, year") << QStringLiteral("It was signed on March 4, 2019, in Oslo.") << none
                                     << QStringList { QStringLiteral("March 4, 2019=2019-03-04") };
    QTest::newRow("iso date") << QStringLiteral("Posted 2021-07-06 by staff.") << none
                              << QStringList { QStringLiteral("2021-07-06=2021-07-06") };
    QTest::newRow("month and year") << QStringLiteral("The plan adopted in July 2018 lapses.") << none
                                    << QStringList { QStringLiteral("July 2018=2018-07") };
    QTest::newRow("year after a preposition") << QStringLiteral("Talks stalled in 2007 and 15 ships left.") << none
                                              << QStringList { QStringLiteral("2007=2007") };
    QTest::newRow("abbreviated month without year")
        << QStringLiteral("Ministers meet on Sept. 30 and Oct. 3.") << QDate(2013, 9, 25)
        << QStringList { QStringLiteral("Sept. 30=2013-09-30"), QStringLiteral("Oct. 3=2013-10-03") };
    QTest::newRow("next month") << QStringLiteral("A dialogue will start next month.") << QDate(2014, 4, 20)
                                << QStringList { QStringLiteral("next month=2014-05") };
    QTest::newRow("last year") << QStringLiteral("Exports fell last year.") << QDate(2014, 4, 20)
                               << QStringList { QStringLiteral("last year=2013") };
    QTest::newRow("next week") << QStringLiteral("Talks resume next week.") << QDate(2017, 8, 10)
                               << QStringList { QStringLiteral("next week=2017-W33") };
    QTest::newRow("weekday in the past") << QStringLiteral("An official said Saturday that talks stalled.")
                                         << QDate(2017, 8, 10) << QStringList { QStringLiteral("Saturday=2017-08-05") };
    QTest::newRow("weekday in the future")
        << QStringLiteral("The ministers will meet in Oslo on Thursday.") << QDate(2017, 8, 7)
        << QStringList { QStringLiteral("Thursday=2017-08-10") };
    QTest::newRow("yesterday") << QStringLiteral("The vote took place yesterday.") << QDate(2020, 3, 1)
                               << QStringList { QStringLiteral("yesterday=2020-02-29") };
    QTest::newRow("in a month near the turn of the year")
        << QStringLiteral("It was adopted in December.") << QDate(2014, 1, 15)
        << QStringList { QStringLiteral("December=2013-12") };
    QTest::newRow("relative dates need the article date")
        << QStringLiteral("A dialogue will start next month, on Saturday.") << none << QStringList {};
    QTest::newRow("may the verb") << QStringLiteral("May I ask? Prices may rise.") << QDate(2014, 4, 20)
                                  << QStringList {};
}

void EntityRecognizerTest::normalisesDates()
{
    QFETCH(QString, text);
    QFETCH(QDate, articleDate);
    QFETCH(QStringList, expected);
    RecognizeContext context;
    context.articleDate = articleDate;
    QStringList found;
    for (const RawMention &m : defaultRecognizer().recognize(text, context)) {
        if (m.type == EntityType::Date) {
            found.append(text.sliced(m.start, m.end - m.start) + QLatin1Char('=') + m.canonical);
        }
    }
    QCOMPARE(found, expected);
}

void EntityRecognizerTest::normalisesMoney_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("surface");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("dollars in billions") << QStringLiteral("Japan will pay up to $2.8 billion of the cost.")
                                         << QStringLiteral("$2.8 billion") << QStringLiteral("2800000000 USD");
    QTest::newRow("US dollars with separators") << QStringLiteral("A fine of US$450,000 was set.")
                                                << QStringLiteral("US$450,000") << QStringLiteral("450000 USD");
    QTest::newRow("yen sign") << QStringLiteral("The budget tops ¥3 trillion this year.")
                              << QStringLiteral("¥3 trillion") << QStringLiteral("3000000000000 JPY");
    QTest::newRow("euros with a glued multiplier")
        << QStringLiteral("It raised €1.25m from donors.") << QStringLiteral("€1.25m") << QStringLiteral("1250000 EUR");
    QTest::newRow("currency word") << QStringLiteral("They paid 5 million yen in fees.")
                                   << QStringLiteral("5 million yen") << QStringLiteral("5000000 JPY");
    QTest::newRow("pounds and pence") << QStringLiteral("Tickets cost £12.50 each.") << QStringLiteral("£12.50")
                                      << QStringLiteral("12.5 GBP");
}

void EntityRecognizerTest::normalisesMoney()
{
    QFETCH(QString, text);
    QFETCH(QString, surface);
    QFETCH(QString, canonical);
    QStringList found;
    for (const RawMention &m : defaultRecognizer().recognize(text, {})) {
        if (m.type == EntityType::Money) {
            found.append(text.sliced(m.start, m.end - m.start) + QLatin1Char('=') + m.canonical);
        }
    }
    QCOMPARE(found, QStringList { surface + QLatin1Char('=') + canonical });
}

void EntityRecognizerTest::scalesAmounts_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<int>("exponent");
    QTest::addColumn<QString>("expected");

    QTest::newRow("decimal billions") << QStringLiteral("8.6") << 9 << QStringLiteral("8600000000");
    QTest::newRow("more decimals than the exponent") << QStringLiteral("1.2345") << 3 << QStringLiteral("1234.5");
    QTest::newRow("thousands separators") << QStringLiteral("9,000") << 0 << QStringLiteral("9000");
    QTest::newRow("trailing zeros") << QStringLiteral("12.50") << 0 << QStringLiteral("12.5");
    QTest::newRow("not an amount") << QStringLiteral("12-15") << 0 << QString();
    // Found by fuzz/dates_fuzz.cpp: digits of other scripts came out as they were.
    QTest::newRow("Arabic-Indic digits") << QStringLiteral("\u0663.\u0665") << 3 << QStringLiteral("3500");
    QTest::newRow("NKo digit") << QStringLiteral("\u07C6") << 0 << QStringLiteral("6");
}

void EntityRecognizerTest::scalesAmounts()
{
    QFETCH(QString, number);
    QFETCH(int, exponent);
    QFETCH(QString, expected);
    QCOMPARE(scaleAmount(number, exponent), expected);
}

void EntityRecognizerTest::possessiveIsNotPartOfTheSpan()
{
    const QString text = QStringLiteral("Norway’s fleet and Chile's navy met.");
    const QStringList found = tagged(text);
    QVERIFY2(found.contains(QStringLiteral("LOCATION Norway=Norway")), qPrintable(found.join(u'|')));
    QVERIFY2(found.contains(QStringLiteral("LOCATION Chile=Chile")), qPrintable(found.join(u'|')));
}

void EntityRecognizerTest::noNameCrossesALineOrColumn_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("names listed one per line")
        << QStringLiteral("Contributors\nTomas Reyes\nInes Okafor\nMara Lindqvist\nThe council met again on Friday.");
    QTest::newRow("a caption above a paragraph")
        << QStringLiteral("Harbour master Tomas Reyes\nNorvik Marine lost the first bid for the dredging work.");
    QTest::newRow("a place at the end of one line, a person at the start of the next")
        << QStringLiteral("Ferries resumed between Halden and Kestrel Bay\nInes Okafor said the timetable would hold.");
    QTest::newRow("a table laid out with spaces")
        << QStringLiteral("Club          League      Won  Lost\nNorvik Rovers  Coastal League  12   3\nHalden City     "
                          "North Union     9    6\n");
    QTest::newRow("fields of a form separated by a tab") << QStringLiteral("Owner\tNorvik Marine\tPort\tKestrel Bay\n");
}

void EntityRecognizerTest::noNameCrossesALineOrColumn()
{
    QFETCH(QString, text);
    for (const RawMention &m : defaultRecognizer().recognize(text, {})) {
        const QString surface = text.sliced(m.start, m.end - m.start);
        QVERIFY2(!surface.contains(u'\n'), qPrintable(surface));
        QVERIFY2(!surface.contains(u'\t') && !surface.contains(QLatin1StringView("  ")), qPrintable(surface));
    }
}

void EntityRecognizerTest::datelineIsANameOfItsOwn()
{
    // A scrape that lost the dash after the dateline: 'TOKYO' and 'Japan' are two places, not one name.
    const QString text = QStringLiteral("OSLO Norway and Iceland will discuss fishing quotas, officials said.");
    RecognizeContext context;
    context.datelineEnd = 4;
    const QStringList found = tagged(text, context);
    QVERIFY2(found.contains(QStringLiteral("LOCATION OSLO=Oslo")), qPrintable(found.join(u'|')));
    QVERIFY2(found.contains(QStringLiteral("LOCATION Norway=Norway")), qPrintable(found.join(u'|')));
    for (const QString &entry : found) {
        QVERIFY2(!entry.contains(QStringLiteral("OSLO Norway")), qPrintable(found.join(u'|')));
    }
}

void EntityRecognizerTest::nameHoldsNoOrdinaryWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("a product name before lower-case words")
        << QStringLiteral("The card costs the same as regular Kestrel Prepaid SIMs with up to 21 GB data for only "
                          "PHP99. Buy it on the Kestrel Online Store and instantly activate the code.");
    QTest::newRow("a title before a comma")
        << QStringLiteral("We spent an hour talking about Top Gun: Maverick, only for the world to shut down.");
    QTest::newRow("a sentence opened by a conjunction")
        << QStringLiteral("Nobody expected it. And Halvorsen wants to look like the calm one. But Lindqvist left.");
    QTest::newRow("a shouted promotion inside a paragraph")
        << QStringLiteral("The dress sold for $1.1 million. GET KESTREL BUSINESS ON THE GO BY CLICKING HERE Halvorsen "
                          "bought it for a museum in Norvik.");
    QTest::newRow("a name in headline case with joining words")
        << QStringLiteral("Shares in Bank Of Norvik rose after Procter & Gamble reported on Tuesday.");
}

void EntityRecognizerTest::typesNamesAsTheTextCallsThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // "TYPE surface": every mention of the surface has that type
    QTest::newRow("the kind of organisation before the name") << QStringLiteral(
        "The film studio Brightwater bought the rights to the documentary. Brightwater will release it "
        "in the spring, its head of distribution said.") << QStringList { QStringLiteral("ORG Brightwater") };
    QTest::newRow("the kind of organisation after the name")
        << QStringLiteral("Kelpworks, the seaweed packaging maker, said on Monday it would open a plant in Halden. "
                          "Kelpworks employs forty people there.")
        << QStringList { QStringLiteral("ORG Kelpworks"), QStringLiteral("LOCATION Halden") };
    QTest::newRow("the kind of organisation before a list of names")
        << QStringLiteral("Companies such as Zillow, Chainalysis and Gizmodo have cut staff this year. Lenders "
                          "including Halvard Kreditt or Norvik Sparebank raised rates, and Zillow hired again.")
        << QStringList { QStringLiteral("ORG Zillow"), QStringLiteral("ORG Chainalysis"), QStringLiteral("ORG Gizmodo"),
               QStringLiteral("ORG Halvard Kreditt"), QStringLiteral("ORG Norvik Sparebank") };
    QTest::newRow("'which' after the name")
        << QStringLiteral("Tallyvault, which sells accounting software to farmers, raised its prices on Monday. "
                          "Customers of Tallyvault said the increase was steep.")
        << QStringList { QStringLiteral("ORG Tallyvault") };
    QTest::newRow("'which' about what was said, not about the speaker")
        << QStringLiteral("The mission of the council is to keep the harbour open, said Ines Okafor, which includes "
                          "dredging the channel. Okafor said the work would start in May.")
        << QStringList { QStringLiteral("PERSON Ines Okafor"), QStringLiteral("PERSON Okafor") };
    QTest::newRow("'which' after a name with a title")
        << QStringLiteral("Mayor Oskar Berg, which surprised nobody, won again. Berg thanked the voters of Halden.")
        << QStringList { QStringLiteral("PERSON Oskar Berg"), QStringLiteral("PERSON Berg") };
    QTest::newRow("a known place inside an organisation's name stays a place")
        << QStringLiteral(
               "Kate Moran of Ocean Networks Canada, a group that studies the seabed, said Canada would fund "
               "the work. Canada has the longest coastline in the world.")
        << QStringList { QStringLiteral("LOCATION Canada"), QStringLiteral("PERSON Kate Moran") };
    QTest::newRow("a name the text calls 'it'")
        << QStringLiteral("Zorvex said on Monday that it would cut the price of its scooters. Zorvex expects its sales "
                          "to double, and Zorvex plans to open shops in Halden.")
        << QStringList { QStringLiteral("ORG Zorvex"), QStringLiteral("LOCATION Halden") };
    QTest::newRow("a name the text calls 'she' as well as 'it'") << QStringLiteral(
        "Mirelle said on Monday that it was time to go. Mirelle told reporters she would leave, and "
        "Mirelle said it was final.") << QStringList { QStringLiteral("PERSON Mirelle") };
    QTest::newRow("a place named after its college is the college")
        << QStringLiteral("She studied at Merriford College before joining the council. Merriford College has 900 "
                          "students, and Ashgrove Academy has fewer.")
        << QStringList { QStringLiteral("ORG Merriford College"), QStringLiteral("ORG Ashgrove Academy") };
    QTest::newRow("a company the lists know, never named as a person") << QStringLiteral(
        "Apple delivered a faster laptop this year, but Apple's list of games is short. Apple "
        "continues to stress battery life.") << QStringList { QStringLiteral("ORG Apple") };
    QTest::newRow("a person the text names in full keeps a company's name") << QStringLiteral(
        "The goalkeeper Jonas Visa saved twice on Sunday. Visa said the team was tired after "
        "the flight.") << QStringList { QStringLiteral("PERSON Jonas Visa"), QStringLiteral("PERSON Visa") };
    QTest::newRow("a company's name opening a product's") << QStringLiteral(
        "With Apple ProRAW, photographers get more room to edit. Apple says the phone is faster. "
        "Apple will ship it soon.") << QStringList { QStringLiteral("ORG Apple") };
    QTest::newRow("a team named after its city, then alone") << QStringLiteral(
        "Kelda Moss signed with the Jacksonville Jaguars on Monday. The Jaguars open their season in "
        "Halden.") << QStringList { QStringLiteral("ORG Jacksonville Jaguars"), QStringLiteral("ORG Jaguars") };
    QTest::newRow("an organisation of a place")
        << QStringLiteral("Kelda Moss joined the Social Democratic Party of Norway in 2004, and she now chairs the "
                          "National Library of the Netherlands.")
        << QStringList { QStringLiteral("ORG Social Democratic Party of Norway"),
               QStringLiteral("ORG National Library of the Netherlands") };
    QTest::newRow("the sentence's full stop is not part of the name") << QStringLiteral(
        "He talked to Maury Povich. Then he left.") << QStringList { QStringLiteral("PERSON Maury Povich") };
    QTest::newRow("a day after the name is not part of it")
        << QStringLiteral("Harbour officials met the network Kestrel TV Friday to discuss the ferry timetable.")
        << QStringList { QStringLiteral("ORG Kestrel TV") };
}

void EntityRecognizerTest::typesNamesAsTheTextCallsThem()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const QStringList found = tagged(text);
    for (const QString &want : std::as_const(expected)) {
        const QString surface = want.section(u' ', 1);
        bool seen = false;
        for (const QString &entry : found) {
            if (entry.section(u' ', 1).section(u'=', 0, 0) == surface) {
                seen = true;
                QVERIFY2(
                    entry.section(u'=', 0, 0) == want, qPrintable(entry + QStringLiteral(" in ") + found.join(u'|')));
            }
        }
        QVERIFY2(seen, qPrintable(want + QStringLiteral(" not in ") + found.join(u'|')));
    }
}

void EntityRecognizerTest::nameHoldsNoOrdinaryWords()
{
    // Inside a name: capitalised words, numbers, particles ('de'), and joining words ('of', 'and', '&').
    static const QStringList joining = { QStringLiteral("of"), QStringLiteral("and"), QStringLiteral("for"),
        QStringLiteral("on"), QStringLiteral("in"), QStringLiteral("at"), QStringLiteral("&") };
    static const QStringList openers = { QStringLiteral("And"), QStringLiteral("But") };
    static const QStringList shouted = { QStringLiteral("BY"), QStringLiteral("HERE"), QStringLiteral("TO") };
    QFETCH(QString, text);
    for (const RawMention &m : defaultRecognizer().recognize(text, {})) {
        if (m.type != EntityType::Person && m.type != EntityType::Org && m.type != EntityType::Location) {
            continue;
        }
        const QString surface = text.sliced(m.start, m.end - m.start);
        QVERIFY2(!surface.contains(u','), qPrintable(surface));
        const QStringList words = surface.split(u' ', Qt::SkipEmptyParts);
        QVERIFY2(!openers.contains(words.first()), qPrintable(surface));
        for (const QString &word : words) {
            QVERIFY2(!word[0].isLower() || joining.contains(word), qPrintable(surface));
            QVERIFY2(!shouted.contains(word), qPrintable(surface));
        }
    }
}

void EntityRecognizerTest::cuesSettleTaggedNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tagged"); // "TYPE surface": every whole-word occurrence, longest first
    QTest::addColumn<QStringList>("expected"); // the names after dropNonNames() and applyTypeCues(), in order
    QTest::newRow("a surname named again alone")
        << QStringLiteral("Critics held Ansel Varga in high esteem.\nVarga wrote the book in 1953, a year Varga hated.")
        << QStringList { QStringLiteral("PERSON Ansel Varga"), QStringLiteral("ORG Varga") }
        << QStringList { QStringLiteral("PERSON Ansel Varga"), QStringLiteral("PERSON Varga"),
               QStringLiteral("PERSON Varga") };
    QTest::newRow("a place the lists know stays a place")
        << QStringLiteral("The author Mira Halden was born in Oslo. Oslo honoured her in 2001.")
        << QStringList { QStringLiteral("PERSON Mira Halden"), QStringLiteral("LOCATION Oslo") }
        << QStringList { QStringLiteral("PERSON Mira Halden"), QStringLiteral("LOCATION Oslo"),
               QStringLiteral("LOCATION Oslo") };
    QTest::newRow("a law") << QStringLiteral(
        "The minister announced under the Halden Harbour Referendum Act 2019 that Halden would vote.")
                           << QStringList { QStringLiteral("ORG Halden Harbour Referendum Act"),
                                  QStringLiteral("LOCATION Halden") }
                           << QStringList { QStringLiteral("LOCATION Halden") };
    QTest::newRow("a name ending in a word companies are named with")
        << QStringLiteral("Kelpworks Labs sold its films to Halden Film Studios and hired Norvik Technologies.")
        << QStringList { QStringLiteral("LOCATION Kelpworks Labs"), QStringLiteral("PERSON Halden Film Studios"),
               QStringLiteral("PERSON Norvik Technologies") }
        << QStringList { QStringLiteral("ORG Kelpworks Labs"), QStringLiteral("ORG Halden Film Studios"),
               QStringLiteral("ORG Norvik Technologies") };
    QTest::newRow("an era after a year") << QStringLiteral(
        "The harbour of Halden was built (c. 1230 BC) and rebuilt in AD 79.")
                                         << QStringList { QStringLiteral("LOCATION Halden"), QStringLiteral("ORG BC"),
                                                QStringLiteral("ORG AD") }
                                         << QStringList { QStringLiteral("LOCATION Halden") };
    QTest::newRow("a storm named again alone")
        << QStringLiteral("Cyclone Varuna reached Halden on Saturday. Varuna brought rain to Norvik.")
        << QStringList { QStringLiteral("PERSON Cyclone Varuna"), QStringLiteral("PERSON Varuna"),
               QStringLiteral("LOCATION Halden"), QStringLiteral("LOCATION Norvik") }
        << QStringList { QStringLiteral("LOCATION Halden"), QStringLiteral("LOCATION Norvik") };
}

void EntityRecognizerTest::cuesSettleTaggedNames()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tagged);
    QFETCH(QStringList, expected);
    QCOMPARE(afterRules(text, tagged,
                 [&](const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions) {
                     dropNonNames(text, tokens, mentions);
                     applyTypeCues(text, tokens, features, mentions);
                 }),
        expected);
}

void EntityRecognizerTest::namesTeams_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tagged"); // "TYPE surface": every whole-word occurrence, longest first
    QTest::addColumn<QStringList>("expected"); // the names after nameTeams(), in order
    QTest::newRow("a place and a plural, then the plural alone")
        << QStringLiteral("The Norvik Jaguars won on Sunday. The Jaguars scored twice, and Jaguars coach Ola Berg "
                          "thanked the fans of the Jaguars.")
        << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("PERSON Ola Berg") }
        << QStringList { QStringLiteral("ORG Norvik Jaguars"), QStringLiteral("ORG Jaguars"),
               QStringLiteral("ORG Jaguars"), QStringLiteral("PERSON Ola Berg"), QStringLiteral("ORG Jaguars") };
    QTest::newRow("a place of two words and a plural of two")
        << QStringLiteral("The Port Halden Blue Herons lost to the Norvik Otters in the final.")
        << QStringList { QStringLiteral("LOCATION Port Halden"), QStringLiteral("LOCATION Norvik") }
        << QStringList { QStringLiteral("ORG Port Halden Blue Herons"), QStringLiteral("ORG Norvik Otters") };
    QTest::newRow("a company") << QStringLiteral("Norvik Instruments will cut 200 jobs in Halden.")
                               << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("LOCATION Halden") }
                               << QStringList { QStringLiteral("ORG Norvik Instruments"),
                                      QStringLiteral("LOCATION Halden") };
    QTest::newRow("a kind of place") << QStringLiteral("Ferries to the Norvik Islands leave from Halden.")
                                     << QStringList { QStringLiteral("LOCATION Norvik"),
                                            QStringLiteral("LOCATION Halden") }
                                     << QStringList { QStringLiteral("LOCATION Norvik"),
                                            QStringLiteral("LOCATION Halden") };
    QTest::newRow("a party and a people")
        << QStringLiteral("Norvik Democrats and Halden Albanians marched on Monday.")
        << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("LOCATION Halden") };
    QTest::newRow("a longer name the plural opens")
        << QStringLiteral("The Norvik Writers' Prize went to Ola Berg.")
        << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("PERSON Ola Berg") }
        << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("PERSON Ola Berg") };
    QTest::newRow("a name with more capitals after it")
        << QStringLiteral("She moved to the Norvik Otters Stadium in May.")
        << QStringList { QStringLiteral("LOCATION Norvik") } << QStringList { QStringLiteral("LOCATION Norvik") };
    QTest::newRow("a person named after a place")
        << QStringLiteral("Tennessee Williams wrote the play in Halden.")
        << QStringList { QStringLiteral("PERSON Tennessee Williams"), QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("PERSON Tennessee Williams"), QStringLiteral("LOCATION Halden") };
}

void EntityRecognizerTest::namesTeams()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tagged);
    QFETCH(QStringList, expected);
    QCOMPARE(afterRules(text, tagged,
                 [&](const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions) {
                     nameTeams(text, tokens, features, mentions);
                 }),
        expected);
}

void EntityRecognizerTest::namesOrganisationsOfPlaces_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tagged"); // "TYPE surface": every whole-word occurrence, longest first
    QTest::addColumn<QStringList>("expected"); // the names after nameOrganisationsOfPlaces(), in order
    QTest::newRow("a party of a country, its first part untagged")
        << QStringLiteral("She joined the Social Democratic Party of Norvik in 2004.")
        << QStringList { QStringLiteral("LOCATION Norvik") }
        << QStringList { QStringLiteral("ORG Social Democratic Party of Norvik") };
    QTest::newRow("its first part tagged an organisation, the place after 'of the'")
        << QStringLiteral("The National Library of the Norvik Isles holds the letters.")
        << QStringList { QStringLiteral("ORG National Library"), QStringLiteral("LOCATION Norvik Isles") }
        << QStringList { QStringLiteral("ORG National Library of the Norvik Isles") };
    QTest::newRow("not the ordinary word opening the sentence, nor a title")
        << QStringLiteral("The Housing Authority of Halden said so. National President Conservative Party of Norvik "
                          "Ola Berg agreed.")
        << QStringList { QStringLiteral("LOCATION Halden"), QStringLiteral("LOCATION Norvik"),
               QStringLiteral("PERSON Ola Berg") }
        << QStringList { QStringLiteral("ORG Housing Authority of Halden"),
               QStringLiteral("ORG Conservative Party of Norvik"), QStringLiteral("PERSON Ola Berg") };
    QTest::newRow("a word that names no organisation, or a person's name")
        << QStringLiteral("The Prime Minister of Norvik met Ola Bank of Halden.")
        << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("PERSON Ola Bank"),
               QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("LOCATION Norvik"), QStringLiteral("PERSON Ola Bank"),
               QStringLiteral("LOCATION Halden") };
    QTest::newRow("across a line break") << QStringLiteral("Members of the Party\nof Norvik met.")
                                         << QStringList { QStringLiteral("LOCATION Norvik") }
                                         << QStringList { QStringLiteral("LOCATION Norvik") };
}

void EntityRecognizerTest::namesOrganisationsOfPlaces()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tagged);
    QFETCH(QStringList, expected);
    QCOMPARE(afterRules(text, tagged,
                 [&](const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions) {
                     nameOrganisationsOfPlaces(text, tokens, features, mentions);
                 }),
        expected);
}

void EntityRecognizerTest::namesPlayersByPosition_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tagged"); // "TYPE surface": every whole-word occurrence, longest first
    QTest::addColumn<QStringList>("expected"); // the names after namePlayersByPosition(), in order
    QTest::newRow("a position before a player")
        << QStringLiteral("QB Maria Lindqvist threw twice.") << QStringList { QStringLiteral("ORG QB Maria Lindqvist") }
        << QStringList { QStringLiteral("PERSON Maria Lindqvist") };
    QTest::newRow("two teams, positions and players in one name")
        << QStringLiteral("Norvik Otters DT Chris Jones and Halden WR Mike Evans were fined.")
        << QStringList { QStringLiteral("ORG Norvik Otters DT Chris Jones and Halden WR Mike Evans") }
        << QStringList { QStringLiteral("ORG Norvik Otters"), QStringLiteral("PERSON Chris Jones"),
               QStringLiteral("ORG Halden"), QStringLiteral("PERSON Mike Evans") };
    QTest::newRow("a team at the start of a line")
        << QStringLiteral("Results:\nOtters QB Maria Lindqvist")
        << QStringList { QStringLiteral("ORG Otters QB Maria Lindqvist") }
        << QStringList { QStringLiteral("ORG Otters"), QStringLiteral("PERSON Maria Lindqvist") };
    QTest::newRow("capitals after it that are no given name")
        << QStringLiteral("The GK Elite gloves sold out.") << QStringList { QStringLiteral("ORG GK Elite") }
        << QStringList { QStringLiteral("ORG GK Elite") };
}

void EntityRecognizerTest::namesPlayersByPosition()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tagged);
    QFETCH(QStringList, expected);
    QCOMPARE(afterRules(text, tagged,
                 [&](const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions) {
                     namePlayersByPosition(text, tokens, features, mentions);
                 }),
        expected);
}

void EntityRecognizerTest::typesListsAlike_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tagged"); // "TYPE surface": every whole-word occurrence, longest first
    QTest::addColumn<QStringList>("expected"); // the names after typeListsAlike(), in order
    QTest::newRow("a list of organisations")
        << QStringLiteral("Amnesty International, Oxfam, Christian Aid and Kelpworks Trust gave money.")
        << QStringList { QStringLiteral("ORG Amnesty International"), QStringLiteral("PERSON Oxfam"),
               QStringLiteral("ORG Christian Aid"), QStringLiteral("ORG Kelpworks Trust") }
        << QStringList { QStringLiteral("ORG Amnesty International"), QStringLiteral("ORG Oxfam"),
               QStringLiteral("ORG Christian Aid"), QStringLiteral("ORG Kelpworks Trust") };
    QTest::newRow("a person the lists know as one, among organisations")
        << QStringLiteral("Amnesty International, Christian Aid and Maria Lindqvist gave money.")
        << QStringList { QStringLiteral("ORG Amnesty International"), QStringLiteral("ORG Christian Aid"),
               QStringLiteral("PERSON Maria Lindqvist") }
        << QStringList { QStringLiteral("ORG Amnesty International"), QStringLiteral("ORG Christian Aid"),
               QStringLiteral("PERSON Maria Lindqvist") };
    QTest::newRow("a list of people") << QStringLiteral("Ola Berg, Kelda Moss and Oxfam signed.")
                                      << QStringList { QStringLiteral("PERSON Ola Berg"),
                                             QStringLiteral("PERSON Kelda Moss"), QStringLiteral("PERSON Oxfam") }
                                      << QStringList { QStringLiteral("PERSON Ola Berg"),
                                             QStringLiteral("PERSON Kelda Moss"), QStringLiteral("PERSON Oxfam") };
    QTest::newRow("names not only listed") << QStringLiteral("Amnesty International met Oxfam, Christian Aid said.")
                                           << QStringList { QStringLiteral("ORG Amnesty International"),
                                                  QStringLiteral("PERSON Oxfam"), QStringLiteral("ORG Christian Aid") }
                                           << QStringList { QStringLiteral("ORG Amnesty International"),
                                                  QStringLiteral("PERSON Oxfam"), QStringLiteral("ORG Christian Aid") };
}

void EntityRecognizerTest::typesListsAlike()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tagged);
    QFETCH(QStringList, expected);
    QCOMPARE(afterRules(text, tagged,
                 [&](const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions) {
                     typeListsAlike(text, tokens, features, mentions);
                 }),
        expected);
}

void EntityRecognizerTest::dropsWhatIsNoName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names"); // "TYPE surface", found
    QTest::addColumn<QStringList>("noNames"); // surfaces that are no name of any type
    QTest::newRow("credentials after a person's name")
        << QStringLiteral("\"Portions matter,\" said Kelly Marsh, MS, RD, CSSD, LDN, a dietitian in Halden. Another "
                          "study, led by Ravi Okonjo, MD, found the same.")
        << QStringList { QStringLiteral("PERSON Kelly Marsh"), QStringLiteral("PERSON Ravi Okonjo") }
        << QStringList { QStringLiteral("MS"), QStringLiteral("RD"), QStringLiteral("CSSD"), QStringLiteral("LDN"),
               QStringLiteral("MD") };
    QTest::newRow("a plural of capitals")
        << QStringLiteral("Three MVPs sat out the final in Halden, and the league handed out two LTOs.")
        << QStringList { QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("MVPs"), QStringLiteral("Three MVPs"), QStringLiteral("LTOs") };
    QTest::newRow("a storm and its name")
        << QStringLiteral("Cyclone Varuna made landfall near Halden on Saturday. Varuna brought winds of 200 km/h, "
                          "and Hurricane Oskana is expected next week.")
        << QStringList { QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("Cyclone Varuna"), QStringLiteral("Varuna"), QStringLiteral("Hurricane Oskana"),
               QStringLiteral("Oskana") };
    QTest::newRow("holidays") << QStringLiteral(
        "Ferries to Halden run less often after Christmas. On Christmas Eve the last boat leaves "
        "at noon, and the timetable changes again at Easter and Thanksgiving.")
                              << QStringList { QStringLiteral("LOCATION Halden") }
                              << QStringList { QStringLiteral("Christmas"), QStringLiteral("Christmas Eve"),
                                     QStringLiteral("Eve"), QStringLiteral("Easter"), QStringLiteral("Thanksgiving") };
    QTest::newRow("a name only in another story's headline")
        << QStringLiteral("Ferries to Halden run less often in winter, the harbour office said on Monday.\n"
                          "Maria Lindqvist Reveals The Secret Behind Her Famous Garden Parties\n"
                          "The timetable changes again in May.")
        << QStringList { QStringLiteral("LOCATION Halden") }
        << QStringList { QStringLiteral("Maria Lindqvist"), QStringLiteral("Maria Lindqvist Reveals") };
    QTest::newRow("a line of names is no headline")
        << QStringLiteral("The coach named her side for the final in Halden.\n"
                          "Kelda Moss, Ines Okafor, Marlow Quinn, Oskar Berg\n"
                          "The match starts at noon.")
        << QStringList { QStringLiteral("PERSON Kelda Moss"), QStringLiteral("PERSON Ines Okafor"),
               QStringLiteral("PERSON Marlow Quinn"), QStringLiteral("PERSON Oskar Berg") }
        << QStringList {};
}

void EntityRecognizerTest::dropsWhatIsNoName()
{
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    QFETCH(QStringList, noNames);
    const QStringList found = tagged(text);
    for (const QString &want : std::as_const(names)) {
        QVERIFY2(std::any_of(found.cbegin(), found.cend(),
                     [&](const QString &entry) { return entry.section(u'=', 0, 0) == want; }),
            qPrintable(want + QStringLiteral(" not in ") + found.join(u'|')));
    }
    for (const QString &entry : found) {
        const QString surface = entry.section(u' ', 1).section(u'=', 0, 0);
        QVERIFY2(!noNames.contains(surface), qPrintable(entry + QStringLiteral(" in ") + found.join(u'|')));
    }
}

void EntityRecognizerTest::headlineNamesNeedTheTextsConfirmation_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("entity"); // "TYPE name"
    QTest::addColumn<QStringList>("surfaces"); // of its mentions, in order
    const QString headline = QStringLiteral("Maria Lindqvist Reveals The Secret Behind Her Famous Garden Parties\n");
    QTest::newRow("only in another story's headline")
        << QStringLiteral("Ferries to Halden run less often in winter, the harbour office said on Monday.\n") + headline
            + QStringLiteral("The timetable changes again in May.")
        << QStringLiteral("PERSON Maria Lindqvist") << QStringList {};
    QTest::newRow("in the headline and the text")
        << headline
            + QStringLiteral("The gardener Maria Lindqvist hosted forty guests in Halden on Saturday, she said.")
        << QStringLiteral("PERSON Maria Lindqvist")
        << QStringList { QStringLiteral("Maria Lindqvist"), QStringLiteral("Maria Lindqvist") };
    QTest::newRow("the name alone, without the headline's words before it")
        << QStringLiteral("Compression Ratio of the Kestrel Engine\nThe Kestrel engine is built by Harbour Motors in "
                          "Halden, the company said on Monday. Kestrel sells well.")
        << QStringLiteral("ORG Kestrel")
        << QStringList { QStringLiteral("Kestrel"), QStringLiteral("Kestrel"), QStringLiteral("Kestrel") };
}

void EntityRecognizerTest::headlineNamesNeedTheTextsConfirmation()
{
    QFETCH(QString, body);
    QFETCH(QString, entity);
    QFETCH(QStringList, surfaces);
    Article article;
    article.body = body;
    Analyzer::recognizeEntities(article);
    QStringList found;
    for (const Mention &mention : std::as_const(article.mentions)) {
        const Entity &e = article.entities.at(mention.entity);
        if (entityTypeName(e.type) + u' ' + e.name == entity) {
            found.append(body.sliced(mention.start, mention.end - mention.start));
        }
    }
    QCOMPARE(found, surfaces);
}

void EntityRecognizerTest::handlesLargeInput()
{
    // Throughput is measured by bench/nerbench, not here; this checks a long text is handled whole.
    const QString paragraph = QStringLiteral(
        "Foreign Minister Maria Lindqvist met her counterpart in Nairobi on 4 March 2019, officials said. "
        "The Halvorsen Institute estimated the cost at $2.8 billion, and the European Union (EU) agreed to "
        "pay half. \"We expect progress next month,\" Lindqvist told reporters, while the U.S. stayed silent.\n");
    QString text;
    for (int i = 0; i < 2000; ++i) {
        text += paragraph;
    }
    RecognizeContext context;
    context.articleDate = QDate(2019, 3, 1);
    const QList<RawMention> mentions = defaultRecognizer().recognize(text, context);
    QVERIFY(mentions.size() > 2000 * 8);
    QVERIFY(mentions.back().end <= text.size());
}

QTEST_GUILESS_MAIN(EntityRecognizerTest)
#include "entityrecognizer_test.moc"
