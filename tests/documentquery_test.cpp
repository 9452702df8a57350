// DocumentQuery: which articles a filter lets through, counted, windowed, sorted, and the CLI's
// list and search.

#include "store/library.h"
#include "store/searchplan_p.h"
#include "storearticles.h"
#include "testbackend.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using namespace Dossier::Test;

class DocumentQueryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void listsByEntityAndAlias_data();
    void listsByEntityAndAlias();
    void searchRanksAndSnippets();
    void badSearchQueryIsAnError_data();
    void badSearchQueryIsAnError();
    void filtersDocuments_data();
    void filtersDocuments();
    void sortsAndPagesDocuments_data();
    void sortsAndPagesDocuments();
    void facetsFollowTheFilter();
    void badFilterQueryIsAnError();
    void ftsDebugCommandIsAnError();
    void searchPlanSplitsQueries_data();
    void searchPlanSplitsQueries();
    void bareWordsFindEveryFormQuotesOnlyTheirOwn_data();
    void bareWordsFindEveryFormQuotesOnlyTheirOwn();
    void hitsMarkWhereTheQueryMatches_data();
    void hitsMarkWhereTheQueryMatches();
    void listShowsEachMatchAndRanksByRelevance_data();
    void listShowsEachMatchAndRanksByRelevance();

private:
    QString libraryPath() const { return testLibrary(m_dir->filePath(QStringLiteral("test.dossier"))); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void DocumentQueryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void DocumentQueryTest::listsByEntityAndAlias_data()
{
    QTest::addColumn<QList<EntityFilter>>("filters");
    QTest::addColumn<QStringList>("paths");
    const QString tokyo = QStringLiteral("/corpus/tokyo.txt");
    const QString manila = QStringLiteral("/corpus/manila.txt");
    QTest::newRow("canonical name") << QList<EntityFilter> { { EntityType::Person, QStringLiteral("Aiko Tanabe") } }
                                    << QStringList { tokyo };
    QTest::newRow("alias") << QList<EntityFilter> { { EntityType::Person, QStringLiteral("tanabe") } }
                           << QStringList { tokyo };
    QTest::newRow("dotted and undotted forms share a key")
        << QList<EntityFilter> { { EntityType::Location, QStringLiteral("U.S.") } } << QStringList { manila, tokyo };
    QTest::newRow("all of several") << QList<EntityFilter> { { EntityType::Location, QStringLiteral("US") },
        { EntityType::Location, QStringLiteral("Manila") } }
                                    << QStringList { manila };
    QTest::newRow("type must agree") << QList<EntityFilter> { { EntityType::Org, QStringLiteral("Tokyo") } }
                                     << QStringList {};
}

void DocumentQueryTest::listsByEntityAndAlias()
{
    QFETCH(QList<EntityFilter>, filters);
    QFETCH(QStringList, paths);
    Library library(libraryPath());
    QVERIFY(library.open());
    QVERIFY(library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt"))));
    QVERIFY(library.articles().store(manilaArticle(QStringLiteral("/corpus/manila.txt"))));
    ListQuery query;
    query.entities = filters;
    const auto rows = library.documents().list(query);
    QVERIFY2(rows, qPrintable(library.errorString()));
    QStringList got;
    for (const ArticleSummary &row : *rows) {
        got.append(row.path);
    }
    got.sort();
    QCOMPARE(got, paths);
}

void DocumentQueryTest::searchRanksAndSnippets()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    QVERIFY(library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt"))));
    QVERIFY(library.articles().store(manilaArticle(QStringLiteral("/corpus/manila.txt"))));
    const auto hits = library.documents().search(QStringLiteral("patrol*"));
    QVERIFY2(hits, qPrintable(library.errorString()));
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->front().path, QStringLiteral("/corpus/manila.txt"));
    QVERIFY(hits->front().snippet.contains(QLatin1String("[patrols]")));
    const auto phrase = library.documents().search(QStringLiteral("\"cyber talks\" NOT Manila"));
    QVERIFY(phrase);
    QCOMPARE(phrase->size(), 1);
}

void DocumentQueryTest::badSearchQueryIsAnError_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("unterminated phrase") << QStringLiteral("\"cyber talks");
    QTest::newRow("dangling operator") << QStringLiteral("cyber AND");
    QTest::newRow("unknown column") << QStringLiteral("nosuchcolumn:word");
    QTest::newRow("empty") << QStringLiteral("   ");
    // Found by fuzz_search: a NUL ends FTS5's reading of the quote; the word beside it matches nothing.
    QTest::newRow("a NUL in a quote beside a word") << QStringLiteral("\"D\uFFFD") + QChar(0) + QStringLiteral("\"V");
}

