#include "connectteamdialog.h"
#include "documentlistmodel.h"
#include "guihelpers.h"
#include "mainwindow.h"
#include "pgserver.h"
#include "store/librarysession.h"
#include "testarticles.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>

using namespace Dossier;

// File › Connect to Team Library and the recent libraries, driven offscreen against a throwaway
// PostgreSQL server (tests/pgserver.h): the window starts on a personal library file with one
// article; the team library "dossier_desk" on the server holds two.
class TeamWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void dialogPutsTheUrlTogether_data();
    void dialogPutsTheUrlTogether();
    void connectingOpensTheTeamLibrary();
    void refusedConnectionKeepsTheOpenLibrary_data();
    void refusedConnectionKeepsTheOpenLibrary();
    void recentLibrariesReopenTeamLibraries();
    void silentServerKeepsTheWindowInUse_data();
    void silentServerKeepsTheWindowInUse();

private:
    QString teamUrl(const QString &database) const;
    bool sql(const QString &database, const QString &statement);
    // Fills the dialog's fields as a user would and presses Connect.
    static void fillAndConnect(
        Ui::ConnectTeamDialog *dialog, const QString &host, int port, const QString &database, const QString &user);

    std::unique_ptr<Test::PgServer> m_server;
    QTemporaryDir m_dir;
    QString m_personal;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace
{
const QString personalTitle = QStringLiteral("Harbour dues rise");
const QStringList teamTitles = { QStringLiteral("Ferry talks resume"), QStringLiteral("Port strike ends") };
} // namespace

QString TeamWindowTest::teamUrl(const QString &database) const
{
    return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=postgres")
        .arg(database, m_server->socketDir())
        .arg(Test::PgServer::Port);
}

bool TeamWindowTest::sql(const QString &database, const QString &statement)
{
    bool ok = false;
    {
        QSqlDatabase db = m_server->connection(QStringLiteral("admin"), database);
        QSqlQuery query(db);
        ok = db.open() && query.exec(statement);
        if (!ok) {
            qWarning("%s: %s", qPrintable(statement), qPrintable(db.lastError().text() + query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    return ok;
}

void TeamWindowTest::fillAndConnect(
    Ui::ConnectTeamDialog *dialog, const QString &host, int port, const QString &database, const QString &user)
{
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamHost")), host);
    dialog->findChild<QSpinBox *>(QStringLiteral("teamPort"))->setValue(port);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamDatabase")), database);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamUser")), user);
    QPushButton *connect = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(connect->isEnabled());
    QTest::mouseClick(connect, Qt::LeftButton);
}

void TeamWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
        "Qt's PostgreSQL driver (libqt6sql6-psql) is missing: scripts/lib/env.sh installs it");
    m_server = std::make_unique<Test::PgServer>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->error()));
    for (const QString &database :
        { QStringLiteral("dossier_desk"), QStringLiteral("photo_archive"), QStringLiteral("future_desk") }) {
        QVERIFY(sql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(database)));
    }
    // Another program's database, and a team library from a newer Dossier.
    QVERIFY(sql(QStringLiteral("photo_archive"), QStringLiteral("CREATE TABLE photos (id INTEGER PRIMARY KEY)")));
    {
        Core::Library future(teamUrl(QStringLiteral("future_desk")));
        QVERIFY2(future.open(), qPrintable(future.errorString()));
    }
    QVERIFY(sql(QStringLiteral("future_desk"),
        QStringLiteral("UPDATE dossier_meta SET schema_version = %1").arg(Core::Library::schemaVersion() + 1)));

    Core::Library team(teamUrl(QStringLiteral("dossier_desk")));
    QVERIFY2(team.open(), qPrintable(team.errorString()));
    Core::Article ferry
        = Test::makeArticle(teamTitles.at(0), QStringLiteral("Aiko Tanabe said the ferry talks in Manila resume."));
    Test::addEntity(ferry, Core::EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY2(team.articles().store(ferry), qPrintable(team.errorString()));
    QVERIFY(team.articles().store(
        Test::makeArticle(teamTitles.at(1), QStringLiteral("Dock workers in Manila ended their strike."))));

    m_personal = m_dir.filePath(QStringLiteral("personal.dossier"));
    Core::Library personal(m_personal);
    QVERIFY(personal.open());
    QVERIFY(personal.articles().store(
        Test::makeArticle(personalTitle, QStringLiteral("The harbour board raised its dues again."))));
}

