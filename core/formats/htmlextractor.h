#pragma once

#include <QString>

#include <gumbo.h>

namespace Dossier::Core::Html
{

/*!
    The main article text of a parsed page, paragraphs separated by blank lines. Picks the
    container with the best text/link density and paragraph structure (readability-style scoring
    with class/id and semantic hints), merges related siblings and drops link lists, share bars,
    comment threads and other boilerplate inside it. Headings repeating \a title are left out.
    Linear in the size of the tree; never recursive.
*/
QString extractArticle(const GumboNode *root, const QString &title);

} // namespace Dossier::Core::Html
