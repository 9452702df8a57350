#include "privatemount.h"
#include "safetyhelpers.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Test;

namespace
{
QString namespaceProblem; // set by main(): why no private mount namespace could be made
} // namespace

// dossier-cli when resources run out or are refused: a full disk, a read-only library, a file
// over the size limit.
class ResourceFaultsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void fullDiskStopsCleanlyAndImportResumes();
    void readOnlyLibraryReadsButRefusesWrites_data();
    void readOnlyLibraryReadsButRefusesWrites();
    void fileOverTheLimitIsRefusedUnread_data();
    void fileOverTheLimitIsRefusedUnread();
    void badSizeLimitIsAUsageError();

private:
    // A tmpfs of \a bytes at DIR/disk, for this test function only.
    QString smallDisk(qint64 bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_mounts;
};

void ResourceFaultsTest::init()
{
    for (const QString &mount : std::as_const(m_mounts)) {
        ::umount2(QFile::encodeName(mount).constData(), MNT_DETACH);
    }
    m_mounts.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString ResourceFaultsTest::smallDisk(qint64 bytes)
{
    const QString disk = m_dir->filePath(QStringLiteral("disk"));
    const QString problem = mountTmpfs(disk, bytes);
    if (!problem.isEmpty()) {
        qWarning("%s", qPrintable(problem));
        return {};
    }
    m_mounts.append(disk);
    return disk;
}

void ResourceFaultsTest::fullDiskStopsCleanlyAndImportResumes()
{
    if (!namespaceProblem.isEmpty()) {
        QSKIP(qPrintable(namespaceProblem));
    }
    const QString corpus = m_dir->filePath(QStringLiteral("corpus"));
    const QStringList files = generateArticles(corpus, 600);
    const QString disk = smallDisk(600 * 1024);
    QVERIFY(!disk.isEmpty());
    const QString library = disk + QStringLiteral("/library.dossier");

    const CliRun full = runCli({ QStringLiteral("import"), QStringLiteral("--library"), library, corpus });
    QCOMPARE(full.exitCode, 1); // a clear failure, not a crash
    QVERIFY2(full.err.contains("dossier-cli: import stopped: the disk is full"), full.err.constData());
    QVERIFY2(full.lastLine().value(QLatin1String("error")).toString().contains(QLatin1String("the disk is full")),
        full.out.constData());
    const int stored = full.lastLine().value(QLatin1String("imported")).toInt();
    QVERIFY2(stored < files.size(), "the disk was large enough: nothing was tested");

    // Consistent as it is, on the full disk: only whole articles, as many as were reported.
    const QString reference = m_dir->filePath(QStringLiteral("reference.dossier"));
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), reference, corpus }).exitCode, 0);
    const QHash<QString, ArticleFacts> whole = RawLibrary(reference).articles();
    {
        const RawLibrary partial(library);
        const QStringList problems = partial.audit(whole, markersOf(files));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(partial.articles().size(), stored);
    }
    // Space freed: the same import goes on where it stopped.
    QVERIFY(mountTmpfs(disk, 64 * 1024 * 1024, false, true).isEmpty());
    const CliRun resumed = runCli({ QStringLiteral("import"), QStringLiteral("--library"), library, corpus });
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QCOMPARE(resumed.lastLine().value(QLatin1String("imported")).toInt(), files.size() - stored);
    QCOMPARE(resumed.lastLine().value(QLatin1String("unchanged")).toInt(), stored);
    const RawLibrary complete(library);
    const QStringList problems = complete.audit(whole, markersOf(files));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(complete.articles().size(), files.size());
    qInfo("full disk: %d of %lld articles stored on a 600 KiB tmpfs, the rest after it grew", stored,
        qint64(files.size()));
}

void ResourceFaultsTest::readOnlyLibraryReadsButRefusesWrites_data()
{
    QTest::addColumn<QStringList>("arguments"); // after --library L; DOC is an article id, OUT a file
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("lines"); // on stdout, for commands that work
    const QByteArray notice = "cannot be written: opened read-only";
    const QByteArray refused = "the library is read-only";
    QTest::newRow("list") << QStringList { QStringLiteral("list") } << 0 << notice << 3;
    QTest::newRow("search") << QStringList { QStringLiteral("search"), QStringLiteral("terminal") } << 0 << notice << 3;
    QTest::newRow("entities") << QStringList { QStringLiteral("entities"), QStringLiteral("--type"),
        QStringLiteral("PERSON") }
                              << 0 << notice << -1;
    QTest::newRow("annotations") << QStringList { QStringLiteral("annotations") } << 0 << notice << 1;
    QTest::newRow("export") << QStringList { QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("md"),
        QStringLiteral("--out"), QStringLiteral("OUT") }
                            << 0 << notice << 1;
    QTest::newRow("import") << QStringList { QStringLiteral("import"), QStringLiteral("NEW") } << 1 << refused << 1;
    QTest::newRow("annotate") << QStringList { QStringLiteral("annotate"), QStringLiteral("--doc"),
        QStringLiteral("DOC"), QStringLiteral("--start"), QStringLiteral("0"), QStringLiteral("--end"),
        QStringLiteral("6") } << 1
                              << refused << 0;
    QTest::newRow("tag") << QStringList { QStringLiteral("tag"), QStringLiteral("--doc"), QStringLiteral("DOC"),
        QStringLiteral("Checked") }
                         << 1 << refused << 0;
}

