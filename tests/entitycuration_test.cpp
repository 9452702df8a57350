// Correcting entities in the real main window: the sidebar's context menu and the Entities menu
// change what the sidebar shows, the change is re-tagged in the background, and it holds across
// a restart of the window.

#include "analysis/analyzer.h"
#include "documentlistmodel.h"
#include "entitycurator.h"
#include "entitysidebar.h"
#include "guihelpers.h"
#include "historydialog.h"
#include "mainwindow.h"
#include "roles.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Dossier;
using Core::EntityType;

namespace
{

// Our own articles (the same harbour story as curation_test, shorter).
constexpr char harbourDeal[] = "Harbour board backs Northwind Logistics bid\n\n"
                               "KESTREL BAY, March 4 (Harbor Ledger) - Prime Minister Aiko Tanabe said on Tuesday "
                               "that Northwind Logistics would run the new container terminal at Kestrel Bay. Tanabe "
                               "told reporters the United States had raised no objection. The operation, code-named "
                               "Blue Lantern, starts next month.\n";
constexpr char parliamentQuestions[] = "Terminal deal draws questions in parliament\n\n"
                                       "KESTREL BAY, March 6 (Harbor Ledger) - Opposition leader Marta Okonjo asked "
                                       "why Northwind won the terminal contract without a tender. U.S. officials "
                                       "declined to comment.\n";

} // namespace

class EntityCurationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void changeTypeFromTheContextMenu();
    void renameThroughTheDialogAndRestart();
    void mergeIntoAnotherEntity();
    void splitAnAliasOff();
    void suppressAndTakeBack();
    void watchANameFromTheEntitiesMenu();
    void restoresACorrectionFromItsHistory();

private:
    QTreeView *sidebarView() const { return m_window->entitySidebar()->findChild<QTreeView *>(); }
    // The sidebar row of the entity called \a name (of \a type), or an invalid index.
    QModelIndex row(const QString &name, EntityType type) const;
    // Opens the sidebar's context menu on \a index and picks \a path in it.
    void choose(const QModelIndex &index, const QString &path);
    void waitForRetag();

    QTemporaryDir m_dir;
    QString m_libraryPath;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void EntityCurationTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void EntityCurationTest::init()
{
    // A fresh library per test: the corrections of one must not leak into the next.
    m_libraryPath = m_dir.filePath(QStringLiteral("%1.dossier").arg(QLatin1String(QTest::currentTestFunction())));
    {
        Core::Library library(m_libraryPath);
        QVERIFY(library.open());
        int n = 0;
        for (const char *text : { harbourDeal, parliamentQuestions }) {
            const QString path
                = m_dir.filePath(QStringLiteral("%1-%2.txt").arg(QLatin1String(QTest::currentTestFunction())).arg(++n));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
            file.close();
            const Core::AnalyzeResult result = Core::Analyzer().analyzeFile(path);
            QVERIFY2(result.ok(), qPrintable(result.error));
            QVERIFY(library.articles().store(result.article));
        }
    }
    m_window = std::make_unique<Ui::MainWindow>();
    QVERIFY(m_window->openLibrary(m_libraryPath));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(row(QStringLiteral("Aiko Tanabe"), EntityType::Person).isValid());
}

void EntityCurationTest::cleanup()
{
    m_window.reset();
}

QModelIndex EntityCurationTest::row(const QString &name, EntityType type) const
{
    const QAbstractItemModel *model = sidebarView()->model();
    for (int group = 0; group < model->rowCount(); ++group) {
        const QModelIndex parent = model->index(group, 0);
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex index = model->index(r, 0, parent);
            if (index.data().toString() == name && index.data(Ui::EntityTypeRole).toInt() == int(type)) {
                return index;
            }
        }
    }
    return {};
}

void EntityCurationTest::choose(const QModelIndex &index, const QString &path)
{
    QTreeView *view = sidebarView();
    view->scrollTo(index);
    Test::whenPopupChoose(path);
    Q_EMIT view->customContextMenuRequested(view->visualRect(index).center());
}

void EntityCurationTest::waitForRetag()
{
    QTRY_VERIFY(!m_window->entityCurator()->isRetagging());
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    QCOMPARE(library.curation().pendingRetags(), 0);
}

void EntityCurationTest::changeTypeFromTheContextMenu()
{
    const QModelIndex company = row(QStringLiteral("Northwind Logistics"), EntityType::Person);
    QVERIFY(company.isValid());
    QSignalSpy finished(m_window->entityCurator(), &Ui::EntityCurator::retagFinished);
    choose(company, QStringLiteral("Change Type/Organisation"));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(row(QStringLiteral("Northwind Logistics"), EntityType::Org).isValid());
    QVERIFY(!row(QStringLiteral("Northwind Logistics"), EntityType::Person).isValid());
    // The stored mentions the reader paints follow.
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    const auto entity = library.entities().find(EntityType::Org, QStringLiteral("Northwind Logistics"));
    QVERIFY(entity);
    const auto rows = library.documents().window({}, Core::DocumentSort::Title, Qt::AscendingOrder, 0, 10);
    int orgMentions = 0;
    for (const Core::ArticleSummary &summary : *rows) {
        const auto article = library.articles().get(summary.id);
        for (const Core::Mention &m : article->mentions) {
            orgMentions += article->entities[m.entity].id == entity->id && m.type == EntityType::Org;
        }
    }
    QCOMPARE(orgMentions, 1); // the body has it once (the title once more)
}

