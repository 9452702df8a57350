#include "formats/htmlhints.h"

#include "formats/htmldom.h"

#include <cstring>
#include <iterator>
#include <string_view>

namespace Dossier::Core::Html
{

bool isInline(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_UNKNOWN:
        return true;
    default:
        return false;
    }
}

bool isJunkTag(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_DIALOG:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DATALIST:
        return true;
    default:
        return false;
    }
}

bool isHeading(GumboTag tag)
{
    return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

namespace
{

// Class words of the text kept for paying readers: the article itself, which a paywall script hides
// from others with an inline style (the page still carries it).
const char *const subscriberText[]
    = { "subscriber-only", "subscribers-only", "subscriber-preview", "subscriber-content" };

bool isSubscriberText(const char *cls)
{
    if (cls == nullptr) {
        return false;
    }
    const std::string_view c(cls);
    for (const char *part : subscriberText) {
        if (c.find(part) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

bool hasHiddenClass(std::string_view cls)
{
    bool hidden = false;
    size_t start = 0;
    while (start < cls.size()) {
        size_t stop = cls.find_first_of(" \t\n\r\f", start);
        if (stop == std::string_view::npos) {
            stop = cls.size();
        }
        const std::string_view token = cls.substr(start, stop - start);
        if (token.find(':') != std::string_view::npos) {
            return false;
        }
        hidden = hidden || token == "hidden";
        start = stop + 1;
    }
    return hidden;
}

} // namespace

bool isHidden(const GumboNode *node)
{
    if (attribute(node, "hidden") != nullptr) {
        return true;
    }
    if (const char *aria = attribute(node, "aria-hidden"); aria != nullptr && std::strcmp(aria, "true") == 0) {
        return true;
    }
    // The utility class of CSS frameworks (Bootstrap, Tailwind) that hides an element until a script
    // shows it: "hidden" as a whole token, unless a responsive variant ("md:block") shows it anyway.
    if (const char *cls = attribute(node, "class"); cls != nullptr && hasHiddenClass(cls)) {
        return true;
    }
    if (const char *style = attribute(node, "style"); style != nullptr && !isSubscriberText(attribute(node, "class"))) {
        QByteArray s(style);
        s = s.toLower();
        s.replace(' ', "");
        if (s.contains("display:none") || s.contains("visibility:hidden")) {
            return true;
        }
    }
    return false;
}

namespace
{

// Class/id words. Substrings for distinctive words, whole tokens for short ambiguous ones ("ad"
// would match "lead-paragraph" as a substring).
const char *const negativeParts[] = { "comment", "disqus", "sidebar", "side-bar", "footer", "masthead", "breadcrumb",
    "related", "recommend", "recirc", "share", "sharing", "social", "promo", "newsletter", "subscri", "signup",
    "sign-up", "cookie", "consent", "gdpr", "banner", "sponsor", "advert", "popup", "modal", "pagination", "pager",
    "widget", "trending", "popular", "mostread", "most-read", "outbrain", "taboola", "byline", "author", "toolbar",
    "skip-link", "menu", "navbar", "navigation", "caption", "credit", "login", "readmore", "read-more", "more-stories",
    "taglist", "tag-list", "newsfeed", "combx", "community", "remark", "replies", "shoutbox", "skyscraper",
    "supplemental", "agegate", "disclaimer", "copyright", "rating", "follow", "print", "donate", "jump" };
const char *const negativeTokens[]
    = { "ad", "ads", "adv", "nav", "header", "meta", "tools", "date", "time", "hidden", "hide", "tags", "tag", "topics",
          "extra", "aside", "rail", "links", "more", "next", "prev", "dfp", "gpt", "teaser", "teasers" };
// Boilerplate even when the class also has a positive word ("share-text", "article-caption").
const char *const smallNegativeParts[] = { "share", "sharing", "social", "related", "recirc", "newsletter", "cookie",
    "promo", "advert", "sponsor", "outbrain", "taboola", "byline", "caption", "credit", "subscri", "signup", "sign-up",
    "hidden", "screen-reader", "sr-only", "visually-hidden" };
const char *const positiveParts[]
    = { "article", "body", "content", "entry", "post", "story", "text", "main", "blog", "hentry", "prose", "column" };
// Conventional names of the element holding an article's paragraphs.
const char *const bodyParts[] = { "articlebody", "article-body", "article_body", "article__body", "articlecontent",
    "article-content", "article_content", "article__content", "articletext", "article-text", "article__text",
    "post-content", "postcontent", "post_content", "post-body", "postbody", "post-text", "entry-content",
    "entrycontent", "story-body", "storybody", "story-content", "storycontent", "story-text", "storytext", "body-text",
    "bodytext", "text-body", "content-body", "article-main", "rich-text", "richtext" };

// std::string_view::find rather than QByteArray::contains: class strings are short, and glibc's
// memmem behind the latter costs more to set up than the whole search (it was a tenth of the
// reader's time).
bool containsAny(std::string_view hay, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; ++i) {
        if (hay.find(words[i]) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

bool hasToken(const QByteArray &hay, const char *const *words, size_t count)
{
    qsizetype start = 0;
    const qsizetype n = hay.size();
    while (start < n) {
        qsizetype stop = start;
        while (stop < n && hay[stop] != ' ' && hay[stop] != '-' && hay[stop] != '_') {
            ++stop;
        }
        const QByteArrayView token(hay.constData() + start, stop - start);
        for (size_t i = 0; i < count; ++i) {
            if (token == QByteArrayView(words[i])) {
                return true;
            }
        }
        start = stop + 1;
    }
    return false;
}

} // namespace

ClassHints classHints(const char *cls, const char *id)
{
    ClassHints hints;
    if (cls == nullptr && id == nullptr) {
        return hints;
    }
    QByteArray text;
    if (cls != nullptr) {
        text.append(cls);
    }
    if (id != nullptr) {
        text.append(' ');
        text.append(id);
    }
    text = text.toLower();
    // Text kept for paying readers ("subscriber-only", "subscriber-preview") is the article itself,
    // not a prompt to subscribe.
    for (const char *part : subscriberText) {
        text.replace(part, "");
    }
    const std::string_view hay(text.constData(), size_t(text.size()));
    hints.negative = containsAny(hay, negativeParts, std::size(negativeParts))
        || hasToken(text, negativeTokens, std::size(negativeTokens));
    hints.positive = containsAny(hay, positiveParts, std::size(positiveParts));
    if (hints.negative && hints.positive) {
        // Many articles beside a boilerplate word are a list of other stories ("trending-articles",
        // "popular-posts"), not the article.
        QByteArray singular = text;
        singular.replace("articles", "").replace("posts", "");
        hints.positive = containsAny(
            std::string_view(singular.constData(), size_t(singular.size())), positiveParts, std::size(positiveParts));
    }
    hints.smallNegative = containsAny(hay, smallNegativeParts, std::size(smallNegativeParts));
    hints.articleBody = containsAny(hay, bodyParts, std::size(bodyParts));
    static const char *const cardTokens[] = { "card", "cards" };
    hints.card = hasToken(text, cardTokens, std::size(cardTokens));
    static const char *const promptParts[] = { "cookie", "consent", "gdpr", "privacy", "modal", "popup", "overlay",
        "newsletter", "subscri", "signup", "sign-up", "paywall", "promo", "donate" };
    hints.prompt = containsAny(hay, promptParts, std::size(promptParts));
    static const char *const commentParts[] = { "comment", "disqus" };
    hints.comment = containsAny(hay, commentParts, std::size(commentParts));
    return hints;
}

} // namespace Dossier::Core::Html
