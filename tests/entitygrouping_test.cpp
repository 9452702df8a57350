#include "analysis/entityrecognizer.h"

#include <QTest>

using namespace Dossier::Core;

class EntityGroupingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groups_data();
    void groups();
    void placeOnlyInsideACompoundIsNoEntity();
    void titleMentionsCountButAreNotListed();
    void confidentTypeWinsEverywhere();
    void sureMentionsOfTwoTypesAreTwoEntities();
    void libraryTypeWeighsLikeASureMention_data();
    void libraryTypeWeighsLikeASureMention();
    void candidatesNeedAnAnchor();
    void possessiveIsNotPartOfTheMention();
    void entityKey_data();
    void entityKey();
};

namespace
{

GroupedEntities analyse(const QString &body, const QString &title = {})
{
    const EntityRecognizer &recognizer = defaultRecognizer();
    RecognizeContext headline;
    headline.headline = true;
    return groupMentions(body, recognizer.recognize(body, {}), title,
        title.isEmpty() ? QList<RawMention>() : recognizer.recognize(title, headline));
}

const Entity *find(const GroupedEntities &grouped, const QString &name)
{
    for (const Entity &entity : grouped.entities) {
        if (entity.name == name) {
            return &entity;
        }
    }
    return nullptr;
}

QString describe(const GroupedEntities &grouped)
{
    QStringList out;
    for (const Entity &e : grouped.entities) {
        out.append(
            QStringLiteral("%1 %2 [%3] x%4").arg(entityTypeName(e.type), e.name, e.aliases.join(u',')).arg(e.count));
    }
    return out.join(QStringLiteral("; "));
}

} // namespace

void EntityGroupingTest::groups_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("aliases");
    QTest::addColumn<int>("count");

    QTest::newRow("short form attaches to the full name")
        << QStringLiteral("Prime Minister Sven Aldridge opened the session. Aldridge later left for Oslo.")
        << QStringLiteral("Sven Aldridge") << QStringLiteral("PERSON") << QStringList { QStringLiteral("Aldridge") }
        << 2;
    QTest::newRow("short form before the full name")
        << QStringLiteral("Aldridge was late. Critics of Prime Minister Sven Aldridge smiled. Aldridge said sorry.")
        << QStringLiteral("Sven Aldridge") << QStringLiteral("PERSON") << QStringList { QStringLiteral("Aldridge") }
        << 3;
    QTest::newRow("particle surname") << QStringLiteral(
        "Council President Herman Van Beek spoke first. Van Beek then left.")
                                      << QStringLiteral("Herman Van Beek") << QStringLiteral("PERSON")
                                      << QStringList { QStringLiteral("Van Beek") } << 2;
    QTest::newRow("U.S., US and United States")
        << QStringLiteral("The U.S. and Canada agreed. US officials said the United States would pay.")
        << QStringLiteral("United States") << QStringLiteral("LOCATION")
        << QStringList { QStringLiteral("U.S."), QStringLiteral("US") } << 3;
    QTest::newRow("EU and European Union")
        << QStringLiteral("The European Union (EU) met in Oslo. EU ministers agreed.")
        << QStringLiteral("European Union") << QStringLiteral("ORG") << QStringList { QStringLiteral("EU") } << 3;
    QTest::newRow("acronym attaches to its expansion")
        << QStringLiteral("The Northern Fisheries Research Council (NFRC) met. Later the NFRC said quotas would fall.")
        << QStringLiteral("Northern Fisheries Research Council") << QStringLiteral("ORG")
        << QStringList { QStringLiteral("NFRC") } << 3;
    QTest::newRow("place inside a compound counts when also named alone")
        << QStringLiteral("The Norway-Chile pact was signed. Norway paid most of it.") << QStringLiteral("Norway")
        << QStringLiteral("LOCATION") << QStringList {} << 2;
    QTest::newRow("all-caps dateline is an alias")
        << QStringLiteral("OSLO\n\nTalks in Oslo ended.") << QStringLiteral("Oslo") << QStringLiteral("LOCATION")
        << QStringList { QStringLiteral("OSLO") } << 2;
    QTest::newRow("all-caps dateline of a two-word place")
        << QStringLiteral("KESTREL BAY, March 4 - The terminal at Kestrel Bay opened.") << QStringLiteral("Kestrel Bay")
        << QStringLiteral("LOCATION") << QStringList { QStringLiteral("KESTREL BAY") } << 2;
}

