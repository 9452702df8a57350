// Saved searches in the real window, offscreen: save the list's filter under a name, see the
// sidebar count what is new after more articles arrive, click it to list them again.

#include "documentlistmodel.h"
#include "entityfacetmodel.h"
#include "entitysidebar.h"
#include "mainwindow.h"
#include "savedsearchlist.h"
#include "store/librarysession.h"
#include "testarticles.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QAction>
#include <QDateTime>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;

class SavedSearchWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void savedSearchCountsWhatIsNewAndAppliesOnClick();
    void renameAndDeleteFromTheList();
    void enterAppliesTheCurrentSearch();

private:
    qint64 entityId(const QString &name) const;
    QStringList listedTitles() const;
    // Ticks Aiko Tanabe, types "talks", saves that as \a name through Search › Save Search.
    void saveTanabeSearch(const QString &name);
    QString itemText(int row) const;

    QTemporaryDir m_dir;
    QString m_libraryPath;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace
{

// A (Tanabe, Tokyo; talks), B (Manila, Tokyo), C (Manila), D (Tanabe, Manila).
Core::Article fixture(
    const QString &name, const QString &body, const QList<std::pair<QString, Core::EntityType>> &entities)
{
    Core::Article article = Test::makeArticle(name, body);
    article.meta.title = QStringLiteral("Article %1").arg(name);
    article.meta.date = QStringLiteral("2026-03-0%1").arg(name.at(0).unicode() - u'A' + 1);
    for (const auto &[entity, type] : entities) {
        Test::addEntity(article, type, entity);
    }
    return article;
}

} // namespace

void SavedSearchWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
}

void SavedSearchWindowTest::init()
{
    m_libraryPath = m_dir.filePath(QStringLiteral("%1.dossier").arg(QString::fromLatin1(QTest::currentTestFunction())));
    {
        Core::Library library(m_libraryPath);
        QVERIFY(library.open());
        using T = Core::EntityType;
        QVERIFY(library.articles().store(
            fixture(QStringLiteral("A"), QStringLiteral("Aiko Tanabe arrived in Tokyo for ferry talks."),
                { { QStringLiteral("Aiko Tanabe"), T::Person }, { QStringLiteral("Tokyo"), T::Location } })));
        QVERIFY(library.articles().store(
            fixture(QStringLiteral("B"), QStringLiteral("Flights from Manila to Tokyo resumed."),
                { { QStringLiteral("Manila"), T::Location }, { QStringLiteral("Tokyo"), T::Location } })));
        QVERIFY(library.articles().store(fixture(QStringLiteral("C"),
            QStringLiteral("Storms closed the port of Manila."), { { QStringLiteral("Manila"), T::Location } })));
        QVERIFY(library.articles().store(
            fixture(QStringLiteral("D"), QStringLiteral("Aiko Tanabe will visit Manila in May."),
                { { QStringLiteral("Aiko Tanabe"), T::Person }, { QStringLiteral("Manila"), T::Location } })));
    }
    m_window = Test::shownWindow(m_libraryPath);
    QVERIFY(m_window);
    QTRY_VERIFY(m_window->entitySidebar()->model()->indexOfEntity(entityId(QStringLiteral("Aiko Tanabe"))).isValid());
}

void SavedSearchWindowTest::cleanup()
{
    m_window.reset();
}

qint64 SavedSearchWindowTest::entityId(const QString &name) const
{
    const auto entity = m_window->librarySession()->library()->entities().find(Core::EntityType::Person, name);
    return entity ? entity->id : -1;
}

QStringList SavedSearchWindowTest::listedTitles() const
{
    QStringList titles;
    const auto *model = m_window->documentModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        titles.append(model->index(row, Ui::DocumentListModel::Title).data().toString());
    }
    titles.sort();
    return titles;
}

QString SavedSearchWindowTest::itemText(int row) const
{
    const QListWidgetItem *item = m_window->savedSearches()->list()->item(row);
    return item ? item->text() : QString();
}

void SavedSearchWindowTest::saveTanabeSearch(const QString &name)
{
    Ui::EntitySidebar *sidebar = m_window->entitySidebar();
    const QModelIndex tanabe = sidebar->model()->indexOfEntity(entityId(QStringLiteral("Aiko Tanabe")));
    QVERIFY(tanabe.isValid());
    QVERIFY(sidebar->model()->setData(tanabe, Qt::Checked, Qt::CheckStateRole));
    m_window->searchField()->setText(QStringLiteral("talks"));
    QTRY_COMPARE(listedTitles(), QStringList { QStringLiteral("Article A") });

    QVERIFY(!m_window->savedSearches()->isVisible()); // none saved yet
    auto *save = m_window->findChild<QAction *>(QStringLiteral("saveSearchAction"));
    QVERIFY(save);
    QVERIFY(save->isEnabled());
    save->trigger();
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QInputDialog *>(QStringLiteral("saveSearchDialog"))));
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->textValue(), QStringLiteral("talks"));
    dialog->setTextValue(name);
    dialog->accept();
    QTRY_COMPARE(m_window->savedSearches()->list()->count(), 1);
    QTRY_COMPARE(itemText(0), QStringLiteral("%1 (1)").arg(name));
    QVERIFY(m_window->savedSearches()->isVisible());
}

