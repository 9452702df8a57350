#include "entityfacetmodel.h"
#include "entitysidebar.h"
#include "roles.h"
#include "store/library.h"
#include "store/librarysession.h"
#include "testarticles.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Dossier;
using namespace Dossier::Ui;
using Core::EntityType;

Q_DECLARE_METATYPE(Dossier::Core::DocumentFilter)

namespace
{

using Test::addEntity;
using Test::makeArticle;

} // namespace

/*! Inès Moreau in two articles (one with Paris, one with Lyon), Jean Dupont in one with Paris. */
class EntitySidebarTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void hasAccessibleWidgetsAndExpandedGroups();
    void filterBoxNarrows_data();
    void filterBoxNarrows();
    void clickingACheckBoxIncludes();
    void altClickExcludes();
    void anyOfToggle();
    void chipsShowAndRemoveFilters();
    void clearAllClearsEverything();
    void facetsFollowTheSearchText();
    void doubleClickActivates();

private:
    QModelIndex proxyIndexOf(const QString &name) const;
    QPoint checkBoxCentre(const QModelIndex &index) const;
    QList<QToolButton *> chips() const;
    int entityRows(EntityType type) const;

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Core::LibrarySession> m_session;
    std::unique_ptr<EntitySidebar> m_sidebar;
    QTreeView *m_view = nullptr;
};

void EntitySidebarTest::initTestCase()
{
    qRegisterMetaType<Core::DocumentFilter>();
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("sidebar.dossier"));
    Core::Library library(m_path);
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    Core::Article first = makeArticle(QStringLiteral("one"), QStringLiteral("Inès Moreau arrived in Paris."));
    addEntity(first, EntityType::Person, QStringLiteral("Inès Moreau"));
    addEntity(first, EntityType::Location, QStringLiteral("Paris"));
    Core::Article second = makeArticle(QStringLiteral("two"), QStringLiteral("Inès Moreau left for Lyon."));
    addEntity(second, EntityType::Person, QStringLiteral("Inès Moreau"));
    addEntity(second, EntityType::Location, QStringLiteral("Lyon"));
    Core::Article third = makeArticle(QStringLiteral("three"), QStringLiteral("Jean Dupont toured Paris."));
    addEntity(third, EntityType::Person, QStringLiteral("Jean Dupont"));
    addEntity(third, EntityType::Location, QStringLiteral("Paris"));
    for (const Core::Article &article : { first, second, third }) {
        QVERIFY2(library.articles().store(article), qPrintable(library.errorString()));
    }
}

void EntitySidebarTest::init()
{
    m_sidebar = std::make_unique<EntitySidebar>();
    m_sidebar->resize(320, 600);
    m_view = m_sidebar->findChild<QTreeView *>(QStringLiteral("entityTree"));
    QVERIFY(m_view);
    QSignalSpy loaded(m_sidebar->model(), &EntityFacetModel::loaded);
    m_session = std::make_unique<Core::LibrarySession>();
    QVERIFY(m_session->open(m_path));
    m_sidebar->setSession(m_session.get());
    m_sidebar->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_sidebar.get()));
    QTRY_COMPARE(loaded.count(), 1); // may have arrived while the window was being exposed
    QCOMPARE(m_view->model()->rowCount(), 2);
}

void EntitySidebarTest::cleanup()
{
    m_sidebar.reset();
    m_session.reset();
    m_view = nullptr;
}

QModelIndex EntitySidebarTest::proxyIndexOf(const QString &name) const
{
    const QAbstractItemModel *model = m_view->model();
    for (int group = 0; group < model->rowCount(); ++group) {
        const QModelIndex parent = model->index(group, 0);
        for (int row = 0; row < model->rowCount(parent); ++row) {
            if (model->index(row, 0, parent).data().toString() == name) {
                return model->index(row, 0, parent);
            }
        }
    }
    return {};
}

// Where the delegate draws the check box, as the style lays it out.
QPoint EntitySidebarTest::checkBoxCentre(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.rect = m_view->visualRect(index);
    option.features |= QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDisplay;
    option.text = index.data().toString();
    option.checkState = Qt::CheckState(index.data(Qt::CheckStateRole).toInt());
    option.widget = m_view;
    return m_view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, m_view).center();
}

QList<QToolButton *> EntitySidebarTest::chips() const
{
    QList<QToolButton *> visible;
    for (QToolButton *chip : m_sidebar->findChildren<QToolButton *>(QStringLiteral("entityChip"))) {
        if (chip->isVisible()) {
            visible.append(chip);
        }
    }
    return visible;
}

int EntitySidebarTest::entityRows(EntityType type) const
{
    const QModelIndex group = m_sidebar->model()->indexOfType(type);
    return group.isValid() ? m_sidebar->model()->rowCount(group) : 0;
}

