#include "entityfacetmodel.h"
#include "entityfilterproxymodel.h"
#include "roles.h"
#include "store/library.h"
#include "store/librarysession.h"
#include "testarticles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;
using namespace Dossier::Ui;
using Core::EntityType;

namespace
{

using Test::addEntity;
using Test::makeArticle;

} // namespace

/*!
    A small library: Inès Moreau (alias "Madame Moreau") and Jean Dupont in two articles each,
    Acme Corp in two, Paris in two, Lyon in one, a sum of money in one; no dates.
*/
class EntityFacetModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void passesTheModelTester();
    void groupsAndCounts_data();
    void groupsAndCounts();
    void filterTextNarrows_data();
    void filterTextNarrows();
    void matchesAliasesOnceLoaded();
    void refreshesWithTheFilter();
    void keepsSelectedEntitiesNoLongerListed();
    void checkStateSelects_data();
    void checkStateSelects();
    void dropsStaleAnswers();
    void followsTheSession();

private:
    qint64 idOf(const QString &name) const;
    QStringList namesIn(const QAbstractItemModel *model, const QModelIndex &parent) const;
    QStringList groupNames(const QAbstractItemModel *model) const;

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Core::LibrarySession> m_session;
    std::unique_ptr<EntityFacetModel> m_model;
};

void EntityFacetModelTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("facets.dossier"));
    Core::Library library(m_path);
    QVERIFY2(library.open(), qPrintable(library.errorString()));

    Core::Article first = makeArticle(
        QStringLiteral("one"), QStringLiteral("Inès Moreau of Acme Corp spoke in Paris. Madame Moreau smiled."));
    addEntity(first, EntityType::Person, QStringLiteral("Inès Moreau"), { QStringLiteral("Madame Moreau") });
    addEntity(first, EntityType::Org, QStringLiteral("Acme Corp"));
    addEntity(first, EntityType::Location, QStringLiteral("Paris"));
    Core::Article second
        = makeArticle(QStringLiteral("two"), QStringLiteral("Inès Moreau travelled from Paris to Lyon."));
    addEntity(second, EntityType::Person, QStringLiteral("Inès Moreau"));
    addEntity(second, EntityType::Location, QStringLiteral("Paris"));
    addEntity(second, EntityType::Location, QStringLiteral("Lyon"));
    Core::Article third
        = makeArticle(QStringLiteral("three"), QStringLiteral("Jean Dupont said Acme Corp would pay 5000000 EUR."));
    addEntity(third, EntityType::Person, QStringLiteral("Jean Dupont"));
    addEntity(third, EntityType::Org, QStringLiteral("Acme Corp"));
    addEntity(third, EntityType::Money, QStringLiteral("5000000 EUR"));
    Core::Article fourth = makeArticle(QStringLiteral("four"), QStringLiteral("Jean Dupont stayed home."));
    addEntity(fourth, EntityType::Person, QStringLiteral("Jean Dupont"));
    for (const Core::Article &article : { first, second, third, fourth }) {
        QVERIFY2(library.articles().store(article), qPrintable(library.errorString()));
    }
}

void EntityFacetModelTest::init()
{
    m_model = std::make_unique<EntityFacetModel>();
    QSignalSpy loaded(m_model.get(), &EntityFacetModel::loaded);
    m_session = std::make_unique<Core::LibrarySession>();
    QVERIFY(m_session->open(m_path));
    m_model->setSession(m_session.get());
    QVERIFY(m_model->isLoading());
    QVERIFY(loaded.wait());
    QVERIFY2(m_model->errorString().isEmpty(), qPrintable(m_model->errorString()));
}

void EntityFacetModelTest::cleanup()
{
    m_model.reset();
    m_session.reset();
}

qint64 EntityFacetModelTest::idOf(const QString &name) const
{
    for (int group = 0; group < m_model->rowCount(); ++group) {
        const QModelIndex parent = m_model->index(group, 0);
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex index = m_model->index(row, 0, parent);
            if (index.data().toString() == name) {
                return index.data(EntityIdRole).toLongLong();
            }
        }
    }
    return -1;
}

QStringList EntityFacetModelTest::namesIn(const QAbstractItemModel *model, const QModelIndex &parent) const
{
    QStringList names;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        names.append(QStringLiteral("%1 (%2)").arg(index.data().toString()).arg(index.data(DocumentCountRole).toInt()));
    }
    return names;
}

