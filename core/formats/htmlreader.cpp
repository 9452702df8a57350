#include "formats/htmlreader.h"

#include "formats/htmlextractor.h"
#include "formats/htmlmetadata.h"
#include "formats/textdecoder.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <cstring>
#include <gumbo.h>
#include <vector>

namespace Dossier::Core {

namespace {

// Elements beyond this many open ones are dropped before parsing (see limitNesting()).
constexpr int maxOpenElements = 256;

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
        if (i + 2 + name.size() <= n && data[i + 1] == '/'
            && qstrnicmp(data + i + 2, name.constData(), size_t(name.size())) == 0) {
            return i;
        }
    }
    return -1;
}

/*
    Gumbo's tree builder checks scopes by scanning the stack of open elements (cost O(depth) per
    tag) and frees its tree recursively, so a page nesting 100,000 elements takes quadratic time
    and can overflow the stack. A linear pre-scan of the tags drops start tags (and their end tags)
    of elements that would open beyond maxOpenElements; their text stays. Ordinary pages never get
    near the limit and are returned unchanged.
*/
QByteArray limitNesting(const QByteArray &html)
{
    const char *data = html.constData();
    const qsizetype n = html.size();
    std::vector<QByteArray> open;
    QHash<QByteArray, int> openCount;
    QHash<QByteArray, int> dropped;
    QByteArray out;
    qsizetype copied = 0;
    auto drop = [&](qsizetype from, qsizetype to) {
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
            const qsizetype close = comment ? html.indexOf("-->", i + 3) : html.indexOf('>', i);
            if (close < 0) {
                break;
            }
            i = close + 1;
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
        if (endTag) {
            if (int &d = dropped[name]; d > 0) {
                --d;
                drop(start, tagEnd);
            } else if (openCount.value(name) > 0) {
                while (!open.empty()) {
                    const QByteArray top = open.back();
                    open.pop_back();
                    --openCount[top];
                    if (top == name) {
                        break;
                    }
                }
            }
            continue;
        }
        if (isOneOf(name, { "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes" })) {
            const qsizetype close = findEndTag(html, i, name);
            if (close < 0) {
                break;
            }
            i = close;
            continue;
        }
        if (name == "plaintext") {
            break;
        }
        // Void elements and those closed implicitly (or never nested) do not deepen the tree; "/>"
        // closes an element only in SVG and MathML (an HTML "<div/>" stays open).
        const bool foreign = openCount.value("svg") > 0 || openCount.value("math") > 0;
        if ((selfClosing && foreign)
            || isOneOf(name,
                { "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                    "track", "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
                    "thead", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "html", "head", "body", "a", "form",
                    "button", "nobr" })) {
            continue;
        }
        if (int(open.size()) >= maxOpenElements) {
            ++dropped[name];
            drop(start, tagEnd);
            continue;
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
    if (ratio < 0.85 || ratio > 1.2) {
        return false;
    }
    const QStringList extractedWords = words(extracted);
    const QSet<QString> known(extractedWords.cbegin(), extractedWords.cend());
    const QStringList jsonWords = words(jsonLd);
    qsizetype found = 0;
    for (const QString &w : jsonWords) {
        found += known.contains(w) ? 1 : 0;
    }
    return !jsonWords.isEmpty() && double(found) / double(jsonWords.size()) >= 0.9;
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
    const QByteArray utf8 = limitNesting(result.rawText.toUtf8());
    GumboOptions gumboOptions = kGumboDefaultOptions;
    // Each recorded error copies the stack of open elements: unbounded memory on broken pages.
    gumboOptions.max_errors = 0;
    GumboOutput *output = gumbo_parse_with_options(&gumboOptions, utf8.constData(), size_t(utf8.size()));
    Html::PageMetadata page = Html::extractMetadata(output->document);
    result.meta = page.meta;
    result.body = Html::extractArticle(output->root, page.meta.title);
    gumbo_destroy_output(&gumboOptions, output);
    if (preferJsonLdBody(page.jsonLdBody, result.body)) {
        result.body = page.jsonLdBody;
    }
    return result;
}

} // namespace Dossier::Core
