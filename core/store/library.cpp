#include "store/library.h"

#include "analysis/entityrecognizer.h"
#include "store/datalocations.h"
#include "store/documentorder_p.h"
#include "store/library_p.h"
#include "store/migrations_p.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
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

ArticleSummary summaryFrom(const QSqlQuery &query)
{
    ArticleSummary summary;
    summary.id = query.value(0).toLongLong();
    summary.title = query.value(1).toString();
    summary.date = query.value(2).toString();
    summary.source = query.value(3).toString();
    summary.path = query.value(4).toString();
    summary.entityCount = query.value(5).toInt();
    return summary;
}

constexpr int busyTimeoutMs = 30000;

constexpr int sqliteBusy = 5;
constexpr int sqliteLocked = 6;
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
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1;
}

QString sqlError(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (text.contains(QLatin1String("database is locked"))) {
        text = QStringLiteral("the library is locked by another program (still busy after waiting)");
    } else if (text.contains(QLatin1String("disk is full"))
        || text.contains(QLatin1String("database or disk is full"))) {
        text = QStringLiteral("the disk is full");
    } else if (text.contains(QLatin1String("readonly")) || text.contains(QLatin1String("read-only"))) {
        text = QStringLiteral("the library is read-only");
    }
    return text;
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
    d->errorCode = -1;
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
        d->error = QStringLiteral("%1 is not a Dossier library (%2)").arg(d->path, d->error);
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
        Migrations::migrate(db, &d->error);
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
            d->error = QStringLiteral("cannot open the library %1: %2").arg(d->path, d->error);
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
        d->error = QStringLiteral("cannot open the library %1: %2").arg(d->path, d->error);
        d->openFailure = failureOf(d->errorCode);
        return false;
    }
    QString error;
    if (!Migrations::migrate(db, &error)) {
        d->error = error;
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

std::optional<qint64> Library::dataVersion()
{
    QSqlQuery query(d->db());
    if (!query.exec(QStringLiteral("PRAGMA data_version")) || !query.next()) {
        d->error = sqlError(query);
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

bool Library::Private::switchToWal()
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
            error = sqlError(query);
            errorCode = code;
            return false;
        }
        if (deadline.hasExpired()) {
            error = QStringLiteral("the library is locked by another program (still busy after waiting)");
            errorCode = sqliteBusy;
            return false;
        }
        QThread::msleep(std::min(attempt, 10) * 5);
    }
}