QStringList EntityFacetModelTest::groupNames(const QAbstractItemModel *model) const
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row) {
        names.append(model->index(row, 0).data().toString());
    }
    return names;
}

void EntityFacetModelTest::passesTheModelTester()
{
    EntityFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    QAbstractItemModelTester modelTester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(m_model.get(), &EntityFacetModel::loaded);

    // Groups and rows come and go, rows move, counts change, selected entities are pinned.
    const qint64 acme = idOf(QStringLiteral("Acme Corp"));
    m_model->setFilterState(acme, EntityFilterState::Excluded);
    m_model->setFilter(m_model->entitySelection());
    QVERIFY(loaded.wait());
    Core::DocumentFilter lyon;
    lyon.text = QStringLiteral("Lyon");
    m_model->setFilter(lyon);
    QVERIFY(loaded.wait());
    proxy.setFilterText(QStringLiteral("par"));
    proxy.setFilterText(QStringLiteral("zzz"));
    proxy.setFilterText(QString());
    m_model->setFilterState(acme, EntityFilterState::None);
    m_model->setFilter({});
    QVERIFY(loaded.wait());
    m_session->close();
    QCOMPARE(m_model->rowCount(), 0);
}

void EntityFacetModelTest::groupsAndCounts_data()
{
    QTest::addColumn<int>("group");
    QTest::addColumn<QStringList>("entities");

    // Most documents first, then by name.
    QTest::newRow("people") << 0
                            << QStringList { QStringLiteral("Inès Moreau (2)"), QStringLiteral("Jean Dupont (2)") };
    QTest::newRow("organisations") << 1 << QStringList { QStringLiteral("Acme Corp (2)") };
    QTest::newRow("places") << 2 << QStringList { QStringLiteral("Paris (2)"), QStringLiteral("Lyon (1)") };
    QTest::newRow("money") << 3 << QStringList { QStringLiteral("5000000 EUR (1)") };
}

void EntityFacetModelTest::groupsAndCounts()
{
    QFETCH(int, group);
    QFETCH(QStringList, entities);

    // The types present, in a fixed order; no "Dates" group as no article has a date.
    QCOMPARE(groupNames(m_model.get()),
        (QStringList { QStringLiteral("People"), QStringLiteral("Organisations"), QStringLiteral("Places"),
            QStringLiteral("Money") }));
    const QModelIndex parent = m_model->index(group, 0);
    QCOMPARE(parent.data(IsTypeGroupRole).toBool(), true);
    QCOMPARE(namesIn(m_model.get(), parent), entities);
    const QModelIndex first = m_model->index(0, EntityFacetModel::CountColumn, parent);
    QCOMPARE(first.data().toInt(), first.data(DocumentCountRole).toInt());
    QCOMPARE(m_model->index(0, 0, parent).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(m_model->index(0, 0, parent).data(EntityTypeRole).toInt(), parent.data(EntityTypeRole).toInt());
}

void EntityFacetModelTest::filterTextNarrows_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("groups");
    QTest::addColumn<QStringList>("firstGroup");

    QTest::newRow("empty shows all") << QString()
                                     << QStringList { QStringLiteral("People"), QStringLiteral("Organisations"),
                                            QStringLiteral("Places"), QStringLiteral("Money") }
                                     << QStringList { QStringLiteral("Inès Moreau (2)"),
                                            QStringLiteral("Jean Dupont (2)") };
    QTest::newRow("without the accent") << QStringLiteral("ines") << QStringList { QStringLiteral("People") }
                                        << QStringList { QStringLiteral("Inès Moreau (2)") };
    QTest::newRow("upper case with accent") << QStringLiteral("INÈS") << QStringList { QStringLiteral("People") }
                                            << QStringList { QStringLiteral("Inès Moreau (2)") };
    QTest::newRow("as the store folds names")
        << QStringLiteral("jean-dupont") << QStringList { QStringLiteral("People") }
        << QStringList { QStringLiteral("Jean Dupont (2)") };
    QTest::newRow("part of a word") << QStringLiteral("ari") << QStringList { QStringLiteral("Places") }
                                    << QStringList { QStringLiteral("Paris (2)") };
    QTest::newRow("every word must match")
        << QStringLiteral("corp acme") << QStringList { QStringLiteral("Organisations") }
        << QStringList { QStringLiteral("Acme Corp (2)") };
    QTest::newRow("across groups") << QStringLiteral("on")
                                   << QStringList { QStringLiteral("People"), QStringLiteral("Places") }
                                   << QStringList { QStringLiteral("Jean Dupont (2)") };
    QTest::newRow("nothing hides every group") << QStringLiteral("zzz") << QStringList() << QStringList();
}