void DocumentQueryTest::badSearchQueryIsAnError()
{
    QFETCH(QString, query);
    Library library(libraryPath());
    QVERIFY(library.open());
    QVERIFY(library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt"))));
    QVERIFY(!library.documents().search(query));
    QVERIFY(!library.errorString().isEmpty());
    // The list and the window's filter refuse it alike (an empty query is only empty for a search).
    if (!query.trimmed().isEmpty()) {
        ListQuery listed;
        listed.query = query;
        QVERIFY(!library.documents().list(listed));
        DocumentFilter filter;
        filter.text = query;
        QVERIFY(!library.documents().count(filter));
    }
    // The library still works afterwards.
    QCOMPARE(library.documents().search(QStringLiteral("Tokyo"))->size(), 1);
}

void DocumentQueryTest::filtersDocuments_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("entities"); // names: Tanabe, Tokyo, Manila
    QTest::addColumn<bool>("anyOf");
    QTest::addColumn<QStringList>("excluded");
    QTest::addColumn<QStringList>("expected"); // sorted by title ascending
    QTest::newRow("no filter") << QString() << QStringList {} << false << QStringList {}
                               << QStringList { QStringLiteral("both.txt"), QStringLiteral("manila.txt"),
                                      QStringLiteral("tokyo.txt") };
    QTest::newRow("one entity") << QString() << QStringList { QStringLiteral("Tokyo") } << false << QStringList {}
                                << QStringList { QStringLiteral("both.txt"), QStringLiteral("tokyo.txt") };
    QTest::newRow("all of two") << QString() << QStringList { QStringLiteral("Tokyo"), QStringLiteral("Manila") }
                                << false << QStringList {} << QStringList { QStringLiteral("both.txt") };
    QTest::newRow("any of two") << QString() << QStringList { QStringLiteral("Tanabe"), QStringLiteral("Manila") }
                                << true << QStringList {}
                                << QStringList { QStringLiteral("both.txt"), QStringLiteral("manila.txt"),
                                       QStringLiteral("tokyo.txt") };
    QTest::newRow("exclude") << QString() << QStringList { QStringLiteral("Tokyo") } << false
                             << QStringList { QStringLiteral("Manila") } << QStringList { QStringLiteral("tokyo.txt") };
    QTest::newRow("text and entity") << QStringLiteral("ferry") << QStringList { QStringLiteral("Manila") } << false
                                     << QStringList {} << QStringList { QStringLiteral("both.txt") };
}

void DocumentQueryTest::filtersDocuments()
{
    QFETCH(QString, text);
    QFETCH(QStringList, entities);
    QFETCH(bool, anyOf);
    QFETCH(QStringList, excluded);
    QFETCH(QStringList, expected);
    Library library(libraryPath());
    QVERIFY(library.open());
    const Fixture ids = storeThree(library);
    const auto idOf = [&](const QString &name) {
        return name == u"Tanabe" ? ids.tanabe : name == u"Tokyo" ? ids.tokyo : ids.manila;
    };
    DocumentFilter filter;
    filter.text = text;
    filter.anyOf = anyOf;
    for (const QString &name : entities) {
        filter.entities.append(idOf(name));
    }
    for (const QString &name : excluded) {
        filter.excluded.append(idOf(name));
    }
    QCOMPARE(library.documents().count(filter), qint64(expected.size()));
    const auto rows = library.documents().window(filter, DocumentSort::Title, Qt::AscendingOrder, 0, 100);
    QVERIFY2(rows, qPrintable(library.errorString()));
    QStringList got = paths(*rows);
    got.sort();
    QCOMPARE(got, expected);
}

void DocumentQueryTest::sortsAndPagesDocuments_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("title ascending") << int(DocumentSort::Title) << int(Qt::AscendingOrder)
                                     << QStringList { QStringLiteral("both.txt"), QStringLiteral("manila.txt"),
                                            QStringLiteral("tokyo.txt") };
    QTest::newRow("date descending") << int(DocumentSort::Date) << int(Qt::DescendingOrder)
                                     << QStringList { QStringLiteral("both.txt"), QStringLiteral("tokyo.txt"),
                                            QStringLiteral("manila.txt") };
    QTest::newRow("source ascending") << int(DocumentSort::Source) << int(Qt::AscendingOrder)
                                      << QStringList { QStringLiteral("both.txt"), QStringLiteral("tokyo.txt"),
                                             QStringLiteral("manila.txt") };
    QTest::newRow("entity count descending")
        << int(DocumentSort::EntityCount) << int(Qt::DescendingOrder)
        << QStringList { QStringLiteral("tokyo.txt"), QStringLiteral("both.txt"), QStringLiteral("manila.txt") };
}

