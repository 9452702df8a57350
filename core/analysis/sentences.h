#pragma once

#include <QStringView>

#include <utility>

namespace Dossier::Core
{

/*!
    The sentence of \a text that holds [\a start, \a end): from the end of the sentence before it (or
    the start of its line) to its own closing mark with any closing quote or bracket (or the end of its
    line), spaces trimmed. A sentence ends at '.', '!' or '?' followed by a space and a capital, a
    digit or an opening quote, except after a title or an abbreviation ('Mr.', 'Gen.', 'Feb.', 'U.S.')
    or an initial ('C.'); it never crosses a line break. Returns [begin, end) offsets (UTF-16).
*/
std::pair<qsizetype, qsizetype> sentenceAround(QStringView text, qsizetype start, qsizetype end);

} // namespace Dossier::Core
