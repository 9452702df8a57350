// The library's entities: all of them, the facets of a filtered list, one by id or name.

#include "store/entitystore.h"

#include "analysis/entityrecognizer.h"
#include "store/documentorder_p.h"
#include "store/storecontext_p.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Dossier::Core
{

EntityStore::EntityStore(StoreContext *context)
    : d(context)
{
}

std::optional<QList<EntitySummary>> EntityStore::all(std::optional<EntityType> type)
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

std::optional<QList<EntitySummary>> EntityStore::facets(const DocumentFilter &filter, int limitPerType)
{
    if (d->refusesSearch(filter.text)) {
        return std::nullopt;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    QString sql = ids.isEmpty() ? QStringLiteral("SELECT e.id, e.name, e.type, COUNT(*) AS n FROM article_entities ae "
                                                 "JOIN entities e ON e.id = ae.entity_id")
                                : QStringLiteral("SELECT e.id, e.name, e.type, COUNT(*) AS n FROM (%1) f "
                                                 "%2 article_entities ae ON ae.article_id = f.id "
                                                 "JOIN entities e ON e.id = ae.entity_id")
                                      .arg(ids, d->joinInOrder());
    // PostgreSQL lists e's columns only when grouped by e's key.
    sql += QStringLiteral(" GROUP BY %1 ORDER BY n DESC, e.name COLLATE NOCASE")
               .arg(d->onServer() ? QStringLiteral("e.id") : QStringLiteral("ae.entity_id"));
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

std::optional<QStringList> EntityStore::aliases(qint64 entityId)
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

std::optional<LibraryTypes> EntityStore::nameTypes()
{
    LibraryTypes types;
    if (!d->readNameTypes(&types)) {
        return std::nullopt;
    }
    return types;
}

bool StoreContext::readNameTypes(LibraryTypes *types)
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

std::optional<EntitySummary> StoreContext::readEntity(qint64 entityId)
{
    StoreContext *d = this;
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT e.id, e.name, e.type, (SELECT count(*) FROM article_entities ae WHERE "
                           "ae.entity_id = e.id) FROM entities e WHERE e.id = ?"),
            { entityId })) {
        return std::nullopt;
    }
    if (!query.next()) {
        d->error = StoreError(QStringLiteral("no entity with id %1").arg(entityId), StoreError::Kind::NotFound);
        return std::nullopt;
    }
    EntitySummary entity;
    entity.id = query.value(0).toLongLong();
    entity.name = query.value(1).toString();
    entityTypeFromName(query.value(2).toString(), &entity.type);
    entity.documents = query.value(3).toInt();
    query.finish();
    if (!d->run(query,
            QStringLiteral("SELECT alias, count(*) AS n FROM article_aliases WHERE entity_id = ? GROUP BY alias "
                           "ORDER BY n DESC, alias"),
            { entityId })) {
        return std::nullopt;
    }
    while (query.next()) {
        if (query.value(0).toString() != entity.name) {
            entity.aliases.append(query.value(0).toString());
            entity.aliasDocuments.append(query.value(1).toInt());
        }
    }
    return entity;
}

std::optional<EntitySummary> EntityStore::find(EntityType type, const QString &name)
{
    const QString key = entityKey(name);
    QSqlQuery query(d->db());
    // The entity of that name first; else the one most often written that way.
    if (!d->run(query,
            QStringLiteral("SELECT id FROM entities WHERE type = ? AND key = ? UNION ALL SELECT id FROM (SELECT "
                           "aa.entity_id AS id, count(*) AS n FROM article_aliases aa JOIN entities e ON e.id = "
                           "aa.entity_id WHERE aa.key = ? AND e.type = ? GROUP BY aa.entity_id ORDER BY n DESC) "
                           "LIMIT 1"),
            { entityTypeName(type), key, key, entityTypeName(type) })) {
        return std::nullopt;
    }
    if (!query.next()) {
        d->error = StoreError(
            QStringLiteral("no %1 entity called '%2'").arg(entityTypeName(type), name), StoreError::Kind::NotFound);
        return std::nullopt;
    }
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return d->readEntity(id);
}

std::optional<QList<qint64>> StoreContext::entityIdsNamed(EntityType type, const QString &name)
{
    const QString key = entityKey(name);
    QSqlQuery query(db());
    if (!run(query,
            QStringLiteral("SELECT id FROM entities WHERE type = ? AND (key = ? OR id IN (SELECT entity_id FROM "
                           "article_aliases WHERE key = ?)) ORDER BY id"),
            { entityTypeName(type), key, key })) {
        return std::nullopt;
    }
    QList<qint64> ids;
    while (query.next()) {
        ids.append(query.value(0).toLongLong());
    }
    return ids;
}

std::optional<QList<qint64>> EntityStore::idsNamed(EntityType type, const QString &name)
{
    return d->entityIdsNamed(type, name);
}

std::optional<EntitySummary> EntityStore::get(qint64 entityId)
{
    return d->readEntity(entityId);
}

} // namespace Dossier::Core
