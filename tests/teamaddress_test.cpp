#include "store/library.h"
#include "store/teamaddress.h"

#include <QTest>

using namespace Dossier::Core;

// A team library's address: the parts of a postgresql:// URL, read and put together again.
class TeamAddressTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheUrl_data();
    void readsTheUrl();
    void urlRoundTrips_data();
    void urlRoundTrips();
    void refusesWhatIsNoTeamLibrary_data();
    void refusesWhatIsNoTeamLibrary();
    void optionsAreSetAndRemoved();
};

void TeamAddressTest::readsTheUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<QString>("service");
    QTest::newRow("server, user and port")
        << QStringLiteral("postgresql://ana@db.example.org:6543/dossier_desk") << QStringLiteral("db.example.org")
        << 6543 << QStringLiteral("dossier_desk") << QStringLiteral("ana") << QString() << QString();
    QTest::newRow("socket folder in the query")
        << QStringLiteral("postgresql:///desk?host=/var/run/postgresql&port=5433&user=ben")
        << QStringLiteral("/var/run/postgresql") << 5433 << QStringLiteral("desk") << QStringLiteral("ben") << QString()
        << QString();
    QTest::newRow("sslmode") << QStringLiteral("postgres://db.example.org/desk?sslmode=verify-full")
                             << QStringLiteral("db.example.org") << -1 << QStringLiteral("desk") << QString()
                             << QStringLiteral("verify-full") << QString();
    QTest::newRow("service alone") << QStringLiteral("postgresql:///?service=desk") << QString() << -1 << QString()
                                   << QString() << QString() << QStringLiteral("desk");
    QTest::newRow("escaped database name") << QStringLiteral("postgresql://h/news%20desk") << QStringLiteral("h") << -1
                                           << QStringLiteral("news desk") << QString() << QString() << QString();
}

void TeamAddressTest::readsTheUrl()
{
    QFETCH(QString, url);
    QString error;
    const auto address = TeamAddress::fromUrl(url, &error);
    QVERIFY2(address, qPrintable(error));
    QTEST(address->host, "host");
    QTEST(address->port, "port");
    QTEST(address->database, "database");
    QTEST(address->user, "user");
    QTEST(address->option(QStringLiteral("sslmode")), "sslmode");
    QTEST(address->option(QStringLiteral("service")), "service");
}

void TeamAddressTest::urlRoundTrips_data()
{
    QTest::addColumn<TeamAddress>("address");
    QTest::addColumn<QString>("url");
    TeamAddress server { QStringLiteral("db.example.org"), 6543, QStringLiteral("dossier_desk"), QStringLiteral("ana"),
        {} };
    QTest::newRow("server") << server << QStringLiteral("postgresql://ana@db.example.org:6543/dossier_desk");
    server.setOption(QStringLiteral("sslmode"), QStringLiteral("require"));
    QTest::newRow("server with sslmode") << server
                                         << QStringLiteral(
                                                "postgresql://ana@db.example.org:6543/dossier_desk?sslmode=require");
    const TeamAddress socket { QStringLiteral("/tmp/pg socket"), 5432, QStringLiteral("desk"),
        QStringLiteral("postgres"), {} };
    QTest::newRow("socket folder") << socket
                                   << QStringLiteral(
                                          "postgresql:///desk?host=/tmp/pg%20socket&port=5432&user=postgres");
    const TeamAddress local { {}, -1, QStringLiteral("desk"), {}, {} };
    QTest::newRow("libpq's default server") << local << QStringLiteral("postgresql:///desk");
    TeamAddress service;
    service.setOption(QStringLiteral("service"), QStringLiteral("desk"));
    QTest::newRow("service") << service << QStringLiteral("postgresql:///?service=desk");
}

void TeamAddressTest::urlRoundTrips()
{
    QFETCH(TeamAddress, address);
    QTEST(address.url(), "url");
    QVERIFY(Library::isServerLocation(address.url()));
    QString error;
    const auto read = TeamAddress::fromUrl(address.url(), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(*read, address);
}

void TeamAddressTest::refusesWhatIsNoTeamLibrary_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("error");
    QTest::newRow("password in the URL") << QStringLiteral("postgresql://ana:secret@db.example.org/desk")
                                         << QStringLiteral("must not hold a password");
    QTest::newRow("password in the query") << QStringLiteral("postgresql://db.example.org/desk?password=secret")
                                           << QStringLiteral("must not hold a password");
    QTest::newRow("port that is no number")
        << QStringLiteral("postgresql:///desk?port=fifty") << QStringLiteral("is not a number");
    QTest::newRow("a file") << QStringLiteral("/home/ana/library.dossier")
                            << QStringLiteral("is not a valid postgresql:// URL");
}

void TeamAddressTest::refusesWhatIsNoTeamLibrary()
{
    QFETCH(QString, url);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!TeamAddress::fromUrl(url, &why));
    QVERIFY2(why.contains(error), qPrintable(why));
}

void TeamAddressTest::optionsAreSetAndRemoved()
{
    TeamAddress address;
    address.setOption(QStringLiteral("sslmode"), QStringLiteral("require"));
    address.setOption(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    QCOMPARE(address.options.size(), 1);
    QCOMPARE(address.option(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
    address.setOption(QStringLiteral("sslmode"), QString());
    QVERIFY(address.options.isEmpty());
    QVERIFY(address.option(QStringLiteral("sslmode")).isEmpty());
}

QTEST_GUILESS_MAIN(TeamAddressTest)
#include "teamaddress_test.moc"
