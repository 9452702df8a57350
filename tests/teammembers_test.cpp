// File › Team Members… (issue 17), driven offscreen against a throwaway PostgreSQL server
// (tests/pgserver.h): the main window connected as an admin (maria, who made the other members)
// adds, re-roles and removes members through the dialog's fields and buttons, the server's
// refusals are shown with the name typed kept, and a member who is no admin sees the list
// read-only. What the dialog did is checked through a connection of the server's administrator.

#include "annotationlistmodel.h"
#include "annotationspanel.h"
#include "entitycurator.h"
#include "guihelpers.h"
#include "mainwindow.h"
#include "tagmanagerdialog.h"
#include "teamhelpers.h"
#include "teammembermodel.h"
#include "teammembersdialog.h"
#include "testarticles.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Dossier;

class TeamMembersTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void modelChangesOnlyWhatDiffers();
    void actionNeedsATeamLibrary();
    void adminAddsChangesAndRemoves();
    void refusalIsShownAndTheNameKept();
    void roleAnotherGrantedIsRefused();
    void othersSeeTheListReadOnly();
    void anotherAdminsChangesShowAsTheyLand();
    void passageActionsFollowTheRole();
    void windowActionsFollowTheRole();
    void entityCorrectionsFollowTheRole();
    void codebookIsReadOnlyBelowEditor();

private:
    QString url(const QString &user) const { return Dossier::Test::libraryUrl(*m_server, m_database, user); }
    // The members as the server's administrator reads them.
    QList<Core::TeamMember> members() const
    {
        Core::Library owner(url(QStringLiteral("postgres")));
        return owner.open() ? owner.team().members().value_or(QList<Core::TeamMember> {}) : QList<Core::TeamMember> {};
    }
    // Opens the window as \a user and its Team Members dialog through the File menu's action.
    Ui::TeamMembersDialog *openDialogAs(const QString &user);
    static void chooseRole(Ui::TeamMembersDialog *dialog, Core::TeamRole role);
    static void selectMember(Ui::TeamMembersDialog *dialog, const QString &name);
    static void click(Ui::TeamMembersDialog *dialog, const char *button);

    std::unique_ptr<Test::PgServer> m_server;
    QString m_database;
    int m_count = 0;
    std::unique_ptr<Ui::MainWindow> m_window;
};

Ui::TeamMembersDialog *TeamMembersTest::openDialogAs(const QString &user)
{
    m_window = Test::shownWindow(url(user));
    if (!m_window) {
        return nullptr;
    }
    auto *action = m_window->findChild<QAction *>(QStringLiteral("teamMembersAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_window->findChild<Ui::TeamMembersDialog *>(QStringLiteral("teamMembersDialog"));
}

void TeamMembersTest::chooseRole(Ui::TeamMembersDialog *dialog, Core::TeamRole role)
{
    auto *roles = dialog->findChild<QComboBox *>(QStringLiteral("memberRole"));
    roles->setCurrentIndex(roles->findData(int(role)));
}

void TeamMembersTest::selectMember(Ui::TeamMembersDialog *dialog, const QString &name)
{
    auto *view = dialog->findChild<QTableView *>(QStringLiteral("membersView"));
    const int row = dialog->model()->rowOf(name);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(dialog->model()->index(row, 0)).center());
}

void TeamMembersTest::click(Ui::TeamMembersDialog *dialog, const char *button)
{
    auto *push = dialog->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY(push);
    QVERIFY(push->isEnabled());
    QTest::mouseClick(push, Qt::LeftButton);
}

void TeamMembersTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QString why;
    m_server = Test::startServer(&why);
    QVERIFY2(m_server, qPrintable(why));
}

