// A team library on PostgreSQL (issue 17, step 2): Library opens a postgresql:// URL through QPSQL,
// makes the schema in an empty database, refuses another program's database and a newer schema,
// and the stores work on it: import (the real importer, over our own test articles), the list
// with its filters, full-text search (stemmed, phrases, prefixes, NOT, OR, NEAR, a bad query),
// annotations and tags. One server per test binary (tests/pgserver.h), a fresh database per test.

#include "clirun.h"
#include "import/importjob.h"
#include "pgserver.h"
#include "store/library.h"
#include "store/searchplan_p.h"
#include "storearticles.h"

#include <QDir>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Dossier::Core;
using namespace Dossier::Test;

class PostgresLibraryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void opensAndMakesTheSchema();
    void schemaMatchesSqlite();
    void opensAServiceName();
    void refusesWhatItCannotUse_data();
    void refusesWhatItCannotUse();
    void refusesAnotherProgramsDatabase();
    void refusesANewerSchema();
    void importsOurArticles();
    void importsAsSqliteDoes();
    void storesValuesAsWritten_data();
    void storesValuesAsWritten();
    void batchKeepsTheOthersWhenOneFails();
    void listsByEntityAndPeriod();
    void searches_data();
    void searches();
    void badQueryIsAnError_data();
    void badQueryIsAnError();
    void rankedListAndHits();
    void annotationsAndTagsRoundTrip();
    void writersTakeTurns();
    void translatesQueries_data();
    void translatesQueries();
    void cliTakesTheUrl();

private:
    QString url(const QString &database) const
    {
        return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=postgres")
            .arg(database, m_server->socketDir())
            .arg(PgServer::Port);
    }
    // Runs \a sql on the current test's database as the superuser; the first column of its first row.
    QVariant sql(const QString &statement)
    {
        QVariant result;
        {
            QSqlDatabase db = m_server->connection(QStringLiteral("probe"), m_database);
            if (!db.open()) {
                qWarning() << db.lastError().text();
                return {};
            }
            QSqlQuery query(db);
            if (!query.exec(statement)) {
                qWarning() << statement << query.lastError().text();
            } else if (query.next()) {
                result = query.value(0);
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        return result;
    }
    QString libraryUrl() const { return url(m_database); }
    // The rows of \a statement on \a db, each as its values joined, sorted (bytes in hex).
    static QStringList rowsOf(const QSqlDatabase &db, const QString &statement)
    {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            qWarning() << statement << query.lastError().text();
            return { QStringLiteral("failed") };
        }
        QStringList rows;
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i) {
                const QVariant value = query.value(i);
                values.append(value.isNull() ? QStringLiteral("NULL")
                        : value.metaType().id() == QMetaType::QByteArray
                        ? QString::fromLatin1(value.toByteArray().toHex())
                        : value.toString());
            }
            rows.append(values.join(u'|'));
        }
        rows.sort();
        return rows;
    }
    std::unique_ptr<PgServer> m_server;
    QString m_database;
    int m_count = 0;
};

void PostgresLibraryTest::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
        "Qt's PostgreSQL driver (libqt6sql6-psql) is missing: scripts/lib/env.sh installs it");
    m_server = std::make_unique<PgServer>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->error()));
}

