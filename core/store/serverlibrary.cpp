// A team library: a database on a PostgreSQL server, named by a postgresql:// URL (issue 17).
// Opening one connects through Qt's QPSQL driver, checks what the database is (a Dossier library,
// an empty database to make one in, or another program's, refused untouched) and migrates it
// (migrationsserver.cpp). Passwords are libpq's business (~/.pgpass, the service file): a URL
// that carries one is refused, so that none ends up in the settings or the recent libraries.

#include "store/migrations_p.h"
#include "store/storecontext_p.h"
#include "store/teamaddress.h"

#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

// What a postgresql:// URL asks libpq for.
struct ServerAddress {
    QString host; // a name, an address or a socket folder; empty: libpq's default
    int port = -1;
    QString user;
    QString database;
    QStringList options; // other libpq keywords (service, sslmode, ...), as key='value'
};

// libpq's quoting of a connection-string value.
QString quoted(QString value)
{
    value.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    value.replace(QLatin1String("'"), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

std::optional<ServerAddress> parseAddress(const QString &location, QString *error)
{
    const std::optional<TeamAddress> parts = TeamAddress::fromUrl(location, error);
    if (!parts) {
        return std::nullopt;
    }
    ServerAddress address { parts->host, parts->port, parts->user, parts->database, {} };
    for (const auto &[key, value] : parts->options) {
        // Qt's driver turns ';' into a separator: no libpq value needs one.
        static const QRegularExpression keyword(QStringLiteral("^[a-z_]+$"));
        if (!keyword.match(key).hasMatch() || value.contains(u';')) {
            *error = QStringLiteral("'%1' in %2 is not a connection setting Dossier can pass on").arg(key, location);
            return std::nullopt;
        }
        address.options.append(key + u'=' + quoted(value));
    }
    if (parts->option(QStringLiteral("connect_timeout")).isEmpty()) {
        address.options.append(QStringLiteral("connect_timeout=10"));
    }
    return address;
}

// The tables (and views) of the schema the library lives in, by name.
std::optional<QStringList> tablesOf(const QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON "
                                   "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN "
                                   "('r', 'p', 'v', 'm', 'f') ORDER BY c.relname"))) {
        *error = query.lastError().databaseText();
        return std::nullopt;
    }
    QStringList tables;
    while (query.next()) {
        tables.append(query.value(0).toString());
    }
    return tables;
}

} // namespace

bool connectServer(
    const QString &location, const QString &name, StoreError *error, bool *unreachable, const QStringList &defaults)
{
    *unreachable = false;
    QString failure;
    std::optional<ServerAddress> address = parseAddress(location, &failure);
    if (!address) {
        *error = failure;
        return false;
    }
    // Settings of the caller's ("keepalives_idle=10"), unless the location gives its own.
    for (const QString &setting : defaults) {
        const QString key = setting.section(u'=', 0, 0) + u'=';
        if (std::none_of(address->options.cbegin(), address->options.cend(),
                [&](const QString &option) { return option.startsWith(key); })) {
            address->options.append(setting);
        }
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        *error = QStringLiteral("cannot open the team library %1: Qt's PostgreSQL driver (QPSQL) is not installed")
                     .arg(location);
        return false;
    }
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    database.setHostName(address->host);
    if (address->port > 0) {
        database.setPort(address->port);
    }
    database.setUserName(address->user);
    database.setDatabaseName(address->database);
    database.setConnectOptions(address->options.join(u';'));
    if (!database.open()) {
        const QSqlError why = database.lastError();
        const QString text = (why.databaseText().isEmpty() ? why.text() : why.databaseText()).trimmed();
        *error = QStringLiteral("cannot connect to the team library %1: %2").arg(location, text);
        if (text.contains(QLatin1String("does not exist")) && text.contains(QLatin1String("database"))) {
            error->message += QStringLiteral(" (make it first: createdb %1)").arg(address->database);
        }
        *unreachable = true;
        return false;
    }
    return true;
}

