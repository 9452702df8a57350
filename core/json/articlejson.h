#pragma once

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

} // namespace Dossier::Core