void PostgresLibraryTest::init()
{
    m_database = QStringLiteral("library_%1").arg(++m_count);
    {
        QSqlDatabase admin = m_server->connection(QStringLiteral("admin"));
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        QSqlQuery create(admin);
        QVERIFY2(
            create.exec(QStringLiteral("CREATE DATABASE %1").arg(m_database)), qPrintable(create.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
}

void PostgresLibraryTest::cleanupTestCase()
{
    m_server.reset();
}

void PostgresLibraryTest::opensAndMakesTheSchema()
{
    QVERIFY(Library::isServerLocation(libraryUrl()));
    QVERIFY(!Library::isServerLocation(QStringLiteral("/home/a/postgresql.dossier")));
    {
        Library library(libraryUrl());
        QCOMPARE(library.backend(), Library::Backend::PostgreSQL);
        QVERIFY2(library.open(), qPrintable(library.errorString()));
        QVERIFY(!library.isReadOnly());
        QCOMPARE(library.articles().count(), 0);
        QCOMPARE(library.path(), libraryUrl());
    }
    QCOMPARE(sql(QStringLiteral("SELECT schema_version FROM dossier_meta")).toInt(), Library::schemaVersion());
    QCOMPARE(sql(QStringLiteral("SELECT application_id FROM dossier_meta")).toLongLong(), 0x446f7373);
    // Opened again (and by two at once), nothing is made twice.
    Library first(libraryUrl());
    Library second(libraryUrl());
    QVERIFY2(first.open(), qPrintable(first.errorString()));
    QVERIFY2(second.open(), qPrintable(second.errorString()));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM dossier_meta")).toInt(), 1);
    // What one writes the other reads, and sees that something changed.
    const std::optional<qint64> before = second.dataVersion();
    QVERIFY2(before, qPrintable(second.errorString()));
    QVERIFY(first.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt"))));
    QCOMPARE(second.articles().count(), 1);
    QVERIFY(second.dataVersion().value_or(*before) > *before);
}

void PostgresLibraryTest::schemaMatchesSqlite()
{
    // The same tables and columns as a new SQLite library of this build, so that a numbered step
    // missing its PostgreSQL spelling shows here. The full-text indexes differ by design: FTS5's
    // tables there, the stem and words columns here; dossier_meta stands for the PRAGMAs.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("schema.dossier"));
    {
        Library sqlite(file);
        QVERIFY2(sqlite.open(), qPrintable(sqlite.errorString()));
        Library server(libraryUrl());
        QVERIFY2(server.open(), qPrintable(server.errorString()));
    }
    QStringList sqliteColumns;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("schema"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral(
            "SELECT m.name || '.' || c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = "
            "'table' AND m.name NOT LIKE 'articles_fts%' AND m.name NOT LIKE 'articles_stem%' AND m.name NOT LIKE "
            "'sqlite_%' ORDER BY 1")));
        while (query.next()) {
            sqliteColumns.append(query.value(0).toString());
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("schema"));
    QStringList serverColumns;
    {
        QSqlDatabase db = m_server->connection(QStringLiteral("schema"), m_database);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND table_name <> 'dossier_meta' AND NOT (table_name = 'article_texts' AND column_name IN ('stem', "
            "'words'))")));
        while (query.next()) {
            serverColumns.append(query.value(0).toString());
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("schema"));
    QVERIFY(sqliteColumns.size() > 50);
    sqliteColumns.sort();
    serverColumns.sort();
    QCOMPARE(serverColumns, sqliteColumns);
}

void PostgresLibraryTest::opensAServiceName()
{
    // postgresql:///?service=NAME: everything from libpq's service file (here PGSERVICEFILE).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile services(dir.filePath(QStringLiteral("pg_service.conf")));
    QVERIFY(services.open(QIODevice::WriteOnly));
    services.write(QStringLiteral("[desk]\nhost=%1\nport=%2\nuser=postgres\ndbname=%3\n")
            .arg(m_server->socketDir())
            .arg(PgServer::Port)
            .arg(m_database)
            .toUtf8());
    services.close();
    qputenv("PGSERVICEFILE", QFile::encodeName(services.fileName()));
    const auto unset = qScopeGuard([] { qunsetenv("PGSERVICEFILE"); });
    {
        Library library(QStringLiteral("postgresql:///?service=desk"));
        QVERIFY2(library.open(), qPrintable(library.errorString()));
        QVERIFY(library.articles().store(manilaArticle(QStringLiteral("/corpus/manila.txt"))));
    }
    QCOMPARE(sql(QStringLiteral("SELECT path FROM articles")).toString(), QStringLiteral("/corpus/manila.txt"));
    Library unknown(QStringLiteral("postgresql:///?service=nosuchdesk"));
    QVERIFY(!unknown.open());
    QCOMPARE(unknown.openFailure(), Library::OpenFailure::Unreachable);
    QVERIFY2(unknown.errorString().contains(QLatin1String("nosuchdesk")), qPrintable(unknown.errorString()));
}

void PostgresLibraryTest::refusesWhatItCannotUse_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<Library::OpenFailure>("failure");
    QTest::addColumn<QString>("message");
    QTest::newRow("no server at that socket")
        << QStringLiteral("postgresql:///x?host=/nonexistent-dossier-socket&connect_timeout=2")
        << Library::OpenFailure::Unreachable << QStringLiteral("cannot connect to the team library");
    QTest::newRow("a password in the URL") << QStringLiteral("postgresql://ana:secret@localhost/lib")
                                           << Library::OpenFailure::Other << QStringLiteral("~/.pgpass");
    QTest::newRow("a password as a setting") << QStringLiteral("postgresql://localhost/lib?password=secret")
                                             << Library::OpenFailure::Other << QStringLiteral("~/.pgpass");
    QTest::newRow("a setting that is not one")
        << QStringLiteral("postgresql://localhost/lib?a%3Bb=1") << Library::OpenFailure::Other
        << QStringLiteral("not a connection setting");
}

void PostgresLibraryTest::refusesWhatItCannotUse()
{
    QFETCH(QString, location);
    QFETCH(Library::OpenFailure, failure);
    QFETCH(QString, message);
    Library library(location);
    QVERIFY(!library.open());
    QCOMPARE(library.openFailure(), failure);
    QVERIFY2(library.errorString().contains(message), qPrintable(library.errorString()));
    QVERIFY(!library.isOpen());
}

void PostgresLibraryTest::refusesAnotherProgramsDatabase()
{
    sql(QStringLiteral("CREATE TABLE invoices (id integer PRIMARY KEY, total numeric)"));
    sql(QStringLiteral("INSERT INTO invoices VALUES (1, 9.5)"));
    Library library(libraryUrl());
    QVERIFY(!library.open());
    QCOMPARE(library.openFailure(), Library::OpenFailure::Foreign);
    QVERIFY2(library.errorString().contains(QLatin1String("invoices")), qPrintable(library.errorString()));
    QVERIFY2(library.errorString().contains(QLatin1String("left untouched")), qPrintable(library.errorString()));
    // Untouched: its table as it was, nothing of Dossier's added.
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).toInt(), 1);
    QCOMPARE(sql(QStringLiteral("SELECT total FROM invoices WHERE id = 1")).toDouble(), 9.5);
}

void PostgresLibraryTest::refusesANewerSchema()
{
    {
        Library library(libraryUrl());
        QVERIFY2(library.open(), qPrintable(library.errorString()));
    }
    const int newer = Library::schemaVersion() + 1;
    sql(QStringLiteral("UPDATE dossier_meta SET schema_version = %1").arg(newer));
    Library library(libraryUrl());
    QVERIFY(!library.open());
    QCOMPARE(library.openFailure(), Library::OpenFailure::Newer);
    QVERIFY2(library.errorString().contains(QLatin1String("newer Dossier")), qPrintable(library.errorString()));
    QCOMPARE(sql(QStringLiteral("SELECT schema_version FROM dossier_meta")).toInt(), newer);
}

