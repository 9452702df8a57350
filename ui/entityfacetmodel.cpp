// EntityFacetModel: the tree as an item model, its changes in place, and the include/exclude selection.

#include "entityfacetmodel.h"

#include "articlehighlighter.h"
#include "swatch.h"

namespace Dossier::Ui
{

namespace
{

using Core::EntityType;

constexpr quintptr kGroupId = 0;

// A child index carries its group's type (+1, as 0 marks groups) rather than the group's row, so
// indexes stay right while groups before it come and go.
quintptr childId(EntityType type)
{
    return quintptr(type) + 1;
}

} // namespace

EntityFacetModel::EntityFacetModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

EntityFacetModel::~EntityFacetModel()
{
    // Workers hold only copies of values and their own Library, but one still running when the
    // application object is gone would open a SQL connection without it: let them end first.
    m_query.cancel();
    m_aliasQuery.cancel();
    m_query.waitForFinished();
    m_aliasQuery.waitForFinished();
}

QString EntityFacetModel::typeDisplayName(Core::EntityType type)
{
    switch (type) {
    case EntityType::Person:
        return tr("People");
    case EntityType::Org:
        return tr("Organisations");
    case EntityType::Location:
        return tr("Places");
    case EntityType::Date:
        return tr("Dates");
    case EntityType::Money:
        return tr("Money");
    }
    return {};
}

void EntityFacetModel::mergeGroup(int groupRow, QList<Row> rows)
{
    Group &group = m_groups[groupRow];
    const QModelIndex parent = index(groupRow, 0);
    QHash<qint64, int> wanted;
    for (int i = 0; i < rows.size(); ++i) {
        wanted.insert(rows[i].entity.id, i);
    }
    QHash<qint64, std::pair<int, bool>> before; // id → (documents, pinned), to signal only real changes
    for (const Row &row : std::as_const(group.rows)) {
        before.insert(row.entity.id, { row.entity.documents, row.pinned });
    }

    // Entities gone from the listing, removed in contiguous runs from the bottom.
    for (int last = int(group.rows.size()) - 1; last >= 0;) {
        if (wanted.contains(group.rows[last].entity.id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !wanted.contains(group.rows[first - 1].entity.id)) {
            --first;
        }
        beginRemoveRows(parent, first, last);
        group.rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    // New entities appended, then moved into place with the others by one layout change.
    QList<Row> added;
    for (const Row &row : std::as_const(rows)) {
        if (!before.contains(row.entity.id)) {
            added.append(row);
        }
    }
    if (!added.isEmpty()) {
        const int first = int(group.rows.size());
        beginInsertRows(parent, first, first + int(added.size()) - 1);
        group.rows.append(added);
        endInsertRows();
    }

    bool sameOrder = true;
    for (int i = 0; i < rows.size() && sameOrder; ++i) {
        sameOrder = group.rows[i].entity.id == rows[i].entity.id;
    }
    if (!sameOrder) {
        const QList<QPersistentModelIndex> parents { QPersistentModelIndex(parent) };
        Q_EMIT layoutAboutToBeChanged(parents, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList from = persistentIndexList();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex &old : from) {
            if (old.internalId() == childId(group.type)) {
                const int newRow = wanted.value(group.rows[old.row()].entity.id);
                to.append(createIndex(newRow, old.column(), old.internalId()));
            } else {
                to.append(old);
            }
        }
        group.rows = std::move(rows);
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged(parents, QAbstractItemModel::VerticalSortHint);
    } else {
        group.rows = std::move(rows);
    }

    int firstChanged = -1;
    int lastChanged = -1;
    for (int i = 0; i < group.rows.size(); ++i) {
        const auto old = before.constFind(group.rows[i].entity.id);
        if (old != before.cend()
            && (old->first != group.rows[i].entity.documents || old->second != group.rows[i].pinned)) {
            firstChanged = firstChanged < 0 ? i : firstChanged;
            lastChanged = i;
        }
    }
    if (firstChanged >= 0) {
        Q_EMIT dataChanged(index(firstChanged, 0, parent), index(lastChanged, ColumnCount - 1, parent));
    }
}

void EntityFacetModel::rebuildLookup()
{
    m_rowOf.clear();
    for (const Group &group : std::as_const(m_groups)) {
        for (int row = 0; row < group.rows.size(); ++row) {
            m_rowOf.insert(group.rows[row].entity.id, { group.type, row });
        }
    }
}

Core::DocumentFilter EntityFacetModel::entitySelection() const
{
    Core::DocumentFilter selection;
    selection.entities = m_included;
    selection.anyOf = m_anyOf;
    selection.excluded = m_excluded;
    return selection;
}

EntityFilterState EntityFacetModel::filterState(qint64 id) const
{
    if (m_included.contains(id)) {
        return EntityFilterState::Included;
    }
    return m_excluded.contains(id) ? EntityFilterState::Excluded : EntityFilterState::None;
}

void EntityFacetModel::setFilterState(qint64 id, EntityFilterState state)
{
    if (filterState(id) == state) {
        return;
    }
    m_included.removeAll(id);
    m_excluded.removeAll(id);
    switch (state) {
    case EntityFilterState::Included:
        m_included.append(id);
        break;
    case EntityFilterState::Excluded:
        m_excluded.append(id);
        break;
    case EntityFilterState::None:
        break;
    }
    if (state == EntityFilterState::None) {
        m_selected.remove(id);
    } else if (const Row *row = rowAt(indexOfEntity(id))) {
        m_selected.insert(id, row->entity);
    }
    emitRowChanged(id);
    Q_EMIT selectionChanged();
}

bool EntityFacetModel::anyOf() const
{
    return m_anyOf;
}

void EntityFacetModel::setAnyOf(bool anyOf)
{
    if (anyOf != m_anyOf) {
        m_anyOf = anyOf;
        Q_EMIT selectionChanged();
    }
}

void EntityFacetModel::clearSelection()
{
    if (m_included.isEmpty() && m_excluded.isEmpty()) {
        return;
    }
    const QList<qint64> ids = m_included + m_excluded;
    m_included.clear();
    m_excluded.clear();
    m_selected.clear();
    for (const qint64 id : ids) {
        emitRowChanged(id);
    }
    Q_EMIT selectionChanged();
}

void EntityFacetModel::includeAll(const QList<Core::EntitySummary> &entities)
{
    QList<qint64> changed;
    if (m_anyOf) {
        changed = m_included;
        for (const qint64 id : std::as_const(m_included)) {
            m_selected.remove(id);
        }
        m_included.clear();
    }
    for (const Core::EntitySummary &entity : entities) {
        m_excluded.removeAll(entity.id);
        if (!m_included.contains(entity.id)) {
            m_included.append(entity.id);
            changed.append(entity.id);
        }
        // What the listing knows (its count there) beats what the caller knew.
        const Row *row = rowAt(indexOfEntity(entity.id));
        m_selected.insert(entity.id, row ? row->entity : entity);
    }
    const bool wasAnyOf = m_anyOf;
    m_anyOf = false;
    if (changed.isEmpty() && !wasAnyOf) {
        return;
    }
    for (const qint64 id : std::as_const(changed)) {
        emitRowChanged(id);
    }
    Q_EMIT selectionChanged();
}

void EntityFacetModel::setSelection(const Core::DocumentFilter &selection, const QList<Core::EntitySummary> &known)
{
    if (selection.entities == m_included && selection.excluded == m_excluded && selection.anyOf == m_anyOf) {
        return;
    }
    const QList<qint64> before = m_included + m_excluded;
    m_included = selection.entities;
    m_excluded = selection.excluded;
    m_anyOf = selection.anyOf;
    m_selected.clear();
    for (const qint64 id : m_included + m_excluded) {
        if (const Row *row = rowAt(indexOfEntity(id))) {
            m_selected.insert(id, row->entity);
        } else {
            for (const Core::EntitySummary &entity : known) {
                if (entity.id == id) {
                    m_selected.insert(id, entity);
                }
            }
        }
    }
    for (const qint64 id : before + m_included + m_excluded) {
        emitRowChanged(id);
    }
    Q_EMIT selectionChanged();
}

std::optional<Core::EntitySummary> EntityFacetModel::entity(qint64 id) const
{
    if (const Row *row = rowAt(indexOfEntity(id))) {
        return row->entity;
    }
    const auto known = m_selected.constFind(id);
    return known != m_selected.cend() ? std::optional(*known) : std::nullopt;
}

void EntityFacetModel::emitRowChanged(qint64 id)
{
    const QModelIndex changed = indexOfEntity(id);
    if (changed.isValid()) {
        Q_EMIT dataChanged(changed, changed.siblingAtColumn(ColumnCount - 1),
            { Qt::CheckStateRole, FilterStateRole, Qt::ToolTipRole, Qt::AccessibleDescriptionRole });
    }
}

int EntityFacetModel::groupRowOf(Core::EntityType type) const
{
    for (int row = 0; row < m_groups.size(); ++row) {
        if (m_groups[row].type == type) {
            return row;
        }
    }
    return -1;
}

QModelIndex EntityFacetModel::indexOfEntity(qint64 id, int column) const
{
    const auto found = m_rowOf.constFind(id);
    if (found == m_rowOf.cend() || column < 0 || column >= ColumnCount) {
        return {};
    }
    return createIndex(found->second, column, childId(found->first));
}

QModelIndex EntityFacetModel::indexOfType(Core::EntityType type) const
{
    const int row = groupRowOf(type);
    return row < 0 ? QModelIndex() : createIndex(row, 0, kGroupId);
}

const EntityFacetModel::Row *EntityFacetModel::rowAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == kGroupId) {
        return nullptr;
    }
    const int groupRow = groupRowOf(EntityType(index.internalId() - 1));
    if (groupRow < 0 || index.row() >= m_groups[groupRow].rows.size()) {
        return nullptr;
    }
    return &m_groups[groupRow].rows[index.row()];
}

QModelIndex EntityFacetModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    if (!parent.isValid()) {
        return row < m_groups.size() ? createIndex(row, column, kGroupId) : QModelIndex();
    }
    if (parent.internalId() != kGroupId || parent.column() != 0 || parent.row() >= m_groups.size()) {
        return {};
    }
    const Group &group = m_groups[parent.row()];
    return row < group.rows.size() ? createIndex(row, column, childId(group.type)) : QModelIndex();
}

