#pragma once

#include "store/library.h"

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
class EntityFilterProxyModel;

/*!
    \brief The entity sidebar: the entities of the current listing by type, a box that narrows
    them as one types, and check boxes that filter the document list by them.

    Clicking an entity's check box includes it (documents must mention it); Alt+click, Alt+Space
    or the context menu excludes it (documents mentioning it are left out; shown struck through).
    An "All of / Any of" toggle says how included entities combine. The active filters show as
    removable chips with a "Clear all" button. The sidebar emits filterChanged() with the entity
    part of the document filter; the search text is the caller's to merge.
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
    /*! The search text of the document list: the facets count the documents it finds. */
    void setSearchText(const QString &text);
    /*! The tags the document list is narrowed to: the facets count the documents carrying them. */
    void setTagFilter(const QList<qint64> &tags);
    /*! Unchecks every entity. */
    void clearFilters();
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
    QString m_searchText;
    QList<qint64> m_tags;
    Core::DocumentFilter m_lastEmitted;
};

} // namespace Dossier::Ui
