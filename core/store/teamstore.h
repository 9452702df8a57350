#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*! \brief What a member of a team library may do; each role may do what the ones before it may. */
enum class TeamRole {
    Reader, //!< reads everything
    Annotator, //!< also highlights, notes, article tags and saved searches (only their own annotations)
    Editor, //!< also imports and removes articles, corrects entities, keeps the tag codebook, hides annotations
    Admin, //!< also adds and removes members and changes their roles
};

QString teamRoleName(TeamRole role);
std::optional<TeamRole> teamRoleFromName(QStringView name);

/*! \brief A member of a team library: a PostgreSQL role and what the library lets it do. */
struct TeamMember {
    QString name;
    TeamRole role = TeamRole::Reader;
    friend bool operator==(const TeamMember &, const TeamMember &) = default;
};

/*!
    \brief The members of a team library and their roles, enforced by the PostgreSQL server.
    Obtained from Library::team().

    Each role is a group role of the server named after the database (\c <database>_reader,
    \c _annotator, \c _editor, \c _admin), each a member of the one before, with the GRANTs of its
    role on the library's tables; a member is a login role granted one of them (admins with the
    right to grant the others). The server enforces them, with the authorship rules of schema 12
    (migrationsserver.cpp): the client only asks. A library file has no members: every call fails.
*/
class TeamStore
{
public:
    explicit TeamStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(TeamStore)

    /*! Makes the library's group roles where missing and grants them their rights on the current
        tables. Needs the right to create roles (CREATEROLE) and to grant on the tables (their
        owner); the first open of a new library does it when it can. */
    bool setUp();
    /*! True when the library's group roles exist. */
    std::optional<bool> isSetUp();
    /*! Every member with their role, by name. */
    std::optional<QList<TeamMember>> members();
    /*! Makes \a name a member with \a role (in place of any role it had), creating the login role
        \a name when the server has none (which needs CREATEROLE). Sets the library up first when
        it has no group roles yet. */
    bool add(const QString &name, TeamRole role);
    /*! Gives the member \a name another role; NotFound when \a name is not a member. */
    bool setRole(const QString &name, TeamRole role);
    /*! \a name is no member any more (its login role stays on the server); NotFound when it was none. */
    bool remove(const QString &name);
    /*! The role the connection's user has in the library (an administrator of the server is an
        admin); std::nullopt with no error when it is no member or the library has no roles. */
    std::optional<TeamRole> myRole();
    /*! The library's URL as it connects as \a name (the user replaced; libpq finds the password). */
    QString urlFor(const QString &name) const;

private:
    bool revokeIfGranted(const QString &name, TeamRole role);
    StoreContext *d;
};

} // namespace Dossier::Core
