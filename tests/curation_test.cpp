// Entity curation: the rules themselves (Curation::apply on hand-made articles), and the library
// operations an analyst uses (rename, merge, split, change type, suppress, watchlist) on articles
// analysed for real, across a restart and a re-import.

#include "analysis/analyzer.h"
#include "analysis/curation.h"
#include "import/retagger.h"
#include "import/retagjob.h"
#include "store/library.h"
#include "testarticles.h"
#include "testbackend.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using Dossier::Test::addEntity;
using Dossier::Test::makeArticle;

namespace
{

// Our own two articles: a harbour deal in the fictional Kestrel Bay.
constexpr char harbourDeal[] = R"(Harbour board backs Northwind Logistics bid

KESTREL BAY, March 4 (Harbor Ledger) - Prime Minister Aiko Tanabe said on Tuesday that Northwind Logistics would run the new container terminal at Kestrel Bay. Tanabe told reporters the United States had raised no objection. The operation, code-named Blue Lantern, starts next month.

"We expect the first ships in June," Tanabe said.
)";

constexpr char parliamentQuestions[] = R"(Terminal deal draws questions in parliament

KESTREL BAY, March 6 (Harbor Ledger) - Opposition leader Marta Okonjo asked why Northwind won the terminal contract without a tender. U.S. officials declined to comment. Okonjo said the blue lantern plan had never been debated.

A spokesman for Northwind said the company followed the rules.
)";

constexpr char laterReport[] = R"(Terminal opens under guard

KESTREL BAY, June 2 (Harbor Ledger) - The first ship docked on Monday. Northwind Logistics said Blue Lantern was complete. Aiko Tanabe attended.
)";

// "Name (TYPE)" of every entity of an article, in order, with aliases: "Name (TYPE) [a, b] x3".
QStringList describe(const Article &article)
{
    QStringList rows;
    for (const Entity &e : article.entities) {
        QString row = QStringLiteral("%1 (%2)").arg(e.name, entityTypeName(e.type));
        if (!e.aliases.isEmpty()) {
            row += QStringLiteral(" [%1]").arg(e.aliases.join(QLatin1String(", ")));
        }
        rows.append(row + QStringLiteral(" x%1").arg(e.count));
    }
    return rows;
}

// "surface>Entity" for every body mention, in order.
QStringList describeMentions(const Article &article)
{
    QStringList rows;
    for (const Mention &m : article.mentions) {
        rows.append(article.body.sliced(m.start, m.end - m.start) + QLatin1Char('>')
            + (m.entity >= 0 ? article.entities[m.entity].name : QStringLiteral("?")) + QLatin1Char('/')
            + entityTypeName(m.type));
    }
    return rows;
}

EntityRule mapRule(EntityType type, const QString &label, EntityType targetType, const QString &target,
    EntityRule::Scope scope = EntityRule::Scope::Entity)
{
    EntityRule rule;
    rule.scope = scope;
    rule.type = type;
    rule.label = label;
    rule.targetType = targetType;
    rule.targetName = target;
    return rule;
}

EntityRule suppressRule(EntityType type, const QString &label)
{
    EntityRule rule;
    rule.type = type;
    rule.label = label;
    rule.action = EntityRule::Action::Suppress;
    return rule;
}

} // namespace

class CurationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void apply_data();
    void apply();
    void noCurationLeavesTheArticleAlone();
    void titleMentionsStillCount();
    void renameShowsAndPersists();
    void mergeMakesOneEntityAcrossArticles();
    void splitAliasMakesAnEntityOfItsOwn();
    void changeTypeMovesTheEntity();
    void suppressHidesForGoodIncludingNewImports();
    void watchlistFindsNamesTheTaggerMissed();
    void removingARuleRestoresTheEntity();
    void renameBackEndsTheRename();
    void curationSurvivesReimport();
    void sameEntityAcrossArticlesIsOneRow();
    void removedArticlesLeaveNoStaleEntities();
    void retagRunReportsProgressAndResumesAfterCancel();
    void badCurationIsAnError_data();
    void badCurationIsAnError();