QModelIndex EntityFacetModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId) {
        return {};
    }
    const int groupRow = groupRowOf(EntityType(child.internalId() - 1));
    return groupRow < 0 ? QModelIndex() : createIndex(groupRow, 0, kGroupId);
}

int EntityFacetModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_groups.size());
    }
    if (parent.internalId() == kGroupId && parent.column() == 0 && parent.row() < m_groups.size()) {
        return int(m_groups[parent.row()].rows.size());
    }
    return 0;
}

int EntityFacetModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant EntityFacetModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this) {
        return {};
    }
    if (index.internalId() == kGroupId) {
        const EntityType type = m_groups[index.row()].type;
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return index.column() == NameColumn ? typeDisplayName(type) : QVariant();
        case EntityIdRole:
            return qint64(-1);
        case Qt::DecorationRole:
            // The type's header carries the colour its mentions are tinted in the reader: the legend.
            return index.column() == NameColumn ? QVariant(colorSwatch(ArticleHighlighter::typeColor(type)))
                                                : QVariant();
        case Qt::ToolTipRole:
            return index.column() == NameColumn ? tr("The colour these mentions are tinted in the reader") : QVariant();
        case EntityTypeRole:
            return int(type);
        case IsTypeGroupRole:
            return true;
        default:
            return {};
        }
    }
    const Row *row = rowAt(index);
    if (!row) {
        return {};
    }
    const Core::EntitySummary &entity = row->entity;
    const EntityFilterState state = filterState(entity.id);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? QVariant(entity.name) : QVariant(entity.documents);
    case Qt::CheckStateRole:
        if (index.column() != NameColumn) {
            return {};
        }
        return int(state == EntityFilterState::Included ? Qt::Checked
                : state == EntityFilterState::Excluded  ? Qt::PartiallyChecked
                                                        : Qt::Unchecked);
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        if (entity.aliases.isEmpty()) {
            return entity.name;
        }
        return tr("%1\nAlso seen as: %2").arg(entity.name, entity.aliases.join(QStringLiteral(", ")));
    case Qt::AccessibleTextRole:
        return index.column() == NameColumn ? entity.name : tr("%n document(s)", nullptr, entity.documents);
    case Qt::AccessibleDescriptionRole:
        return state == EntityFilterState::Included ? tr("Included in the filter")
            : state == EntityFilterState::Excluded  ? tr("Excluded by the filter")
                                                    : QString();
    case EntityIdRole:
        return entity.id;
    case EntityTypeRole:
        return int(entity.type);
    case DocumentCountRole:
        return entity.documents;
    case FilterStateRole:
        return int(state);
    case AliasesRole:
        return m_aliases.contains(entity.id) ? QVariant(entity.aliases) : QVariant();
    case IsTypeGroupRole:
        return false;
    case SearchKeyRole:
        return row->key;
    default:
        return {};
    }
}

