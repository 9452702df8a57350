#include "damagehelpers.h"
#include "store/backups.h"
#include "store/integrity.h"
#include "store/library.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;
using namespace Dossier::Test;
using Reason = Core::Backups::Reason;

// Rolling backups: at most one a day plus one after a large import, the newest N kept, each a
// whole library; and dossier-cli import making them.
class BackupsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void atMostOneADayUnlessALargeImport();
    void rotationKeepsTheNewest();
    void backupIsALibraryWithTheSameArticles();
    void nothingToBackUpOrTurnedOff();
    void failedBackupLeavesNothingBehind();
    void cliImportBacksUpLargeImportsAndOnceADay();
    void restoreLatestKeepsTheDamagedFileAside();
    void restoreLatestWithoutABackupChangesNothing();

private:
    QString makeLibrary(int count);
    static QStringList names(const QList<Core::BackupInfo> &backups);
    std::unique_ptr<QTemporaryDir> m_dir;
    QDateTime m_now;
};

void BackupsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void BackupsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_now = QDateTime(QDate(2026, 3, 10), QTime(9, 0));
}

void BackupsTest::cleanup()
{
    qunsetenv(Core::BackupSettings::folderVariable);
    qunsetenv(Core::BackupSettings::keepVariable);
}

QString BackupsTest::makeLibrary(int count)
{
    const QString path = m_dir->filePath(QStringLiteral("library.dossier"));
    if (importGenerated(path, m_dir->filePath(QStringLiteral("articles")), count).imported != count) {
        qFatal("the import failed");
    }
    return path;
}

QStringList BackupsTest::names(const QList<Core::BackupInfo> &backups)
{
    QStringList names;
    for (const Core::BackupInfo &backup : backups) {
        names.append(QFileInfo(backup.path).fileName());
    }
    return names;
}

void BackupsTest::atMostOneADayUnlessALargeImport()
{
    Core::Backups backups(makeLibrary(3));
    backups.setClock([this] { return m_now; });
    QCOMPARE(backups.folder(), m_dir->filePath(QStringLiteral("library.dossier.backups")));

    QVERIFY(backups.backupIfDue(Reason::Daily).made);
    m_now = m_now.addSecs(9 * 3600); // 18:00, the same day
    const Core::Backups::Result again = backups.backupIfDue(Reason::Daily);
    QVERIFY(!again.made);
    QVERIFY(again.error.isEmpty());
    QVERIFY(backups.backupIfDue(Reason::LargeImport).made);
    m_now = m_now.addSecs(14 * 3600); // 08:00 the next day
    QVERIFY(backups.backupIfDue(Reason::Daily).made);
    QVERIFY(!backups.backupIfDue(Reason::Daily).made);
    QCOMPARE(names(backups.latest()),
        (QStringList { QStringLiteral("library-20260311-080000.dossier"),
            QStringLiteral("library-20260310-180000.dossier"), QStringLiteral("library-20260310-090000.dossier") }));
    QCOMPARE(backups.latest().front().made, m_now);
}

void BackupsTest::rotationKeepsTheNewest()
{
    Core::Backups backups(makeLibrary(3));
    backups.setFolder(m_dir->filePath(QStringLiteral("elsewhere")));
    backups.setKeep(3);
    backups.setClock([this] { return m_now; });
    for (int day = 0; day < 5; ++day) {
        QVERIFY(backups.backupIfDue(Reason::Daily).made);
        QVERIFY(backups.backupIfDue(Reason::LargeImport).made); // the same second: a name of its own
        m_now = m_now.addDays(1);
    }
    QCOMPARE(names(backups.latest()),
        (QStringList { QStringLiteral("library-20260314-090000-2.dossier"),
            QStringLiteral("library-20260314-090000.dossier"), QStringLiteral("library-20260313-090000-2.dossier") }));
    // Nothing else is left in the folder: no older backups, no temporary files.
    QCOMPARE(QDir(backups.folder()).entryList(QDir::Files | QDir::Hidden).size(), 3);
}

void BackupsTest::backupIsALibraryWithTheSameArticles()
{
    const QString path = makeLibrary(30);
    {
        Core::Library library(path);
        QVERIFY(library.open());
        QVERIFY(library.annotations().annotate(1, 0, 6, { QStringLiteral("kept") }));
    }
    Core::Backups backups(path);
    const Core::Backups::Result result = backups.backupIfDue(Reason::Daily);
    QVERIFY2(result.made, qPrintable(result.error));
    QCOMPARE(backups.latest().size(), 1);
    QCOMPARE(backups.latest().front().path, result.path);
    QVERIFY(Core::LibraryCheck::run(result.path).ok());
    QCOMPARE(RawLibrary(result.path).articles(), RawLibrary(path).articles());
    Core::Library copy(result.path);
    QVERIFY(copy.open());
    QCOMPARE(copy.articles().count().value_or(-1), qint64(30));
    QCOMPARE(copy.annotations().list()->size(), 1);
    QCOMPARE(copy.documents().search(articleMarker(7))->size(), 1);
}

