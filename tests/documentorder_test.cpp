#include "store/documentorder_p.h"
#include "store/library.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;

// DocumentQuery::rowOf(): the row of one article under a filter and a sort, counted in SQL.
class DocumentOrderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void documentRowIsWhereDocumentsListsIt_data();
    void documentRowIsWhereDocumentsListsIt();
    void rowsBeforeAreCountedAlongTheIndex_data();
    void rowsBeforeAreCountedAlongTheIndex();
    void cleanupTestCase();

private:
    QList<DocumentFilter> filters() const;
    QTemporaryDir m_dir;
    std::unique_ptr<Library> m_library;
    qint64 m_tokyo = -1;
};

void DocumentOrderTest::initTestCase()
{
    m_library = std::make_unique<Library>(m_dir.filePath(QStringLiteral("order.dossier")));
    QVERIFY(m_library->open());
    // Many ties, case differences, empty values and untagged articles: every tie-break matters.
    const QStringList titles { QStringLiteral("alpha"), QStringLiteral("Alpha"), QStringLiteral("beta"),
        QStringLiteral("BETA"), QString() };
    const QStringList dates { QStringLiteral("2026-01-02"), QStringLiteral("2026-01-01"), QString(),
        QStringLiteral("2025-12-31") };
    const QStringList sources { QStringLiteral("Harbor Ledger"), QStringLiteral("harbor ledger"),
        QStringLiteral("Archipelago Post") };
    QVERIFY(m_library->articles().beginBatch());
    QList<qint64> ids;
    for (int i = 0; i < 60; ++i) {
        Article article;
        article.path = QStringLiteral("/corpus/o%1.txt").arg(i, 2, 10, QLatin1Char('0'));
        article.sha256 = QByteArray::number(i);
        article.format = QStringLiteral("text");
        article.encoding = QStringLiteral("UTF-8");
        article.meta.title = titles.at(i % titles.size());
        article.meta.date = dates.at(i % dates.size());
        article.meta.source = sources.at(i % sources.size());
        article.body = i % 2 ? QStringLiteral("Patrols near the reef.") : QStringLiteral("Talks in Tokyo resumed.");
        article.rawText = article.body;
        if (i % 3 == 0) {
            article.entities.append(Entity { QStringLiteral("Tokyo"), EntityType::Location, {}, 1 });
        }
        if (i % 5 == 0) {
            article.entities.append(Entity { QStringLiteral("Manila"), EntityType::Location, {}, 1 });
        }
        qint64 id = -1;
        QVERIFY(m_library->articles().store(article, &id));
        ids.append(id);
    }
    QVERIFY(m_library->articles().commitBatch());
    for (int i = 0; i < ids.size(); ++i) {
        QStringList tags;
        if (i % 4 == 0) {
            tags.append(QStringLiteral("b"));
        } else if (i % 4 == 1) {
            tags.append(QStringLiteral("A"));
        }
        if (i % 7 == 0) {
            tags.append(QStringLiteral("c"));
        }
        QVERIFY(tags.isEmpty() || m_library->tags().tagArticle(ids.at(i), tags));
    }
    for (const EntitySummary &entity : m_library->entities().all().value_or(QList<EntitySummary> {})) {
        if (entity.name == u"Tokyo") {
            m_tokyo = entity.id;
        }
    }
    QVERIFY(m_tokyo > 0);
    // A connection of our own, to read the query plans of the statements.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plan"));
    db.setDatabaseName(m_dir.filePath(QStringLiteral("order.dossier")));
    QVERIFY(db.open());
}

QList<DocumentFilter> DocumentOrderTest::filters() const
{
    DocumentFilter text;
    text.text = QStringLiteral("patrols");
    DocumentFilter entity;
    entity.entities = { m_tokyo };
    DocumentFilter excluded;
    excluded.excluded = { m_tokyo };
    return { DocumentFilter {}, text, entity, excluded };
}

void DocumentOrderTest::documentRowIsWhereDocumentsListsIt_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("order");
    const std::pair<const char *, DocumentSort> sorts[]
        = { { "title", DocumentSort::Title }, { "date", DocumentSort::Date }, { "source", DocumentSort::Source },
              { "entity count", DocumentSort::EntityCount }, { "tags", DocumentSort::Tags },
              { "relevance (BM25 under a query, else the date)", DocumentSort::Relevance } };
    for (const auto &[name, sort] : sorts) {
        QTest::addRow("%s ascending", name) << int(sort) << int(Qt::AscendingOrder);
        QTest::addRow("%s descending", name) << int(sort) << int(Qt::DescendingOrder);
    }
}

