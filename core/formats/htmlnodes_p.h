#pragma once

#include <QtGlobal>

#include <gumbo.h>
#include <vector>

// The flattened tree the article extractor works on (preorder, one entry per node), shared by the
// extractor's files. Private to core/formats.
namespace Dossier::Core::Html::Extraction
{

// Per-node statistics over the kept (non-junk) part of a subtree.
struct Stats {
    int chars = 0; //!< non-space characters of text
    int linkChars = 0; //!< of which inside <a>
    int commas = 0;
    int paragraphs = 0; //!< <p> elements
    int images = 0;
    int listItems = 0;
    int inputs = 0;
    int embeds = 0;
    int headingChars = 0;
    int listChars = 0; //!< text inside <ul>/<ol>
    int strong = 0; //!< semantic article-body markers inside (itemprop=articleBody, <article>…)

    void add(const Stats &o)
    {
        chars += o.chars;
        linkChars += o.linkChars;
        commas += o.commas;
        paragraphs += o.paragraphs;
        images += o.images;
        listItems += o.listItems;
        inputs += o.inputs;
        embeds += o.embeds;
        headingChars += o.headingChars;
        listChars += o.listChars;
        strong += o.strong;
    }
    void subtract(const Stats &o)
    {
        chars -= o.chars;
        linkChars -= o.linkChars;
        commas -= o.commas;
        paragraphs -= o.paragraphs;
        images -= o.images;
        listItems -= o.listItems;
        inputs -= o.inputs;
        embeds -= o.embeds;
        headingChars -= o.headingChars;
        listChars -= o.listChars;
        strong -= o.strong;
    }
    double linkDensity() const { return chars > 0 ? double(linkChars) / chars : 0.0; }
};

enum Flag : quint8 {
    Junk = 1, //!< never part of the article (scripts, navigation, hidden…)
    Soft = 2, //!< boilerplate by its class/id or tag, unless it holds the article
    Strong = 4, //!< marks an article body (itemprop=articleBody, <article>, "article-body"…)
    Removed = 8, //!< dropped while cleaning the chosen container
    Comment = 16, //!< a comment thread by its class/id
    SoftIfSmall = 32, //!< share bars, captions, bylines…: boilerplate whatever else the class says, when short
    Prompt = 64, //!< cookie notices, newsletter and subscription prompts, pop-ups by their class/id
    Card = 128, //!< a "card" by its class: the teaser of another page
};

struct Node {
    const GumboNode *g = nullptr;
    int parent = -1;
    int end = 0; //!< one past the last descendant, in preorder
    GumboTag tag = GUMBO_TAG_UNKNOWN; //!< GUMBO_TAG_UNKNOWN for text
    bool text = false;
    quint8 flags = 0;
    int classWeight = 0;
    int inlineChars = 0; //!< text not inside a block-level child (a "div used as a paragraph")
    Stats own; //!< this node's own contribution (its text, or itself as <p>, <img>…)
    Stats total;
    double score = 0;
    bool scored = false;
};

/*! The node whose subtree holds the article: readability-style scores of paragraph-like blocks
    handed to their ancestors, weighed by link density (and by class/id and semantic hints when
    \a weighClasses), then widened to a shared ancestor when the article is split. Leaves the
    scores in the nodes (mergeSiblings() reads them). Subtrees flagged \a skip or Junk are left
    out. -1 when nothing scores. */
int chooseTop(std::vector<Node> &nodes, quint8 skip, bool weighClasses);

} // namespace Dossier::Core::Html::Extraction