void ResourceFaultsTest::readOnlyLibraryReadsButRefusesWrites()
{
    if (!namespaceProblem.isEmpty()) {
        QSKIP(qPrintable(namespaceProblem));
    }
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    QFETCH(int, lines);
    const QString disk = smallDisk(8 * 1024 * 1024);
    QVERIFY(!disk.isEmpty());
    const QString library = disk + QStringLiteral("/library.dossier");
    generateArticles(m_dir->filePath(QStringLiteral("old")), 3, 0);
    generateArticles(m_dir->filePath(QStringLiteral("new")), 2, 3);
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), library,
                        m_dir->filePath(QStringLiteral("old")) })
                 .exitCode,
        0);
    const QString doc = RawLibrary(library).value(QStringLiteral("SELECT min(id) FROM articles")).toString();
    QCOMPARE(runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), library, QStringLiteral("--doc"), doc,
                        QStringLiteral("--start"), QStringLiteral("0"), QStringLiteral("--end"), QStringLiteral("6") })
                 .exitCode,
        0);
    const auto bytes = [&] {
        QFile file(library);
        return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                              : QByteArray();
    };
    const QByteArray before = bytes();
    QVERIFY(mountTmpfs(disk, 8 * 1024 * 1024, true, true).isEmpty()); // now read-only

    arguments.replaceInStrings(QStringLiteral("NEW"), m_dir->filePath(QStringLiteral("new")));
    arguments.replaceInStrings(QStringLiteral("DOC"), doc);
    arguments.replaceInStrings(QStringLiteral("OUT"), m_dir->filePath(QStringLiteral("pack.md")));
    const CliRun run
        = runCli(QStringList { arguments.front(), QStringLiteral("--library"), library } + arguments.mid(1));
    QVERIFY2(run.exitCode == exitCode, run.err.constData());
    QVERIFY2(run.err.contains(message), run.err.constData());
    if (lines >= 0) {
        QCOMPARE(run.out.count('\n'), lines);
    }
    QCOMPARE(bytes(), before); // untouched
    const auto count = [&](const QString &command) {
        return runCli({ command, QStringLiteral("--library"), library }).out.count('\n');
    };
    QCOMPARE(count(QStringLiteral("list")), 3);
    QCOMPARE(count(QStringLiteral("annotations")), 1);
}

void ResourceFaultsTest::fileOverTheLimitIsRefusedUnread_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<qint64>("size"); // of the sparse file
    QTest::addColumn<QString>("limit");
    QTest::newRow("8 GiB, default limit") << QStringList {} << (qint64(8) << 30) << QStringLiteral("64 MB");
    QTest::newRow("64 MiB and one byte, default limit")
        << QStringList {} << (qint64(64 << 20) + 1) << QStringLiteral("64 MB");
    QTest::newRow("2 MiB, --max-file-size 1") << QStringList { QStringLiteral("--max-file-size"), QStringLiteral("1") }
                                              << qint64(2 << 20) << QStringLiteral("1 MB");
}

void ResourceFaultsTest::fileOverTheLimitIsRefusedUnread()
{
    QFETCH(QStringList, options);
    QFETCH(qint64, size);
    QFETCH(QString, limit);
    const QString corpus = m_dir->filePath(QStringLiteral("corpus"));
    const QStringList small = generateArticles(corpus, 2);
    // Sparse: costs no disk, and reading it would take seconds and gigabytes.
    const QString huge = corpus + QStringLiteral("/huge.txt");
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(size));
    file.close();
    QElapsedTimer timer;
    timer.start();
    const CliRun run = runCli(QStringList { QStringLiteral("import"), QStringLiteral("--library"),
                                  m_dir->filePath(QStringLiteral("library.dossier")) }
        + options + QStringList { corpus });
    QCOMPARE(run.exitCode, 1); // one file failed
    const QJsonObject result = run.lastLine();
    QCOMPARE(result.value(QLatin1String("imported")).toInt(), small.size());
    const QJsonArray failed = result.value(QLatin1String("failed")).toArray();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed[0].toObject().value(QLatin1String("path")).toString(), huge);
    const QString error = failed[0].toObject().value(QLatin1String("error")).toString();
    QVERIFY2(
        error.startsWith(QLatin1String("file too large")) && error.contains(QStringLiteral("the limit is ") + limit),
        qPrintable(error));
    // analyze says the same, file by file.
    const CliRun analyzed = runCli(QStringList { QStringLiteral("analyze") } + options + QStringList { huge });
    QCOMPARE(analyzed.exitCode, 1);
    QCOMPARE(analyzed.lastLine().value(QLatin1String("error")).toString(), error);
    QVERIFY2(timer.elapsed() < 20000, "the refused file seems to have been read");
}

void ResourceFaultsTest::badSizeLimitIsAUsageError()
{
    for (const QString &value : { QStringLiteral("0"), QStringLiteral("-3"), QStringLiteral("lots") }) {
        const CliRun run = runCli(
            { QStringLiteral("import"), QStringLiteral("--library"), m_dir->filePath(QStringLiteral("library.dossier")),
                QStringLiteral("--max-file-size"), value, m_dir->path() });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--max-file-size wants a number of megabytes"), run.err.constData());
        QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("library.dossier"))));
    }
}

int main(int argc, char *argv[])
{
    // Before QCoreApplication: unshare() refuses a process with threads.
    namespaceProblem = enterPrivateMountNamespace();
    QCoreApplication app(argc, argv);
    ResourceFaultsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "resourcefaults_test.moc"