private:
    QString write(const QString &name, const QByteArray &text);
    qint64 import(Library &library, const QString &path);
    void retagAll(Library &library);
    qint64 entityId(Library &library, EntityType type, const QString &name);
    // "Name (TYPE) n docs" of every library entity of the given types, sorted.
    QStringList libraryEntities(Library &library,
        const QList<EntityType> &types = { EntityType::Person, EntityType::Org, EntityType::Location });
    QString libraryPath() const
    {
        return Dossier::Test::testLibrary(m_dir->filePath(QStringLiteral("curation.dossier")));
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void CurationTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString CurationTest::write(const QString &name, const QByteArray &text)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

qint64 CurationTest::import(Library &library, const QString &path)
{
    const AnalyzeResult result = Analyzer().analyzeFile(path);
    if (!result.ok()) {
        qWarning() << result.error;
        return -1;
    }
    qint64 id = -1;
    if (!library.articles().store(result.article, &id)) {
        qWarning() << library.errorString();
    }
    return id;
}

void CurationTest::retagAll(Library &library)
{
    for (int round = 0; round < 100; ++round) {
        const auto done = Retagger(library).retagPending(4);
        QVERIFY2(done, qPrintable(library.errorString()));
        if (*done == 0) {
            break;
        }
    }
    QCOMPARE(library.curation().pendingRetags(), 0);
}

qint64 CurationTest::entityId(Library &library, EntityType type, const QString &name)
{
    const auto entity = library.entities().find(type, name);
    if (!entity) {
        qWarning() << library.errorString();
    }
    return entity ? entity->id : -1;
}

QStringList CurationTest::libraryEntities(Library &library, const QList<EntityType> &types)
{
    QStringList rows;
    const auto entities = library.entities().all();
    if (!entities) {
        return { library.errorString() };
    }
    for (const EntitySummary &e : *entities) {
        if (types.contains(e.type)) {
            rows.append(QStringLiteral("%1 (%2) %3 docs").arg(e.name, entityTypeName(e.type)).arg(e.documents));
        }
    }
    rows.sort();
    return rows;
}

void CurationTest::apply_data()
{
    QTest::addColumn<QList<EntityRule>>("rules");
    QTest::addColumn<QList<WatchEntry>>("watchlist");
    QTest::addColumn<QStringList>("entities");
    QTest::addColumn<QStringList>("mentions");

    // The article: "Aiko Tanabe met Northwind staff. Tanabe praised Northwind Logistics in Kestrel Bay."
    const auto P = EntityType::Person;
    const auto O = EntityType::Org;
    const auto L = EntityType::Location;
    QTest::newRow("rename: the old name stays as an alias")
        << QList<EntityRule> { mapRule(P, QStringLiteral("Aiko Tanabe"), P, QStringLiteral("Tanabe Aiko")) }
        << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Tanabe Aiko (PERSON) [Aiko Tanabe, Tanabe] x2"),
               QStringLiteral("Northwind (PERSON) x1"), QStringLiteral("Northwind Logistics (ORG) x1"),
               QStringLiteral("Kestrel Bay (LOCATION) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Tanabe Aiko/PERSON"), QStringLiteral("Northwind>Northwind/PERSON"),
               QStringLiteral("Tanabe>Tanabe Aiko/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("merge across types: counts add up")
        << QList<EntityRule> { mapRule(P, QStringLiteral("Northwind"), O, QStringLiteral("Northwind Logistics")) }
        << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Aiko Tanabe (PERSON) [Tanabe] x2"),
               QStringLiteral("Northwind Logistics (ORG) [Northwind] x2"), QStringLiteral("Kestrel Bay (LOCATION) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind>Northwind Logistics/ORG"), QStringLiteral("Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("split: only mentions written that way move")
        << QList<EntityRule> { mapRule(
               P, QStringLiteral("Tanabe"), P, QStringLiteral("Tanabe"), EntityRule::Scope::Form) }
        << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Aiko Tanabe (PERSON) x1"), QStringLiteral("Northwind (PERSON) x1"),
               QStringLiteral("Northwind Logistics (ORG) x1"), QStringLiteral("Kestrel Bay (LOCATION) x1"),
               QStringLiteral("Tanabe (PERSON) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Aiko Tanabe/PERSON"), QStringLiteral("Northwind>Northwind/PERSON"),
               QStringLiteral("Tanabe>Tanabe/PERSON"), QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("change of type")
        << QList<EntityRule> { mapRule(P, QStringLiteral("northwind"), O, QStringLiteral("Northwind")) }
        << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Aiko Tanabe (PERSON) [Tanabe] x2"), QStringLiteral("Northwind (ORG) x1"),
               QStringLiteral("Northwind Logistics (ORG) x1"), QStringLiteral("Kestrel Bay (LOCATION) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Aiko Tanabe/PERSON"), QStringLiteral("Northwind>Northwind/ORG"),
               QStringLiteral("Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("a change of type made on the name typed otherwise elsewhere")
        << QList<EntityRule> { mapRule(L, QStringLiteral("Northwind"), O, QStringLiteral("Northwind")) }
        << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Aiko Tanabe (PERSON) [Tanabe] x2"), QStringLiteral("Northwind (ORG) x1"),
               QStringLiteral("Northwind Logistics (ORG) x1"), QStringLiteral("Kestrel Bay (LOCATION) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Aiko Tanabe/PERSON"), QStringLiteral("Northwind>Northwind/ORG"),
               QStringLiteral("Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("a rename elsewhere says nothing of the name's type")
        << QList<EntityRule> { mapRule(L, QStringLiteral("Northwind"), O, QStringLiteral("Northwind Group")) }
        << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Aiko Tanabe (PERSON) [Tanabe] x2"), QStringLiteral("Northwind (PERSON) x1"),
               QStringLiteral("Northwind Logistics (ORG) x1"), QStringLiteral("Kestrel Bay (LOCATION) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Aiko Tanabe/PERSON"), QStringLiteral("Northwind>Northwind/PERSON"),
               QStringLiteral("Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("suppress: every form of the entity goes")
        << QList<EntityRule> { suppressRule(P, QStringLiteral("Aiko Tanabe")) } << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Northwind (PERSON) x1"), QStringLiteral("Northwind Logistics (ORG) x1"),
               QStringLiteral("Kestrel Bay (LOCATION) x1") }
        << QStringList { QStringLiteral("Northwind>Northwind/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("rules chain: merged, then the target renamed")
        << QList<EntityRule> { mapRule(P, QStringLiteral("Northwind"), O, QStringLiteral("Northwind Logistics")),
               mapRule(O, QStringLiteral("Northwind Logistics"), O, QStringLiteral("Northwind Group")) }
        << QList<WatchEntry> {}
        << QStringList { QStringLiteral("Aiko Tanabe (PERSON) [Tanabe] x2"),
               QStringLiteral("Northwind Group (ORG) [Northwind, Northwind Logistics] x2"),
               QStringLiteral("Kestrel Bay (LOCATION) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind>Northwind Group/ORG"), QStringLiteral("Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Group/ORG"),
               QStringLiteral("Kestrel Bay>Kestrel Bay/LOCATION") };
    QTest::newRow("watchlist: whole words, any case, wins over what it overlaps")
        << QList<EntityRule> {}
        << QList<WatchEntry> { WatchEntry {
                                   1, O, QStringLiteral("Northwind Logistics"), { QStringLiteral("northwind") } },
               WatchEntry { 2, L, QStringLiteral("Kestrel"), {} } }
        << QStringList { QStringLiteral("Aiko Tanabe (PERSON) [Tanabe] x2"),
               QStringLiteral("Northwind Logistics (ORG) [Northwind] x2"), QStringLiteral("Kestrel (LOCATION) x1") }
        << QStringList { QStringLiteral("Aiko Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind>Northwind Logistics/ORG"), QStringLiteral("Tanabe>Aiko Tanabe/PERSON"),
               QStringLiteral("Northwind Logistics>Northwind Logistics/ORG"),
               QStringLiteral("Kestrel>Kestrel/LOCATION") };
}

namespace
{

Article deskArticle()
{
    Article article = makeArticle(QStringLiteral("desk"),
        QStringLiteral("Aiko Tanabe met Northwind staff. Tanabe praised Northwind Logistics in Kestrel Bay."));
    article.meta.title.clear();
    addEntity(article, EntityType::Person, QStringLiteral("Aiko Tanabe"), { QStringLiteral("Tanabe") });
    // "Northwind" alone, as a person: the first occurrence only (addEntity marks the first).
    addEntity(article, EntityType::Person, QStringLiteral("Northwind"));
    addEntity(article, EntityType::Org, QStringLiteral("Northwind Logistics"));
    addEntity(article, EntityType::Location, QStringLiteral("Kestrel Bay"));
    // addEntity's first match of "Tanabe" is inside "Aiko Tanabe": point it at the lone one.
    for (Mention &m : article.mentions) {
        if (m.entity == 0 && m.end - m.start == 6) {
            m.start = article.body.indexOf(QLatin1String("Tanabe praised"));
            m.end = m.start + 6;
        }
    }
    std::sort(article.mentions.begin(), article.mentions.end(),
        [](const Mention &a, const Mention &b) { return a.start < b.start; });
    return article;
}

} // namespace

void CurationTest::apply()
{
    QFETCH(QList<EntityRule>, rules);
    QFETCH(QList<WatchEntry>, watchlist);
    QFETCH(QStringList, entities);
    QFETCH(QStringList, mentions);
    Article article = deskArticle();
    Curation(rules, watchlist).apply(article);
    QCOMPARE(describe(article), entities);
    QCOMPARE(describeMentions(article), mentions);
}

void CurationTest::noCurationLeavesTheArticleAlone()
{
    const Article original = deskArticle();
    Article article = original;
    Curation().apply(article);
    QCOMPARE(article.entities, original.entities);
    QCOMPARE(article.mentions, original.mentions);
    // Rules about names the article does not hold change nothing either.
    Curation({ suppressRule(EntityType::Person, QStringLiteral("Someone Else")) }, {}).apply(article);
    QCOMPARE(describe(article), describe(original));
    QCOMPARE(describeMentions(article), describeMentions(original));
}

void CurationTest::titleMentionsStillCount()
{
    Article article = makeArticle(QStringLiteral("Tanabe visits"), QStringLiteral("Aiko Tanabe arrived."));
    addEntity(article, EntityType::Person, QStringLiteral("Aiko Tanabe"));
    article.entities[0].aliases = QStringList { QStringLiteral("Tanabe") };
    article.entities[0].count = 2; // one in the body, one ("Tanabe") in the title
    Curation({ mapRule(EntityType::Person, QStringLiteral("Aiko Tanabe"), EntityType::Person,
                 QStringLiteral("Tanabe Aiko")) },
        { WatchEntry { 1, EntityType::Org, QStringLiteral("visits"), {} } })
        .apply(article);
    QCOMPARE(describe(article),
        (QStringList {
            QStringLiteral("Tanabe Aiko (PERSON) [Aiko Tanabe, Tanabe] x2"), QStringLiteral("visits (ORG) x1") }));
    QCOMPARE(article.mentions.size(), 1);
}

void CurationTest::renameShowsAndPersists()
{
    {
        Library library(libraryPath());
        QVERIFY(library.open());
        QVERIFY(import(library, write(QStringLiteral("a1.txt"), harbourDeal)) > 0);
        const qint64 dateline = entityId(library, EntityType::Location, QStringLiteral("KESTREL BAY"));
        QVERIFY(dateline > 0);
        const auto rule = library.curation().renameEntity(dateline, QStringLiteral("Port of Kestrel Bay"));
        QVERIFY2(rule, qPrintable(library.errorString()));
        QCOMPARE(rule->targetName, QStringLiteral("Port of Kestrel Bay"));
        // Shown under the new name at once, before any re-tagging.
        const auto renamed = library.entities().get(dateline);
        QVERIFY2(renamed, qPrintable(library.errorString()));
        QCOMPARE(renamed->name, QStringLiteral("Port of Kestrel Bay"));
        retagAll(library);
    }
    Library reopened(libraryPath());
    QVERIFY(reopened.open());
    QVERIFY(libraryEntities(reopened).contains(QStringLiteral("Port of Kestrel Bay (LOCATION) 1 docs")));
    QVERIFY(!libraryEntities(reopened).contains(QStringLiteral("Kestrel Bay (LOCATION) 1 docs")));
    QCOMPARE(reopened.curation().rules()->size(), 1);
    // A new article follows the rule too.
    QVERIFY(import(reopened, write(QStringLiteral("a2.txt"), parliamentQuestions)) > 0);
    QVERIFY(libraryEntities(reopened).contains(QStringLiteral("Port of Kestrel Bay (LOCATION) 2 docs")));
}

void CurationTest::mergeMakesOneEntityAcrossArticles()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 first = import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    import(library, write(QStringLiteral("a2.txt"), parliamentQuestions));
    // "Northwind" (a2) and "Northwind Logistics" (a1) are two entities, of whatever types the tagger gives them.
    const auto anyType = [&](const QString &name) {
        for (const EntityType type : { EntityType::Person, EntityType::Org, EntityType::Location }) {
            if (const auto entity = library.entities().find(type, name); entity && entity->name == name) {
                return std::pair { entity->id, type };
            }
        }
        return std::pair { qint64(0), EntityType::Person };
    };
    const auto [company, companyType] = anyType(QStringLiteral("Northwind Logistics"));
    const auto [shortName, shortType] = anyType(QStringLiteral("Northwind"));
    QVERIFY(company > 0 && shortName > 0 && company != shortName);
    if (companyType != EntityType::Org) {
        QVERIFY(library.curation().setEntityType(company, EntityType::Org));
        retagAll(library);
    }
    const qint64 org = entityId(library, EntityType::Org, QStringLiteral("Northwind Logistics"));
    QVERIFY(org > 0);
    QVERIFY2(library.curation().mergeEntities(shortName, org), qPrintable(library.errorString()));
    retagAll(library);
    const auto merged = library.entities().find(EntityType::Org, QStringLiteral("Northwind"));
    QVERIFY(merged);
    QCOMPARE(merged->name, QStringLiteral("Northwind Logistics"));
    QCOMPARE(merged->documents, 2);
    QVERIFY(merged->aliases.contains(QStringLiteral("Northwind")));
    for (const EntityType type : { EntityType::Person, EntityType::Location }) {
        QVERIFY(!library.entities().find(type, QStringLiteral("Northwind")));
    }
    // The document filter by the merged entity lists both articles.
    DocumentFilter filter;
    filter.entities = { merged->id };
    QCOMPARE(library.documents().count(filter), 2);
    // And the reader's mentions point at it.
    const auto article = library.articles().get(first);
    QVERIFY(article);
    QVERIFY(std::any_of(article->mentions.cbegin(), article->mentions.cend(),
        [&](const Mention &m) { return article->entities[m.entity].id == merged->id && m.type == EntityType::Org; }));
}

void CurationTest::splitAliasMakesAnEntityOfItsOwn()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    const auto person = library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(person);
    QCOMPARE(person->aliases, QStringList { QStringLiteral("Tanabe") });
    QVERIFY2(library.curation().splitAlias(person->id, QStringLiteral("Tanabe")), qPrintable(library.errorString()));
    retagAll(library);
    const auto full = library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(full);
    QVERIFY(full->aliases.isEmpty());
    const auto split = library.entities().find(EntityType::Person, QStringLiteral("Tanabe"));
    QVERIFY(split);
    QCOMPARE(split->name, QStringLiteral("Tanabe"));
    QVERIFY(split->id != full->id);
    QCOMPARE(split->documents, 1);
}

void CurationTest::changeTypeMovesTheEntity()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    const qint64 id = entityId(library, EntityType::Person, QStringLiteral("Northwind Logistics"));
    QVERIFY(id > 0);
    QVERIFY(library.curation().setEntityType(id, EntityType::Org));
    retagAll(library);
    QVERIFY(!library.entities().find(EntityType::Person, QStringLiteral("Northwind Logistics")));
    const auto facets = library.entities().facets({});
    QVERIFY(facets);
    QVERIFY(std::any_of(facets->cbegin(), facets->cend(), [](const EntitySummary &e) {
        return e.type == EntityType::Org && e.name == u"Northwind Logistics" && e.documents == 1;
    }));
}

void CurationTest::suppressHidesForGoodIncludingNewImports()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 first = import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    const qint64 id = entityId(library, EntityType::Person, QStringLiteral("Northwind Logistics"));
    const int before = library.articles().get(first)->entities.size();
    QVERIFY(library.curation().suppressEntity(id));
    retagAll(library);
    QVERIFY(!library.entities().find(EntityType::Person, QStringLiteral("Northwind Logistics")));
    QCOMPARE(library.articles().get(first)->entities.size(), before - 1);
    // The document list's entity count follows.
    const auto rows = library.documents().window({}, DocumentSort::Title, Qt::AscendingOrder, 0, 10);
    QCOMPARE(rows->front().entityCount, before - 1);
    // A later article mentioning it does not bring it back.
    QVERIFY(import(library, write(QStringLiteral("a3.txt"), laterReport)) > 0);
    QVERIFY(!library.entities().find(EntityType::Person, QStringLiteral("Northwind Logistics")));
    const auto facets = library.entities().facets({});
    QVERIFY(std::none_of(facets->cbegin(), facets->cend(),
        [](const EntitySummary &e) { return e.name.startsWith(QLatin1String("Northwind Logistics")); }));
}

void CurationTest::watchlistFindsNamesTheTaggerMissed()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    import(library, write(QStringLiteral("a2.txt"), parliamentQuestions));
    QVERIFY(!library.entities().find(EntityType::Org, QStringLiteral("Blue Lantern")));
    const auto entry = library.curation().watch(WatchEntry { -1, EntityType::Org, QStringLiteral("Blue Lantern"), {} });
    QVERIFY2(entry, qPrintable(library.errorString()));
    QCOMPARE(library.curation().pendingRetags(), 2); // both texts hold the phrase (one in lower case)
    retagAll(library);
    auto found = library.entities().find(EntityType::Org, QStringLiteral("Blue Lantern"));
    QVERIFY(found);
    QCOMPARE(found->documents, 2);
    QCOMPARE(found->aliases, QStringList { QStringLiteral("blue lantern") });
    // Future imports find it too, and the watchlist persists.
    import(library, write(QStringLiteral("a3.txt"), laterReport));
    found = library.entities().find(EntityType::Org, QStringLiteral("Blue Lantern"));
    QVERIFY(found);
    QCOMPARE(found->documents, 3);
    QCOMPARE(library.curation().watchlist()->size(), 1);
    // Unwatching takes it away again.
    QVERIFY(library.curation().unwatch(entry->id));
    retagAll(library);
    QVERIFY(!library.entities().find(EntityType::Org, QStringLiteral("Blue Lantern")));
}

void CurationTest::removingARuleRestoresTheEntity()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    const QStringList before = libraryEntities(library);
    const auto suppressed
        = library.curation().suppressEntity(entityId(library, EntityType::Person, QStringLiteral("Aiko Tanabe")));
    QVERIFY(suppressed);
    retagAll(library);
    QVERIFY(libraryEntities(library) != before);
    QVERIFY(library.curation().removeRule(suppressed->id));
    retagAll(library);
    QCOMPARE(libraryEntities(library), before);
    QCOMPARE(library.curation().rules()->size(), 0);
}

void CurationTest::renameBackEndsTheRename()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    const qint64 id = entityId(library, EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(library.curation().renameEntity(id, QStringLiteral("Tanabe Aiko")));
    retagAll(library);
    const qint64 renamed = entityId(library, EntityType::Person, QStringLiteral("Tanabe Aiko"));
    QVERIFY(library.curation().renameEntity(renamed, QStringLiteral("Aiko Tanabe")));
    retagAll(library);
    // One rule left (Tanabe Aiko -> Aiko Tanabe); no cycle, the entity is back under its name.
    QCOMPARE(library.curation().rules()->size(), 1);
    const auto entity = library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(entity);
    QCOMPARE(entity->name, QStringLiteral("Aiko Tanabe"));
}

void CurationTest::curationSurvivesReimport()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const QString path = write(QStringLiteral("a1.txt"), harbourDeal);
    const qint64 id = import(library, path);
    QVERIFY(library.curation().setEntityType(
        entityId(library, EntityType::Person, QStringLiteral("Northwind Logistics")), EntityType::Org));
    QVERIFY(library.curation().watch(WatchEntry { -1, EntityType::Org, QStringLiteral("Blue Lantern"), {} }));
    retagAll(library);
    // The file changes on disk and is imported again: same id, curation applied afresh.
    write(QStringLiteral("a1.txt"),
        QByteArray(harbourDeal) + "\nNorthwind Logistics confirmed the Blue Lantern schedule.\n");
    QCOMPARE(import(library, path), id);
    QCOMPARE(library.curation().pendingRetags(), 0);
    const auto article = library.articles().get(id);
    QVERIFY(article);
    QStringList rows = describe(*article);
    QVERIFY2(rows.contains(QStringLiteral("Northwind Logistics (ORG) x3")), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("Blue Lantern (ORG) x2")), qPrintable(rows.join(u'\n')));
}

