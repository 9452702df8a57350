// Library: opening a file (what it is, the switch to WAL, migrations), the errors a user can
// cause, and the write lock. What is stored is read and written by the stores (articlestore.cpp,
// documentquery.cpp, entitystore.cpp, tagstore.cpp, annotationstore.cpp, curationstore.cpp).

#include "store/library.h"

#include "store/datalocations.h"
#include "store/migrations_p.h"
#include "store/storecontext_p.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <QVariant>

#include <algorithm>
#include <atomic>

Q_LOGGING_CATEGORY(lcStore, "dossier.store")

namespace Dossier::Core
{

namespace
{

QString uniqueConnectionName()
{
    static std::atomic<int> counter { 0 };
    return QStringLiteral("dossier-library-%1").arg(counter.fetch_add(1));
}

constexpr int busyTimeoutMs = 30000;

constexpr int sqliteBusy = 5;
constexpr int sqliteLocked = 6;
constexpr int sqliteReadOnly = 8;
constexpr int sqliteFull = 13;
constexpr int sqliteCorrupt = 11;
constexpr int sqliteNotADatabase = 26;

// What an open() that failed on statement result \a code was. SQLite cannot tell a damaged header
// from a file that never was a database (both are SQLITE_NOTADB): both count as damaged.
Library::OpenFailure failureOf(int code)
{
    switch (code) {
    case sqliteCorrupt:
    case sqliteNotADatabase:
        return Library::OpenFailure::Damaged;
    case sqliteBusy:
    case sqliteLocked:
        return Library::OpenFailure::Locked;
    default:
        return Library::OpenFailure::Other;
    }
}

// What a file says it is: its schema version, application id and tables, read in one statement
// so that they agree with each other while another process is setting up the same file.
struct FileIdentity {
    int userVersion = 0;
    int applicationId = 0;
    QStringList tables;
};

std::optional<FileIdentity> readIdentity(const QSqlDatabase &db, QString *failure, int *code)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT (SELECT user_version FROM pragma_user_version), "
                                   "(SELECT application_id FROM pragma_application_id), "
                                   "(SELECT group_concat(name, '/') FROM (SELECT name FROM sqlite_master "
                                   "WHERE type = 'table' ORDER BY name))"))
        || !query.next()) {
        *failure = sqlError(query);
        *code = sqliteCode(query.lastError());
        return std::nullopt;
    }
    FileIdentity identity;
    identity.userVersion = query.value(0).toInt();
    identity.applicationId = query.value(1).toInt();
    identity.tables = query.value(2).toString().split(u'/', Qt::SkipEmptyParts);
    return identity;
}

// True when \a file is a Dossier library (of any schema) or an empty database Dossier may make one
// of; false with \a foreign saying what it is otherwise.
bool isDossierOrEmpty(const FileIdentity &file, QString *foreign)
{
    if (file.applicationId == Migrations::applicationId) {
        return true;
    }
    if (file.applicationId != 0) {
        *foreign
            = QStringLiteral("its application id is 0x%1").arg(quint32(file.applicationId), 8, 16, QLatin1Char('0'));
        return false;
    }
    if (file.tables.isEmpty() && file.userVersion == 0) {
        return true; // a new, empty file
    }
    // Libraries of schemas 1 to 5 predate the application id; every one of them has these tables.
    if (file.userVersion > 0 && file.tables.contains(QLatin1String("articles"))
        && file.tables.contains(QLatin1String("entities"))) {
        return true;
    }
    const qsizetype shown = std::min<qsizetype>(file.tables.size(), 5);
    *foreign = file.tables.isEmpty()
        ? QStringLiteral("it holds no tables but has the version %1").arg(file.userVersion)
        : QStringLiteral("it holds the tables %1%2")
              .arg(file.tables.first(shown).join(QLatin1String(", ")),
                  file.tables.size() > shown ? QStringLiteral(" and %1 more").arg(file.tables.size() - shown)
                                             : QString());
    return false;
}

} // namespace

int sqliteCode(const QSqlError &error)
{
    // PostgreSQL's native codes are five-character SQLSTATEs; SQLite's are numbers of at most four digits.
    if (error.nativeErrorCode().size() == 5) {
        return -1;
    }
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1;
}

