#pragma once

#include "store/storetypes.h"

#include <QJsonObject>

namespace Dossier::Core
{

struct StoreContext;
class DocumentQuery;
class EntityStore;

/*!
    \brief Searches saved under a name (schema 10), each with how many articles it lists now and
    how many of them were imported since it was last opened, so a saved search is an alert.
    Obtained from Library::savedSearches().

    Entities and tags are kept by name: a saved search finds the entity of that type called so
    (EntityStore::find()) and the tag of that name; one that is no longer in the library matches
    nothing (an excluded one is dropped).
*/
class SavedSearchStore
{
public:
    SavedSearchStore(StoreContext *context, DocumentQuery *documents, EntityStore *entities);
    Q_DISABLE_COPY_MOVE(SavedSearchStore)

    /*! Every saved search, by name, with its count and new articles. */
    std::optional<QList<SavedSearch>> all();
    /*! The saved search called \a name (case ignored), with its counts; NotFound when none is. */
    std::optional<SavedSearch> find(const QString &name);
    /*! Saves \a search under its name (Invalid when empty), opened now. A search of that name is
        replaced (it keeps its id and creation time). */
    std::optional<SavedSearch> save(const SavedSearch &search);
    /*! Renames a saved search; Invalid when \a name is empty or another search has it, NotFound
        when there is no such search. */
    bool rename(qint64 searchId, const QString &name);
    /*! Deletes a saved search; NotFound when there is none with this id. */
    bool remove(qint64 searchId);
    /*! Records that the search was opened now, with its current count: its articles stop being new. */
    std::optional<SavedSearch> markOpened(qint64 searchId);

    /*! The document list's filter of \a search (names resolved to the library's ids). */
    std::optional<DocumentFilter> filterOf(const SavedSearch &search);
    /*! A search of \a filter (ids turned into names), not yet saved. */
    std::optional<SavedSearch> fromFilter(const DocumentFilter &filter);

private:
    bool fillCounts(SavedSearch *search);
    std::optional<SavedSearch> findWhere(const QString &where, const QVariant &value, const StoreError &missing);

    StoreContext *d;
    DocumentQuery *m_documents;
    EntityStore *m_entities;
};

/*! The filters of \a search as stored and printed: {"entities": [{"type", "name"}], "any",
    "excluded": [...], "tags": [...], "from", "to"} (dates ISO, null when unbounded). */
QJsonObject savedSearchFilters(const SavedSearch &search);

} // namespace Dossier::Core
