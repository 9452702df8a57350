#pragma once

#include <QByteArray>
#include <QString>

#include <gumbo.h>
#include <vector>

// Small helpers over gumbo's tree shared by the HTML extractor and metadata finder.
// Nothing here recurses: pages may nest elements very deeply.
namespace Dossier::Core::Html
{

/*! The value of attribute \a name of element \a node, or nullptr. */
const char *attribute(const GumboNode *node, const char *name);
/*! The same as a QString (empty when absent). */
QString attributeText(const GumboNode *node, const char *name);
/*! The children of an element or document node (empty for other nodes). */
const GumboVector *children(const GumboNode *node);
/*! True for an element node with tag \a tag. */
bool isElement(const GumboNode *node, GumboTag tag);
/*! The text inside \a node with runs of whitespace collapsed to one space, trimmed. */
QString textOf(const GumboNode *node);
/*! Runs of whitespace collapsed to one space, trimmed; also turns no-break spaces into spaces. */
QString collapseWhitespace(QStringView text);
/*! Decodes the character references (&amp;, &#39;, &#x2019;, &eacute;…) in \a text. */
QString decodeEntities(const QString &text);
/*! Removes tags from an HTML fragment and decodes entities: for JSON-LD bodies that hold markup. */
QString stripTags(const QString &html);

/*! Calls \a visit(node) for every node under \a root (included) in document order; \a visit
    returns false to skip the node's children. */
template<typename Visitor> void walk(const GumboNode *root, Visitor &&visit)
{
    std::vector<const GumboNode *> stack { root };
    while (!stack.empty()) {
        const GumboNode *node = stack.back();
        stack.pop_back();
        if (!visit(node)) {
            continue;
        }
        if (const GumboVector *kids = children(node)) {
            for (unsigned int i = kids->length; i > 0; --i) {
                stack.push_back(static_cast<const GumboNode *>(kids->data[i - 1]));
            }
        }
    }
}

} // namespace Dossier::Core::Html
