#include "articlehighlighter.h"
#include "documentlistmodel.h"
#include "entityfacetmodel.h"
#include "entitysidebar.h"
#include "export/evidencepack.h"
#include "export/exporters.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "readerview.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QAbstractItemModelTester>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeView>

using namespace Dossier;

// Drives the real main window offscreen over a fixture library of four articles:
// A (Tanabe, Tokyo), B (Manila, Tokyo), C (Manila), D (Tanabe, Manila).
class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsTheLibrary();
    void entityFilterFieldNarrowsTheEntities();
    void checkingAnEntityFiltersTheList_data();
    void checkingAnEntityFiltersTheList();
    void openingAnArticleHighlightsItsMentions();
    void searchAndMalformedSearch();
    void searchShowsEachMatchAndItsRelevance();
    void searchHitsAreMarkedAndF3WalksThem();
    void listAndSidebarShareOneFilter();
    void importShowsNewArticlesAndFailures();
    void importKeepsTheOpenArticleInPlace();
    void importsARefiQdaProject();
    void preferencesAreSaved();

private:
    qint64 entityId(const QString &name) const { return m_ids.value(name, -1); }
    QStringList listedTitles() const;
    QTemporaryDir m_dir;
    QString m_libraryPath;
    QHash<QString, qint64> m_ids;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace
{

Core::Article article(
    const QString &name, const QString &body, const QList<std::pair<QString, Core::EntityType>> &entities)
{
    Core::Article a;
    a.path = QStringLiteral("/fixtures/%1.txt").arg(name);
    a.sha256 = name.toUtf8();
    a.format = QStringLiteral("text");
    a.encoding = QStringLiteral("UTF-8");
    a.meta.title = QStringLiteral("Article %1").arg(name);
    a.meta.date = QStringLiteral("2026-03-0%1").arg(name.at(0).unicode() - u'A' + 1);
    a.body = body;
    a.rawText = a.meta.title + QStringLiteral("\n\n") + body;
    for (const auto &[entityName, type] : entities) {
        const int index = int(a.entities.size());
        a.entities.append(Core::Entity { entityName, type, {}, 0 });
        for (qsizetype at = body.indexOf(entityName); at >= 0; at = body.indexOf(entityName, at + 1)) {
            a.mentions.append(Core::Mention { at, at + entityName.size(), type, index });
            ++a.entities.last().count;
        }
    }
    std::sort(a.mentions.begin(), a.mentions.end(), [](const auto &x, const auto &y) { return x.start < y.start; });
    return a;
}

} // namespace

void MainWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    m_libraryPath = m_dir.filePath(QStringLiteral("fixture.dossier"));
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    using T = Core::EntityType;
    QVERIFY(library.articles().store(
        article(QStringLiteral("A"), QStringLiteral("Aiko Tanabe arrived in Tokyo for ferry talks."),
            { { QStringLiteral("Aiko Tanabe"), T::Person }, { QStringLiteral("Tokyo"), T::Location } })));
    QVERIFY(
        library.articles().store(article(QStringLiteral("B"), QStringLiteral("Flights from Manila to Tokyo resumed."),
            { { QStringLiteral("Manila"), T::Location }, { QStringLiteral("Tokyo"), T::Location } })));
    QVERIFY(library.articles().store(article(QStringLiteral("C"), QStringLiteral("Storms closed the port of Manila."),
        { { QStringLiteral("Manila"), T::Location } })));
    QVERIFY(
        library.articles().store(article(QStringLiteral("D"), QStringLiteral("Aiko Tanabe will visit Manila in May."),
            { { QStringLiteral("Aiko Tanabe"), T::Person }, { QStringLiteral("Manila"), T::Location } })));
    const auto entities = library.entities().all();
    QVERIFY(entities);
    for (const Core::EntitySummary &entity : *entities) {
        m_ids.insert(entity.name, entity.id);
    }
}

void MainWindowTest::init()
{
    m_window = Test::shownWindow(m_libraryPath);
    QVERIFY(m_window);
    // The sidebar loads its facets off the GUI thread.
    QTRY_VERIFY(m_window->entitySidebar()->model()->indexOfEntity(entityId(QStringLiteral("Manila"))).isValid());
}

void MainWindowTest::cleanup()
{
    m_window.reset();
}

QStringList MainWindowTest::listedTitles() const
{
    QStringList titles;
    const auto *model = m_window->documentModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        titles.append(model->index(row, Ui::DocumentListModel::Title).data().toString());
    }
    titles.sort();
    return titles;
}