StoreError storeError(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (const QString state = error.nativeErrorCode(); state.size() == 5) {
        // A PostgreSQL SQLSTATE: its class says the kind.
        if (state == u"53100") {
            return { QStringLiteral("the database server's disk is full"), StoreError::Kind::DiskFull };
        }
        if (state == u"25006") {
            return { text, StoreError::Kind::ReadOnly };
        }
        if (state == u"42501") {
            return { text, StoreError::Kind::Denied };
        }
        if (state == u"55P03" || state == u"40P01" || state == u"40001") {
            return { text, StoreError::Kind::Locked };
        }
        return { text, StoreError::Kind::Other };
    }
    switch (sqliteCode(error)) {
    case sqliteBusy:
        return { QStringLiteral("the library is locked by another program (still busy after waiting)"),
            StoreError::Kind::Locked };
    case sqliteLocked:
        return { text, StoreError::Kind::Locked };
    case sqliteFull:
        return { QStringLiteral("the disk is full"), StoreError::Kind::DiskFull };
    case sqliteReadOnly:
        return { QStringLiteral("the library is read-only"), StoreError::Kind::ReadOnly };
    case sqliteCorrupt:
    case sqliteNotADatabase:
        return { text, StoreError::Kind::Damaged };
    default:
        return { text, StoreError::Kind::Other };
    }
}

QString notNull(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}
Library::Library(const QString &path)
    : d(std::make_unique<Private>())
{
    d->path = path;
    d->connection = uniqueConnectionName();
    d->backend = isServerLocation(path) ? Backend::PostgreSQL : Backend::Sqlite;
    d->author = d->onServer() ? QString() : localAuthor();
}

QString localAuthor()
{
    for (const char *variable : { "DOSSIER_AUTHOR", "USER", "LOGNAME", "USERNAME" }) {
        if (const QString name = qEnvironmentVariable(variable).trimmed(); !name.isEmpty()) {
            return name;
        }
    }
    return QDir::home().dirName();
}

QString Library::author() const
{
    return d->author;
}

bool Library::isServerLocation(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql:"), Qt::CaseInsensitive)
        || location.startsWith(QLatin1String("postgres:"), Qt::CaseInsensitive);
}

Library::Backend Library::backend() const
{
    return d->backend;
}

Library::~Library()
{
    if (QSqlDatabase::contains(d->connection)) {
        {
            QSqlDatabase db = d->db();
            db.close();
        }
        QSqlDatabase::removeDatabase(d->connection);
    }
}

bool Library::moveToThread(QThread *thread)
{
    if (!QSqlDatabase::contains(d->connection)) {
        return true; // nothing opened yet
    }
    QSqlDatabase db = d->db();
    return db.moveToThread(thread);
}

ArticleStore &Library::articles()
{
    return d->articles;
}

DocumentQuery &Library::documents()
{
    return d->documents;
}

EntityStore &Library::entities()
{
    return d->entities;
}

TagStore &Library::tags()
{
    return d->tags;
}

AnnotationStore &Library::annotations()
{
    return d->annotations;
}

CurationStore &Library::curation()
{
    return d->curation;
}

TimelineQuery &Library::timeline()
{
    return d->timeline;
}

CooccurrenceQuery &Library::cooccurrence()
{
    return d->cooccurrence;
}

SavedSearchStore &Library::savedSearches()
{
    return d->savedSearches;
}

TeamStore &Library::team()
{
    return d->team;
}

HistoryStore &Library::history()
{
    return d->history;
}

WatchedFolderStore &Library::watchedFolders()
{
    return d->watchedFolders;
}

DuplicateStore &Library::duplicates()
{
    return d->duplicates;
}

QString Library::defaultPath()
{
    return DataLocations::defaultLibrary();
}

int Library::schemaVersion()
{
    return Migrations::latestVersion();
}

QString Library::path() const
{
    return d->path;
}

QString Library::errorString() const
{
    return lastError().message;
}

StoreError Library::lastError() const
{
    // The server refused a write (SQLSTATE 42501): say what the user is in the library.
    if (d->error.kind == StoreError::Kind::Denied && !d->memberRole.isEmpty()) {
        return { QStringLiteral("you are %1 in this library: %2").arg(d->memberRole, d->error.message),
            StoreError::Kind::Denied };
    }
    return d->error;
}

Library::OpenFailure Library::openFailure() const
{
    return d->openFailure;
}

bool Library::isOpen() const
{
    return d->open;
}

