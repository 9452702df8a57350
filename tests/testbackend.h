#pragma once

// The library a store test opens, on either backend (issue 17: the store suite on both). By
// default a file in the test's temporary folder; when the test runs with
// DOSSIER_TEST_BACKEND=postgresql (tests/CMakeLists.txt registers each store test a second time
// so, as NAME_postgresql), a fresh database on a throwaway PostgreSQL server (tests/pgserver.h):
// one server per test binary, one database per library file the test would have made, so a test
// that makes a new temporary folder per test function gets a new database per function.

#include "pgserver.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

namespace Dossier::Test
{

/*! True when the store tests run against PostgreSQL. */
inline bool onServerBackend()
{
    return qEnvironmentVariable("DOSSIER_TEST_BACKEND") == QLatin1String("postgresql");
}

/*! The location of the library a test would keep at \a file: \a file itself, or on PostgreSQL the
    URL of a database made for it (the same for the same \a file). Empty, with a warning, when the
    server or the database cannot be made. */
inline QString testLibrary(const QString &file)
{
    if (!onServerBackend()) {
        return file;
    }
    static std::unique_ptr<PgServer> server;
    static QHash<QString, QString> databases;
    if (const auto known = databases.constFind(file); known != databases.cend()) {
        return *known;
    }
    if (!server) {
        server = std::make_unique<PgServer>();
        // The server stops with the test binary, before its temporary folder goes.
        qAddPostRoutine([] { server.reset(); });
    }
    if (!server->isRunning()) {
        qWarning("no PostgreSQL server for the store test: %s", qPrintable(server->error()));
        return {};
    }
    const QString name = QStringLiteral("library_%1").arg(databases.size() + 1);
    {
        QSqlDatabase admin = server->connection(QStringLiteral("dossier-test-admin"));
        QSqlQuery create(admin);
        if (!admin.open() || !create.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
            qWarning("cannot make the test's database: %s",
                qPrintable(admin.lastError().text() + create.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dossier-test-admin"));
    const QString url = QStringLiteral("postgresql:///%1?host=%2&port=%3&user=postgres")
                            .arg(name, server->socketDir())
                            .arg(PgServer::Port);
    databases.insert(file, url);
    return url;
}

} // namespace Dossier::Test

/*! Skips a test function that looks at the library's SQLite file itself. */
#define DOSSIER_SKIP_ON_SERVER(why)                                                                                    \
    do {                                                                                                               \
        if (Dossier::Test::onServerBackend()) {                                                                        \
            QSKIP(why);                                                                                                \
        }                                                                                                              \
    } while (false)