void TeamMembersTest::init()
{
    // A library per test (its group roles are named after it); maria its admin, ana and ben members.
    m_database = QStringLiteral("members_%1").arg(++m_count);
    QVERIFY(Dossier::Test::serverExec(*m_server, QStringLiteral("CREATE DATABASE %1").arg(m_database)));
    Core::Library owner(url(QStringLiteral("postgres")));
    QVERIFY2(owner.open(), qPrintable(owner.errorString()));
    QVERIFY(owner.articles().store(Test::makeArticle(QStringLiteral("Quay"), QStringLiteral("The quay reopened."))));
    QVERIFY2(owner.team().add(QStringLiteral("maria"), Core::TeamRole::Admin), qPrintable(owner.errorString()));
    // From then on Maria manages the team (an admin takes back only the roles she granted).
    Core::Library maria(url(QStringLiteral("maria")));
    QVERIFY2(maria.open(), qPrintable(maria.errorString()));
    QVERIFY2(maria.team().add(QStringLiteral("ana"), Core::TeamRole::Annotator), qPrintable(maria.errorString()));
    QVERIFY2(maria.team().add(QStringLiteral("ben"), Core::TeamRole::Reader), qPrintable(maria.errorString()));
}

void TeamMembersTest::cleanup()
{
    m_window.reset();
}

void TeamMembersTest::cleanupTestCase()
{
    m_server.reset();
}

void TeamMembersTest::modelChangesOnlyWhatDiffers()
{
    Ui::TeamMemberModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMembers(
        { { QStringLiteral("maria"), Core::TeamRole::Admin }, { QStringLiteral("ana"), Core::TeamRole::Annotator } });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, Ui::TeamMemberModel::Name).data().toString(), QStringLiteral("ana"));
    QCOMPARE(model.index(0, Ui::TeamMemberModel::Role).data().toString(), QStringLiteral("Annotator"));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // ben comes, ana leaves, maria becomes an editor.
    model.setMembers(
        { { QStringLiteral("maria"), Core::TeamRole::Editor }, { QStringLiteral("ben"), Core::TeamRole::Reader } });
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.members(),
        (QList<Core::TeamMember> {
            { QStringLiteral("ben"), Core::TeamRole::Reader }, { QStringLiteral("maria"), Core::TeamRole::Editor } }));
}

void TeamMembersTest::actionNeedsATeamLibrary()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("personal.dossier"));
    m_window = Test::shownWindow(file);
    QVERIFY(m_window);
    auto *action = m_window->findChild<QAction *>(QStringLiteral("teamMembersAction"));
    QVERIFY(action);
    QVERIFY(!action->isEnabled());
    QVERIFY(!m_window->showTeamMembers());
    QVERIFY(m_window->openLibrary(url(QStringLiteral("maria")))); // shown: connects in the background
    QTRY_VERIFY(action->isEnabled());
    QVERIFY(m_window->openLibrary(file));
    QVERIFY(!action->isEnabled());
}

void TeamMembersTest::adminAddsChangesAndRemoves()
{
    Ui::TeamMembersDialog *dialog = openDialogAs(QStringLiteral("maria"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->isEditable());
    Ui::TeamMemberModel *model = dialog->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, Ui::TeamMemberModel::Name).data().toString(), QStringLiteral("ana"));
    QCOMPARE(model->index(2, Ui::TeamMemberModel::Role).data().toString(), QStringLiteral("Admin"));
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);

    // Add: a new member, made on the server with the role chosen.
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("memberName")), QStringLiteral("carl"));
    chooseRole(dialog, Core::TeamRole::Editor);
    click(dialog, "addMemberButton");
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(dialog->errorText(), QString());
    QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("memberName"))->text().isEmpty());
    QVERIFY(members().contains(Core::TeamMember { QStringLiteral("carl"), Core::TeamRole::Editor }));

    // Change Role: ben, a reader, annotates from now on.
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    selectMember(dialog, QStringLiteral("ben"));
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("memberRole"))->currentData().toInt(),
        int(Core::TeamRole::Reader)); // the selected member's role, ready to change
    chooseRole(dialog, Core::TeamRole::Annotator);
    click(dialog, "changeRoleButton");
    QCOMPARE(dialog->errorText(), QString());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model->index(model->rowOf(QStringLiteral("ben")), Ui::TeamMemberModel::Role).data().toString(),
        QStringLiteral("Annotator"));
    QVERIFY(members().contains(Core::TeamMember { QStringLiteral("ben"), Core::TeamRole::Annotator }));

    // Remove: carl is no member any more.
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    selectMember(dialog, QStringLiteral("carl"));
    click(dialog, "removeMemberButton");
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model->rowOf(QStringLiteral("carl")), -1);
    QCOMPARE(members().size(), 3);
    QCOMPARE(reset.size(), 0);
}

