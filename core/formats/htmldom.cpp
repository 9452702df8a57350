#include "formats/htmldom.h"

#include <QRegularExpression>
#include <QStringList>

namespace Dossier::Core::Html
{

const char *attribute(const GumboNode *node, const char *name)
{
    if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) {
        return nullptr;
    }
    const GumboAttribute *attr = gumbo_get_attribute(&node->v.element.attributes, name);
    return attr != nullptr ? attr->value : nullptr;
}

QString attributeText(const GumboNode *node, const char *name)
{
    const char *value = attribute(node, name);
    return value != nullptr ? QString::fromUtf8(value) : QString();
}

const GumboVector *children(const GumboNode *node)
{
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
        return &node->v.element.children;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
        return &node->v.document.children;
    }
    return nullptr;
}

bool isElement(const GumboNode *node, GumboTag tag)
{
    return node != nullptr && node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

QString textOf(const GumboNode *node)
{
    QByteArray text;
    walk(node, [&text](const GumboNode *n) {
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
            text.append(n->v.text.text);
            return false;
        }
        if (n->type == GUMBO_NODE_ELEMENT) {
            const GumboTag tag = n->v.element.tag;
            if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT) {
                return false;
            }
            if (tag == GUMBO_TAG_BR) {
                text.append(' ');
            }
        }
        return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_DOCUMENT;
    });
    return collapseWhitespace(QString::fromUtf8(text));
}

QString collapseWhitespace(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (const QChar c : text) {
        if (c.isSpace() || c == QChar(0x200B) || c == QChar(0xFEFF)) {
            space = !out.isEmpty();
            continue;
        }
        if (space) {
            out.append(QLatin1Char(' '));
            space = false;
        }
        out.append(c);
    }
    return out;
}

namespace
{

// Parses a fragment as the content of <body> and returns its text: gumbo does the entity decoding.
QString fragmentText(const QString &html)
{
    const QByteArray utf8 = html.toUtf8();
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    options.fragment_context = GUMBO_TAG_BODY;
    GumboOutput *output = gumbo_parse_with_options(&options, utf8.constData(), size_t(utf8.size()));
    const QString text = textOf(output->root);
    gumbo_destroy_output(&options, output);
    return text;
}

} // namespace

QString decodeEntities(const QString &text)
{
    if (!text.contains(QLatin1Char('&'))) {
        return text;
    }
    QString escaped = text;
    escaped.replace(QLatin1Char('<'), QStringLiteral("&lt;"));
    return fragmentText(escaped);
}

QString stripTags(const QString &html)
{
    if (!html.contains(QLatin1Char('<')) && !html.contains(QLatin1Char('&'))) {
        return html;
    }
    // Keep paragraph breaks: block tags become blank lines before the tags are dropped.
    QString marked = html;
    static const QRegularExpression blocks(
        QStringLiteral("<(?:/?(?:p|div|h[1-6]|li|blockquote|ul|ol|tr|section)\\b[^>]*|br\\s*/?)>"),
        QRegularExpression::CaseInsensitiveOption);
    marked.replace(blocks, QStringLiteral("\n\u2029\n"));
    static const QRegularExpression blankLine(QStringLiteral("\\n\\s*\\n"));
    marked.replace(blankLine, QStringLiteral("\n\u2029\n"));
    QStringList paragraphs;
    for (const QString &part : marked.split(QChar(0x2029))) {
        const QString text = fragmentText(part);
        if (!text.isEmpty()) {
            paragraphs.append(text);
        }
    }
    return paragraphs.join(QStringLiteral("\n\n"));
}

} // namespace Dossier::Core::Html