void CurationTest::sameEntityAcrossArticlesIsOneRow()
{
    // 'United States' written out in one article and 'U.S.' in the other: one library entity.
    Library library(libraryPath());
    QVERIFY(library.open());
    import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    import(library, write(QStringLiteral("a2.txt"), parliamentQuestions));
    const auto us = library.entities().find(EntityType::Location, QStringLiteral("U.S."));
    QVERIFY(us);
    QCOMPARE(us->name, QStringLiteral("United States"));
    QCOMPARE(us->documents, 2);
    // Aliases come with the number of articles that write them so.
    QCOMPARE(us->aliases, QStringList { QStringLiteral("U.S.") });
    QCOMPARE(us->aliasDocuments, QList<int> { 1 });
    QCOMPARE(us->id, entityId(library, EntityType::Location, QStringLiteral("United States")));
    const auto all = library.entities().all(EntityType::Location);
    const auto listed
        = std::find_if(all->cbegin(), all->cend(), [&](const EntitySummary &e) { return e.id == us->id; });
    QVERIFY(listed != all->cend());
    QCOMPARE(listed->aliasDocuments, QList<int> { 1 });
}

void CurationTest::removedArticlesLeaveNoStaleEntities()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 first = import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    import(library, write(QStringLiteral("a2.txt"), parliamentQuestions));
    QVERIFY(library.curation().watch(WatchEntry { -1, EntityType::Org, QStringLiteral("Blue Lantern"), {} }));
    retagAll(library);
    QVERIFY(library.articles().remove(first));
    const auto facets = library.entities().facets({});
    QVERIFY(facets);
    for (const EntitySummary &e : *facets) {
        DocumentFilter filter;
        filter.entities = { e.id };
        QVERIFY2(library.documents().count(filter) == e.documents && e.documents > 0, qPrintable(e.name));
    }
    // Aiko Tanabe was only in the removed article.
    QVERIFY(!library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe")));
    const auto watched = library.entities().find(EntityType::Org, QStringLiteral("Blue Lantern"));
    QVERIFY(watched);
    QCOMPARE(watched->documents, 1);
}

