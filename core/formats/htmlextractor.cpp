#include "formats/htmlextractor.h"

#include "formats/htmldom.h"
#include "formats/htmlhints.h"
#include "formats/htmllines.h"
#include "formats/htmlnodes_p.h"

#include <QStringList>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

namespace Dossier::Core::Html
{

namespace
{

using namespace Extraction;

class Extractor
{
public:
    struct Options {
        bool dropSoft = true;
        bool weighClasses = true;
        bool clean = true;
    };

    explicit Extractor(const GumboNode *root)
    {
        flatten(root);
        dropSoftBoilerplate();
    }
    QString run(const Options &options, const QString &title);

private:
    void flatten(const GumboNode *root);
    void classify(Node &node);
    void aggregate(quint8 skip);
    void dropSoftBoilerplate();
    int firstOfStream(int top) const;
    std::vector<int> mergeSiblings(int top, quint8 skip);
    void addTwins(std::vector<int> *roots, int top, quint8 skip) const;
    bool holdsCards(int index) const;
    void cleanConditionally(int root, quint8 skip);
    bool shouldRemove(int index) const;
    void removeNode(int index, int root);
    QString render(const std::vector<int> &roots, const QString &title, quint8 skip) const;

    std::vector<Node> m_nodes;
};

void Extractor::flatten(const GumboNode *root)
{
    struct Frame {
        const GumboNode *g;
        unsigned int next;
        int index;
    };
    m_nodes.reserve(4096);
    m_nodes.push_back(Node {});
    m_nodes[0].g = root;
    m_nodes[0].tag = root->type == GUMBO_NODE_ELEMENT ? root->v.element.tag : GUMBO_TAG_HTML;
    std::vector<Frame> stack { { root, 0, 0 } };
    while (!stack.empty()) {
        Frame &frame = stack.back();
        const GumboVector *kids = Html::children(frame.g);
        if (kids == nullptr || frame.next >= kids->length) {
            m_nodes[frame.index].end = int(m_nodes.size());
            stack.pop_back();
            continue;
        }
        const auto *child = static_cast<const GumboNode *>(kids->data[frame.next++]);
        const int parent = frame.index;
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_CDATA) {
            Node node;
            node.g = child;
            node.parent = parent;
            node.text = true;
            node.end = int(m_nodes.size()) + 1;
            // Count characters (code points) that are not spaces, and commas of several scripts.
            for (const unsigned char *p = reinterpret_cast<const unsigned char *>(child->v.text.text); *p; ++p) {
                const unsigned char c = *p;
                if ((c & 0xC0) == 0x80 || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                    continue;
                }
                ++node.own.chars;
                if (c == ',' || (c == 0xEF && p[1] == 0xBC && p[2] == 0x8C)
                    || (c == 0xE3 && p[1] == 0x80 && p[2] == 0x81) || (c == 0xD8 && p[1] == 0x8C)) {
                    ++node.own.commas;
                }
            }
            m_nodes.push_back(node);
            continue;
        }
        if (child->type != GUMBO_NODE_ELEMENT) {
            continue; // comments, templates
        }
        const GumboTag tag = child->v.element.tag;
        Node &parentNode = m_nodes[parent];
        if (tag == GUMBO_TAG_INPUT || tag == GUMBO_TAG_SELECT || tag == GUMBO_TAG_TEXTAREA) {
            ++parentNode.own.inputs;
        } else if (tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_EMBED || tag == GUMBO_TAG_OBJECT) {
            ++parentNode.own.embeds;
        }
        Node node;
        node.g = child;
        node.parent = parent;
        node.tag = tag;
        const int index = int(m_nodes.size());
        if (isJunkTag(tag) || child->v.element.tag_namespace != GUMBO_NAMESPACE_HTML || isHidden(child)) {
            node.flags |= Junk;
            node.end = index + 1;
            m_nodes.push_back(node);
            continue;
        }
        classify(node);
        m_nodes.push_back(node);
        stack.push_back({ child, 0, index });
    }
}

void Extractor::classify(Node &node)
{
    const GumboNode *g = node.g;
    const GumboTag tag = node.tag;
    switch (tag) {
    case GUMBO_TAG_P:
        node.own.paragraphs = 1;
        break;
    case GUMBO_TAG_IMG:
        node.own.images = 1;
        break;
    case GUMBO_TAG_LI:
        node.own.listItems = 1;
        break;
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
        node.flags |= Strong;
        break;
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
        node.flags |= Soft;
        break;
    default:
        break;
    }
    if (const char *role = Html::attribute(g, "role")) {
        const QByteArray r = QByteArray(role).toLower();
        if (r == "navigation" || r == "menu" || r == "menubar" || r == "complementary" || r == "alert"
            || r == "alertdialog" || r == "dialog" || r == "search" || r == "contentinfo" || r == "banner") {
            node.flags |= Soft;
        } else if (r == "main" || r == "article") {
            node.flags |= Strong;
        }
    }
    if (const char *itemprop = Html::attribute(g, "itemprop");
        itemprop != nullptr && std::strcmp(itemprop, "articleBody") == 0) {
        node.flags |= Strong;
    }
    const ClassHints hints = classHints(Html::attribute(g, "class"), Html::attribute(g, "id"));
    const bool negative = hints.negative;
    const bool positive = hints.positive;
    node.classWeight = (negative ? -25 : 0) + (positive ? 25 : 0);
    if (hints.articleBody) {
        node.flags |= Strong;
    }
    if (hints.comment) {
        node.flags |= Comment;
    }
    if (hints.prompt) {
        node.flags |= Prompt;
    }
    if (hints.card) {
        node.flags |= Card;
    }
    // Headings keep their text whatever their class says; the body element never goes.
    const bool removable = tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML && !isHeading(tag)
        && (tag == GUMBO_TAG_SPAN || !isInline(tag));
    if (negative && !positive && removable) {
        node.flags |= Soft;
    }
    if (removable && hints.smallNegative) {
        node.flags |= SoftIfSmall;
    }
    if (negative && (node.flags & Comment) && tag != GUMBO_TAG_BODY) {
        node.flags |= Soft;
    }
}

// Recomputes the totals bottom-up, leaving out subtrees with any of the \a skip flags.
void Extractor::aggregate(quint8 skip)
{
    for (Node &node : m_nodes) {
        node.total = node.own;
        node.inlineChars = node.text ? node.own.chars : 0;
        if (node.flags & Strong) {
            node.total.strong = 1;
        }
    }
    for (int i = int(m_nodes.size()) - 1; i > 0; --i) {
        Node &node = m_nodes[i];
        if (node.flags & (skip | Junk)) {
            continue;
        }
        Node &parent = m_nodes[node.parent];
        if (node.tag == GUMBO_TAG_A) {
            node.total.linkChars = node.total.chars;
        } else if (isHeading(node.tag)) {
            node.total.headingChars = node.total.chars;
        } else if (node.tag == GUMBO_TAG_UL || node.tag == GUMBO_TAG_OL) {
            node.total.listChars = node.total.chars;
        }
        parent.total.add(node.total);
        if (node.text || isInline(node.tag)) {
            parent.inlineChars += node.text ? node.own.chars : node.total.chars;
        }
    }
}

// Paragraphs without links are text whatever the class says: the half of an article that a "read
// more" button unfolds. (Not a comment thread, a cookie notice or a newsletter prompt, nor a
// header, footer or aside.)
bool isProse(const Node &node)
{
    const bool classOnly = node.tag != GUMBO_TAG_HEADER && node.tag != GUMBO_TAG_FOOTER && node.tag != GUMBO_TAG_ASIDE
        && node.tag != GUMBO_TAG_FORM && !(node.flags & (Comment | Prompt));
    return classOnly && node.total.paragraphs >= 5 && node.total.chars >= 1000 && node.total.linkDensity() < 0.1
        && node.total.listItems < node.total.paragraphs;
}

// Drops boilerplate marked by tag or class unless it holds the article: an article-body marker
// inside, or most of the page's paragraphs (a wrapper named "page-with-sidebar").
void Extractor::dropSoftBoilerplate()
{
    aggregate(0);
    const int allChars = std::max(1, m_nodes[0].total.chars);
    // Article-body markers with real text below each node: a teaser card in an <article> element
    // does not make its "related stories" box part of the article.
    // Nor does a comment's text marked up as an "entry-content" in a list of comments.
    std::vector<char> inThread(m_nodes.size(), 0);
    for (size_t i = 1; i < m_nodes.size(); ++i) {
        const Node &node = m_nodes[i];
        const bool listed = node.tag == GUMBO_TAG_LI || node.tag == GUMBO_TAG_OL || node.tag == GUMBO_TAG_UL;
        inThread[i] = char(inThread[size_t(node.parent)] || ((node.flags & Comment) && listed));
    }
    std::vector<int> bodies(m_nodes.size(), 0);
    for (size_t i = m_nodes.size(); i-- > 1;) {
        const Node &node = m_nodes[i];
        if ((node.flags & Strong) && node.total.chars >= 500 && !inThread[i]) {
            ++bodies[i];
        }
        bodies[size_t(node.parent)] += bodies[i];
    }
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        Node &node = m_nodes[i];
        if ((node.flags & SoftIfSmall) && node.total.chars < 500 && node.total.strong == 0) {
            node.flags |= Soft;
        }
        if (!(node.flags & Soft) || (node.flags & Junk)) {
            continue;
        }
        const int ownBody = (node.flags & Strong) && node.total.chars >= 500 ? 1 : 0;
        // (A thread may hold most of the text, but not an article body: "post has-comments" wrappers.)
        const bool holdsArticle = bodies[i] > ownBody;
        const bool mostText
            = node.total.chars > allChars * 6 / 10 && (!(node.flags & Comment) || node.classWeight >= 0);
        if (holdsArticle || mostText || isProse(node)) {
            node.flags &= quint8(~Soft);
        }
    }
}