void PostgresLibraryTest::importsOurArticles()
{
    // The real importer (reading, cleaning, entities) over a few of the repository's own articles.
    const QDir data(QStringLiteral(DOSSIER_TEST_DATA "/text"));
    QStringList files;
    for (const QString &name : data.entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name).first(6)) {
        files.append(data.filePath(name));
    }
    QCOMPARE(files.size(), 6);
    ImportRequest request;
    request.libraryPath = libraryUrl();
    request.paths = files;
    request.threads = 2;
    const std::atomic_bool cancel { false };
    const ImportSummary summary = importFiles(request, cancel);
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    QVERIFY2(summary.failed.isEmpty(), qPrintable(summary.failed.value(0).error));
    QCOMPARE(summary.imported, 6);
    // Again: nothing changed, nothing stored twice.
    const ImportSummary again = importFiles(request, cancel);
    QCOMPARE(again.unchanged, 6);
    QCOMPARE(again.imported, 0);

    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    QCOMPARE(library.articles().count(), 6);
    const auto rows = library.documents().listFiltered(DocumentFilter {});
    QVERIFY2(rows, qPrintable(library.errorString()));
    QCOMPARE(rows->size(), 6);
    // Each reads back whole: its text as imported, its entities and mentions where they were.
    for (const ArticleSummary &row : *rows) {
        const auto article = library.articles().get(row.id);
        QVERIFY2(article, qPrintable(library.errorString()));
        QVERIFY(files.contains(article->path));
        QVERIFY(!article->body.isEmpty());
        QCOMPARE(article->entities.size(), row.entityCount);
        for (const Mention &mention : article->mentions) {
            QVERIFY(mention.entity >= 0 && mention.entity < article->entities.size());
            QVERIFY(mention.start >= 0 && mention.end <= article->body.size());
        }
    }
    const auto stored = library.articles().storedFiles();
    QVERIFY(stored);
    QCOMPARE(stored->size(), 6);
    // The full-text index followed the texts: a word of the first body finds its article.
    const auto first = library.articles().get(rows->front().id);
    const QString word = first->body.section(u' ', 0, 0).remove(QRegularExpression(QStringLiteral("\\W")));
    QVERIFY(!word.isEmpty());
    const auto found = library.documents().search(QLatin1Char('"') + word + QLatin1Char('"'));
    QVERIFY2(found, qPrintable(library.errorString()));
    QVERIFY(std::any_of(found->cbegin(), found->cend(), [&](const ArticleSummary &s) { return s.id == first->id; }));
}

void PostgresLibraryTest::importsAsSqliteDoes()
{
    // The server's import writes an article in a few statements (its entities, links, aliases and
    // mentions in one; signature, band keys and the neighbours in the same round trip), a library
    // file's statement by statement: the same files give the same rows, ids included.
    QTemporaryDir dir;
    const QDir data(QStringLiteral(DOSSIER_TEST_DATA "/text"));
    QStringList files;
    for (const QString &name : data.entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name)) {
        files.append(data.filePath(name));
    }
    QVERIFY(files.size() >= 20);
    // Copies of one story (stories join as they are imported), one with a line more.
    QFile original(files.front());
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray text = original.readAll();
    for (const QString &name : { QStringLiteral("copy-1.txt"), QStringLiteral("copy-2.txt") }) {
        QFile copy(dir.filePath(name));
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(text + (name == u"copy-2.txt" ? QByteArray("\nOne more line at the end.\n") : QByteArray()));
        files.append(copy.fileName());
    }
    const std::atomic_bool cancel { false };
    ImportRequest request;
    request.paths = files;
    request.threads = 2;
    const QString file = dir.filePath(QStringLiteral("file.dossier"));
    for (const QString &location : { file, libraryUrl() }) {
        request.libraryPath = location;
        const ImportSummary summary = importFiles(request, cancel);
        QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
        QCOMPARE(summary.imported, files.size());
    }
    const QStringList statements {
        QStringLiteral(
            "SELECT id, path, sha256, size, format, title, date, source, author, entity_count FROM articles"),
        QStringLiteral("SELECT id, title, raw_text, body, page_starts FROM article_texts"),
        QStringLiteral("SELECT id, type, key, name FROM entities"),
        QStringLiteral("SELECT article_id, entity_id, position, count FROM article_entities"),
        QStringLiteral("SELECT article_id, entity_id, alias, key FROM article_aliases"),
        QStringLiteral("SELECT article_id, start, \"end\", type, entity_id FROM mentions"),
        QStringLiteral("SELECT article_id, signature FROM article_signatures"),
        QStringLiteral("SELECT article_id, band FROM article_bands"),
        QStringLiteral("SELECT article_id, story_id FROM article_stories"),
    };
    {
        QSqlDatabase sqlite = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("file"));
        sqlite.setDatabaseName(file);
        QVERIFY(sqlite.open());
        QSqlDatabase server = m_server->connection(QStringLiteral("server"), m_database);
        QVERIFY2(server.open(), qPrintable(server.lastError().text()));
        for (const QString &statement : statements) {
            const QStringList expected = rowsOf(sqlite, statement);
            QVERIFY2(expected.size() > 1, qPrintable(statement));
            const QStringList actual = rowsOf(server, statement);
            QCOMPARE(actual.size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i) {
                QVERIFY2(actual.at(i) == expected.at(i),
                    qPrintable(QStringLiteral("%1\nfile:   %2\nserver: %3")
                            .arg(statement, expected.at(i).left(300), actual.at(i).left(300))));
            }
        }
        // The copies are one story.
        QCOMPARE(rowsOf(server,
                     QStringLiteral("SELECT count(DISTINCT story_id) FROM article_stories s JOIN articles a ON "
                                    "a.id = s.article_id WHERE a.path LIKE '%copy-%'")),
            QStringList { QStringLiteral("1") });
    }
    QSqlDatabase::removeDatabase(QStringLiteral("file"));
    QSqlDatabase::removeDatabase(QStringLiteral("server"));
}

