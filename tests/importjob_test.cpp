#include "import/importjob.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Dossier::Core;

class ImportJobTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void importsFolderRecursively();
    void reimportIsNoOpAndChangedFileUpdates();
    void badInputGetsClearPerFileErrors_data();
    void badInputGetsClearPerFileErrors();
    void importsFiftyMegabyteFile();
    void decodesLegacyAndWideEncodings_data();
    void decodesLegacyAndWideEncodings();
    void unreadableFilesGetClearErrors_data();
    void unreadableFilesGetClearErrors();
    void survivesDirectorySymlinkLoop();
    void fileDeletedMidImportIsReported();
    void cancelLeavesWholeArticlesOnly();
    void jobRunsOffThreadWithProgress();
    void unopenableLibraryIsFatalError();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QString library() const { return m_dir->filePath(QStringLiteral("lib.dossier")); }
    QString corpus() const { return m_dir->filePath(QStringLiteral("corpus")); }
    // An import of the corpus folder into \a libraryPath (the test's library unless given).
    ImportRequest corpusImport(const QString &libraryPath = {}) const
    {
        ImportRequest request;
        request.libraryPath = libraryPath.isEmpty() ? library() : libraryPath;
        request.paths = { corpus() };
        return request;
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

QByteArray article(int n)
{
    return QStringLiteral("Harbor Ledger live feed\n\nPort authority weighs new rules %1\n\nMANILA — Officials said on "
                          "Tuesday that the port authority would review its cyber rules after incident %1. The review "
                          "will take three months, a spokesperson said.\n\nMore Headlines\n")
        .arg(n)
        .toUtf8();
}

// Articles stored vs. the library's own consistency checks.
void checkConsistent(const QString &path, int expectedArticles)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("consistency"));
    db.setDatabaseName(path);
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM articles")) && query.next());
        QCOMPARE(query.value(0).toInt(), expectedArticles);
        // Every article has its FTS row.
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM articles_fts")) && query.next());
        QCOMPARE(query.value(0).toInt(), expectedArticles);
        QVERIFY(query.exec(QStringLiteral("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("consistency"));
}

} // namespace

void ImportJobTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(corpus()));
}

QString ImportJobTest::write(const QString &name, const QByteArray &bytes)
{
    const QString path = corpus() + u'/' + name;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write test file");
    }
    return path;
}

void ImportJobTest::importsFolderRecursively()
{
    write(QStringLiteral("a.txt"), article(1));
    write(QStringLiteral("sub/b.txt"), article(2));
    write(QStringLiteral("sub/deeper/c.md"), QByteArrayLiteral("---\ntitle: Notes\n---\n\nSome notes on Manila.\n"));
    write(QStringLiteral("sub/image.png"), QByteArrayLiteral("\x89PNG"));
    write(QStringLiteral(".hidden/d.txt"), article(4));
    ImportRequest request = corpusImport();
    const ImportSummary summary = importFiles(request, false);
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    QCOMPARE(summary.imported, 3);
    QCOMPARE(summary.failed.size(), 0);
    checkConsistent(library(), 3);
}

void ImportJobTest::reimportIsNoOpAndChangedFileUpdates()
{
    const QString a = write(QStringLiteral("a.txt"), article(1));
    write(QStringLiteral("b.txt"), article(2));
    ImportRequest request = corpusImport();
    QCOMPARE(importFiles(request, false).imported, 2);
    const ImportSummary again = importFiles(request, false);
    QCOMPARE(again.imported, 0);
    QCOMPARE(again.unchanged, 2);
    write(QStringLiteral("a.txt"), article(11));
    const ImportSummary changed = importFiles(request, false);
    QCOMPARE(changed.updated, 1);
    QCOMPARE(changed.unchanged, 1);
    Library lib(library());
    QVERIFY(lib.open());
    QCOMPARE(lib.articles().count(), 2);
    const auto hits = lib.documents().search(QStringLiteral("\"incident 11\""));
    QVERIFY(hits);
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->front().path, a);
}

