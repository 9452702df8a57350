// The timeline: articles counted by publication period, and the events their DATE mentions report.

#include "store/timelinequery.h"

#include "analysis/sentences.h"
#include "json/articlejson.h"
#include "store/documentorder_p.h"
#include "store/storecontext_p.h"

#include <QMap>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

using Dates::Precision;

// Filling the gaps between periods stops here (days over centuries): beyond, only periods with articles are listed.
constexpr qint64 MaxFilledBuckets = 50000;

QDate bucketStart(QDate day, Precision precision)
{
    switch (precision) {
    case Precision::Year:
        return QDate(day.year(), 1, 1);
    case Precision::Month:
        return QDate(day.year(), day.month(), 1);
    case Precision::Week:
        return day.addDays(1 - day.dayOfWeek());
    case Precision::Day:
        break;
    }
    return day;
}

QDate nextBucket(QDate start, Precision precision)
{
    switch (precision) {
    case Precision::Year:
        return start.addYears(1);
    case Precision::Month:
        return start.addMonths(1);
    case Precision::Week:
        return start.addDays(7);
    case Precision::Day:
        break;
    }
    return start.addDays(1);
}

TimelineBucket bucketAt(QDate start, Precision precision, int articles)
{
    return { Dates::periodName(start, precision), start, nextBucket(start, precision).addDays(-1), articles };
}

struct DateMention {
    qsizetype start = 0;
    qsizetype end = 0;
    QString date;
};

struct NamedMention {
    qsizetype start = 0;
    qsizetype end = 0;
    EntitySummary entity;
};

// Whether the sentence [begin, end) says something besides its dates: four words or more outside them,
// two of them lower case (a dateline 'TOKYO, Feb. 12 (Reuters)' or 'Updated 12 February 2026' does not).
bool saysSomething(QStringView body, qsizetype begin, qsizetype end, const QList<DateMention> &dates)
{
    int words = 0;
    int lower = 0;
    qsizetype i = begin;
    while (i < end) {
        if (!body[i].isLetter()) {
            ++i;
            continue;
        }
        const qsizetype wordStart = i;
        while (i < end && (body[i].isLetterOrNumber() || body[i] == u'\'' || body[i] == u'-')) {
            ++i;
        }
        const bool inDate = std::any_of(dates.cbegin(), dates.cend(),
            [&](const DateMention &date) { return wordStart >= date.start && wordStart < date.end; });
        if (!inDate) {
            ++words;
            lower += body[wordStart].isLower() ? 1 : 0;
        }
    }
    return words >= 4 && lower >= 2;
}

// Events of one date: reports join the first event whose names they share for the most part (half of the
// smaller set, one at least); a report naming nobody stays an event of its own.
void groupReports(
    const QString &date, QList<std::pair<EventReport, QList<EntitySummary>>> &reports, QList<TimelineEvent> *events)
{
    std::stable_sort(reports.begin(), reports.end(), [](const auto &a, const auto &b) {
        return std::tie(a.first.published, a.first.articleId, a.first.start)
            < std::tie(b.first.published, b.first.articleId, b.first.start);
    });
    const qsizetype firstOfDate = events->size();
    for (auto &[report, names] : reports) {
        TimelineEvent *joined = nullptr;
        for (qsizetype e = firstOfDate; e < events->size() && !names.isEmpty(); ++e) {
            TimelineEvent &event = (*events)[e];
            qsizetype shared = 0;
            for (const EntitySummary &name : std::as_const(names)) {
                shared += std::any_of(event.entities.cbegin(), event.entities.cend(),
                    [&](const EntitySummary &known) { return known.id == name.id; });
            }
            const qsizetype smaller = std::min(names.size(), event.entities.size());
            if (shared > 0 && 2 * shared >= smaller) {
                joined = &event;
                break;
            }
        }
        if (!joined) {
            events->append(TimelineEvent {});
            joined = &events->last();
            joined->date = date;
            joined->period = Dates::period(date);
        }
        for (const EntitySummary &name : std::as_const(names)) {
            auto known = std::find_if(joined->entities.begin(), joined->entities.end(),
                [&](const EntitySummary &entity) { return entity.id == name.id; });
            if (known == joined->entities.end()) {
                joined->entities.append(name);
                joined->entities.last().documents = 1;
            } else {
                ++known->documents;
            }
        }
        joined->reports.append(std::move(report));
    }
    for (qsizetype e = firstOfDate; e < events->size(); ++e) {
        TimelineEvent &event = (*events)[e];
        std::stable_sort(event.entities.begin(), event.entities.end(),
            [](const EntitySummary &a, const EntitySummary &b) { return a.documents > b.documents; });
        QSet<qint64> articles;
        for (const EventReport &report : std::as_const(event.reports)) {
            articles.insert(report.articleId);
        }
        event.articles = int(articles.size());
    }
}

} // namespace

TimelineQuery::TimelineQuery(StoreContext *context)
    : d(context)
{
}