void EntityGroupingTest::groups()
{
    QFETCH(QString, body);
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(QStringList, aliases);
    QFETCH(int, count);
    const GroupedEntities grouped = analyse(body);
    const Entity *entity = find(grouped, name);
    QVERIFY2(entity, qPrintable(describe(grouped)));
    QCOMPARE(entityTypeName(entity->type), type);
    QCOMPARE(entity->aliases, aliases);
    QCOMPARE(entity->count, count);
    // Exactly one entity holds these forms.
    for (const Entity &other : grouped.entities) {
        if (&other != entity) {
            QVERIFY2(!aliases.contains(other.name) && other.name != name, qPrintable(describe(grouped)));
        }
    }
}

void EntityGroupingTest::placeOnlyInsideACompoundIsNoEntity()
{
    const GroupedEntities grouped = analyse(QStringLiteral("The Norway-Chile pact was signed in Lima."));
    QVERIFY2(!find(grouped, QStringLiteral("Norway")), qPrintable(describe(grouped)));
    QVERIFY2(!find(grouped, QStringLiteral("Chile")), qPrintable(describe(grouped)));
    QVERIFY2(find(grouped, QStringLiteral("Lima")), qPrintable(describe(grouped)));
}

void EntityGroupingTest::titleMentionsCountButAreNotListed()
{
    const QString body = QStringLiteral("Prime Minister Sven Aldridge arrived in Oslo on Monday.");
    const GroupedEntities grouped = analyse(body, QStringLiteral("Aldridge Visits Oslo"));
    const Entity *person = find(grouped, QStringLiteral("Sven Aldridge"));
    QVERIFY2(person, qPrintable(describe(grouped)));
    QCOMPARE(person->count, 2);
    const Entity *oslo = find(grouped, QStringLiteral("Oslo"));
    QVERIFY(oslo);
    QCOMPARE(oslo->count, 2);
    for (const Mention &mention : grouped.mentions) {
        QVERIFY(mention.end <= body.size());
        QCOMPARE(mention.type, grouped.entities[mention.entity].type);
    }
    QCOMPARE(grouped.mentions.size(), 2);
}

void EntityGroupingTest::confidentTypeWinsEverywhere()
{
    const QString body = QStringLiteral("Kestrel grew. Kestrel hired staff.");
    const QList<RawMention> raw {
        { 0, 7, EntityType::Org, {}, MentionConfidence::Sure },
        { 14, 21, EntityType::Person, {}, MentionConfidence::Guess },
    };
    const GroupedEntities grouped = groupMentions(body, raw, {}, {});
    QCOMPARE(grouped.entities.size(), 1);
    QCOMPARE(grouped.entities[0].type, EntityType::Org);
    QCOMPARE(grouped.entities[0].count, 2);
    QCOMPARE(grouped.mentions.size(), 2);
    QCOMPARE(grouped.mentions[1].type, EntityType::Org);
}

void EntityGroupingTest::sureMentionsOfTwoTypesAreTwoEntities()
{
    // The city of a dateline and the team named after it, each sure: two entities of one name.
    const QString body = QStringLiteral("HALDEN 2026-05-02\nHalden beat Norvik. Halden lost to Vardo. Guests: Halden");
    const QList<RawMention> raw {
        { 0, 6, EntityType::Location, {}, MentionConfidence::Sure },
        { 18, 24, EntityType::Org, {}, MentionConfidence::Sure },
        { 38, 44, EntityType::Org, {}, MentionConfidence::Sure },
        { 68, 74, EntityType::Person, {}, MentionConfidence::Guess },
    };
    const GroupedEntities grouped = groupMentions(body, raw, {}, {});
    QCOMPARE(grouped.entities.size(), 2);
    QCOMPARE(grouped.mentions.size(), 4);
    QCOMPARE(grouped.mentions[0].type, EntityType::Location);
    QCOMPARE(grouped.mentions[1].type, EntityType::Org);
    QCOMPARE(grouped.mentions[2].type, EntityType::Org);
    QCOMPARE(grouped.mentions[3].type, EntityType::Org); // a guess still follows the vote
    QVERIFY(grouped.mentions[0].entity != grouped.mentions[1].entity);
    QCOMPARE(grouped.mentions[1].entity, grouped.mentions[3].entity);
}

using Counts = std::array<int, 3>;

