#include "cooccurrencegraph.h"

#include "analysis/graphlayout.h"
#include "articlehighlighter.h"

#include <QFontMetrics>
#include <QHash>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Dossier::Ui
{

namespace
{

constexpr double kMargin = 24; // pixels around the fitted graph
constexpr double kMaxFitScale = 1.5; // a small graph is not blown up past this many pixels per point
constexpr double kMinZoom = 0.2;
constexpr double kMaxZoom = 20;

double segmentDistance(QPointF point, QPointF from, QPointF to)
{
    const QPointF along = to - from;
    const double length2 = QPointF::dotProduct(along, along);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(point - from, along) / length2, 0.0, 1.0) : 0.0;
    const QPointF nearest = from + t * along;
    return std::hypot(point.x() - nearest.x(), point.y() - nearest.y());
}

} // namespace

CooccurrenceGraph::CooccurrenceGraph(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAccessibleName(tr("Co-occurrence graph"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::ClickFocus);
}

CooccurrenceGraph::Drawing CooccurrenceGraph::layout(const Core::Cooccurrences &cooccurrences, int maxPairs)
{
    Drawing drawing;
    QHash<qint64, int> indexOf;
    QList<Core::GraphLayoutNode> nodes;
    QList<Core::GraphLayoutEdge> edges;
    const auto nodeOf = [&](const Core::EntitySummary &entity) {
        const auto found = indexOf.constFind(entity.id);
        if (found != indexOf.cend()) {
            return *found;
        }
        const int index = int(drawing.nodes.size());
        indexOf.insert(entity.id, index);
        drawing.nodes.append(entity);
        nodes.append({ entity.id, entity.name, double(entity.documents) });
        return index;
    };
    // The pairs come best ranked first: the graph keeps the strongest ones.
    const qsizetype drawn
        = maxPairs < 0 ? cooccurrences.pairs.size() : std::min<qsizetype>(maxPairs, cooccurrences.pairs.size());
    drawing.leftOut = int(cooccurrences.pairs.size() - drawn);
    for (qsizetype i = 0; i < drawn; ++i) {
        const Core::CooccurrencePair &pair = cooccurrences.pairs.at(i);
        const int a = nodeOf(pair.a);
        const int b = nodeOf(pair.b);
        drawing.edges.append({ a, b, pair.count, pair.npmi });
        edges.append({ a, b, std::max(pair.npmi, 0.0) });
    }
    const Core::GraphLayoutResult laid = Core::GraphLayout::compute(nodes, edges);
    if (!laid.ok) {
        drawing.error = laid.error;
        drawing.nodes.clear();
        drawing.edges.clear();
        return drawing;
    }
    drawing.positions = laid.positions;
    drawing.diameters = laid.diameters;
    drawing.bounds = laid.bounds;
    return drawing;
}

void CooccurrenceGraph::setDrawing(const Drawing &drawing)
{
    m_drawing = drawing;
    m_hoverEdge = -1;
    resetView();
}

void CooccurrenceGraph::resetView()
{
    m_zoom = 1;
    m_pan = QPointF();
    update();
}

QSize CooccurrenceGraph::sizeHint() const
{
    return { 420, 320 };
}

QSize CooccurrenceGraph::minimumSizeHint() const
{
    return { 160, 120 };
}

QTransform CooccurrenceGraph::toWidget() const
{
    const QRectF bounds = m_drawing.bounds;
    double fit = kMaxFitScale;
    if (bounds.width() > 0 && bounds.height() > 0) {
        fit = std::min({ fit, std::max(width() - 2 * kMargin, 1.0) / bounds.width(),
            std::max(height() - 2 * kMargin, 1.0) / bounds.height() });
    }
    const double scale = fit * m_zoom;
    QTransform transform;
    transform.translate(width() / 2.0 + m_pan.x(), height() / 2.0 + m_pan.y());
    transform.scale(scale, -scale); // Graphviz's y grows upwards
    transform.translate(-bounds.center().x(), -bounds.center().y());
    return transform;
}

double CooccurrenceGraph::nodeRadius(int index) const
{
    return std::max(4.0, m_drawing.diameters.value(index) / 2 * toWidget().m11());
}

double CooccurrenceGraph::edgeWidth(int index) const
{
    return 1.0 + 4.0 * std::clamp(m_drawing.edges.at(index).npmi, 0.0, 1.0);
}

QPointF CooccurrenceGraph::nodeCentre(int index) const
{
    return toWidget().map(m_drawing.positions.value(index));
}

QPointF CooccurrenceGraph::edgeMiddle(int index) const
{
    const Drawing::Edge &edge = m_drawing.edges.at(index);
    return (nodeCentre(edge.a) + nodeCentre(edge.b)) / 2;
}

int CooccurrenceGraph::nodeAt(QPointF point) const
{
    // The last painted (topmost) node first.
    for (int i = nodeCount() - 1; i >= 0; --i) {
        const QPointF centre = nodeCentre(i);
        if (std::hypot(point.x() - centre.x(), point.y() - centre.y()) <= nodeRadius(i)) {
            return i;
        }
    }
    return -1;
}

int CooccurrenceGraph::edgeAt(QPointF point) const
{
    if (nodeAt(point) >= 0) {
        return -1;
    }
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < edgeCount(); ++i) {
        const Drawing::Edge &edge = m_drawing.edges.at(i);
        const double distance = segmentDistance(point, nodeCentre(edge.a), nodeCentre(edge.b));
        if (distance <= std::max(4.0, edgeWidth(i) / 2 + 2) && (best < 0 || distance < bestDistance)) {
            best = i;
            bestDistance = distance;
        }
    }
    return best;
}