std::optional<TimelineCounts> TimelineQuery::counts(const DocumentFilter &filter, Precision precision)
{
    if (d->refusesSearch(filter.text)) {
        return std::nullopt;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    QString sql = QStringLiteral("SELECT date FROM articles");
    if (!ids.isEmpty()) {
        sql += QStringLiteral(" WHERE id IN (%1)").arg(ids);
    }
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    TimelineCounts counts;
    QMap<QDate, int> perBucket;
    while (query.next()) {
        const Dates::Period published = Dates::period(query.value(0).toString());
        if (!published.isValid()) {
            ++counts.undated;
            continue;
        }
        ++perBucket[bucketStart(published.first, precision)];
    }
    if (perBucket.isEmpty()) {
        return counts;
    }
    const QDate first = perBucket.firstKey();
    const QDate last = perBucket.lastKey();
    qint64 span = first.daysTo(last);
    switch (precision) {
    case Precision::Year:
        span /= 365;
        break;
    case Precision::Month:
        span /= 28;
        break;
    case Precision::Week:
        span /= 7;
        break;
    case Precision::Day:
        break;
    }
    if (span > MaxFilledBuckets) {
        for (auto it = perBucket.cbegin(); it != perBucket.cend(); ++it) {
            counts.buckets.append(bucketAt(it.key(), precision, it.value()));
        }
        return counts;
    }
    for (QDate start = first; start <= last; start = nextBucket(start, precision)) {
        counts.buckets.append(bucketAt(start, precision, perBucket.value(start)));
    }
    return counts;
}

std::optional<QList<TimelineEvent>> TimelineQuery::events(const DocumentFilter &filter)
{
    if (d->refusesSearch(filter.text)) {
        return std::nullopt;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    const QString dateSql = ids.isEmpty()
        ? QStringLiteral("SELECT m.article_id, m.start, m.\"end\", e.name FROM mentions m JOIN entities e ON e.id = "
                         "m.entity_id WHERE m.type = 'DATE' ORDER BY m.article_id, m.start")
        : QStringLiteral("SELECT m.article_id, m.start, m.\"end\", e.name FROM (%1) f %2 mentions m ON "
                         "m.article_id = f.id JOIN entities e ON e.id = m.entity_id WHERE m.type = 'DATE' "
                         "ORDER BY m.article_id, m.start")
              .arg(ids, d->joinInOrder());
    QSqlQuery query(d->db());
    if (!d->run(query, dateSql, binds)) {
        return std::nullopt;
    }
    QMap<qint64, QList<DateMention>> datesOf;
    while (query.next()) {
        datesOf[query.value(0).toLongLong()].append(
            { query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toString() });
    }
    query.finish();

    // Each article's reports: its sentences with a date, with the names in them.
    QMap<QString, QList<std::pair<EventReport, QList<EntitySummary>>>> reportsOf;
    QSqlQuery article(d->db());
    article.prepare(QStringLiteral("SELECT a.title, a.source, a.date, t.body FROM articles a JOIN article_texts t ON "
                                   "t.id = a.id WHERE a.id = ?"));
    QSqlQuery names(d->db());
    names.prepare(QStringLiteral("SELECT m.start, m.end, e.id, e.name, e.type FROM mentions m JOIN entities e ON "
                                 "e.id = m.entity_id WHERE m.article_id = ? AND m.type IN ('PERSON', 'ORG', "
                                 "'LOCATION') ORDER BY m.start"));
    for (auto it = datesOf.cbegin(); it != datesOf.cend(); ++it) {
        article.addBindValue(it.key());
        if (!d->exec(article)) {
            return std::nullopt;
        }
        if (!article.next()) {
            continue; // removed meanwhile
        }
        EventReport base;
        base.articleId = it.key();
        base.title = article.value(0).toString();
        base.source = article.value(1).toString();
        base.published = article.value(2).toString();
        const QString body = article.value(3).toString();
        article.finish();
        names.addBindValue(it.key());
        if (!d->exec(names)) {
            return std::nullopt;
        }
        QList<NamedMention> named;
        while (names.next()) {
            NamedMention mention { names.value(0).toLongLong(), names.value(1).toLongLong(), {} };
            mention.entity.id = names.value(2).toLongLong();
            mention.entity.name = names.value(3).toString();
            entityTypeFromName(names.value(4).toString(), &mention.entity.type);
            named.append(mention);
        }
        names.finish();
        QSet<std::pair<qsizetype, QString>> seen; // one report per sentence and date
        for (const DateMention &date : it.value()) {
            if (date.end > body.size() || !Dates::period(date.date).isValid()) {
                continue;
            }
            const auto [begin, end] = sentenceAround(body, date.start, date.end);
            if (seen.contains({ begin, date.date })) {
                continue;
            }
            seen.insert({ begin, date.date });
            QList<DateMention> inSentence;
            for (const DateMention &other : it.value()) {
                if (other.start >= begin && other.end <= end) {
                    inSentence.append(other);
                }
            }
            if (!saysSomething(body, begin, end, inSentence)) {
                continue;
            }
            EventReport report = base;
            report.start = begin;
            report.end = end;
            report.dateStart = date.start;
            report.dateEnd = date.end;
            report.sentence = body.mid(begin, end - begin);
            report.startCodePoint = codePointOffset(body, begin);
            report.endCodePoint = codePointOffset(body, end);
            QList<EntitySummary> entities;
            for (const NamedMention &mention : std::as_const(named)) {
                if (mention.start >= begin && mention.end <= end
                    && std::none_of(entities.cbegin(), entities.cend(),
                        [&](const EntitySummary &e) { return e.id == mention.entity.id; })) {
                    entities.append(mention.entity);
                }
            }
            reportsOf[date.date].append({ std::move(report), std::move(entities) });
        }
    }

    QList<TimelineEvent> events;
    for (auto it = reportsOf.begin(); it != reportsOf.end(); ++it) {
        groupReports(it.key(), it.value(), &events);
    }
    std::stable_sort(events.begin(), events.end(), [](const TimelineEvent &a, const TimelineEvent &b) {
        if (a.period.first != b.period.first) {
            return a.period.first < b.period.first;
        }
        if (a.period.precision != b.period.precision) {
            return a.period.precision < b.period.precision; // the month before its first day
        }
        return a.reports.size() > b.reports.size();
    });
    return events;
}

} // namespace Dossier::Core
