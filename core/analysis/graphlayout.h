#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace Dossier::Core
{

/*! \brief A node to lay out: \c weight (e.g. how often the entity appears) sizes it. */
struct GraphLayoutNode {
    qint64 id = 0; //!< the caller's id, handed back unchanged
    QString label;
    double weight = 1;
};

/*! \brief An undirected edge between nodes \c from and \c to (indexes into the node list);
    \c strength in [0, 1]: the stronger, the shorter the edge is laid out. */
struct GraphLayoutEdge {
    int from = 0;
    int to = 0;
    double strength = 0.5;
};

/*! \brief Where the nodes went: positions[i] is node i's centre, in points (1/72 inch, to 1/100 point),
    inside bounds. */
struct GraphLayoutResult {
    QList<QPointF> positions;
    QList<double> diameters; //!< node i's diameter as laid out (from its weight), in points
    QRectF bounds; //!< every node's circle fits in it; empty for no nodes
    bool ok = true;
    QString error; //!< what Graphviz said when it failed
};

/*!
    \brief A force-directed layout of a weighted graph by Graphviz (fdp, a spring model), for drawing who
    appears with whom.

    The same nodes and edges give the same positions: fdp starts from positions drawn with a fixed seed,
    and the positions are rounded to 1/100 point (below which fdp's answers vary from call to call in
    the last bits); its iterations are capped so a few hundred nodes take well under a second. Nodes are circles
    sized by weight (the heaviest 0.8 inch across, the lightest 0.3) kept from overlapping; separate
    components are packed side by side. Graphviz's context is not thread-safe: calls from any thread
    are serialised. (fdp rather than neato: neato in Graphviz 2.42 leaks a little on every layout.)
*/
namespace GraphLayout
{

/*! Lays out \a nodes joined by \a edges (edges naming a node out of range, or one node twice, are
    ignored). An empty graph gives an empty result; a single node sits at the origin. */
GraphLayoutResult compute(const QList<GraphLayoutNode> &nodes, const QList<GraphLayoutEdge> &edges);

} // namespace GraphLayout

} // namespace Dossier::Core
