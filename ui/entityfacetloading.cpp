// EntityFacetModel's loading: the facet and alias queries off the GUI thread, and applying their answers.

#include "entityfacetmodel.h"
#include "store/libraryreader.h"
#include "store/librarysession.h"

#include <QFutureWatcher>
#include <QSet>

#include <algorithm>
#include <array>

namespace Dossier::Ui
{

namespace
{

using Core::EntityType;

// The group order of the sidebar.
constexpr std::array kTypeOrder { EntityType::Person, EntityType::Org, EntityType::Location, EntityType::Date,
    EntityType::Money };

// Up to this many entities missing from the alias cache are fetched one by one.
constexpr qsizetype kAliasesOneByOne = 200;

bool lessForListing(const Core::EntitySummary &a, const Core::EntitySummary &b)
{
    if (a.documents != b.documents) {
        return a.documents > b.documents;
    }
    const int byName = QString::compare(a.name, b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.id < b.id;
}

} // namespace

void EntityFacetModel::setSession(Core::LibrarySession *session)
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    if (session) {
        connect(session, &Core::LibrarySession::libraryChanged, this, &EntityFacetModel::libraryReplaced);
        // Imports and corrections change the entities and their counts.
        connect(session, &Core::LibrarySession::entitiesChanged, this, &EntityFacetModel::reload);
    }
    libraryReplaced();
}

Core::LibrarySession *EntityFacetModel::session() const
{
    return m_session;
}

bool EntityFacetModel::hasLibrary() const
{
    return m_session && m_session->library();
}

void EntityFacetModel::libraryReplaced()
{
    m_query.cancel();
    m_aliasQuery.cancel();
    ++m_aliasGeneration;
    m_aliasLoading = false;
    m_aliases.clear();
    m_aliasesComplete = false;

    beginResetModel();
    m_groups.clear();
    m_rowOf.clear();
    m_error.clear();
    endResetModel();

    // Entity ids belong to one library.
    const bool hadSelection = !m_included.isEmpty() || !m_excluded.isEmpty();
    m_included.clear();
    m_excluded.clear();
    m_selected.clear();
    m_filter.entities.clear();
    m_filter.excluded.clear();
    if (hadSelection) {
        Q_EMIT selectionChanged();
    }
    startQuery();
}

void EntityFacetModel::setFilter(const Core::DocumentFilter &filter)
{
    if (filter == m_filter && m_generation > 0) {
        return;
    }
    m_filter = filter;
    startQuery();
}

Core::DocumentFilter EntityFacetModel::filter() const
{
    return m_filter;
}

void EntityFacetModel::reload()
{
    // The alias cache stays: entities new since it was filled are fetched after the facets.
    startQuery();
}

void EntityFacetModel::reloadWithAliases()
{
    m_aliasQuery.cancel();
    ++m_aliasGeneration;
    m_aliasLoading = false;
    m_aliases.clear();
    m_aliasesComplete = false;
    startQuery();
}

bool EntityFacetModel::isLoading() const
{
    return m_appliedGeneration != m_generation;
}

QString EntityFacetModel::errorString() const
{
    return m_error;
}

void EntityFacetModel::setLimitPerType(int limit)
{
    m_limitPerType = limit;
}

void EntityFacetModel::startQuery()
{
    m_query.cancel();
    const quint64 generation = ++m_generation;
    if (!hasLibrary()) {
        applyFacets(Facets { generation, true, {}, {} });
        return;
    }
    m_query = m_session->reader()->read<Facets>(
        [filter = m_filter, limit = m_limitPerType, generation](Core::Library *library, const QString &openError) {
            Facets facets { generation, false, openError, {} };
            if (!library) {
                return facets;
            }
            if (auto entities = library->entities().facets(filter, limit)) {
                facets.ok = true;
                facets.entities = std::move(*entities);
            } else {
                facets.error = library->errorString();
            }
            return facets;
        });
    auto *watcher = new QFutureWatcher<Facets>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<Facets> future = watcher->future();
        if (future.isCanceled() || future.resultCount() == 0) {
            return;
        }
        const Facets facets = future.result();
        if (facets.generation == m_generation) {
            applyFacets(facets);
        }
    });
    watcher->setFuture(m_query);
}

QList<EntityFacetModel::Group> EntityFacetModel::groupsFor(const QList<Core::EntitySummary> &entities) const
{
    QSet<qint64> listed;
    for (const Core::EntitySummary &entity : entities) {
        listed.insert(entity.id);
    }
    QList<Group> groups;
    for (const EntityType type : kTypeOrder) {
        Group group { type, {} };
        // Selected entities the listing no longer has come first: at the bottom of a long group
        // they could not be found to be unchecked.
        for (const QList<qint64> &ids : { m_included, m_excluded }) {
            for (const qint64 id : ids) {
                const auto known = m_selected.constFind(id);
                if (known != m_selected.cend() && known->type == type && !listed.contains(id)) {
                    Row row { *known, {}, true };
                    row.entity.documents = 0;
                    row.key = rowKey(row.entity);
                    group.rows.append(row);
                }
            }
        }
        QList<Core::EntitySummary> ofType;
        for (const Core::EntitySummary &entity : entities) {
            if (entity.type == type) {
                ofType.append(entity);
            }
        }
        std::stable_sort(ofType.begin(), ofType.end(), lessForListing);
        for (Core::EntitySummary &entity : ofType) {
            entity.aliases = m_aliases.value(entity.id);
            entity.aliases.removeAll(entity.name);
            Row row { entity, rowKey(entity), false };
            group.rows.append(std::move(row));
        }
        if (!group.rows.isEmpty()) {
            groups.append(std::move(group));
        }
    }
    return groups;
}