void DocumentOrderTest::documentRowIsWhereDocumentsListsIt()
{
    QFETCH(int, sort);
    QFETCH(int, order);
    const auto everything = m_library->documents().window({}, DocumentSort(sort), Qt::SortOrder(order), 0, 1000);
    QVERIFY(everything);
    QCOMPARE(everything->size(), 60);
    for (const DocumentFilter &filter : filters()) {
        const auto listed = m_library->documents().window(filter, DocumentSort(sort), Qt::SortOrder(order), 0, 1000);
        QVERIFY(listed);
        QVERIFY(filter.isEmpty() || (!listed->isEmpty() && listed->size() < 60));
        QSet<qint64> shown;
        for (qsizetype row = 0; row < listed->size(); ++row) {
            const qint64 id = listed->at(row).id;
            shown.insert(id);
            const auto found = m_library->documents().rowOf(filter, DocumentSort(sort), Qt::SortOrder(order), id);
            QVERIFY2(found, qPrintable(m_library->errorString()));
            QCOMPARE(*found, qint64(row));
        }
        for (const ArticleSummary &article : *everything) {
            if (!shown.contains(article.id)) {
                QCOMPARE(m_library->documents().rowOf(filter, DocumentSort(sort), Qt::SortOrder(order), article.id),
                    std::optional<qint64>(-1));
            }
        }
    }
    QCOMPARE(
        m_library->documents().rowOf({}, DocumentSort(sort), Qt::SortOrder(order), 999999), std::optional<qint64>(-1));
}

void DocumentOrderTest::rowsBeforeAreCountedAlongTheIndex_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("order");
    QTest::addColumn<int>("filter");
    const std::pair<const char *, DocumentSort> sorts[]
        = { { "title", DocumentSort::Title }, { "date", DocumentSort::Date }, { "source", DocumentSort::Source },
              { "entity count", DocumentSort::EntityCount } };
    const char *filterNames[] = { "all", "text", "entity", "excluded" };
    for (const auto &[name, sort] : sorts) {
        for (int filter = 0; filter < 4; ++filter) {
            QTest::addRow("%s ascending, %s", name, filterNames[filter])
                << int(sort) << int(Qt::AscendingOrder) << filter;
            QTest::addRow("%s descending, %s", name, filterNames[filter])
                << int(sort) << int(Qt::DescendingOrder) << filter;
        }
    }
}

void DocumentOrderTest::rowsBeforeAreCountedAlongTheIndex()
{
    QFETCH(int, sort);
    QFETCH(int, order);
    QFETCH(int, filter);
    // The statements DocumentQuery::rowOf() runs, for an article in the middle of the list.
    const DocumentFilter chosen = filters().at(filter);
    const auto listed = m_library->documents().window(chosen, DocumentSort(sort), Qt::SortOrder(order), 0, 1000);
    QVERIFY(listed && !listed->isEmpty());
    const ArticleSummary &middle = listed->at(listed->size() / 2);
    const DocumentOrder documentOrder = Dossier::Core::documentOrder(DocumentSort(sort));
    QVariantList idBinds;
    const QString ids = idSet(chosen, &idBinds);
    const QSqlDatabase db = QSqlDatabase::database(QStringLiteral("plan"));
    QVERIFY(db.isOpen());
    {
        const auto run = [](QSqlQuery &query, const Statement &statement) {
            query.prepare(statement.sql);
            for (const QVariant &value : statement.binds) {
                query.addBindValue(value);
            }
            return query.exec() && query.next();
        };
        QSqlQuery keys(db);
        QVERIFY(run(keys, sortKeysStatement(documentOrder, middle.id)));
        const Statement statement
            = rowsBeforeStatement(documentOrder, Qt::SortOrder(order), ids, idBinds, middle.id, { keys.value(0) });
        QSqlQuery count(db);
        QVERIFY(run(count, statement));
        QCOMPARE(count.value(0).toLongLong(), qint64(listed->size() / 2));

        QSqlQuery plan(db);
        QVERIFY(run(plan, { QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql, statement.binds }));
        QStringList steps;
        do {
            steps.append(plan.value(3).toString());
        } while (plan.next());
        const QString planText = steps.join(u'\n');
        // Each range of the articles is a search of the sort column's index (under a filter, the
        // listed ids are looked up by primary key); the table itself is never scanned.
        const QString expected
            = ids.isEmpty() ? QLatin1String("INDEX ") + documentOrder.index : QStringLiteral("INTEGER PRIMARY KEY");
        int indexed = 0;
        for (const QString &step : std::as_const(steps)) {
            if (!step.startsWith(QLatin1String("SEARCH a ")) && !step.startsWith(QLatin1String("SCAN a "))
                && step != u"SCAN a") {
                continue;
            }
            QVERIFY2(step.contains(expected), qPrintable(planText));
            ++indexed;
        }
        QVERIFY2(indexed >= (ids.isEmpty() ? 2 : 1), qPrintable(planText));
    }
}

void DocumentOrderTest::cleanupTestCase()
{
    QSqlDatabase::removeDatabase(QStringLiteral("plan"));
}

QTEST_GUILESS_MAIN(DocumentOrderTest)
#include "documentorder_test.moc"
