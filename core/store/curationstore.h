#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*! The correction rule a history entry's row holds (HistoryEntry::before or after of an
    entity_rules change); its label is empty when \a state holds none. */
EntityRule ruleFromHistory(const QJsonObject &state);

/*!
    \brief Entity curation: the analyst's corrections, kept in the library. Obtained from
    Library::curation().

    Each change is stored as a rule (or watchlist entry) that every later import applies, and
    queues the articles it affects for re-tagging (Retagger works through the queue). Rules are
    by name, so they outlive the articles they were made on.
*/
class CurationStore
{
public:
    explicit CurationStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(CurationStore)

    /*! Every rule, oldest first. */
    std::optional<QList<EntityRule>> rules();
    std::optional<QList<WatchEntry>> watchlist();
    /*! Gives the entity another name (merging it with the entity of that name, if there is one). */
    std::optional<EntityRule> renameEntity(qint64 entityId, const QString &name);
    /*! Makes \a fromId a part of \a intoId: its mentions and aliases go to \a intoId. */
    std::optional<EntityRule> mergeEntities(qint64 fromId, qint64 intoId);
    /*! Mentions written as \a alias leave the entity and become an entity of their own. */
    std::optional<EntityRule> splitAlias(qint64 entityId, const QString &alias);
    std::optional<EntityRule> setEntityType(qint64 entityId, EntityType type);
    /*! The entity is never shown again (its mentions are dropped from every article). */
    std::optional<EntityRule> suppressEntity(qint64 entityId);
    /*! Takes a rule back; the articles it changed are re-tagged without it. */
    bool removeRule(qint64 ruleId);
    /*! Adds \a entry to the watchlist (replacing an entry of the same type and name). */
    std::optional<WatchEntry> watch(const WatchEntry &entry);
    bool unwatch(qint64 watchId);
    /*! How many articles wait to be re-tagged. */
    std::optional<qint64> pendingRetags();

private:
    StoreContext *d;
};

} // namespace Dossier::Core
