#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*!
    \brief The library's entities: every entity with its aliases and article count, the entities
    of a filtered list (the sidebar's facets), one entity by id or by name. Obtained from
    Library::entities().
*/
class EntityStore
{
public:
    explicit EntityStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(EntityStore)

    /*! Every entity (of \a type, when given) with its aliases, most mentioned first. */
    std::optional<QList<EntitySummary>> all(std::optional<EntityType> type = std::nullopt);
    /*! The entities of the articles \a filter lets through, each with the number of those
        articles that mention it, most first; at most \a limitPerType per type. Aliases are not
        filled in (see aliases()). */
    std::optional<QList<EntitySummary>> facets(const DocumentFilter &filter, int limitPerType = 1000);
    /*! The surface forms an entity was seen under across the library, most frequent first. */
    std::optional<QStringList> aliases(qint64 entityId);
    /*! The entity with this id (aliases filled in). */
    std::optional<EntitySummary> get(qint64 entityId);
    /*! The entity of \a type whose name or one of whose aliases is \a name (as entityKey() compares). */
    std::optional<EntitySummary> find(EntityType type, const QString &name);
    /*! The ids of the entities of \a type called \a name or written so in some article (as
        entityKey() compares), by id; empty when there is none. */
    std::optional<QList<qint64>> idsNamed(EntityType type, const QString &name);
    /*! How the library types its names, article by article, for the analysis of new articles. */
    std::optional<LibraryTypes> nameTypes();

private:
    StoreContext *d;
};

} // namespace Dossier::Core
