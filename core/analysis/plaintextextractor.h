#pragma once

#include "article.h"

#include <QString>

namespace Dossier::Core
{

/*! \brief The article found in a raw text scrape: its body and the metadata around it. */
struct Extraction {
    QString body;
    ArticleMetadata meta;
};

/*!
    \brief Finds the article in raw scraped text (a page copied out of a browser or dumped by a
    text-mode scraper): drops mastheads, menus, login prompts, share/print prompts, related-story
    lists, credit and source lists; keeps the headline (as the title), in-body subheads and
    paragraphs; reads the title, publication date, source and dateline.
*/
class PlainTextExtractor
{
public:
    static Extraction extract(const QString &text);
};

} // namespace Dossier::Core