void EntityCurationTest::renameThroughTheDialogAndRestart()
{
    const QModelIndex dateline = row(QStringLiteral("Kestrel Bay"), EntityType::Location);
    QVERIFY(dateline.isValid());
    QSignalSpy finished(m_window->entityCurator(), &Ui::EntityCurator::retagFinished);
    Test::whenModal<QInputDialog>([](QInputDialog *dialog) {
        QCOMPARE(dialog->textValue(), QStringLiteral("Kestrel Bay"));
        dialog->setTextValue(QStringLiteral("Port of Kestrel Bay"));
        dialog->accept();
    });
    choose(dateline, QStringLiteral("Rename…"));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(row(QStringLiteral("Port of Kestrel Bay"), EntityType::Location).isValid());
    QVERIFY(!row(QStringLiteral("Kestrel Bay"), EntityType::Location).isValid());
    QCOMPARE(row(QStringLiteral("Port of Kestrel Bay"), EntityType::Location).data(Ui::DocumentCountRole).toInt(), 2);
    // A restart of the window on the same library shows the corrected name.
    m_window = std::make_unique<Ui::MainWindow>();
    QVERIFY(m_window->openLibrary(m_libraryPath));
    m_window->show();
    QTRY_VERIFY(row(QStringLiteral("Port of Kestrel Bay"), EntityType::Location).isValid());
    QVERIFY(!row(QStringLiteral("Kestrel Bay"), EntityType::Location).isValid());
}

void EntityCurationTest::mergeIntoAnotherEntity()
{
    // The lone "Northwind" of the second article is an entity of its own, whatever type the tagger gives it.
    QModelIndex shortName;
    EntityType shortType = EntityType::Person;
    for (const EntityType type : { EntityType::Person, EntityType::Org, EntityType::Location }) {
        if (const QModelIndex index = row(QStringLiteral("Northwind"), type); index.isValid()) {
            shortName = index;
            shortType = type;
        }
    }
    QVERIFY(shortName.isValid());
    QSignalSpy finished(m_window->entityCurator(), &Ui::EntityCurator::retagFinished);
    Test::whenModal<QInputDialog>([](QInputDialog *dialog) {
        const QStringList items = dialog->comboBoxItems();
        const auto target = std::find_if(items.cbegin(), items.cend(),
            [](const QString &item) { return item.startsWith(QLatin1String("Northwind Logistics (person")); });
        QVERIFY2(target != items.cend(), qPrintable(items.join(u'|')));
        dialog->setTextValue(*target);
        dialog->accept();
    });
    choose(shortName, QStringLiteral("Merge Into…"));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(!row(QStringLiteral("Northwind"), shortType).isValid());
    const QModelIndex merged = row(QStringLiteral("Northwind Logistics"), EntityType::Person);
    QVERIFY(merged.isValid());
    QCOMPARE(merged.data(Ui::DocumentCountRole).toInt(), 2);
    QTRY_VERIFY(merged.data(Ui::AliasesRole).toStringList().contains(QStringLiteral("Northwind")));
}

void EntityCurationTest::splitAnAliasOff()
{
    const QModelIndex person = row(QStringLiteral("Aiko Tanabe"), EntityType::Person);
    QTRY_COMPARE(person.data(Ui::AliasesRole).toStringList(), QStringList { QStringLiteral("Tanabe") });
    QSignalSpy finished(m_window->entityCurator(), &Ui::EntityCurator::retagFinished);
    choose(person, QStringLiteral("Split Alias Off/Tanabe"));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(row(QStringLiteral("Tanabe"), EntityType::Person).isValid());
    QTRY_VERIFY(row(QStringLiteral("Aiko Tanabe"), EntityType::Person).data(Ui::AliasesRole).toStringList().isEmpty());
}

void EntityCurationTest::suppressAndTakeBack()
{
    QSignalSpy finished(m_window->entityCurator(), &Ui::EntityCurator::retagFinished);
    choose(row(QStringLiteral("Marta Okonjo"), EntityType::Person), QStringLiteral("Suppress"));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(!row(QStringLiteral("Marta Okonjo"), EntityType::Person).isValid());
    // Entity Corrections lists the rule and takes it back.
    Test::whenModal<QDialog>([](QDialog *dialog) {
        auto *list = dialog->findChild<QTreeWidget *>();
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY(list->topLevelItem(0)->text(0).contains(QLatin1String("Marta Okonjo")));
        list->setCurrentItem(list->topLevelItem(0));
        QPushButton *takeBack = nullptr;
        for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
            if (button->text().remove(u'&') == u"Take Back") {
                takeBack = button;
            }
        }
        QVERIFY(takeBack && takeBack->isEnabled());
        takeBack->click();
        QCOMPARE(list->topLevelItemCount(), 0);
        dialog->reject();
    });
    choose(row(QStringLiteral("Aiko Tanabe"), EntityType::Person), QStringLiteral("Entity Corrections…"));
    // Taking back re-tags while the dialog is still open; it may be done before it closes.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QTRY_VERIFY(row(QStringLiteral("Marta Okonjo"), EntityType::Person).isValid());
    waitForRetag();
}