void EntitySidebarTest::hasAccessibleWidgetsAndExpandedGroups()
{
    auto *filter = m_sidebar->findChild<QLineEdit *>(QStringLiteral("entityFilter"));
    QVERIFY(filter);
    QCOMPARE(filter->placeholderText(), QStringLiteral("Filter entities"));
    QVERIFY(filter->isClearButtonEnabled());
    for (QWidget *widget : std::initializer_list<QWidget *> { filter, m_view,
             m_sidebar->findChild<QToolButton *>(QStringLiteral("allOfButton")),
             m_sidebar->findChild<QToolButton *>(QStringLiteral("anyOfButton")),
             m_sidebar->findChild<QToolButton *>(QStringLiteral("clearAllButton")) }) {
        QVERIFY(widget);
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }
    for (int row = 0; row < m_view->model()->rowCount(); ++row) {
        QVERIFY(m_view->isExpanded(m_view->model()->index(row, 0)));
    }
    QVERIFY(chips().isEmpty());
}

void EntitySidebarTest::filterBoxNarrows_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("groups");
    QTest::addColumn<QString>("first");

    QTest::newRow("accent-insensitive") << QStringLiteral("ines") << 1 << QStringLiteral("Inès Moreau");
    QTest::newRow("case-insensitive") << QStringLiteral("LYON") << 1 << QStringLiteral("Lyon");
    QTest::newRow("no match") << QStringLiteral("xyz") << 0 << QString();
}

void EntitySidebarTest::filterBoxNarrows()
{
    QFETCH(QString, typed);
    QFETCH(int, groups);
    QFETCH(QString, first);

    auto *filter = m_sidebar->findChild<QLineEdit *>(QStringLiteral("entityFilter"));
    QTest::keyClicks(filter, typed);
    const QAbstractItemModel *model = m_view->model();
    QCOMPARE(model->rowCount(), groups);
    if (groups > 0) {
        QCOMPARE(model->rowCount(model->index(0, 0)), 1);
        QCOMPARE(model->index(0, 0, model->index(0, 0)).data().toString(), first);
    }
    filter->clear();
    QCOMPARE(model->rowCount(), 2);
    // Groups hidden by the filter come back expanded.
    QVERIFY(m_view->isExpanded(model->index(0, 0)));
    QVERIFY(m_view->isExpanded(model->index(1, 0)));
}

void EntitySidebarTest::clickingACheckBoxIncludes()
{
    QSignalSpy changed(m_sidebar.get(), &EntitySidebar::filterChanged);
    const QModelIndex paris = proxyIndexOf(QStringLiteral("Paris"));
    QVERIFY(paris.isValid());
    const qint64 id = paris.data(EntityIdRole).toLongLong();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, checkBoxCentre(paris));
    QCOMPARE(changed.count(), 1);
    const auto filter = changed.takeFirst().at(0).value<Core::DocumentFilter>();
    QCOMPARE(filter.entities, QList<qint64> { id });
    QVERIFY(filter.excluded.isEmpty());
    QVERIFY(!filter.anyOf);
    QVERIFY(filter.text.isEmpty());
    QCOMPARE(m_sidebar->model()->filterState(id), EntityFilterState::Included);

    // A second click unchecks it.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, checkBoxCentre(proxyIndexOf(QStringLiteral("Paris"))));
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.takeFirst().at(0).value<Core::DocumentFilter>().entities.isEmpty());
}

void EntitySidebarTest::altClickExcludes()
{
    QSignalSpy changed(m_sidebar.get(), &EntitySidebar::filterChanged);
    const QModelIndex lyon = proxyIndexOf(QStringLiteral("Lyon"));
    const qint64 id = lyon.data(EntityIdRole).toLongLong();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::AltModifier, checkBoxCentre(lyon));
    QCOMPARE(changed.count(), 1);
    const auto filter = changed.at(0).at(0).value<Core::DocumentFilter>();
    QCOMPARE(filter.excluded, QList<qint64> { id });
    QVERIFY(filter.entities.isEmpty());
    QCOMPARE(m_sidebar->model()->filterState(id), EntityFilterState::Excluded);
    QTRY_COMPARE(proxyIndexOf(QStringLiteral("Lyon")).data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));

    // A plain click on an excluded entity clears it rather than including it.
    QTRY_VERIFY(!m_sidebar->model()->isLoading());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, checkBoxCentre(proxyIndexOf(QStringLiteral("Lyon"))));
    QCOMPARE(m_sidebar->model()->filterState(id), EntityFilterState::None);
}

