#pragma once

#include "store/storetypes.h"

#include <QObject>

namespace Dossier::Ui
{

/*!
    \brief What the document list shows, in one place: the search text, the entities included
    and excluded (and whether all or any of them), the tags. The search field, the entity
    sidebar and the tag facets each set their part; the list, the sidebar's facets and the tag
    counts all read filter(), so they never disagree.
*/
class FilterState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterState)
public:
    explicit FilterState(QObject *parent = nullptr);

    /*! The whole filter. */
    Core::DocumentFilter filter() const;

    /*! The whole filter at once (a saved search): one change, one changed(). */
    void setFilter(const Core::DocumentFilter &filter);
    void setText(const QString &text);
    /*! The entity part: \a selection's entities, anyOf and excluded (its text and tags are ignored). */
    void setEntities(const Core::DocumentFilter &selection);
    void setTags(const QList<qint64> &tags);
    /*! The publication period (the timeline's brush): from \a from to \a to, both included;
        invalid dates for no bound. */
    void setPeriod(QDate from, QDate to);

Q_SIGNALS:
    /*! Some part changed; \a filter is the whole new filter. */
    void changed(const Dossier::Core::DocumentFilter &filter);

private:
    void update(const Core::DocumentFilter &filter);

    Core::DocumentFilter m_filter;
};

} // namespace Dossier::Ui
