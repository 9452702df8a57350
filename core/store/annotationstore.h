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
        a team library only its author may. */
    bool update(const Annotation &annotation);
    bool remove(qint64 annotationId);
    /*! Hides the annotation (kept, listed only with AnnotationQuery::withHidden) or shows it again;
        on a team library its author or an editor may, nobody else. */
    bool setHidden(qint64 annotationId, bool hidden);
    std::optional<Annotation> get(qint64 annotationId);
    /*! Annotations matching \a query, by article then position; orphaned ones last. */
    std::optional<QList<Annotation>> list(const AnnotationQuery &query = {});

private:
    StoreContext *d;
};

} // namespace Dossier::Core
