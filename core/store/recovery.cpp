// LibraryRecovery: the new library, written from what can be read of the damaged one, then re-tagged.

#include "store/recovery.h"

#include "import/retagger.h"
#include "store/library.h"
#include "store/recoverysource_p.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace Dossier::Core
{

namespace
{

// Writes the new library, inside one transaction, with prepared statements per table.
class Target
{
public:
    explicit Target(const QString &path)
        : m_connection(path, Connection::Mode::ReadWrite)
    {
    }
    Connection &connection() { return m_connection; }

    bool insert(const QString &table, const QStringList &columns, const QVariantList &values, QString *error)
    {
        auto &query = m_inserts[table];
        if (!query) {
            query = std::make_unique<QSqlQuery>(m_connection.db());
            QStringList marks;
            marks.fill(QStringLiteral("?"), columns.size());
            if (!query->prepare(QStringLiteral("INSERT OR IGNORE INTO %1 (%2) VALUES (%3)")
                        .arg(table, columns.join(QLatin1String(", ")), marks.join(QLatin1String(", "))))) {
                *error = Connection::errorText(*query);
                return false;
            }
        }
        for (qsizetype i = 0; i < values.size(); ++i) {
            query->bindValue(int(i), values[i]);
        }
        if (!query->exec()) {
            *error = QStringLiteral("cannot write %1: %2").arg(table, Connection::errorText(*query));
            return false;
        }
        return true;
    }

private:
    Connection m_connection;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_inserts;
};

class Recoverer
{
public:
    Recoverer(const QString &from, const QString &to)
        : m_from(from)
        , m_to(to)
        , m_source(from)
    {
        m_report.from = from;
        m_report.library = to;
    }

    RecoveryReport run()
    {
        if (!start()) {
            return m_report;
        }
        const bool copied = copy();
        m_target.reset();
        if (!copied) {
            for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
                QFile::remove(m_to + suffix);
            }
            return m_report;
        }
        retag();
        return m_report;
    }

private:
    bool fail(const QString &error)
    {
        m_report.error = error;
        return false;
    }
    void lose(const char *kind, std::optional<qint64> id, const QString &detail)
    {
        m_report.lost.append(LostItem { QString::fromLatin1(kind), id, detail });
    }

    bool start()
    {
        const QFileInfo from(m_from);
        const QFileInfo to(m_to);
        if (!from.exists() || from.isDir()) {
            return fail(QStringLiteral("there is no library at %1").arg(m_from));
        }
        if (to.exists() && (to.isDir() || to.size() > 0)) {
            return fail(QStringLiteral("%1 already exists; recover into a new file").arg(m_to));
        }
        if (const QString error = m_source.open(); !error.isEmpty()) {
            return fail(QStringLiteral("cannot read %1: %2").arg(m_from, error));
        }
        if (!m_source.has(QStringLiteral("articles")) || !m_source.has(QStringLiteral("article_texts"))) {
            return fail(QStringLiteral("%1 is not a Dossier library of schema 3 or later").arg(m_from));
        }
        if (m_source.version() > Library::schemaVersion()) {
            return fail(
                QStringLiteral("%1 was written by a newer Dossier (schema %2)").arg(m_from).arg(m_source.version()));
        }
        {
            // The new library gets the current schema the normal way.
            Library library(m_to);
            if (!library.open()) {
                return fail(library.errorString());
            }
        }
        m_target = std::make_unique<Target>(m_to);
        if (!m_target->connection().isOpen()) {
            return fail(m_target->connection().openError());
        }
        return true;
    }

    // The columns of \a table both libraries have (schema 3 and 4 libraries lack some).
    QStringList common(const QString &table)
    {
        if (const auto it = m_columns.constFind(table); it != m_columns.cend()) {
            return *it;
        }
        const QStringList target = Source::columnsOf(m_target->connection(), table);
        QStringList both;
        for (const QString &column : m_source.columns(table)) {
            if (target.contains(column)) {
                both.append(column);
            }
        }
        m_columns.insert(table, both);
        return both;
    }

    std::optional<Rows> lookup(const QString &table, const QString &key, qint64 value)
    {
        if (!m_source.has(table)) {
            return Rows {};
        }
        return m_source.lookup(table, common(table), key, value);
    }
    // The one row with this id: nullopt when unreadable, an empty list when there is none.
    std::optional<QVariantList> lookupOne(const QString &table, qint64 id)
    {
        const auto rows = lookup(table, QStringLiteral("id"), id);
        if (!rows) {
            return std::nullopt;
        }
        return rows->isEmpty() ? QVariantList {} : rows->front();
    }
    bool insert(const QString &table, const QVariantList &values)
    {
        QString error;
        if (!m_target->insert(table, common(table), values, &error)) {
            return fail(error);
        }
        return true;
    }
    bool insertAll(const QString &table, const Rows &rows)
    {
        return std::all_of(rows.cbegin(), rows.cend(), [&](const QVariantList &row) { return insert(table, row); });
    }
    qsizetype column(const QString &table, const char *name) { return common(table).indexOf(QLatin1String(name)); }

    bool copy()
    {
        Connection &target = m_target->connection();
        QString error;
        // The search index is rebuilt once at the end rather than row by row through its triggers.
        QSqlQuery triggers = target.query();
        if (!target.exec(triggers,
                QStringLiteral(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'article_texts'"),
                {}, &error)) {
            return fail(error);
        }
        QList<std::pair<QString, QString>> ftsTriggers;
        while (triggers.next()) {
            ftsTriggers.append({ triggers.value(0).toString(), triggers.value(1).toString() });
        }
        triggers.finish();
        if (!target.exec(QStringLiteral("BEGIN IMMEDIATE"), &error)) {
            return fail(error);
        }
        for (const auto &[name, sql] : ftsTriggers) {
            if (!target.exec(QStringLiteral("DROP TRIGGER %1").arg(name), &error)) {
                return fail(error);
            }
        }
        if (!copyEntities() || !copyTags() || !copyArticles() || !copyUsedEntities() || !copyAnnotations()
            || !copyCuration()) {
            target.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        for (const qint64 id : std::as_const(m_lostTags)) {
            lose("tag", id, QStringLiteral("unreadable; the articles and passages that carried it lose it"));
        }
        for (const auto &[name, sql] : ftsTriggers) {
            if (!target.exec(sql, &error)) {
                target.exec(QStringLiteral("ROLLBACK"));
                return fail(error);
            }
        }
        if (!target.exec(QStringLiteral("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"), &error)
            || !target.exec(QStringLiteral("INSERT INTO articles_stem(articles_stem) VALUES ('rebuild')"), &error)
            || !target.exec(QStringLiteral("COMMIT"), &error)) {
            target.exec(QStringLiteral("ROLLBACK"));
            return fail(QStringLiteral("cannot write %1: %2").arg(m_to, error));
        }
        return true;
    }

    bool copyEntities()
    {
        const QString table = QStringLiteral("entities");
        for (const qint64 id : m_source.scanKeys(table, QStringLiteral("id")).keys) {
            if (const auto row = lookupOne(table, id); row && !row->isEmpty()) {
                m_entities.insert(id, *row);
            }
        }
        return true;
    }

    bool copyTags()
    {
        const QString table = QStringLiteral("tags");
        const KeyScan scan = m_source.scanKeys(table, QStringLiteral("id"));
        for (const qint64 id : scan.keys) {
            const auto row = lookupOne(table, id);
            if (!row || row->isEmpty()) {
                m_lostTags.insert(id);
                continue;
            }
            if (!insert(table, *row)) {
                return false;
            }
            m_tags.insert(id);
            ++m_report.tags;
        }
        return true;
    }

    // Tag links of a kept article or passage: those to lost tags are dropped (the tag is reported).
    bool copyTagLinks(const QString &table, const Rows &rows)
    {
        const qsizetype tag = column(table, "tag_id");
        for (const QVariantList &row : rows) {
            const qint64 tagId = row.value(tag).toLongLong();
            if (!m_tags.contains(tagId)) {
                m_lostTags.insert(tagId);
            } else if (!insert(table, row)) {
                return false;
            }
        }
        return true;
    }

    bool copyArticles()
    {
        const QString articles = QStringLiteral("articles");
        const QString texts = QStringLiteral("article_texts");
        const KeyScan summaries = m_source.scanKeys(articles, QStringLiteral("id"));
        const KeyScan bodies = m_source.scanKeys(texts, QStringLiteral("id"));
        // An id any part of the library knows may be an article: each is looked up.
        QSet<qint64> known(summaries.keys.cbegin(), summaries.keys.cend());
        known.unite(QSet<qint64>(bodies.keys.cbegin(), bodies.keys.cend()));
        for (const char *index : { "articles_date", "articles_title", "articles_source", "articles_entity_count" }) {
            const QList<qint64> ids = m_source.indexIds(articles, QString::fromLatin1(index));
            known.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
        }
        QList<qint64> ids(known.cbegin(), known.cend());
        std::sort(ids.begin(), ids.end());
        const QString key = QStringLiteral("article_id");
        for (const qint64 id : ids) {
            const auto summary = lookupOne(articles, id);
            const auto text = lookupOne(texts, id);
            const bool haveSummary = summary && !summary->isEmpty();
            const bool haveText = text && !text->isEmpty();
            if (!haveSummary || !haveText) {
                QStringList parts;
                if (!haveSummary) {
                    parts.append(summary ? QStringLiteral("its summary row is missing")
                                         : QStringLiteral("its summary row cannot be read"));
                }
                if (!haveText) {
                    parts.append(
                        text ? QStringLiteral("its texts are missing") : QStringLiteral("its texts cannot be read"));
                }
                m_lostArticles.insert(id, m_report.lost.size());
                lose("article", id, parts.join(QLatin1String(" and ")));
                continue;
            }
            if (!insert(articles, *summary) || !insert(texts, *text)) {
                return false;
            }
            m_articles.insert(id);
            ++m_report.articles;
            // Entities, mentions and aliases are kept when they can all be read and point at
            // readable entities; otherwise the article is re-tagged from its text.
            bool whole = true;
            QList<std::pair<QString, Rows>> links;
            for (const char *name : { "article_entities", "article_aliases", "mentions" }) {
                const QString table = QString::fromLatin1(name);
                const auto rows = lookup(table, key, id);
                const qsizetype entity = column(table, "entity_id");
                whole = whole && rows && std::all_of(rows->cbegin(), rows->cend(), [&](const QVariantList &row) {
                    return m_entities.contains(row.value(entity).toLongLong());
                });
                if (!whole) {
                    break;
                }
                links.append({ table, *rows });
            }
            if (whole) {
                for (const auto &[table, rows] : links) {
                    for (const QVariantList &row : rows) {
                        m_usedEntities.insert(row.value(column(table, "entity_id")).toLongLong());
                    }
                    if (!insertAll(table, rows)) {
                        return false;
                    }
                }
            } else {
                m_retag.insert(id);
            }
            const auto tags = lookup(QStringLiteral("article_tags"), key, id);
            if (!tags) {
                lose("article_tags", id, QStringLiteral("the article is kept without its tags (unreadable)"));
            } else if (!copyTagLinks(QStringLiteral("article_tags"), *tags)) {
                return false;
            }
        }
        return true;
    }

    bool copyUsedEntities()
    {
        for (const qint64 id : std::as_const(m_usedEntities)) {
            if (!insert(QStringLiteral("entities"), m_entities.value(id))) {
                return false;
            }
        }
        return true;
    }

    bool copyAnnotations()
    {
        const QString table = QStringLiteral("annotations");
        if (!m_source.has(table)) {
            return true;
        }
        const KeyScan scan = m_source.scanKeys(table, QStringLiteral("id"));
        QSet<qint64> known(scan.keys.cbegin(), scan.keys.cend());
        for (const char *index : { "annotations_article", "annotations_path" }) {
            const QList<qint64> ids = m_source.indexIds(table, QString::fromLatin1(index));
            known.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
        }
        QList<qint64> ids(known.cbegin(), known.cend());
        std::sort(ids.begin(), ids.end());
        const qsizetype article = column(table, "article_id");
        const qsizetype state = column(table, "state");
        QHash<qint64, int> orphanedOf;
        for (const qint64 id : ids) {
            auto row = lookupOne(table, id);
            if (!row || row->isEmpty()) {
                lose("annotation", id, row ? QStringLiteral("missing") : QStringLiteral("cannot be read"));
                continue;
            }
            const QVariant articleId = row->value(article);
            if (!articleId.isNull() && !m_articles.contains(articleId.toLongLong())) {
                // As when its article is removed: kept for review, orphaned.
                ++orphanedOf[articleId.toLongLong()];
                (*row)[article] = QVariant(QMetaType::fromType<qint64>());
                (*row)[state] = QStringLiteral("orphaned");
                ++m_report.orphaned;
            }
            if (!insert(table, *row)) {
                return false;
            }
            ++m_report.annotations;
            const auto tags = lookup(QStringLiteral("annotation_tags"), QStringLiteral("annotation_id"), id);
            if (!tags) {
                lose("annotation_tags", id, QStringLiteral("the passage is kept without its tags (unreadable)"));
            } else if (!copyTagLinks(QStringLiteral("annotation_tags"), *tags)) {
                return false;
            }
        }
        for (auto it = orphanedOf.cbegin(); it != orphanedOf.cend(); ++it) {
            if (const auto lost = m_lostArticles.constFind(it.key()); lost != m_lostArticles.cend()) {
                m_report.lost[*lost].detail += QStringLiteral("; its passages (%1) are kept, orphaned").arg(it.value());
            }
        }
        return true;
    }

    // Rows of a small table without other references: each readable row, and a note for what is not.
    bool copyTable(const QString &table, const char *kind, int *count)
    {
        if (!m_source.has(table)) {
            return true;
        }
        const KeyScan scan = m_source.scanKeys(table, QStringLiteral("id"));
        for (const qint64 id : scan.keys) {
            const auto row = lookupOne(table, id);
            if (!row || row->isEmpty()) {
                lose(kind, id, QStringLiteral("cannot be read"));
            } else if (!insert(table, *row)) {
                return false;
            } else {
                ++*count;
            }
        }
        for (const auto &[first, last] : scan.unreadable) {
            lose(kind, std::nullopt,
                QStringLiteral("the rows of %1 with ids from %2 to %3 cannot be read (if there were any)")
                    .arg(table)
                    .arg(first)
                    .arg(last));
        }
        return true;
    }

    bool copyCuration()
    {
        if (!copyTable(QStringLiteral("entity_rules"), "rule", &m_report.rules)
            || !copyTable(QStringLiteral("watchlist"), "watch", &m_report.watchlist)
            || !copyTable(QStringLiteral("watched_folders"), "folder", &m_report.folders)
            || !copyTable(QStringLiteral("saved_searches"), "search", &m_report.searches)) {
            return false;
        }
        const QString queue = QStringLiteral("retag_queue");
        if (m_source.has(queue)) {
            const KeyScan scan = m_source.scanKeys(queue, QStringLiteral("article_id"));
            for (const qint64 id : scan.keys) {
                if (m_articles.contains(id)) {
                    m_retag.insert(id);
                }
            }
            if (scan.damaged) {
                lose("retag_queue", std::nullopt,
                    QStringLiteral("some articles waiting to be re-tagged after an entity correction may not be; "
                                   "undo and redo the correction to re-tag them"));
            }
        }
        for (const qint64 id : std::as_const(m_retag)) {
            if (!m_target->insert(queue, { QStringLiteral("article_id") }, { id }, &m_report.error)) {
                return false;
            }
        }
        if (const auto version = m_source.curationVersion()) {
            QSqlQuery update = m_target->connection().query();
            if (!m_target->connection().exec(
                    update, QStringLiteral("UPDATE curation_state SET version = ?"), { *version }, &m_report.error)) {
                return false;
            }
        }
        return true;
    }

    // Articles whose entities could not be read get them again from their text and the rules.
    void retag()
    {
        if (m_retag.isEmpty()) {
            return;
        }
        Library library(m_to);
        if (!library.open()) {
            lose("retag_queue", std::nullopt,
                QStringLiteral("the articles waiting to be re-tagged are not: %1").arg(library.errorString()));
            return;
        }
        for (;;) {
            const auto done = Retagger(library).retagPending(64);
            if (!done) {
                lose("retag_queue", std::nullopt,
                    QStringLiteral("re-tagging stopped: %1 (dossier-cli entity retag goes on)")
                        .arg(library.errorString()));
                return;
            }
            if (*done == 0) {
                return;
            }
            m_report.retagged += *done;
        }
    }

    QString m_from;
    QString m_to;
    Source m_source;
    std::unique_ptr<Target> m_target;
    RecoveryReport m_report;
    QHash<QString, QStringList> m_columns;
    QHash<qint64, QVariantList> m_entities; // readable entities, by id
    QSet<qint64> m_usedEntities;
    QSet<qint64> m_tags;
    QSet<qint64> m_lostTags;
    QSet<qint64> m_articles;
    QHash<qint64, qsizetype> m_lostArticles; // id → its entry in m_report.lost
    QSet<qint64> m_retag;
};

} // namespace

RecoveryReport LibraryRecovery::recover(const QString &damagedPath, const QString &newPath)
{
    return Recoverer(damagedPath, newPath).run();
}

} // namespace Dossier::Core
