#include "annotations/annotation.h"

namespace Dossier::Core
{

QString annotationStateName(AnnotationState state)
{
    switch (state) {
    case AnnotationState::Anchored:
        return QStringLiteral("anchored");
    case AnnotationState::Reattached:
        return QStringLiteral("reattached");
    case AnnotationState::Orphaned:
        return QStringLiteral("orphaned");
    }
    return QStringLiteral("anchored");
}

AnnotationState annotationStateFromName(QStringView name)
{
    if (name == u"reattached") {
        return AnnotationState::Reattached;
    }
    if (name == u"orphaned") {
        return AnnotationState::Orphaned;
    }
    return AnnotationState::Anchored;
}

QString effectiveColor(const Annotation &annotation, const QList<Tag> &codebook)
{
    if (!annotation.color.isEmpty()) {
        return annotation.color;
    }
    if (!annotation.tags.isEmpty()) {
        for (const Tag &tag : codebook) {
            if (tag.name.compare(annotation.tags.first(), Qt::CaseInsensitive) == 0 && !tag.color.isEmpty()) {
                return tag.color;
            }
        }
    }
    return QString::fromLatin1(defaultHighlightColor);
}

} // namespace Dossier::Core
