#include "documentlistmodel.h"
#include "store/libraryreader.h"
#include "translations.h"

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
    void copiesAreCountedPerWindow_data();
    void copiesAreCountedPerWindow();
    void groupedRowsAreStories();
    void storyRowsOpenOntoTheirCopies();

private:
    // 280 reports, every tenth with a copy and every thirtieth with two: \a expected gets each
    // article's number of copies, \a originals (when given) the first stored article of its story.
    static void storeReportsWithCopies(
        Core::Library &library, QHash<qint64, int> *expected, QHash<qint64, qint64> *originals);
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

void DocumentListModelTest::copiesAreCountedPerWindow_data()
{
    QTest::addColumn<bool>("onReader");
    QTest::newRow("on the calling thread") << false;
    QTest::newRow("on a reader's thread") << true;
}

void DocumentListModelTest::copiesAreCountedPerWindow()
{
    QFETCH(bool, onReader);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    // A library of its own: 280 different reports (three windows of rows), every tenth with a copy
    // stored after it, and every thirtieth with two.
    QTemporaryDir dir;
    Core::Library library(dir.filePath(QStringLiteral("copies.dossier")));
    QVERIFY(library.open());
    QHash<qint64, int> expected;
    storeReportsWithCopies(library, &expected, nullptr);
    QCOMPARE(expected.size(), 280 + 28 + 10);

    Core::LibraryReader reader;
    reader.setPath(library.path());
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(&library);
    if (onReader) {
        model.setReader(&reader);
    }
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const auto copies = [&](int row) { return model.index(row, Ui::DocumentListModel::Copies).data().toString(); };
    const auto text = [&](int row) {
        const int count = expected.value(model.index(row, 0).data(Ui::DocumentListModel::IdRole).toLongLong(), -1);
        return count > 0 ? QStringLiteral("%1 copies").arg(count + 1) : QString();
    };
    if (onReader) {
        // Empty until the window's counts arrive, then one change for the whole window.
        QCOMPARE(copies(0), QString());
        QVERIFY(model.isReadingCopyCounts());
        for (int row = 1; row < 128; ++row) {
            QCOMPARE(copies(row), QString());
        }
        QTRY_VERIFY(!model.isReadingCopyCounts());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.front().at(0).toModelIndex(), model.index(0, Ui::DocumentListModel::Copies));
        QCOMPARE(changed.front().at(1).toModelIndex(), model.index(127, Ui::DocumentListModel::Copies));
    }
    for (int row = 0; row < 128; ++row) {
        QCOMPARE(copies(row), text(row));
    }
    // The other windows are read on their own when shown.
    QCOMPARE(copies(317).isEmpty(), onReader || text(317).isEmpty());
    QTRY_VERIFY(!model.isReadingCopyCounts());
    int shown = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        copies(row); // the first cell of a window asks for it
        QTRY_VERIFY(!model.isReadingCopyCounts());
        QCOMPARE(copies(row), text(row));
        QCOMPARE(model.index(row, 0).data(Ui::DocumentListModel::CopyCountRole).toInt(),
            expected.value(model.index(row, 0).data(Ui::DocumentListModel::IdRole).toLongLong()));
        shown += copies(row).isEmpty() ? 0 : 1;
    }
    QCOMPARE(shown, 28 * 2 + 10);
    QCOMPARE(model.headerData(Ui::DocumentListModel::Copies, Qt::Horizontal).toString(), QStringLiteral("Copies"));
    // Not a sort column: the order stays.
    const qint64 top = model.index(0, 0).data(Ui::DocumentListModel::IdRole).toLongLong();
    model.sort(Ui::DocumentListModel::Copies, Qt::AscendingOrder);
    QCOMPARE(model.index(0, 0).data(Ui::DocumentListModel::IdRole).toLongLong(), top);
    QCOMPARE(model.sortColumn(), int(Ui::DocumentListModel::Date));
}