void MainWindowTest::listsTheLibrary()
{
    QCOMPARE(m_window->documentModel()->rowCount(), 4);
    const auto labels = m_window->findChildren<QLabel *>();
    const bool counted = std::any_of(labels.cbegin(), labels.cend(),
        [](const QLabel *label) { return label->text() == QLatin1String("4 of 4 articles"); });
    QVERIFY(counted);
}

void MainWindowTest::entityFilterFieldNarrowsTheEntities()
{
    auto *field = m_window->entitySidebar()->findChild<QLineEdit *>();
    QVERIFY(field);
    auto *tree = m_window->entitySidebar()->findChild<QTreeView *>();
    QVERIFY(tree);
    QTest::keyClicks(field, QStringLiteral("MANI"));
    // Only the Places group with Manila in it stays.
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    const QModelIndex places = tree->model()->index(0, 0);
    QCOMPARE(tree->model()->rowCount(places), 1);
    QCOMPARE(tree->model()->index(0, 0, places).data().toString(), QStringLiteral("Manila"));
}

void MainWindowTest::checkingAnEntityFiltersTheList_data()
{
    QTest::addColumn<QStringList>("included");
    QTest::addColumn<bool>("anyOf");
    QTest::addColumn<QStringList>("excluded");
    QTest::addColumn<QStringList>("titles");
    const QString a = QStringLiteral("Article A"), b = QStringLiteral("Article B"), c = QStringLiteral("Article C"),
                  d = QStringLiteral("Article D");
    QTest::newRow("one entity") << QStringList { QStringLiteral("Manila") } << false << QStringList {}
                                << QStringList { b, c, d };
    QTest::newRow("all of two") << QStringList { QStringLiteral("Manila"), QStringLiteral("Aiko Tanabe") } << false
                                << QStringList {} << QStringList { d };
    QTest::newRow("any of two is the union") << QStringList { QStringLiteral("Tokyo"), QStringLiteral("Aiko Tanabe") }
                                             << true << QStringList {} << QStringList { a, b, d };
    QTest::newRow("exclude is the difference") << QStringList { QStringLiteral("Manila") } << false
                                               << QStringList { QStringLiteral("Tokyo") } << QStringList { c, d };
}

void MainWindowTest::checkingAnEntityFiltersTheList()
{
    QFETCH(QStringList, included);
    QFETCH(bool, anyOf);
    QFETCH(QStringList, excluded);
    QFETCH(QStringList, titles);
    Ui::EntitySidebar *sidebar = m_window->entitySidebar();
    if (anyOf) {
        const auto buttons = sidebar->findChildren<QToolButton *>();
        const auto any = std::find_if(buttons.cbegin(), buttons.cend(),
            [](const QToolButton *button) { return button->text().contains(QLatin1String("Any")); });
        QVERIFY(any != buttons.cend());
        QTest::mouseClick(*any, Qt::LeftButton);
    }
    for (const QString &name : included) {
        const QModelIndex index = sidebar->model()->indexOfEntity(entityId(name));
        QVERIFY2(index.isValid(), qPrintable(name));
        // What a click on the check box does.
        QVERIFY(sidebar->model()->setData(index, Qt::Checked, Qt::CheckStateRole));
    }
    for (const QString &name : excluded) {
        sidebar->model()->setFilterState(entityId(name), Ui::EntityFilterState::Excluded);
    }
    QTRY_COMPARE(listedTitles(), titles);
    // The reader emphasises the checked entities.
    QTRY_COMPARE(m_window->reader()->emphasisedEntities().size(), included.size());
}

void MainWindowTest::openingAnArticleHighlightsItsMentions()
{
    Ui::DocumentListView *view = m_window->documentView();
    const auto *model = m_window->documentModel();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, Ui::DocumentListModel::Title).data().toString() == u"Article D") {
            row = r;
        }
    }
    QVERIFY(row >= 0);
    view->setFocus();
    view->selectRow(row);
    QTRY_VERIFY(m_window->currentArticleId() > 0);
    Ui::ReaderView *reader = m_window->reader();
    QTRY_VERIFY(reader->document()->toPlainText().contains(QLatin1String("will visit Manila")));
    // "Aiko Tanabe will visit Manila in May.": Tanabe at 0, Manila at 23.
    for (const auto &[offset, type] :
        { std::pair { 0, Core::EntityType::Person }, std::pair { 23, Core::EntityType::Location } }) {
        const int position = reader->bodyPosition(offset);
        QVERIFY(position >= 0);
        const QTextBlock block = reader->document()->findBlock(position);
        bool found = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
                    const int at = position - block.position();
                    if (range.start <= at && at < range.start + range.length
                        && range.format.intProperty(Ui::ArticleHighlighter::EntityTypeProperty) == int(type)
                        && range.format.hasProperty(Ui::ArticleHighlighter::EntityTypeProperty)) {
                        found = true;
                    }
                }
                return found;
            }(),
            2000);
    }
}

