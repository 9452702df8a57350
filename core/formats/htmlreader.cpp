#include "formats/htmlreader.h"

#include "formats/htmlextractor.h"
#include "formats/htmllines.h"
#include "formats/htmlmetadata.h"
#include "formats/htmlpagedata.h"
#include "formats/textdecoder.h"

#include <QByteArrayMatcher>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <cstring>
#include <gumbo.h>
#include <vector>

namespace Dossier::Core
{

namespace
{

// Elements beyond this many open ones are dropped before parsing (see prepareMarkup()).
constexpr int maxOpenElements = 256;
// Formatting elements (<b>, <font>…) beyond this many left unclosed are dropped before parsing.
constexpr int maxUnclosedFormatting = 4;

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

bool isOneOf(const QByteArray &name, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (name == n) {
            return true;
        }
    }
    return false;
}

// Index of "</name" (any case) at or after \a from, or -1.
qsizetype findEndTag(const QByteArray &html, qsizetype from, const QByteArray &name)
{
    const char *data = html.constData();
    const qsizetype n = html.size();
    for (qsizetype i = from; i + 1 + name.size() < n; ++i) {
        const void *lt = std::memchr(data + i, '<', size_t(n - i));
        if (lt == nullptr) {
            return -1;
        }
        i = static_cast<const char *>(lt) - data;
        const qsizetype after = i + 2 + name.size();
        if (after <= n && data[i + 1] == '/' && qstrnicmp(data + i + 2, name.constData(), size_t(name.size())) == 0
            && (after == n || isSpace(data[after]) || data[after] == '/' || data[after] == '>')) {
            return i;
        }
    }
    return -1;
}

// The parser's "special" elements (of those prepareMarkup() tracks): an end tag of another name never
// closes them, and one of a formatting element leaves them open.
bool isSpecial(const QByteArray &name)
{
    return isOneOf(name,
        { "address", "applet", "article", "aside", "blockquote", "center", "details", "dir", "div", "dl", "fieldset",
            "figcaption", "figure", "footer", "frameset", "header", "hgroup", "iframe", "listing", "main", "marquee",
            "menu", "nav", "noscript", "object", "ol", "pre", "search", "section", "select", "summary", "table",
            "template", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
            "foreignobject", "desc" });
}

// Elements that hide what is open outside them from an end tag ("has an element in scope").
bool isScopeBoundary(const QByteArray &name)
{
    return isOneOf(name,
        { "applet", "table", "marquee", "object", "template", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
            "foreignobject", "desc" });
}

// End tags that close everything open inside their element when it is in scope.
bool closesInScope(const QByteArray &name)
{
    return isOneOf(name,
        { "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
            "figcaption", "figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol", "pre",
            "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "applet", "marquee", "object",
            "table", "template", "select" });
}

/*
    Updates prepareMarkup()'s model of the open elements for the end tag \a name as the parser
    would, erring on the side of leaving elements open (the model must never be shallower than the
    parser's tree): an end tag does nothing when its element is out of scope; a formatting end tag
    leaves special elements inside it open; any other end tag does nothing across a special element.
*/
void closeElement(
    const QByteArray &name, bool formatting, std::vector<QByteArray> *open, QHash<QByteArray, int> *openCount)
{
    qsizetype at = qsizetype(open->size()) - 1;
    bool specialAbove = false;
    for (; at >= 0 && (*open)[size_t(at)] != name; --at) {
        const QByteArray &above = (*open)[size_t(at)];
        if (isScopeBoundary(above) || (!formatting && !closesInScope(name) && isSpecial(above))) {
            return;
        }
        specialAbove = specialAbove || isSpecial(above);
    }
    if (at < 0) {
        return;
    }
    if (formatting && specialAbove) {
        open->erase(open->begin() + at);
        --(*openCount)[name];
        return;
    }
    while (qsizetype(open->size()) > at) {
        --(*openCount)[open->back()];
        open->pop_back();
    }
}

// Start tags that end SVG content in HTML (the parser closes the <svg> and reads them as HTML).
bool breaksOutOfSvg(QByteArrayView name)
{
    static const char *const names[] = { "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl",
        "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu",
        "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt",
        "u", "ul", "var", "font" };
    for (const char *n : names) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

// Index of the "</svg" that closes an <svg> whose content starts at \a from (nested ones counted).
// -1 when there is none; -2 when an HTML start tag ends the SVG content first (at *\a stop).
qsizetype findSvgEnd(const QByteArray &html, qsizetype from, qsizetype *stop)
{
    const char *data = html.constData();
    const qsizetype n = html.size();
    int depth = 1;
    for (qsizetype i = from; i < n; ++i) {
        const void *lt = std::memchr(data + i, '<', size_t(n - i));
        if (lt == nullptr) {
            return -1;
        }
        i = static_cast<const char *>(lt) - data;
        const bool end = i + 1 < n && data[i + 1] == '/';
        qsizetype j = i + (end ? 2 : 1);
        const qsizetype nameStart = j;
        while (j < n && (isAsciiAlpha(data[j]) || (j > nameStart && data[j] >= '0' && data[j] <= '9'))) {
            ++j;
        }
        const QByteArrayView name(data + nameStart, j - nameStart);
        if (name.isEmpty()) {
            continue;
        }
        const bool svg = name.compare(QByteArrayView("svg"), Qt::CaseInsensitive) == 0;
        if (end) {
            if (svg && --depth == 0) {
                return i;
            }
            continue;
        }
        if (!svg && breaksOutOfSvg(name)) {
            *stop = i;
            return -2;
        }
        if (svg) {
            const qsizetype close = html.indexOf('>', j);
            if (close < 0) {
                return -1;
            }
            depth += data[close - 1] == '/' ? 0 : 1;
            i = close;
        }
    }
    return -1;
}

/*
    One past the end of a comment whose text starts at \a from (after "<!--"), or 0 when it never
    ends. "<!-->" and "<!--->" are whole (empty) comments; a comment ends at the first "-->" or
    "--!>". \a bang caches where the next "--!>" is (-1: none), so that many comments cost one scan.
*/
qsizetype commentEnd(const QByteArray &html, qsizetype from, qsizetype *bang)
{
    const qsizetype n = html.size();
    if (from < n && html[from] == '>') {
        return from + 1;
    }
    if (from + 1 < n && html[from] == '-' && html[from + 1] == '>') {
        return from + 2;
    }
    if (*bang >= 0 && *bang < from) {
        *bang = html.indexOf("--!>", from);
    }
    const qsizetype dashes = html.indexOf("-->", from);
    if (*bang >= 0 && (dashes < 0 || *bang < dashes)) {
        return *bang + 4;
    }
    return dashes < 0 ? 0 : dashes + 3;
}

// True when the start tag html[from, to) is a <script> of JSON-LD, which the metadata reads.
bool isJsonLdScript(const QByteArray &html, qsizetype from, qsizetype to)
{
    static const QByteArrayMatcher jsonLd("ld+json");
    const QByteArray tag = QByteArray(html.constData() + from, to - from).toLower();
    return jsonLd.indexIn(tag) >= 0;
}

// True when the start tag html[from, to) is a <script type="application/json">: a web framework's page state.
bool isPageDataScript(const QByteArray &html, qsizetype from, qsizetype to)
{
    static const QByteArrayMatcher json("application/json");
    const QByteArray tag = QByteArray(html.constData() + from, to - from).toLower();
    return json.indexIn(tag) >= 0;
}

// A page state shorter than this holds no article worth reading from it.
constexpr qsizetype MinPageDataSize = 1000;

/*
    A linear pre-scan of the tags that gives gumbo less to do, without changing what the reader
    extracts:
    - Gumbo's tree builder checks scopes by scanning the stack of open elements (cost O(depth) per
      tag) and frees its tree recursively, so a page nesting 100,000 elements takes quadratic time
      and can overflow the stack. Start tags (and their end tags) of elements that would open
      beyond maxOpenElements are dropped; their text stays.
    - The parser keeps formatting elements left open (<b>, <font>…; up to three alike) in a list
      and copies all of them into every new block, so a page leaving 100,000 different ones open
      costs quadratic time and memory. Start tags (and their end tags) of formatting elements
      beyond maxUnclosedFormatting left unclosed are dropped; their text stays.
    - Scripts (except JSON-LD), style sheets, inline SVG and comments are emptied: nothing reads
      them, and they are most of a modern page's bytes (gumbo tokenizes scripts and styles one
      character at a time).
    A page with none of these is returned unchanged. The text of each page state script
    (<script type="application/json"> of 1,000 bytes or more) goes to \a pageData.
*/
QByteArray prepareMarkup(const QByteArray &html, QList<QByteArray> *pageData)
{
    const char *data = html.constData();
    const qsizetype n = html.size();
    std::vector<QByteArray> open;
    QHash<QByteArray, int> openCount;
    QHash<QByteArray, int> dropped;
    QHash<QByteArray, int> unclosedFormatting; // by name: start tags less end tags
    int unclosedFormattingTotal = 0;
    bool svgEndMissing = false;
    qsizetype bangCommentEnd = 0; // see commentEnd()
    qsizetype svgScanned = 0; // SVG content up to here was seen to hold HTML: not dropped
    QByteArray out;
    qsizetype copied = 0;
    auto drop = [&](qsizetype from, qsizetype to) {
        if (copied == 0) {
            out.reserve(n);
        }
        out.append(data + copied, from - copied);
        copied = to;
    };
    qsizetype i = 0;
    while (i < n) {
        const void *lt = std::memchr(data + i, '<', size_t(n - i));
        if (lt == nullptr) {
            break;
        }
        const qsizetype start = static_cast<const char *>(lt) - data;
        i = start + 1;
        if (i >= n) {
            break;
        }
        if (data[i] == '!' || data[i] == '?') {
            const bool comment = i + 2 < n && data[i + 1] == '-' && data[i + 2] == '-';
            const qsizetype end = comment ? commentEnd(html, i + 3, &bangCommentEnd) : html.indexOf('>', i) + 1;
            if (end <= 0) {
                break;
            }
            if (comment) {
                drop(start, end);
            }
            i = end;
            continue;
        }
        const bool endTag = data[i] == '/';
        if (endTag) {
            ++i;
        }
        if (i >= n || !isAsciiAlpha(data[i])) {
            continue;
        }
        qsizetype j = i;
        while (j < n && !isSpace(data[j]) && data[j] != '/' && data[j] != '>') {
            ++j;
        }
        const QByteArray name = QByteArray(data + i, j - i).toLower();
        // Skip the attributes, honouring quoted values, up to the closing '>'.
        bool selfClosing = false;
        while (j < n && data[j] != '>') {
            if (data[j] == '=') {
                ++j;
                while (j < n && isSpace(data[j])) {
                    ++j;
                }
                if (j < n && (data[j] == '"' || data[j] == '\'')) {
                    const qsizetype close = html.indexOf(data[j], j + 1);
                    j = close < 0 ? n : close + 1;
                    continue;
                }
            }
            selfClosing = data[j] == '/';
            ++j;
        }
        const qsizetype tagEnd = std::min(j + 1, n);
        i = tagEnd;
        const bool formatting
            = isOneOf(name, { "b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u" });
        if (endTag) {
            if (int &d = dropped[name]; d > 0) {
                --d;
                drop(start, tagEnd);
                continue;
            }
            if (formatting) {
                if (int &u = unclosedFormatting[name]; u > 0) {
                    --u;
                    --unclosedFormattingTotal;
                }
            }
            if (openCount.value(name) > 0) {
                closeElement(name, formatting, &open, &openCount);
            }
            continue;
        }
        if (isOneOf(name, { "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes" })) {
            const qsizetype close = findEndTag(html, i, name);
            if (close < 0) {
                break;
            }
            // A script that opens "<!--" may hold "<script>…</script>" that does not end it (the
            // parser's escaped states): keep it whole, as the parser will read it.
            const QByteArrayView content(data + i, close - i);
            if (name == "script" && content.size() >= MinPageDataSize && isPageDataScript(html, start, tagEnd)) {
                pageData->append(content.toByteArray());
            }
            if (name == "style"
                || (name == "script" && !isJsonLdScript(html, start, tagEnd) && !content.contains("<!--"))) {
                drop(i, close);
            }
            i = close;
            continue;
        }
        if (name == "plaintext") {
            break;
        }
        // Only the first of several nested <svg> looks ahead, so the scan stays linear.
        if (name == "svg" && !selfClosing && !svgEndMissing && i >= svgScanned) {
            const qsizetype close = findSvgEnd(html, i, &svgScanned);
            if (close >= 0) {
                drop(i, close);
                i = close;
                continue;
            }
            svgEndMissing = close == -1; // then no later <svg> has an end either
        }
        if (formatting && unclosedFormattingTotal >= maxUnclosedFormatting) {
            ++dropped[name];
            drop(start, tagEnd);
            continue;
        }
        // Void elements and those closed implicitly (or never nested) do not deepen the tree; "/>"
        // closes an element only in SVG and MathML (an HTML "<div/>" stays open).
        const bool foreign = openCount.value("svg") > 0 || openCount.value("math") > 0;
        if ((selfClosing && foreign)
            || isOneOf(name,
                { "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                    "track", "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
                    "thead", "tfoot", "colgroup", "caption", "html", "head", "body", "a", "form", "button", "nobr" })) {
            continue;
        }
        if (int(open.size()) >= maxOpenElements) {
            ++dropped[name];
            drop(start, tagEnd);
            continue;
        }
        if (formatting) {
            ++unclosedFormatting[name];
            ++unclosedFormattingTotal;
        }
        open.push_back(name);
        ++openCount[name];
    }
    if (copied == 0) {
        return html;
    }
    out.append(data + copied, n - copied);
    return out;
}

QStringList words(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^\\w]+"), QRegularExpression::UseUnicodePropertiesOption);
    return text.split(nonWord, Qt::SkipEmptyParts);
}

// The share of \a text's words that \a known holds (1 for no words).
double shareKnown(const QStringList &text, const QSet<QString> &known)
{
    if (text.isEmpty()) {
        return 1;
    }
    qsizetype found = 0;
    for (const QString &w : text) {
        found += known.contains(w) ? 1 : 0;
    }
    return double(found) / double(text.size());
}

// JSON-LD articleBody is the publisher's own text of the article, free of in-body boilerplate, but
// is often a teaser, truncated, or padded with other text. Use it when it agrees with the extracted
// body, or when the extraction clearly failed.
bool preferJsonLdBody(const QString &jsonLd, const QString &extracted)
{
    if (jsonLd.size() < 300 || jsonLd.endsWith(QLatin1String("...")) || jsonLd.endsWith(QChar(0x2026))) {
        return false;
    }
    if (extracted.size() * 2 < jsonLd.size()) {
        return true;
    }
    const double ratio = double(jsonLd.size()) / double(std::max<qsizetype>(1, extracted.size()));
    if (ratio < 0.6 || ratio > 1.2) {
        return false;
    }
    const QStringList extractedWords = words(extracted);
    const QSet<QString> known(extractedWords.cbegin(), extractedWords.cend());
    const QStringList jsonWords = words(jsonLd);
    if (jsonWords.isEmpty() || shareKnown(jsonWords, known) < 0.9) {
        return false;
    }
    if (ratio >= 0.85) {
        return true;
    }
    // Much shorter than the extraction: the publisher's text leaves out what the page adds (captions,
    // product names, embedded posts), or only a part of the article. Every paragraph of the extraction
    // that reads like prose must be in it.
    constexpr qsizetype proseWords = 25;
    const QSet<QString> jsonKnown(jsonWords.cbegin(), jsonWords.cend());
    for (const QString &paragraph : extracted.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        const QStringList own = words(paragraph);
        if (own.size() >= proseWords && shareKnown(own, jsonKnown) < 0.9) {
            return false;
        }
    }
    return true;
}

// The whole article from the page's state, where the page shows only its opening (to subscribers) or builds it
// with scripts: clearly longer than the extraction, and holding the extraction's words.
bool preferPageDataBody(const QString &pageData, const QString &extracted)
{
    constexpr qsizetype minSize = 300;
    constexpr double longer = 1.5;
    constexpr double held = 0.8;
    if (pageData.size() < minSize || double(pageData.size()) < longer * double(extracted.size())) {
        return false;
    }
    const QStringList pageWords = words(pageData);
    return shareKnown(words(extracted), QSet<QString>(pageWords.cbegin(), pageWords.cend())) >= held;
}

} // namespace