void EntityGroupingTest::libraryTypeWeighsLikeASureMention_data()
{
    QTest::addColumn<QList<MentionConfidence>>("confidences"); // of the PERSON mentions of 'Kestrel'
    QTest::addColumn<Counts>("library"); // articles where 'kestrel' is a PERSON, ORG, LOCATION
    QTest::addColumn<QString>("type");
    using C = MentionConfidence;
    QTest::newRow("no library: the article's type") << QList<C> { C::Sure } << Counts {} << QStringLiteral("PERSON");
    QTest::newRow("a settled library type beats one sure mention")
        << QList<C> { C::Sure } << Counts { 0, 50, 0 } << QStringLiteral("ORG");
    QTest::newRow("and guesses") << QList<C> { C::Guess, C::Guess } << Counts { 1, 9, 0 } << QStringLiteral("ORG");
    QTest::newRow("two sure mentions beat it")
        << QList<C> { C::Sure, C::Sure } << Counts { 0, 50, 0 } << QStringLiteral("PERSON");
    QTest::newRow("a divided library says nothing")
        << QList<C> { C::Sure } << Counts { 3, 5, 0 } << QStringLiteral("PERSON");
    QTest::newRow("nor does a name in two articles")
        << QList<C> { C::Sure } << Counts { 0, 2, 0 } << QStringLiteral("PERSON");
}

void EntityGroupingTest::libraryTypeWeighsLikeASureMention()
{
    QFETCH(QList<MentionConfidence>, confidences);
    QFETCH(Counts, library);
    QFETCH(QString, type);
    const QString body = QStringLiteral("Kestrel spoke. Kestrel left.");
    QList<RawMention> raw;
    for (qsizetype i = 0; i < confidences.size(); ++i) {
        raw.append({ i == 0 ? 0 : 15, i == 0 ? 7 : 22, EntityType::Person, {}, confidences[i] });
    }
    LibraryTypes types;
    types.articles.insert(QStringLiteral("kestrel"), library);
    const GroupedEntities grouped = groupMentions(body, raw, {}, {}, &types);
    QCOMPARE(grouped.entities.size(), 1);
    QCOMPARE(entityTypeName(grouped.entities[0].type), type);
    for (const Mention &m : grouped.mentions) {
        QCOMPARE(m.type, grouped.entities[0].type);
    }
}

void EntityGroupingTest::candidatesNeedAnAnchor()
{
    const QString body = QStringLiteral("Kestrel grew. Kestrel hired staff. Plover left.");
    const QList<RawMention> raw {
        { 0, 7, EntityType::Person, {}, MentionConfidence::Candidate },
        { 14, 21, EntityType::Org, {}, MentionConfidence::Sure },
        { 36, 42, EntityType::Person, {}, MentionConfidence::Candidate },
    };
    const GroupedEntities grouped = groupMentions(body, raw, {}, {});
    QCOMPARE(grouped.entities.size(), 1);
    QCOMPARE(grouped.entities[0].name, QStringLiteral("Kestrel"));
    QCOMPARE(grouped.entities[0].type, EntityType::Org);
    QCOMPARE(grouped.entities[0].count, 2);
}

void EntityGroupingTest::possessiveIsNotPartOfTheMention()
{
    const QString body = QStringLiteral("Norway's coast guard met Chile's navy near Norway.");
    const GroupedEntities grouped = analyse(body);
    const Entity *norway = find(grouped, QStringLiteral("Norway"));
    QVERIFY2(norway, qPrintable(describe(grouped)));
    QVERIFY(norway->aliases.isEmpty());
    QCOMPARE(norway->count, 2);
    QCOMPARE(body.sliced(grouped.mentions.first().start, grouped.mentions.first().end - grouped.mentions.first().start),
        QStringLiteral("Norway"));
    // A recognizer that includes the 's still yields the bare name.
    const GroupedEntities raw
        = groupMentions(body, { { 0, 8, EntityType::Location, {}, MentionConfidence::Sure } }, {}, {});
    QCOMPARE(raw.entities.first().name, QStringLiteral("Norway"));
    QCOMPARE(raw.mentions.first().end, 6);
}

void EntityGroupingTest::entityKey_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::newRow("dots") << QStringLiteral("U.S.") << QStringLiteral("us");
    QTest::newRow("leading the") << QStringLiteral("The Hague") << QStringLiteral("hague");
    QTest::newRow("accents and case") << QStringLiteral("José  Manuel BARROSO")
                                      << QStringLiteral("jose manuel barroso");
    QTest::newRow("hyphen") << QStringLiteral("Indo-Pacific") << QStringLiteral("indo pacific");
    // The entity sidebar's filter folds what the analyst types with the same function.
    QTest::newRow("cedilla") << QStringLiteral("Façade") << QStringLiteral("facade");
    QTest::newRow("decomposed input") << QStringLiteral("Ine\u0300s") << QStringLiteral("ines");
    QTest::newRow("ligature") << QStringLiteral("\ufb01nance") << QStringLiteral("finance");
}

void EntityGroupingTest::entityKey()
{
    QFETCH(QString, name);
    QFETCH(QString, key);
    QCOMPARE(Dossier::Core::entityKey(name), key);
}

QTEST_GUILESS_MAIN(EntityGroupingTest)
#include "entitygrouping_test.moc"