// An article of its own: <article>, or an element typed a schema.org Article (NewsArticle…) or
// BlogPosting, with real text.
bool isArticleElement(const Node &node)
{
    if (node.text) {
        return false;
    }
    if (node.tag == GUMBO_TAG_ARTICLE) {
        return true;
    }
    const char *type = Html::attribute(node.g, "itemtype");
    if (type == nullptr) {
        return false;
    }
    const std::string_view t(type);
    return t.ends_with("Article") || t.ends_with("BlogPosting");
}

bool isArticleUnit(const Node &node)
{
    return node.total.chars >= 500 && isArticleElement(node);
}

// A teaser card: an article element too short to be a story: a headline and a line or two.
bool isCard(const Node &node)
{
    return node.total.chars < 500 && isArticleElement(node);
}

// A block made mostly of three or more teaser cards is a list of other stories.
bool isCardList(int cards, int cardChars, int chars)
{
    return cards >= 3 && cardChars * 10 >= chars * 6;
}

// Pages that load the next stories as one scrolls hold several whole articles side by side: the
// first is the one the page is about.
int Extractor::firstOfStream(int top) const
{
    std::vector<int> firstUnit(size_t(m_nodes[top].end - top), -1);
    std::vector<int> units(size_t(m_nodes[top].end - top), 0);
    std::vector<int> unitChars(size_t(m_nodes[top].end - top), 0);
    for (int i = top + 1; i < m_nodes[top].end; ++i) {
        const Node &node = m_nodes[i];
        if (node.text || (node.flags & (Junk | Removed)) || !isArticleUnit(node)) {
            continue;
        }
        const auto p = size_t(node.parent - top);
        if (firstUnit[p] < 0) {
            firstUnit[p] = i;
        }
        ++units[p];
        unitChars[p] += node.total.chars;
    }
    for (size_t p = 0; p < units.size(); ++p) {
        if (units[p] >= 2 && unitChars[p] * 2 >= m_nodes[top].total.chars) {
            return firstUnit[p];
        }
    }
    return top;
}

