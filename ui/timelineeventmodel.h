#pragma once

#include "store/timelinequery.h"

#include <QAbstractListModel>

namespace Dossier::Ui
{

/*!
    \brief The timeline's events (TimelineQuery::events()) as a list: "12 Feb 2026 — sentence…" over
    "2 articles · Aiko Tanabe, Manila". The tooltip lists every report. Roles: EventArticleIdRole,
    EventStartRole, EventEndRole (the first report), EventArticleCountRole (ui/roles.h).
*/
class TimelineEventModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineEventModel)
public:
    explicit TimelineEventModel(QObject *parent = nullptr);

    void setEvents(const QList<Core::TimelineEvent> &events);
    const QList<Core::TimelineEvent> &events() const { return m_events; }

    /*! "12 Feb 2026", "Feb 2026", "Week 7, 2026" or "2026". */
    static QString periodText(const Core::TimelineEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<Core::TimelineEvent> m_events;
};

} // namespace Dossier::Ui