void TeamMembersTest::refusalIsShownAndTheNameKept()
{
    // maria may no longer create login roles: adding someone the server does not know is refused.
    QVERIFY(Dossier::Test::serverExec(*m_server, QStringLiteral("ALTER ROLE maria NOCREATEROLE")));
    Ui::TeamMembersDialog *dialog = openDialogAs(QStringLiteral("maria"));
    QVERIFY(dialog);
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("memberName"));
    QTest::keyClicks(name, QStringLiteral("zoe"));
    click(dialog, "addMemberButton");
    const QString error = dialog->errorText();
    QVERIFY2(error.startsWith(QStringLiteral("Cannot add zoe: ")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("CREATE ROLE zoe LOGIN")), qPrintable(error));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("membersError"))->isVisible());
    QCOMPARE(name->text(), QStringLiteral("zoe")); // nothing typed is lost
    QCOMPARE(dialog->model()->rowCount(), 3);
    // Once the server's administrator made the role, the same click adds zoe, and the message goes.
    QVERIFY(Dossier::Test::serverExec(*m_server, QStringLiteral("CREATE ROLE zoe LOGIN")));
    click(dialog, "addMemberButton");
    QCOMPARE(dialog->errorText(), QString());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("membersError"))->isVisible());
    QCOMPARE(dialog->model()->rowCount(), 4);
}

void TeamMembersTest::roleAnotherGrantedIsRefused()
{
    // The server's administrator made eve an editor; maria cannot take that back, and says so.
    {
        Core::Library owner(url(QStringLiteral("postgres")));
        QVERIFY(owner.open());
        QVERIFY2(owner.team().add(QStringLiteral("eve"), Core::TeamRole::Editor), qPrintable(owner.errorString()));
    }
    Ui::TeamMembersDialog *dialog = openDialogAs(QStringLiteral("maria"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    selectMember(dialog, QStringLiteral("eve"));
    chooseRole(dialog, Core::TeamRole::Reader);
    click(dialog, "changeRoleButton");
    const QString error = dialog->errorText();
    QVERIFY2(error.startsWith(QStringLiteral("Cannot change the role of eve: you are an admin in this library: ")),
        qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("by someone else")), qPrintable(error));
    QCOMPARE(dialog->model()->index(dialog->model()->rowOf(QStringLiteral("eve")), Ui::TeamMemberModel::Role).data(),
        QVariant(QStringLiteral("Editor")));
    QVERIFY(members().contains(Core::TeamMember { QStringLiteral("eve"), Core::TeamRole::Editor }));
}

void TeamMembersTest::othersSeeTheListReadOnly()
{
    Ui::TeamMembersDialog *dialog = openDialogAs(QStringLiteral("ana"));
    QVERIFY(dialog);
    QVERIFY(!dialog->isEditable());
    QCOMPARE(dialog->model()->rowCount(), 3);
    const QString note = dialog->findChild<QLabel *>(QStringLiteral("membersNote"))->text();
    QVERIFY2(note.contains(QStringLiteral("You are annotator")) && note.contains(QStringLiteral("only its admins")),
        qPrintable(note));
    for (const char *name : { "addMemberButton", "changeRoleButton", "removeMemberButton" }) {
        QVERIFY(!dialog->findChild<QPushButton *>(QLatin1String(name))->isEnabled());
    }
    QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("memberName"))->isEnabled());
    selectMember(dialog, QStringLiteral("ben"));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("removeMemberButton"))->isEnabled());
}

