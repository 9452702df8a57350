#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Dossier::Core::Migrations
{

/*! PRAGMA application_id of a Dossier library ("Doss" in ASCII), set by migration step 6. */
constexpr int applicationId = 0x446f7373;

/*! The schema version this build writes (PRAGMA user_version). */
int latestVersion();

/*! Brings \a db up to latestVersion(), one numbered step per transaction. Refuses (false, with
    \a error) a library from a newer build. */
bool migrate(QSqlDatabase &db, QString *error);

/*! The version a new team library (PostgreSQL) is made at in one step (migrationsserver.cpp);
    every later numbered step has a PostgreSQL spelling there too. */
constexpr int serverBaseline = 10;

/*! The schema version this build's PostgreSQL steps reach; equal to latestVersion(). */
int serverLatestVersion();

/*! Brings the team library on \a db (QPSQL) up to latestVersion(): the whole baseline schema
    for an empty database, then the numbered steps, in one transaction under an advisory lock.
    Its identity and version are in dossier_meta. Refuses a library from a newer build. */
bool migrateServer(QSqlDatabase &db, QString *error);

} // namespace Dossier::Core::Migrations