void BackupsTest::nothingToBackUpOrTurnedOff()
{
    Core::Backups missing(m_dir->filePath(QStringLiteral("none.dossier")));
    QVERIFY(!missing.backupIfDue(Reason::LargeImport).made);
    QVERIFY(!QFile::exists(missing.folder()));

    const QString empty = m_dir->filePath(QStringLiteral("empty.dossier"));
    QVERIFY(Core::Library(empty).open());
    Core::Backups none(empty);
    QVERIFY(!none.backupIfDue(Reason::LargeImport).made);
    QVERIFY(none.latest().isEmpty());

    qputenv(Core::BackupSettings::keepVariable, "0");
    Core::Backups off = Core::Backups::fromSettings(makeLibrary(2));
    QCOMPARE(off.keep(), 0);
    QVERIFY(!off.backupIfDue(Reason::LargeImport).made);
    QVERIFY(off.latest().isEmpty());
}

void BackupsTest::failedBackupLeavesNothingBehind()
{
    const QString path = makeLibrary(2);
    const QString blocked = m_dir->filePath(QStringLiteral("a file"));
    QFile file(blocked);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    Core::Backups backups(path);
    backups.setFolder(blocked + QStringLiteral("/backups"));
    const Core::Backups::Result result = backups.backupIfDue(Reason::Daily);
    QVERIFY(!result.made);
    QVERIFY(result.error.contains(QLatin1String("cannot create the backup folder")));
}

void BackupsTest::cliImportBacksUpLargeImportsAndOnceADay()
{
    const QString library = m_dir->filePath(QStringLiteral("cli.dossier"));
    const QString folder = m_dir->filePath(QStringLiteral("cli-backups"));
    qputenv(Core::BackupSettings::folderVariable, folder.toUtf8());
    const auto import = [&](const QString &name, int count, int first, const QStringList &options = {}) {
        generateArticles(m_dir->filePath(name), count, first);
        return runCli(QStringList { QStringLiteral("import"), QStringLiteral("--library"), library } + options
            + QStringList { m_dir->filePath(name) });
    };
    const auto backupCount = [&] { return QDir(folder).entryList({ QStringLiteral("cli-*.dossier") }).size(); };

    // A new library: nothing to back up before; 120 articles are a large import.
    CliRun run = import(QStringLiteral("a"), 120, 0);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(backupCount(), 1);
    QVERIFY2(
        QString::fromUtf8(run.err).contains(QStringLiteral("backed up the library to ") + folder), run.err.constData());
    // A small import the same day: already backed up today.
    QCOMPARE(import(QStringLiteral("b"), 5, 200).exitCode, 0);
    QCOMPARE(backupCount(), 1);
    // --no-backup: not even after a large import.
    QCOMPARE(import(QStringLiteral("c"), 110, 300, { QStringLiteral("--no-backup") }).exitCode, 0);
    QCOMPARE(backupCount(), 1);
    run = import(QStringLiteral("d"), 100, 500);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(backupCount(), 2);
    Core::Backups backups(library);
    backups.setFolder(folder);
    QCOMPARE(RawLibrary(backups.latest().front().path).articles().size(), 335);
}

void BackupsTest::restoreLatestKeepsTheDamagedFileAside()
{
    const QString library = makeLibrary(5);
    Core::Backups backups(library);
    backups.setClock([this] { return m_now; });
    const Core::Backups::Result backup = backups.backupIfDue(Reason::Daily);
    QVERIFY2(backup.made, qPrintable(backup.error));
    // Three articles more than the backup holds, then the library is damaged past opening.
    QCOMPARE(importGenerated(library, m_dir->filePath(QStringLiteral("more")), 3).imported, 3);
    damageFirstPage(library);
    {
        Core::Library damaged(library);
        QVERIFY(!damaged.open());
        QCOMPARE(damaged.openFailure(), Core::Library::OpenFailure::Damaged);
    }
    // A write-ahead log left beside it belongs to the damaged file, not to the backup.
    {
        QFile wal(library + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::WriteOnly));
        wal.write("left by the damaged library");
    }
    const QByteArray damagedBytes = fileDigest(library);
    const QByteArray backupBytes = fileDigest(backup.path);

    m_now = m_now.addSecs(3600);
    const Core::Backups::RestoreResult result = backups.restoreLatest();
    QVERIFY2(result.restored, qPrintable(result.error));
    QCOMPARE(result.backup, backup.path);
    QCOMPARE(result.keptAside, library + QStringLiteral(".damaged-20260310-100000"));
    QCOMPARE(fileDigest(result.keptAside), damagedBytes);
    QVERIFY(QFile::exists(result.keptAside + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(library + QStringLiteral("-wal")));
    QCOMPARE(fileDigest(library), backupBytes);
    QCOMPARE(fileDigest(backup.path), backupBytes); // the backup stays a backup
    // No temporary copy was left beside it.
    QCOMPARE(QDir(m_dir->path()).entryList({ QStringLiteral("*.tmp") }, QDir::Files | QDir::Hidden), QStringList());
    Core::Library restored(library);
    QVERIFY2(restored.open(), qPrintable(restored.errorString()));
    QCOMPARE(restored.articles().count().value_or(-1), qint64(5));
}

void BackupsTest::restoreLatestWithoutABackupChangesNothing()
{
    const QString library = makeLibrary(2);
    damageFirstPage(library);
    const QByteArray before = fileDigest(library);
    const QStringList files = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    Core::Backups backups(library);
    const Core::Backups::RestoreResult result = backups.restoreLatest();
    QVERIFY(!result.restored);
    QVERIFY2(result.error.contains(QLatin1String("there is no backup of")), qPrintable(result.error));
    QVERIFY(result.keptAside.isEmpty());
    QCOMPARE(fileDigest(library), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), files);
}

QTEST_GUILESS_MAIN(BackupsTest)
#include "backups_test.moc"
