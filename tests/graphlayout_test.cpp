// GraphLayout: Graphviz's fdp places the nodes of a weighted graph, the same way every time.

#include "analysis/graphlayout.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QTest>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

using namespace Dossier::Core;
using namespace Qt::StringLiterals;

namespace
{

// Two triangles joined by one edge, and a pair off on its own.
QList<GraphLayoutNode> sampleNodes()
{
    QList<GraphLayoutNode> nodes;
    for (int i = 0; i < 8; ++i) {
        nodes.append({ 100 + i, u"node %1"_s.arg(i), double(1 + i % 3) });
    }
    return nodes;
}

QList<GraphLayoutEdge> sampleEdges()
{
    return {
        { 0, 1, 0.9 },
        { 1, 2, 0.8 },
        { 0, 2, 0.7 },
        { 3, 4, 0.9 },
        { 4, 5, 0.6 },
        { 3, 5, 0.8 },
        { 2, 3, 0.2 },
        { 6, 7, 1.0 },
    };
}

double distance(QPointF a, QPointF b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

} // namespace

class GraphLayoutTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyGraph();
    void oneNode();
    void positionsAreFiniteAndInsideTheBounds();
    void sameInputSameLayout();
    void connectedNodesAreCloser();
    void heavierNodesAreLarger();
    void badEdgesAreIgnored();
    void layoutsFromSeveralThreads();
    void aFewHundredNodes();
};

void GraphLayoutTest::emptyGraph()
{
    const GraphLayoutResult result = GraphLayout::compute({}, {});
    QVERIFY(result.ok);
    QVERIFY(result.positions.isEmpty());
    QVERIFY(result.diameters.isEmpty());
    QVERIFY(result.bounds.isEmpty());
}

void GraphLayoutTest::oneNode()
{
    const GraphLayoutResult result = GraphLayout::compute({ { 1, u"alone"_s, 3 } }, {});
    QVERIFY(result.ok);
    QCOMPARE(result.positions.size(), 1);
    QCOMPARE(result.positions.first(), QPointF(0, 0));
    QCOMPARE(result.diameters.size(), 1);
    QVERIFY(result.diameters.first() > 0);
    QVERIFY(result.bounds.contains(result.positions.first()));
    QCOMPARE(result.bounds.width(), result.diameters.first());
}

void GraphLayoutTest::positionsAreFiniteAndInsideTheBounds()
{
    const QList<GraphLayoutNode> nodes = sampleNodes();
    const GraphLayoutResult result = GraphLayout::compute(nodes, sampleEdges());
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.positions.size(), nodes.size());
    QCOMPARE(result.diameters.size(), nodes.size());
    QVERIFY(!result.bounds.isEmpty());
    for (qsizetype i = 0; i < result.positions.size(); ++i) {
        const QPointF at = result.positions.at(i);
        QVERIFY(std::isfinite(at.x()) && std::isfinite(at.y()));
        QVERIFY(result.bounds.adjusted(-0.01, -0.01, 0.01, 0.01).contains(at));
    }
    // No two nodes on top of each other.
    for (qsizetype i = 0; i < result.positions.size(); ++i) {
        for (qsizetype j = i + 1; j < result.positions.size(); ++j) {
            QVERIFY(distance(result.positions.at(i), result.positions.at(j)) > 1.0);
        }
    }
}

void GraphLayoutTest::sameInputSameLayout()
{
    const GraphLayoutResult first = GraphLayout::compute(sampleNodes(), sampleEdges());
    const GraphLayoutResult second = GraphLayout::compute(sampleNodes(), sampleEdges());
    QVERIFY(first.ok && second.ok);
    QCOMPARE(first.positions, second.positions);
    // Exactly, not only within QPointF's fuzzy comparison.
    for (qsizetype i = 0; i < first.positions.size(); ++i) {
        QVERIFY(first.positions.at(i).x() == second.positions.at(i).x());
        QVERIFY(first.positions.at(i).y() == second.positions.at(i).y());
    }
    QCOMPARE(first.bounds, second.bounds);
}