bool endsSentence(const QString &text)
{
    return text.endsWith(QLatin1Char('.')) || text.contains(QLatin1String(". "));
}

// Whether the block at \a index is a list of teaser cards (a walk over its subtree).
bool Extractor::holdsCards(int index) const
{
    int cards = 0;
    int cardChars = 0;
    for (int i = index + 1; i < m_nodes[index].end;) {
        const Node &node = m_nodes[i];
        if (node.flags & Junk) {
            i = node.end;
        } else if (isCard(node)) {
            ++cards;
            cardChars += node.total.chars;
            i = node.end;
        } else {
            ++i;
        }
    }
    return isCardList(cards, cardChars, m_nodes[index].total.chars);
}

std::vector<int> Extractor::mergeSiblings(int top, quint8 skip)
{
    const int parent = m_nodes[top].parent;
    if (parent <= 0 || m_nodes[top].tag == GUMBO_TAG_BODY) {
        return { top };
    }
    const double topScore = m_nodes[top].score;
    const double threshold = std::max(10.0, topScore * 0.2);
    const char *topClass = Html::attribute(m_nodes[top].g, "class");
    // An article element (<article>, <main>, itemprop=articleBody…) holds the whole article: what
    // lies beside it belongs to it only when marked so too.
    const bool topIsBody = (m_nodes[top].flags & Strong) != 0;
    const bool topIsUnit = isArticleUnit(m_nodes[top]);
    std::vector<int> roots;
    for (int c = parent + 1; c < m_nodes[parent].end; c = m_nodes[c].end) {
        const Node &sibling = m_nodes[c];
        if (c == top) {
            roots.push_back(c);
            continue;
        }
        if (sibling.text || (sibling.flags & (Junk | skip)) || (topIsBody && sibling.total.strong == 0)
            || (topIsUnit && isArticleUnit(sibling)) || holdsCards(c)) {
            continue;
        }
        const char *cls = Html::attribute(sibling.g, "class");
        const double bonus = topClass != nullptr && cls != nullptr && *cls != 0 && std::strcmp(cls, topClass) == 0
            ? topScore * 0.2
            : 0.0;
        if (sibling.scored && sibling.score + bonus >= threshold) {
            roots.push_back(c);
            continue;
        }
        // Paragraphs nested too deep for the score to reach the sibling: judge its text directly.
        if (sibling.total.paragraphs >= (bonus > 0 ? 1 : 3) && sibling.total.chars >= (bonus > 0 ? 100 : 500)
            && sibling.total.linkDensity() < 0.2) {
            roots.push_back(c);
            continue;
        }
        if (sibling.tag == GUMBO_TAG_P
            || (sibling.tag == GUMBO_TAG_DIV && sibling.inlineChars == sibling.total.chars)) {
            const double density = sibling.total.linkDensity();
            const int length = sibling.total.chars;
            if ((length > 80 && density < 0.25)
                || (length > 0 && length <= 80 && density == 0 && endsSentence(Html::textOf(sibling.g)))) {
                roots.push_back(c);
            }
        }
    }
    return roots;
}

