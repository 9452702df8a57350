#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;
class AnnotationStore;

/*! \brief The library's history (schema 13): every change to annotations, their tags, article
    tags, the tag codebook and the entity rules, who made it and when, with the row before and
    after. The database's triggers write it and nobody changes it; restoring a version writes that
    version back as a new change. Obtained from Library::history(). */
class HistoryStore
{
public:
    HistoryStore(StoreContext *context, AnnotationStore *annotations);
    Q_DISABLE_COPY_MOVE(HistoryStore)

    /*! The changes \a query asks for, newest first. On a team library a change to another member's
        private annotation is not listed. */
    std::optional<QList<HistoryEntry>> list(const HistoryQuery &query = {});
    std::optional<HistoryEntry> get(qint64 historyId);
    /*! Puts the row back as it was at that change: after an insert or update, the state it then
        had; after a delete, the state it had before (the deletion is undone). An annotation gets
        back its note, colour, privacy and hidden flag, or, when it was deleted, is re-created with
        its anchor and tags; an annotation's or article's tag is put back on; a tag of the
        codebook gets back its name and colour (re-created when gone); a correction rule is made again
        as it was, its articles queued for re-tagging. The restore is itself a change, by the current user. */
    bool restore(qint64 historyId);

private:
    bool restoreAnnotation(const HistoryEntry &entry);
    bool restoreTag(const HistoryEntry &entry);
    bool restoreLink(const HistoryEntry &entry);

    StoreContext *d;
    AnnotationStore *m_annotations;
};

} // namespace Dossier::Core