void CurationTest::retagRunReportsProgressAndResumesAfterCancel()
{
    {
        Library library(libraryPath());
        QVERIFY(library.open());
        for (int i = 0; i < 20; ++i) {
            import(library, write(QStringLiteral("a%1.txt").arg(i), QByteArray(harbourDeal) + QByteArray::number(i)));
        }
        QVERIFY(
            library.curation().suppressEntity(entityId(library, EntityType::Person, QStringLiteral("Aiko Tanabe"))));
        QCOMPARE(library.curation().pendingRetags(), 20);
    }
    // Canceled before it starts: nothing done, everything still queued.
    std::atomic_bool cancel { true };
    RetagSummary summary = retagQueued(libraryPath(), {}, cancel, 8);
    QVERIFY(summary.canceled);
    QCOMPARE(summary.retagged, 0);
    // Canceled half-way (from the progress callback): what was done stays done, the rest waits.
    cancel = false;
    QList<std::pair<int, int>> steps;
    summary = retagQueued(
        libraryPath(),
        [&](int done, int total) {
            steps.append({ done, total });
            if (done >= 8) {
                cancel = true;
            }
        },
        cancel, 8);
    QVERIFY(summary.canceled);
    QCOMPARE(summary.retagged, 16);
    QCOMPARE(steps, (QList<std::pair<int, int>> { { 0, 20 }, { 8, 20 } }));
    Library library(libraryPath());
    QVERIFY(library.open());
    QCOMPARE(library.curation().pendingRetags(), 4);
    // The job resumes and finishes, off the calling thread.
    RetagJob job(libraryPath());
    QSignalSpy finished(&job, &RetagJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));
    const auto result = finished.front().front().value<RetagSummary>();
    QCOMPARE(result.retagged, 4);
    QVERIFY(!result.canceled);
    QVERIFY(result.error.isEmpty());
    QCOMPARE(library.curation().pendingRetags(), 0);
    QVERIFY(!library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe")));
}