void PostgresLibraryTest::storesValuesAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("quotes") << QStringLiteral("O'Brien said \"no\" to l'\u00e9t\u00e9 ''twice''");
    QTest::newRow("backslashes") << QStringLiteral("C:\\Users\\ana \\x41 \\n \\\\ end\\");
    QTest::newRow("placeholders") << QStringLiteral("what? who?? $1 :name %1 %2 ?::text");
    QTest::newRow("comment and statement marks") << QStringLiteral("-- not a comment /* nor this */ ; COMMIT;");
    QTest::newRow("unicode") << QStringLiteral("Z\u00fcrich \u6771\u4eac \U0001F642 \u200b");
    QTest::newRow("numbers") << QStringLiteral("-1 --2 - -3 1e5");
}

void PostgresLibraryTest::storesValuesAsWritten()
{
    // On the server an import's values are written into its statements: whatever they hold reads
    // back as it was, inside a batch and outside.
    QFETCH(QString, text);
    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    const auto make = [&](const QString &path, const QByteArray &sha) {
        Article article = makeArticle(path, text, QStringLiteral("Before ") + text + QStringLiteral(" after."), sha);
        article.meta.author = text;
        article.meta.url = QStringLiteral("https://example.org/?q=") + text;
        article.pageStarts = { 0, 7 };
        addEntity(article, EntityType::Person, text, { text + QStringLiteral(" Jr.") });
        return article;
    };
    const Article inBatch = make(QStringLiteral("/news/") + text + QStringLiteral(".txt"), "1111");
    const Article alone = make(QStringLiteral("/news/alone ") + text, "2222");
    QVERIFY(library.articles().beginBatch());
    qint64 first = -1;
    QCOMPARE(library.articles().store(inBatch, &first), StoreOutcome::Imported);
    QVERIFY2(library.articles().commitBatch(), qPrintable(library.errorString()));
    qint64 second = -1;
    QCOMPARE(library.articles().store(alone, &second), StoreOutcome::Imported);
    for (const auto &[id, expected] : { std::pair { first, inBatch }, std::pair { second, alone } }) {
        const auto article = library.articles().get(id);
        QVERIFY2(article, qPrintable(library.errorString()));
        QCOMPARE(article->path, expected.path);
        QCOMPARE(article->sha256, expected.sha256);
        QCOMPARE(article->meta.title, text);
        QCOMPARE(article->meta.author, text);
        QCOMPARE(article->meta.url, expected.meta.url);
        QCOMPARE(article->body, expected.body);
        QCOMPARE(article->rawText, expected.rawText);
        QCOMPARE(article->pageStarts, expected.pageStarts);
        QCOMPARE(article->entities.size(), 1);
        QCOMPARE(article->entities.front().name, text);
        QCOMPARE(article->entities.front().aliases, QStringList { text + QStringLiteral(" Jr.") });
        QCOMPARE(article->mentions.size(), expected.mentions.size());
        QCOMPARE(article->mentions.front().start, expected.mentions.front().start);
        QCOMPARE(article->mentions.front().end, expected.mentions.front().end);
    }
    // One entity for both, made once.
    QCOMPARE(library.entities().all().value_or(QList<EntitySummary> {}).size(), 1);
    // Stored again unchanged, nothing is written.
    QCOMPARE(library.articles().store(inBatch), StoreOutcome::Unchanged);
}

void PostgresLibraryTest::batchKeepsTheOthersWhenOneFails()
{
    // Inside an import batch each article has its savepoint (sent with its first statement on the
    // server, released with its last): an article the server refuses half-way through leaves
    // nothing behind, and the batch's other articles are stored.
    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    sql(QStringLiteral("CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF EXISTS "
                       "(SELECT 1 FROM articles WHERE id = NEW.article_id AND path LIKE '%bad%') THEN RAISE "
                       "EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$"));
    sql(QStringLiteral("CREATE TRIGGER refuse_bad BEFORE INSERT ON article_bands FOR EACH ROW EXECUTE FUNCTION "
                       "refuse_bad()"));
    Article bad = makeArticle(QStringLiteral("/news/bad.txt"), QStringLiteral("Zanzibar port reopens"),
        QStringLiteral("The port of Zanzibar reopened on Monday after the storm."), "bbbb");
    addEntity(bad, EntityType::Location, QStringLiteral("Zanzibar"), {});
    QVERIFY(library.articles().beginBatch());
    QCOMPARE(library.articles().store(tokyoArticle(QStringLiteral("/news/tokyo.txt"))), StoreOutcome::Imported);
    QVERIFY(!library.articles().store(bad));
    QVERIFY2(library.errorString().contains(QLatin1String("refused by the test")), qPrintable(library.errorString()));
    QCOMPARE(library.articles().store(manilaArticle(QStringLiteral("/news/manila.txt"))), StoreOutcome::Imported);
    QVERIFY2(library.articles().commitBatch(), qPrintable(library.errorString()));
    QCOMPARE(library.articles().count(), 2);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM articles WHERE path = '/news/bad.txt'")).toInt(), 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM article_texts")).toInt(), 2);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM entities WHERE name = 'Zanzibar'")).toInt(), 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(DISTINCT article_id) FROM mentions")).toInt(), 2);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM article_signatures")).toInt(), 2);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM article_stories")).toInt(), 2);
    // Without the trigger it imports, in a batch of its own.
    sql(QStringLiteral("DROP TRIGGER refuse_bad ON article_bands"));
    QVERIFY(library.articles().beginBatch());
    QCOMPARE(library.articles().store(bad), StoreOutcome::Imported);
    QVERIFY2(library.articles().commitBatch(), qPrintable(library.errorString()));
    QCOMPARE(library.articles().count(), 3);
}