void TeamWindowTest::init()
{
    QSettings().remove(QStringLiteral("library/recent"));
    m_window = Test::shownWindow(m_personal);
    QVERIFY(m_window);
    QCOMPARE(Test::listedTitles(*m_window), QStringList { personalTitle });
}

void TeamWindowTest::cleanup()
{
    m_window.reset();
}

void TeamWindowTest::cleanupTestCase()
{
    m_server.reset();
}

void TeamWindowTest::dialogPutsTheUrlTogether_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("name");
    QTest::newRow("server") << QStringLiteral("db.example.org") << 0 << QStringLiteral("dossier_desk")
                            << QStringLiteral("ana") << QString() << QString()
                            << QStringLiteral("postgresql://ana@db.example.org/dossier_desk")
                            << QStringLiteral("dossier_desk on db.example.org");
    QTest::newRow("port and sslmode") << QStringLiteral("db.example.org") << 6543 << QStringLiteral("desk") << QString()
                                      << QStringLiteral("verify-full") << QString()
                                      << QStringLiteral("postgresql://db.example.org:6543/desk?sslmode=verify-full")
                                      << QStringLiteral("desk on db.example.org:6543");
    QTest::newRow("socket folder") << QStringLiteral("/run/postgresql") << 0 << QStringLiteral("desk")
                                   << QStringLiteral("ben") << QString() << QString()
                                   << QStringLiteral("postgresql:///desk?host=/run/postgresql&user=ben")
                                   << QStringLiteral("desk on this computer");
    QTest::newRow("service") << QString() << 0 << QString() << QString() << QString() << QStringLiteral("desk")
                             << QStringLiteral("postgresql:///?service=desk") << QStringLiteral("desk (service desk)");
    QTest::newRow("nothing to connect to") << QStringLiteral("db.example.org") << 0 << QString() << QString()
                                           << QString() << QString() << QString() << QString();
}

void TeamWindowTest::dialogPutsTheUrlTogether()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, sslmode);
    QFETCH(QString, service);
    QFETCH(QString, url);
    QFETCH(QString, name);
    m_window->findChild<QAction *>(QStringLiteral("connectTeamAction"))->trigger();
    auto *dialog = m_window->findChild<Ui::ConnectTeamDialog *>(QStringLiteral("connectTeamDialog"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // No password field: the dialog says where libpq finds one.
    for (const QLineEdit *field : dialog->findChildren<QLineEdit *>()) {
        QCOMPARE(field->echoMode(), QLineEdit::Normal);
    }
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("teamPasswordNote"))->text().contains(u"~/.pgpass"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamHost")), host);
    dialog->findChild<QSpinBox *>(QStringLiteral("teamPort"))->setValue(port);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamDatabase")), database);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamUser")), user);
    auto *modes = dialog->findChild<QComboBox *>(QStringLiteral("teamSslMode"));
    modes->setCurrentIndex(std::max(modes->findData(sslmode), 0));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamService")), service);
    const bool complete = !url.isEmpty();
    QCOMPARE(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled(), complete);
    if (complete) {
        QCOMPARE(dialog->url(), url);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("teamUrl"))->text(), url);
        QCOMPARE(Ui::MainWindow::libraryName(url), name);
    }
    dialog->reject();
    QCOMPARE(Test::listedTitles(*m_window), QStringList { personalTitle });
}