void TeamMembersTest::anotherAdminsChangesShowAsTheyLand()
{
    // ana's dialog is open, read-only; maria (in her own program) changes the team meanwhile.
    Ui::TeamMembersDialog *dialog = openDialogAs(QStringLiteral("ana"));
    QVERIFY(dialog);
    QVERIFY(!dialog->isEditable());
    Ui::TeamMemberModel *model = dialog->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    Core::Library maria(url(QStringLiteral("maria")));
    QVERIFY2(maria.open(), qPrintable(maria.errorString()));

    QVERIFY2(maria.team().add(QStringLiteral("carl"), Core::TeamRole::Editor), qPrintable(maria.errorString()));
    QTRY_VERIFY(model->rowOf(QStringLiteral("carl")) >= 0);
    QCOMPARE(model->index(model->rowOf(QStringLiteral("carl")), Ui::TeamMemberModel::Role).data().toString(),
        QStringLiteral("Editor"));
    QVERIFY(maria.team().remove(QStringLiteral("ben")));
    QTRY_COMPARE(model->rowOf(QStringLiteral("ben")), -1);

    // Made an admin, ana may change the members from then on, in the dialog already open.
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Admin));
    QTRY_VERIFY(dialog->isEditable());
    QCOMPARE(model->index(model->rowOf(QStringLiteral("ana")), Ui::TeamMemberModel::Role).data().toString(),
        QStringLiteral("Admin"));
    QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("memberName"))->isEnabled());
    selectMember(dialog, QStringLiteral("carl"));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("removeMemberButton"))->isEnabled());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("membersNote"))
            ->text()
            .contains(QStringLiteral("only its admins")));
    QCOMPARE(reset.size(), 0); // rows inserted, removed and changed in place
}

void TeamMembersTest::passageActionsFollowTheRole()
{
    // A passage of maria's and one of ana's, both shared.
    Core::Library maria(url(QStringLiteral("maria")));
    QVERIFY2(maria.open(), qPrintable(maria.errorString()));
    qint64 article = -1;
    QVERIFY(maria.articles().store(
        Test::makeArticle(QStringLiteral("Locks"), QStringLiteral("The canal locks close for repairs in March.")),
        &article));
    QVERIFY2(
        maria.annotations().annotate(article, 4, 15, { QStringLiteral("Canal") }), qPrintable(maria.errorString()));
    {
        Core::Library ana(url(QStringLiteral("ana")));
        QVERIFY2(ana.open(), qPrintable(ana.errorString()));
        QVERIFY2(ana.annotations().annotate(article, 22, 29), qPrintable(ana.errorString()));
    }
    struct Enabled {
        bool note, tags, hide, remove;
        bool operator==(const Enabled &) const = default;
    };
    // The actions on the passage of \a author, made current in the window's list.
    const auto actionsOn = [this](const QString &author) -> std::optional<Enabled> {
        auto *panel = m_window->findChild<Ui::AnnotationsPanel *>();
        QAbstractItemModel *model = panel->view()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, Ui::AnnotationListModel::Author).data().toString() == author) {
                panel->view()->setCurrentIndex(model->index(row, 0));
                return Enabled { panel->editNoteAction()->isEnabled(), panel->editTagsAction()->isEnabled(),
                    panel->hideAction()->isEnabled(), panel->removeAction()->isEnabled() };
            }
        }
        return std::nullopt;
    };

    m_window = Test::shownWindow(url(QStringLiteral("ana")));
    QVERIFY(m_window);
    QTRY_COMPARE(m_window->findChild<Ui::AnnotationsPanel *>()->view()->model()->rowCount(), 2);
    // An annotator changes her own passage, nothing of another's.
    QCOMPARE(actionsOn(QStringLiteral("ana")), (Enabled { true, true, true, true }));
    QCOMPARE(actionsOn(QStringLiteral("maria")), (Enabled { false, false, false, false }));
    // Made an editor while the window is open: another's tags, and hiding it, at once; never its note, nor
    // removing it.
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Editor));
    QTRY_COMPARE(actionsOn(QStringLiteral("maria")), (Enabled { false, true, true, false }));
    // Made a reader: nothing, not even on her own passage.
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Reader));
    QTRY_COMPARE(actionsOn(QStringLiteral("ana")), (Enabled { false, false, false, false }));
    QCOMPARE(actionsOn(QStringLiteral("maria")), (Enabled { false, false, false, false }));
}

