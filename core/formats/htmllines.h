#pragma once

#include <QStringList>

// Line-level rules over an extracted body: the paragraphs that frame an article (bylines, bare
// dates) or interrupt it (advertisement labels), whatever element they came from.
namespace Dossier::Core::Html
{

/*! Drops advertisement labels anywhere and framing lines (a byline, a bare date) at the start
    and the end of \a paragraphs. */
void trimBoilerplateLines(QStringList *paragraphs);

} // namespace Dossier::Core::Html