void DocumentQueryTest::sortsAndPagesDocuments()
{
    QFETCH(int, sort);
    QFETCH(int, order);
    QFETCH(QStringList, expected);
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    const auto all = library.documents().window({}, DocumentSort(sort), Qt::SortOrder(order), 0, 10);
    QVERIFY(all);
    QCOMPARE(paths(*all), expected);
    const auto second = library.documents().window({}, DocumentSort(sort), Qt::SortOrder(order), 1, 1);
    QVERIFY(second);
    QCOMPARE(paths(*second), QStringList { expected[1] });
}

void DocumentQueryTest::facetsFollowTheFilter()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const Fixture ids = storeThree(library);
    const auto all = library.entities().facets({});
    QVERIFY(all);
    QHash<QString, int> counts;
    for (const EntitySummary &entity : *all) {
        counts.insert(entity.name, entity.documents);
    }
    QCOMPARE(counts.value(QStringLiteral("Tokyo")), 2);
    QCOMPARE(counts.value(QStringLiteral("Manila")), 2);
    QCOMPARE(counts.value(QStringLiteral("Aiko Tanabe")), 1);
    QCOMPARE(all->front().documents, 2); // most documents first

    DocumentFilter filter;
    filter.entities = { ids.tanabe };
    const auto narrowed = library.entities().facets(filter);
    QVERIFY(narrowed);
    QStringList names;
    for (const EntitySummary &entity : *narrowed) {
        names.append(entity.name);
        QCOMPARE(entity.documents, 1);
    }
    names.sort();
    QCOMPARE(names,
        (QStringList { QStringLiteral("Aiko Tanabe"), QStringLiteral("Tokyo"), QStringLiteral("United States") }));

    const auto capped = library.entities().facets({}, 1);
    QVERIFY(capped);
    int places = 0;
    for (const EntitySummary &entity : *capped) {
        places += entity.type == EntityType::Location;
    }
    QCOMPARE(places, 1);
}

void DocumentQueryTest::badFilterQueryIsAnError()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    DocumentFilter filter;
    filter.text = QStringLiteral("\"ferry");
    QVERIFY(!library.documents().count(filter));
    QVERIFY2(library.errorString().startsWith(QLatin1String("bad search query")), qPrintable(library.errorString()));
    QVERIFY(!library.documents().window(filter, DocumentSort::Date, Qt::DescendingOrder, 0, 10));
    QVERIFY(!library.entities().facets(filter));
    QCOMPARE(library.documents().count({}), 3);
}

void DocumentQueryTest::ftsDebugCommandIsAnError()
{
    // Found by fuzz/search_fuzz.cpp: FTS5 ran '*id' as a debugging command, so the document list
    // counted one article and listed none, and search and list found nothing without an error.
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    for (const QString &query : { QStringLiteral("*id"), QStringLiteral("*ID"), QStringLiteral("*reads") }) {
        DocumentFilter filter;
        filter.text = query;
        QVERIFY2(!library.documents().count(filter), qPrintable(query));
        QVERIFY(!library.documents().window(filter, DocumentSort::Date, Qt::DescendingOrder, 0, 10));
        QVERIFY(!library.documents().search(query));
        QVERIFY2(
            library.errorString().startsWith(QLatin1String("bad search query")), qPrintable(library.errorString()));
        ListQuery listed;
        listed.query = query;
        QVERIFY(!library.documents().list(listed));
    }
    QCOMPARE(library.documents().count({}), 3);
}