bool StoreContext::openServer()
{
    openFailure = Library::OpenFailure::Other;
    bool unreachable = false;
    if (!connectServer(path, connection, &error, &unreachable)) {
        if (unreachable) {
            openFailure = Library::OpenFailure::Unreachable;
        }
        return false;
    }
    QSqlDatabase database = db();
    QString failure;
    bool ready = false;
    const auto closeUnlessReady = qScopeGuard([&] {
        if (!ready) {
            database.close();
        }
    });
    // to_tsquery() tells of stop words it dropped as a NOTICE; nobody reads those. A writer waits
    // for another at most as long as SQLite's busy timeout. No JIT: the list's queries are short,
    // and the planner's cost of a page deep in the list (its tags per row) made it compile each
    // one, about 38 ms of a 64 ms page at 20,000 articles (scripts/bench team --explain).
    if (!exec(QStringLiteral("SET client_min_messages = warning")) || !exec(QStringLiteral("SET lock_timeout = 30000"))
        || !exec(QStringLiteral("SET jit = off"))) {
        error = QStringLiteral("cannot open the team library %1: %2").arg(path, error.message);
        return false;
    }
    const std::optional<QStringList> tables = tablesOf(database, &failure);
    if (!tables) {
        error = QStringLiteral("cannot open the team library %1: %2").arg(path, failure);
        return false;
    }
    int version = 0;
    if (!tables->isEmpty()) {
        int applicationId = 0;
        if (tables->contains(QLatin1String("dossier_meta"))) {
            QSqlQuery meta(database);
            if (meta.exec(QStringLiteral("SELECT application_id, schema_version FROM dossier_meta")) && meta.next()) {
                applicationId = meta.value(0).toInt();
                version = meta.value(1).toInt();
            } else if (meta.lastError().nativeErrorCode() == u"42501") {
                // A role that is no member of the library may not read it at all.
                error = StoreError(
                    QStringLiteral("you are not a member of the team library %1: one of its admins can "
                                   "add you (dossier-cli team add %2 --role ROLE)")
                        .arg(path, database.userName().isEmpty() ? QStringLiteral("NAME") : database.userName()),
                    StoreError::Kind::Denied);
                return false;
            }
        }
        if (applicationId != Migrations::applicationId) {
            const qsizetype shown = std::min<qsizetype>(tables->size(), 5);
            error = QStringLiteral("%1 is not a Dossier library: the database holds another program's tables (%2%3); "
                                   "it was left untouched")
                        .arg(path, tables->first(shown).join(QLatin1String(", ")),
                            tables->size() > shown ? QStringLiteral(" and %1 more").arg(tables->size() - shown)
                                                   : QString());
            openFailure = Library::OpenFailure::Foreign;
            return false;
        }
        if (version > Migrations::latestVersion()) {
            error = QStringLiteral("the team library %1 was written by a newer Dossier (schema version %2; this "
                                   "build knows up to %3); it was left untouched")
                        .arg(path)
                        .arg(version)
                        .arg(Migrations::latestVersion());
            openFailure = Library::OpenFailure::Newer;
            return false;
        }
    }
    // A standby server, or a role whose transactions are read-only by default, reads only.
    QSqlQuery readOnlyQuery(database);
    if (readOnlyQuery.exec(QStringLiteral("SELECT current_setting('transaction_read_only') = 'on'"))
        && readOnlyQuery.next()) {
        readOnly = readOnlyQuery.value(0).toBool();
    }
    if (readOnly && tables->isEmpty()) {
        error = QStringLiteral("the team library %1 is empty and cannot be written, so it cannot be made").arg(path);
        openFailure = Library::OpenFailure::ReadOnly;
        return false;
    }
    // A current library is not locked for a migration: opening it never waits for a writer.
    if (!readOnly && version < Migrations::latestVersion() && !Migrations::migrateServer(database, &failure)) {
        error = failure;
        return false;
    }
    QSqlQuery user(database);
    if (!user.exec(QStringLiteral("SELECT current_user, current_database(), (SELECT rolsuper OR rolcreaterole FROM "
                                  "pg_catalog.pg_roles WHERE rolname = current_user), pg_backend_pid()"))
        || !user.next()) {
        error = QStringLiteral("cannot open the team library %1: %2").arg(path, user.lastError().databaseText());
        return false;
    }
    author = user.value(0).toString();
    this->database = user.value(1).toString();
    const bool mayCreateRoles = user.value(2).toBool();
    connectionId = user.value(3).toLongLong();
    user.finish();
    // The open that made or migrated the library, by someone who may create roles, makes its group
    // roles and grants them the tables; otherwise an admin's `dossier-cli team add` does.
    TeamStore team(this);
    if (!readOnly && version < Migrations::latestVersion() && mayCreateRoles && !team.setUp()) {
        qCWarning(lcStore) << "cannot make the team library's roles:" << error.message;
    }
    const std::optional<bool> roles = team.isSetUp();
    const std::optional<TeamRole> role = roles && *roles ? team.myRole() : std::nullopt;
    if (role) {
        memberRole = (*role == TeamRole::Reader ? QStringLiteral("a ") : QStringLiteral("an ")) + teamRoleName(*role);
    } else if (roles && *roles) {
        memberRole = QStringLiteral("not a member");
    }
    error = {};
    ready = true;
    return true;
}

