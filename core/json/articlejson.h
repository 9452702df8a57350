#pragma once

#include "annotations/annotation.h"
#include "article.h"

#include <QJsonObject>

namespace Dossier::Core
{

/*!
    \brief The JSON form of an analysed article, as `dossier-cli analyze` prints it: offsets are
    Unicode code points (Python str indices), absent values are null.
*/
QJsonObject articleToJson(const Article &article);

/*! Converts a UTF-16 index into \a text into a code-point index. */
qsizetype codePointOffset(QStringView text, qsizetype utf16Index);

/*! Converts a code-point index into \a text into a UTF-16 index; -1 when past the end. */
qsizetype utf16Offset(QStringView text, qsizetype codePointIndex);

/*!
    \brief The JSON form of an annotation, as `dossier-cli annotate` and `annotations` print it.
    Offsets are code points into \a body (the article's body; for an orphaned annotation whose
    article is gone, pass its quote's own context and the offsets are approximate).
*/
QJsonObject annotationToJson(const Annotation &annotation, QStringView body);

} // namespace Dossier::Core