void DocumentQueryTest::searchPlanSplitsQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("parts"); // "index: match", "-index: match" when negated
    const auto part = [](const char *text) { return QString::fromUtf8(text); };
    QTest::newRow("a word: its stem") << QStringLiteral("attack") << QStringList { part("articles_stem: attack") };
    QTest::newRow("a quoted word: as written")
        << QStringLiteral("\"attack\"") << QStringList { part("articles_fts: \"attack\"") };
    QTest::newRow("a prefix: as written") << QStringLiteral("cable*") << QStringList { part("articles_fts: cable*") };
    QTest::newRow("a word and a quote") << QStringLiteral(
        "attack \"port\"") << QStringList { part("articles_stem: attack"), part("articles_fts: \"port\"") };
    QTest::newRow("words and NOT a quote")
        << QStringLiteral("attack AND raid NOT \"port\"")
        << QStringList { part("articles_stem: (attack) AND (raid)"), part("-articles_fts: \"port\"") };
    QTest::newRow("OR at the top: whole, stems")
        << QStringLiteral("attack OR raid") << QStringList { part("articles_stem: attack OR raid") };
    QTest::newRow("OR at the top with a quote: whole, as written")
        << QStringLiteral("\"attack\" OR raid") << QStringList { part("articles_fts: \"attack\" OR raid") };
    QTest::newRow("groups keep their OR")
        << QStringLiteral("(attack OR raid) NOT port")
        << QStringList { part("articles_stem: (attack OR raid)"), part("-articles_stem: port") };
    QTest::newRow("NEAR and a column filter")
        << QStringLiteral("NEAR(rebel port, 5) title: harbour")
        << QStringList { part("articles_stem: (NEAR(rebel port, 5)) AND (title: harbour)") };
    QTest::newRow("a quoted phrase inside NEAR: as written")
        << QStringLiteral("NEAR(\"port authority\" dredging, 3)")
        << QStringList { part("articles_fts: NEAR(\"port authority\" dredging, 3)") };
    QTest::newRow("unbalanced: whole, for FTS5 to refuse")
        << QStringLiteral("\"port authority") << QStringList { part("articles_fts: \"port authority") };
    QTest::newRow("NOT first: whole") << QStringLiteral("NOT port") << QStringList { part("articles_stem: NOT port") };
}

void DocumentQueryTest::searchPlanSplitsQueries()
{
    QFETCH(QString, query);
    QFETCH(QStringList, parts);
    QStringList planned;
    for (const SearchPlan::Part &p : searchPlan(query).parts) {
        planned.append((p.negated ? QStringLiteral("-") : QString()) + p.table + QStringLiteral(": ") + p.match);
    }
    QCOMPARE(planned, parts);
}

namespace
{

// Three reports of one event in different word forms, and one of another.
void storeAttacks(Library &library)
{
    QVERIFY(library.articles().store(makeArticle(QStringLiteral("/corpus/attacked.txt"), QStringLiteral("Port raid"),
        QStringLiteral("Rebels attacked the port at dawn, officials said."), "a1")));
    QVERIFY(library.articles().store(makeArticle(QStringLiteral("/corpus/attack.txt"), QStringLiteral("Harbour"),
        QStringLiteral("An attack on the harbour was repelled."), "a2")));
    QVERIFY(library.articles().store(makeArticle(QStringLiteral("/corpus/attacks.txt"), QStringLiteral("Talks"),
        QStringLiteral("Attacks on shipping continue, the port authority said."), "a3")));
    QVERIFY(library.articles().store(makeArticle(QStringLiteral("/corpus/ferry.txt"), QStringLiteral("Ferry"),
        QStringLiteral("The night ferry resumed its crossings."), "a4")));
}

} // namespace

void DocumentQueryTest::bareWordsFindEveryFormQuotesOnlyTheirOwn_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("paths");
    QTest::newRow("stem") << QStringLiteral("attack")
                          << QStringList { QStringLiteral("attack.txt"), QStringLiteral("attacked.txt"),
                                 QStringLiteral("attacks.txt") };
    QTest::newRow("quoted: that word only")
        << QStringLiteral("\"attack\"") << QStringList { QStringLiteral("attack.txt") };
    QTest::newRow("stem and NOT a quote")
        << QStringLiteral("attacking NOT \"port\"") << QStringList { QStringLiteral("attack.txt") };
    QTest::newRow("stem and a quote") << QStringLiteral("attacks \"authority\"")
                                      << QStringList { QStringLiteral("attacks.txt") };
    QTest::newRow("prefix as written") << QStringLiteral("attacke*") << QStringList { QStringLiteral("attacked.txt") };
}

void DocumentQueryTest::bareWordsFindEveryFormQuotesOnlyTheirOwn()
{
    QFETCH(QString, query);
    QFETCH(QStringList, paths);
    Library library(libraryPath());
    QVERIFY(library.open());
    storeAttacks(library);
    // The CLI's search and the window's filter agree.
    const auto found = library.documents().search(query);
    QVERIFY2(found, qPrintable(library.errorString()));
    QStringList searched = Dossier::Test::paths(*found);
    searched.sort();
    QCOMPARE(searched, paths);
    DocumentFilter filter;
    filter.text = query;
    QCOMPARE(library.documents().count(filter).value_or(-1), paths.size());
    const auto rows = library.documents().window(filter, DocumentSort::Title, Qt::AscendingOrder, 0, 10);
    QVERIFY(rows);
    QStringList listed = Dossier::Test::paths(*rows);
    listed.sort();
    QCOMPARE(listed, paths);
}