QString StoreContext::inlined(const QString &sql, const QVariantList &binds) const
{
    const QSqlDatabase database = db();
    const QSqlDriver *driver = database.driver();
    QString out;
    out.reserve(sql.size() + binds.size() * 12);
    qsizetype next = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            }
            out.append(c);
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            out.append(c);
        } else if (c == u'?' && next < binds.size()) {
            // As QPSQL writes a bound value (a null QString or QByteArray is NULL, as Qt binds it).
            const QVariant &value = binds.at(next++);
            QSqlField field(QString(), value.metaType());
            const int type = value.metaType().id();
            if (!value.isValid() || value.isNull() || (type == QMetaType::QString && value.toString().isNull())
                || (type == QMetaType::QByteArray && value.toByteArray().isNull())) {
                field.clear();
            } else {
                field.setValue(value);
            }
            const QString literal = driver->formatValue(field);
            // A negative number after a minus sign would start a comment ("- -1" is fine, "--1" not).
            if (literal.startsWith(u'-')) {
                out.append(u'(' + literal + u')');
            } else {
                out.append(literal);
            }
        } else {
            out.append(c);
        }
    }
    return out;
}

bool StoreContext::runAll(
    QSqlQuery &query, const QStringList &statements, const std::function<void(qsizetype, QSqlQuery &)> &onResult)
{
    // Forward only (rows as they come) when there is one result; with several, QPSQL fetches them
    // all and nextResult() steps through them, each checked.
    query.setForwardOnly(statements.size() == 1);
    if (!query.exec(statements.join(QLatin1String(";\n")))) {
        error = storeError(query);
        qCWarning(lcStore) << "query failed:" << error.message << statements.join(QLatin1String(";\n")).left(2000);
        return false;
    }
    for (qsizetype i = 1; i < statements.size(); ++i) {
        if (onResult) {
            onResult(i - 1, query);
        }
        if (!query.nextResult()) {
            error = query.lastError().isValid()
                ? storeError(query)
                : StoreError(QStringLiteral("the server answered %1 of %2 statements").arg(i).arg(statements.size()));
            qCWarning(lcStore) << "query failed:" << error.message << statements.at(i).left(2000);
            return false;
        }
    }
    return true;
}

bool StoreContext::commitAndSend()
{
    const LibraryChanges sent = std::exchange(changes, {});
    if (onServer() && !sent.isEmpty()) {
        // Inside the transaction: the server delivers it at the commit, and only if it commits.
        const ChangeNotice notice { sent, author, connectionId };
        QSqlQuery query(db());
        if (!runOnce(query, QStringLiteral("SELECT pg_notify(?, ?)"),
                { ChangeNotice::channel(), QString::fromUtf8(notice.toPayload()) })) {
            return false;
        }
    }
    return exec(QStringLiteral("COMMIT"));
}

} // namespace Dossier::Core
