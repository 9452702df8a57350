#pragma once

#include "store/timelinequery.h"

#include <QFuture>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QListView;
class QTimer;
class QToolButton;

namespace Dossier::Core
{
class Library;
class LibrarySession;
} // namespace Dossier::Core

namespace Dossier::Ui
{

class TimelineChart;
class TimelineEventModel;

/*!
    \brief The Timeline dock: articles per period of the listed articles (TimelineChart, by year,
    month, week or day), the events their DATE mentions report (TimelineEventModel), the publication
    range the list is narrowed to with *Clear Range*, the undated articles, and *Export Timeline…*.

    It shows the window's filter without its publication range, so the bars stay put while a range
    is brushed. Both queries run on the session's LibraryReader (counts on the interactive lane,
    events on the bulk lane: the dates they fall on and the first page of them, then a page more
    whenever the list is scrolled to its end); a newer query supersedes an older one. While hidden
    it only notes that it is stale, and reads when shown.
*/
class TimelinePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelinePanel)
public:
    explicit TimelinePanel(QWidget *parent = nullptr);

    /*! Reads \a session's library, and reads again whenever the session announces a change. */
    void setSession(Core::LibrarySession *session);
    /*! The window's filter: its publication range is shown (and shaded); the rest decides what is counted. */
    void setFilter(const Core::DocumentFilter &filter);
    Core::Dates::Precision precision() const;
    void setPrecision(Core::Dates::Precision precision);
    /*! Reads again (at once when shown, else when next shown). */
    void refresh();
    /*! True while a query is running or waiting to run. */
    bool isLoading() const;

    /*! Writes the timeline to \a path: a PNG image of the chart (.png), an SVG bar chart (.svg), or
        CSV (.csv: the counts, and the events in "NAME-events.csv" beside it). False, with
        errorString(), when it cannot. When the list has not read every event yet, the events file
        is written once they are read, off the window's thread: eventsExported() says when. */
    bool exportTo(const QString &path);
    QString errorString() const { return m_error; }
    /*! Asks where to export (a file dialog), then exportTo(). */
    void chooseExport();

    TimelineChart *chart() const { return m_chart; }
    TimelineEventModel *eventModel() const { return m_events; }
    QListView *eventView() const { return m_eventView; }
    QComboBox *precisionBox() const { return m_precision; }
    QToolButton *clearRangeButton() const { return m_clearRange; }
    QToolButton *exportButton() const { return m_export; }
    QLabel *rangeLabel() const { return m_rangeLabel; }
    QLabel *undatedLabel() const { return m_undatedLabel; }

Q_SIGNALS:
    /*! The analyst brushed \a from – \a to on the chart, or cleared the range (invalid dates). */
    void rangeChosen(QDate from, QDate to);
    /*! An event was activated: its first report is article \a articleId's body [\a start, \a end). */
    void eventActivated(qint64 articleId, qsizetype start, qsizetype end);
    /*! Both queries' results are shown. */
    void loaded();
    /*! exportTo() wrote (\a ok) or could not write the events it read in the background to \a path. */
    void eventsExported(const QString &path, bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct EventsResult;

    void startCounts();
    void startEvents();
    void startPage();
    void readEvents(std::function<EventsResult(Core::Library *, const QString &)> read);
    void finishedOne();
    void showError(const QString &message);
    void updateRangeLabel();

    Core::LibrarySession *m_session = nullptr;
    Core::DocumentFilter m_filter; //!< without from/to
    QDate m_from;
    QDate m_to;
    bool m_stale = true;
    quint64 m_countsGeneration = 0;
    quint64 m_eventsGeneration = 0;
    bool m_countsPending = false;
    bool m_eventsPending = false;
    bool m_pagePending = false;
    bool m_exportPending = false;
    QString m_error;

    QComboBox *m_precision = nullptr;
    QLabel *m_rangeLabel = nullptr;
    QToolButton *m_clearRange = nullptr;
    QLabel *m_undatedLabel = nullptr;
    QToolButton *m_export = nullptr;
    TimelineChart *m_chart = nullptr;
    TimelineEventModel *m_events = nullptr;
    QListView *m_eventView = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_changeDelay = nullptr;
};

} // namespace Dossier::Ui