bool Library::Private::beginImmediate()
{
    if (readOnly) {
        error = QStringLiteral("the library is read-only (its file or folder cannot be written); nothing was changed");
        return false;
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
    if (!begin.lastError().databaseText().contains(QLatin1String("locked"))) {
        error = sqlError(begin);
        return false;
    }
    if (!waitAnnounced) {
        waitAnnounced = true;
        onWait();
    }
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

QHash<QString, StoredFile> Library::storedFiles()
{
    QHash<QString, StoredFile> files;
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    if (query.exec(QStringLiteral("SELECT path, id, sha256 FROM articles"))) {
        while (query.next()) {
            files.insert(
                query.value(0).toString(), StoredFile { query.value(1).toLongLong(), query.value(2).toByteArray() });
        }
    }
    return files;
}

bool Library::Private::writeArticle(const Article &article, qint64 existingId, qint64 *id)
{
    QSqlQuery query(db());
    if (existingId >= 0) {
        query.prepare(QStringLiteral(
            "UPDATE articles SET sha256 = :sha256, size = :size, modified = :modified, format = :format, "
            "encoding = :encoding, title = :title, date = :date, source = :source, "
            "dateline = :dateline, author = :author, url = :url, language = :language, entity_count = :entity_count, "
            "imported_at = :imported_at WHERE id = :id"));
        query.bindValue(QStringLiteral(":id"), existingId);
    } else {
        query.prepare(QStringLiteral(
            "INSERT INTO articles (path, sha256, size, modified, format, encoding, title, date, source, dateline, "
            "author, url, language, entity_count, imported_at) VALUES (:path, :sha256, :size, :modified, :format, "
            ":encoding, :title, :date, :source, :dateline, :author, :url, :language, :entity_count, :imported_at)"));
        query.bindValue(QStringLiteral(":path"), article.path);
    }
    query.bindValue(QStringLiteral(":sha256"), QString::fromLatin1(article.sha256));
    query.bindValue(QStringLiteral(":size"), article.size);
    query.bindValue(QStringLiteral(":modified"), article.modified);
    query.bindValue(QStringLiteral(":format"), notNull(article.format));
    query.bindValue(QStringLiteral(":encoding"), notNull(article.encoding));
    query.bindValue(QStringLiteral(":title"), notNull(article.meta.title));
    query.bindValue(QStringLiteral(":date"), notNull(article.meta.date));
    query.bindValue(QStringLiteral(":source"), notNull(article.meta.source));
    query.bindValue(QStringLiteral(":dateline"), notNull(article.meta.dateline));
    query.bindValue(QStringLiteral(":author"), notNull(article.meta.author));
    query.bindValue(QStringLiteral(":url"), notNull(article.meta.url));
    query.bindValue(QStringLiteral(":language"), notNull(article.meta.language));
    query.bindValue(QStringLiteral(":entity_count"), qint64(article.entities.size()));
    query.bindValue(QStringLiteral(":imported_at"), QDateTime::currentMSecsSinceEpoch());
    if (!exec(query)) {
        return false;
    }
    *id = existingId >= 0 ? existingId : query.lastInsertId().toLongLong();
    // The texts live apart from the summary row (schema 3); the FTS index follows them by triggers.
    QSqlQuery texts(db());
    texts.prepare(QStringLiteral("INSERT INTO article_texts (id, title, raw_text, body) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT(id) DO UPDATE SET title = excluded.title, raw_text = excluded.raw_text, "
                                 "body = excluded.body"));
    texts.addBindValue(*id);
    texts.addBindValue(notNull(article.meta.title));
    texts.addBindValue(notNull(article.rawText));
    texts.addBindValue(notNull(article.body));
    return exec(texts);
}

bool Library::Private::writeEntities(qint64 articleId, const Article &article)
{
    QSqlDatabase database = db();
    QSqlQuery findEntity(database);
    findEntity.prepare(QStringLiteral("SELECT id FROM entities WHERE type = ? AND key = ?"));
    QSqlQuery addEntity(database);
    addEntity.prepare(QStringLiteral("INSERT INTO entities (type, key, name) VALUES (?, ?, ?)"));
    QSqlQuery link(database);
    link.prepare(
        QStringLiteral("INSERT INTO article_entities (article_id, entity_id, position, count) VALUES (?, ?, ?, ?)"));
    QSqlQuery alias(database);
    alias.prepare(QStringLiteral(
        "INSERT OR IGNORE INTO article_aliases (article_id, entity_id, alias, key) VALUES (?, ?, ?, ?)"));
    QSqlQuery mention(database);
    mention.prepare(QStringLiteral(
        "INSERT OR IGNORE INTO mentions (article_id, start, end, type, entity_id) VALUES (?, ?, ?, ?, ?)"));

    QList<qint64> entityIds;
    entityIds.reserve(article.entities.size());
    QSet<qint64> linked;
    for (qsizetype i = 0; i < article.entities.size(); ++i) {
        const Entity &entity = article.entities[i];
        const QString type = entityTypeName(entity.type);
        const QString key = entityKey(entity.name);
        findEntity.addBindValue(type);
        findEntity.addBindValue(key);
        if (!exec(findEntity)) {
            return false;
        }
        qint64 entityId;
        if (findEntity.next()) {
            entityId = findEntity.value(0).toLongLong();
        } else {
            addEntity.addBindValue(type);
            addEntity.addBindValue(key);
            addEntity.addBindValue(entity.name);
            if (!exec(addEntity)) {
                return false;
            }
            entityId = addEntity.lastInsertId().toLongLong();
        }
        findEntity.finish();
        entityIds.append(entityId);
        // Two article entities may share a library key (e.g. "US" and "U.S." kept apart by the
        // grouping); they are one library entity, so link once.
        if (linked.contains(entityId)) {
            continue;
        }
        linked.insert(entityId);
        link.addBindValue(articleId);
        link.addBindValue(entityId);
        link.addBindValue(qint64(i));
        link.addBindValue(entity.count);
        if (!exec(link)) {
            return false;
        }
        for (const QString &form : entity.aliases) {
            alias.addBindValue(articleId);
            alias.addBindValue(entityId);
            alias.addBindValue(form);
            alias.addBindValue(entityKey(form));
            if (!exec(alias)) {
                return false;
            }
        }
    }
    for (const Mention &m : article.mentions) {
        if (m.entity < 0 || m.entity >= entityIds.size()) {
            continue;
        }
        mention.addBindValue(articleId);
        mention.addBindValue(m.start);
        mention.addBindValue(m.end);
        mention.addBindValue(entityTypeName(m.type));
        mention.addBindValue(entityIds[m.entity]);
        if (!exec(mention)) {
            return false;
        }
    }
    return true;
}

std::optional<StoreOutcome> Library::store(const Article &article, qint64 *storedId)
{
    QSqlDatabase db = d->db();
    // One transaction per article; inside a batch, a savepoint per article, so a failed write
    // takes back that article only. Either way an article is stored whole or not at all.
    if (!d->begin()) {
        return std::nullopt;
    }
    const auto rollback = [&] {
        const QString error = d->error;
        d->rollback();
        d->error = error;
        return std::nullopt;
    };
    QSqlQuery find(db);
    find.prepare(QStringLiteral("SELECT id, sha256 FROM articles WHERE path = ?"));
    find.addBindValue(article.path);
    if (!d->exec(find)) {
        return rollback();
    }
    qint64 existingId = -1;
    if (find.next()) {
        existingId = find.value(0).toLongLong();
        if (find.value(1).toByteArray() == article.sha256) {
            find.finish();
            if (storedId) {
                *storedId = existingId;
            }
            d->commit();
            return StoreOutcome::Unchanged;
        }
    }
    find.finish();
    if (existingId >= 0) {
        for (const char *table : { "mentions", "article_aliases", "article_entities", "retag_queue" }) {
            QSqlQuery clear(db);
            clear.prepare(QStringLiteral("DELETE FROM %1 WHERE article_id = ?").arg(QLatin1String(table)));
            clear.addBindValue(existingId);
            if (!d->exec(clear)) {
                return rollback();
            }
        }
    }
    // The analyst's corrections apply to every article stored, new or re-imported.
    if (!d->refreshCuration()) {
        return rollback();
    }
    std::optional<Article> curated;
    if (!d->curation.isEmpty()) {
        curated = article;
        d->curation.apply(*curated);
    }
    const Article &stored = curated ? *curated : article;
    qint64 id = -1;
    if (!d->writeArticle(stored, existingId, &id) || !d->writeEntities(id, stored)
        || !d->reanchorAnnotations(id, article)) {
        return rollback();
    }
    if (existingId >= 0 && !d->removeUnusedEntities()) {
        return rollback();
    }
    if (!d->commit()) {
        return rollback();
    }
    if (storedId) {
        *storedId = id;
    }
    return existingId >= 0 ? StoreOutcome::Updated : StoreOutcome::Imported;
}

bool Library::beginBatch()
{
    if (d->inBatch || !d->beginImmediate()) {
        return false;
    }
    d->inBatch = true;
    return true;
}

bool Library::commitBatch()
{
    if (!d->inBatch) {
        return false;
    }
    d->inBatch = false;
    if (!d->exec(QStringLiteral("COMMIT"))) {
        const QString error = d->error;
        d->exec(QStringLiteral("ROLLBACK"));
        d->error = error;
        return false;
    }
    return true;
}

void Library::rollbackBatch()
{
    if (d->inBatch) {
        d->inBatch = false;
        const QString error = d->error;
        d->exec(QStringLiteral("ROLLBACK"));
        d->error = error;
    }
}

bool Library::removeArticle(qint64 id)
{
    if (!d->beginImmediate()) {
        return false;
    }
    QSqlQuery remove(d->db());
    // Texts first, so their FTS trigger runs whatever the foreign-key settings.
    QSqlQuery removeTexts(d->db());
    removeTexts.prepare(QStringLiteral("DELETE FROM article_texts WHERE id = ?"));
    removeTexts.addBindValue(id);
    remove.prepare(QStringLiteral("DELETE FROM articles WHERE id = ?"));
    remove.addBindValue(id);
    if (!d->exec(removeTexts) || !d->exec(remove) || !d->removeUnusedEntities() || !d->exec(QStringLiteral("COMMIT"))) {
        const QString error = d->error;
        d->exec(QStringLiteral("ROLLBACK"));
        d->error = error;
        return false;
    }
    return true;
}

std::optional<Article> Library::article(qint64 id)
{
    QSqlDatabase db = d->db();
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT a.path, a.sha256, a.size, a.modified, a.format, a.encoding, t.raw_text, t.body, "
                       "a.title, a.date, a.source, a.dateline, a.author, a.url, a.language FROM articles a "
                       "JOIN article_texts t ON t.id = a.id WHERE a.id = ?"));
    query.addBindValue(id);
    if (!d->exec(query)) {
        return std::nullopt;
    }
    if (!query.next()) {
        d->error = QStringLiteral("no article with id %1").arg(id);
        return std::nullopt;
    }
    Article article;
    article.id = id;
    article.path = query.value(0).toString();
    article.sha256 = query.value(1).toByteArray();
    article.size = query.value(2).toLongLong();
    article.modified = query.value(3).toLongLong();
    article.format = query.value(4).toString();
    article.encoding = query.value(5).toString();
    article.rawText = query.value(6).toString();
    article.body = query.value(7).toString();
    article.meta.title = query.value(8).toString();
    article.meta.date = query.value(9).toString();
    article.meta.source = query.value(10).toString();
    article.meta.dateline = query.value(11).toString();
    article.meta.author = query.value(12).toString();
    article.meta.url = query.value(13).toString();
    article.meta.language = query.value(14).toString();

    QSqlQuery entities(db);
    entities.prepare(QStringLiteral("SELECT e.id, e.name, e.type, ae.count FROM article_entities ae JOIN entities e "
                                    "ON e.id = ae.entity_id WHERE ae.article_id = ? ORDER BY ae.position"));
    entities.addBindValue(id);
    if (!d->exec(entities)) {
        return std::nullopt;
    }
    QHash<qint64, int> indexOf;
    while (entities.next()) {
        Entity entity;
        entity.name = entities.value(1).toString();
        entityTypeFromName(entities.value(2).toString(), &entity.type);
        entity.count = entities.value(3).toInt();
        entity.id = entities.value(0).toLongLong();
        indexOf.insert(entities.value(0).toLongLong(), int(article.entities.size()));
        article.entities.append(entity);
    }
    QSqlQuery aliases(db);
    aliases.prepare(QStringLiteral("SELECT entity_id, alias FROM article_aliases WHERE article_id = ?"));
    aliases.addBindValue(id);
    if (!d->exec(aliases)) {
        return std::nullopt;
    }
    while (aliases.next()) {
        const int index = indexOf.value(aliases.value(0).toLongLong(), -1);
        if (index >= 0) {
            article.entities[index].aliases.append(aliases.value(1).toString());
        }
    }
    QSqlQuery mentions(db);
    mentions.prepare(
        QStringLiteral("SELECT start, end, type, entity_id FROM mentions WHERE article_id = ? ORDER BY start"));
    mentions.addBindValue(id);
    if (!d->exec(mentions)) {
        return std::nullopt;
    }
    while (mentions.next()) {
        Mention mention;
        mention.start = mentions.value(0).toLongLong();
        mention.end = mentions.value(1).toLongLong();
        entityTypeFromName(mentions.value(2).toString(), &mention.type);
        mention.entity = indexOf.value(mentions.value(3).toLongLong(), -1);
        article.mentions.append(mention);
    }
    return article;
}