void DocumentQueryTest::hitsMarkWhereTheQueryMatches_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("marked");
    QTest::newRow("every form") << QStringLiteral("attack") << QStringList { QStringLiteral("Attacks") };
    QTest::newRow("two words, two indexes") << QStringLiteral(
        "attacking \"port authority\"") << QStringList { QStringLiteral("Attacks"), QStringLiteral("port authority") };
    QTest::newRow("excluded words are not marked")
        << QStringLiteral("shipping NOT \"harbour\"") << QStringList { QStringLiteral("shipping") };
    QTest::newRow("no match") << QStringLiteral("ferry") << QStringList();
}

void DocumentQueryTest::hitsMarkWhereTheQueryMatches()
{
    QFETCH(QString, query);
    QFETCH(QStringList, marked);
    Library library(libraryPath());
    QVERIFY(library.open());
    storeAttacks(library);
    const auto rows = library.documents().list(ListQuery {});
    qint64 id = -1;
    for (const ArticleSummary &row : *rows) {
        if (row.path == u"/corpus/attacks.txt") {
            id = row.id;
        }
    }
    const auto article = library.articles().get(id);
    const auto hits = library.documents().hits(id, query);
    QVERIFY2(hits, qPrintable(library.errorString()));
    QStringList texts;
    for (const auto &[start, end] : *hits) {
        texts.append(article->body.mid(start, end - start));
    }
    QCOMPARE(texts, marked);
}

void DocumentQueryTest::listShowsEachMatchAndRanksByRelevance_data()
{
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("most relevant first") << int(Qt::DescendingOrder)
                                         << QStringList { QStringLiteral("strike.txt"), QStringLiteral("harbour.txt") };
    QTest::newRow("least relevant first")
        << int(Qt::AscendingOrder) << QStringList { QStringLiteral("harbour.txt"), QStringLiteral("strike.txt") };
}

void DocumentQueryTest::listShowsEachMatchAndRanksByRelevance()
{
    QFETCH(int, order);
    QFETCH(QStringList, expected);
    Library library(libraryPath());
    QVERIFY(library.open());
    qint64 harbour = -1;
    qint64 strike = -1;
    qint64 other = -1;
    QVERIFY(
        library.articles().store(makeArticle(QStringLiteral("/corpus/harbour.txt"), QStringLiteral("Harbour report"),
                                     QStringLiteral("The old port reopened after the storm."), "h1"),
            &harbour));
    QVERIFY(
        library.articles().store(makeArticle(QStringLiteral("/corpus/strike.txt"), QStringLiteral("Port strike ends"),
                                     QStringLiteral("Port workers returned to the ports on Monday."), "s1"),
            &strike));
    QVERIFY(library.articles().store(makeArticle(QStringLiteral("/corpus/other.txt"), QStringLiteral("Rail news"),
                                         QStringLiteral("Trains ran late again."), "o1"),
        &other));
    DocumentFilter filter;
    filter.text = QStringLiteral("port");
    const auto rows = library.documents().window(filter, DocumentSort::Relevance, Qt::SortOrder(order), 0, 10);
    QVERIFY2(rows, qPrintable(library.errorString()));
    QCOMPARE(paths(*rows), expected);
    for (qsizetype row = 0; row < rows->size(); ++row) {
        QCOMPARE(library.documents().rowOf(filter, DocumentSort::Relevance, Qt::SortOrder(order), rows->at(row).id),
            std::optional<qint64>(row));
    }
    QCOMPARE(library.documents().rowOf(filter, DocumentSort::Relevance, Qt::SortOrder(order), other),
        std::optional<qint64>(-1));

    // The passage of each listed article, its matches marked, and how relevant it is.
    const auto matches = library.documents().matches(filter.text, { harbour, strike, other });
    QVERIFY2(matches, qPrintable(library.errorString()));
    QCOMPARE(matches->size(), 2);
    QVERIFY(!matches->contains(other));
    const QString open(QChar(0xE000));
    const QString close(QChar(0xE001));
    QVERIFY2(matches->value(harbour).snippet.contains(open + QStringLiteral("port") + close),
        qPrintable(matches->value(harbour).snippet));
    QVERIFY2(matches->value(strike).snippet.contains(open + QStringLiteral("Port") + close),
        qPrintable(matches->value(strike).snippet));
    QVERIFY(matches->value(harbour).relevance > 0);
    QVERIFY(matches->value(strike).relevance > matches->value(harbour).relevance);
    QVERIFY(library.documents().matches(QString(), { harbour })->isEmpty());
    QVERIFY(!library.documents().matches(QStringLiteral("\"unclosed"), { harbour }));
}

QTEST_GUILESS_MAIN(DocumentQueryTest)
#include "documentquery_test.moc"