void PostgresLibraryTest::listsByEntityAndPeriod()
{
    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    const Fixture ids = storeThree(library);
    QVERIFY(ids.tanabe > 0 && ids.tokyo > 0 && ids.manila > 0);
    // By name or alias, as the CLI's list asks.
    const auto byAlias = library.documents().list(
        ListQuery { { { EntityType::Person, QStringLiteral("tanabe") } }, {}, -1, 0, {}, {} });
    QVERIFY2(byAlias, qPrintable(library.errorString()));
    QCOMPARE(paths(*byAlias), QStringList { QStringLiteral("tokyo.txt") });
    const auto dotted = library.documents().list(
        ListQuery { { { EntityType::Location, QStringLiteral("U.S.") } }, {}, -1, 0, {}, {} });
    QVERIFY(dotted);
    QCOMPARE(paths(*dotted), (QStringList { QStringLiteral("tokyo.txt"), QStringLiteral("manila.txt") }));
    // The window's filter: entities, a period, a search, counted and windowed.
    DocumentFilter filter;
    filter.entities = { ids.tokyo };
    QCOMPARE(library.documents().count(filter), 2);
    filter.entities = { ids.tokyo, ids.manila };
    QCOMPARE(library.documents().count(filter), 1);
    filter.entities.clear();
    filter.excluded = { ids.manila };
    const auto withoutManila = library.documents().window(filter, DocumentSort::Title, Qt::AscendingOrder, 0, 10);
    QVERIFY2(withoutManila, qPrintable(library.errorString()));
    QCOMPARE(paths(*withoutManila), QStringList { QStringLiteral("tokyo.txt") });
    filter.excluded.clear();
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 12, 31);
    const auto period = library.documents().window(filter, DocumentSort::Date, Qt::DescendingOrder, 0, 10);
    QVERIFY(period);
    QCOMPARE(paths(*period), (QStringList { QStringLiteral("both.txt"), QStringLiteral("tokyo.txt") }));
    filter = {};
    filter.text = QStringLiteral("ferry");
    filter.excluded = { ids.tanabe };
    QCOMPARE(library.documents().count(filter), 1);
    // Every sort, both ways, and the row of an article in it.
    for (const DocumentSort sort : { DocumentSort::Title, DocumentSort::Date, DocumentSort::Source,
             DocumentSort::EntityCount, DocumentSort::Tags }) {
        const auto all = library.documents().window(DocumentFilter {}, sort, Qt::AscendingOrder, 0, 10);
        QVERIFY2(all, qPrintable(library.errorString()));
        QCOMPARE(all->size(), 3);
        for (int row = 0; row < all->size(); ++row) {
            QCOMPARE(library.documents().rowOf(DocumentFilter {}, sort, Qt::AscendingOrder, all->at(row).id), row);
        }
    }
    const auto titles = library.documents().window(DocumentFilter {}, DocumentSort::Title, Qt::AscendingOrder, 0, 10);
    QCOMPARE(paths(*titles),
        (QStringList { QStringLiteral("both.txt"), QStringLiteral("manila.txt"), QStringLiteral("tokyo.txt") }));
    // Entities by documents, and the facets of a filter.
    const auto entities = library.entities().all();
    QVERIFY2(entities, qPrintable(library.errorString()));
    QCOMPARE(entities->front().documents, 2);
    DocumentFilter manila;
    manila.entities = { ids.manila };
    const auto facets = library.entities().facets(manila);
    QVERIFY2(facets, qPrintable(library.errorString()));
    QVERIFY(std::any_of(facets->cbegin(), facets->cend(), [&](const EntitySummary &e) { return e.id == ids.tokyo; }));
}

