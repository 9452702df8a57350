#include "safetyhelpers.h"
#include "store/datalocations.h"
#include "store/library.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using namespace Dossier::Test;

// Where the library and settings live: the user's own data and config folders, and a library an
// earlier build kept elsewhere (dossier/dossier, or inside the build root's home) moved out.
class DataLocationsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void followTheXdgFolders();
    void settingsLandInTheConfigFolder();
    void cliWithoutLibraryWritesTheDataFolder();
    void movesAnOldLibraryWithNothingLost_data();
    void movesAnOldLibraryWithNothingLost();
    void leavesTheOldLibraryWhenTheNewPlaceIsTaken();
    void nothingToMoveIsSilent();

private:
    QString data() const { return m_dir->filePath(QStringLiteral("data")); }
    QString config() const { return m_dir->filePath(QStringLiteral("config")); }
    QString rootHome() const { return m_dir->filePath(QStringLiteral("root-home")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

// Makes a library at \a path with two articles and an annotation still in its WAL (copied while a
// connection holds it open, as a crash would leave it).
void makeOldLibrary(const QString &path, const QString &scratch)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QStringList files = generateArticles(scratch, 2);
    const QString working = scratch + QStringLiteral("/working.dossier");
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), working, scratch }).exitCode, 0);
    Library library(working);
    QVERIFY(library.open());
    const auto rows = library.documents().window({}, DocumentSort::Title, Qt::AscendingOrder, 0, 1);
    QVERIFY(rows && !rows->isEmpty());
    QVERIFY(library.annotations().annotate(
        rows->front().id, 0, 6, { QStringLiteral("Moved") }, QStringLiteral("kept in the WAL")));
    QVERIFY(QFileInfo(working + QStringLiteral("-wal")).size() > 0);
    QVERIFY(QFile::copy(working, path));
    QVERIFY(QFile::copy(working + QStringLiteral("-wal"), path + QStringLiteral("-wal")));
}

} // namespace

void DataLocationsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_DATA_HOME", data().toUtf8());
    qputenv("XDG_CONFIG_HOME", config().toUtf8());
    qputenv("DOSSIER_LEGACY_HOME", rootHome().toUtf8());
}

void DataLocationsTest::cleanup()
{
    qunsetenv("DOSSIER_LEGACY_HOME");
}

void DataLocationsTest::followTheXdgFolders()
{
    QCOMPARE(DataLocations::dataFolder(), data() + QStringLiteral("/Dossier"));
    QCOMPARE(Library::defaultPath(), data() + QStringLiteral("/Dossier/library.dossier"));
    QCOMPARE(DataLocations::settingsFile(), config() + QStringLiteral("/Dossier/dossier.conf"));
}

void DataLocationsTest::settingsLandInTheConfigFolder()
{
    // What the programs set at start; QSettings then writes the file settingsFile() names.
    QCoreApplication::setOrganizationName(QLatin1StringView(DataLocations::organizationName));
    QCoreApplication::setApplicationName(QLatin1StringView(DataLocations::applicationName));
    {
        QSettings settings;
        settings.setValue(QStringLiteral("probe"), 1);
        settings.sync();
        QCOMPARE(QFileInfo(settings.fileName()).absoluteFilePath(),
            QFileInfo(DataLocations::settingsFile()).absoluteFilePath());
    }
    QVERIFY(QFileInfo::exists(config() + QStringLiteral("/Dossier/dossier.conf")));
}

void DataLocationsTest::cliWithoutLibraryWritesTheDataFolder()
{
    const QStringList files = generateArticles(m_dir->filePath(QStringLiteral("articles")), 1);
    const CliRun run = runCli({ QStringLiteral("import"), files.front() });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.lastLine().value(QLatin1String("imported")).toInt(), 1);
    QVERIFY(QFileInfo(data() + QStringLiteral("/Dossier/library.dossier")).size() > 0);
    QVERIFY(!QFileInfo::exists(data() + QStringLiteral("/dossier")));
}

