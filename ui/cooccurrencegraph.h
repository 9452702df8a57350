#pragma once

#include "store/cooccurrencequery.h"

#include <QPointF>
#include <QRectF>
#include <QTransform>
#include <QWidget>

namespace Dossier::Ui
{

/*!
    \brief Who appears with whom as a graph (painted here): each entity of the pairs a circle sized by
    its count and coloured by its type, each pair a line as thick and as dark as its NPMI, laid out by
    Core::GraphLayout (Graphviz). Hovering shows a node's or an edge's numbers; clicking an edge emits
    pairActivated(); the wheel zooms about the pointer and dragging moves the graph.
*/
class CooccurrenceGraph final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CooccurrenceGraph)
public:
    /*! \brief A laid-out graph, made off the GUI thread by layout(). */
    struct Drawing {
        struct Edge {
            int a = 0; //!< index into nodes
            int b = 0;
            int count = 0;
            double npmi = 0;
        };
        QList<Core::EntitySummary> nodes; //!< documents: the entity's units
        QList<QPointF> positions; //!< Graphviz points, y up
        QList<double> diameters; //!< points
        QList<Edge> edges;
        QRectF bounds;
        int leftOut = 0; //!< pairs not drawn (past maxPairs)
        QString error; //!< the layout failed (nothing drawn)
    };

    explicit CooccurrenceGraph(QWidget *parent = nullptr);

    /*! The graph of \a cooccurrences' best \a maxPairs pairs, laid out (slow: call it off the GUI thread). */
    static Drawing layout(const Core::Cooccurrences &cooccurrences, int maxPairs);

    void setDrawing(const Drawing &drawing);
    const Drawing &drawing() const { return m_drawing; }
    int nodeCount() const { return int(m_drawing.nodes.size()); }
    int edgeCount() const { return int(m_drawing.edges.size()); }

    /*! Node \a index's centre in widget coordinates. */
    QPointF nodeCentre(int index) const;
    /*! The middle of edge \a index's line in widget coordinates. */
    QPointF edgeMiddle(int index) const;
    /*! The node under \a point, or -1. */
    int nodeAt(QPointF point) const;
    /*! The edge under \a point (not on a node), or -1. */
    int edgeAt(QPointF point) const;
    /*! How far the analyst zoomed in (1: the whole graph fits). */
    double zoom() const { return m_zoom; }
    /*! Fits the whole graph in the widget again. */
    void resetView();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /*! An edge was clicked: the pair of entities \a a and \a b. */
    void pairActivated(const Dossier::Core::EntitySummary &a, const Dossier::Core::EntitySummary &b);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QTransform toWidget() const;
    double nodeRadius(int index) const;
    double edgeWidth(int index) const;

    Drawing m_drawing;
    double m_zoom = 1;
    QPointF m_pan; //!< widget pixels
    QPointF m_pressAt;
    QPointF m_panAtPress;
    bool m_pressed = false;
    bool m_dragged = false;
    int m_hoverEdge = -1;
};

} // namespace Dossier::Ui