void ImportJobTest::badInputGetsClearPerFileErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error"); // empty: imports fine

    QTest::newRow("empty file") << QStringLiteral("empty.txt") << QByteArray() << QString();
    QByteArray binary("\x7f"
                      "ELF\x02\x01\x01\x00\x00\x00",
        10);
    binary += QByteArray(500, '\0');
    QTest::newRow("binary file") << QStringLiteral("program.txt") << binary << QStringLiteral("binary");
    QTest::newRow("invalid utf-8") << QStringLiteral("broken.txt")
                                   << QByteArray("Caf\xC3 au lait \xFF\xFE in Manila, officials said.\n") << QString();
    QTest::newRow("over the size limit") << QStringLiteral("huge.txt") << QByteArray(3 * 1024 * 1024, 'a')
                                         << QStringLiteral("too large");
}

void ImportJobTest::badInputGetsClearPerFileErrors()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    write(QStringLiteral("good-1.txt"), article(1));
    const QString bad = write(name, bytes);
    write(QStringLiteral("good-2.txt"), article(2));
    ImportRequest request = corpusImport();
    request.options.maxFileSize = 2 * 1024 * 1024;
    const ImportSummary summary = importFiles(request, false);
    QVERIFY(summary.fatalError.isEmpty());
    if (error.isEmpty()) {
        QCOMPARE(summary.failed.size(), 0);
        QCOMPARE(summary.imported, 3);
    } else {
        QCOMPARE(summary.failed.size(), 1);
        QCOMPARE(summary.failed.front().path, bad);
        QVERIFY2(summary.failed.front().error.contains(error), qPrintable(summary.failed.front().error));
        QCOMPARE(summary.imported, 2);
    }
    checkConsistent(library(), summary.imported);
}

void ImportJobTest::importsFiftyMegabyteFile()
{
    // Under the default 64 MB limit: read, cleaned, analysed and stored whole.
    const QByteArray paragraph = "Officials in Manila said talks with the European Union on port security would "
                                 "continue next month, after a review of the cyber incident at the harbour.\n\n";
    QByteArray bytes = "Port security review\n\n";
    bytes.reserve(50 * 1024 * 1024 + paragraph.size());
    while (bytes.size() < 50 * 1024 * 1024) {
        bytes += paragraph;
    }
    write(QStringLiteral("big.txt"), bytes);
    bytes.clear();
    ImportRequest request = corpusImport();
    const ImportSummary summary = importFiles(request, false);
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    QCOMPARE(summary.failed.size(), 0);
    QCOMPARE(summary.imported, 1);
    checkConsistent(library(), 1);
}

void ImportJobTest::decodesLegacyAndWideEncodings_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    const QString japanese
        = QStringLiteral("東京発\n\n東京で開かれた会議で、各国の代表はサイバー攻撃への対策を強化することで合意した。"
                         "外務省の担当者は、来月にも新しい枠組みについて協議を始めると述べた。");
    QTest::newRow("Shift_JIS") << QStringLiteral("Shift_JIS") << japanese;
    QTest::newRow("EUC-JP") << QStringLiteral("EUC-JP") << japanese;
    QTest::newRow("UTF-16LE") << QStringLiteral(
        "UTF-16LE") << QStringLiteral("Talks in Genève\n\nThe délégués met in Genève on Monday, officials said.");
}

void ImportJobTest::decodesLegacyAndWideEncodings()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QStringEncoder encoder(encoding, QStringConverter::Flag::WriteBom);
    const QByteArray bytes = encoder.encode(text);
    write(QStringLiteral("article.txt"), bytes);
    ImportRequest request = corpusImport();
    qint64 id = -1;
    request.stored = [&](qint64 storedId, StoreOutcome) { id = storedId; };
    const ImportSummary summary = importFiles(request, false);
    QCOMPARE(summary.imported, 1);
    Library lib(library());
    QVERIFY(lib.open());
    const auto stored = lib.articles().get(id);
    QVERIFY(stored);
    QCOMPARE(stored->encoding, encoding);
    QCOMPARE(stored->rawText, text);
}

void ImportJobTest::unreadableFilesGetClearErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("error");
    QTest::newRow("no read permission") << QStringLiteral("mode000") << QStringLiteral("permission denied");
    QTest::newRow("named pipe") << QStringLiteral("fifo") << QStringLiteral("not a regular file");
    QTest::newRow("dangling symlink") << QStringLiteral("dangling") << QStringLiteral("not found");
}