bool Library::open()
{
    if (d->open) {
        return true;
    }
    // Every return below that is not a success says what kind of failure it was.
    d->openFailure = OpenFailure::Other;
    const auto kindOfFailure = qScopeGuard([this] {
        switch (d->openFailure) {
        case OpenFailure::None:
            return;
        case OpenFailure::Damaged:
            d->error.kind = StoreError::Kind::Damaged;
            return;
        case OpenFailure::Locked:
            d->error.kind = StoreError::Kind::Locked;
            return;
        case OpenFailure::ReadOnly:
            d->error.kind = StoreError::Kind::ReadOnly;
            return;
        case OpenFailure::Other:
            // A team library's server refused a role that is no member.
            if (d->error.kind == StoreError::Kind::Denied) {
                return;
            }
            d->error.kind = StoreError::Kind::Other;
            return;
        case OpenFailure::Foreign:
        case OpenFailure::Newer:
        case OpenFailure::Unreachable:
            d->error.kind = StoreError::Kind::Other;
            return;
        }
    });
    d->errorCode = -1;
    if (d->onServer()) {
        // serverlibrary.cpp; it sets openFailure when it fails.
        if (!d->openServer()) {
            return false;
        }
        d->open = true;
        d->openFailure = OpenFailure::None;
        return true;
    }
    const QFileInfo info(d->path);
    if (info.exists() && info.isDir()) {
        d->error = QStringLiteral("%1 is a directory, not a library file").arg(d->path);
        return false;
    }
    if (!QDir().mkpath(info.absolutePath())) {
        d->error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return false;
    }
    // SQLite writes the library and, beside it, its -wal and -shm files: a library whose file or
    // folder cannot be written is opened read-only rather than failing on the first write.
    d->readOnly = info.exists() && (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connection);
    // A library that fails to open keeps no connection: nothing can run on a refused file.
    const auto closeUnlessOpen = qScopeGuard([&] {
        if (!d->open) {
            db.close();
        }
    });
    const auto connect = [&](bool immutable) {
        db.close();
        // A read-only WAL library whose -shm file cannot be created opens only as "immutable".
        db.setDatabaseName(immutable
                ? QUrl::fromLocalFile(d->path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1")
                : d->path);
        // Wait for another writer rather than failing at once.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000")
            + (d->readOnly ? QStringLiteral(";QSQLITE_OPEN_READONLY") : QString())
            + (immutable ? QStringLiteral(";QSQLITE_OPEN_URI") : QString()));
        return db.open();
    };
    if (!connect(false)) {
        d->error = QStringLiteral("cannot open the library %1: %2").arg(d->path, db.lastError().text());
        return false;
    }
    const auto readable = [&] {
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA schema_version"))) {
            d->error = sqlError(check);
            d->errorCode = sqliteCode(check.lastError());
            return false;
        }
        return true;
    };
    if (!readable() && !(d->readOnly && connect(true) && readable())) {
        d->error = QStringLiteral("%1 is not a Dossier library (%2)").arg(d->path, d->error.message);
        d->openFailure = failureOf(d->errorCode);
        return false;
    }
    // Another program's database is refused before anything (journal mode, migration) touches it.
    QString failure;
    int code = -1;
    const std::optional<FileIdentity> identity = readIdentity(db, &failure, &code);
    if (!identity) {
        d->error = QStringLiteral("cannot open the library %1: %2").arg(d->path, failure);
        d->openFailure = failureOf(code);
        return false;
    }
    QString foreign;
    if (!isDossierOrEmpty(*identity, &foreign)) {
        d->error = QStringLiteral("%1 is not a Dossier library: it is another program's SQLite database (%2); it "
                                  "was left untouched")
                       .arg(d->path, foreign);
        d->openFailure = OpenFailure::Foreign;
        return false;
    }
    const int current = identity->userVersion;
    if (current > Migrations::latestVersion()) {
        // Refused before anything (journal mode, backup, migration) touches the file.
        QString newer;
        Migrations::migrate(db, &newer);
        d->error = newer;
        d->openFailure = OpenFailure::Newer;
        return false;
    }
    if (d->readOnly) {
        if (current < Migrations::latestVersion()) {
            d->openFailure = OpenFailure::ReadOnly;
            d->error = QStringLiteral("the library %1 cannot be written and is from an older Dossier (schema %2); "
                                      "make it writable so that it can be upgraded")
                           .arg(d->path)
                           .arg(current);
            return false;
        }
        if (!d->exec(QStringLiteral("PRAGMA cache_size = -32768"))
            || !d->exec(QStringLiteral("PRAGMA temp_store = MEMORY"))) {
            d->error = QStringLiteral("cannot open the library %1: %2").arg(d->path, d->error.message);
            d->openFailure = failureOf(d->errorCode);
            return false;
        }
        d->open = true;
        d->openFailure = OpenFailure::None;
        return true;
    }
    // A library from an older Dossier is copied next to itself before it is migrated.
    if (current > 0 && current < Migrations::latestVersion()) {
        const QString backup = d->path + QStringLiteral(".schema-%1.bak").arg(current);
        d->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        if (!QFile::exists(backup) && !QFile::copy(d->path, backup)) {
            d->error = QStringLiteral("cannot back up the library to %1 before upgrading it; it was left untouched")
                           .arg(backup);
            return false;
        }
    }
    if (!d->switchToWal()
        || !d->exec(QStringLiteral("PRAGMA foreign_keys = ON"))
        // FULL: a commit is on disk when it returns, so an annotation the user saw saved survives a
        // power cut too (NORMAL may lose the last commits then); imports commit in batches, so the
        // extra fsync per commit costs little.
        || !d->exec(QStringLiteral("PRAGMA synchronous = FULL"))
        || !d->exec(QStringLiteral("PRAGMA cache_size = -32768"))
        // Savepoint journals and sort spills in memory, not in temporary files.
        || !d->exec(QStringLiteral("PRAGMA temp_store = MEMORY"))) {
        d->error = QStringLiteral("cannot open the library %1: %2").arg(d->path, d->error.message);
        d->openFailure = failureOf(d->errorCode);
        return false;
    }
    QString error;
    if (!Migrations::migrate(db, &error)) {
        d->error = error;
        return false;
    }
    // Schema 13's triggers leave the author of a change to a library file empty: this connection's
    // own trigger (gone with the connection) names the local user.
    QString author = d->author;
    if (!d->exec(QStringLiteral("CREATE TEMP TRIGGER history_author AFTER INSERT ON main.history WHEN NEW.author = "
                                "'' BEGIN UPDATE history SET author = '%1' WHERE id = NEW.id; END")
                .arg(author.replace(QLatin1Char('\''), QStringLiteral("''"))))) {
        d->error = QStringLiteral("cannot open the library %1: %2").arg(d->path, d->error.message);
        return false;
    }
    d->open = true;
    d->openFailure = OpenFailure::None;
    return true;
}