void EntityFacetModelTest::filterTextNarrows()
{
    QFETCH(QString, text);
    QFETCH(QStringList, groups);
    QFETCH(QStringList, firstGroup);

    EntityFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setFilterText(text);
    QCOMPARE(groupNames(&proxy), groups);
    if (!groups.isEmpty()) {
        QCOMPARE(namesIn(&proxy, proxy.index(0, 0)), firstGroup);
    }
}

void EntityFacetModelTest::matchesAliasesOnceLoaded()
{
    EntityFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setFilterText(QStringLiteral("madame"));
    // Aliases load in the background after the facets; the proxy filters again when they arrive.
    QTRY_COMPARE(groupNames(&proxy), QStringList { QStringLiteral("People") });
    QCOMPARE(namesIn(&proxy, proxy.index(0, 0)), QStringList { QStringLiteral("Inès Moreau (2)") });
    const QModelIndex ines = proxy.index(0, 0, proxy.index(0, 0));
    QCOMPARE(ines.data(AliasesRole).toStringList(), QStringList { QStringLiteral("Madame Moreau") });
    QVERIFY(ines.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Madame Moreau")));
}

void EntityFacetModelTest::refreshesWithTheFilter()
{
    const qint64 jean = idOf(QStringLiteral("Jean Dupont"));
    Core::DocumentFilter filter;
    filter.text = QStringLiteral("Lyon");
    m_model->setFilter(filter);
    QTRY_COMPARE(groupNames(m_model.get()), (QStringList { QStringLiteral("People"), QStringLiteral("Places") }));
    QCOMPARE(namesIn(m_model.get(), m_model->index(1, 0)),
        (QStringList { QStringLiteral("Lyon (1)"), QStringLiteral("Paris (1)") }));

    filter.text.clear();
    filter.entities = { jean };
    m_model->setFilter(filter);
    QTRY_COMPARE(groupNames(m_model.get()),
        (QStringList { QStringLiteral("People"), QStringLiteral("Organisations"), QStringLiteral("Money") }));
    QCOMPARE(namesIn(m_model.get(), m_model->index(0, 0)), QStringList { QStringLiteral("Jean Dupont (2)") });
}

void EntityFacetModelTest::keepsSelectedEntitiesNoLongerListed()
{
    QSignalSpy loaded(m_model.get(), &EntityFacetModel::loaded);
    const qint64 acme = idOf(QStringLiteral("Acme Corp"));
    const qint64 lyon = idOf(QStringLiteral("Lyon"));
    m_model->setFilterState(acme, EntityFilterState::Excluded);
    m_model->setFilterState(lyon, EntityFilterState::Included);
    m_model->setFilter(m_model->entitySelection());
    QVERIFY(loaded.wait());

    // Acme Corp is in no listed document but stays, first in its group, to be unchecked.
    QCOMPARE(groupNames(m_model.get()),
        (QStringList { QStringLiteral("People"), QStringLiteral("Organisations"), QStringLiteral("Places") }));
    const QModelIndex acmeIndex = m_model->indexOfEntity(acme);
    QVERIFY(acmeIndex.isValid());
    QCOMPARE(acmeIndex.row(), 0);
    QCOMPARE(acmeIndex.data(DocumentCountRole).toInt(), 0);
    QCOMPARE(acmeIndex.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    QCOMPARE(m_model->indexOfEntity(lyon).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m_model->entitySelection().excluded, QList<qint64> { acme });
    QCOMPARE(m_model->entitySelection().entities, QList<qint64> { lyon });

    // Once unchecked it goes with the next refresh.
    m_model->setFilterState(acme, EntityFilterState::None);
    QVERIFY(m_model->indexOfEntity(acme).isValid());
    m_model->setFilter(m_model->entitySelection());
    QVERIFY(loaded.wait());
    QVERIFY(!m_model->indexOfEntity(acme).isValid());
    QCOMPARE(groupNames(m_model.get()), (QStringList { QStringLiteral("People"), QStringLiteral("Places") }));
}

void EntityFacetModelTest::checkStateSelects_data()
{
    QTest::addColumn<int>("check");
    QTest::addColumn<bool>("included");
    QTest::addColumn<bool>("excluded");

    QTest::newRow("checked includes") << int(Qt::Checked) << true << false;
    QTest::newRow("partially checked excludes") << int(Qt::PartiallyChecked) << false << true;
    QTest::newRow("unchecked clears") << int(Qt::Unchecked) << false << false;
}

void EntityFacetModelTest::checkStateSelects()
{
    QFETCH(int, check);
    QFETCH(bool, included);
    QFETCH(bool, excluded);

    const qint64 paris = idOf(QStringLiteral("Paris"));
    const QModelIndex index = m_model->indexOfEntity(paris);
    // Start from the opposite state, so every row changes something.
    m_model->setFilterState(paris, check == int(Qt::Unchecked) ? EntityFilterState::Included : EntityFilterState::None);
    QSignalSpy changed(m_model.get(), &EntityFacetModel::selectionChanged);
    QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setData(index, check, Qt::CheckStateRole));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dataChanged.count(), 1);
    QCOMPARE(index.data(Qt::CheckStateRole).toInt(), check);
    QCOMPARE(m_model->entitySelection().entities.contains(paris), included);
    QCOMPARE(m_model->entitySelection().excluded.contains(paris), excluded);
    QVERIFY(m_model->entitySelection().text.isEmpty());

    QVERIFY(!m_model->setData(m_model->index(0, 0), check, Qt::CheckStateRole)); // a group
    QVERIFY(!m_model->flags(m_model->index(0, 0)).testFlag(Qt::ItemIsUserCheckable));
    QVERIFY(m_model->flags(index).testFlag(Qt::ItemIsUserCheckable));
}