std::optional<QList<ArticleSummary>> Library::list(const ListQuery &request)
{
    QString sql = QStringLiteral("SELECT a.id, a.title, a.date, a.source, a.path, a.entity_count FROM articles a");
    QStringList where;
    QVariantList binds;
    if (!request.query.isEmpty()) {
        where.append(QStringLiteral("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"));
        binds.append(ftsQuery(request.query));
    }
    for (const EntityFilter &filter : request.entities) {
        where.append(QStringLiteral(
            "a.id IN (SELECT ae.article_id FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
            "WHERE e.type = ? AND (e.key = ? OR e.id IN (SELECT entity_id FROM article_aliases WHERE key = ?)))"));
        const QString key = entityKey(filter.name);
        binds << entityTypeName(filter.type) << key << key;
    }
    if (!where.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    }
    sql += QStringLiteral(" ORDER BY a.date DESC, a.id");
    if (request.limit >= 0) {
        sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(request.limit).arg(request.offset);
    }
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : std::as_const(binds)) {
        query.addBindValue(value);
    }
    if (!d->exec(query)) {
        return std::nullopt;
    }
    QList<ArticleSummary> rows;
    while (query.next()) {
        rows.append(summaryFrom(query));
    }
    return rows;
}

std::optional<QList<ArticleSummary>> Library::search(const QString &text, int limit)
{
    if (text.trimmed().isEmpty()) {
        d->error = QStringLiteral("the search query is empty");
        return std::nullopt;
    }
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT a.id, a.title, a.date, a.source, a.path, a.entity_count, "
        "snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?"));
    query.addBindValue(ftsQuery(text));
    query.addBindValue(limit);
    if (!query.exec()) {
        d->error = QStringLiteral("bad search query: %1").arg(sqlError(query));
        return std::nullopt;
    }
    QList<ArticleSummary> rows;
    while (query.next()) {
        ArticleSummary summary = summaryFrom(query);
        summary.snippet = query.value(6).toString();
        rows.append(summary);
    }
    if (query.lastError().isValid()) {
        d->error = QStringLiteral("bad search query: %1").arg(sqlError(query));
        return std::nullopt;
    }
    return rows;
}

