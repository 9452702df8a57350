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

} // namespace

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

LibraryTypes Library::nameTypes()
{
    LibraryTypes types;
    d->readNameTypes(&types);
    return types;
}

bool Library::Private::readNameTypes(LibraryTypes *types)
{
    types->articles.clear();
    QSqlQuery query(db());
    if (!run(query,
            QStringLiteral("SELECT e.key, e.type, COUNT(*) FROM article_entities ae JOIN entities e ON e.id = "
                           "ae.entity_id WHERE e.type IN ('PERSON', 'ORG', 'LOCATION') GROUP BY e.key, e.type"),
            {})) {
        return false;
    }
    while (query.next()) {
        EntityType type;
        if (entityTypeFromName(query.value(1).toString(), &type)) {
            types->articles[query.value(0).toString()][int(type) - int(EntityType::Person)] = query.value(2).toInt();
        }
    }
    return true;
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