void CurationTest::badCurationIsAnError_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("message");
    QTest::newRow("rename to nothing") << QStringLiteral("rename-empty") << QStringLiteral("empty");
    QTest::newRow("merge into itself") << QStringLiteral("merge-self") << QStringLiteral("itself");
    QTest::newRow("split the own name") << QStringLiteral("split-name") << QStringLiteral("own name");
    QTest::newRow("split an unknown alias") << QStringLiteral("split-unknown") << QStringLiteral("not an alias");
    QTest::newRow("type DATE") << QStringLiteral("type-date") << QStringLiteral("PERSON, ORG or LOCATION");
    QTest::newRow("no such entity") << QStringLiteral("missing") << QStringLiteral("no entity");
    QTest::newRow("watch an empty name") << QStringLiteral("watch-empty") << QStringLiteral("empty");
    QTest::newRow("remove a missing rule") << QStringLiteral("unrule") << QStringLiteral("no entity rule");
}

void CurationTest::badCurationIsAnError()
{
    QFETCH(QString, operation);
    QFETCH(QString, message);
    Library library(libraryPath());
    QVERIFY(library.open());
    import(library, write(QStringLiteral("a1.txt"), harbourDeal));
    const QStringList before = libraryEntities(library);
    const qint64 id = entityId(library, EntityType::Person, QStringLiteral("Aiko Tanabe"));
    bool ok = true;
    if (operation == u"rename-empty") {
        ok = library.curation().renameEntity(id, QStringLiteral("  \t ")).has_value();
    } else if (operation == u"merge-self") {
        ok = library.curation().mergeEntities(id, id).has_value();
    } else if (operation == u"split-name") {
        ok = library.curation().splitAlias(id, QStringLiteral("aiko tanabe")).has_value();
    } else if (operation == u"split-unknown") {
        ok = library.curation().splitAlias(id, QStringLiteral("Okonjo")).has_value();
    } else if (operation == u"type-date") {
        ok = library.curation().setEntityType(id, EntityType::Date).has_value();
    } else if (operation == u"missing") {
        ok = library.curation().suppressEntity(987654).has_value();
    } else if (operation == u"watch-empty") {
        ok = library.curation().watch(WatchEntry { -1, EntityType::Org, QStringLiteral(" "), {} }).has_value();
    } else if (operation == u"unrule") {
        ok = library.curation().removeRule(42);
    }
    QVERIFY(!ok);
    QVERIFY2(library.errorString().contains(message), qPrintable(library.errorString()));
    // Nothing was stored or queued.
    QCOMPARE(library.curation().rules()->size(), 0);
    QCOMPARE(library.curation().pendingRetags(), 0);
    QCOMPARE(libraryEntities(library), before);
}

QTEST_GUILESS_MAIN(CurationTest)
#include "curation_test.moc"
