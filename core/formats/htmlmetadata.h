#pragma once

#include "article.h"

#include <QString>

#include <gumbo.h>

namespace Dossier::Core::Html
{

/*! What the page says about itself in <head>, JSON-LD and a few body elements. */
struct PageMetadata {
    ArticleMetadata meta;
    QString jsonLdBody; //!< NewsArticle.articleBody from JSON-LD, tags stripped; empty when absent
};

/*!
    Title (og:title, JSON-LD headline, <h1>, <title> without a " | Site" suffix), publication date
    (article:published_time, JSON-LD datePublished, date meta tags, <time datetime>) as ISO 8601,
    author, source (og:site_name, JSON-LD publisher), canonical URL and language of a parsed page.
*/
PageMetadata extractMetadata(const GumboNode *document);

/*! \a title without a trailing " | Site", " - Site" or " — Site" part naming the site (\a site,
    when known, or a short suffix). */
QString stripSiteSuffix(const QString &title, const QString &site);

} // namespace Dossier::Core::Html
