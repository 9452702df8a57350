// SavedSearchStore: searches kept under a name, their counts and what is new since each was opened.

#include "store/library.h"
#include "storearticles.h"
#include "testbackend.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using namespace Dossier::Test;

Q_DECLARE_METATYPE(Dossier::Core::SavedSearch)

class SavedSearchTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void countsWhatTheFilterLists_data();
    void countsWhatTheFilterLists();
    void countsArticlesImportedSinceLastOpened();
    void sameNameReplacesTheSearch();
    void renamesAndRemoves();
    void refusesABadQueryOrAnEmptyName();
    void filterRoundTripsThroughNames();

private:
    QString libraryPath() const { return testLibrary(m_dir->filePath(QStringLiteral("test.dossier"))); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

SavedSearch named(const QString &name, const QString &query = {})
{
    SavedSearch search;
    search.name = name;
    search.query = query;
    return search;
}

EntityFilter place(const QString &name)
{
    return EntityFilter { EntityType::Location, name };
}

// Waits until the clock has moved past \a time, so that what is stored next was imported after it.
void passTime(qint64 time)
{
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > time);
}

} // namespace

void SavedSearchTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void SavedSearchTest::countsWhatTheFilterLists_data()
{
    QTest::addColumn<SavedSearch>("search");
    QTest::addColumn<qint64>("count");
    // storeThree(): tokyo.txt (Tanabe, United States, Tokyo; 2026-03-04, tagged "Fixture" here),
    // manila.txt (Manila, US; 2026-01-15), both.txt (Tokyo, Manila; 2026-05-01).
    QTest::newRow("a query") << named(QStringLiteral("s"), QStringLiteral("ferry")) << qint64(1);
    QTest::newRow("a stemmed query") << named(QStringLiteral("s"), QStringLiteral("patrol")) << qint64(1);
    SavedSearch tokyo = named(QStringLiteral("s"));
    tokyo.entities = { place(QStringLiteral("Tokyo")) };
    QTest::newRow("an entity") << tokyo << qint64(2);
    SavedSearch both = tokyo;
    both.entities.append(place(QStringLiteral("Manila")));
    QTest::newRow("all of two entities") << both << qint64(1);
    SavedSearch either = both;
    either.anyOf = true;
    QTest::newRow("any of two entities") << either << qint64(3);
    SavedSearch notManila = tokyo;
    notManila.excluded = { place(QStringLiteral("Manila")) };
    QTest::newRow("an excluded entity") << notManila << qint64(1);
    SavedSearch tagged = named(QStringLiteral("s"));
    tagged.tags = { QStringLiteral("fixture") };
    QTest::newRow("a tag, any case") << tagged << qint64(1);
    SavedSearch recent = named(QStringLiteral("s"));
    recent.from = QDate(2026, 2, 1);
    QTest::newRow("a period") << recent << qint64(2);
    SavedSearch queryAndEntity = tokyo;
    queryAndEntity.query = QStringLiteral("talks");
    QTest::newRow("a query and an entity") << queryAndEntity << qint64(1);
    SavedSearch gone = named(QStringLiteral("s"));
    gone.entities = { EntityFilter { EntityType::Person, QStringLiteral("Nobody Known") } };
    QTest::newRow("an entity not in the library finds nothing") << gone << qint64(0);
    SavedSearch goneTag = named(QStringLiteral("s"));
    goneTag.tags = { QStringLiteral("No Such Tag") };
    QTest::newRow("a tag not in the library finds nothing") << goneTag << qint64(0);
    SavedSearch goneExcluded = tokyo;
    goneExcluded.excluded = { place(QStringLiteral("Atlantis")) };
    QTest::newRow("an excluded entity not in the library is no bound") << goneExcluded << qint64(2);
}

void SavedSearchTest::countsWhatTheFilterLists()
{
    QFETCH(SavedSearch, search);
    QFETCH(qint64, count);
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    const auto rows = library.documents().list(ListQuery {});
    QVERIFY(rows);
    for (const ArticleSummary &row : *rows) {
        if (row.path.endsWith(u"tokyo.txt")) {
            QVERIFY(library.tags().tagArticle(row.id, { QStringLiteral("Fixture") }));
        }
    }
    const auto saved = library.savedSearches().save(search);
    QVERIFY2(saved, qPrintable(library.errorString()));
    QCOMPARE(saved->count, count);
    QCOMPARE(saved->lastCount, count);
    QCOMPARE(saved->fresh, 0);
    // Kept as given, and listed the same.
    const auto all = library.savedSearches().all();
    QVERIFY(all);
    QCOMPARE(all->size(), 1);
    const SavedSearch &listed = all->front();
    QCOMPARE(listed.query, search.query);
    QCOMPARE(listed.entities.size(), search.entities.size());
    QCOMPARE(listed.anyOf, search.anyOf);
    QCOMPARE(listed.tags, search.tags);
    QCOMPARE(listed.from, search.from);
    QCOMPARE(listed.count, count);
    // And the window lists what was counted.
    const auto filter = library.savedSearches().filterOf(listed);
    QVERIFY(filter);
    QCOMPARE(library.documents().count(*filter), count);
}

