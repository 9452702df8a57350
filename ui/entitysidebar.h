#pragma once

#include "store/library.h"

#include <QPointer>
#include <QWidget>

class QLineEdit;
class QModelIndex;
class QPoint;
class QToolButton;
class QTreeView;

namespace Dossier::Core
{
class LibrarySession;
} // namespace Dossier::Core

namespace Dossier::Ui
{

class EntityCurator;
class EntityFacetModel;
class FilterState;
class EntityFilterProxyModel;

/*!
    \brief The entity sidebar: the entities of the current listing by type, a box that narrows
    them as one types, and check boxes that filter the document list by them.

    Clicking an entity's check box includes it (documents must mention it); Alt+click, Alt+Space
    or the context menu excludes it (documents mentioning it are left out; shown struck through).
    An "All of / Any of" toggle says how included entities combine. The active filters show as
    removable chips with a "Clear all" button. The sidebar sets the entity part of a FilterState
    (its own, or the window's: setFilterState()) and counts its facets over that state's whole
    filter; it also emits filterChanged() with the entity part.
*/
class EntitySidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntitySidebar)
public:
    explicit EntitySidebar(QWidget *parent = nullptr);
    ~EntitySidebar() override;

    /*! Shows the entities of the session's library, forgetting the filters of another library
        when the session opens one. */
    void setSession(Core::LibrarySession *session);
    /*! Shares \a state (not owned) with the document list: the sidebar sets its entity part and
        counts the facets over all of it. nullptr goes back to a state of the sidebar's own. */
    void setFilterState(FilterState *state);
    FilterState *filterState() const;
    /*! Sets the search text of the filter state: the facets count the documents it finds. */
    void setSearchText(const QString &text);
    /*! Sets the tags of the filter state: the facets count the documents carrying them. */
    void setTagFilter(const QList<qint64> &tags);
    /*! Checks the entities of \a selection (included, excluded, all or any of them) in place of
        the checked ones (a saved search); \a known names those the listing may not hold. */
    void setEntitySelection(const Core::DocumentFilter &selection, const QList<Core::EntitySummary> &known);
    /*! Unchecks every entity. */
    void clearFilters();
    /*! Ticks \a entities, all of them required (EntityFacetModel::includeAll()). */
    void includeAll(const QList<Core::EntitySummary> &entities);
    /*! Queries the facets again, e.g. after an import. */
    void refresh();
    /*! Queries the facets and the entities' aliases again, after entity corrections. */
    void entitiesChanged();

    /*! Offers \a curator's corrections (rename, merge, split, type, suppress, watch) in the
        context menu; none without one. */
    void setCurator(EntityCurator *curator);

    /*! The entity part of the document filter (text empty). */
    Core::DocumentFilter entityFilter() const;
    EntityFacetModel *model() const;

Q_SIGNALS:
    /*! The entity filter changed: \a filter has entities, anyOf and excluded filled, text empty. */
    void filterChanged(const Dossier::Core::DocumentFilter &filter);
    /*! An entity was activated (double-click or Enter). */
    void entityActivated(qint64 id);

private:
    void onSelectionChanged();
    void updateFacetQuery();
    void rebuildChips();
    void showContextMenu(const QPoint &position);
    void expandInserted(const QModelIndex &parent, int first, int last);

    EntityFacetModel *m_model = nullptr;
    EntityFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QToolButton *m_allOfButton = nullptr;
    QToolButton *m_anyOfButton = nullptr;
    QWidget *m_chipArea = nullptr;
    QToolButton *m_clearAllButton = nullptr;
    QList<QToolButton *> m_chips;
    QTreeView *m_view = nullptr;
    EntityCurator *m_curator = nullptr;
    FilterState *m_ownState = nullptr;
    QPointer<FilterState> m_state;
    Core::DocumentFilter m_lastEmitted;
};

} // namespace Dossier::Ui