void DataLocationsTest::movesAnOldLibraryWithNothingLost_data()
{
    QTest::addColumn<QString>("oldData"); // relative to the test folder
    QTest::addColumn<QString>("oldConfig");
    QTest::newRow("dossier/dossier in the data folder") << QStringLiteral("data") << QStringLiteral("config");
    QTest::newRow("the build root's own home")
        << QStringLiteral("root-home/.local/share") << QStringLiteral("root-home/.config");
}

void DataLocationsTest::movesAnOldLibraryWithNothingLost()
{
    QFETCH(QString, oldData);
    QFETCH(QString, oldConfig);
    const QString old = m_dir->filePath(oldData + QStringLiteral("/dossier/dossier/library.dossier"));
    makeOldLibrary(old, m_dir->filePath(QStringLiteral("scratch")));
    if (QTest::currentTestFailed()) {
        return;
    }
    QFile upgradeBackup(old + QStringLiteral(".schema-4.bak"));
    QVERIFY(upgradeBackup.open(QIODevice::WriteOnly));
    upgradeBackup.write("an upgrade backup");
    upgradeBackup.close();
    const QString oldSettings = m_dir->filePath(oldConfig + QStringLiteral("/dossier/dossier.conf"));
    QDir().mkpath(QFileInfo(oldSettings).absolutePath());
    QFile settings(oldSettings);
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("[library]\nlast=" + old.toUtf8() + "\n");
    settings.close();

    // The first start (the CLI here) moves it and says so on stderr.
    const CliRun first = runCli({ QStringLiteral("annotations") });
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QVERIFY2(
        first.err.contains(QByteArray(QByteArray("moved your library from ") + old.toUtf8())), first.err.constData());
    QVERIFY2(first.err.contains("moved your settings"), first.err.constData());
    // The annotation that was only in the WAL is there.
    QCOMPARE(first.lastLine().value(QLatin1String("note")).toString(), QStringLiteral("kept in the WAL"));
    const QString moved = data() + QStringLiteral("/Dossier/library.dossier");
    {
        Library library(moved);
        QVERIFY(library.open());
        QCOMPARE(library.articles().count(), 2);
        QCOMPARE(library.annotations().list()->size(), 1);
    }
    QVERIFY(!QFileInfo::exists(old));
    QVERIFY(!QFileInfo::exists(old + QStringLiteral("-wal")));
    QVERIFY(QFileInfo::exists(data() + QStringLiteral("/Dossier/library.dossier.schema-4.bak")));
    QVERIFY(!QFileInfo::exists(oldSettings));
    QVERIFY(QFileInfo::exists(config() + QStringLiteral("/Dossier/dossier.conf")));
    // Once: the next start finds nothing to move.
    const CliRun second = runCli({ QStringLiteral("list") });
    QCOMPARE(second.exitCode, 0);
    QVERIFY2(second.err.isEmpty(), second.err.constData());
}

void DataLocationsTest::leavesTheOldLibraryWhenTheNewPlaceIsTaken()
{
    // A library at the new place already: the old one is left where it is, the new one untouched.
    {
        Library library(Library::defaultPath());
        QVERIFY(library.open());
    }
    const QString old = rootHome() + QStringLiteral("/.local/share/dossier/dossier/library.dossier");
    makeOldLibrary(old, m_dir->filePath(QStringLiteral("scratch")));
    if (QTest::currentTestFailed()) {
        return;
    }
    const CliRun run = runCli({ QStringLiteral("list") });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY(QFileInfo::exists(old));
    QVERIFY(QFileInfo::exists(old + QStringLiteral("-wal")));
}

void DataLocationsTest::nothingToMoveIsSilent()
{
    const DataLocations::LegacyMove move = DataLocations::moveLegacyData();
    QVERIFY(move.library.isEmpty());
    QVERIFY(move.settings.isEmpty());
    QVERIFY(move.messages().isEmpty());
}

QTEST_GUILESS_MAIN(DataLocationsTest)
#include "datalocations_test.moc"