void EntityFacetModelTest::dropsStaleAnswers()
{
    QSignalSpy loaded(m_model.get(), &EntityFacetModel::loaded);
    Core::DocumentFilter lyon;
    lyon.text = QStringLiteral("Lyon");
    Core::DocumentFilter dupont;
    dupont.text = QStringLiteral("Dupont");
    for (int i = 0; i < 5; ++i) {
        m_model->setFilter(i % 2 ? dupont : lyon);
    }
    m_model->setFilter(dupont);
    QVERIFY(loaded.wait());
    QTest::qWait(200);
    QCOMPARE(loaded.count(), 1);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(groupNames(m_model.get()),
        (QStringList { QStringLiteral("People"), QStringLiteral("Organisations"), QStringLiteral("Money") }));
}

void EntityFacetModelTest::followsTheSession()
{
    // A library of its own: the shared one stays as the other tests expect it.
    const QString path = m_dir.filePath(QStringLiteral("follows.dossier"));
    Core::LibrarySession session;
    QVERIFY(session.open(path));
    EntityFacetModel model;
    QSignalSpy loaded(&model, &EntityFacetModel::loaded);
    model.setSession(&session);
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 0);

    // An import job's connection stores an article and announces it: the facets are asked again.
    {
        Core::Library job(path);
        QVERIFY(job.open());
        Core::Article article = makeArticle(QStringLiteral("harbour"), QStringLiteral("Maren Holt visited Tallinn."));
        addEntity(article, EntityType::Person, QStringLiteral("Maren Holt"));
        addEntity(article, EntityType::Location, QStringLiteral("Tallinn"));
        QVERIFY(job.articles().store(article));
    }
    Core::LibraryChanges changes;
    changes.entities = true;
    session.announce(changes);
    QVERIFY(loaded.wait());
    QCOMPARE(groupNames(&model), (QStringList { QStringLiteral("People"), QStringLiteral("Places") }));

    // Another library: nothing of the first is listed, nor selected.
    const auto maren = session.library()->entities().find(EntityType::Person, QStringLiteral("Maren Holt"));
    QVERIFY(maren);
    model.setFilterState(maren->id, EntityFilterState::Included);
    QCOMPARE(model.entitySelection().entities, QList<qint64> { maren->id });
    QVERIFY(session.open(m_dir.filePath(QStringLiteral("empty.dossier"))));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.entitySelection().entities.isEmpty());
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.errorString().isEmpty());
}

QTEST_MAIN(EntityFacetModelTest)
#include "entityfacetmodel_test.moc"