void TeamWindowTest::connectingOpensTheTeamLibrary()
{
    m_window->findChild<QAction *>(QStringLiteral("connectTeamAction"))->trigger();
    auto *dialog = m_window->findChild<Ui::ConnectTeamDialog *>(QStringLiteral("connectTeamDialog"));
    QVERIFY(dialog);
    fillAndConnect(dialog, m_server->socketDir(), Test::PgServer::Port, QStringLiteral("dossier_desk"),
        QStringLiteral("postgres"));
    QTRY_COMPARE(Test::listedTitles(*m_window), teamTitles);
    QCOMPARE(m_window->librarySession()->library()->backend(), Core::Library::Backend::PostgreSQL);
    const QString url = teamUrl(QStringLiteral("dossier_desk"));
    QCOMPARE(m_window->librarySession()->library()->path(), url);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("dossier_desk on this computer (team library) — Dossier"));
    QVERIFY(m_window->teamNotice()->isVisible());
    QCOMPARE(
        m_window->teamNotice()->text(), QStringLiteral("Team library: dossier_desk on this computer (PostgreSQL)"));
    QCOMPARE(Ui::MainWindow::recentLibraries().value(0), url);
    // The team library is read and filtered like a file: open an article, search it.
    m_window->documentView()->selectRow(0);
    QTRY_VERIFY(m_window->currentArticleId() >= 0);
    m_window->searchField()->setText(QStringLiteral("strike"));
    QTRY_COMPARE(Test::listedTitles(*m_window), QStringList { teamTitles.at(1) });
    // Back on a file, the notice goes.
    QVERIFY(m_window->openLibrary(m_personal));
    QVERIFY(!m_window->teamNotice()->isVisible());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("personal.dossier — Dossier"));
}

void TeamWindowTest::refusedConnectionKeepsTheOpenLibrary_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("message");
    QTest::newRow("no server there") << m_dir.path() << QStringLiteral("dossier_desk")
                                     << QStringLiteral("cannot connect to the team library");
    QTest::newRow("no such database") << m_server->socketDir() << QStringLiteral("missing_desk")
                                      << QStringLiteral("(make it first: createdb missing_desk)");
    QTest::newRow("another program's database")
        << m_server->socketDir() << QStringLiteral("photo_archive") << QStringLiteral("is not a Dossier library");
    QTest::newRow("a newer Dossier's library")
        << m_server->socketDir() << QStringLiteral("future_desk") << QStringLiteral("was written by a newer Dossier");
}

void TeamWindowTest::refusedConnectionKeepsTheOpenLibrary()
{
    QFETCH(QString, host);
    QFETCH(QString, database);
    QFETCH(QString, message);
    QString warning;
    Test::whenModal<QMessageBox>([&warning](QMessageBox *box) {
        warning = box->text();
        box->accept();
    });
    m_window->findChild<QAction *>(QStringLiteral("connectTeamAction"))->trigger();
    auto *dialog = m_window->findChild<Ui::ConnectTeamDialog *>(QStringLiteral("connectTeamDialog"));
    QVERIFY(dialog);
    fillAndConnect(dialog, host, Test::PgServer::Port, database, QStringLiteral("postgres"));
    QTRY_VERIFY(!warning.isEmpty());
    QVERIFY2(warning.contains(message), qPrintable(warning));
    // Nothing lost: the personal library is still open and listed, and nothing was remembered.
    QCOMPARE(m_window->librarySession()->library()->path(), m_personal);
    QCOMPARE(Test::listedTitles(*m_window), QStringList { personalTitle });
    QCOMPARE(m_window->windowTitle(), QStringLiteral("personal.dossier — Dossier"));
    QCOMPARE(Ui::MainWindow::recentLibraries(), QStringList { m_personal });
}

void TeamWindowTest::recentLibrariesReopenTeamLibraries()
{
    const QString url = teamUrl(QStringLiteral("dossier_desk"));
    QVERIFY(m_window->openLibrary(url)); // shown, the window connects in the background
    QTRY_COMPARE(m_window->librarySession()->library()->path(), url);
    QVERIFY(!m_window->isConnecting());
    QVERIFY(m_window->openLibrary(m_personal));
    QCOMPARE(Ui::MainWindow::recentLibraries(), (QStringList { m_personal, url }));
    QMenu *recent = m_window->recentMenu();
    QVERIFY(recent->isEnabled());
    const QList<QAction *> actions = recent->actions();
    QVERIFY(actions.size() >= 2);
    QCOMPARE(actions.at(0)->text(),
        QStringLiteral("personal.dossier in %1").arg(QDir::toNativeSeparators(QFileInfo(m_personal).absolutePath())));
    QCOMPARE(actions.at(1)->text(), QStringLiteral("dossier_desk on this computer (team library)"));
    actions.at(1)->trigger();
    QTRY_COMPARE(Test::listedTitles(*m_window), teamTitles);
    QCOMPARE(m_window->librarySession()->library()->path(), url);
    // The dialog starts from the team library open now.
    Ui::ConnectTeamDialog *dialog = m_window->connectToTeamLibrary();
    QCOMPARE(dialog->url(), url);
    dialog->reject();
}