bool Library::isReadOnly() const
{
    return d->readOnly;
}

void Library::setWaitNotifier(std::function<void()> notify)
{
    d->onWait = std::move(notify);
}

qint64 Library::connectionId() const
{
    return d->connectionId;
}

std::optional<qint64> Library::dataVersion()
{
    QSqlQuery query(d->db());
    // On a server: the position of its write-ahead log, which every commit moves on (this
    // connection's own too, which at worst costs a needless refresh).
    if (!query.exec(d->onServer() ? QStringLiteral("SELECT CAST(pg_current_wal_lsn() - '0/0' AS BIGINT)")
                                  : QStringLiteral("PRAGMA data_version"))
        || !query.next()) {
        d->error = storeError(query);
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

bool StoreContext::switchToWal()
{
    // Switching a library to WAL upgrades the read lock the switch starts with to an exclusive
    // one, and SQLite never calls the busy handler for such an upgrade (waiting while holding a
    // read lock could deadlock two connections). So when another process sets up the same new
    // library at this very moment, the switch fails at once with SQLITE_BUSY (or leaves the old
    // mode): try again, for as long as the busy timeout would have waited.
    const QDeadlineTimer deadline(busyTimeoutMs);
    for (int attempt = 1;; ++attempt) {
        QSqlQuery query(db());
        if (query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) && query.next()) {
            if (query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0) {
                return true;
            }
        } else if (const int code = sqliteCode(query.lastError()); code != sqliteBusy && code != sqliteLocked) {
            error = storeError(query);
            errorCode = code;
            return false;
        }
        if (deadline.hasExpired()) {
            error = StoreError(QStringLiteral("the library is locked by another program (still busy after waiting)"),
                StoreError::Kind::Locked);
            errorCode = sqliteBusy;
            return false;
        }
        QThread::msleep(std::min(attempt, 10) * 5);
    }
}

bool StoreContext::beginImmediate()
{
    if (readOnly) {
        error = StoreError(
            QStringLiteral("the library is read-only (its file or folder cannot be written); nothing was changed"),
            StoreError::Kind::ReadOnly);
        return false;
    }
    changes = {};
    if (onServer()) {
        // One writer at a time, as SQLite's BEGIN IMMEDIATE: a transaction-level advisory lock, so
        // two clients never race to create the same entity or tag (a unique-key failure half-way
        // through an article). Another writer waits for it (up to lock_timeout, 30 s), and onWait
        // hears once that it has to.
        if (!exec(QStringLiteral("BEGIN"))) {
            return false;
        }
        QSqlQuery lock(db());
        if (!lock.exec(QStringLiteral("SELECT pg_try_advisory_xact_lock(%1)").arg(Migrations::applicationId))
            || !lock.next()) {
            error = storeError(lock);
            exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        if (lock.value(0).toBool()) {
            return true;
        }
        if (onWait && !waitAnnounced) {
            waitAnnounced = true;
            onWait();
        }
        if (!lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(Migrations::applicationId))) {
            error = storeError(lock);
            exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        return true;
    }
    if (!onWait) {
        return exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    // Try briefly first, so the user hears why the write is slow before it waits in earnest.
    exec(QStringLiteral("PRAGMA busy_timeout = 200"));
    QSqlQuery begin(db());
    const bool begun = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
    exec(QStringLiteral("PRAGMA busy_timeout = 30000"));
    if (begun) {
        return true;
    }
    if (const int code = sqliteCode(begin.lastError()); code != sqliteBusy && code != sqliteLocked) {
        error = storeError(begin);
        return false;
    }
    if (!waitAnnounced) {
        waitAnnounced = true;
        onWait();
    }
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

} // namespace Dossier::Core