std::optional<QList<EntitySummary>> Library::entities(std::optional<EntityType> type)
{
    QSqlDatabase db = d->db();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT e.id, e.name, e.type, COUNT(ae.article_id) AS documents FROM entities e "
                                 "JOIN article_entities ae ON ae.entity_id = e.id");
    if (type) {
        sql += QStringLiteral(" WHERE e.type = ?");
    }
    sql += QStringLiteral(" GROUP BY e.id ORDER BY documents DESC, e.name COLLATE NOCASE");
    query.prepare(sql);
    if (type) {
        query.addBindValue(entityTypeName(*type));
    }
    if (!d->exec(query)) {
        return std::nullopt;
    }
    QList<EntitySummary> rows;
    QHash<qint64, int> indexOf;
    while (query.next()) {
        EntitySummary entity;
        entity.id = query.value(0).toLongLong();
        entity.name = query.value(1).toString();
        entityTypeFromName(query.value(2).toString(), &entity.type);
        entity.documents = query.value(3).toInt();
        indexOf.insert(entity.id, int(rows.size()));
        rows.append(entity);
    }
    QSqlQuery aliases(db);
    aliases.setForwardOnly(true);
    if (!aliases.exec(
            QStringLiteral("SELECT entity_id, alias, COUNT(*) AS n FROM article_aliases GROUP BY entity_id, alias "
                           "ORDER BY entity_id, n DESC, alias"))) {
        d->error = sqlError(aliases);
        return std::nullopt;
    }
    while (aliases.next()) {
        const int index = indexOf.value(aliases.value(0).toLongLong(), -1);
        if (index >= 0 && aliases.value(1).toString() != rows[index].name) {
            rows[index].aliases.append(aliases.value(1).toString());
            rows[index].aliasDocuments.append(aliases.value(2).toInt());
        }
    }
    return rows;
}

