#pragma once

#include "store/timelinequery.h"

#include <QDate>
#include <QWidget>

namespace Dossier::Ui
{

/*!
    \brief Articles per period as bars (painted here, no QtCharts). Hovering a bar shows its period
    and count; dragging across bars chooses a range of periods (rangeChosen()); the filter's
    current range is shaded (setRange()).
*/
class TimelineChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineChart)
public:
    explicit TimelineChart(QWidget *parent = nullptr);

    void setCounts(const Core::TimelineCounts &counts);
    const Core::TimelineCounts &counts() const { return m_counts; }
    /*! The publication period the list is narrowed to (invalid dates: no bound); bars inside are shaded. */
    void setRange(QDate from, QDate to);

    /*! Where bar \a index is painted (its full height, so a click anywhere above it picks it). */
    QRect barRect(int index) const;
    /*! The bar under \a x (clamped to the first and last), or -1 when there are none. */
    int barAt(int x) const;
    /*! "2026-02: 3 articles" for bar \a index. */
    QString barToolTip(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /*! The analyst dragged (or clicked) across bars: the first day of the first to the last day of the last. */
    void rangeChosen(QDate from, QDate to);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QRect plotRect() const;
    bool inRange(int index) const;

    Core::TimelineCounts m_counts;
    int m_most = 0;
    QDate m_from;
    QDate m_to;
    int m_dragStart = -1;
    int m_dragEnd = -1;
};

} // namespace Dossier::Ui
