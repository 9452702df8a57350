#include "damagehelpers.h"
#include "documentlistmodel.h"
#include "guihelpers.h"
#include "librarycheckdialog.h"
#include "mainwindow.h"
#include "store/backups.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using namespace Dossier;
using namespace Dossier::Test;

// The window's part in damaged libraries: File › Check Library and its report, recovery into a
// new library from there, and the dialog a library that cannot be read opens instead of a
// warning (restore the latest backup, recover, cancel).
class LibraryCheckWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void checkSaysASoundLibraryIsSound();
    void checkListsTheProblemsAndRecoversIntoANewLibrary();
    void damagedLibraryIsRestoredFromItsLatestBackup();
    void damagedLibraryWithoutABackupOffersRecoveryOnly();
    void anotherProgramsDatabaseIsOnlyRefused();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    Ui::LibraryCheckDialog *runCheck();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void LibraryCheckWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // Its fixtures are near-duplicates of one another: one row per article (View › Group Copies off).
    QSettings().setValue(QStringLiteral("list/groupCopies"), false);
    qunsetenv(Core::BackupSettings::folderVariable);
    qunsetenv(Core::BackupSettings::keepVariable);
}

void LibraryCheckWindowTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<Ui::MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void LibraryCheckWindowTest::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

Ui::LibraryCheckDialog *LibraryCheckWindowTest::runCheck()
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("checkLibraryAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    auto *dialog = m_window->findChild<Ui::LibraryCheckDialog *>(QStringLiteral("libraryCheckDialog"));
    if (!dialog || !dialog->isVisible()) {
        return nullptr;
    }
    // The check runs in the background: the dialog is busy, then shows what it found.
    if (!QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 20000)) {
        return nullptr;
    }
    return dialog;
}

void LibraryCheckWindowTest::checkSaysASoundLibraryIsSound()
{
    const QString library = path(QStringLiteral("sound.dossier"));
    QCOMPARE(importGenerated(library, path(QStringLiteral("articles")), 5).imported, 5);
    QVERIFY(m_window->openLibrary(library));
    Ui::LibraryCheckDialog *dialog = runCheck();
    QVERIFY(dialog);
    QVERIFY2(dialog->message()->text().contains(QLatin1String("is sound")), qPrintable(dialog->message()->text()));
    QVERIFY2(dialog->message()->text().contains(QLatin1String("Articles: 5")), qPrintable(dialog->message()->text()));
    QVERIFY(dialog->details()->isHidden());
    QVERIFY(dialog->recoverButton()->isHidden());
    dialog->reject();
    QTRY_VERIFY(!m_window->findChild<Ui::LibraryCheckDialog *>(QStringLiteral("libraryCheckDialog")));
}

void LibraryCheckWindowTest::checkListsTheProblemsAndRecoversIntoANewLibrary()
{
    const QString library = path(QStringLiteral("damaged.dossier"));
    QCOMPARE(importGenerated(library, path(QStringLiteral("articles")), 60).imported, 60);
    const QList<qint64> lost = damageMiddleLeaf(library, QStringLiteral("article_texts"));
    QVERIFY(!lost.isEmpty());
    const QByteArray damagedBytes = fileDigest(library);
    // Only texts are damaged: the window opens the library and lists it.
    QVERIFY(m_window->openLibrary(library));

    Ui::LibraryCheckDialog *dialog = runCheck();
    QVERIFY(dialog);
    QVERIFY2(dialog->message()->text().contains(QLatin1String("is damaged")), qPrintable(dialog->message()->text()));
    QTreeWidget *problems = dialog->details();
    QVERIFY(!problems->isHidden());
    QVERIFY(problems->topLevelItemCount() > 0);
    bool namesTheTable = false;
    for (int row = 0; row < problems->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = problems->topLevelItem(row);
        QVERIFY(!item->text(0).isEmpty() && !item->text(2).isEmpty() && !item->text(3).isEmpty());
        namesTheTable = namesTheTable
            || (item->data(0, Qt::UserRole).toString() == u"integrity" && item->text(1) == u"article_texts");
    }
    QVERIFY(namesTheTable);

    // Recover into a New Library…: a file dialog, window-modal, that the test answers.
    QVERIFY(!dialog->recoverButton()->isHidden());
    dialog->recoverButton()->click();
    QFileDialog *files = nullptr;
    QTRY_VERIFY((files = dialog->findChild<QFileDialog *>(QStringLiteral("recoverFileDialog"))) && files->isVisible());
    QCOMPARE(files->windowModality(), Qt::WindowModal);
    QCOMPARE(files->selectedFiles().value(0), path(QStringLiteral("damaged-recovered.dossier")));
    const QString recovered = path(QStringLiteral("salvaged.dossier"));
    files->selectFile(recovered);
    QMetaObject::invokeMethod(files, "accept"); // a slot; protected as a function
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && !dialog->openRecoveredButton()->isHidden(), 30000);
    QVERIFY2(
        dialog->message()->text().contains(QLatin1String("Recovered into")), qPrintable(dialog->message()->text()));
    QVERIFY2(dialog->message()->text().contains(QStringLiteral("Articles: %1").arg(60 - lost.size())),
        qPrintable(dialog->message()->text()));
    // What was lost is listed: the articles whose texts were on the damaged page.
    QList<qint64> listed;
    for (int row = 0; row < dialog->details()->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = dialog->details()->topLevelItem(row);
        if (item->text(0) == u"article") {
            listed.append(item->text(1).toLongLong());
        }
    }
    std::sort(listed.begin(), listed.end());
    QCOMPARE(listed, lost);
    QCOMPARE(fileDigest(library), damagedBytes); // only read

    // Open the Recovered Library: the window lists the readable articles.
    dialog->openRecoveredButton()->click();
    QTRY_VERIFY(m_window->windowTitle().contains(QLatin1String("salvaged.dossier")));
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 60 - int(lost.size()));
    for (int row = 0; row < m_window->documentModel()->rowCount(); ++row) {
        const qint64 id = m_window->documentModel()->index(row, 0).data(Ui::DocumentListModel::IdRole).toLongLong();
        QVERIFY(!lost.contains(id));
    }
}

