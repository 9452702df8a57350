#pragma once

#include "roles.h"
#include "store/library.h"

#include <QAbstractItemModel>
#include <QFuture>
#include <QHash>
#include <QPointer>

namespace Dossier::Core
{
class LibrarySession;
} // namespace Dossier::Core

namespace Dossier::Ui
{

/*!
    \brief The entities of the current document listing as a tree: one group per entity type
    present (People, Organisations, Places, Dates, Money, in that order), below it the entities,
    most documents first, then by name.

    Column 0 holds the name and the check state (unchecked, Qt::Checked = included,
    Qt::PartiallyChecked = excluded); column 1 the document count. The facets are queried off the
    GUI thread by the session's Core::LibraryReader; a newer setFilter() or another library makes
    older answers stale and they are dropped. The include/exclude selection survives refreshes: selected
    entities absent from the current listing stay listed (first in their group, count 0) so they
    can be unchecked. Aliases are loaded in the background for tooltips and filtering.
*/
class EntityFacetModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityFacetModel)
public:
    enum Column { NameColumn, CountColumn, ColumnCount };

    explicit EntityFacetModel(QObject *parent = nullptr);
    ~EntityFacetModel() override;

    /*! Shows the facets of the session's library, following it: another library forgets the
        selection, changed entities are queried again. */
    void setSession(Core::LibrarySession *session);
    Core::LibrarySession *session() const;
    /*! Lists the entities of the documents \a filter lets through (queried in the background). */
    void setFilter(const Core::DocumentFilter &filter);
    Core::DocumentFilter filter() const;
    /*! Queries the facets again, e.g. after an import (aliases of new entities follow). */
    void reload();
    /*! Queries the facets and every entity's aliases again (after entity corrections). */
    void reloadWithAliases();
    /*! True from setFilter() until its answer is applied. */
    bool isLoading() const;
    QString errorString() const;
    /*! How many entities each type lists at most. */
    void setLimitPerType(int limit);

    /*! The selection as a filter: entities, anyOf and excluded filled, text empty. */
    Core::DocumentFilter entitySelection() const;
    EntityFilterState filterState(qint64 id) const;
    void setFilterState(qint64 id, EntityFilterState state);
    bool anyOf() const;
    void setAnyOf(bool anyOf);
    void clearSelection();
    /*! Includes \a entities with *All of*, so documents must mention every one of them (a pair chosen
        in "Who appears with whom"): added to the included entities in all-of mode, instead of them in
        any-of mode; excluded entities stay. One selectionChanged(). */
    void includeAll(const QList<Core::EntitySummary> &entities);
    /*! Selects what \a selection holds (its entities, anyOf and excluded) in place of the
        selection, in one change; \a known says what the entities are for those not listed. */
    void setSelection(const Core::DocumentFilter &selection, const QList<Core::EntitySummary> &known);
    /*! What is known of entity \a id (from the listing or from when it was selected). */
    std::optional<Core::EntitySummary> entity(qint64 id) const;
    /*! The index of entity \a id in column \a column, invalid when not listed. */
    QModelIndex indexOfEntity(qint64 id, int column = NameColumn) const;
    /*! The index of the group of \a type, invalid when no such entity is listed. */
    QModelIndex indexOfType(Core::EntityType type) const;

    /*! The display name of a type group ("People", "Organisations", …). */
    static QString typeDisplayName(Core::EntityType type);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /*! The include/exclude selection or the any-of mode changed. */
    void selectionChanged();
    /*! A facet query was answered and applied. */
    void loaded();
    void loadFailed(const QString &message);

private:
    struct Row {
        Core::EntitySummary entity;
        QString key; //!< Core::entityKey() of the name and the aliases, one per line
        bool pinned = false; //!< listed only because it is selected
    };
    struct Group {
        Core::EntityType type = Core::EntityType::Person;
        QList<Row> rows;
    };
    struct Facets {
        quint64 generation = 0;
        bool ok = false;
        QString error;
        QList<Core::EntitySummary> entities;
    };
    struct Aliases {
        quint64 generation = 0;
        bool wholeLibrary = false; //!< every entity of the library, not just the ones asked for
        QHash<qint64, QStringList> aliases;
    };

    bool hasLibrary() const;
    void libraryReplaced();
    void startQuery();
    void applyFacets(const Facets &facets);
    QList<Group> groupsFor(const QList<Core::EntitySummary> &entities) const;
    void mergeGroup(int groupRow, QList<Row> rows);
    void rebuildLookup();
    void loadAliases();
    void applyAliases(const Aliases &aliases);
    QString rowKey(const Core::EntitySummary &entity) const;
    int groupRowOf(Core::EntityType type) const;
    const Row *rowAt(const QModelIndex &index) const;
    void emitRowChanged(qint64 id);

    QPointer<Core::LibrarySession> m_session;
    Core::DocumentFilter m_filter;
    int m_limitPerType = 1000;
    QList<Group> m_groups;
    QHash<qint64, std::pair<Core::EntityType, int>> m_rowOf; //!< entity id → (group type, row)
    QString m_error;

    QList<qint64> m_included; //!< in the order they were chosen (the chips follow it)
    QList<qint64> m_excluded;
    bool m_anyOf = false;
    QHash<qint64, Core::EntitySummary> m_selected; //!< what is known of the selected entities

    quint64 m_generation = 0; //!< bumped per query; answers of older ones are stale
    quint64 m_appliedGeneration = 0;
    QFuture<Facets> m_query;

    QHash<qint64, QStringList> m_aliases;
    bool m_aliasesComplete = false; //!< every entity of the library was loaded once
    quint64 m_aliasGeneration = 0;
    QFuture<Aliases> m_aliasQuery;
    bool m_aliasLoading = false;
};

} // namespace Dossier::Ui