void GraphLayoutTest::connectedNodesAreCloser()
{
    const QList<GraphLayoutNode> nodes = sampleNodes();
    const QList<GraphLayoutEdge> edges = sampleEdges();
    const GraphLayoutResult result = GraphLayout::compute(nodes, edges);
    QVERIFY(result.ok);
    const auto joined = [&](int a, int b) {
        return std::any_of(edges.cbegin(), edges.cend(), [&](const GraphLayoutEdge &edge) {
            return (edge.from == a && edge.to == b) || (edge.from == b && edge.to == a);
        });
    };
    double connected = 0;
    int connectedPairs = 0;
    double unconnected = 0;
    int unconnectedPairs = 0;
    for (int a = 0; a < nodes.size(); ++a) {
        for (int b = a + 1; b < nodes.size(); ++b) {
            const double d = distance(result.positions.at(a), result.positions.at(b));
            if (joined(a, b)) {
                connected += d;
                ++connectedPairs;
            } else {
                unconnected += d;
                ++unconnectedPairs;
            }
        }
    }
    QCOMPARE(connectedPairs, edges.size());
    QVERIFY2(connected / connectedPairs < unconnected / unconnectedPairs,
        qPrintable(
            u"connected %1, unconnected %2"_s.arg(connected / connectedPairs).arg(unconnected / unconnectedPairs)));
}

void GraphLayoutTest::heavierNodesAreLarger()
{
    const GraphLayoutResult result = GraphLayout::compute(
        { { 1, u"light"_s, 1 }, { 2, u"middle"_s, 4 }, { 3, u"heavy"_s, 9 } }, { { 0, 1, 0.5 } });
    QVERIFY(result.ok);
    QVERIFY(result.diameters.at(0) < result.diameters.at(1));
    QVERIFY(result.diameters.at(1) < result.diameters.at(2));
}

void GraphLayoutTest::badEdgesAreIgnored()
{
    const GraphLayoutResult result = GraphLayout::compute({ { 1, u"a"_s, 1 }, { 2, u"b"_s, 1 } },
        { { 0, 5, 0.5 }, { -1, 1, 0.5 }, { 1, 1, 0.5 }, { 0, 1, std::nan("") } });
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.positions.size(), 2);
    QVERIFY(distance(result.positions.at(0), result.positions.at(1)) > 1.0);
}

void GraphLayoutTest::layoutsFromSeveralThreads()
{
    // Graphviz is not thread-safe: concurrent callers are serialised and all get the same answer.
    const GraphLayoutResult expected = GraphLayout::compute(sampleNodes(), sampleEdges());
    QList<QFuture<GraphLayoutResult>> futures;
    for (int i = 0; i < 4; ++i) {
        futures.append(QtConcurrent::run([] { return GraphLayout::compute(sampleNodes(), sampleEdges()); }));
    }
    for (QFuture<GraphLayoutResult> &future : futures) {
        const GraphLayoutResult result = future.result();
        QVERIFY(result.ok);
        QCOMPARE(result.positions, expected.positions);
    }
}

void GraphLayoutTest::aFewHundredNodes()
{
    // 300 nodes in 30 groups of ten, each group a ring with a chord, the groups joined in a ring.
    QList<GraphLayoutNode> nodes;
    QList<GraphLayoutEdge> edges;
    for (int i = 0; i < 300; ++i) {
        nodes.append({ i, u"entity %1"_s.arg(i), double(1 + (i * 7) % 13) });
        const int group = i / 10;
        const int next = group * 10 + (i % 10 + 1) % 10;
        edges.append({ i, next, 0.8 });
        if (i % 10 == 0) {
            edges.append({ i, i + 5, 0.6 });
            edges.append({ i, (i + 10) % 300, 0.1 });
        }
    }
    QElapsedTimer timer;
    timer.start();
    const GraphLayoutResult result = GraphLayout::compute(nodes, edges);
    const qint64 elapsed = timer.elapsed();
    qInfo("300 nodes, %d edges laid out in %lld ms", int(edges.size()), elapsed);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.positions.size(), 300);
    for (const QPointF &at : result.positions) {
        QVERIFY(std::isfinite(at.x()) && std::isfinite(at.y()));
    }
    // A generous bound (the shared build machine is often loaded): far beyond what it takes.
    QVERIFY2(elapsed < 30000, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

QTEST_GUILESS_MAIN(GraphLayoutTest)
#include "graphlayout_test.moc"
