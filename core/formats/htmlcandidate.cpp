#include "formats/htmlhints.h"
#include "formats/htmlnodes_p.h"

#include <algorithm>

// The choice of the article's container among the nodes of a page.
namespace Dossier::Core::Html::Extraction
{

int chooseTop(std::vector<Node> &nodes, quint8 skip, bool weighClasses)
{
    for (Node &node : nodes) {
        node.score = 0;
        node.scored = false;
    }
    auto initialise = [&](Node &node) {
        if (node.scored) {
            return;
        }
        node.scored = true;
        switch (node.tag) {
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_MAIN:
            node.score = 5;
            break;
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_BLOCKQUOTE:
            node.score = 3;
            break;
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_FORM:
            node.score = -3;
            break;
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_TH:
            node.score = -5;
            break;
        default:
            break;
        }
        if (weighClasses) {
            node.score += node.classWeight + ((node.flags & Strong) ? 25 : 0);
        }
    };
    // Score paragraph-like blocks and hand the score to their ancestors, fading with distance.
    for (size_t i = 1; i < nodes.size();) {
        const Node &node = nodes[i];
        if (node.flags & (Junk | skip)) {
            i = size_t(node.end);
            continue;
        }
        ++i;
        if (node.text) {
            continue;
        }
        int length = 0;
        if (node.tag == GUMBO_TAG_P || node.tag == GUMBO_TAG_PRE || node.tag == GUMBO_TAG_TD) {
            length = node.total.chars;
        } else if (node.tag == GUMBO_TAG_DIV || node.tag == GUMBO_TAG_SECTION || node.tag == GUMBO_TAG_ARTICLE) {
            length = node.inlineChars; // text directly in a div counts as a paragraph
        }
        if (length < 25) {
            continue;
        }
        const double score = 1.0 + std::min(node.total.commas, 30) + std::min(length / 100, 3);
        int ancestor = node.parent;
        for (int level = 0; ancestor >= 0 && level < 5; ++level) {
            Node &a = nodes[ancestor];
            if (a.tag == GUMBO_TAG_HTML || a.g->type != GUMBO_NODE_ELEMENT) {
                break;
            }
            initialise(a);
            a.score += level == 0 ? score : level == 1 ? score / 2 : score / (level * 3);
            ancestor = a.parent;
        }
    }
    int top = -1;
    std::vector<int> best;
    for (size_t i = 0; i < nodes.size(); ++i) {
        Node &node = nodes[i];
        if (!node.scored) {
            continue;
        }
        node.score *= 1.0 - node.total.linkDensity();
        best.push_back(int(i));
    }
    std::sort(best.begin(), best.end(), [&nodes](int a, int b) { return nodes[a].score > nodes[b].score; });
    if (best.empty()) {
        return -1;
    }
    top = best.front();
    if (nodes[top].tag == GUMBO_TAG_BODY) {
        return top;
    }
    // Several near-best candidates sharing an ancestor: the article is split, take the ancestor.
    int rivals = 0;
    std::vector<int> counts;
    std::vector<int> topAncestors;
    for (int a = nodes[top].parent; a > 0; a = nodes[a].parent) {
        topAncestors.push_back(a);
    }
    counts.assign(topAncestors.size(), 0);
    for (size_t k = 1; k < best.size() && k < 5; ++k) {
        const int other = best[k];
        if (nodes[other].score < nodes[top].score * 0.75) {
            continue;
        }
        ++rivals;
        for (size_t j = 0; j < topAncestors.size(); ++j) {
            const int a = topAncestors[j];
            if (other > a && other < nodes[a].end) {
                ++counts[j];
            }
        }
    }
    if (rivals >= 3) {
        for (size_t j = 0; j < topAncestors.size(); ++j) {
            if (counts[j] >= 3 && nodes[topAncestors[j]].tag != GUMBO_TAG_BODY) {
                top = topAncestors[j];
                initialise(nodes[top]);
                break;
            }
        }
    }
    // Climb while a parent scores higher: the article may span several scored containers.
    double lastScore = nodes[top].score;
    const double threshold = lastScore / 3;
    for (int parent = nodes[top].parent; parent > 0 && nodes[parent].tag != GUMBO_TAG_BODY;
        parent = nodes[parent].parent) {
        if (!nodes[parent].scored) {
            continue;
        }
        const double parentScore = nodes[parent].score;
        if (parentScore < threshold) {
            break;
        }
        if (parentScore > lastScore) {
            top = parent;
            break;
        }
        lastScore = parentScore;
    }
    // An only child says nothing more than its parent.
    while (nodes[top].parent > 0 && nodes[nodes[top].parent].tag != GUMBO_TAG_BODY) {
        const int parent = nodes[top].parent;
        int elements = 0;
        for (int c = parent + 1; c < nodes[parent].end; c = nodes[c].end) {
            if (!nodes[c].text && !(nodes[c].flags & Junk)) {
                ++elements;
            }
        }
        if (elements != 1) {
            break;
        }
        top = parent;
    }
    return top;
}

} // namespace Dossier::Core::Html::Extraction
