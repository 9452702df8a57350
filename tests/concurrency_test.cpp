#include "safetyhelpers.h"
#include "store/library.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Test;

// Several dossier-cli processes writing to one library at once.
class ConcurrencyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void twoImportsBothFinishWithNothingLostOrDuplicated();
    void pairsOpeningOneNewLibraryTogetherBothSucceed();
    void writerWaitsVisiblyForAnother_data();
    void writerWaitsVisiblyForAnother();

private:
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("library.dossier")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void ConcurrencyTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void ConcurrencyTest::twoImportsBothFinishWithNothingLostOrDuplicated()
{
    // Each process has a folder of its own, and both import a third folder they share.
    const QStringList own1 = generateArticles(m_dir->filePath(QStringLiteral("one")), 150, 0);
    const QStringList own2 = generateArticles(m_dir->filePath(QStringLiteral("two")), 150, 150);
    const QStringList shared = generateArticles(m_dir->filePath(QStringLiteral("shared")), 100, 300);
    QProcess first;
    QProcess second;
    first.start(QStringLiteral(DOSSIER_CLI),
        { QStringLiteral("import"), QStringLiteral("--library"), libraryPath(), m_dir->filePath(QStringLiteral("one")),
            m_dir->filePath(QStringLiteral("shared")) });
    second.start(QStringLiteral(DOSSIER_CLI),
        { QStringLiteral("import"), QStringLiteral("--library"), libraryPath(), m_dir->filePath(QStringLiteral("two")),
            m_dir->filePath(QStringLiteral("shared")) });
    QVERIFY(first.waitForFinished(120000));
    QVERIFY(second.waitForFinished(120000));
    const QByteArray errors = first.readAllStandardError() + second.readAllStandardError();
    QCOMPARE(first.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QVERIFY2(first.exitCode() == 0 && second.exitCode() == 0, errors.constData());
    const QJsonObject one = QJsonDocument::fromJson(first.readAllStandardOutput().trimmed()).object();
    const QJsonObject two = QJsonDocument::fromJson(second.readAllStandardOutput().trimmed()).object();
    // Every article was imported by exactly one of them; the other found the shared ones already there.
    QCOMPARE(one.value(QLatin1String("imported")).toInt() + two.value(QLatin1String("imported")).toInt(), 400);
    QCOMPARE(one.value(QLatin1String("unchanged")).toInt() + two.value(QLatin1String("unchanged")).toInt(), 100);
    QVERIFY(one.value(QLatin1String("failed")).toArray().isEmpty());
    QVERIFY(two.value(QLatin1String("failed")).toArray().isEmpty());

    const RawLibrary library(libraryPath());
    const QStringList all = own1 + own2 + shared;
    const QStringList stored = [&] {
        QStringList paths;
        for (const QVariant &path : library.column(QStringLiteral("SELECT path FROM articles"))) {
            paths.append(path.toString());
        }
        return paths;
    }();
    QCOMPARE(stored.size(), all.size()); // nothing duplicated
    QCOMPARE(QSet<QString>(stored.cbegin(), stored.cend()), QSet<QString>(all.cbegin(), all.cend())); // nor lost
    // And each one whole, as one process alone would have stored it.
    const QString reference = m_dir->filePath(QStringLiteral("reference.dossier"));
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), reference,
                        m_dir->filePath(QStringLiteral("one")), m_dir->filePath(QStringLiteral("two")),
                        m_dir->filePath(QStringLiteral("shared")) })
                 .exitCode,
        0);
    QHash<QString, QString> markers = markersOf(own1, 0);
    markers.insert(markersOf(own2, 150));
    markers.insert(markersOf(shared, 300));
    const QStringList problems = library.audit(RawLibrary(reference).articles(), markers);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void ConcurrencyTest::pairsOpeningOneNewLibraryTogetherBothSucceed()
{
    // Two processes setting up one new library at the same moment (first read, switch to WAL,
    // migrations) both succeed: one of them waits for the other, none fails with "locked". Many
    // pairs, each on a fresh library, because the race lasts milliseconds.
    const QString folder = m_dir->filePath(QStringLiteral("articles"));
    generateArticles(folder, 2, 0);
    constexpr int pairs = 24;
    for (int pair = 0; pair < pairs; ++pair) {
        const QString library = m_dir->filePath(QStringLiteral("fresh-%1.dossier").arg(pair));
        QProcess first;
        QProcess second;
        // One writes (import), the other only reads (list): both open, and so set up, the library.
        first.start(
            QStringLiteral(DOSSIER_CLI), { QStringLiteral("import"), QStringLiteral("--library"), library, folder });
        second.start(QStringLiteral(DOSSIER_CLI), { QStringLiteral("list"), QStringLiteral("--library"), library });
        QVERIFY(first.waitForFinished(60000));
        QVERIFY(second.waitForFinished(60000));
        const QByteArray errors = first.readAllStandardError() + second.readAllStandardError();
        QVERIFY2(first.exitStatus() == QProcess::NormalExit && first.exitCode() == 0,
            qPrintable(QStringLiteral("pair %1: import failed: %2").arg(pair).arg(QString::fromUtf8(errors))));
        QVERIFY2(second.exitStatus() == QProcess::NormalExit && second.exitCode() == 0,
            qPrintable(QStringLiteral("pair %1: list failed: %2").arg(pair).arg(QString::fromUtf8(errors))));
        const RawLibrary raw(library);
        QCOMPARE(raw.column(QStringLiteral("SELECT count(*) FROM articles")).value(0).toInt(), 2);
        QCOMPARE(raw.column(QStringLiteral("PRAGMA user_version")).value(0).toInt(),
            Dossier::Core::Library::schemaVersion());
    }
}