bool CooccurrenceGraph::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QLocale locale;
        if (const int node = nodeAt(help->pos()); node >= 0) {
            const Core::EntitySummary &entity = m_drawing.nodes.at(node);
            QToolTip::showText(help->globalPos(), tr("%1: in %2").arg(entity.name).arg(entity.documents), this);
        } else if (const int edge = edgeAt(help->pos()); edge >= 0) {
            const Drawing::Edge &line = m_drawing.edges.at(edge);
            QToolTip::showText(help->globalPos(),
                tr("%1 and %2: together %3, NPMI %4 (click to list their articles)")
                    .arg(m_drawing.nodes.at(line.a).name, m_drawing.nodes.at(line.b).name)
                    .arg(line.count)
                    .arg(locale.toString(line.npmi, 'f', 2)),
                this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void CooccurrenceGraph::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_drawing.nodes.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
            m_drawing.error.isEmpty() ? tr("No pairs to draw")
                                      : tr("Cannot lay out the graph: %1").arg(m_drawing.error));
        return;
    }
    const QColor ink = palette().color(QPalette::Text);
    for (int i = 0; i < edgeCount(); ++i) {
        const Drawing::Edge &edge = m_drawing.edges.at(i);
        QColor colour = i == m_hoverEdge ? palette().color(QPalette::Highlight) : ink;
        colour.setAlphaF(i == m_hoverEdge ? 1.0f : float(0.2 + 0.6 * std::clamp(edge.npmi, 0.0, 1.0)));
        painter.setPen(QPen(colour, edgeWidth(i) + (i == m_hoverEdge ? 1 : 0), Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(nodeCentre(edge.a), nodeCentre(edge.b));
    }
    const QFontMetrics metrics(font());
    for (int i = 0; i < nodeCount(); ++i) {
        const Core::EntitySummary &entity = m_drawing.nodes.at(i);
        const QPointF centre = nodeCentre(i);
        const double radius = nodeRadius(i);
        painter.setPen(QPen(ink, 1));
        painter.setBrush(ArticleHighlighter::typeColor(entity.type));
        painter.drawEllipse(centre, radius, radius);
        const QString label = metrics.elidedText(entity.name, Qt::ElideRight, 160);
        painter.drawText(centre + QPointF(radius + 3, metrics.ascent() / 2.0 - 1), label);
    }
    if (m_drawing.leftOut > 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(4, 4, -4, -4), Qt::AlignLeft | Qt::AlignBottom,
            tr("%n weaker pair(s) not drawn", nullptr, m_drawing.leftOut));
    }
}

void CooccurrenceGraph::wheelEvent(QWheelEvent *event)
{
    if (m_drawing.nodes.isEmpty() || event->angleDelta().y() == 0) {
        event->ignore();
        return;
    }
    // Zoom about the pointer: the graph point under it stays under it.
    const QPointF at = event->position();
    const QPointF graphPoint = toWidget().inverted().map(at);
    m_zoom = std::clamp(m_zoom * std::pow(1.0015, event->angleDelta().y()), kMinZoom, kMaxZoom);
    m_pan += at - toWidget().map(graphPoint);
    update();
    event->accept();
}

void CooccurrenceGraph::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragged = false;
    m_pressAt = event->position();
    m_panAtPress = m_pan;
}

void CooccurrenceGraph::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressed) {
        const QPointF moved = event->position() - m_pressAt;
        if (m_dragged || moved.manhattanLength() > 4) {
            m_dragged = true;
            m_pan = m_panAtPress + moved;
            setCursor(Qt::ClosedHandCursor);
            update();
        }
        return;
    }
    const int edge = edgeAt(event->position());
    if (edge != m_hoverEdge) {
        m_hoverEdge = edge;
        setCursor(edge >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void CooccurrenceGraph::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    unsetCursor();
    if (m_dragged) {
        return;
    }
    if (const int edge = edgeAt(event->position()); edge >= 0) {
        const Drawing::Edge &line = m_drawing.edges.at(edge);
        Q_EMIT pairActivated(m_drawing.nodes.at(line.a), m_drawing.nodes.at(line.b));
    }
}

} // namespace Dossier::Ui