// Two class attributes naming the same kind of block: equal, or with the same first class
// ("story-body story-body-1" and "story-body story-body-2").
bool sameKind(const char *a, const char *b)
{
    if (a == nullptr || b == nullptr || *a == 0 || *b == 0) {
        return false;
    }
    const std::string_view x(a);
    const std::string_view y(b);
    const std::string_view firstX = x.substr(0, x.find(' '));
    return x == y || (firstX.size() >= 4 && firstX == y.substr(0, y.find(' ')));
}

// An article cut into several containers of the same kind by what the page puts between them
// (advertisements, a photo row), further apart than siblings: inside the article element that
// holds the top, the other blocks with its tag and kind of class, holding paragraphs rather than
// links, join it in document order.
void Extractor::addTwins(std::vector<int> *roots, int top, quint8 skip) const
{
    const char *topClass = Html::attribute(m_nodes[top].g, "class");
    if (topClass == nullptr || *topClass == 0) {
        return;
    }
    int scope = m_nodes[top].parent;
    for (int level = 0; scope > 0 && level < 6 && !isArticleUnit(m_nodes[scope]); ++level) {
        scope = m_nodes[scope].parent;
    }
    if (scope <= 0 || !isArticleUnit(m_nodes[scope])) {
        return;
    }
    auto covered = [&](int i) {
        return std::any_of(roots->begin(), roots->end(), [&](int r) { return i >= r && i < m_nodes[r].end; });
    };
    std::vector<int> twins;
    for (int i = scope + 1; i < m_nodes[scope].end;) {
        const Node &node = m_nodes[i];
        if ((node.flags & (Junk | skip)) || covered(i)
            || (i != top && isArticleUnit(node) && !(i < top && top < node.end))) {
            i = node.end;
            continue;
        }
        if (!node.text && node.tag == m_nodes[top].tag && !(i < top && top < node.end)
            && sameKind(topClass, Html::attribute(node.g, "class")) && node.total.paragraphs >= 1
            && node.total.chars >= 100 && node.total.linkDensity() < 0.25) {
            twins.push_back(i);
            i = node.end;
            continue;
        }
        ++i;
    }
    if (!twins.empty()) {
        roots->insert(roots->end(), twins.begin(), twins.end());
        std::sort(roots->begin(), roots->end());
    }
}

