// The articles of a library: storing an analysed article whole (its texts, entities, aliases and
// mentions; the curation rules applied, the annotations re-attached), reading one back, removing one.

#include "store/articlestore.h"

#include "analysis/entityrecognizer.h"
#include "store/storecontext_p.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Dossier::Core
{

ArticleStore::ArticleStore(StoreContext *context)
    : d(context)
{
}

bool StoreContext::writeArticle(const Article &article, qint64 existingId, qint64 *id)
{
    QSqlQuery query(db());
    if (existingId >= 0) {
        query.prepare(QStringLiteral(
            "UPDATE articles SET sha256 = :sha256, size = :size, modified = :modified, format = :format, "
            "encoding = :encoding, title = :title, date = :date, source = :source, "
            "dateline = :dateline, author = :author, url = :url, language = :language, entity_count = :entity_count, "
            "imported_at = :imported_at, missing_since = 0, parent_id = (SELECT p.id FROM articles p WHERE p.path = "
            ":parent) WHERE id = :id"));
        query.bindValue(QStringLiteral(":id"), existingId);
    } else {
        query.prepare(QStringLiteral(
            "INSERT INTO articles (path, sha256, size, modified, format, encoding, title, date, source, dateline, "
            "author, url, language, entity_count, imported_at, parent_id) VALUES (:path, :sha256, :size, :modified, "
            ":format, :encoding, :title, :date, :source, :dateline, :author, :url, :language, :entity_count, "
            ":imported_at, (SELECT p.id FROM articles p WHERE p.path = :parent)) RETURNING id"));
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
    // What it came in, when that is an article stored before it (an attachment's message).
    query.bindValue(QStringLiteral(":parent"),
        article.partOf.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(article.partOf));
    if (!exec(query)) {
        return false;
    }
    if (existingId >= 0) {
        *id = existingId;
    } else {
        query.next();
        *id = query.value(0).toLongLong();
        query.finish();
    }
    // The texts live apart from the summary row (schema 3); the FTS index follows them by triggers.
    QSqlQuery texts(db());
    texts.prepare(
        QStringLiteral("INSERT INTO article_texts (id, title, raw_text, body, page_starts) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET title = excluded.title, raw_text = excluded.raw_text, "
                       "body = excluded.body, page_starts = excluded.page_starts"));
    texts.addBindValue(*id);
    texts.addBindValue(notNull(article.meta.title));
    texts.addBindValue(notNull(article.rawText));
    texts.addBindValue(notNull(article.body));
    QStringList pages;
    for (const qsizetype start : article.pageStarts) {
        pages.append(QString::number(start));
    }
    texts.addBindValue(notNull(pages.join(QLatin1Char(','))));
    return exec(texts);
}

bool StoreContext::writeEntities(qint64 articleId, const Article &article)
{
    if (onServer()) {
        const QString statement = serverEntityStatement(QString::number(articleId), article);
        QList<StoredMention> mentions;
        if (!statement.isEmpty()) {
            QSqlQuery query(db());
            if (!runAll(query, { statement })) {
                return false;
            }
            mentions = writtenMentions(query);
        }
        return writeSentenceRows(articleId, article.body, mentions);
    }
    QSqlDatabase database = db();
    QSqlQuery findEntity(database);
    findEntity.prepare(QStringLiteral("SELECT id FROM entities WHERE type = ? AND key = ?"));
    QSqlQuery addEntity(database);
    addEntity.prepare(QStringLiteral("INSERT INTO entities (type, key, name) VALUES (?, ?, ?) RETURNING id"));
    QSqlQuery link(database);
    link.prepare(
        QStringLiteral("INSERT INTO article_entities (article_id, entity_id, position, count) VALUES (?, ?, ?, ?)"));
    QSqlQuery alias(database);
    alias.prepare(QStringLiteral(
        "INSERT INTO article_aliases (article_id, entity_id, alias, key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));

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
            addEntity.next();
            entityId = addEntity.value(0).toLongLong();
            addEntity.finish();
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
    QVariantList mentions;
    mentions.reserve(article.mentions.size() * 5);
    QList<StoredMention> stored;
    stored.reserve(article.mentions.size());
    for (const Mention &m : article.mentions) {
        if (m.entity < 0 || m.entity >= entityIds.size()) {
            continue;
        }
        stored.append({ m.start, m.end, entityTypeName(m.type), entityIds[m.entity] });
        mentions << articleId << m.start << m.end << stored.last().type << stored.last().entity;
    }
    return writeSentenceRows(articleId, article.body, stored)
        && insertRows(QStringLiteral("INSERT INTO mentions (article_id, start, \"end\", type, entity_id)"), 5, mentions,
            QStringLiteral("ON CONFLICT DO NOTHING"));
}

bool StoreContext::insertRows(const QString &head, int columns, const QVariantList &values, const QString &tail)
{
    // 100 rows of a few columns stay far below either backend's limit on bound values.
    constexpr qsizetype rowsPerStatement = 100;
    const qsizetype rows = values.size() / columns;
    const QString row = u'(' + QStringList(columns, QStringLiteral("?")).join(QLatin1String(", ")) + u')';
    QSqlQuery query(db());
    qsizetype prepared = 0; // rows of the statement prepared in query
    for (qsizetype first = 0; first < rows; first += rowsPerStatement) {
        const qsizetype count = std::min(rowsPerStatement, rows - first);
        if (count != prepared) {
            query.prepare(
                head + QStringLiteral(" VALUES ") + QStringList(count, row).join(QLatin1String(", ")) + u' ' + tail);
            prepared = count;
        }
        for (qsizetype i = first * columns; i < (first + count) * columns; ++i) {
            query.addBindValue(values.at(i));
        }
        if (!exec(query)) {
            return false;
        }
    }
    return true;
}

std::optional<StoreOutcome> ArticleStore::store(const Article &article, qint64 *storedId)
{
    QSqlDatabase db = d->db();
    // One transaction per article; inside a batch, a savepoint per article, so a failed write
    // takes back that article only. Either way an article is stored whole or not at all. On a
    // team library inside a batch the savepoint is sent with the article's first statement (and
    // released with its last): each statement is a round trip.
    const bool pipelined = d->onServer() && d->inBatch;
    if (!pipelined && !d->begin()) {
        return std::nullopt;
    }
    const auto rollback = [&] {
        const StoreError error = d->error;
        d->rollback();
        d->error = error;
        return std::nullopt;
    };
    // Its row when the path is known, and whether annotations wait for the path (orphaned when
    // their article was removed): a new article without them has none to re-attach.
    const QString findSql = QStringLiteral(
        "SELECT (SELECT id FROM articles WHERE path = ?), (SELECT sha256 FROM articles WHERE path = ?), "
        "EXISTS (SELECT 1 FROM annotations WHERE article_id IS NULL AND article_path = ?)");
    const QVariantList findBinds { article.path, article.path, article.path };
    QSqlQuery find(db);
    if (!(pipelined ? d->runAll(find, { QStringLiteral("SAVEPOINT article"), d->inlined(findSql, findBinds) })
                    : d->runOnce(find, findSql, findBinds))
        || !find.next()) {
        return rollback();
    }
    const qint64 existingId = find.value(0).isNull() ? -1 : find.value(0).toLongLong();
    const bool orphans = find.value(2).toBool();
    if (existingId >= 0 && find.value(1).toByteArray() == article.sha256) {
        find.finish();
        if (storedId) {
            *storedId = existingId;
        }
        d->commit();
        return StoreOutcome::Unchanged;
    }
    find.finish();
    if (existingId >= 0) {
        for (const char *table : { "mentions", "article_aliases", "article_entities", "retag_queue",
                 "article_sentences", "article_events" }) {
            QSqlQuery clear(db);
            if (!d->runOnce(clear, QStringLiteral("DELETE FROM %1 WHERE article_id = ?").arg(QLatin1String(table)),
                    { existingId })) {
                return rollback();
            }
        }
    }
    // The analyst's corrections apply to every article stored, new or re-imported (read once a
    // batch: its transaction holds the write lock).
    if (!d->inBatch || !d->curationChecked) {
        if (!d->refreshCuration()) {
            return rollback();
        }
        d->curationChecked = d->inBatch;
    }
    std::optional<Article> curated;
    if (!d->curation.isEmpty()) {
        curated = article;
        d->curation.apply(*curated);
    }
    const Article &stored = curated ? *curated : article;
    qint64 id = -1;
    if (d->onServer() && existingId < 0) {
        if (!d->storeNewOnServer(stored, article, orphans, pipelined, &id)) {
            return rollback();
        }
    } else if (!d->writeArticle(stored, existingId, &id) || !d->writeEntities(id, stored)
        || !d->writeSignature(id, stored.body)
        || ((existingId >= 0 || orphans) && !d->reanchorAnnotations(id, article))) {
        return rollback();
    }
    if (existingId >= 0 && !d->removeUnusedEntities()) {
        return rollback();
    }
    // A re-imported article's annotations may have moved or been orphaned.
    d->changed({ .articles = { id }, .annotationsOf = { id }, .entities = true });
    // (A new article on a team library inside a batch released its savepoint already.)
    if (!(pipelined && existingId < 0) && !d->commit()) {
        return rollback();
    }
    if (storedId) {
        *storedId = id;
    }
    return existingId >= 0 ? StoreOutcome::Updated : StoreOutcome::Imported;
}

bool ArticleStore::beginBatch()
{
    if (d->inBatch || !d->beginImmediate()) {
        return false;
    }
    d->inBatch = true;
    d->curationChecked = false;
    return true;
}

bool ArticleStore::commitBatch()
{
    if (!d->inBatch) {
        return false;
    }
    d->inBatch = false;
    if (!d->commitAndSend()) {
        const StoreError error = d->error;
        d->changes = {};
        d->exec(QStringLiteral("ROLLBACK"));
        d->error = error;
        return false;
    }
    return true;
}

void ArticleStore::rollbackBatch()
{
    if (d->inBatch) {
        d->inBatch = false;
        const StoreError error = d->error;
        d->changes = {};
        d->exec(QStringLiteral("ROLLBACK"));
        d->error = error;
    }
}

bool ArticleStore::remove(qint64 id)
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
    // Without it, the other copies of its story may be one story or several (stories.cpp).
    QList<qint64> formerCopies;
    if (!d->leaveStory(id, &formerCopies) || !d->exec(removeTexts) || !d->exec(remove)
        || !d->assignStories(formerCopies) || !d->removeUnusedEntities()) {
        const StoreError error = d->error;
        d->changes = {};
        d->exec(QStringLiteral("ROLLBACK"));
        d->error = error;
        return false;
    }
    // Its annotations are orphaned now, and the list and the entities lose it.
    d->changed({ .articles = { id }, .annotationsOf = { id }, .entities = true });
    if (!d->commitAndSend()) {
        const StoreError error = d->error;
        d->changes = {};
        d->exec(QStringLiteral("ROLLBACK"));
        d->error = error;
        return false;
    }
    return true;
}

std::optional<Article> ArticleStore::get(qint64 id)
{
    QSqlDatabase db = d->db();
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "SELECT a.path, a.sha256, a.size, a.modified, a.format, a.encoding, t.raw_text, t.body, "
        "a.title, a.date, a.source, a.dateline, a.author, a.url, a.language, a.imported_at, t.page_starts "
        "FROM articles a "
        "JOIN article_texts t ON t.id = a.id WHERE a.id = ?"));
    query.addBindValue(id);
    if (!d->exec(query)) {
        return std::nullopt;
    }
    if (!query.next()) {
        d->error = StoreError(QStringLiteral("no article with id %1").arg(id), StoreError::Kind::NotFound);
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
    article.importedAt = query.value(15).toLongLong();
    for (const QString &start : query.value(16).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        article.pageStarts.append(start.toLongLong());
    }

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
        QStringLiteral("SELECT start, \"end\", type, entity_id FROM mentions WHERE article_id = ? ORDER BY start"));
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

namespace
{

// The stored files of the articles \a where (an SQL condition, "true" for all) picks, by path.
std::optional<QHash<QString, StoredFile>> filesWhere(StoreContext &ctx, const QString &where, const QVariantList &binds)
{
    QSqlQuery query(ctx.db());
    if (!ctx.run(query,
            QStringLiteral("SELECT path, id, sha256, size, modified, missing_since FROM articles WHERE %1").arg(where),
            binds)) {
        return std::nullopt;
    }
    QHash<QString, StoredFile> files;
    while (query.next()) {
        files.insert(query.value(0).toString(),
            StoredFile { query.value(1).toLongLong(), query.value(2).toByteArray(), query.value(3).toLongLong(),
                query.value(4).toLongLong(), query.value(5).toLongLong() });
    }
    return files;
}

} // namespace

std::optional<QHash<QString, StoredFile>> ArticleStore::storedFiles()
{
    return filesWhere(*d, QStringLiteral("true"), {});
}

std::optional<QHash<QString, StoredFile>> ArticleStore::storedFilesUnder(const QString &folder)
{
    // The paths that start "FOLDER/": from FOLDER + '/' up to FOLDER + '0' ('/' + 1) in the path index.
    QString prefix = folder;
    while (prefix.size() > 1 && prefix.endsWith(u'/')) {
        prefix.chop(1);
    }
    if (prefix != QLatin1String("/")) {
        prefix += u'/';
    }
    return filesWhere(
        *d, QStringLiteral("path >= ? AND path < ?"), { prefix, QString(prefix.chopped(1) + QChar(u'/' + 1)) });
}

std::optional<QHash<QString, StoredFile>> ArticleStore::missingFiles()
{
    return filesWhere(*d, QStringLiteral("missing_since <> 0"), {});
}

bool ArticleStore::setMissing(const QList<qint64> &ids, qint64 since)
{
    if (ids.isEmpty()) {
        return true;
    }
    if (!d->begin()) {
        return false;
    }
    // A mark keeps the time the file was first found gone; a file back clears it.
    const QString sql = since != 0
        ? QStringLiteral("UPDATE articles SET missing_since = %1 WHERE missing_since = 0 AND id IN (%2)").arg(since)
        : QStringLiteral("UPDATE articles SET missing_since = 0 WHERE missing_since <> 0 AND id IN (%1)");
    constexpr qsizetype chunk = 500;
    for (qsizetype first = 0; first < ids.size(); first += chunk) {
        const QList<qint64> part = ids.mid(first, chunk);
        QVariantList binds;
        for (const qint64 id : part) {
            binds.append(id);
        }
        QSqlQuery query(d->db());
        if (!d->run(query, sql.arg(placeholders(part.size())), binds)) {
            const StoreError error = d->error;
            d->rollback();
            d->error = error;
            return false;
        }
    }
    d->changed({ .articles = ids });
    if (!d->commit()) {
        const StoreError error = d->error;
        d->rollback();
        d->error = error;
        return false;
    }
    return true;
}

bool ArticleStore::move(qint64 id, const QString &newPath)
{
    if (!d->begin()) {
        return false;
    }
    const auto fail = [&] {
        const StoreError error = d->error;
        d->rollback();
        d->error = error;
        return false;
    };
    QSqlQuery find(d->db());
    if (!d->run(find, QStringLiteral("SELECT path FROM articles WHERE id = ?"), { id })) {
        return fail();
    }
    if (!find.next()) {
        d->error = StoreError(QStringLiteral("no article with id %1").arg(id), StoreError::Kind::NotFound);
        return fail();
    }
    const QString oldPath = find.value(0).toString();
    find.finish();
    // The article and what came in it ("OLD#PART": a message's attachments) take the new path; its
    // annotations follow it (their path is where an orphan would be re-attached).
    QSqlQuery parts(d->db());
    if (!d->run(parts, QStringLiteral("SELECT id, path FROM articles WHERE id = ? OR (path >= ? AND path < ?)"),
            { id, QString(oldPath + u'#'), QString(oldPath + QChar(u'#' + 1)) })) {
        return fail();
    }
    QList<std::pair<qint64, QString>> moved;
    while (parts.next()) {
        moved.append({ parts.value(0).toLongLong(), newPath + parts.value(1).toString().mid(oldPath.size()) });
    }
    parts.finish();
    QList<qint64> ids;
    for (const auto &[movedId, path] : std::as_const(moved)) {
        QSqlQuery update(d->db());
        QSqlQuery annotations(d->db());
        if (!d->run(update, QStringLiteral("UPDATE articles SET path = ?, missing_since = 0 WHERE id = ?"),
                { path, movedId })
            || !d->run(annotations,
                QStringLiteral("UPDATE annotations SET article_path = ? WHERE article_id = ? AND article_path <> ?"),
                { path, movedId, path })) {
            return fail();
        }
        ids.append(movedId);
    }
    d->changed({ .articles = ids, .annotationsOf = ids });
    if (!d->commit()) {
        return fail();
    }
    return true;
}

std::optional<qint64> ArticleStore::missingCount()
{
    QSqlQuery query(d->db());
    if (!d->run(query, QStringLiteral("SELECT count(*) FROM articles WHERE missing_since <> 0"), {}) || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<qint64> ArticleStore::missingSince(qint64 id)
{
    QSqlQuery query(d->db());
    if (!d->run(query, QStringLiteral("SELECT missing_since FROM articles WHERE id = ?"), { id })) {
        return std::nullopt;
    }
    return query.next() ? query.value(0).toLongLong() : 0;
}

std::optional<qint64> ArticleStore::count()
{
    QSqlQuery query(d->db());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM articles")) || !query.next()) {
        d->error = sqlError(query);
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

} // namespace Dossier::Core
