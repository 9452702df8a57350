#include "graphlayout.h"

#include <QByteArray>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>
#include <gvc.h>
#include <memory>

namespace Dossier::Core::GraphLayout
{

namespace
{

// Graphviz keeps global state (its error handler, the current graph, plugin tables): one layout at a time.
QMutex &graphvizMutex()
{
    static QMutex mutex;
    return mutex;
}

// One context for the process, made on first use and never freed: gvContext() reads the plugin
// configuration, and gvFreeContext() does not give all of it back (LeakSanitizer sees the rest).
GVC_t *graphvizContext()
{
    static GVC_t *const context = gvContext();
    return context;
}

constexpr double kMinDiameter = 0.3; // inches
constexpr double kMaxDiameter = 0.8;
constexpr double kPointsPerInch = 72.0;

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 3);
}

void set(void *object, const char *name, const QByteArray &value)
{
    // agsafeset declares the attribute (default empty) the first time, so any object can set it.
    QByteArray key(name);
    QByteArray text(value);
    QByteArray empty;
    agsafeset(object, key.data(), text.data(), empty.data());
}

struct GraphDeleter {
    void operator()(Agraph_t *graph) const { agclose(graph); }
};

} // namespace

GraphLayoutResult compute(const QList<GraphLayoutNode> &nodes, const QList<GraphLayoutEdge> &edges)
{
    GraphLayoutResult result;
    if (nodes.isEmpty()) {
        return result;
    }
    double maxWeight = nodes.first().weight;
    double minWeight = nodes.first().weight;
    for (const GraphLayoutNode &node : nodes) {
        maxWeight = std::max(maxWeight, node.weight);
        minWeight = std::min(minWeight, node.weight);
    }
    result.diameters.reserve(nodes.size());
    for (const GraphLayoutNode &node : nodes) {
        // By area: the square root of the weight's place between the lightest and the heaviest node.
        const double share = maxWeight > minWeight ? (node.weight - minWeight) / (maxWeight - minWeight) : 1.0;
        result.diameters.append(
            (kMinDiameter + (kMaxDiameter - kMinDiameter) * std::sqrt(std::clamp(share, 0.0, 1.0))) * kPointsPerInch);
    }
    if (nodes.size() == 1) {
        const double radius = result.diameters.first() / 2;
        result.positions = { QPointF(0, 0) };
        result.bounds = QRectF(-radius, -radius, 2 * radius, 2 * radius);
        return result;
    }

    const QMutexLocker locker(&graphvizMutex());
    GVC_t *const context = graphvizContext();
    QByteArray graphName("g");
    const std::unique_ptr<Agraph_t, GraphDeleter> graph(agopen(graphName.data(), Agundirected, nullptr));
    if (!context || !graph) {
        result.ok = false;
        result.error = QStringLiteral("Graphviz could not start");
        return result;
    }
    Agraph_t *g = graph.get();
    set(g, "start", "7"); // random initial positions from this seed: the same input, the same layout
    set(g, "maxiter", "600");
    set(g, "overlap", "prism");
    set(g, "pack", "true");
    set(g, "splines", "false");

    QList<Agnode_t *> made;
    made.reserve(nodes.size());
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        QByteArray name = "n" + QByteArray::number(i);
        Agnode_t *node = agnode(g, name.data(), 1);
        const QByteArray inches = number(result.diameters.at(i) / kPointsPerInch);
        set(node, "shape", "circle");
        set(node, "fixedsize", "true");
        set(node, "label", "");
        set(node, "width", inches);
        set(node, "height", inches);
        made.append(node);
    }
    for (const GraphLayoutEdge &edge : edges) {
        if (edge.from < 0 || edge.to < 0 || edge.from >= made.size() || edge.to >= made.size()
            || edge.from == edge.to) {
            continue;
        }
        const double strength = std::clamp(std::isfinite(edge.strength) ? edge.strength : 0.0, 0.0, 1.0);
        Agedge_t *link = agedge(g, made.at(edge.from), made.at(edge.to), nullptr, 1);
        set(link, "len", number(0.9 + 1.6 * (1.0 - strength)));
        set(link, "weight", number(1.0 + 2.0 * strength));
    }

    if (gvLayout(context, g, "fdp") != 0) {
        result.ok = false;
        const char *message = aglasterr();
        result.error
            = message ? QString::fromUtf8(message).trimmed() : QStringLiteral("Graphviz could not lay out the graph");
        return result;
    }
    result.positions.reserve(nodes.size());
    for (Agnode_t *node : std::as_const(made)) {
        // fdp's answers differ from one call to the next in the last bits (its state between calls):
        // to 1/100 point they are the same every time.
        const pointf point = ND_coord(node);
        result.positions.append(QPointF(std::round(point.x * 100) / 100, std::round(point.y * 100) / 100));
    }
    gvFreeLayout(context, g);

    QRectF bounds;
    for (qsizetype i = 0; i < result.positions.size(); ++i) {
        const double radius = result.diameters.at(i) / 2;
        const QPointF at = result.positions.at(i);
        bounds |= QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius);
    }
    result.bounds = bounds;
    return result;
}

} // namespace Dossier::Core::GraphLayout
