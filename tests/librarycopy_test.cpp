// LibraryCopy and `dossier-cli copy` (issue 17, moving a library between a file and a team
// library): a library made by the CLI from articles written here (imports, highlights with notes
// and tags, a private one, article tags, entity corrections, a watchlist, a watched folder, a saved
// search, copies of one story) goes SQLite → PostgreSQL → SQLite and every export reads the same,
// byte for byte, with the same ids and authors; a target in use is refused untouched; a canceled
// copy leaves nothing; the check finds a difference. A server of tests/pgserver.h.

#include "clirun.h"
#include "pgserver.h"
#include "store/copyjob.h"
#include "store/library.h"
#include "store/librarycopy.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Dossier::Core;
using namespace Dossier::Test;

namespace
{

// Our own articles: two reports of one story (copies), and two others.
const char *const articles[][2] = {
    { "ferry.txt",
        "Harbour board approves ferry terminal\n\nMarch 3, 2026\n\nPORT ELLEN — The harbour board led by Mairi "
        "Campbell approved the new ferry terminal on Monday. Campbell said the Scottish Government would pay for "
        "the pier, and CalMac would run the ferries from Port Ellen from next spring. Islay residents asked who "
        "pays for the road.\n" },
    { "ferry-copy.txt",
        "Ferry terminal approved by harbour board\n\nMarch 4, 2026\n\nPORT ELLEN — The harbour board led by Mairi "
        "Campbell approved the new ferry terminal on Monday. Campbell said the Scottish Government would pay for "
        "the pier, and CalMac would run the ferries from Port Ellen from next spring. Islay residents asked who "
        "pays for the road, and the council said it would answer in April.\n" },
    { "distillery.txt",
        "Distillery doubles its warehouse\n\nFebruary 20, 2026\n\nBOWMORE — Lagavulin Holdings will double its "
        "warehouse near Bowmore, chief executive Iain Morrison said on Friday. The council approved the plans "
        "after a debate about lorries on the island's roads.\n" },
    { "school.txt",
        "Island school gets new roof\n\nJanuary 12, 2026\n\nBOWMORE — Islay High School will get a new roof "
        "before the winter, head teacher Fiona MacLeod said. Argyll and Bute Council pays for the work.\n" },
};

} // namespace

class LibraryCopyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void roundTripKeepsEveryExport();
    void copyKeepsIdsAuthorsAndSequences();
    void refusesATargetInUse_data();
    void refusesATargetInUse();
    void canceledCopyLeavesNothing();
    void checkListsDifferences();

private:
    // A fresh database on the server, as a library URL.
    QString newDatabase();
    QString file(const QString &name) const { return m_dir->filePath(name); }
    // The fixture library (init() makes one per test function), made through the CLI as "ana",
    // the author of what it holds.
    void makeFixture(const QString &library);
    // What each export command prints for \a library, by command.
    QList<std::pair<QString, QByteArray>> exportsOf(const QString &library);
    QVariant sql(const QString &database, const QString &statement);

    std::unique_ptr<PgServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_original; // the fixture library of the test function
    int m_databases = 0;
};

void LibraryCopyTest::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
        "Qt's PostgreSQL driver (libqt6sql6-psql) is missing: scripts/lib/env.sh installs it");
    m_server = std::make_unique<PgServer>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->error()));
    qputenv("DOSSIER_AUTHOR", "ana");
}

void LibraryCopyTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_original = file(QStringLiteral("original.dossier"));
    makeFixture(m_original);
}

void LibraryCopyTest::cleanupTestCase()
{
    m_server.reset();
}