void DocumentListModelTest::storeReportsWithCopies(
    Core::Library &library, QHash<qint64, int> *expected, QHash<qint64, qint64> *originals)
{
    qint64 original = -1;
    const auto store = [&](int i, int copy) {
        Core::Article article;
        article.path = QStringLiteral("/corpus/r%1-%2.txt").arg(i).arg(copy);
        article.format = QStringLiteral("text");
        article.encoding = QStringLiteral("UTF-8");
        article.meta.title = QStringLiteral("Report %1").arg(i);
        article.meta.date = QStringLiteral("2026-02-%1").arg(1 + i % 28, 2, 10, QLatin1Char('0'));
        article.body
            = QStringLiteral("Report %1 tells of event %2 at pier %3 on day %4 with %5 witnesses and %6 ships.")
                  .arg(i)
                  .arg(i * 7 + 1000)
                  .arg(i * 13 + 2000)
                  .arg(i * 17 + 3000)
                  .arg(i * 19 + 4000)
                  .arg(i * 23 + 5000);
        article.rawText = article.body;
        article.sha256 = article.path.toUtf8();
        qint64 id = -1;
        QVERIFY(library.articles().store(article, &id));
        expected->insert(id, i % 30 == 0 ? 2 : i % 10 == 0 ? 1 : 0);
        if (copy == 0) {
            original = id;
        }
        if (originals) {
            originals->insert(id, original);
        }
    };
    for (int i = 0; i < 280; ++i) {
        store(i, 0);
        for (int copy = 1; copy <= (i % 30 == 0 ? 2 : i % 10 == 0 ? 1 : 0); ++copy) {
            store(i, copy);
        }
    }
}

void DocumentListModelTest::groupedRowsAreStories()
{
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QTemporaryDir dir;
    Core::Library library(dir.filePath(QStringLiteral("stories.dossier")));
    QVERIFY(library.open());
    QHash<qint64, int> copies;
    QHash<qint64, qint64> originals; // each article's story, by its first stored copy (same date)
    storeReportsWithCopies(library, &copies, &originals);
    QCOMPARE(copies.size(), 318);
    Ui::DocumentListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(&library);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setGroupCopies(true);
    QVERIFY(model.groupsCopies());
    QCOMPARE(resets.size(), 1);
    // One row per story: 280 stories in three windows of rows.
    QCOMPARE(model.rowCount(), 280);
    // The last window read first, without the rows before it.
    const QModelIndex last = model.index(279, Ui::DocumentListModel::Title);
    const qint64 lastId = last.data(Ui::DocumentListModel::IdRole).toLongLong();
    QCOMPARE(originals.value(lastId), lastId);
    QCOMPARE(model.rowOfId(lastId), 279);
    QSet<qint64> stories;
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 id = model.index(row, 0).data(Ui::DocumentListModel::IdRole).toLongLong();
        // Each story's row is its earliest copy (same date: the first stored), listed once.
        QCOMPARE(originals.value(id), id);
        QVERIFY(!stories.contains(id));
        stories.insert(id);
        const int others = copies.value(id);
        QCOMPARE(model.index(row, 0).data(Ui::DocumentListModel::CopyCountRole).toInt(), others);
        QCOMPARE(model.index(row, 0).data(Ui::DocumentListModel::StoryMatchesRole).toInt(), others + 1);
        QCOMPARE(model.index(row, Ui::DocumentListModel::Copies).data().toString(),
            others > 0 ? QStringLiteral("%1 copies").arg(others + 1) : QString());
    }
    QCOMPARE(stories.size(), 280);
    // A copy is found at its story's row.
    for (auto it = originals.cbegin(); it != originals.cend(); ++it) {
        if (it.key() != it.value()) {
            QCOMPARE(model.rowOfId(it.key()), model.rowOfId(it.value()));
        }
    }
    // The filter applies to every copy: the copies of report 30 alone ("tells of event 1210").
    Core::DocumentFilter filter;
    filter.text = QStringLiteral("1210");
    model.setFilter(filter);
    QVERIFY(model.groupsCopies()); // a new filter keeps the grouping
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, Ui::DocumentListModel::Copies).data().toString(), QStringLiteral("3 copies"));
    model.setFilter({});
    model.setGroupCopies(false);
    QCOMPARE(model.rowCount(), 318);
}