bool Extractor::shouldRemove(int index) const
{
    const Node &node = m_nodes[index];
    const Stats &s = node.total;
    if (node.classWeight < 0) {
        return !isProse(node);
    }
    if (s.commas >= 10) {
        return false;
    }
    const bool isList
        = node.tag == GUMBO_TAG_UL || node.tag == GUMBO_TAG_OL || (s.chars > 0 && double(s.listChars) / s.chars > 0.9);
    const int listItems = s.listItems - 100;
    const double headingDensity = s.chars > 0 ? double(s.headingChars) / s.chars : 0.0;
    const double linkDensity = s.linkDensity();
    const int weight = node.classWeight + ((node.flags & Strong) ? 25 : 0);
    bool remove = (s.images > 1 && double(s.paragraphs) / s.images < 0.5) || (!isList && listItems > s.paragraphs)
        || (s.inputs > s.paragraphs / 3)
        || (!isList && headingDensity < 0.9 && s.chars < 25 && (s.images == 0 || s.images > 2) && linkDensity > 0)
        || (!isList && weight < 25 && linkDensity > 0.2) || (weight >= 25 && linkDensity > 0.5)
        || (s.embeds == 1 && s.chars < 75) || s.embeds > 1;
    if (isList && remove && s.images > 0 && s.images == s.listItems) {
        remove = false; // a gallery
    }
    if (isList && remove && linkDensity < 0.5 && s.chars > 0) {
        remove = false; // a list in the text, not a list of links
    }
    if (isList && linkDensity > 0.5) {
        remove = true; // related stories, share buttons
    }
    return remove;
}

// A figure without paragraphs illustrates the text rather than continues it: a photo with its
// caption and credit in plain elements, a chart, a table of figures. So does a div holding one
// image and a line or two of text that is not a paragraph: a photo and its caption.
bool isIllustration(const Node &node)
{
    return (node.tag == GUMBO_TAG_FIGURE && node.total.paragraphs == 0)
        || (node.tag == GUMBO_TAG_DIV && node.total.images == 1 && node.total.paragraphs == 0 && node.total.chars > 0
            && node.total.chars < 300 && node.total.headingChars == 0);
}

void Extractor::removeNode(int index, int root)
{
    m_nodes[index].flags |= Removed;
    const Stats removed = m_nodes[index].total;
    for (int a = m_nodes[index].parent; a >= root && a >= 0; a = m_nodes[a].parent) {
        m_nodes[a].total.subtract(removed);
    }
}

void Extractor::cleanConditionally(int root, quint8 skip)
{
    // Deepest and last nodes first, as readability does, so that an outer container is judged on
    // what is left inside it.
    std::vector<char> alive(size_t(m_nodes[root].end - root), 1);
    std::vector<int> before(size_t(m_nodes[root].end - root), 0); // text before any removal
    for (int i = root + 1; i < m_nodes[root].end; ++i) {
        const Node &node = m_nodes[i];
        alive[size_t(i - root)] = char(alive[size_t(node.parent - root)] && !(node.flags & (Junk | skip)));
        before[size_t(i - root)] = node.total.chars;
    }
    // Teaser cards below each node, counted bottom-up (a card inside a card counts once).
    std::vector<int> cards(size_t(m_nodes[root].end - root), 0);
    std::vector<int> cardChars(size_t(m_nodes[root].end - root), 0);
    for (int i = m_nodes[root].end - 1; i > root; --i) {
        const Node &node = m_nodes[i];
        if (!alive[size_t(i - root)] || node.text) {
            continue;
        }
        const auto at = size_t(i - root);
        if (isCard(node)) {
            cards[at] = 1;
            cardChars[at] = node.total.chars;
        }
        if (node.parent > root) {
            cards[size_t(node.parent - root)] += cards[at];
            cardChars[size_t(node.parent - root)] += cardChars[at];
        }
    }
    auto cardList = [&](int i) {
        const auto at = size_t(i - root);
        return isCardList(cards[at], cardChars[at], m_nodes[i].total.chars);
    };
    // What is left of a block whose links were removed: the "Recommended" or "More for you" title
    // of a list of teasers, a lone "Advertisement" label. Paragraphs stay.
    auto isResidue = [&](int i) {
        const Stats &s = m_nodes[i].total;
        const int removed = before[size_t(i - root)] - s.chars;
        return removed > 0 && s.chars < 100 && removed >= 2 * s.chars && s.paragraphs == 0;
    };
    for (int i = m_nodes[root].end - 1; i > root; --i) {
        const Node &node = m_nodes[i];
        if (!alive[size_t(i - root)] || (node.flags & Removed) || node.text) {
            continue;
        }
        switch (node.tag) {
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_TD: // layout tables: the navigation column beside the text
        case GUMBO_TAG_FIGURE:
            if (shouldRemove(i) || isResidue(i) || isIllustration(node) || cardList(i)
                || ((node.flags & Card) && node.total.linkChars > 0 && node.total.chars < 500)) {
                removeNode(i, root);
            }
            break;
        case GUMBO_TAG_H1:
            removeNode(i, root);
            break;
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
            if (node.classWeight < 0 || node.total.linkDensity() > 0.5) {
                removeNode(i, root);
            }
            break;
        default:
            break;
        }
    }
}