void ConcurrencyTest::writerWaitsVisiblyForAnother_data()
{
    QTest::addColumn<QStringList>("arguments"); // after --library L; DOC stands for an article id
    QTest::newRow("import") << QStringList { QStringLiteral("import"), QStringLiteral("NEW") };
    QTest::newRow("annotate") << QStringList { QStringLiteral("annotate"), QStringLiteral("--doc"),
        QStringLiteral("DOC"), QStringLiteral("--start"), QStringLiteral("0"), QStringLiteral("--end"),
        QStringLiteral("6") };
    QTest::newRow("tag") << QStringList { QStringLiteral("tag"), QStringLiteral("--doc"), QStringLiteral("DOC"),
        QStringLiteral("Checked") };
}

void ConcurrencyTest::writerWaitsVisiblyForAnother()
{
    QFETCH(QStringList, arguments);
    const QString library = libraryPath();
    generateArticles(m_dir->filePath(QStringLiteral("old")), 2, 0);
    const QStringList fresh = generateArticles(m_dir->filePath(QStringLiteral("new")), 5, 10);
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), library,
                        m_dir->filePath(QStringLiteral("old")) })
                 .exitCode,
        0);
    arguments.replaceInStrings(QStringLiteral("NEW"), m_dir->filePath(QStringLiteral("new")));
    const RawLibrary holder(library);
    arguments.replaceInStrings(
        QStringLiteral("DOC"), holder.value(QStringLiteral("SELECT min(id) FROM articles")).toString());
    arguments.insert(1, QStringLiteral("--library"));
    arguments.insert(2, library);

    // Another program holds the write lock.
    QSqlQuery lock(holder.db());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QProcess process;
    process.start(QStringLiteral(DOSSIER_CLI), arguments);
    QByteArray err;
    const QByteArray notice = "waiting for the library (another process is writing)";
    QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains(notice), 20000);
    QCOMPARE(process.state(), QProcess::Running); // it waits, it has not failed
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    QVERIFY(process.waitForFinished(30000));
    err += process.readAllStandardError();
    QVERIFY2(process.exitCode() == 0, err.constData());
    QCOMPARE(err.count(notice), 1); // said once
    const QJsonObject result = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
    if (arguments.front() == u"import") {
        QCOMPARE(result.value(QLatin1String("imported")).toInt(), fresh.size());
        QCOMPARE(holder.value(QStringLiteral("SELECT count(*) FROM articles")).toInt(), 2 + fresh.size());
    } else if (arguments.front() == u"annotate") {
        QCOMPARE(holder
                     .value(QStringLiteral("SELECT count(*) FROM annotations WHERE id = ?"),
                         { result.value(QLatin1String("id")).toInteger() })
                     .toInt(),
            1);
    } else {
        QCOMPARE(holder.value(QStringLiteral("SELECT count(*) FROM article_tags")).toInt(), 1);
    }
}

QTEST_GUILESS_MAIN(ConcurrencyTest)
#include "concurrency_test.moc"