void SavedSearchWindowTest::savedSearchCountsWhatIsNewAndAppliesOnClick()
{
    saveTanabeSearch(QStringLiteral("Tanabe watch"));
    if (QTest::currentTestFailed()) {
        return;
    }
    const auto saved = m_window->librarySession()->library()->savedSearches().find(QStringLiteral("Tanabe watch"));
    QVERIFY(saved);
    QCOMPARE(saved->entities.size(), 1);
    QCOMPARE(saved->entities.front().name, QStringLiteral("Aiko Tanabe"));

    // The analyst moves on: the filter is cleared.
    m_window->entitySidebar()->clearFilters();
    m_window->searchField()->clear();
    QTRY_COMPARE(listedTitles().size(), 4);

    // Another program imports a matching article and one that does not match.
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > saved->lastOpened);
    {
        Core::Library other(m_libraryPath);
        QVERIFY(other.open());
        using T = Core::EntityType;
        QVERIFY(other.articles().store(
            fixture(QStringLiteral("E"), QStringLiteral("Aiko Tanabe opened the talks in Seoul."),
                { { QStringLiteral("Aiko Tanabe"), T::Person }, { QStringLiteral("Seoul"), T::Location } })));
        QVERIFY(other.articles().store(fixture(QStringLiteral("F"), QStringLiteral("Seoul talks ended without Tanabe."),
            { { QStringLiteral("Seoul"), T::Location } })));
    }
    m_window->librarySession()->checkForChanges();
    QTRY_COMPARE(itemText(0), QStringLiteral("Tanabe watch (2, 1 new)"));
    QVERIFY(m_window->savedSearches()->list()->item(0)->font().bold());
    QTRY_COMPARE(listedTitles().size(), 6);

    // A click lists its articles again: the query, the ticked entity, and it is no longer new.
    QListWidget *list = m_window->savedSearches()->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
    QTRY_COMPARE(listedTitles(), (QStringList { QStringLiteral("Article A"), QStringLiteral("Article E") }));
    QCOMPARE(m_window->searchField()->text(), QStringLiteral("talks"));
    QCOMPARE(
        m_window->entitySidebar()->entityFilter().entities, QList<qint64> { entityId(QStringLiteral("Aiko Tanabe")) });
    QTRY_COMPARE(itemText(0), QStringLiteral("Tanabe watch (2)"));
    QVERIFY(!m_window->savedSearches()->list()->item(0)->font().bold());
}

void SavedSearchWindowTest::renameAndDeleteFromTheList()
{
    saveTanabeSearch(QStringLiteral("Tanabe"));
    if (QTest::currentTestFailed()) {
        return;
    }
    const qint64 id = m_window->savedSearches()->searches().front().id;
    QVERIFY(m_window->savedSearches()->renameSearch(id, QStringLiteral("Minister Tanabe")));
    QTRY_COMPARE(itemText(0), QStringLiteral("Minister Tanabe (1)"));
    QVERIFY(m_window->savedSearches()->removeSearch(id));
    QTRY_COMPARE(m_window->savedSearches()->list()->count(), 0);
    QVERIFY(!m_window->savedSearches()->isVisible());
    QCOMPARE(m_window->librarySession()->library()->savedSearches().all()->size(), 0);
}

void SavedSearchWindowTest::enterAppliesTheCurrentSearch()
{
    saveTanabeSearch(QStringLiteral("Tanabe watch"));
    if (QTest::currentTestFailed()) {
        return;
    }
    m_window->entitySidebar()->clearFilters();
    m_window->searchField()->clear();
    QTRY_COMPARE(listedTitles().size(), 4);
    QListWidget *list = m_window->savedSearches()->list();
    list->setFocus();
    list->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_COMPARE(listedTitles(), QStringList { QStringLiteral("Article A") });
    QCOMPARE(m_window->searchField()->text(), QStringLiteral("talks"));
}

QTEST_MAIN(SavedSearchWindowTest)
#include "savedsearchwindow_test.moc"