void PostgresLibraryTest::searches_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("found");
    const QString tokyo = QStringLiteral("tokyo.txt");
    const QString manila = QStringLiteral("manila.txt");
    const QString both = QStringLiteral("both.txt");
    QTest::newRow("a word") << QStringLiteral("ferry") << QStringList { both };
    QTest::newRow("stemmed: patrol finds patrols") << QStringLiteral("patrol") << QStringList { manila };
    QTest::newRow("stemmed: meeting finds met? no; talk finds talks")
        << QStringLiteral("talk") << QStringList { tokyo };
    QTest::newRow("quoted: as written only") << QStringLiteral("\"patrol\"") << QStringList {};
    QTest::newRow("a phrase") << QStringLiteral("\"new ferry\"") << QStringList { both };
    QTest::newRow("a phrase out of order") << QStringLiteral("\"ferry new\"") << QStringList {};
    QTest::newRow("a prefix") << QStringLiteral("mari*") << QStringList { manila };
    QTest::newRow("AND") << QStringLiteral("Tokyo AND Manila") << QStringList { both };
    QTest::newRow("implied AND") << QStringLiteral("Tokyo Manila") << QStringList { both };
    QTest::newRow("OR") << QStringLiteral("ferry OR patrols") << QStringList { manila, both };
    QTest::newRow("NOT") << QStringLiteral("Tokyo NOT ferry") << QStringList { tokyo };
    QTest::newRow("NOT a phrase") << QStringLiteral("Manila NOT \"new ferry\"") << QStringList { manila };
    QTest::newRow("NEAR, close enough") << QStringLiteral("NEAR(Tanabe envoys, 3)") << QStringList { tokyo };
    QTest::newRow("NEAR, either order") << QStringLiteral("NEAR(envoys Tanabe, 3)") << QStringList { tokyo };
    QTest::newRow("NEAR, too far") << QStringLiteral("NEAR(Foreign frank, 3)") << QStringList {};
    QTest::newRow("NEAR, default distance") << QStringLiteral("NEAR(Foreign Tokyo)") << QStringList { tokyo };
    QTest::newRow("title only") << QStringLiteral("title: ferry") << QStringList { both };
    QTest::newRow("title only, not in it") << QStringLiteral("title: officials") << QStringList {};
    QTest::newRow("grouped") << QStringLiteral("(ferry OR reef) AND Manila") << QStringList { manila, both };
}

void PostgresLibraryTest::searches()
{
    QFETCH(QString, query);
    QFETCH(QStringList, found);
    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    storeThree(library);
    const auto rows = library.documents().search(query);
    QVERIFY2(rows, qPrintable(library.errorString()));
    QStringList got = paths(*rows);
    got.sort();
    found.sort();
    QCOMPARE(got, found);
    // The list's filter agrees with the search.
    DocumentFilter filter;
    filter.text = query;
    QCOMPARE(library.documents().count(filter), found.size());
    // A passage of the body each (the match may be in the title alone).
    for (const ArticleSummary &row : *rows) {
        QVERIFY2(!row.snippet.isEmpty() && row.snippet.count(u'[') == row.snippet.count(u']'), qPrintable(row.snippet));
    }
}

void PostgresLibraryTest::badQueryIsAnError_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("unbalanced quote") << QStringLiteral("\"port authority");
    QTest::newRow("unbalanced parenthesis") << QStringLiteral("(ferry OR reef");
    QTest::newRow("a lone operator") << QStringLiteral("ferry AND");
    QTest::newRow("NOT first") << QStringLiteral("NOT ferry");
    QTest::newRow("an unknown column") << QStringLiteral("author: Tanabe");
    QTest::newRow("a bad NEAR distance") << QStringLiteral("NEAR(a b, x)");
}

void PostgresLibraryTest::badQueryIsAnError()
{
    QFETCH(QString, query);
    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    storeThree(library);
    QVERIFY(!library.documents().search(query));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    QVERIFY2(library.errorString().startsWith(QLatin1String("bad search query: ")), qPrintable(library.errorString()));
    DocumentFilter filter;
    filter.text = query;
    QVERIFY(!library.documents().count(filter));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    QVERIFY(!library.documents().window(filter, DocumentSort::Relevance, Qt::DescendingOrder, 0, 10));
    // Every view of the filter says the same: the sidebar, the tags, the timeline, who appears with whom.
    QVERIFY(!library.entities().facets(filter));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    QVERIFY(!library.tags().facets(filter));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    QVERIFY(!library.timeline().counts(filter, Dates::Precision::Month));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    QVERIFY(!library.timeline().events(filter));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    CooccurrenceOptions options;
    QVERIFY(!library.cooccurrence().pairs(filter, options));
    QCOMPARE(library.lastError().kind, StoreError::Kind::BadQuery);
    QVERIFY2(library.errorString().startsWith(QLatin1String("bad search query: ")), qPrintable(library.errorString()));
    // The library goes on working after it.
    QVERIFY(library.documents().search(QStringLiteral("ferry")));
}

void PostgresLibraryTest::rankedListAndHits()
{
    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    storeThree(library);
    Article titled = makeArticle(QStringLiteral("/corpus/reef.txt"), QStringLiteral("Reef reef reef"),
        QStringLiteral("The reef again, and the reef."), "ffff");
    QVERIFY(library.articles().store(titled));
    DocumentFilter filter;
    filter.text = QStringLiteral("reef");
    const auto ranked = library.documents().window(filter, DocumentSort::Relevance, Qt::DescendingOrder, 0, 10);
    QVERIFY2(ranked, qPrintable(library.errorString()));
    // The title counts most: the article named for the reef first.
    QCOMPARE(paths(*ranked), (QStringList { QStringLiteral("reef.txt"), QStringLiteral("manila.txt") }));
    QCOMPARE(library.documents().rowOf(filter, DocumentSort::Relevance, Qt::DescendingOrder, ranked->at(1).id), 1);
    const auto matches = library.documents().matches(filter.text, { ranked->at(0).id, ranked->at(1).id });
    QVERIFY2(matches, qPrintable(library.errorString()));
    QCOMPARE(matches->size(), 2);
    QVERIFY(matches->value(ranked->at(0).id).relevance > matches->value(ranked->at(1).id).relevance);
    QVERIFY(matches->value(ranked->at(1).id).snippet.contains(QChar(0xE000)));
    // The search's snippet marks every form of the word.
    const auto patrols = library.documents().search(QStringLiteral("patrol"));
    QVERIFY2(patrols && patrols->size() == 1, qPrintable(library.errorString()));
    QVERIFY2(patrols->front().snippet.contains(QLatin1String("[patrols]")), qPrintable(patrols->front().snippet));
    // Where the query matches the body: every form of the word, as body offsets.
    const qint64 manila = ranked->at(1).id;
    const auto hits = library.documents().hits(manila, QStringLiteral("patrol"));
    QVERIFY2(hits, qPrintable(library.errorString()));
    const QString body = library.articles().get(manila)->body;
    QCOMPARE(hits->size(), 1);
    QCOMPARE(body.mid(hits->front().first, hits->front().second - hits->front().first), QStringLiteral("patrols"));
}

