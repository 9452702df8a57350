#include "formats/htmlreader.h"

#include "analysis/dates.h"
#include "formats/textdecoder.h"

#include <gumbo.h>

#include <vector>

namespace Dossier::Core {

namespace {

bool isSkipped(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
        return true;
    default:
        return false;
    }
}

bool isBlock(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_PRE:
        return true;
    default:
        return false;
    }
}

// Iterative walk (no recursion: pages may nest 100,000 levels deep).
void collectText(const GumboNode *root, QByteArray *out)
{
    struct Frame {
        const GumboNode *node;
        unsigned int next;
    };
    std::vector<Frame> stack{{root, 0}};
    while (!stack.empty()) {
        Frame &frame = stack.back();
        const GumboNode *node = frame.node;
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
            out->append(node->v.text.text);
            stack.pop_back();
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) {
            stack.pop_back();
            continue;
        }
        const GumboVector &children = node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
        if (frame.next == 0 && node->type == GUMBO_NODE_ELEMENT) {
            if (isSkipped(node->v.element.tag)) {
                stack.pop_back();
                continue;
            }
            if (isBlock(node->v.element.tag)) {
                out->append('\n');
            }
        }
        if (frame.next < children.length) {
            const auto *child = static_cast<const GumboNode *>(children.data[frame.next++]);
            stack.push_back({child, 0});
        } else {
            if (node->type == GUMBO_NODE_ELEMENT && isBlock(node->v.element.tag)) {
                out->append('\n');
            }
            stack.pop_back();
        }
    }
}

QString normaliseBlocks(const QString &text)
{
    QStringList paragraphs;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString simple = line.simplified();
        if (!simple.isEmpty()) {
            paragraphs.append(simple);
        }
    }
    return paragraphs.join(QStringLiteral("\n\n"));
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
    const QByteArray utf8 = result.rawText.toUtf8();
    GumboOutput *output = gumbo_parse_with_options(&kGumboDefaultOptions, utf8.constData(), size_t(utf8.size()));
    QByteArray text;
    collectText(output->root, &text);
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    result.body = normaliseBlocks(QString::fromUtf8(text));
    return result;
}

} // namespace Dossier::Core