void MainWindowTest::searchHitsAreMarkedAndF3WalksThem()
{
    // A stem finds the word as written in the article: "arrive" and "talk" mark "arrived" and "talks".
    QLineEdit *search = m_window->searchField();
    QTest::keyClicks(search, QStringLiteral("arrive talk"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(listedTitles(), QStringList { QStringLiteral("Article A") });
    Ui::DocumentListView *view = m_window->documentView();
    view->setFocus();
    view->selectRow(0);
    QTRY_VERIFY(m_window->currentArticleId() > 0);
    Ui::ReaderView *reader = m_window->reader();
    QTRY_COMPARE(reader->searchHitCount(), 2);
    QCOMPARE(reader->currentSearchHit(), -1);
    QSignalSpy hit(reader, &Ui::ReaderView::searchHitChanged);
    reader->setFocus();
    QTest::keyClick(reader->textEdit(), Qt::Key_F3);
    QCOMPARE(reader->currentSearchHit(), 0);
    QCOMPARE(reader->textEdit()->textCursor().selectedText(), QStringLiteral("arrived"));
    QTest::keyClick(reader->textEdit(), Qt::Key_F3);
    QCOMPARE(reader->textEdit()->textCursor().selectedText(), QStringLiteral("talks"));
    QTest::keyClick(reader->textEdit(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(reader->textEdit()->textCursor().selectedText(), QStringLiteral("arrived"));
    QCOMPARE(hit.last(), QVariantList({ 1, 2 }));
    // The hits are painted; a new query repaints them, none clears them.
    QCOMPARE(reader->textEdit()->extraSelections().size(), 2);
    search->setText(QStringLiteral("\"ferry\""));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(reader->searchHitCount(), 1);
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(reader->searchHitCount(), 0);
    QCOMPARE(reader->textEdit()->extraSelections().size(), 0);
}

void MainWindowTest::searchAndMalformedSearch()
{
    QLineEdit *search = m_window->searchField();
    QTest::keyClicks(search, QStringLiteral("ferry"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(listedTitles(), QStringList { QStringLiteral("Article A") });
    QVERIFY(m_window->searchError()->isHidden());
    search->clear();
    QTest::keyClicks(search, QStringLiteral("\"ferry"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_VERIFY(m_window->searchError()->isVisible());
    QVERIFY(m_window->searchError()->text().contains(QLatin1String("bad search query")));
    QCOMPARE(m_window->documentModel()->rowCount(), 0);
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 4);
    QTRY_VERIFY(m_window->searchError()->isHidden());
}

void MainWindowTest::searchShowsEachMatchAndItsRelevance()
{
    Ui::DocumentListView *view = m_window->documentView();
    const auto *model = m_window->documentModel();
    // Without a query the list is as it always was.
    QVERIFY(view->isColumnHidden(Ui::DocumentListModel::Match));
    QVERIFY(view->isColumnHidden(Ui::DocumentListModel::Relevance));
    QLineEdit *search = m_window->searchField();
    QTest::keyClicks(search, QStringLiteral("Manila"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(listedTitles(),
        (QStringList { QStringLiteral("Article B"), QStringLiteral("Article C"), QStringLiteral("Article D") }));
    QVERIFY(!view->isColumnHidden(Ui::DocumentListModel::Match));
    QVERIFY(!view->isColumnHidden(Ui::DocumentListModel::Relevance));
    const QString marked = QChar(0xE000) + QStringLiteral("Manila") + QChar(0xE001);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex match = model->index(row, Ui::DocumentListModel::Match);
        QVERIFY2(match.data().toString().contains(QLatin1String("Manila")), qPrintable(match.data().toString()));
        QVERIFY(!match.data().toString().contains(QChar(0xE000)));
        QVERIFY(match.data(Ui::DocumentListModel::MatchRole).toString().contains(marked));
        QVERIFY(model->index(row, Ui::DocumentListModel::Relevance).data().toDouble() > 0);
    }
    // Sorted by relevance, the best match first; the open article stays the current row.
    view->sortByColumn(Ui::DocumentListModel::Relevance, Qt::DescendingOrder);
    QTRY_COMPARE(model->rowCount(), 3);
    for (int row = 1; row < model->rowCount(); ++row) {
        QVERIFY(model->index(row - 1, Ui::DocumentListModel::Relevance).data().toDouble()
            >= model->index(row, Ui::DocumentListModel::Relevance).data().toDouble());
    }
    view->sortByColumn(Ui::DocumentListModel::Relevance, Qt::AscendingOrder);
    for (int row = 1; row < model->rowCount(); ++row) {
        QVERIFY(model->index(row - 1, Ui::DocumentListModel::Relevance).data().toDouble()
            <= model->index(row, Ui::DocumentListModel::Relevance).data().toDouble());
    }
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(model->rowCount(), 4);
    QVERIFY(view->isColumnHidden(Ui::DocumentListModel::Match));
    QVERIFY(view->isColumnHidden(Ui::DocumentListModel::Relevance));
    view->sortByColumn(Ui::DocumentListModel::Date, Qt::DescendingOrder);
}

void MainWindowTest::listAndSidebarShareOneFilter()
{
    Ui::EntitySidebar *sidebar = m_window->entitySidebar();
    QTest::keyClicks(m_window->searchField(), QStringLiteral("Manila"));
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    const QModelIndex manila = sidebar->model()->indexOfEntity(entityId(QStringLiteral("Manila")));
    QVERIFY(manila.isValid());
    QVERIFY(sidebar->model()->setData(manila, Qt::Checked, Qt::CheckStateRole));
    // The list and the sidebar's counts read one filter: the text and the entity together.
    QTRY_COMPARE(m_window->documentModel()->filter().text, QStringLiteral("Manila"));
    QCOMPARE(m_window->documentModel()->filter().entities, QList<qint64> { entityId(QStringLiteral("Manila")) });
    QTRY_COMPARE(sidebar->model()->filter(), m_window->documentModel()->filter());
    m_window->searchField()->clear();
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    QTRY_VERIFY(m_window->documentModel()->filter().text.isEmpty());
    QTRY_COMPARE(sidebar->model()->filter(), m_window->documentModel()->filter());
}

void MainWindowTest::importShowsNewArticlesAndFailures()
{
    // Into a copy, so the other tests keep their four articles.
    const QString copy = m_dir.filePath(QStringLiteral("import-copy.dossier"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(m_libraryPath, copy));
    QVERIFY(m_window->openLibrary(copy));
    const QString folder = m_dir.filePath(QStringLiteral("incoming"));
    QDir().mkpath(folder);
    QFile good(folder + QStringLiteral("/good.txt"));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write("Harbor Ledger live feed\n\nPatrols resume near the reef\n\nMANILA — Coast guard patrols resumed on "
               "Tuesday near the reef, officials said, after a week of storms.\n");
    good.close();
    QFile bad(folder + QStringLiteral("/bad.txt"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(QByteArray(256, '\0'));
    bad.close();
    m_window->importPaths({ folder });
    QVERIFY(m_window->isImporting());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isImporting(), 30000);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 5);
    auto *failures = m_window->findChild<QListWidget *>();
    QVERIFY(failures);
    QCOMPARE(failures->count(), 1);
    QVERIFY(failures->item(0)->text().contains(QLatin1String("bad.txt")));
    QVERIFY(failures->isVisible());
}

void MainWindowTest::importsARefiQdaProject()
{
    // A project made by another library: one article with one coded passage.
    const QString other = m_dir.filePath(QStringLiteral("project-source.dossier"));
    QFile::remove(other);
    {
        Core::Library library(other);
        QVERIFY(library.open());
        Core::Article quay;
        quay.path = m_dir.filePath(QStringLiteral("quay.txt"));
        quay.format = QStringLiteral("text");
        quay.sha256 = "quay";
        quay.meta.title = QStringLiteral("Quay reopens");
        quay.body = quay.rawText = QStringLiteral("The quay reopened on Monday after repairs.");
        qint64 id = -1;
        QVERIFY(library.articles().store(quay, &id));
        QVERIFY(library.annotations().annotate(id, 4, 8, { QStringLiteral("Port") }, QStringLiteral("check dates")));
        QString error;
        const auto pack = Core::collectEvidence(library, {}, &error);
        QVERIFY2(pack, qPrintable(error));
        QVERIFY2(Core::writePack(*pack, Core::ExportFormat::Qdpx, m_dir.filePath(QStringLiteral("quay.qdpx")), &error),
            qPrintable(error));
    }
    const QString copy = m_dir.filePath(QStringLiteral("project-copy.dossier"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(m_libraryPath, copy));
    QVERIFY(m_window->openLibrary(copy));
    m_window->importProject(m_dir.filePath(QStringLiteral("quay.qdpx")));
    QVERIFY(m_window->isImporting());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isImporting(), 30000);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 5);
    QVERIFY(listedTitles().contains(QStringLiteral("Quay reopens")));
    auto *report = m_window->findChild<QMessageBox *>(QStringLiteral("projectImportReport"));
    QVERIFY(report);
    QTRY_VERIFY(report->isVisible());
    QVERIFY2(report->text().contains(QLatin1String("1 article, 1 highlight, 1 code")), qPrintable(report->text()));
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("quay sources/Quay reopens.txt"))));
    report->close();
}

void MainWindowTest::importKeepsTheOpenArticleInPlace()
{
    // 3,000 articles, one a day, newest first: the article picked is far beyond the first window.
    const QString path = m_dir.filePath(QStringLiteral("long.dossier"));
    QFile::remove(path);
    {
        Core::Library library(path);
        QVERIFY(library.open());
        QVERIFY(library.articles().beginBatch());
        for (int i = 0; i < 3000; ++i) {
            Core::Article a = article(QStringLiteral("L%1").arg(i), QStringLiteral("Harbour report %1.").arg(i), {});
            a.meta.date = QDate(2020, 1, 1).addDays(i).toString(Qt::ISODate);
            QVERIFY(library.articles().store(a));
        }
        QVERIFY(library.articles().commitBatch());
    }
    QVERIFY(m_window->openLibrary(path));
    Ui::DocumentListView *view = m_window->documentView();
    Ui::DocumentListModel *model = m_window->documentModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 3000);
    const QModelIndex picked = model->index(2500, Ui::DocumentListModel::Title);
    QCOMPARE(picked.data().toString(), QStringLiteral("Article L499"));
    // Drag the scroll bar down to it (one step is one row), then click it.
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 2500);
    view->verticalScrollBar()->setValue(2495);
    QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(picked).center()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(picked).center());
    const qint64 id = picked.data(Ui::DocumentListModel::IdRole).toLongLong();
    QTRY_COMPARE(m_window->currentArticleId(), id);
    const int y = view->visualRect(picked).top();
    QVERIFY(y > 0);

    // 150 newer articles land while it is open: all of them sort before it.
    const QString folder = m_dir.filePath(QStringLiteral("newer"));
    QDir().mkpath(folder);
    for (int i = 0; i < 150; ++i) {
        QFile file(folder + QStringLiteral("/n%1.md").arg(i));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QStringLiteral("---\ntitle: Newer report %1\ndate: 2031-02-03\n---\n\nPatrols resumed near reef %1.\n")
                .arg(i)
                .toUtf8());
    }
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    m_window->importPaths({ folder });
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isImporting(), 60000);
    QCOMPARE(model->rowCount(), 3150);
    QCOMPARE(resets.count(), 0);

    const QModelIndex current = view->currentIndex();
    QCOMPARE(current.row(), 2650);
    QCOMPARE(current.data(Ui::DocumentListModel::IdRole).toLongLong(), id);
    QCOMPARE(view->selectionModel()->selectedRows(), QModelIndexList { model->index(2650, 0) });
    // Still in view, at the same height: the list did not jump under the analyst.
    QVERIFY2(view->visualRect(current).intersects(view->viewport()->rect()),
        qPrintable(QStringLiteral("row %1 at y %2 (was %3); the view shows rows %4 to %5 (scroll bar %6 of %7)")
                .arg(current.row())
                .arg(view->visualRect(current).top())
                .arg(y)
                .arg(view->rowAt(0))
                .arg(view->rowAt(view->viewport()->height() - 1))
                .arg(view->verticalScrollBar()->value())
                .arg(view->verticalScrollBar()->maximum())));
    QCOMPARE(view->visualRect(current).top(), y);
    QCOMPARE(m_window->currentArticleId(), id);
    QVERIFY(m_window->reader()->document()->firstBlock().text().contains(QLatin1String("Article L499")));
}

void MainWindowTest::preferencesAreSaved()
{
    Ui::PreferencesDialog dialog(m_window->reader()->themeNames(), m_window->reader()->theme());
    auto *size = dialog.findChild<QSpinBox *>();
    QVERIFY(size);
    size->setValue(12);
    dialog.save();
    QCOMPARE(QSettings().value(QLatin1String(Ui::Settings::maxFileSizeMb)).toInt(), 12);
    QCOMPARE(QSettings().value(QLatin1String(Ui::Settings::theme)).toString(), m_window->reader()->theme());
    QSettings().remove(QLatin1String(Ui::Settings::maxFileSizeMb));
}

QTEST_MAIN(MainWindowTest)
#include "mainwindow_test.moc"
