#include "documentlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;

class DocumentListModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void countsAndFetchesLazily();
    void sortsInSql_data();
    void sortsInSql();
    void filtersByTextAndEntity();
    void badQueryEmptiesTheListWithAnError();
    void refreshSeesNewArticles();
    void refreshAndSortKeepRowsOnTheirArticles();
    void changedArticlesChangeOnlyTheirRows();

private:
    void addArticles(int from, int to);
    QTemporaryDir m_dir;
    std::unique_ptr<Core::Library> m_library;
    qint64 m_evenEntity = -1;
};

void DocumentListModelTest::addArticles(int from, int to)
{
    QVERIFY(m_library->articles().beginBatch());
    for (int i = from; i < to; ++i) {
        Core::Article article;
        article.path = QStringLiteral("/corpus/a%1.txt").arg(i, 4, 10, QLatin1Char('0'));
        article.sha256 = QByteArray::number(i);
        article.format = QStringLiteral("text");
        article.encoding = QStringLiteral("UTF-8");
        article.meta.title = QStringLiteral("Report %1").arg(i, 4, 10, QLatin1Char('0'));
        article.meta.date
            = QStringLiteral("2026-01-01").replace(8, 2, QStringLiteral("%1").arg(1 + i % 28, 2, 10, QLatin1Char('0')));
        article.meta.source = i % 2 ? QStringLiteral("Harbor Ledger") : QStringLiteral("Archipelago Post");
        article.body
            = i % 2 ? QStringLiteral("Patrols near the reef continued.") : QStringLiteral("Talks in Tokyo resumed.");
        article.rawText = article.body;
        if (i % 2 == 0) {
            article.entities.append(Core::Entity { QStringLiteral("Tokyo"), Core::EntityType::Location, {}, 1 });
            article.mentions.append(Core::Mention { 9, 14, Core::EntityType::Location, 0 });
        }
        QVERIFY(m_library->articles().store(article));
    }
    QVERIFY(m_library->articles().commitBatch());
}

void DocumentListModelTest::initTestCase()
{
    m_library = std::make_unique<Core::Library>(m_dir.filePath(QStringLiteral("lib.dossier")));
    QVERIFY(m_library->open());
    addArticles(0, 1000);
    m_evenEntity = m_library->entities().all()->front().id;
}

void DocumentListModelTest::countsAndFetchesLazily()
{
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.columnCount(), int(Ui::DocumentListModel::ColumnCount));
    // Any row can be read without reading the rows before it.
    const QModelIndex last = model.index(999, Ui::DocumentListModel::Title);
    QVERIFY(model.data(last).toString().startsWith(QLatin1String("Report ")));
    QVERIFY(model.data(last, Ui::DocumentListModel::IdRole).toLongLong() > 0);
    QCOMPARE(model.rowOfId(model.data(last, Ui::DocumentListModel::IdRole).toLongLong()), 999);
}

void DocumentListModelTest::sortsInSql_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QString>("first");
    QTest::newRow("title ascending") << int(Ui::DocumentListModel::Title) << int(Qt::AscendingOrder)
                                     << QStringLiteral("Report 0000");
    QTest::newRow("title descending") << int(Ui::DocumentListModel::Title) << int(Qt::DescendingOrder)
                                      << QStringLiteral("Report 0999");
    QTest::newRow("source ascending") << int(Ui::DocumentListModel::Source) << int(Qt::AscendingOrder)
                                      << QStringLiteral("Archipelago Post");
    QTest::newRow("entities descending") << int(Ui::DocumentListModel::Entities) << int(Qt::DescendingOrder)
                                         << QStringLiteral("1");
}

void DocumentListModelTest::sortsInSql()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QString, first);
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(model.index(0, column).data().toString(), first);
    QCOMPARE(model.rowCount(), 1000);
}

void DocumentListModelTest::filtersByTextAndEntity()
{
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    Core::DocumentFilter filter;
    filter.text = QStringLiteral("patrol*");
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 500);
    filter.text.clear();
    filter.entities = { m_evenEntity };
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 500);
    filter.text = QStringLiteral("patrols");
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.errorString().isEmpty());
}