void EntitySidebarTest::anyOfToggle()
{
    EntityFacetModel *model = m_sidebar->model();
    const qint64 paris = proxyIndexOf(QStringLiteral("Paris")).data(EntityIdRole).toLongLong();
    const qint64 lyon = proxyIndexOf(QStringLiteral("Lyon")).data(EntityIdRole).toLongLong();
    model->setFilterState(paris, EntityFilterState::Included);
    model->setFilterState(lyon, EntityFilterState::Included);
    // All of Paris and Lyon: no document.
    QTRY_COMPARE(entityRows(EntityType::Person), 0);

    QSignalSpy changed(m_sidebar.get(), &EntitySidebar::filterChanged);
    auto *anyOf = m_sidebar->findChild<QToolButton *>(QStringLiteral("anyOfButton"));
    QTest::mouseClick(anyOf, Qt::LeftButton);
    QVERIFY(anyOf->isChecked());
    QCOMPARE(changed.count(), 1);
    const auto filter = changed.at(0).at(0).value<Core::DocumentFilter>();
    QVERIFY(filter.anyOf);
    QCOMPARE(filter.entities, (QList<qint64> { paris, lyon }));
    // Any of them: all three documents, so both people.
    QTRY_COMPARE(entityRows(EntityType::Person), 2);

    QTest::mouseClick(m_sidebar->findChild<QToolButton *>(QStringLiteral("allOfButton")), Qt::LeftButton);
    QCOMPARE(changed.count(), 2);
    QVERIFY(!changed.at(1).at(0).value<Core::DocumentFilter>().anyOf);
}

void EntitySidebarTest::chipsShowAndRemoveFilters()
{
    EntityFacetModel *model = m_sidebar->model();
    const qint64 paris = proxyIndexOf(QStringLiteral("Paris")).data(EntityIdRole).toLongLong();
    const qint64 jean = proxyIndexOf(QStringLiteral("Jean Dupont")).data(EntityIdRole).toLongLong();
    model->setFilterState(paris, EntityFilterState::Included);
    model->setFilterState(jean, EntityFilterState::Excluded);
    QTRY_COMPARE(chips().size(), 2);
    QVERIFY(chips().at(0)->text().contains(QStringLiteral("Paris")));
    QVERIFY(chips().at(1)->text().contains(QStringLiteral("Jean Dupont")));
    QVERIFY(chips().at(1)->font().strikeOut());
    QVERIFY(!chips().at(0)->accessibleName().isEmpty());

    QSignalSpy changed(m_sidebar.get(), &EntitySidebar::filterChanged);
    QTest::mouseClick(chips().at(0), Qt::LeftButton);
    QCOMPARE(model->filterState(paris), EntityFilterState::None);
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.at(0).at(0).value<Core::DocumentFilter>().entities.isEmpty());
    QCOMPARE(changed.at(0).at(0).value<Core::DocumentFilter>().excluded, QList<qint64> { jean });
    QTRY_COMPARE(chips().size(), 1);
    QTRY_COMPARE(proxyIndexOf(QStringLiteral("Paris")).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
}

void EntitySidebarTest::clearAllClearsEverything()
{
    EntityFacetModel *model = m_sidebar->model();
    model->setFilterState(
        proxyIndexOf(QStringLiteral("Paris")).data(EntityIdRole).toLongLong(), EntityFilterState::Included);
    model->setFilterState(
        proxyIndexOf(QStringLiteral("Lyon")).data(EntityIdRole).toLongLong(), EntityFilterState::Excluded);
    QTRY_COMPARE(chips().size(), 2);
    auto *clearAll = m_sidebar->findChild<QToolButton *>(QStringLiteral("clearAllButton"));
    QVERIFY(clearAll->isVisible());
    QSignalSpy changed(m_sidebar.get(), &EntitySidebar::filterChanged);
    QTest::mouseClick(clearAll, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Core::DocumentFilter>(), Core::DocumentFilter());
    QTRY_COMPARE(chips().size(), 0);
    QVERIFY(!clearAll->isVisible());
    QTRY_COMPARE(entityRows(EntityType::Location), 2);
}

void EntitySidebarTest::facetsFollowTheSearchText()
{
    QSignalSpy changed(m_sidebar.get(), &EntitySidebar::filterChanged);
    m_sidebar->setSearchText(QStringLiteral("Lyon"));
    QTRY_COMPARE(entityRows(EntityType::Location), 1);
    QCOMPARE(entityRows(EntityType::Person), 1);
    m_sidebar->setSearchText(QStringLiteral("Paris"));
    QTRY_COMPARE(entityRows(EntityType::Person), 2);
    QCOMPARE(entityRows(EntityType::Location), 1);
    m_sidebar->setSearchText(QString());
    QTRY_COMPARE(entityRows(EntityType::Location), 2);
    QCOMPARE(changed.count(), 0); // the search text is the caller's, not part of the entity filter
}

void EntitySidebarTest::doubleClickActivates()
{
    QSignalSpy activated(m_sidebar.get(), &EntitySidebar::entityActivated);
    const QModelIndex jean = proxyIndexOf(QStringLiteral("Jean Dupont"));
    const QRect rect = m_view->visualRect(jean);
    const QPoint onName(rect.right() - 10, rect.center().y());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, onName);
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, onName);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), jean.data(EntityIdRole).toLongLong());
    QCOMPARE(m_sidebar->model()->filterState(jean.data(EntityIdRole).toLongLong()), EntityFilterState::None);
}

QTEST_MAIN(EntitySidebarTest)
#include "entitysidebar_test.moc"
