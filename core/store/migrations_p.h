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

} // namespace Dossier::Core::Migrations