void DocumentListModelTest::storyRowsOpenOntoTheirCopies()
{
    QTemporaryDir dir;
    Core::Library library(dir.filePath(QStringLiteral("stories.dossier")));
    QVERIFY(library.open());
    QHash<qint64, int> copies;
    QHash<qint64, qint64> originals;
    storeReportsWithCopies(library, &copies, &originals);
    // Report 30's story: it and two copies (the same date: the first stored is the earliest).
    QList<qint64> story;
    qint64 single = -1;
    for (auto it = originals.cbegin(); it != originals.cend(); ++it) {
        if (copies.value(it.key()) == 2 && story.isEmpty()) {
            for (auto other = originals.cbegin(); other != originals.cend(); ++other) {
                if (other.value() == it.value()) {
                    story.append(other.key());
                }
            }
        }
        if (copies.value(it.key()) == 0 && single < 0) {
            single = it.key();
        }
    }
    std::sort(story.begin(), story.end());
    QCOMPARE(story.size(), 3);
    QVERIFY(single > 0);

    Ui::DocumentListModel model;
    model.setLibrary(&library);
    model.setGroupCopies(true);
    const QModelIndex row = model.index(model.rowOfId(story.front()), 0);
    QVERIFY(row.isValid());
    // The story has children (its copies, read when first counted: one query of the story index).
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.hasChildren(row));
    QCOMPARE(model.rowCount(row), 3);
    QCOMPARE(reset.size(), 0);
    // Each copy, earliest first, with its own title, date and source; no counts of its own.
    for (int i = 0; i < 3; ++i) {
        const QModelIndex copy = model.index(i, Ui::DocumentListModel::Title, row);
        QCOMPARE(copy.parent(), row);
        QCOMPARE(copy.data(Ui::DocumentListModel::IdRole).toLongLong(), story.at(i));
        const auto article = library.articles().get(story.at(i));
        QVERIFY(article);
        QCOMPARE(copy.data().toString(), article->meta.title);
        QCOMPARE(copy.data(Ui::DocumentListModel::PathRole).toString(), article->path);
        QCOMPARE(model.index(i, Ui::DocumentListModel::Source, row).data().toString(), article->meta.source);
        QCOMPARE(model.index(i, Ui::DocumentListModel::Date, row).data().toString(), article->meta.date.left(10));
        QCOMPARE(model.index(i, Ui::DocumentListModel::Copies, row).data().toString(), QString());
        QVERIFY(!model.hasChildren(copy));
        QCOMPARE(model.rowCount(copy), 0);
    }
    // A story without copies has no children.
    const QModelIndex alone = model.index(model.rowOfId(single), 0);
    QVERIFY(!model.hasChildren(alone));
    QCOMPARE(model.rowCount(alone), 0);

    // A new order keeps the story open at its new row, and a selected copy on its copy.
    const QPersistentModelIndex second(model.index(1, 0, row));
    model.sort(Ui::DocumentListModel::Title, Qt::AscendingOrder);
    const QModelIndex moved = model.index(model.rowOfId(story.front()), 0);
    QCOMPARE(model.rowCount(moved), 3);
    QVERIFY(second.isValid());
    QCOMPARE(second.parent(), moved);
    QCOMPARE(second.data(Ui::DocumentListModel::IdRole).toLongLong(), story.at(1));
    // Ungrouped, the list is flat again.
    model.setGroupCopies(false);
    QVERIFY(!model.hasChildren(model.index(0, 0)));

    // The tree keeps the model contract (the tester counts every story's copies).
    model.setGroupCopies(true);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(model.index(model.rowOfId(story.front()), 0)), 3);
}

QTEST_MAIN(DocumentListModelTest)
#include "documentlistmodel_test.moc"
