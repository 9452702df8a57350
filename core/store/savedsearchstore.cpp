// Saved searches: a query and the document list's filter under a name, with their counts and
// what is new since each was last opened.

#include "store/savedsearchstore.h"

#include "store/documentorder_p.h"
#include "store/documentquery.h"
#include "store/entitystore.h"
#include "store/storecontext_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace Dossier::Core
{

namespace
{

const QString selectSearches
    = QStringLiteral("SELECT id, name, query, filters, created, last_opened, last_count FROM saved_searches ");

QJsonArray entitiesJson(const QList<EntityFilter> &entities)
{
    QJsonArray array;
    for (const EntityFilter &entity : entities) {
        array.append(QJsonObject {
            { QLatin1String("type"), entityTypeName(entity.type) },
            { QLatin1String("name"), entity.name },
        });
    }
    return array;
}

QList<EntityFilter> entitiesFrom(const QJsonValue &value)
{
    QList<EntityFilter> entities;
    const QJsonArray array = value.toArray();
    for (const QJsonValue item : array) {
        EntityFilter entity;
        const QJsonObject object = item.toObject();
        if (entityTypeFromName(object.value(QLatin1String("type")).toString(), &entity.type)) {
            entity.name = object.value(QLatin1String("name")).toString();
            entities.append(entity);
        }
    }
    return entities;
}

QJsonValue dateJson(QDate date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

SavedSearch readSearch(const QSqlQuery &query)
{
    SavedSearch search;
    search.id = query.value(0).toLongLong();
    search.name = query.value(1).toString();
    search.query = query.value(2).toString();
    const QJsonObject filters = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
    search.entities = entitiesFrom(filters.value(QLatin1String("entities")));
    search.anyOf = filters.value(QLatin1String("any")).toBool();
    search.excluded = entitiesFrom(filters.value(QLatin1String("excluded")));
    for (const QJsonValue tag : filters.value(QLatin1String("tags")).toArray()) {
        search.tags.append(tag.toString());
    }
    search.from = QDate::fromString(filters.value(QLatin1String("from")).toString(), Qt::ISODate);
    search.to = QDate::fromString(filters.value(QLatin1String("to")).toString(), Qt::ISODate);
    search.created = query.value(4).toLongLong();
    search.lastOpened = query.value(5).toLongLong();
    search.lastCount = query.value(6).toLongLong();
    return search;
}

} // namespace

QJsonObject savedSearchFilters(const SavedSearch &search)
{
    return QJsonObject {
        { QLatin1String("entities"), entitiesJson(search.entities) },
        { QLatin1String("any"), search.anyOf },
        { QLatin1String("excluded"), entitiesJson(search.excluded) },
        { QLatin1String("tags"), QJsonArray::fromStringList(search.tags) },
        { QLatin1String("from"), dateJson(search.from) },
        { QLatin1String("to"), dateJson(search.to) },
    };
}

SavedSearchStore::SavedSearchStore(StoreContext *context, DocumentQuery *documents, EntityStore *entities)
    : d(context)
    , m_documents(documents)
    , m_entities(entities)
{
}

std::optional<DocumentFilter> SavedSearchStore::filterOf(const SavedSearch &search)
{
    DocumentFilter filter;
    filter.text = search.query;
    filter.anyOf = search.anyOf;
    filter.from = search.from;
    filter.to = search.to;
    // An entity or tag no longer in the library stands as an id nothing carries: the search then
    // finds nothing rather than everything.
    constexpr qint64 none = -1;
    const auto entityId = [&](const EntityFilter &entity) -> std::optional<qint64> {
        const auto found = m_entities->find(entity.type, entity.name);
        if (found) {
            return found->id;
        }
        if (d->error.kind == StoreError::Kind::NotFound) {
            d->error = StoreError();
            return none;
        }
        return std::nullopt;
    };
    for (const EntityFilter &entity : search.entities) {
        const auto id = entityId(entity);
        if (!id) {
            return std::nullopt;
        }
        filter.entities.append(*id);
    }
    for (const EntityFilter &entity : search.excluded) {
        const auto id = entityId(entity);
        if (!id) {
            return std::nullopt;
        }
        if (*id != none) {
            filter.excluded.append(*id);
        }
    }
    for (const QString &name : search.tags) {
        QSqlQuery query(d->db());
        if (!d->run(query, QStringLiteral("SELECT id FROM tags WHERE name = ?"), { name })) {
            return std::nullopt;
        }
        filter.tags.append(query.next() ? query.value(0).toLongLong() : none);
    }
    return filter;
}

std::optional<SavedSearch> SavedSearchStore::fromFilter(const DocumentFilter &filter)
{
    SavedSearch search;
    search.query = filter.text.trimmed();
    search.anyOf = filter.anyOf;
    search.from = filter.from;
    search.to = filter.to;
    const auto named = [&](const QList<qint64> &ids, QList<EntityFilter> *entities) {
        for (const qint64 id : ids) {
            const auto entity = d->readEntity(id);
            if (!entity) {
                return false;
            }
            entities->append(EntityFilter { entity->type, entity->name });
        }
        return true;
    };
    if (!named(filter.entities, &search.entities) || !named(filter.excluded, &search.excluded)) {
        return std::nullopt;
    }
    for (const qint64 id : filter.tags) {
        QSqlQuery query(d->db());
        if (!d->runOne(query, QStringLiteral("SELECT name FROM tags WHERE id = ?"), { id },
                StoreError(QStringLiteral("no tag has the id %1").arg(id), StoreError::Kind::NotFound))) {
            return std::nullopt;
        }
        search.tags.append(query.value(0).toString());
    }
    return search;
}

bool SavedSearchStore::fillCounts(SavedSearch *search)
{
    const auto filter = filterOf(*search);
    if (!filter) {
        return false;
    }
    const auto count = m_documents->count(*filter);
    if (!count) {
        return false;
    }
    search->count = *count;
    // New: listed, and imported (or re-imported) after the search was last opened.
    QVariantList binds { search->lastOpened };
    const QString ids = idSet(*filter, &binds, d->backend);
    QString sql = QStringLiteral("SELECT count(*) FROM articles a WHERE a.imported_at > ?");
    if (!ids.isEmpty()) {
        sql += QStringLiteral(" AND a.id IN (%1)").arg(ids);
    }
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds) || !query.next()) {
        return false;
    }
    search->fresh = query.value(0).toLongLong();
    return true;
}

