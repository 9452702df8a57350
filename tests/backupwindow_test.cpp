#include "damagehelpers.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "readerview.h"
#include "store/backups.h"

#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;
using namespace Dossier::Test;

// The window's part in the automatic backups: one when it opens a library (once a day), and the
// backup settings in Preferences.
class BackupWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void windowBacksUpTheLibraryItOpensOnceADay();
    void preferencesSetTheBackupFolderAndCount();
};

void BackupWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void BackupWindowTest::windowBacksUpTheLibraryItOpensOnceADay()
{
    QTemporaryDir dir;
    const QString library = dir.filePath(QStringLiteral("window.dossier"));
    QCOMPARE(importGenerated(library, dir.filePath(QStringLiteral("articles")), 5).imported, 5);
    Core::Backups backups(library);
    {
        Ui::MainWindow window;
        QVERIFY(window.openLibrary(library));
        QTRY_COMPARE(backups.latest().size(), 1);
        QCOMPARE(RawLibrary(backups.latest().front().path).articles().size(), 5);
    }
    Ui::MainWindow window;
    QVERIFY(window.openLibrary(library));
    QTest::qWait(200);
    QCOMPARE(backups.latest().size(), 1); // already one today
}

void BackupWindowTest::preferencesSetTheBackupFolderAndCount()
{
    QTemporaryDir dir;
    Ui::PreferencesDialog dialog({ QStringLiteral("Default") }, QStringLiteral("Default"));
    QLineEdit *folder = nullptr;
    for (auto *edit : dialog.findChildren<QLineEdit *>()) {
        folder = edit->accessibleName() == u"Backup folder" ? edit : folder;
    }
    QSpinBox *keep = nullptr;
    for (auto *box : dialog.findChildren<QSpinBox *>()) {
        keep = box->accessibleName() == u"Backups to keep" ? box : keep;
    }
    QVERIFY(folder && keep);
    QCOMPARE(keep->value(), Core::BackupSettings::defaultKeep);
    QVERIFY(folder->text().isEmpty()); // beside the library
    folder->setText(dir.path());
    keep->setValue(3);
    dialog.save();
    const Core::Backups backups = Core::Backups::fromSettings(dir.filePath(QStringLiteral("any.dossier")));
    QCOMPARE(backups.folder(), dir.path());
    QCOMPARE(backups.keep(), 3);
    QSettings().remove(QLatin1String(Core::BackupSettings::folderKey));
    QSettings().remove(QLatin1String(Core::BackupSettings::keepKey));
}

QTEST_MAIN(BackupWindowTest)
#include "backupwindow_test.moc"