void EntityFacetModel::applyFacets(const Facets &facets)
{
    m_appliedGeneration = facets.generation;
    if (!facets.ok) {
        m_error = facets.error;
        Q_EMIT loadFailed(m_error);
        return;
    }
    m_error.clear();
    for (const Core::EntitySummary &entity : facets.entities) {
        if (m_selected.contains(entity.id)) {
            m_selected[entity.id] = entity;
        }
    }
    const QList<Group> next = groupsFor(facets.entities);
    const auto hasType = [&next](EntityType type) {
        return std::any_of(next.cbegin(), next.cend(), [type](const Group &group) { return group.type == type; });
    };
    // Precise changes rather than a reset, so the view keeps its scroll position, current item
    // and collapsed groups across the refresh that follows every click.
    for (int row = int(m_groups.size()) - 1; row >= 0; --row) {
        if (!hasType(m_groups[row].type)) {
            beginRemoveRows({}, row, row);
            m_groups.removeAt(row);
            endRemoveRows();
        }
    }
    for (const Group &group : next) {
        const int row = groupRowOf(group.type);
        if (row >= 0) {
            mergeGroup(row, group.rows);
        }
    }
    for (const Group &group : next) {
        if (groupRowOf(group.type) < 0) {
            const int row = int(std::count_if(m_groups.cbegin(), m_groups.cend(),
                [&group](const Group &existing) { return int(existing.type) < int(group.type); }));
            beginInsertRows({}, row, row);
            m_groups.insert(row, group);
            endInsertRows();
        }
    }
    rebuildLookup();
    Q_EMIT loaded();
    loadAliases();
}

void EntityFacetModel::loadAliases()
{
    if (m_aliasLoading || !hasLibrary()) {
        return;
    }
    QList<qint64> missing;
    if (m_aliasesComplete) {
        for (auto it = m_rowOf.cbegin(); it != m_rowOf.cend(); ++it) {
            if (!m_aliases.contains(it.key())) {
                missing.append(it.key());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (missing.size() > kAliasesOneByOne) {
            missing.clear(); // one query for the whole library is cheaper
        }
    }
    m_aliasLoading = true;
    const quint64 generation = m_aliasGeneration;
    // The first time, all aliases of the library in one query; afterwards only entities that
    // appeared since (e.g. by an import), one by one.
    m_aliasQuery = m_session->reader()->read<Aliases>(
        [missing, generation](Core::Library *library, const QString &) {
            Aliases result { generation, missing.isEmpty(), {} };
            if (!library) {
                return result;
            }
            if (result.wholeLibrary) {
                if (const auto entities = library->entities().all()) {
                    for (const Core::EntitySummary &entity : *entities) {
                        result.aliases.insert(entity.id, entity.aliases);
                    }
                }
            } else {
                for (const qint64 id : missing) {
                    result.aliases.insert(id, library->entities().aliases(id).value_or(QStringList()));
                }
            }
            return result;
        },
        Core::LibraryReader::Lane::Bulk);
    auto *watcher = new QFutureWatcher<Aliases>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<Aliases> future = watcher->future();
        if (future.resultCount() == 0) {
            return;
        }
        const Aliases aliases = future.result();
        if (aliases.generation != m_aliasGeneration) {
            return;
        }
        m_aliasLoading = false;
        applyAliases(aliases);
        loadAliases(); // entities listed while this ran
    });
    watcher->setFuture(m_aliasQuery);
}

void EntityFacetModel::applyAliases(const Aliases &aliases)
{
    if (aliases.wholeLibrary) {
        // Marked even when the query failed, so a failing library is not asked again and again.
        m_aliasesComplete = true;
        m_aliases = aliases.aliases;
        for (auto it = m_rowOf.cbegin(); it != m_rowOf.cend(); ++it) {
            if (!m_aliases.contains(it.key())) {
                m_aliases.insert(it.key(), {});
            }
        }
    } else {
        for (auto it = aliases.aliases.cbegin(); it != aliases.aliases.cend(); ++it) {
            m_aliases.insert(it.key(), it.value());
        }
    }
    for (auto it = m_selected.begin(); it != m_selected.end(); ++it) {
        it->aliases = m_aliases.value(it.key());
    }
    for (int groupRow = 0; groupRow < m_groups.size(); ++groupRow) {
        Group &group = m_groups[groupRow];
        int first = -1;
        int last = -1;
        for (int row = 0; row < group.rows.size(); ++row) {
            Core::EntitySummary &entity = group.rows[row].entity;
            QStringList known = m_aliases.value(entity.id);
            known.removeAll(entity.name);
            m_aliases.insert(entity.id, known);
            if (known != entity.aliases) {
                entity.aliases = known;
                group.rows[row].key = rowKey(entity);
                first = first < 0 ? row : first;
                last = row;
            }
        }
        if (first >= 0) {
            const QModelIndex parent = index(groupRow, 0);
            Q_EMIT dataChanged(index(first, 0, parent), index(last, ColumnCount - 1, parent),
                { AliasesRole, SearchKeyRole, Qt::ToolTipRole });
        }
    }
}

QString EntityFacetModel::rowKey(const Core::EntitySummary &entity) const
{
    // Folded as the store folds names (accents, case, dots, hyphens), so the filter agrees with it.
    QString key = Core::entityKey(entity.name);
    for (const QString &alias : entity.aliases) {
        key += QLatin1Char('\n') + Core::entityKey(alias);
    }
    return key;
}

} // namespace Dossier::Ui