QString HtmlReader::format() const
{
    return QStringLiteral("html");
}

int HtmlReader::confidence(QStringView suffix, QByteArrayView head) const
{
    if (suffix == u"html" || suffix == u"htm" || suffix == u"xhtml") {
        return 95;
    }
    const QByteArray start = head.first(std::min<qsizetype>(head.size(), 1024)).toByteArray().toLower();
    return start.contains("<!doctype html") || start.contains("<html") ? 85 : 0;
}

ReadResult HtmlReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    ReadResult result;
    DecodeResult decoded = TextDecoder::decode(bytes, TextDecoder::htmlDeclaredCharset(bytes));
    if (!decoded.ok()) {
        result.error = decoded.error;
        return result;
    }
    result.encoding = decoded.encoding;
    result.rawText = std::move(decoded.text);
    if (options.raw) {
        result.body = result.rawText;
        return result;
    }
    // Valid UTF-8 goes to gumbo as it is (without a BOM); anything else is encoded back to UTF-8.
    const QByteArrayView bom("\xEF\xBB\xBF", 3);
    QList<QByteArray> pageData;
    const QByteArray utf8
        = prepareMarkup(result.encoding == u"UTF-8" ? (bytes.startsWith(bom) ? bytes.sliced(bom.size()) : bytes)
                                                    : result.rawText.toUtf8(),
            &pageData);
    GumboOptions gumboOptions = kGumboDefaultOptions;
    // Each recorded error copies the stack of open elements: unbounded memory on broken pages.
    gumboOptions.max_errors = 0;
    GumboOutput *output = gumbo_parse_with_options(&gumboOptions, utf8.constData(), size_t(utf8.size()));
    Html::PageMetadata page = Html::extractMetadata(output->document);
    result.meta = page.meta;
    result.body = Html::extractArticle(output->root, page.meta.title);
    gumbo_destroy_output(&gumboOptions, output);
    QString whole;
    if (preferJsonLdBody(page.jsonLdBody, result.body)) {
        whole = page.jsonLdBody;
    } else {
        for (const QByteArray &data : std::as_const(pageData)) {
            QString text = Html::richTextBody(data);
            if (text.size() > whole.size()) {
                whole = std::move(text);
            }
        }
        if (!preferPageDataBody(whole, result.body)) {
            whole.clear();
        }
    }
    if (!whole.isEmpty()) {
        // The publisher's text carries the same prompts and trailers as the page's.
        QStringList paragraphs = whole.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
        Html::trimBoilerplateLines(&paragraphs);
        result.body = paragraphs.join(QStringLiteral("\n\n"));
    }
    return result;
}

} // namespace Dossier::Core