void TeamMembersTest::windowActionsFollowTheRole()
{
    // Which of the window's actions that write are enabled: import, codebook, saved search.
    const auto enabled = [this] {
        QStringList on;
        for (const char *name : { "importFilesAction", "watchFolderAction", "watchNameAction", "saveSearchAction" }) {
            auto *action = m_window->findChild<QAction *>(QLatin1String(name));
            if (action && action->isEnabled()) {
                on.append(QLatin1String(name));
            }
        }
        return on;
    };
    m_window = Test::shownWindow(url(QStringLiteral("ana")));
    QVERIFY(m_window);
    QCOMPARE(enabled(), QStringList { QStringLiteral("saveSearchAction") }); // an annotator
    Core::Library maria(url(QStringLiteral("maria")));
    QVERIFY2(maria.open(), qPrintable(maria.errorString()));
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Editor));
    QTRY_COMPARE(enabled(),
        (QStringList { QStringLiteral("importFilesAction"), QStringLiteral("watchFolderAction"),
            QStringLiteral("watchNameAction"), QStringLiteral("saveSearchAction") }));
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Reader));
    QTRY_COMPARE(enabled(), QStringList {});
    // The owner of the library may do everything.
    m_window = Test::shownWindow(url(QStringLiteral("postgres")));
    QVERIFY(m_window);
    QCOMPARE(enabled().size(), 4);
}

void TeamMembersTest::codebookIsReadOnlyBelowEditor()
{
    // Annotate › Manage Tags… opens for every member; only an editor's dialog offers changes.
    const auto open = [this] {
        bool editable = true;
        bool newEnabled = true;
        bool historyEnabled = false;
        Test::whenModal<Ui::TagManagerDialog>([&](Ui::TagManagerDialog *dialog) {
            editable = dialog->isEditable();
            for (auto *button : dialog->findChildren<QPushButton *>()) {
                if (button->accessibleName() == u"New tag") {
                    newEnabled = button->isEnabled();
                } else if (button->accessibleName() == u"History of the tags") {
                    historyEnabled = button->isEnabled();
                }
            }
            dialog->reject();
        });
        auto *action = m_window->findChild<QAction *>(QStringLiteral("manageTagsAction"));
        if (!action || !action->isEnabled()) {
            return QStringLiteral("not offered");
        }
        action->trigger();
        return QStringLiteral("%1 new:%2 history:%3").arg(editable).arg(newEnabled).arg(historyEnabled);
    };
    m_window = Test::shownWindow(url(QStringLiteral("ana")));
    QVERIFY(m_window);
    QCOMPARE(open(), QStringLiteral("0 new:0 history:1"));
    Core::Library maria(url(QStringLiteral("maria")));
    QVERIFY2(maria.open(), qPrintable(maria.errorString()));
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Editor));
    QTRY_VERIFY(m_window->findChild<QAction *>(QStringLiteral("watchNameAction"))->isEnabled());
    QCOMPARE(open(), QStringLiteral("1 new:1 history:1"));
}

void TeamMembersTest::entityCorrectionsFollowTheRole()
{
    // The sidebar's corrections and Entity Corrections' Take Back ask the curator whether they may;
    // an annotator's window stores none (and asks nothing), an editor's does.
    m_window = Test::shownWindow(url(QStringLiteral("ana")));
    QVERIFY(m_window);
    auto *curator = m_window->findChild<Ui::EntityCurator *>();
    QVERIFY(curator);
    QVERIFY(!curator->isEditable());
    const Core::WatchEntry entry { -1, Core::EntityType::Person, QStringLiteral("Marta Okonjo"), {} };
    QVERIFY(!curator->watch(entry));
    Core::Library maria(url(QStringLiteral("maria")));
    QVERIFY2(maria.open(), qPrintable(maria.errorString()));
    QCOMPARE(maria.curation().watchlist().value_or(QList<Core::WatchEntry> { entry }).size(), 0);
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Editor));
    QTRY_VERIFY(curator->isEditable());
    QVERIFY(curator->watch(entry));
    curator->waitForRetag();
    QCOMPARE(maria.curation().watchlist().value_or(QList<Core::WatchEntry> {}).size(), 1);
    QVERIFY(maria.team().setRole(QStringLiteral("ana"), Core::TeamRole::Reader));
    QTRY_VERIFY(!curator->isEditable());
}

QTEST_MAIN(TeamMembersTest)
#include "teammembers_test.moc"