QString LibraryCopyTest::newDatabase()
{
    const QString name = QStringLiteral("copy_%1").arg(++m_databases);
    {
        QSqlDatabase admin = m_server->connection(QStringLiteral("admin"));
        QSqlQuery create(admin);
        if (!admin.open() || !create.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
            qWarning("cannot make a database: %s", qPrintable(admin.lastError().text() + create.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=postgres")
        .arg(name, m_server->socketDir())
        .arg(PgServer::Port);
}

QVariant LibraryCopyTest::sql(const QString &database, const QString &statement)
{
    QVariant result;
    {
        QSqlDatabase db = m_server->connection(QStringLiteral("probe"), database);
        QSqlQuery query(db);
        if (!db.open() || !query.exec(statement)) {
            qWarning("%s: %s", qPrintable(statement), qPrintable(db.lastError().text() + query.lastError().text()));
        } else if (query.next()) {
            result = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return result;
}

void LibraryCopyTest::makeFixture(const QString &library)
{
    const QDir folder(file(QStringLiteral("articles")));
    QVERIFY(QDir().mkpath(folder.path()));
    for (const auto &[name, text] : articles) {
        QFile out(folder.filePath(QString::fromLatin1(name)));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }
    const QString lib = QStringLiteral("--library");
    QList<QStringList> steps;
    // One at a time, so the articles' ids follow the table above.
    for (const auto &[name, text] : articles) {
        steps.append({ QStringLiteral("import"), lib, library, QStringLiteral("--no-backup"),
            folder.filePath(QString::fromLatin1(name)) });
    }
    steps += QList<QStringList> {
        { QStringLiteral("annotate"), lib, library, QStringLiteral("--doc"), QStringLiteral("1"),
            QStringLiteral("--quote"), QStringLiteral("who pays for the road"), QStringLiteral("--note"),
            QStringLiteral("ask the council"), QStringLiteral("--tag"), QStringLiteral("Money"),
            QStringLiteral("--tag"), QStringLiteral("Roads") },
        { QStringLiteral("annotate"), lib, library, QStringLiteral("--doc"), QStringLiteral("3"),
            QStringLiteral("--quote"), QStringLiteral("lorries"), QStringLiteral("--color"), QStringLiteral("#aa3300"),
            QStringLiteral("--private") },
        { QStringLiteral("tag"), lib, library, QStringLiteral("--doc"), QStringLiteral("2"),
            QStringLiteral("Follow up") },
        { QStringLiteral("entity"), QStringLiteral("watch"), lib, library, QStringLiteral("--type"),
            QStringLiteral("ORG"), QStringLiteral("CalMac"), QStringLiteral("--alias"),
            QStringLiteral("Caledonian MacBrayne") },
        { QStringLiteral("entity"), QStringLiteral("rename"), lib, library, QStringLiteral("1"),
            QStringLiteral("Renamed by ana") },
        { QStringLiteral("watch"), QStringLiteral("add"), lib, library, folder.path() },
        { QStringLiteral("search"), QStringLiteral("save"), QStringLiteral("Ferries"), lib, library,
            QStringLiteral("--query"), QStringLiteral("ferry"), QStringLiteral("--tag"), QStringLiteral("Follow up") },
    };
    for (const QStringList &step : steps) {
        const CliRun run = runCli(step);
        QVERIFY2(run.exitCode == 0, qPrintable(step.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(run.err)));
    }
}

QList<std::pair<QString, QByteArray>> LibraryCopyTest::exportsOf(const QString &library)
{
    const QString lib = QStringLiteral("--library");
    const QList<QStringList> commands = {
        { QStringLiteral("list"), lib, library },
        { QStringLiteral("list"), lib, library, QStringLiteral("--entity"), QStringLiteral("ORG:CalMac") },
        { QStringLiteral("search"), lib, library, QStringLiteral("harbour") },
        { QStringLiteral("entities"), lib, library },
        { QStringLiteral("annotations"), lib, library },
        { QStringLiteral("entity"), QStringLiteral("rules"), lib, library },
        { QStringLiteral("entity"), QStringLiteral("watchlist"), lib, library },
        { QStringLiteral("search"), QStringLiteral("list"), lib, library },
        { QStringLiteral("watch"), QStringLiteral("list"), lib, library },
        { QStringLiteral("clusters"), lib, library },
        { QStringLiteral("timeline"), lib, library, QStringLiteral("--by"), QStringLiteral("month") },
    };
    QList<std::pair<QString, QByteArray>> exports;
    for (const QStringList &command : commands) {
        const CliRun run = runCli(command);
        const QString name = QStringList(command).join(u' ').remove(library);
        if (run.exitCode != 0) {
            qWarning("%s failed: %s", qPrintable(name), run.err.constData());
        }
        exports.append({ name, run.out });
    }
    return exports;
}

void LibraryCopyTest::roundTripKeepsEveryExport()
{
    const QString original = m_original;
    const QString server = newDatabase();
    const QString back = file(QStringLiteral("back.dossier"));

    const CopyReport up = LibraryCopy::copy(original, server);
    QVERIFY2(up.ok(), qPrintable(up.error));
    QCOMPARE(up.rowsOf(QStringLiteral("articles")), 4);
    QCOMPARE(up.rowsOf(QStringLiteral("annotations")), 2);
    QVERIFY(up.rowsOf(QStringLiteral("mentions")) > 0);
    const CopyReport down = LibraryCopy::copy(server, back);
    QVERIFY2(down.ok(), qPrintable(down.error));
    QCOMPARE(down.tables, up.tables);

    const auto before = exportsOf(original);
    QVERIFY(before.constFirst().second.count('\n') == 4);
    const auto after = exportsOf(back);
    for (qsizetype i = 0; i < before.size(); ++i) {
        QVERIFY2(!before.at(i).second.isEmpty(), qPrintable(before.at(i).first));
        QCOMPARE(after.at(i).first, before.at(i).first);
        QVERIFY2(after.at(i).second == before.at(i).second,
            qPrintable(before.at(i).first + QStringLiteral(":\n") + QString::fromUtf8(before.at(i).second)
                + QStringLiteral("\nagainst\n") + QString::fromUtf8(after.at(i).second)));
    }
    // The team library lists the same (the server sorts and searches as the file does here).
    const auto onServer = exportsOf(server);
    for (const qsizetype i : { 0, 3, 4, 5, 6, 7, 8 }) {
        QVERIFY2(onServer.at(i).second == before.at(i).second,
            qPrintable(before.at(i).first + QStringLiteral(":\n") + QString::fromUtf8(before.at(i).second)
                + QStringLiteral("\nagainst the server's\n") + QString::fromUtf8(onServer.at(i).second)));
    }
    for (const auto &[from, to] : { std::pair { original, server }, std::pair { server, back } }) {
        const CopyCheck check = LibraryCopy::compare(from, to);
        QVERIFY2(check.ok(), qPrintable(check.error + QStringLiteral(" ") + QString::number(check.differences.size())));
        QList<TableCount> copied = up.tables;
        std::sort(
            copied.begin(), copied.end(), [](const TableCount &a, const TableCount &b) { return a.table < b.table; });
        QCOMPARE(check.tables, copied);
    }
    // The CLI says the same.
    const CliRun run = runCli({ QStringLiteral("copy"), QStringLiteral("--check"), QStringLiteral("--from"), original,
        QStringLiteral("--to"), back });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines().constFirst().value(QLatin1String("ok")).toBool(), true);
}

void LibraryCopyTest::copyKeepsIdsAuthorsAndSequences()
{
    const QString original = m_original;
    const QString server = newDatabase();
    const CopyReport report = LibraryCopy::copy(original, server);
    QVERIFY2(report.ok(), qPrintable(report.error));
    const QString database = QStringLiteral("copy_%1").arg(m_databases);
    // Written by "ana" in the file, kept so on the server, though the copy connected as postgres;
    // the server's rules are back in force after the copy.
    QCOMPARE(sql(database, QStringLiteral("SELECT string_agg(DISTINCT author, ',') FROM annotations")).toString(),
        QStringLiteral("ana"));
    QCOMPARE(sql(database, QStringLiteral("SELECT count(*) FROM annotations WHERE visibility = 'private'")).toInt(), 1);
    QCOMPARE(sql(database, QStringLiteral("SELECT string_agg(DISTINCT author, ',') FROM tags")).toString(),
        QStringLiteral("ana"));
    QCOMPARE(sql(database, QStringLiteral("SELECT bool_and(tgenabled = 'O') FROM pg_trigger WHERE NOT tgisinternal"))
                 .toBool(),
        true);
    QCOMPARE(sql(database, QStringLiteral("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'annotations'"))
                 .toBool(),
        true);
    // New rows take ids after the copied ones.
    Library library(server);
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    const std::optional<Tag> tag = library.tags().ensure(QStringLiteral("New on the server"));
    QVERIFY2(tag, qPrintable(library.errorString()));
    QCOMPARE(tag->id,
        sql(database, QStringLiteral("SELECT max(id) FROM tags WHERE id <> %1").arg(tag->id)).toLongLong() + 1);
    QCOMPARE(tag->author, QStringLiteral("postgres"));
}

void LibraryCopyTest::refusesATargetInUse_data()
{
    QTest::addColumn<bool>("toServer");
    QTest::newRow("a library file") << false;
    QTest::newRow("a team library") << true;
}

void LibraryCopyTest::refusesATargetInUse()
{
    QFETCH(bool, toServer);
    const QString original = m_original;
    const QString target = toServer ? newDatabase() : file(QStringLiteral("target.dossier"));
    // A library with one article of its own.
    const QString other = file(QStringLiteral("other.txt"));
    {
        QFile out(other);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("A note of our own\n\nNothing else is in this library.\n");
    }
    QCOMPARE(
        runCli({ QStringLiteral("import"), QStringLiteral("--library"), target, QStringLiteral("--no-backup"), other })
            .exitCode,
        0);
    const auto before = exportsOf(target);
    const CopyReport report = LibraryCopy::copy(original, target);
    QVERIFY(!report.ok());
    QVERIFY(report.refused);
    QVERIFY2(report.error.contains(QLatin1String("is not empty")), qPrintable(report.error));
    QVERIFY(report.tables.isEmpty());
    QCOMPARE(exportsOf(target), before);

    const CliRun run
        = runCli({ QStringLiteral("copy"), QStringLiteral("--from"), original, QStringLiteral("--to"), target });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("is not empty"), run.err.constData());
    QCOMPARE(exportsOf(target), before);
}

void LibraryCopyTest::canceledCopyLeavesNothing()
{
    const QString original = m_original;
    for (const QString &target : { file(QStringLiteral("canceled.dossier")), newDatabase() }) {
        // Canceled after the first rows were written: rolled back, a file it made removed.
        int calls = 0;
        const CopyReport report = LibraryCopy::copy(original, target, [&calls](qint64 done, qint64 total) {
            ++calls;
            return !(done > 0 && done < total);
        });
        QVERIFY(report.canceled);
        QVERIFY(!report.ok());
        QCOMPARE(calls, 1);
        QVERIFY(report.tables.isEmpty());
        if (Library::isServerLocation(target)) {
            Library library(target);
            QVERIFY2(library.open(), qPrintable(library.errorString()));
            QCOMPARE(library.articles().count(), 0);
        } else {
            QVERIFY(!QFile::exists(target));
        }
        // The job copies it whole afterwards, telling how far it got.
        CopyJob job;
        QSignalSpy progress(&job, &CopyJob::progress);
        QSignalSpy finished(&job, &CopyJob::finished);
        QVERIFY(job.start(original, target));
        QVERIFY(finished.wait(60000));
        const auto copied = finished.constFirst().constFirst().value<CopyReport>();
        QVERIFY2(copied.ok(), qPrintable(copied.error));
        QCOMPARE(copied.rowsOf(QStringLiteral("articles")), 4);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.constLast().at(0).toLongLong(), progress.constLast().at(1).toLongLong());
    }
}

void LibraryCopyTest::checkListsDifferences()
{
    const QString original = m_original;
    const QString server = newDatabase();
    QVERIFY(LibraryCopy::copy(original, server).ok());
    QCOMPARE(runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), server, QStringLiteral("--doc"),
                        QStringLiteral("4"), QStringLiteral("--quote"), QStringLiteral("new roof") })
                 .exitCode,
        0);
    const CopyCheck check = LibraryCopy::compare(original, server);
    QVERIFY(!check.ok());
    // The new passage, and the history's record of it (schema 13).
    QStringList tables;
    for (const auto &difference : check.differences) {
        tables.append(difference.table);
        QCOMPARE(difference.onlyInFrom, 0);
        QCOMPARE(difference.onlyInTo, 1);
    }
    tables.sort();
    QCOMPARE(tables, (QStringList { QStringLiteral("annotations"), QStringLiteral("history") }));
    const auto annotations = std::find_if(check.differences.cbegin(), check.differences.cend(),
        [](const auto &difference) { return difference.table == u"annotations"; });
    QCOMPARE(annotations->examples, QStringList { QStringLiteral("to: id 3") });

    const CliRun run = runCli({ QStringLiteral("copy"), QStringLiteral("--check"), QStringLiteral("--from"), original,
        QStringLiteral("--to"), server });
    QCOMPARE(run.exitCode, 1);
    const QJsonObject result = run.lines().constFirst();
    QCOMPARE(result.value(QLatin1String("ok")).toBool(), false);
    QJsonObject difference;
    for (const QJsonValue &value : result.value(QLatin1String("differences")).toArray()) {
        if (value.toObject().value(QLatin1String("table")).toString() == u"annotations") {
            difference = value.toObject();
        }
    }
    QCOMPARE(difference.value(QLatin1String("table")).toString(), QStringLiteral("annotations"));
    QCOMPARE(difference.value(QLatin1String("only_in_to")).toInt(), 1);
    QVERIFY2(run.err.contains("annotations differs"), run.err.constData());
}

QTEST_GUILESS_MAIN(LibraryCopyTest)
#include "librarycopy_test.moc"
