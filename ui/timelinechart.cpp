#include "timelinechart.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace Dossier::Ui
{

namespace
{
constexpr int marginLeft = 36;
constexpr int marginRight = 8;
constexpr int marginTop = 8;
constexpr int marginBottom = 20;
} // namespace

TimelineChart::TimelineChart(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Articles per period"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void TimelineChart::setCounts(const Core::TimelineCounts &counts)
{
    m_counts = counts;
    m_most = 0;
    for (const Core::TimelineBucket &bucket : std::as_const(m_counts.buckets)) {
        m_most = std::max(m_most, bucket.articles);
    }
    m_dragStart = m_dragEnd = -1;
    update();
}

void TimelineChart::setRange(QDate from, QDate to)
{
    m_from = from;
    m_to = to;
    update();
}

QSize TimelineChart::sizeHint() const
{
    return { 480, 140 };
}

QSize TimelineChart::minimumSizeHint() const
{
    return { 160, 80 };
}

QRect TimelineChart::plotRect() const
{
    return rect().adjusted(marginLeft, marginTop, -marginRight, -marginBottom);
}

QRect TimelineChart::barRect(int index) const
{
    const qsizetype bars = m_counts.buckets.size();
    if (index < 0 || index >= bars) {
        return {};
    }
    const QRect plot = plotRect();
    const double step = double(plot.width()) / double(bars);
    const int left = plot.left() + int(index * step);
    const int right = plot.left() + int((index + 1) * step);
    return QRect(QPoint(left, plot.top()), QPoint(std::max(left, right - 1), plot.bottom()));
}

int TimelineChart::barAt(int x) const
{
    const qsizetype bars = m_counts.buckets.size();
    if (bars == 0) {
        return -1;
    }
    const QRect plot = plotRect();
    const double step = double(std::max(plot.width(), 1)) / double(bars);
    return int(std::clamp<qsizetype>(qsizetype((x - plot.left()) / step), 0, bars - 1));
}

QString TimelineChart::barToolTip(int index) const
{
    if (index < 0 || index >= m_counts.buckets.size()) {
        return {};
    }
    const Core::TimelineBucket &bucket = m_counts.buckets.at(index);
    return tr("%1: %n article(s)", nullptr, bucket.articles).arg(bucket.period);
}

bool TimelineChart::inRange(int index) const
{
    if (!m_from.isValid() && !m_to.isValid()) {
        return false;
    }
    const Core::TimelineBucket &bucket = m_counts.buckets.at(index);
    return (!m_from.isValid() || bucket.last >= m_from) && (!m_to.isValid() || bucket.first <= m_to);
}

bool TimelineChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int index = plotRect().contains(help->pos()) ? barAt(help->pos().x()) : -1;
        if (index >= 0) {
            QToolTip::showText(help->globalPos(), barToolTip(index), this, barRect(index));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void TimelineChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QRect plot = plotRect();
    painter.setPen(palette().color(QPalette::Text));
    if (m_counts.buckets.isEmpty()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("No dated articles"));
        return;
    }
    // The scale: the largest count at the top left, the baseline under the bars.
    painter.drawText(QRect(0, plot.top() - 4, marginLeft - 6, fontMetrics().height()), Qt::AlignRight | Qt::AlignTop,
        QString::number(m_most));
    painter.drawLine(plot.bottomLeft() + QPoint(0, 1), plot.bottomRight() + QPoint(0, 1));

    const int dragLow = std::min(m_dragStart, m_dragEnd);
    const int dragHigh = std::max(m_dragStart, m_dragEnd);
    const QColor bar = palette().color(QPalette::Highlight);
    QColor faded = bar;
    faded.setAlpha(90);
    const bool ranged = m_from.isValid() || m_to.isValid();
    for (int i = 0; i < m_counts.buckets.size(); ++i) {
        const QRect slot = barRect(i);
        const bool dragged = m_dragStart >= 0 && i >= dragLow && i <= dragHigh;
        if (dragged || inRange(i)) {
            QColor shade = palette().color(QPalette::Highlight);
            shade.setAlpha(dragged ? 60 : 35);
            painter.fillRect(slot, shade);
        }
        const int articles = m_counts.buckets.at(i).articles;
        if (articles == 0 || m_most == 0) {
            continue;
        }
        const int height = std::max(1, int(qint64(articles) * plot.height() / m_most));
        const int gap = slot.width() > 4 ? std::max(1, slot.width() / 6) : 0;
        const QRect drawn(slot.left() + gap / 2, plot.bottom() - height + 1, std::max(1, slot.width() - gap), height);
        painter.fillRect(drawn, !ranged || inRange(i) ? bar : faded);
    }
    // Period names under the bars, as many as fit without overlapping.
    const int labelWidth = fontMetrics().horizontalAdvance(m_counts.buckets.first().period) + 12;
    const double step = double(plot.width()) / double(m_counts.buckets.size());
    const int every = std::max(1, int(std::ceil(labelWidth / std::max(step, 1.0))));
    painter.setPen(palette().color(QPalette::Text));
    for (int i = 0; i < m_counts.buckets.size(); i += every) {
        const QRect slot = barRect(i);
        painter.drawText(QRect(slot.left(), plot.bottom() + 3, labelWidth, marginBottom - 3),
            Qt::AlignLeft | Qt::AlignVCenter, m_counts.buckets.at(i).period);
    }
}

void TimelineChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_counts.buckets.isEmpty()) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragStart = m_dragEnd = barAt(event->position().toPoint().x());
    update();
}

void TimelineChart::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragStart >= 0 && (event->buttons() & Qt::LeftButton)) {
        const int at = barAt(event->position().toPoint().x());
        if (at != m_dragEnd) {
            m_dragEnd = at;
            update();
        }
    }
    QWidget::mouseMoveEvent(event);
}

void TimelineChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_dragStart < 0) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_dragEnd = barAt(event->position().toPoint().x());
    const int low = std::min(m_dragStart, m_dragEnd);
    const int high = std::max(m_dragStart, m_dragEnd);
    m_dragStart = m_dragEnd = -1;
    update();
    Q_EMIT rangeChosen(m_counts.buckets.at(low).first, m_counts.buckets.at(high).last);
}

} // namespace Dossier::Ui
