#pragma once

// Helpers for the tests of a team library on a throwaway server of pgserver.h: starting one for a
// test case, the URL of a library on it, and SQL run as its superuser.

#include "pgserver.h"

#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace Dossier::Test
{

/*! A server for a test case's team libraries; nullptr, with \a why set, when Qt's PostgreSQL driver
    is missing or the server does not start. */
inline std::unique_ptr<PgServer> startServer(QString *why)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        *why = QStringLiteral("Qt's PostgreSQL driver (libqt6sql6-psql) is missing: scripts/lib/env.sh installs it");
        return nullptr;
    }
    auto server = std::make_unique<PgServer>();
    if (!server->isRunning()) {
        *why = server->error();
        return nullptr;
    }
    return server;
}

/*! The URL of the team library in \a database of \a server, connecting as \a user. */
inline QString libraryUrl(
    const PgServer &server, const QString &database, const QString &user = QStringLiteral("postgres"))
{
    return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=%4")
        .arg(database, server.socketDir())
        .arg(PgServer::Port)
        .arg(user);
}

/*! Runs \a statement on \a database of \a server as the superuser (CREATE DATABASE, ALTER ROLE,
    NOTIFY, ...); false, with a warning saying why, when it fails. */
inline bool serverExec(
    const PgServer &server, const QString &statement, const QString &database = QStringLiteral("postgres"))
{
    bool ok = false;
    const QString name = QStringLiteral("teamhelpers-exec");
    {
        QSqlDatabase db = server.connection(name, database);
        QSqlQuery query(db);
        ok = db.open() && query.exec(statement);
        if (!ok) {
            qWarning("%s: %s %s", qPrintable(statement), qPrintable(db.lastError().text()),
                qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace Dossier::Test