std::optional<SavedSearch> SavedSearchStore::findWhere(
    const QString &where, const QVariant &value, const StoreError &missing)
{
    QSqlQuery query(d->db());
    if (!d->runOne(query, selectSearches + where, { value }, missing)) {
        return std::nullopt;
    }
    SavedSearch search = readSearch(query);
    query.finish();
    if (!fillCounts(&search)) {
        return std::nullopt;
    }
    return search;
}

std::optional<QList<SavedSearch>> SavedSearchStore::all()
{
    QSqlQuery query(d->db());
    if (!d->run(query, selectSearches + QStringLiteral("ORDER BY name"), {})) {
        return std::nullopt;
    }
    QList<SavedSearch> searches;
    while (query.next()) {
        searches.append(readSearch(query));
    }
    query.finish();
    for (SavedSearch &search : searches) {
        if (!fillCounts(&search)) {
            return std::nullopt;
        }
    }
    return searches;
}

std::optional<SavedSearch> SavedSearchStore::find(const QString &name)
{
    return findWhere(QStringLiteral("WHERE name = ?"), name.trimmed(),
        StoreError(QStringLiteral("no saved search is called '%1'").arg(name.trimmed()), StoreError::Kind::NotFound));
}

std::optional<SavedSearch> SavedSearchStore::save(const SavedSearch &search)
{
    const QString name = search.name.trimmed();
    if (name.isEmpty()) {
        d->error = StoreError(QStringLiteral("a saved search needs a name"), StoreError::Kind::Invalid);
        return std::nullopt;
    }
    SavedSearch saved = search;
    saved.name = name;
    const auto filter = filterOf(saved);
    if (!filter) {
        return std::nullopt;
    }
    // A bad query is refused here, not each time the search is counted.
    const auto count = m_documents->count(*filter);
    if (!count) {
        return std::nullopt;
    }
    const qint64 time = now();
    const QString filters = QString::fromUtf8(QJsonDocument(savedSearchFilters(saved)).toJson(QJsonDocument::Compact));
    const bool stored = d->transaction([&] {
        d->changed({ .searches = true });
        QSqlQuery query(d->db());
        return d->run(query,
            QStringLiteral("INSERT INTO saved_searches (name, query, filters, created, last_opened, last_count) "
                           "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET name = excluded.name, "
                           "query = excluded.query, filters = excluded.filters, last_opened = excluded.last_opened, "
                           "last_count = excluded.last_count"),
            { name, notNull(saved.query), filters, time, time, *count });
    });
    if (!stored) {
        return std::nullopt;
    }
    return find(name);
}

