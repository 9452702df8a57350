// EntityFilterProxyModel: the entity sidebar's filter on names and aliases.

#include "entityfilterproxymodel.h"

#include "analysis/entityrecognizer.h"
#include "roles.h"

#include <algorithm>

namespace Dossier::Ui
{

EntityFilterProxyModel::EntityFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A group is shown while any of its entities is; the search key role changes when aliases
    // arrive, which makes the proxy filter those rows again.
    setRecursiveFilteringEnabled(true);
    setFilterRole(SearchKeyRole);
}

void EntityFilterProxyModel::setFilterText(const QString &text)
{
    if (text == m_text) {
        return;
    }
    m_text = text;
    m_words = Core::entityKey(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

QString EntityFilterProxyModel::filterText() const
{
    return m_text;
}

bool EntityFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty()) {
        return true;
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(IsTypeGroupRole).toBool()) {
        return false; // shown by recursive filtering while one of its entities matches
    }
    const QString key = index.data(SearchKeyRole).toString();
    return std::all_of(m_words.cbegin(), m_words.cend(), [&key](const QString &word) { return key.contains(word); });
}

} // namespace Dossier::Ui
