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

    /*! Highlights [\a start, \a end) of the article's body. Tags are created as needed. */
    std::optional<Annotation> annotate(qint64 articleId, qsizetype start, qsizetype end, const QStringList &tags = {},
        const QString &note = {}, const QString &color = {});
    /*! Stores \a annotation again under its own id (to undo a removal); tags are created as needed. */
    bool restore(const Annotation &annotation);
    /*! Saves the note, colour and tags of \a annotation (its anchor stays). */
    bool update(const Annotation &annotation);
    bool remove(qint64 annotationId);
    std::optional<Annotation> get(qint64 annotationId);
    /*! Annotations matching \a query, by article then position; orphaned ones last. */
    std::optional<QList<Annotation>> list(const AnnotationQuery &query = {});

private:
    StoreContext *d;
};

} // namespace Dossier::Core
