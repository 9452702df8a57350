#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*! \brief Annotations: highlighted passages with tags, a note and a colour. Obtained from
    Library::annotations(). */
class AnnotationStore
{
public:
    explicit AnnotationStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(AnnotationStore)

    /*! Highlights [\a start, \a end) of the article's body. Tags are created as needed. A
        private one is seen by its author alone (on a team library). */
    std::optional<Annotation> annotate(qint64 articleId, qsizetype start, qsizetype end, const QStringList &tags = {},
        const QString &note = {}, const QString &color = {}, bool isPrivate = false);
    /*! Stores \a annotation again under its own id (to undo a removal); tags are created as needed. */
    bool restore(const Annotation &annotation);
    /*! Saves the note, colour, privacy and tags of \a annotation (its anchor and author stay); on
        a team library only its author may. With \a readVersion (the Annotation::version the
        caller read) an annotation changed since is left as it is and the edit refused
        (StoreError::Kind::Conflict, saying who changed it and when). */
    bool update(const Annotation &annotation, qint64 readVersion = 0);
    /*! True when annotation \a annotationId is still at \a readVersion; false with a Conflict error
        saying who changed it and when (or NotFound when it is gone). */
    bool isCurrent(qint64 annotationId, qint64 readVersion);
    /*! Deletes the annotation; with \a readVersion, only if nobody changed it since (as update()). */
    bool remove(qint64 annotationId, qint64 readVersion = 0);
    /*! Hides the annotation (kept, listed only with AnnotationQuery::withHidden) or shows it again;
        on a team library its author or an editor may, nobody else. */
    bool setHidden(qint64 annotationId, bool hidden);
    std::optional<Annotation> get(qint64 annotationId);
    /*! Annotations matching \a query, by article then position; orphaned ones last. */
    std::optional<QList<Annotation>> list(const AnnotationQuery &query = {});

private:
    StoreError missedEdit(qint64 id, qint64 readVersion);

    StoreContext *d;
};

} // namespace Dossier::Core