void PostgresLibraryTest::annotationsAndTagsRoundTrip()
{
    Library library(libraryUrl());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    qint64 id = -1;
    QVERIFY(library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt")), &id));
    const QString body = library.articles().get(id)->body;
    const qsizetype at = body.indexOf(QStringLiteral("Aiko Tanabe"));
    const auto annotation = library.annotations().annotate(
        id, at, at + 11, { QStringLiteral("Diplomacy"), QStringLiteral("people") }, QStringLiteral("the minister"));
    QVERIFY2(annotation, qPrintable(library.errorString()));
    QVERIFY(annotation->id > 0);
    const auto read = library.annotations().get(annotation->id);
    QVERIFY2(read, qPrintable(library.errorString()));
    QCOMPARE(read->anchor.exact, QStringLiteral("Aiko Tanabe"));
    QCOMPARE(read->anchor.start, at);
    QCOMPARE(read->anchor.end, at + 11);
    QCOMPARE(read->tags, (QStringList { QStringLiteral("Diplomacy"), QStringLiteral("people") }));
    QCOMPARE(read->note, QStringLiteral("the minister"));
    // Found by its text, case-insensitively, and by tag (tag names are case-insensitive, as in SQLite).
    AnnotationQuery byText;
    byText.text = QStringLiteral("MINISTER");
    QCOMPARE(library.annotations().list(byText)->size(), 1);
    AnnotationQuery byTag;
    byTag.tags = { QStringLiteral("diplomacy") };
    QCOMPARE(library.annotations().list(byTag)->size(), 1);
    // Edited, then removed and put back with its own id, then a new one after it.
    Annotation edited = *read;
    edited.note = QStringLiteral("met the envoys");
    edited.tags = { QStringLiteral("people") };
    QVERIFY2(library.annotations().update(edited), qPrintable(library.errorString()));
    QCOMPARE(library.annotations().get(read->id)->tags, QStringList { QStringLiteral("people") });
    QVERIFY(library.annotations().remove(read->id));
    QVERIFY(!library.annotations().get(read->id));
    QVERIFY2(library.annotations().restore(edited), qPrintable(library.errorString()));
    QCOMPARE(library.annotations().get(read->id)->note, QStringLiteral("met the envoys"));
    const auto next = library.annotations().annotate(id, 0, 7);
    QVERIFY2(next, qPrintable(library.errorString()));
    QVERIFY(next->id > read->id);

    // Article tags: a case-insensitive codebook, merged and removed.
    QVERIFY2(library.tags().tagArticle(id, { QStringLiteral("Review"), QStringLiteral("asia") }),
        qPrintable(library.errorString()));
    QVERIFY(library.tags().tagArticle(id, { QStringLiteral("review") }));
    QCOMPARE(library.tags().ofArticle(id), (QStringList { QStringLiteral("asia"), QStringLiteral("Review") }));
    const auto window = library.documents().window(DocumentFilter {}, DocumentSort::Tags, Qt::AscendingOrder, 0, 10);
    QVERIFY2(window, qPrintable(library.errorString()));
    QCOMPARE(window->front().tags, (QStringList { QStringLiteral("asia"), QStringLiteral("Review") }));
    const auto codebook = library.tags().all();
    QVERIFY(codebook);
    qint64 review = -1;
    qint64 people = -1;
    for (const Tag &tag : *codebook) {
        (tag.name == u"Review" ? review : tag.name == u"people" ? people : id) = tag.id;
    }
    QVERIFY(review > 0 && people > 0);
    QVERIFY2(library.tags().merge(people, review), qPrintable(library.errorString()));
    QCOMPARE(library.annotations().get(read->id)->tags, QStringList { QStringLiteral("Review") });
    QCOMPARE(library.tags().articlesTagged({ QStringLiteral("REVIEW") }), QList<qint64> { id });
    QVERIFY(library.tags().untagArticle(id, QStringLiteral("asia")));
    QCOMPARE(library.tags().ofArticle(id), QStringList { QStringLiteral("Review") });
    // Removing the article orphans its annotations; they stay.
    QVERIFY(library.articles().remove(id));
    QCOMPARE(library.annotations().get(read->id)->state, AnnotationState::Orphaned);
}

void PostgresLibraryTest::writersTakeTurns()
{
    {
        Library setup(libraryUrl());
        QVERIFY2(setup.open(), qPrintable(setup.errorString()));
    }
    // Two clients importing at once articles that name the same people: every article is stored
    // whole and each entity once (one writer at a time, as on SQLite: no unique-key race).
    const QString url = libraryUrl();
    std::atomic_int failures { 0 };
    const auto importer = [&](int which) {
        Library library(url);
        if (!library.open()) {
            ++failures;
            return;
        }
        for (int i = 0; i < 15; ++i) {
            Article article = tokyoArticle(
                QStringLiteral("/corpus/%1-%2.txt").arg(which).arg(i), QByteArray::number(which * 100 + i));
            addEntity(article, EntityType::Person, QStringLiteral("Person %1").arg(i), {});
            if (!library.articles().store(article)) {
                qWarning() << library.errorString();
                ++failures;
            }
        }
    };
    std::thread first(importer, 1);
    std::thread second(importer, 2);
    first.join();
    second.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM articles")).toInt(), 30);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM entities")).toInt(), 3 + 15);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM article_entities")).toInt(), 30 * 4);

    // A writer that has to wait hears so once, and goes on when the other commits.
    Library batch(url);
    QVERIFY2(batch.open(), qPrintable(batch.errorString()));
    QVERIFY(batch.articles().beginBatch());
    QVERIFY(batch.articles().store(manilaArticle(QStringLiteral("/corpus/batch.txt"))));
    std::atomic_int waits { 0 };
    std::atomic_bool stored { false };
    std::thread waiting([&] {
        Library library(url);
        library.setWaitNotifier([&] { ++waits; });
        stored = library.open() && library.tags().ensure(QStringLiteral("later")).has_value();
    });
    QTRY_COMPARE(waits.load(), 1);
    QVERIFY(!stored.load());
    QVERIFY(batch.articles().commitBatch());
    waiting.join();
    QVERIFY(stored.load());
    QCOMPARE(waits.load(), 1);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM articles")).toInt(), 31);
}