void EntityCurationTest::watchANameFromTheEntitiesMenu()
{
    QVERIFY(!row(QStringLiteral("Blue Lantern"), EntityType::Org).isValid());
    QAction *watch = nullptr;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->text().remove(u'&') == u"Watch a Name…") {
            watch = action;
        }
    }
    QVERIFY(watch);
    QSignalSpy finished(m_window->entityCurator(), &Ui::EntityCurator::retagFinished);
    Test::whenModal<QDialog>([](QDialog *dialog) {
        const QList<QLineEdit *> edits = dialog->findChildren<QLineEdit *>();
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons && !buttons->button(QDialogButtonBox::Ok)->isEnabled());
        for (QLineEdit *edit : edits) {
            if (edit->accessibleName() == u"Name") {
                edit->setText(QStringLiteral("Blue Lantern"));
            }
        }
        auto *type = dialog->findChild<QComboBox *>();
        type->setCurrentIndex(type->findData(int(EntityType::Org)));
        QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
        buttons->button(QDialogButtonBox::Ok)->click();
    });
    watch->trigger();
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(row(QStringLiteral("Blue Lantern"), EntityType::Org).isValid());
    QCOMPARE(row(QStringLiteral("Blue Lantern"), EntityType::Org).data(Ui::DocumentCountRole).toInt(), 1);
    // Checking it filters the document list to the article that mentions it.
    QVERIFY(sidebarView()->model()->setData(
        row(QStringLiteral("Blue Lantern"), EntityType::Org), Qt::Checked, Qt::CheckStateRole));
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);
}

namespace
{
QPushButton *buttonCalled(QWidget *dialog, const QString &text)
{
    for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
        if (button->text().remove(u'&') == text) {
            return button;
        }
    }
    return nullptr;
}
} // namespace

void EntityCurationTest::restoresACorrectionFromItsHistory()
{
    QSignalSpy finished(m_window->entityCurator(), &Ui::EntityCurator::retagFinished);
    choose(row(QStringLiteral("Marta Okonjo"), EntityType::Person), QStringLiteral("Suppress"));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(!row(QStringLiteral("Marta Okonjo"), EntityType::Person).isValid());
    // Taken back in Entity Corrections, then restored from its History….
    QStringList described;
    bool checked = false;
    Test::whenModal<QDialog>([&](QDialog *dialog) {
        auto *list = dialog->findChild<QTreeWidget *>();
        QVERIFY(list);
        list->setCurrentItem(list->topLevelItem(0));
        buttonCalled(dialog, QStringLiteral("Take Back"))->click();
        QCOMPARE(list->topLevelItemCount(), 0);
        Test::whenModal<Ui::HistoryDialog>([&](Ui::HistoryDialog *history) {
            QCOMPARE(history->windowTitle(), QStringLiteral("History of the Entity Corrections"));
            QTreeWidget *versions = history->versions();
            for (int i = 0; i < versions->topLevelItemCount(); ++i) {
                described.append(versions->topLevelItem(i)->text(2));
            }
            versions->setCurrentItem(versions->topLevelItem(0)); // the taking back
            QVERIFY(history->restoreButton()->isEnabled());
            history->restoreButton()->click();
            QVERIFY2(history->errorLabel()->isHidden(), qPrintable(history->errorLabel()->text()));
            QCOMPARE(versions->topLevelItemCount(), 3);
            QCOMPARE(versions->topLevelItem(0)->text(2), QStringLiteral("Made: Suppress the person “Marta Okonjo”"));
            history->reject();
        });
        buttonCalled(dialog, QStringLiteral("History…"))->click();
        // The restored correction is listed again.
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY(list->topLevelItem(0)->text(0).contains(QLatin1String("Marta Okonjo")));
        checked = true;
        dialog->reject();
    });
    choose(row(QStringLiteral("Aiko Tanabe"), EntityType::Person), QStringLiteral("Entity Corrections…"));
    QVERIFY(checked);
    QCOMPARE(described,
        (QStringList { QStringLiteral("Taken back: Suppress the person “Marta Okonjo”"),
            QStringLiteral("Made: Suppress the person “Marta Okonjo”") }));
    // Restored, it applies again: the name is suppressed once the articles are re-tagged. A re-tag
    // still running when the correction came back goes on to it, so one more finish or two.
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 2 && !m_window->entityCurator()->isRetagging(), 20000);
    waitForRetag();
    QTRY_VERIFY(!row(QStringLiteral("Marta Okonjo"), EntityType::Person).isValid());
}

QTEST_MAIN(EntityCurationTest)
#include "entitycuration_test.moc"
