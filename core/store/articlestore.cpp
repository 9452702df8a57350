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

namespace
{

// On a team library every statement is a round trip to the server: an article's entities are
// found in one statement and the missing ones made in another (in the order the article names
// them, so they get the ids the one-by-one inserts gave), then linked, aliased and mentioned in a
// statement each, instead of up to four statements per entity.
bool writeEntitiesBatched(StoreContext &ctx, qint64 articleId, const Article &article)
{
    QList<QString> types;
    QList<QString> keys;
    QList<QString> names;
    QHash<QString, qsizetype> known; // type U+001F key → index into types/keys
    QList<qsizetype> keyOf; // per article entity
    keyOf.reserve(article.entities.size());
    for (const Entity &entity : article.entities) {
        const QString type = entityTypeName(entity.type);
        const QString key = entityKey(entity.name);
        const QString both = type + QChar(0x1f) + key;
        auto it = known.constFind(both);
        if (it == known.cend()) {
            it = known.insert(both, types.size());
            types.append(type);
            keys.append(key);
            names.append(entity.name);
        }
        keyOf.append(*it);
    }
    QList<qint64> ids(types.size(), -1);
    constexpr qsizetype chunk = 100;
    const auto take = [&](QSqlQuery &query) {
        while (query.next()) {
            const auto it = known.constFind(query.value(1).toString() + QChar(0x1f) + query.value(2).toString());
            if (it != known.cend()) {
                ids[*it] = query.value(0).toLongLong();
            }
        }
    };
    for (qsizetype first = 0; first < types.size(); first += chunk) {
        const qsizetype count = std::min(chunk, types.size() - first);
        QVariantList binds;
        for (qsizetype i = first; i < first + count; ++i) {
            binds << types.at(i) << keys.at(i);
        }
        QSqlQuery find(ctx.db());
        if (!ctx.run(find,
                QStringLiteral("SELECT id, type, key FROM entities WHERE (type, key) IN (VALUES %1)")
                    .arg(QStringList(count, QStringLiteral("(CAST(? AS TEXT), CAST(? AS TEXT))"))
                            .join(QLatin1String(", "))),
                binds)) {
            return false;
        }
        take(find);
    }
    QVariantList missing;
    for (qsizetype i = 0; i < types.size(); ++i) {
        if (ids.at(i) < 0) {
            missing << types.at(i) << keys.at(i) << names.at(i);
        }
    }
    for (qsizetype first = 0; first < missing.size(); first += chunk * 3) {
        const qsizetype count = std::min(chunk * 3, missing.size() - first) / 3;
        QSqlQuery add(ctx.db());
        if (!ctx.run(add,
                QStringLiteral("INSERT INTO entities (type, key, name) VALUES %1 RETURNING id, type, key")
                    .arg(QStringList(count, QStringLiteral("(?, ?, ?)")).join(QLatin1String(", "))),
                missing.mid(first, count * 3))) {
            return false;
        }
        take(add);
    }
    QVariantList links;
    QVariantList aliases;
    QSet<qint64> linked;
    for (qsizetype i = 0; i < article.entities.size(); ++i) {
        const qint64 entityId = ids.at(keyOf.at(i));
        // Two article entities may share a library key: one library entity, linked once.
        if (entityId < 0 || linked.contains(entityId)) {
            continue;
        }
        linked.insert(entityId);
        const Entity &entity = article.entities.at(i);
        links << articleId << entityId << qint64(i) << entity.count;
        for (const QString &form : entity.aliases) {
            aliases << articleId << entityId << form << entityKey(form);
        }
    }
    QVariantList mentions;
    mentions.reserve(article.mentions.size() * 5);
    for (const Mention &m : article.mentions) {
        if (m.entity < 0 || m.entity >= keyOf.size() || ids.at(keyOf.at(m.entity)) < 0) {
            continue;
        }
        mentions << articleId << m.start << m.end << entityTypeName(m.type) << ids.at(keyOf.at(m.entity));
    }
    return ctx.insertRows(
               QStringLiteral("INSERT INTO article_entities (article_id, entity_id, position, count)"), 4, links)
        && ctx.insertRows(QStringLiteral("INSERT INTO article_aliases (article_id, entity_id, alias, key)"), 4, aliases,
            QStringLiteral("ON CONFLICT DO NOTHING"))
        && ctx.insertRows(QStringLiteral("INSERT INTO mentions (article_id, start, \"end\", type, entity_id)"), 5,
            mentions, QStringLiteral("ON CONFLICT DO NOTHING"));
}

} // namespace

bool StoreContext::writeEntities(qint64 articleId, const Article &article)
{
    if (onServer()) {
        return writeEntitiesBatched(*this, articleId, article);
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
    for (const Mention &m : article.mentions) {
        if (m.entity < 0 || m.entity >= entityIds.size()) {
            continue;
        }
        mentions << articleId << m.start << m.end << entityTypeName(m.type) << entityIds[m.entity];
    }
    return insertRows(QStringLiteral("INSERT INTO mentions (article_id, start, \"end\", type, entity_id)"), 5, mentions,
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
    // takes back that article only. Either way an article is stored whole or not at all.
    if (!d->begin()) {
        return std::nullopt;
    }
    const auto rollback = [&] {
        const StoreError error = d->error;
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
        || !d->writeSignature(id, stored.body) || !d->reanchorAnnotations(id, article)) {
        return rollback();
    }
    if (existingId >= 0 && !d->removeUnusedEntities()) {
        return rollback();
    }
    // A re-imported article's annotations may have moved or been orphaned.
    d->changed({ .articles = { id }, .annotationsOf = { id }, .entities = true });
    if (!d->commit()) {
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

std::optional<QHash<QString, StoredFile>> ArticleStore::storedFiles()
{
    QSqlQuery query(d->db());
    if (!d->run(query, QStringLiteral("SELECT path, id, sha256, size, modified, missing_since FROM articles"), {})) {
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
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT path, id, sha256, size, modified, missing_since FROM articles WHERE path >= ? AND "
                           "path < ?"),
            { prefix, QString(prefix.chopped(1) + QChar(u'/' + 1)) })) {
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

std::optional<QHash<QString, StoredFile>> ArticleStore::missingFiles()
{
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT path, id, sha256, size, modified, missing_since FROM articles WHERE missing_since "
                           "<> 0 ORDER BY id"),
            {})) {
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
        if (!d->run(
                query, since != 0 ? sql.arg(placeholders(part.size())) : sql.arg(placeholders(part.size())), binds)) {
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