std::optional<qint64> Library::countDocuments(const DocumentFilter &filter)
{
    QVariantList binds;
    const QString ids = idSet(filter, &binds);
    const QString sql = ids.isEmpty() ? QStringLiteral("SELECT COUNT(*) FROM articles")
                                      : QStringLiteral("SELECT COUNT(*) FROM (%1)").arg(ids);
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds) || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<QList<ArticleSummary>> Library::documents(
    const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, int offset, int limit)
{
    QVariantList binds;
    const QString ids = idSet(filter, &binds);
    const DocumentOrder sortOrder = documentOrder(sort);
    // Walk the sort column's index and test each row against the (materialised) id set: the first
    // window is found after a few hundred rows for a broad filter and after one pass over a small
    // index for a narrow one, instead of sorting every match (28k rows: 60 ms -> 12 ms at 100k).
    const QString where = ids.isEmpty() ? QString() : QStringLiteral(" WHERE a.id IN (%1)").arg(ids);
    const QString sql
        = QStringLiteral("SELECT a.id, a.title, a.date, a.source, a.path, a.entity_count, "
                         "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM article_tags x "
                         "JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id ORDER BY t.name "
                         "COLLATE NOCASE)) FROM articles a %1")
              .arg(sortOrder.index.isEmpty() ? QString() : QStringLiteral("INDEXED BY ") + sortOrder.index)
        + where + QStringLiteral(" ORDER BY %1 LIMIT ? OFFSET ?").arg(orderByClause(sortOrder, order));
    binds << limit << offset;
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    QList<ArticleSummary> rows;
    rows.reserve(std::max(limit, 0));
    while (query.next()) {
        ArticleSummary summary = summaryFrom(query);
        const QString tags = query.value(6).toString();
        if (!tags.isEmpty()) {
            summary.tags = tags.split(QChar(31));
        }
        rows.append(std::move(summary));
    }
    return rows;
}