void DocumentListModelTest::badQueryEmptiesTheListWithAnError()
{
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    QSignalSpy failed(&model, &Ui::DocumentListModel::queryFailed);
    Core::DocumentFilter filter;
    filter.text = QStringLiteral("\"unbalanced");
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(failed.size(), 1);
    QVERIFY(model.errorString().startsWith(QLatin1String("bad search query")));
    model.setFilter({});
    QCOMPARE(model.rowCount(), 1000);
    QVERIFY(model.errorString().isEmpty());
}

void DocumentListModelTest::refreshSeesNewArticles()
{
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    const int before = model.rowCount();
    addArticles(1000, 1010);
    model.refresh();
    QCOMPARE(model.rowCount(), before + 10);
}

void DocumentListModelTest::refreshAndSortKeepRowsOnTheirArticles()
{
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    model.sort(Ui::DocumentListModel::Title, Qt::DescendingOrder);
    const QPersistentModelIndex picked = model.index(900, Ui::DocumentListModel::Title);
    const qint64 id = picked.data(Ui::DocumentListModel::IdRole).toLongLong();
    const QString title = picked.data().toString();
    const int before = model.rowCount();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    // 20 articles whose titles sort before it: it moves down 20 rows, without a reset.
    addArticles(2000, 2020);
    model.refresh();
    QCOMPARE(model.rowCount(), before + 20);
    QCOMPARE(picked.row(), 920);
    QCOMPARE(picked.data().toString(), title);
    QCOMPARE(model.rowOfId(id), 920);
    QCOMPARE(inserted.size(), 1);

    // One of them removed: it moves up a row.
    QVERIFY(m_library->articles().remove(model.index(0, 0).data(Ui::DocumentListModel::IdRole).toLongLong()));
    model.refresh();
    QCOMPARE(model.rowCount(), before + 19);
    QCOMPARE(picked.row(), 919);
    QCOMPARE(picked.data(Ui::DocumentListModel::IdRole).toLongLong(), id);
    QCOMPARE(removed.size(), 1);

    // A new order: it follows its article there, found in SQL (far beyond the rows fetched).
    model.sort(Ui::DocumentListModel::Date, Qt::AscendingOrder);
    QVERIFY(picked.isValid());
    QCOMPARE(picked.data(Ui::DocumentListModel::IdRole).toLongLong(), id);
    QCOMPARE(picked.row(), int(*m_library->documents().rowOf({}, Core::DocumentSort::Date, Qt::AscendingOrder, id)));
    QCOMPARE(resets.size(), 0);
}

void DocumentListModelTest::changedArticlesChangeOnlyTheirRows()
{
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    model.sort(Ui::DocumentListModel::Title, Qt::AscendingOrder);
    const QModelIndex third = model.index(2, Ui::DocumentListModel::Tags);
    const qint64 id = third.data(Ui::DocumentListModel::IdRole).toLongLong();
    QCOMPARE(third.data().toString(), QString());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    // Tagged in place (by title its row stays): that row changes, nothing else.
    QVERIFY(m_library->tags().tagArticle(id, { QStringLiteral("Reef") }));
    model.refreshArticles({ id });
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(model.index(2, Ui::DocumentListModel::Tags).data().toString(), QStringLiteral("Reef"));
    QCOMPARE(layouts.size(), 0);
    QCOMPARE(resets.size(), 0);

    // Sorted by tags, the same change moves the row: the list is laid out again.
    model.sort(Ui::DocumentListModel::Tags, Qt::AscendingOrder);
    QCOMPARE(model.rowOfId(id), 0);
    layouts.clear();
    QVERIFY(m_library->tags().untagArticle(id, QStringLiteral("Reef")));
    model.refreshArticles({ id });
    QCOMPARE(layouts.size(), 1);
    QVERIFY(model.rowOfId(id) > 0);
    QCOMPARE(resets.size(), 0);
}

QTEST_MAIN(DocumentListModelTest)
#include "documentlistmodel_test.moc"