void ImportJobTest::unreadableFilesGetClearErrors()
{
    QFETCH(QString, kind);
    QFETCH(QString, error);
    write(QStringLiteral("good.txt"), article(1));
    const QString bad = corpus() + QStringLiteral("/bad.txt");
    if (kind == u"mode000") {
        if (geteuid() == 0) {
            QSKIP("root reads every file whatever its mode");
        }
        write(QStringLiteral("bad.txt"), article(2));
        QVERIFY(QFile::setPermissions(bad, QFileDevice::Permissions()));
    } else if (kind == u"fifo") {
        QCOMPARE(mkfifo(QFile::encodeName(bad).constData(), 0600), 0);
    } else {
        QVERIFY(QFile::link(corpus() + QStringLiteral("/nowhere.txt"), bad));
    }
    ImportRequest request = corpusImport();
    const ImportSummary summary = importFiles(request, false);
    QCOMPARE(summary.imported, 1);
    QCOMPARE(summary.failed.size(), 1);
    QCOMPARE(summary.failed.front().path, bad);
    QVERIFY2(summary.failed.front().error.contains(error), qPrintable(summary.failed.front().error));
}

void ImportJobTest::survivesDirectorySymlinkLoop()
{
    write(QStringLiteral("a/one.txt"), article(1));
    QVERIFY(QFile::link(corpus(), corpus() + QStringLiteral("/a/loop")));
    QVERIFY(QFile::link(corpus() + QStringLiteral("/a"), corpus() + QStringLiteral("/a/self")));
    ImportRequest request = corpusImport();
    const ImportSummary summary = importFiles(request, false);
    QCOMPARE(summary.imported, 1);
    QCOMPARE(summary.failed.size(), 0);
}

void ImportJobTest::fileDeletedMidImportIsReported()
{
    // Analysis runs in batches of 32, one batch ahead of storing: a file in the third batch can be
    // deleted once the first batch reports progress, before it is read.
    QStringList paths;
    for (int i = 0; i < 70; ++i) {
        paths.append(write(QStringLiteral("a%1.txt").arg(i, 2, 10, QLatin1Char('0')), article(i)));
    }
    const QString victim = paths.last();
    ImportRequest request = corpusImport();
    request.progress = [&](int done, int, const QString &) {
        if (done == 1) {
            QFile::remove(victim);
        }
    };
    const ImportSummary summary = importFiles(request, false);
    QCOMPARE(summary.imported, 69);
    QCOMPARE(summary.failed.size(), 1);
    QCOMPARE(summary.failed.front().path, victim);
    QVERIFY(summary.failed.front().error.contains(QLatin1String("not found")));
    checkConsistent(library(), 69);
}

void ImportJobTest::cancelLeavesWholeArticlesOnly()
{
    for (int i = 0; i < 20; ++i) {
        write(QStringLiteral("a%1.txt").arg(i), article(i));
    }
    std::atomic_bool cancel { false };
    ImportRequest request = corpusImport();
    request.progress = [&](int done, int, const QString &) {
        if (done == 5) {
            cancel = true;
        }
    };
    const ImportSummary summary = importFiles(request, cancel);
    QVERIFY(summary.canceled);
    QCOMPARE(summary.imported, 5);
    checkConsistent(library(), 5);
}

void ImportJobTest::jobRunsOffThreadWithProgress()
{
    for (int i = 0; i < 10; ++i) {
        write(QStringLiteral("a%1.txt").arg(i), article(i));
    }
    ImportJob job(library(), { corpus() });
    QSignalSpy progress(&job, &ImportJob::progress);
    QSignalSpy stored(&job, &ImportJob::articleStored);
    QSignalSpy finished(&job, &ImportJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(progress.size(), 10);
    QCOMPARE(progress.last().at(0).toInt(), 10);
    QCOMPARE(progress.last().at(1).toInt(), 10);
    QCOMPARE(stored.size(), 10);
    QVERIFY(stored.first().at(0).toLongLong() > 0);
    QCOMPARE(finished.first().at(0).value<ImportSummary>().imported, 10);
}

void ImportJobTest::unopenableLibraryIsFatalError()
{
    write(QStringLiteral("a.txt"), article(1));
    ImportRequest request = corpusImport(corpus()); // a folder is not a library file
    const ImportSummary summary = importFiles(request, false);
    QVERIFY(!summary.fatalError.isEmpty());
    QCOMPARE(summary.imported, 0);
}

QTEST_GUILESS_MAIN(ImportJobTest)
#include "importjob_test.moc"