std::optional<qint64> Library::documentRow(
    const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, qint64 id)
{
    const DocumentOrder sortOrder = documentOrder(sort);
    const Statement keys = sortKeysStatement(sortOrder, id);
    QSqlQuery query(d->db());
    if (!d->run(query, keys.sql, keys.binds)) {
        return std::nullopt;
    }
    if (!query.next()) {
        return -1;
    }
    QVariantList values;
    for (qsizetype i = 0; i < sortOrder.keys.size(); ++i) {
        values.append(query.value(int(i)));
    }
    query.finish();
    QVariantList binds;
    const QString ids = idSet(filter, &binds);
    const Statement before = rowsBeforeStatement(sortOrder, order, ids, binds, id, values);
    if (!d->run(query, before.sql, before.binds) || !query.next()) {
        return std::nullopt;
    }
    return query.value(1).toBool() ? query.value(0).toLongLong() : -1;
}

std::optional<QList<Tag>> Library::tagFacets(const DocumentFilter &filter)
{
    QVariantList binds;
    const QString ids = idSet(filter, &binds);
    const QString counted = ids.isEmpty()
        ? QStringLiteral("SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id")
        : QStringLiteral("SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id AND x.article_id IN (%1)").arg(ids);
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT t.id, t.name, t.color, (%1) FROM tags t ORDER BY t.name COLLATE NOCASE")
                .arg(counted),
            binds)) {
        return std::nullopt;
    }
    QList<Tag> tags;
    while (query.next()) {
        tags.append(Tag { query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toInt(), 0 });
    }
    return tags;
}

std::optional<QList<EntitySummary>> Library::entityFacets(const DocumentFilter &filter, int limitPerType)
{
    QVariantList binds;
    const QString ids = idSet(filter, &binds);
    QString sql = ids.isEmpty() ? QStringLiteral("SELECT e.id, e.name, e.type, COUNT(*) AS n FROM article_entities ae "
                                                 "JOIN entities e ON e.id = ae.entity_id")
                                : QStringLiteral("SELECT e.id, e.name, e.type, COUNT(*) AS n FROM (%1) f "
                                                 "CROSS JOIN article_entities ae ON ae.article_id = f.id "
                                                 "JOIN entities e ON e.id = ae.entity_id")
                                      .arg(ids);
    sql += QStringLiteral(" GROUP BY ae.entity_id ORDER BY n DESC, e.name COLLATE NOCASE");
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    QList<EntitySummary> rows;
    QHash<EntityType, int> perType;
    while (query.next()) {
        EntitySummary entity;
        entityTypeFromName(query.value(2).toString(), &entity.type);
        int &taken = perType[entity.type];
        if (taken >= limitPerType) {
            continue;
        }
        ++taken;
        entity.id = query.value(0).toLongLong();
        entity.name = query.value(1).toString();
        entity.documents = query.value(3).toInt();
        rows.append(entity);
    }
    return rows;
}

std::optional<QStringList> Library::entityAliases(qint64 entityId)
{
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT alias, COUNT(*) AS n FROM article_aliases WHERE entity_id = ? GROUP BY alias "
                           "ORDER BY n DESC, alias"),
            { entityId })) {
        return std::nullopt;
    }
    QStringList aliases;
    while (query.next()) {
        aliases.append(query.value(0).toString());
    }
    return aliases;
}

std::optional<qint64> Library::articleCount()
{
    QSqlQuery query(d->db());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM articles")) || !query.next()) {
        d->error = sqlError(query);
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

} // namespace Dossier::Core