bool SavedSearchStore::rename(qint64 searchId, const QString &name)
{
    const QString newName = name.trimmed();
    if (newName.isEmpty()) {
        d->error = StoreError(QStringLiteral("a saved search needs a name"), StoreError::Kind::Invalid);
        return false;
    }
    return d->transaction([&] {
        d->changed({ .searches = true });
        QSqlQuery taken(d->db());
        if (!d->run(taken, QStringLiteral("SELECT 1 FROM saved_searches WHERE name = ? AND id <> ?"),
                { newName, searchId })) {
            return false;
        }
        if (taken.next()) {
            d->error = StoreError(
                QStringLiteral("a saved search is already called '%1'").arg(newName), StoreError::Kind::Invalid);
            return false;
        }
        taken.finish();
        QSqlQuery query(d->db());
        if (!d->run(query, QStringLiteral("UPDATE saved_searches SET name = ? WHERE id = ?"), { newName, searchId })) {
            return false;
        }
        if (query.numRowsAffected() == 0) {
            d->error
                = StoreError(QStringLiteral("no saved search has the id %1").arg(searchId), StoreError::Kind::NotFound);
            return false;
        }
        return true;
    });
}

bool SavedSearchStore::remove(qint64 searchId)
{
    return d->transaction([&] {
        d->changed({ .searches = true });
        QSqlQuery query(d->db());
        if (!d->run(query, QStringLiteral("DELETE FROM saved_searches WHERE id = ?"), { searchId })) {
            return false;
        }
        if (query.numRowsAffected() == 0) {
            d->error
                = StoreError(QStringLiteral("no saved search has the id %1").arg(searchId), StoreError::Kind::NotFound);
            return false;
        }
        return true;
    });
}

std::optional<SavedSearch> SavedSearchStore::markOpened(qint64 searchId)
{
    const StoreError missing(QStringLiteral("no saved search has the id %1").arg(searchId), StoreError::Kind::NotFound);
    const auto search = findWhere(QStringLiteral("WHERE id = ?"), searchId, missing);
    if (!search) {
        return std::nullopt;
    }
    const qint64 time = now();
    const bool marked = d->transaction([&] {
        d->changed({ .searches = true });
        QSqlQuery query(d->db());
        return d->run(query, QStringLiteral("UPDATE saved_searches SET last_opened = ?, last_count = ? WHERE id = ?"),
            { time, search->count, searchId });
    });
    if (!marked) {
        return std::nullopt;
    }
    return findWhere(QStringLiteral("WHERE id = ?"), searchId, missing);
}

} // namespace Dossier::Core