bool EntityFacetModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Row *row = rowAt(index);
    if (!row || role != Qt::CheckStateRole || index.column() != NameColumn) {
        return false;
    }
    const auto check = Qt::CheckState(value.toInt());
    setFilterState(row->entity.id,
        check == Qt::Checked                ? EntityFilterState::Included
            : check == Qt::PartiallyChecked ? EntityFilterState::Excluded
                                            : EntityFilterState::None);
    return true;
}

Qt::ItemFlags EntityFacetModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this) {
        return Qt::NoItemFlags;
    }
    if (index.internalId() == kGroupId) {
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    }
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == NameColumn) {
        flags |= Qt::ItemIsUserCheckable;
    }
    return flags;
}

QVariant EntityFacetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Entity");
    case CountColumn:
        return tr("Documents");
    default:
        return {};
    }
}

QHash<int, QByteArray> EntityFacetModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(EntityIdRole, "entityId");
    names.insert(EntityTypeRole, "entityType");
    names.insert(DocumentCountRole, "documentCount");
    names.insert(FilterStateRole, "filterState");
    names.insert(AliasesRole, "aliases");
    names.insert(IsTypeGroupRole, "isTypeGroup");
    names.insert(SearchKeyRole, "searchKey");
    return names;
}

} // namespace Dossier::Ui