void LibraryCheckWindowTest::damagedLibraryIsRestoredFromItsLatestBackup()
{
    const QString library = path(QStringLiteral("restored.dossier"));
    QCOMPARE(importGenerated(library, path(QStringLiteral("articles")), 5).imported, 5);
    const Core::Backups::Result backup = Core::Backups(library).backupIfDue(Core::Backups::Reason::Daily);
    QVERIFY2(backup.made, qPrintable(backup.error));
    // Three articles that only the damaged library holds, then a damage that stops it opening.
    QCOMPARE(importGenerated(library, path(QStringLiteral("later")), 3).imported, 3);
    damageFirstPage(library);
    const QByteArray damagedBytes = fileDigest(library);

    QVERIFY(!m_window->openLibrary(library));
    QVERIFY(m_window->isOfferingRepair());
    auto *dialog = m_window->findChild<Ui::LibraryCheckDialog *>(QStringLiteral("damagedLibraryDialog"));
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY2(
        dialog->message()->text().contains(QLatin1String("cannot be read")), qPrintable(dialog->message()->text()));
    QVERIFY(!dialog->restoreButton()->isHidden());
    QVERIFY(!dialog->recoverButton()->isHidden());

    dialog->restoreButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
    QVERIFY2(dialog->message()->text().contains(QLatin1String("kept as")), qPrintable(dialog->message()->text()));
    // The window opened the backup's articles.
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 5);
    QVERIFY(m_window->windowTitle().contains(QLatin1String("restored.dossier")));
    // The damaged file was kept aside, byte for byte.
    const QStringList aside = QDir(m_dir->path()).entryList({ QStringLiteral("restored.dossier.damaged-*") });
    QCOMPARE(aside.size(), 1);
    QVERIFY2(QRegularExpression(QStringLiteral("^restored\\.dossier\\.damaged-\\d{8}-\\d{6}$"))
                 .match(aside.front())
                 .hasMatch(),
        qPrintable(aside.front()));
    QCOMPARE(fileDigest(path(aside.front())), damagedBytes);
    dialog->reject();
}

void LibraryCheckWindowTest::damagedLibraryWithoutABackupOffersRecoveryOnly()
{
    const QString library = path(QStringLiteral("nobackup.dossier"));
    QCOMPARE(importGenerated(library, path(QStringLiteral("articles")), 3).imported, 3);
    damageFirstPage(library);
    const QByteArray damagedBytes = fileDigest(library);
    QVERIFY(!m_window->openLibrary(library));
    auto *dialog = m_window->findChild<Ui::LibraryCheckDialog *>(QStringLiteral("damagedLibraryDialog"));
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->restoreButton()->isHidden());
    QVERIFY(!dialog->recoverButton()->isHidden());
    // Cancel: nothing happens to the file.
    dialog->reject();
    QTRY_VERIFY(!m_window->isOfferingRepair());
    QCOMPARE(fileDigest(library), damagedBytes);
    QCOMPARE(QDir(m_dir->path()).entryList({ QStringLiteral("nobackup.dossier*") }, QDir::Files | QDir::Hidden),
        QStringList { QStringLiteral("nobackup.dossier") });
}

void LibraryCheckWindowTest::anotherProgramsDatabaseIsOnlyRefused()
{
    const QString foreign = path(QStringLiteral("places.sqlite"));
    {
        const RawLibrary raw(foreign);
        raw.value(QStringLiteral("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)"));
    }
    QString warning;
    whenModal<QMessageBox>([&warning](QMessageBox *box) {
        warning = box->text();
        box->accept();
    });
    QVERIFY(!m_window->openLibrary(foreign));
    QVERIFY2(warning.contains(QLatin1String("not a Dossier library")), qPrintable(warning));
    QVERIFY(!m_window->isOfferingRepair());
    QVERIFY(!m_window->findChild<Ui::LibraryCheckDialog *>());
}

QTEST_MAIN(LibraryCheckWindowTest)
#include "librarycheckwindow_test.moc"