void TeamWindowTest::silentServerKeepsTheWindowInUse_data()
{
    QTest::addColumn<QString>("then"); // what the user does while the server keeps silent
    QTest::newRow("waits until it gives up") << QStringLiteral("wait");
    QTest::newRow("cancels") << QStringLiteral("cancel");
    QTest::newRow("opens a file meanwhile") << QStringLiteral("open a file");
}

void TeamWindowTest::silentServerKeepsTheWindowInUse()
{
    QFETCH(QString, then);
    // A "server" that takes connections and never answers: libpq waits for it until connect_timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    const QString url
        = QStringLiteral("postgresql://postgres@127.0.0.1:%1/dossier_desk?connect_timeout=2").arg(silent.serverPort());
    QString warning;
    Test::whenModal<QMessageBox>([&warning](QMessageBox *box) {
        warning = box->text();
        box->accept();
    });
    QElapsedTimer clock;
    clock.start();
    QVERIFY(m_window->openLibrary(url));
    QVERIFY2(clock.elapsed() < 1000, "openLibrary() waited for the server");
    QVERIFY(m_window->isConnecting());
    auto *status = m_window->findChild<QWidget *>(QStringLiteral("connectingStatus"));
    QVERIFY(status);
    QVERIFY(status->isVisible());
    const QList<QLabel *> labels = status->findChildren<QLabel *>();
    const QString saying = QStringLiteral("Connecting to dossier_desk on 127.0.0.1:%1…").arg(silent.serverPort());
    QVERIFY(std::any_of(
        labels.cbegin(), labels.cend(), [&saying](const QLabel *label) { return label->text() == saying; }));
    // Meanwhile the open library is read and searched as before.
    m_window->documentView()->selectRow(0);
    QTRY_VERIFY(m_window->currentArticleId() >= 0);
    m_window->searchField()->setText(QStringLiteral("harbour"));
    QTRY_COMPARE(Test::listedTitles(*m_window), QStringList { personalTitle });

    const QString other = m_dir.filePath(QStringLiteral("meanwhile.dossier"));
    if (then == u"cancel") {
        QTest::mouseClick(status->findChild<QToolButton *>(QStringLiteral("cancelConnectButton")), Qt::LeftButton);
    } else if (then == u"open a file") {
        QVERIFY(m_window->openLibrary(other));
    }
    if (then != u"wait") {
        QVERIFY(!m_window->isConnecting());
        QVERIFY(!status->isVisible());
    }
    // The server gives up after 2 s: a wait says why; a cancelled or superseded attempt says nothing.
    if (then == u"wait") {
        QTRY_VERIFY_WITH_TIMEOUT(!warning.isEmpty(), 10000);
        QVERIFY2(warning.contains(QLatin1String("cannot connect to the team library")), qPrintable(warning));
        QVERIFY(!m_window->isConnecting());
        QVERIFY(!status->isVisible());
    } else {
        QTest::qWait(3000);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
    }
    QCOMPARE(m_window->librarySession()->library()->path(), then == u"open a file" ? other : m_personal);
    QCOMPARE(m_window->windowTitle(),
        then == u"open a file" ? QStringLiteral("meanwhile.dossier — Dossier")
                               : QStringLiteral("personal.dossier — Dossier"));
    QVERIFY(!Ui::MainWindow::recentLibraries().contains(url));
}

QTEST_MAIN(TeamWindowTest)
#include "teamwindow_test.moc"