void SavedSearchTest::countsArticlesImportedSinceLastOpened()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    SavedSearch search = named(QStringLiteral("Tokyo watch"));
    search.entities = { place(QStringLiteral("Tokyo")) };
    const auto saved = library.savedSearches().save(search);
    QVERIFY2(saved, qPrintable(library.errorString()));
    QCOMPARE(saved->count, 2);
    QCOMPARE(saved->fresh, 0);
    passTime(saved->lastOpened);

    Article more = makeArticle(QStringLiteral("/corpus/tokyo2.txt"), QStringLiteral("Tokyo opens a port office"),
        QStringLiteral("Tokyo will open a port office in May."), "ffff");
    addEntity(more, EntityType::Location, QStringLiteral("Tokyo"), {});
    QVERIFY(library.articles().store(more));
    Article other = makeArticle(QStringLiteral("/corpus/lima.txt"), QStringLiteral("Lima hosts a summit"),
        QStringLiteral("Lima will host the summit."), "gggg");
    addEntity(other, EntityType::Location, QStringLiteral("Lima"), {});
    QVERIFY(library.articles().store(other));

    const auto found = library.savedSearches().find(QStringLiteral("tokyo WATCH"));
    QVERIFY2(found, qPrintable(library.errorString()));
    QCOMPARE(found->count, 3);
    QCOMPARE(found->fresh, 1);
    QCOMPARE(found->lastCount, 2);

    const auto opened = library.savedSearches().markOpened(found->id);
    QVERIFY2(opened, qPrintable(library.errorString()));
    QCOMPARE(opened->count, 3);
    QCOMPARE(opened->fresh, 0);
    QCOMPARE(opened->lastCount, 3);
    QVERIFY(opened->lastOpened >= saved->lastOpened);
    QCOMPARE(opened->created, saved->created);
}

void SavedSearchTest::sameNameReplacesTheSearch()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    const auto first = library.savedSearches().save(named(QStringLiteral("Ferries"), QStringLiteral("ferry")));
    QVERIFY(first);
    const auto second = library.savedSearches().save(named(QStringLiteral("ferries"), QStringLiteral("patrols")));
    QVERIFY2(second, qPrintable(library.errorString()));
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->created, first->created);
    QCOMPARE(second->name, QStringLiteral("ferries"));
    QCOMPARE(second->query, QStringLiteral("patrols"));
    QCOMPARE(library.savedSearches().all()->size(), 1);
}

void SavedSearchTest::renamesAndRemoves()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    const auto ferries = library.savedSearches().save(named(QStringLiteral("Ferries"), QStringLiteral("ferry")));
    const auto patrols = library.savedSearches().save(named(QStringLiteral("Patrols"), QStringLiteral("patrol")));
    QVERIFY(ferries && patrols);

    QVERIFY(!library.savedSearches().rename(ferries->id, QStringLiteral("patrols")));
    QCOMPARE(library.lastError().kind, StoreError::Kind::Invalid);
    QVERIFY(!library.savedSearches().rename(ferries->id, QStringLiteral("  ")));
    QCOMPARE(library.lastError().kind, StoreError::Kind::Invalid);
    QVERIFY(!library.savedSearches().rename(9999, QStringLiteral("Other")));
    QCOMPARE(library.lastError().kind, StoreError::Kind::NotFound);

    QVERIFY2(
        library.savedSearches().rename(ferries->id, QStringLiteral("Sea links")), qPrintable(library.errorString()));
    const auto renamed = library.savedSearches().find(QStringLiteral("sea links"));
    QVERIFY(renamed);
    QCOMPARE(renamed->id, ferries->id);
    QCOMPARE(renamed->count, 1);

    QVERIFY(library.savedSearches().remove(patrols->id));
    QVERIFY(!library.savedSearches().remove(patrols->id));
    QCOMPARE(library.lastError().kind, StoreError::Kind::NotFound);
    QVERIFY(!library.savedSearches().find(QStringLiteral("Patrols")));
    QCOMPARE(library.lastError().kind, StoreError::Kind::NotFound);
    const auto all = library.savedSearches().all();
    QVERIFY(all);
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->front().name, QStringLiteral("Sea links"));
}

void SavedSearchTest::refusesABadQueryOrAnEmptyName()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    storeThree(library);
    QVERIFY(!library.savedSearches().save(named(QStringLiteral("Broken"), QStringLiteral("\"unclosed"))));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    QVERIFY(!library.savedSearches().save(named(QStringLiteral(" "), QStringLiteral("ferry"))));
    QCOMPARE(library.lastError().kind, StoreError::Kind::Invalid);
    QCOMPARE(library.savedSearches().all()->size(), 0);
}

void SavedSearchTest::filterRoundTripsThroughNames()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const Fixture ids = storeThree(library);
    const auto tag = library.tags().ensure(QStringLiteral("Fixture"));
    QVERIFY(tag);
    DocumentFilter filter;
    filter.text = QStringLiteral("talks");
    filter.entities = { ids.tokyo, ids.tanabe };
    filter.anyOf = true;
    filter.excluded = { ids.manila };
    filter.tags = { tag->id };
    filter.from = QDate(2026, 1, 1);
    filter.to = QDate(2026, 12, 31);
    auto search = library.savedSearches().fromFilter(filter);
    QVERIFY2(search, qPrintable(library.errorString()));
    QCOMPARE(search->entities.size(), 2);
    QCOMPARE(search->entities.front().name, QStringLiteral("Tokyo"));
    QCOMPARE(search->excluded.front().name, QStringLiteral("Manila"));
    QCOMPARE(search->tags, QStringList { QStringLiteral("Fixture") });
    search->name = QStringLiteral("Round trip");
    QVERIFY(library.savedSearches().save(*search));
    const auto saved = library.savedSearches().find(QStringLiteral("Round trip"));
    QVERIFY(saved);
    QCOMPARE(library.savedSearches().filterOf(*saved), filter);
}

QTEST_GUILESS_MAIN(SavedSearchTest)
#include "savedsearch_test.moc"
