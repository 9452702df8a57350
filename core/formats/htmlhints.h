#pragma once

#include <QByteArray>

#include <gumbo.h>

// What tags, attributes and class names say about a block of a web page, for the extractor.
namespace Dossier::Core::Html
{

/*! Phrasing elements (span, a, em…): they do not break a paragraph. */
bool isInline(GumboTag tag);
/*! Elements whose content is never article text (script, nav, form controls, figcaption…). */
bool isJunkTag(GumboTag tag);
bool isHeading(GumboTag tag);
/*! Hidden with the hidden attribute, aria-hidden or an inline display:none / visibility:hidden. */
bool isHidden(const GumboNode *node);

/*! What an element's class and id say, by common naming conventions only (no site's own names). */
struct ClassHints {
    bool negative = false; //!< boilerplate: comment, sidebar, footer, related, share, menu, ad…
    bool positive = false; //!< content: article, body, content, entry, post, story, text…
    bool smallNegative = false; //!< share bars, captions, bylines: boilerplate even with a positive word
    bool articleBody = false; //!< a conventional name of the article-body element ("article-body"…)
    bool comment = false; //!< a comment thread
    bool card = false; //!< a "card": the teaser of another page (headline, picture, a line of text)
    bool prompt = false; //!< a notice or prompt over the page: cookies, consent, newsletter, paywall, pop-up
};
ClassHints classHints(const char *cls, const char *id);

} // namespace Dossier::Core::Html