bool sameText(const QString &a, const QString &b)
{
    return !a.isEmpty() && !b.isEmpty() && a.compare(b, Qt::CaseInsensitive) == 0;
}

QString Extractor::render(const std::vector<int> &roots, const QString &title, quint8 skip) const
{
    QByteArray out;
    std::vector<int> openBlocks;
    int preEnd = -1; // the end of the <pre> the walk is in, if any
    const QString plainTitle = Html::collapseWhitespace(title);
    for (const int root : roots) {
        out.append('\n');
        for (int i = root; i < m_nodes[root].end;) {
            while (!openBlocks.empty() && openBlocks.back() <= i) {
                openBlocks.pop_back();
                out.append('\n');
            }
            const Node &node = m_nodes[i];
            if (node.flags & (Junk | Removed | skip)) {
                i = node.end;
                continue;
            }
            if (node.text) {
                // A line break in the source is white space like any other ("A\n    web editor"),
                // except in preformatted text, whose lines stay lines.
                const QByteArrayView text(node.g->v.text.text);
                if (i < preEnd) {
                    out.append(text);
                } else {
                    const qsizetype from = out.size();
                    out.append(text);
                    std::replace_if(out.begin() + from, out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
                }
                ++i;
                continue;
            }
            if (node.tag == GUMBO_TAG_PRE) {
                preEnd = std::max(preEnd, node.end);
            }
            // A paragraph that is mostly a link is a "read more" teaser, not article text.
            if ((node.tag == GUMBO_TAG_P || isHeading(node.tag)) && node.total.linkDensity() > 0.6) {
                i = node.end;
                continue;
            }
            if (isHeading(node.tag) && sameText(Html::textOf(node.g), plainTitle)) {
                i = node.end;
                continue;
            }
            if (node.tag == GUMBO_TAG_BR) {
                out.append('\n');
            } else if (node.tag == GUMBO_TAG_TD || node.tag == GUMBO_TAG_TH) {
                out.append(' ');
            } else if (!isInline(node.tag)) {
                out.append('\n');
                openBlocks.push_back(node.end);
            }
            ++i;
        }
        while (!openBlocks.empty()) {
            openBlocks.pop_back();
            out.append('\n');
        }
    }
    QStringList paragraphs;
    for (const QString &line : QString::fromUtf8(out).split(QLatin1Char('\n'))) {
        const QString text = Html::collapseWhitespace(line);
        if (!text.isEmpty()) {
            paragraphs.append(text);
        }
    }
    trimBoilerplateLines(&paragraphs);
    return paragraphs.join(QStringLiteral("\n\n"));
}

QString Extractor::run(const Options &options, const QString &title)
{
    for (Node &node : m_nodes) {
        node.flags &= quint8(~Removed);
    }
    const quint8 skip = options.dropSoft ? quint8(Soft) : quint8(0);
    aggregate(skip);
    int top = chooseTop(m_nodes, skip, options.weighClasses);
    if (top < 0) {
        top = 0;
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            if (m_nodes[i].tag == GUMBO_TAG_BODY && !m_nodes[i].text) {
                top = int(i);
                break;
            }
        }
    }
    top = firstOfStream(top);
    std::vector<int> roots = mergeSiblings(top, skip);
    addTwins(&roots, top, skip);
    if (options.clean) {
        for (const int root : roots) {
            cleanConditionally(root, skip);
        }
    }
    return render(roots, title, skip);
}

} // namespace

QString extractArticle(const GumboNode *root, const QString &title)
{
    Extractor extractor(root);
    // As readability does: when little text comes out, try again with fewer rules. A retry wins only
    // when it finds much more text: short articles are common, and the looser rules let boilerplate in.
    static const Extractor::Options attempts[] = {
        { true, true, true },
        { false, true, true },
        { false, false, true },
        { false, false, false },
    };
    QString best;
    for (const Extractor::Options &options : attempts) {
        QString body = extractor.run(options, title);
        if (body.size() > 2 * best.size()) {
            best = std::move(body);
        }
        if (best.size() >= 500) {
            break;
        }
    }
    return best;
}

} // namespace Dossier::Core::Html
