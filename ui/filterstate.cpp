#include "filterstate.h"

namespace Dossier::Ui
{

FilterState::FilterState(QObject *parent)
    : QObject(parent)
{
}

Core::DocumentFilter FilterState::filter() const
{
    return m_filter;
}

void FilterState::setFilter(const Core::DocumentFilter &filter)
{
    Core::DocumentFilter whole = filter;
    whole.text = filter.text.trimmed();
    update(whole);
}

void FilterState::setText(const QString &text)
{
    Core::DocumentFilter filter = m_filter;
    filter.text = text.trimmed();
    update(filter);
}

void FilterState::setEntities(const Core::DocumentFilter &selection)
{
    Core::DocumentFilter filter = m_filter;
    filter.entities = selection.entities;
    filter.anyOf = selection.anyOf;
    filter.excluded = selection.excluded;
    update(filter);
}

void FilterState::setTags(const QList<qint64> &tags)
{
    Core::DocumentFilter filter = m_filter;
    filter.tags = tags;
    update(filter);
}

void FilterState::setPeriod(QDate from, QDate to)
{
    Core::DocumentFilter filter = m_filter;
    filter.from = from;
    filter.to = to;
    update(filter);
}

void FilterState::update(const Core::DocumentFilter &filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    Q_EMIT changed(m_filter);
}

} // namespace Dossier::Ui