void PostgresLibraryTest::translatesQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("tsquery");
    QTest::newRow("words") << QStringLiteral("a b") << QStringLiteral("('a' & 'b')");
    QTest::newRow("OR below AND") << QStringLiteral("a OR b c") << QStringLiteral("('a' | 'b' & 'c')");
    QTest::newRow("NOT") << QStringLiteral("a NOT b") << QStringLiteral("('a' & !'b')");
    QTest::newRow("phrase") << QStringLiteral("\"a b\"") << QStringLiteral("(('a' <-> 'b'))");
    QTest::newRow("prefix") << QStringLiteral("ab*") << QStringLiteral("('ab':*)");
    QTest::newRow("quote in a word") << QStringLiteral("\"o'neil\"") << QStringLiteral("(('o' <-> 'neil'))");
    QTest::newRow("title") << QStringLiteral("title: a*") << QStringLiteral("('a':*A)");
    QTest::newRow("NEAR") << QStringLiteral("NEAR(a b, 1)")
                          << QStringLiteral("((('a' <1> 'b' | 'b' <1> 'a' | 'a' <2> 'b' | 'b' <2> 'a')))");
}

void PostgresLibraryTest::translatesQueries()
{
    QFETCH(QString, query);
    QFETCH(QString, tsquery);
    QString error;
    QCOMPARE(tsQuery(query, &error).value_or(error), tsquery);
}

void PostgresLibraryTest::cliTakesTheUrl()
{
    // Everywhere a library path goes, the URL goes: import, list, search, tag, annotate.
    const QString text = QStringLiteral(DOSSIER_TEST_DATA "/text");
    const QDir data(text);
    const QStringList names = data.entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name).first(3);
    QStringList arguments { QStringLiteral("import"), QStringLiteral("--library"), libraryUrl() };
    for (const QString &name : names) {
        arguments.append(data.filePath(name));
    }
    const CliRun import = runCli(arguments);
    QVERIFY2(import.exitCode == 0, import.err.constData());
    const CliRun list = runCli({ QStringLiteral("list"), QStringLiteral("--library"), libraryUrl() });
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QCOMPARE(list.lines().size(), 3);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM articles")).toInt(), 3);
    const qint64 id = list.lines().front().value(QLatin1String("id")).toInteger();
    const CliRun tag = runCli({ QStringLiteral("tag"), QStringLiteral("--library"), libraryUrl(),
        QStringLiteral("--doc"), QString::number(id), QStringLiteral("checked") });
    QVERIFY2(tag.exitCode == 0, tag.err.constData());
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM article_tags")).toInt(), 1);
    const QString word
        = sql(QStringLiteral("SELECT split_part(title, ' ', 1) FROM articles WHERE id = %1").arg(id)).toString();
    const CliRun search = runCli(
        { QStringLiteral("search"), QStringLiteral("--library"), libraryUrl(), QStringLiteral("title: ") + word });
    QVERIFY2(search.exitCode == 0, search.err.constData());
    QVERIFY(!search.lines().isEmpty());
    const CliRun bad
        = runCli({ QStringLiteral("search"), QStringLiteral("--library"), libraryUrl(), QStringLiteral("(a") });
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("bad search query"), bad.err.constData());
    const CliRun check = runCli({ QStringLiteral("check"), QStringLiteral("--library"), libraryUrl() });
    QCOMPARE(check.exitCode, 2);
    QVERIFY2(check.err.contains("PostgreSQL server"), check.err.constData());
    const CliRun unreachable = runCli({ QStringLiteral("list"), QStringLiteral("--library"),
        QStringLiteral("postgresql:///x?host=/nonexistent-dossier") });
    QCOMPARE(unreachable.exitCode, 1);
    QVERIFY2(unreachable.err.contains("cannot connect to the team library"), unreachable.err.constData());
}

QTEST_GUILESS_MAIN(PostgresLibraryTest)
#include "postgreslibrary_test.moc"
