#pragma once

// What the stores of one library share: its connection, the last error, the write transaction
// (one per change, or a savepoint per article inside an import batch) and the curation rules in
// force. Library (library.cpp) opens the connection; each store is implemented in its own file
// over this context, and the Retagger (import/retagger.cpp) drives them.

#include "analysis/nearduplicates.h"
#include "store/library.h"
#include "store/librarychanges.h"
#include "store/sentencerows_p.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Dossier::Core
{

/*! The query's last error, its kind from SQLite's result code (locked, disk full, read-only, ...),
    worded for the user. */
StoreError storeError(const QSqlQuery &query);
/*! storeError()'s message alone. */
inline QString sqlError(const QSqlQuery &query)
{
    return storeError(query).message;
}
/*! SQLite's primary result code of a failed statement (QSQLITE reports it as the native code), -1 when unknown. */
int sqliteCode(const QSqlError &error);
/*! Qt binds a null QString as SQL NULL; text columns are NOT NULL, so bind "" instead. */
QString notNull(const QString &value);
/*! The time stored with a change: milliseconds since the epoch. */
inline qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
/*! A colour as the library stores it: #RRGGBB. */
inline bool validColor(const QString &color)
{
    static const QRegularExpression pattern(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return pattern.match(color).hasMatch();
}
/*! "?,?,?" for \a count values. */
inline QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QLatin1Char(','));
}
/*! SQLite's generic result code: a statement that cannot run as written (syntax, unknown column). */
constexpr int sqliteError = 1;

/*! The columns articleSummaryFrom() reads, in its order; a query's own columns follow them. */
inline constexpr const char *summaryColumnList
    = "a.id, a.title, a.date, a.source, a.path, a.entity_count, a.parent_id, a.missing_since";
inline constexpr int summaryColumnCount = 8;

/*! An article summary from a row of summaryColumnList. */
inline ArticleSummary articleSummaryFrom(const QSqlQuery &query)
{
    ArticleSummary summary;
    summary.id = query.value(0).toLongLong();
    summary.title = query.value(1).toString();
    summary.date = query.value(2).toString();
    summary.source = query.value(3).toString();
    summary.path = query.value(4).toString();
    summary.entityCount = query.value(5).toInt();
    summary.parentId = query.value(6).isNull() ? -1 : query.value(6).toLongLong();
    summary.missingSince = query.value(7).toLongLong();
    return summary;
}

/*! Adds the QPSQL connection \a name to the team library at \a location and opens it
    (serverlibrary.cpp); false with \a error set, and \a unreachable when the server refused or
    could not be reached. \a defaults are libpq settings ("keepalives_idle=10") used unless the
    location sets them. */
bool connectServer(const QString &location, const QString &name, StoreError *error, bool *unreachable,
    const QStringList &defaults = {});

