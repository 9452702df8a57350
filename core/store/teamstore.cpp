// The members of a team library (issue 17): group roles of the PostgreSQL server named after the
// database, each with its GRANTs, and login roles granted one of them. What a member may do is the
// server's to enforce (GRANTs here; authorship triggers and row-level security in
// migrationsserver.cpp); these are the statements an admin would type, in one place.

#include "store/teamstore.h"

#include "store/storecontext_p.h"

#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <array>

namespace Dossier::Core
{

namespace
{

constexpr std::array roles { TeamRole::Reader, TeamRole::Annotator, TeamRole::Editor, TeamRole::Admin };

// A role or database name as an SQL identifier.
QString identifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// PostgreSQL's names are at most 63 bytes; a member's name is typed by an admin.
bool validName(const QString &name, StoreError *error)
{
    if (name.trimmed().isEmpty() || name != name.trimmed() || name.toUtf8().size() > 63 || name.contains(QChar::Null)) {
        *error = StoreError(QStringLiteral("'%1' is not a role name (1 to 63 bytes, no spaces around it)").arg(name),
            StoreError::Kind::Invalid);
        return false;
    }
    return true;
}

} // namespace

QString teamRoleName(TeamRole role)
{
    switch (role) {
    case TeamRole::Reader:
        return QStringLiteral("reader");
    case TeamRole::Annotator:
        return QStringLiteral("annotator");
    case TeamRole::Editor:
        return QStringLiteral("editor");
    case TeamRole::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

std::optional<TeamRole> teamRoleFromName(QStringView name)
{
    for (const TeamRole role : roles) {
        if (name == teamRoleName(role)) {
            return role;
        }
    }
    return std::nullopt;
}

TeamStore::TeamStore(StoreContext *context)
    : d(context)
{
}

bool StoreContext::refusesTeam()
{
    if (onServer()) {
        return false;
    }
    error = StoreError(QStringLiteral("%1 is a library file: only a team library (postgresql://…) has members and "
                                      "roles")
                           .arg(path),
        StoreError::Kind::Invalid);
    return true;
}

QString StoreContext::groupRole(TeamRole role) const
{
    return database + u'_' + teamRoleName(role);
}

bool TeamStore::setUp()
{
    if (d->refusesTeam()) {
        return false;
    }
    const auto group = [this](TeamRole role) { return identifier(d->groupRole(role)); };
    return d->transaction([&] {
        for (const TeamRole role : roles) {
            QSqlQuery exists(d->db());
            if (!d->run(exists, QStringLiteral("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?"),
                    { d->groupRole(role) })) {
                return false;
            }
            if (!exists.next() && !d->exec(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(group(role)))) {
                return false;
            }
        }
        // PUBLIC may connect and use the schema unless the server was hardened; then whoever may
        // grant those grants them too.
        QSqlQuery names(d->db());
        if (!d->run(names,
                QStringLiteral("SELECT current_schema(), has_database_privilege(current_database(), 'CONNECT WITH "
                               "GRANT OPTION'), has_schema_privilege(current_schema(), 'USAGE WITH GRANT OPTION')"),
                {})
            || !names.next()) {
            return false;
        }
        const QString tablesIn = identifier(names.value(0).toString());
        const bool grantsConnect = names.value(1).toBool();
        const bool grantsUsage = names.value(2).toBool();
        names.finish();
        QStringList grants {
            // Each role is a member of the one before: it may what that one may, and more.
            QStringLiteral("GRANT %1 TO %2").arg(group(TeamRole::Reader), group(TeamRole::Annotator)),
            QStringLiteral("GRANT %1 TO %2").arg(group(TeamRole::Annotator), group(TeamRole::Editor)),
            QStringLiteral("GRANT %1 TO %2").arg(group(TeamRole::Editor), group(TeamRole::Admin)),
            QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %2").arg(tablesIn, group(TeamRole::Reader)),
            QStringLiteral("GRANT SELECT ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(tablesIn, group(TeamRole::Reader)),
            QStringLiteral("GRANT INSERT, UPDATE, DELETE ON annotations, annotation_tags, article_tags, saved_searches "
                           "TO %1")
                .arg(group(TeamRole::Annotator)),
            QStringLiteral("GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA %1 TO %2")
                .arg(tablesIn, group(TeamRole::Annotator)),
            QStringLiteral("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1 TO %2")
                .arg(tablesIn, group(TeamRole::Editor)),
            QStringLiteral("REVOKE INSERT, UPDATE, DELETE ON dossier_meta FROM %1").arg(group(TeamRole::Editor)),
            // The history (schema 13) is written by the triggers of every member's changes and never
            // changed: members may add to it, nobody may alter it (its own triggers refuse that too).
            QStringLiteral("GRANT INSERT ON history TO %1").arg(group(TeamRole::Annotator)),
            QStringLiteral("REVOKE UPDATE, DELETE, TRUNCATE ON history FROM %1").arg(group(TeamRole::Editor)),
            // Admins grant the roles to others.
            QStringLiteral("GRANT %1, %2, %3 TO %4 WITH ADMIN OPTION")
                .arg(group(TeamRole::Reader), group(TeamRole::Annotator), group(TeamRole::Editor),
                    group(TeamRole::Admin)),
        };
        if (grantsConnect) {
            grants.append(QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2")
                    .arg(identifier(d->database), group(TeamRole::Reader)));
        }
        if (grantsUsage) {
            grants.append(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(tablesIn, group(TeamRole::Reader)));
        }
        for (const QString &grant : grants) {
            if (!d->exec(grant)) {
                return false;
            }
        }
        return true;
    });
}

std::optional<bool> TeamStore::isSetUp()
{
    if (d->refusesTeam()) {
        return std::nullopt;
    }
    QSqlQuery query(d->db());
    if (!d->run(query, QStringLiteral("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname IN (?, ?, ?, ?)"),
            { d->groupRole(TeamRole::Reader), d->groupRole(TeamRole::Annotator), d->groupRole(TeamRole::Editor),
                d->groupRole(TeamRole::Admin) })
        || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toInt() == int(roles.size());
}

std::optional<QList<TeamMember>> TeamStore::members()
{
    if (d->refusesTeam()) {
        return std::nullopt;
    }
    QVariantList groups;
    for (const TeamRole role : roles) {
        groups.append(d->groupRole(role));
    }
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT m.rolname, g.rolname FROM pg_catalog.pg_auth_members am "
                           "JOIN pg_catalog.pg_roles g ON g.oid = am.roleid "
                           "JOIN pg_catalog.pg_roles m ON m.oid = am.member "
                           "WHERE g.rolname IN (?, ?, ?, ?) AND m.rolname NOT IN (?, ?, ?, ?) "
                           "ORDER BY m.rolname"),
            groups + groups)) {
        return std::nullopt;
    }
    QList<TeamMember> members;
    while (query.next()) {
        const QString name = query.value(0).toString();
        const std::optional<TeamRole> role = teamRoleFromName(query.value(1).toString().mid(d->database.size() + 1));
        if (!role) {
            continue;
        }
        // A member granted several roles has the highest.
        if (!members.isEmpty() && members.last().name == name) {
            members.last().role = std::max(members.last().role, *role);
        } else {
            members.append(TeamMember { name, *role });
        }
    }
    return members;
}

bool TeamStore::add(const QString &name, TeamRole role)
{
    if (d->refusesTeam() || !validName(name, &d->error)) {
        return false;
    }
    const std::optional<bool> ready = isSetUp();
    if (!ready || (!*ready && !setUp())) {
        return false;
    }
    bool exists = false;
    {
        QSqlQuery query(d->db());
        if (!d->run(query, QStringLiteral("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?"), { name })) {
            return false;
        }
        exists = query.next();
    }
    if (!exists) {
        if (!d->transaction([&] { return d->exec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(identifier(name))); })) {
            d->error.message = QStringLiteral("cannot create the role %1 on the server: %2 (someone with the right to "
                                              "create roles can: CREATE ROLE %1 LOGIN)")
                                   .arg(name, d->error.message);
            return false;
        }
    }
    return setRole(name, role);
}

bool TeamStore::setRole(const QString &name, TeamRole role)
{
    if (d->refusesTeam() || !validName(name, &d->error)) {
        return false;
    }
    // A member of some role is revoked from the others; someone no role is granted to yet must
    // be add()ed (the role exists, or add() makes it).
    const auto grant = [&] {
        d->changed({ .members = true }); // for the Members dialogs open on the library
        QSqlQuery query(d->db());
        if (!d->run(query, QStringLiteral("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?"), { name })) {
            return false;
        }
        if (!query.next()) {
            d->error
                = StoreError(QStringLiteral("there is no role %1 on the server; add it as a member first").arg(name),
                    StoreError::Kind::NotFound);
            return false;
        }
        query.finish();
        for (const TeamRole other : roles) {
            if (!revokeIfGranted(name, other)) {
                return false;
            }
        }
        if (role != TeamRole::Admin) {
            return d->exec(QStringLiteral("GRANT %1 TO %2").arg(identifier(d->groupRole(role)), identifier(name)));
        }
        // An admin may grant every role (to make other admins too) and, where the granting user
        // may, create the login roles of new members.
        QStringList groups;
        for (const TeamRole each : roles) {
            groups.append(identifier(d->groupRole(each)));
        }
        if (!d->exec(QStringLiteral("GRANT %1 TO %2 WITH ADMIN OPTION").arg(groups.join(u", "), identifier(name)))) {
            return false;
        }
        if (!d->run(query,
                QStringLiteral(
                    "SELECT rolsuper OR rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = current_user"),
                {})
            || !query.next()) {
            return false;
        }
        const bool mayCreateRoles = query.value(0).toBool();
        query.finish();
        return !mayCreateRoles || d->exec(QStringLiteral("ALTER ROLE %1 CREATEROLE").arg(identifier(name)));
    };
    return d->transaction(grant);
}

bool TeamStore::revokeIfGranted(const QString &name, TeamRole role)
{
    QSqlQuery granted(d->db());
    if (!d->run(granted,
            QStringLiteral("SELECT 1 FROM pg_catalog.pg_auth_members am JOIN pg_catalog.pg_roles g ON g.oid = "
                           "am.roleid JOIN pg_catalog.pg_roles m ON m.oid = am.member WHERE g.rolname = ? AND "
                           "m.rolname = ?"),
            { d->groupRole(role), name })) {
        return false;
    }
    if (!granted.next()) {
        return true;
    }
    granted.finish();
    if (!d->exec(QStringLiteral("REVOKE %1 FROM %2").arg(identifier(d->groupRole(role)), identifier(name)))) {
        return false;
    }
    // The server takes back only the grants the user made (it warns about the others): a member
    // made by someone else keeps the role.
    if (!d->run(granted, granted.lastQuery(), { d->groupRole(role), name })) {
        return false;
    }
    if (granted.next()) {
        d->error = StoreError(QStringLiteral("%1 was made %2 by someone else, who (or an administrator of the "
                                             "server) must take it back")
                                  .arg(name, d->groupRole(role)),
            StoreError::Kind::Denied);
        return false;
    }
    return true;
}

bool TeamStore::remove(const QString &name)
{
    if (d->refusesTeam() || !validName(name, &d->error)) {
        return false;
    }
    const std::optional<QList<TeamMember>> all = members();
    if (!all) {
        return false;
    }
    if (std::none_of(all->cbegin(), all->cend(), [&](const TeamMember &member) { return member.name == name; })) {
        d->error
            = StoreError(QStringLiteral("%1 is not a member of this library").arg(name), StoreError::Kind::NotFound);
        return false;
    }
    return d->transaction([&] {
        d->changed({ .members = true });
        for (const TeamRole role : roles) {
            if (!revokeIfGranted(name, role)) {
                return false;
            }
        }
        return true;
    });
}

std::optional<TeamRole> TeamStore::myRole()
{
    if (d->refusesTeam()) {
        return std::nullopt;
    }
    std::optional<TeamRole> mine;
    for (const TeamRole role : roles) {
        QSqlQuery query(d->db());
        if (!d->run(query,
                QStringLiteral("SELECT pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER') FROM "
                               "pg_catalog.pg_roles r WHERE r.rolname = ?"),
                { d->groupRole(role) })) {
            return std::nullopt;
        }
        if (query.next() && query.value(0).toBool()) {
            mine = role;
        }
    }
    d->error = {};
    return mine;
}

QString TeamStore::urlFor(const QString &name) const
{
    QUrl url(d->path);
    url.setUserName({});
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("user"));
    query.addQueryItem(QStringLiteral("user"), name);
    url.setQuery(query);
    return url.toString();
}

} // namespace Dossier::Core
