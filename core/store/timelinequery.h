#pragma once

#include "analysis/dates.h"
#include "store/storetypes.h"

#include <functional>

namespace Dossier::Core
{

struct StoreContext;

/*! \brief One period of the article timeline: its name ("2026-02", "2026-W07"), days and articles. */
struct TimelineBucket {
    QString period;
    QDate first;
    QDate last;
    int articles = 0;
};

/*! \brief The articles a filter lets through, counted by publication period. */
struct TimelineCounts {
    /*! From the earliest article's period to the latest's, periods without articles included. */
    QList<TimelineBucket> buckets;
    int undated = 0; //!< articles without a publication date (in no bucket)
};

/*! \brief Where an article reports an event: the sentence around a DATE mention. */
struct EventReport {
    qint64 articleId = -1;
    QString title;
    QString source;
    QString published; //!< the article's own date, as stored
    qsizetype start = 0; //!< the sentence: [start, end) body offsets
    qsizetype end = 0;
    qsizetype dateStart = 0; //!< the DATE mention inside it
    qsizetype dateEnd = 0;
    qsizetype startCodePoint = 0; //!< the sentence in code points (what the CLI prints)
    qsizetype endCodePoint = 0;
    QString sentence;
};

/*!
    \brief Something that happened on a day (or in a week, month, year) as the articles report it: the
    sentences around DATE mentions that resolve to that period, grouped when several reports name the
    same period and share most of their people, organisations and places.
*/
struct TimelineEvent {
    QString date; //!< ISO 8601 as the DATE entity is written: "2026-02-12", "2026-W07", "2026-02", "2026"
    Dates::Period period;
    QList<EntitySummary> entities; //!< named in the reports' sentences; documents = how many reports name it
    QList<EventReport> reports; //!< earliest published first
    int articles = 0; //!< distinct articles among the reports
};

/*!
    \brief A date the listed articles report events on, counted but not read: what a view pages over
    before it reads the events of a few dates (TimelineQuery::events(filter, dates)).
*/
struct EventDate {
    QString date; //!< as TimelineEvent::date
    Dates::Period period;
    qint64 entityId = -1; //!< the DATE entity
    int reports = 0; //!< at most this many reports: a sentence naming the date twice, or saying
                     //!< nothing else (in a library whose sentence rows are not all written), has one or none
    int articles = 0; //!< articles naming the date (in a sentence that says something, once the rows are written)
};

/*! The dates of a page of events from \a from: until they hold \a reports reports (EventDate::reports),
    one date at least; empty from the end of \a dates. What the window reads at a time. */
QList<EventDate> eventDatesPage(const QList<EventDate> &dates, qsizetype from, int reports);

/*!
    \brief The timeline of the articles a filter lets through: how many were published when, and the
    events their DATE mentions report. Obtained from Library::timeline(); the window's timeline and
    `dossier-cli timeline` both read it.
*/
class TimelineQuery
{
public:
    explicit TimelineQuery(StoreContext *context);
    Q_DISABLE_COPY_MOVE(TimelineQuery)

    /*! The articles \a filter lets through, by period of \a precision (by publication date). */
    std::optional<TimelineCounts> counts(const DocumentFilter &filter, Dates::Precision precision);
    /*! The events the articles \a filter lets through report, in calendar order (a period before the
        periods it holds: "2026-02" before "2026-02-01"). A DATE mention whose sentence says nothing
        else (a dateline, a date alone on its line) reports no event. */
    std::optional<QList<TimelineEvent>> events(const DocumentFilter &filter);
    /*! The dates the articles \a filter lets through report events on, in events()'s calendar
        order, with how many reports and articles each has: one grouped query, however many events. */
    std::optional<QList<EventDate>> eventDates(const DocumentFilter &filter);
    /*! The events of \a dates (eventDates()'s) only, as events() gives them: what a view reads a
        page at a time. */
    std::optional<QList<TimelineEvent>> events(const DocumentFilter &filter, const QList<EventDate> &dates);

    /*! Told how far a fill has come (\a done of \a total articles); returns false to stop it there. */
    using FillProgress = std::function<bool(qint64 done, qint64 total)>;
    /*! How many articles have no sentence rows yet (schema 14: each article's mentions with their
        sentences and its dated sentences, which events() and CooccurrenceQuery's sentence scope
        read instead of the bodies once every article has them). Only a library upgraded from
        schema 13 or older has any: every store and re-tag writes them. */
    std::optional<qint64> missingSentenceRows();
    /*! Writes the sentence rows of the articles that have none, 256 per transaction, reporting
        before each; returns how many it wrote. When \a progress returns false it fails
        ("canceled"), keeping the rows written so far (the next fill goes on from there). On a
        read-only library with articles missing them it fails, saying so. */
    std::optional<qint64> fillSentenceRows(const FillProgress &progress = {});

private:
    std::optional<QList<TimelineEvent>> eventsOf(const DocumentFilter &filter, const QList<qint64> *dateIds);

    StoreContext *d;
};

} // namespace Dossier::Core