struct StoreContext {
    QString path;
    QString connection;
    Library::Backend backend = Library::Backend::Sqlite;
    // Whom this connection writes as (schema 12's author columns): localAuthor() on a library
    // file; on a team library the server's current_user, which its triggers write whatever is sent.
    QString author;
    bool onServer() const { return backend == Library::Backend::PostgreSQL; }
    // A team library's database (its group roles are named after it, teamstore.cpp) and what the
    // connection's user is in it ("an annotator"; "not a member"; empty without roles), for the
    // message of a write the server refused.
    QString database;
    QString memberRole;
    // True, with the error set, on a library file: members and roles are a team library's.
    bool refusesTeam();
    QString groupRole(TeamRole role) const;
    // The few SQL spellings SQLite and PostgreSQL do not share; every other statement is the same
    // text on both (ON CONFLICT, RETURNING, "end" quoted, COLLATE NOCASE: a collation the
    // PostgreSQL schema defines).
    // \a expr's values of a group joined by the unit separator (U+001F).
    QString joinedText(const QString &expr) const
    {
        return onServer() ? QStringLiteral("string_agg(%1, chr(31))").arg(expr)
                          : QStringLiteral("group_concat(%1, char(31))").arg(expr);
    }
    // \a expr's values of a group as a JSON array.
    QString jsonArray(const QString &expr) const
    {
        return (onServer() ? QStringLiteral("json_agg(%1)") : QStringLiteral("json_group_array(%1)")).arg(expr);
    }
    // True when \a text holds \a part.
    QString holds(const QString &text, const QString &part) const
    {
        return (onServer() ? QStringLiteral("strpos(%1, %2) > 0") : QStringLiteral("instr(%1, %2) > 0"))
            .arg(text, part);
    }
    // A join whose left side SQLite must keep first (its CROSS JOIN); PostgreSQL's planner chooses.
    QString joinInOrder() const { return onServer() ? QStringLiteral("JOIN") : QStringLiteral("CROSS JOIN"); }
    // SQLite's INDEXED BY \a index (PostgreSQL's planner chooses alone).
    QString indexedBy(const QString &index) const
    {
        return index.isEmpty() || onServer() ? QString() : QStringLiteral("INDEXED BY ") + index;
    }
    // True, with the error set, when \a text is a search a team library cannot translate (the
    // words the document list gives it); false on SQLite, whose FTS5 judges it as it runs.
    bool refusesSearch(const QString &text);
    // Opens a team library (serverlibrary.cpp): connects, checks what the database is, migrates.
    bool openServer();
    StoreError error;
    int errorCode = -1; //!< SQLite's primary result code of the last failed statement, -1 when unknown
    Library::OpenFailure openFailure = Library::OpenFailure::None;
    bool open = false;
    bool readOnly = false;
    std::function<void()> onWait;
    bool waitAnnounced = false;

    QSqlDatabase db() const { return QSqlDatabase::database(connection, false); }

    bool exec(QSqlQuery &query)
    {
        if (!query.exec()) {
            error = storeError(query);
            qCWarning(lcStore) << "query failed:" << error.message << query.lastQuery();
            return false;
        }
        return true;
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(db());
        if (!query.exec(sql)) {
            error = storeError(query);
            errorCode = sqliteCode(query.lastError());
            return false;
        }
        return true;
    }
    bool inBatch = false;
    // Inside a batch the curation rules are read once: the batch holds the write lock, so nobody
    // else changes them until it commits.
    bool curationChecked = false;

    // PRAGMA journal_mode = WAL, retried while another connection holds the lock it needs.
    bool switchToWal();

    // BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout)
    // there instead of failing half-way through; onWait hears once that it has to.
    bool beginImmediate();
    bool begin() { return inBatch ? exec(QStringLiteral("SAVEPOINT article")) : beginImmediate(); }
    bool commit() { return inBatch ? exec(QStringLiteral("RELEASE article")) : commitAndSend(); }
    void rollback()
    {
        if (inBatch) {
            exec(QStringLiteral("ROLLBACK TO article"));
            exec(QStringLiteral("RELEASE article"));
        } else {
            changes = {};
            exec(QStringLiteral("ROLLBACK"));
        }
    }
    // What the open write transaction changed, for the other members of a team library: sent with
    // the commit (a NOTIFY inside the transaction, which the server delivers only if it commits;
    // serverlibrary.cpp) and dropped with a rollback. Nothing is kept on a library file.
    LibraryChanges changes;
    qint64 connectionId = -1; // the server's process of this connection (pg_backend_pid()), -1 on a file
    void changed(const LibraryChanges &more)
    {
        if (onServer()) {
            changes.merge(more);
        }
    }
    // Sends what the transaction changed (on a team library), then commits it.
    bool commitAndSend();
    bool writeArticle(const Article &article, qint64 existingId, qint64 *id);
    // Inserts rows of \a columns values each (\a values, row after row) as "\a head VALUES (?, …),
    // (?, …) \a tail", many rows to a statement: on a team library every statement is a round trip
    // to the server, which a row per statement pays for each of an article's mentions.
    bool insertRows(const QString &head, int columns, const QVariantList &values, const QString &tail = {});
    // Runs a prepared statement with positional values. A statement that matches the full-text
    // index and fails as written (SQLITE_ERROR) is checked for a bad user query (blameQuery()).
    bool run(QSqlQuery &query, const QString &sql, const QVariantList &binds)
    {
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            error = storeError(query);
            return false;
        }
        for (const QVariant &value : binds) {
            query.addBindValue(value);
        }
        if (!query.exec()) {
            error = storeError(query);
            errorCode = sqliteCode(query.lastError());
            if (errorCode == sqliteError && sql.contains(QLatin1String(" MATCH ?"))) {
                blameQuery(binds);
            }
            return false;
        }
        return true;
    }
    // On a team library every statement is a round trip, and one prepared by QSqlQuery is three
    // (QPSQL sends PREPARE, EXECUTE with the values written in, then DEALLOCATE): a statement run
    // once is better sent with its values written in, as QPSQL writes them into EXECUTE
    // (serverlibrary.cpp). \a sql with each ? outside quotes replaced by the next of \a binds.
    QString inlined(const QString &sql, const QVariantList &binds) const;
    // run(), but on a team library one round trip: the statement sent with its values inlined().
    bool runOnce(QSqlQuery &query, const QString &sql, const QVariantList &binds)
    {
        return onServer() ? runAll(query, { inlined(sql, binds) }) : run(query, sql, binds);
    }
    // Sends \a statements (values written in) to the server in one round trip, as one string;
    // each must succeed (after a failure the server runs none of the rest), and \a query is left
    // on the last one's rows. A team library's only.
    // \a onResult, when given, sees each result before the next (the last one's is left in \a query).
    bool runAll(QSqlQuery &query, const QStringList &statements,
        const std::function<void(qsizetype, QSqlQuery &)> &onResult = {});
    // A statement matching the full-text index failed as written: it is the user's query that is
    // wrong when the index refuses one of the statement's texts on its own; else the statement
    // failed for another reason (a damaged schema), and keeps its message.
    void blameQuery(const QVariantList &binds)
    {
        for (const QVariant &value : binds) {
            if (value.metaType().id() != QMetaType::QString) {
                continue;
            }
            QSqlQuery probe(db());
            probe.setForwardOnly(true);
            if (probe.prepare(QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts "
                                             "MATCH ? LIMIT 1)"))) {
                probe.addBindValue(value);
                if (!probe.exec() && sqliteCode(probe.lastError()) == sqliteError) {
                    error = StoreError(
                        QStringLiteral("bad search query: %1").arg(sqlError(probe)), StoreError::Kind::BadQuery);
                    return;
                }
            }
        }
    }
    // Runs \a sql, whose "%1" stands for a list of ids, over \a ids in chunks, and hands each row to
    // \a onRow; false when a chunk fails. The ids are written into the statement as numbers: bound
    // one by one, QtSql's handling of each value costs more than SQLite's lookups (half the time of
    // reading 12,000 articles by id), and on a team library a statement run once with values bound
    // is three round trips (runOnce()).
    template<typename OnRow> bool runOverIds(const QString &sql, const QList<qint64> &ids, OnRow onRow)
    {
        constexpr qsizetype chunk = 500;
        for (qsizetype from = 0; from < ids.size(); from += chunk) {
            const qsizetype end = std::min(ids.size(), from + chunk);
            QString list;
            list.reserve((end - from) * 8);
            for (qsizetype i = from; i < end; ++i) {
                if (i > from) {
                    list += QLatin1Char(',');
                }
                list += QString::number(ids.at(i));
            }
            QSqlQuery query(db());
            if (!runOnce(query, sql.arg(list), {})) {
                return false;
            }
            while (query.next()) {
                onRow(query);
            }
        }
        return true;
    }
    // run(), then steps to the first row; false with error = \a missing when there is none.
    bool runOne(QSqlQuery &query, const QString &sql, const QVariantList &binds, const StoreError &missing)
    {
        if (!run(query, sql, binds)) {
            return false;
        }
        if (!query.next()) {
            error = missing;
            return false;
        }
        return true;
    }
    bool writeEntities(qint64 articleId, const Article &article);
    // A team library's writes of an article (articlestoreserver.cpp), each statement a round trip:
    // the one statement that writes the article's entities, links, aliases and mentions, whose
    // article is the SQL expression \a articleId, returning the mentions written (empty when there
    // are no entities) ...
    QString serverEntityStatement(const QString &articleId, const Article &article) const;
    // ... which its result gives back, with the library's entity ids (writeSentenceRows()' input).
    static QList<StoredMention> writtenMentions(QSqlQuery &result);
    // A new article whole: its row and texts, entities, sentence rows, signature, story and the
    // annotations waiting for its path (when \a orphans), in three round trips; the batch's
    // savepoint released with the last when \a release.
    bool storeNewOnServer(const Article &stored, const Article &original, bool orphans, bool release, qint64 *id);
    // Schema 14's rows of the article (sentencerows.cpp): its mentions with their sentences and its
    // dated sentences, from its body and its mentions as written (\a mentions: in the order inserted,
    // the first of each start kept); inside the caller's transaction, the article having none yet.
    bool writeSentenceRows(qint64 articleId, QStringView body, const QList<StoredMention> &mentions);
    // How many articles have no sentence rows yet (an upgraded library); notes when none has.
    std::optional<qint64> missingSentenceRows();
    // True when every article has its sentence rows: looked up until they have, then kept (every
    // later store and re-tag writes them).
    std::optional<bool> sentenceRowsReady();
    bool sentenceRowsComplete = false;
    // The article's near-duplicate signature and band keys, replacing any it had (duplicatestore.cpp).
    bool writeSignature(qint64 articleId, QStringView body);
    bool writeBands(qint64 articleId, QStringView body); // the signature and band keys alone
    // Every article had its signature when last looked (every later store() writes one), so
    // DuplicateStore need not look again on this connection.
    bool signaturesComplete = false;
    // Stories (stories.cpp): the article joins the story of every article it is a copy of (merging
    // them), or starts its own; inside the caller's transaction, after its signature was written.
    bool assignStory(qint64 articleId);
    // Its parts: the statement that finds the articles sharing a band key with it (their signature
    // and story), the stories of those that are copies of it, and its joining them (or starting
    // its own); on a team library \a after (statements with their values written in) is sent in
    // the same round trip as its row.
    // (\a self: the article's id, a placeholder unless given; the binds are the band keys.)
    static QString neighboursSql(const QString &self = QStringLiteral("?"));
    static QVariantList neighbourBinds(const NearDuplicates::Signature &signature);
    static QSet<qint64> copiedStories(const NearDuplicates::Signature &signature, QSqlQuery &neighbours);
    bool joinStories(qint64 articleId, const QSet<qint64> &stories, const QStringList &after = {});
    // Takes the article out of its story: the story's rows are removed and its other articles
    // (returned through \a others) must be assigned again, after the article was changed or removed.
    bool leaveStory(qint64 articleId, QList<qint64> *others);
    bool assignStories(const QList<qint64> &ids)
    {
        for (const qint64 id : ids) {
            if (!assignStory(id)) {
                return false;
            }
        }
        return true;
    }
    // Every article had its story when last looked (every later store() and remove() keeps them).
    bool storiesComplete = false;
    // The entity with this id, aliases filled in (entitystore.cpp).
    std::optional<EntitySummary> readEntity(qint64 entityId);
    // The ids of the entities of \a type called \a name or written so in some article (entitystore.cpp).
    std::optional<QList<qint64>> entityIdsNamed(EntityType type, const QString &name);
    // Re-attaches the annotations of the article at \a path (stored as \a articleId) to its new
    // text; inside the caller's transaction. Those that cannot be re-attached are orphaned.
    bool reanchorAnnotations(qint64 articleId, const Article &article);
    // Tags and annotations, inside the caller's transaction.
    std::optional<Tag> findOrCreateTag(const QString &name, const QString &color);
    // \a changed (when given) tells whether a tag came, went or moved.
    bool writeAnnotationTags(qint64 annotationId, const QStringList &names, bool *changed = nullptr);
    bool writeAnnotation(const Annotation &annotation, qint64 *id);
    // The refusal of an edit of \a table's \a row made on a stale copy (schema 13's versions): who
    // changed it last and when, from the history ("ana changed this note at 14:02 — reload"); an
    // annotation's own changes and its tags' count alike.
    StoreError staleEdit(const QString &table, qint64 row, const QString &what);
    // The error for an edit of \a table's \a row made on \a readVersion (0: whatever it is now) that
    // changed nothing: staleEdit() when the row has moved on, else "no <rowName> with id N".
    StoreError missedEdit(
        const QString &table, qint64 row, qint64 readVersion, const QString &what, const QString &rowName);
    // Entity curation (librarycuration.cpp). The rules in force, reloaded inside a transaction
    // whenever curation_state says another connection (or process) changed them.
    Curation curation;
    qint64 curationVersion = -1;
    LibraryTypes nameTypes; // as the curation was last read: what re-tagging weighs names by
    bool readNameTypes(LibraryTypes *types);
    bool refreshCuration();
    // Queue the articles a curation change may alter: those mentioning the entity, those with
    // the alias, those whose text holds any of the phrases. Inside the caller's transaction.
    bool enqueueEntity(EntityType type, const QString &key);
    bool enqueueForm(EntityType type, const QString &key);
    bool enqueueText(const QStringList &phrases);
    bool bumpCurationVersion()
    {
        changed({ .rules = true });
        return exec(QStringLiteral("UPDATE curation_state SET version = version + 1"));
    }
    // Stores \a rule (replacing the rule for the same name), keeping the rules acyclic: what a
    // rule maps to has no rule of its own (a rename back simply ends the old rename).
    bool addRule(EntityRule *rule);
    // Puts correction rule \a row back as \a state (its fields as the history records them): the
    // rule it is now, if any, is taken back and the state stored as addRule() stores a rule, the
    // articles either changes queued for re-tagging. Nothing changes when the rule is so already.
    bool restoreRule(qint64 row, const QJsonObject &state);
    // A rule about the stored entity \a entity: stored, and its articles queued.
    std::optional<EntityRule> addEntityRule(const EntitySummary &entity, EntityRule rule);
    // Drops library entities no article mentions any more (after an update, removal or re-tag).
    bool removeUnusedEntities()
    {
        return exec(QStringLiteral("DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM article_entities ae WHERE "
                                   "ae.entity_id = entities.id)"));
    }
    // Runs \a work in one write transaction (a savepoint inside a batch).
    template<typename Work> bool transaction(Work work)
    {
        if (!begin()) {
            return false;
        }
        if (!work() || !commit()) {
            const StoreError failure = error;
            rollback();
            error = failure;
            return false;
        }
        return true;
    }
};

// The library: its connection's context, and the stores over it (library.cpp hands them out;
// the Retagger works on the context).
struct Library::Private : StoreContext {
    ArticleStore articles { this };
    DocumentQuery documents { this };
    EntityStore entities { this };
    TagStore tags { this };
    AnnotationStore annotations { this };
    CurationStore curation { this };
    TimelineQuery timeline { this };
    CooccurrenceQuery cooccurrence { this };
    WatchedFolderStore watchedFolders { this };
    DuplicateStore duplicates { this };
    SavedSearchStore savedSearches { this, &documents, &entities };
    TeamStore team { this };
    HistoryStore history { this, &annotations };
};

} // namespace Dossier::Core
