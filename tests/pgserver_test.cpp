// The throwaway PostgreSQL server the team-library tests run against (tests/pgserver.h): it starts,
// answers through Qt's QPSQL driver, keeps transactions apart like a real server, names what is
// missing in its errors, and is gone when the test ends.

#include "pgserver.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using Dossier::Test::PgServer;

class PgServerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void answersThroughQpsql();
    void transactionsStayApartUntilCommitted();
    void missingDatabaseIsNamed();
    void stopsAndLeavesNothingRunning();

private:
    static QVariant scalar(const QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next()) {
            qWarning() << sql << query.lastError().text();
            return {};
        }
        return query.value(0);
    }
};

void PgServerTest::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
        "Qt's PostgreSQL driver (libqt6sql6-psql) is missing: scripts/lib/env.sh installs it");
}

void PgServerTest::answersThroughQpsql()
{
    PgServer server;
    QVERIFY2(server.isRunning(), qPrintable(server.error()));
    QVERIFY(QFile::exists(server.socketPath()));
    {
        QSqlDatabase db = server.connection(QStringLiteral("answers"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QVERIFY(scalar(db, QStringLiteral("SELECT current_setting('server_version_num')::int")).toInt() >= 170000);
        QCOMPARE(scalar(db, QStringLiteral("SELECT current_user")).toString(), QStringLiteral("postgres"));
        QCOMPARE(scalar(db, QStringLiteral("SHOW server_encoding")).toString(), QStringLiteral("UTF8"));
        // Text round-trips whole: what articles hold.
        QSqlQuery query(db);
        QVERIFY(query.prepare(QStringLiteral("SELECT ?::text")));
        const QString text = QStringLiteral("Tromsø — «Ørsted» 北京 \U0001F30A");
        query.addBindValue(text);
        QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
        QCOMPARE(query.value(0).toString(), text);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("answers"));
}

void PgServerTest::transactionsStayApartUntilCommitted()
{
    PgServer server;
    QVERIFY2(server.isRunning(), qPrintable(server.error()));
    {
        QSqlDatabase a = server.connection(QStringLiteral("a"));
        QSqlDatabase b = server.connection(QStringLiteral("b"));
        QVERIFY2(a.open() && b.open(), qPrintable(a.lastError().text() + b.lastError().text()));
        QSqlQuery(a).exec(QStringLiteral("CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL)"));
        QVERIFY(a.transaction());
        QVERIFY(QSqlQuery(a).exec(QStringLiteral("INSERT INTO notes VALUES (1, 'first')")));
        QCOMPARE(scalar(b, QStringLiteral("SELECT count(*) FROM notes")).toInt(), 0);
        QCOMPARE(scalar(a, QStringLiteral("SELECT count(*) FROM notes")).toInt(), 1);
        QVERIFY(a.commit());
        QCOMPARE(scalar(b, QStringLiteral("SELECT body FROM notes WHERE id = 1")).toString(), QStringLiteral("first"));
        // The same key from the other connection is refused, not overwritten.
        QSqlQuery duplicate(b);
        QVERIFY(!duplicate.exec(QStringLiteral("INSERT INTO notes VALUES (1, 'second')")));
        QCOMPARE(duplicate.lastError().nativeErrorCode(), QStringLiteral("23505")); // unique_violation
        QCOMPARE(scalar(a, QStringLiteral("SELECT body FROM notes WHERE id = 1")).toString(), QStringLiteral("first"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("a"));
    QSqlDatabase::removeDatabase(QStringLiteral("b"));
}

void PgServerTest::missingDatabaseIsNamed()
{
    PgServer server;
    QVERIFY2(server.isRunning(), qPrintable(server.error()));
    {
        QSqlDatabase db = server.connection(QStringLiteral("missing"), QStringLiteral("no_such_library"));
        QVERIFY(!db.open());
        QVERIFY2(db.lastError().text().contains(QStringLiteral("no_such_library")), qPrintable(db.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("missing"));
}

void PgServerTest::stopsAndLeavesNothingRunning()
{
    QString socket;
    QString folder;
    {
        PgServer server;
        QVERIFY2(server.isRunning(), qPrintable(server.error()));
        socket = server.socketPath();
        folder = server.socketDir();
        QVERIFY(QFile::exists(socket));
        QVERIFY(server.stop());
        QVERIFY(!server.isRunning());
        QVERIFY(!QFile::exists(socket));
        {
            QSqlDatabase db = server.connection(QStringLiteral("after"));
            QVERIFY(!db.open());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("after"));
    }
    QVERIFY(!QFileInfo::exists(folder));
}

QTEST_GUILESS_MAIN(PgServerTest)
#include "pgserver_test.moc"
