#pragma once

#include "store/timelinequery.h"

#include <QAbstractListModel>

namespace Dossier::Ui
{

/*!
    \brief The timeline's events (TimelineQuery::events()) as a list: "12 Feb 2026 — sentence…" over
    "2 articles · Aiko Tanabe, Manila". The tooltip lists the first ten reports, and how many more. Roles:
   EventArticleIdRole, EventStartRole, EventEndRole (the first report), EventArticleCountRole (ui/roles.h).

    Lazy: it knows the dates the list's events fall on (setDates()) and holds the events of the first
    dates only, a page of about pageReports() reports at a time; when a view scrolls to its end
    (fetchMore()) it asks for the next page (pageWanted()), which its owner reads and hands to
    addPage(). A library of 100,000 articles reports hundreds of thousands of events.
*/
class TimelineEventModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineEventModel)
public:
    explicit TimelineEventModel(QObject *parent = nullptr);

    /*! All of \a events at once: no pages to fetch. */
    void setEvents(const QList<Core::TimelineEvent> &events);
    /*! The dates of the list's events, none read yet (nextPage() is the first page). */
    void setDates(const QList<Core::EventDate> &dates);
    /*! The events of nextPage(), read: appended as rows. */
    void addPage(const QList<Core::TimelineEvent> &events);
    /*! The dates the next page reads: from the first not read, until they hold pageReports()
        reports (one date at least); empty when every date is read. */
    QList<Core::EventDate> nextPage() const;
    /*! True when every date's events are read. */
    bool isComplete() const { return m_nextDate >= m_dates.size(); }
    int pageReports() const { return m_pageReports; }
    void setPageReports(int reports);
    /*! The events read so far. */
    const QList<Core::TimelineEvent> &events() const { return m_events; }

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /*! "12 Feb 2026", "Feb 2026", "Week 7, 2026" or "2026". */
    static QString periodText(const Core::TimelineEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /*! A view wants more rows: the owner reads nextPage()'s events and calls addPage(). */
    void pageWanted();

private:
    QList<Core::TimelineEvent> m_events;
    QList<Core::EventDate> m_dates;
    qsizetype m_nextDate = 0;
    int m_pageReports = 2000;
    bool m_wanted = false; //!< pageWanted() sent, its page not added yet
};

} // namespace Dossier::Ui
