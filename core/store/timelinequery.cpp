// The timeline: articles counted by publication period, and the events their DATE mentions report.

#include "store/timelinequery.h"

#include "analysis/sentences.h"
#include "json/articlejson.h"
#include "store/documentorder_p.h"
#include "store/sentencerows_p.h"
#include "store/storecontext_p.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <tuple>
#include <vector>

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
    bool wanted = true; //!< one of the dates asked for (the others only tell what a sentence says)
};

struct NamedMention {
    qsizetype start = 0;
    qsizetype end = 0;
    EntitySummary entity;
};

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
    // The events of this date naming each entity (indexes into events), and how many names each
    // shares with the report at hand: the events a report could join are those sharing one name at
    // least, found without looking through every event of the date (thousands in a large library).
    QHash<qint64, QList<qsizetype>> eventsNaming;
    QHash<qsizetype, qsizetype> shared;
    for (auto &[report, names] : reports) {
        TimelineEvent *joined = nullptr;
        shared.clear();
        for (const EntitySummary &name : std::as_const(names)) {
            for (const qsizetype e : eventsNaming.value(name.id)) {
                ++shared[e];
            }
        }
        qsizetype first = -1;
        for (auto it = shared.cbegin(); it != shared.cend(); ++it) {
            const qsizetype smaller = std::min(names.size(), (*events)[it.key()].entities.size());
            if (2 * it.value() >= smaller && (first < 0 || it.key() < first)) {
                first = it.key();
            }
        }
        if (first >= 0) {
            joined = &(*events)[first];
        } else {
            events->append(TimelineEvent {});
            first = events->size() - 1;
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
                eventsNaming[name.id].append(first);
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

// The events of the reports of each date, in calendar order.
QList<TimelineEvent> groupedEvents(QMap<QString, QList<std::pair<EventReport, QList<EntitySummary>>>> &reportsOf)
{
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

// The reports of the filtered articles (\a ids: idSet()'s, empty for all) from their dated sentences
// (article_events, schema 14), as events() finds them in the bodies: one per sentence and date.
// The filter's articles as an id set (idSet(); "" for all), and whether every article has its
// sentence rows (else events come from the bodies); nullopt when the query is refused or the rows
// cannot be counted.
struct EventSource {
    QString ids;
    QVariantList binds;
    bool rows = false;
};

std::optional<EventSource> eventSource(StoreContext *d, const DocumentFilter &filter)
{
    if (d->refusesSearch(filter.text)) {
        return std::nullopt;
    }
    EventSource source;
    source.ids = idSet(filter, &source.binds, d->backend);
    const std::optional<bool> ready = d->sentenceRowsReady();
    if (!ready) {
        return std::nullopt;
    }
    source.rows = *ready;
    return source;
}

// The DATE entities of \a dateIds as an SQL list of numbers ("" for every date).
QString dateList(const QList<qint64> *dateIds)
{
    if (dateIds == nullptr) {
        return {};
    }
    QStringList numbers;
    numbers.reserve(dateIds->size());
    for (const qint64 id : *dateIds) {
        numbers.append(QString::number(id));
    }
    return numbers.isEmpty() ? QStringLiteral("-1") : numbers.join(QLatin1Char(','));
}

bool readEvents(StoreContext *d, const QString &ids, const QVariantList &binds, const QString &dates,
    QMap<QString, QList<std::pair<EventReport, QList<EntitySummary>>>> *reportsOf)
{
    const QString rows = ids.isEmpty()
        ? QStringLiteral("article_events v")
        : QStringLiteral("(%1) f %2 article_events v ON v.article_id = f.id").arg(ids, d->joinInOrder());
    const QString onDates = dates.isEmpty() ? QString() : QStringLiteral(" WHERE v.date_entity_id IN (%1)").arg(dates);
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT v.article_id, v.date_start, v.date_end, v.start, v.\"end\", v.start_cp, v.end_cp, "
                           "v.sentence, v.entities, v.date_entity_id FROM %1%2")
                .arg(rows, onDates),
            binds)) {
        return false;
    }
    struct Row {
        EventReport report;
        qint64 date = -1;
        QList<qint64> entities;
    };
    std::vector<Row> found;
    // The entities the rows name (their dates among them), and the articles' titles, sources and
    // dates: each read once after the rows. Joined, each would be looked up again for every row,
    // tens of thousands for a year many articles name.
    QHash<qint64, EntitySummary> names;
    QHash<qint64, EventReport> articles;
    while (query.next()) {
        Row row;
        row.date = query.value(9).toLongLong();
        names.insert(row.date, {});
        row.report.articleId = query.value(0).toLongLong();
        articles.insert(row.report.articleId, {});
        row.report.dateStart = query.value(1).toLongLong();
        row.report.dateEnd = query.value(2).toLongLong();
        row.report.start = query.value(3).toLongLong();
        row.report.end = query.value(4).toLongLong();
        row.report.startCodePoint = query.value(5).toLongLong();
        row.report.endCodePoint = query.value(6).toLongLong();
        row.report.sentence = query.value(7).toString();
        const QString entities = query.value(8).toString();
        for (const QStringView id : QStringView(entities).tokenize(QChar(u' '), Qt::SkipEmptyParts)) {
            row.entities.append(id.toLongLong());
            names.insert(row.entities.last(), {});
        }
        found.push_back(std::move(row));
    }
    query.finish();
    // In id order, so that each chunk reads neighbouring pages of the table.
    QList<qint64> articleIds = articles.keys();
    std::sort(articleIds.begin(), articleIds.end());
    if (!d->runOverIds(QStringLiteral("SELECT id, title, source, date FROM articles WHERE id IN (%1)"), articleIds,
            [&](const QSqlQuery &row) {
                EventReport &article = articles[row.value(0).toLongLong()];
                article.articleId = row.value(0).toLongLong();
                article.title = row.value(1).toString();
                article.source = row.value(2).toString();
                article.published = row.value(3).toString();
            })) {
        return false;
    }
    if (!d->runOverIds(QStringLiteral("SELECT id, name, type FROM entities WHERE id IN (%1)"), names.keys(),
            [&](const QSqlQuery &row) {
                EntitySummary &entity = names[row.value(0).toLongLong()];
                entity.id = row.value(0).toLongLong();
                entity.name = row.value(1).toString();
                entityTypeFromName(row.value(2).toString(), &entity.type);
            })) {
        return false;
    }
    // One report per article, sentence and date: the first DATE mention's, as the bodies give them.
    std::sort(found.begin(), found.end(), [](const Row &a, const Row &b) {
        return std::tie(a.report.articleId, a.report.dateStart) < std::tie(b.report.articleId, b.report.dateStart);
    });
    QSet<std::pair<qsizetype, qint64>> seen;
    qint64 article = -1;
    QHash<qint64, bool> validDates; // checked once each
    for (Row &row : found) {
        if (row.report.articleId != article) {
            article = row.report.articleId;
            seen.clear();
        }
        if (seen.contains({ row.report.start, row.date })) {
            continue;
        }
        seen.insert({ row.report.start, row.date });
        const EntitySummary date = names.value(row.date);
        auto valid = validDates.constFind(row.date);
        if (valid == validDates.cend()) {
            valid = validDates.insert(row.date, date.id >= 0 && Dates::period(date.name).isValid());
        }
        const auto facts = articles.constFind(row.report.articleId);
        if (!*valid || facts->articleId < 0) {
            continue; // a date that names no period, or an article removed between the reads
        }
        row.report.title = facts->title;
        row.report.source = facts->source;
        row.report.published = facts->published;
        QList<EntitySummary> entities;
        entities.reserve(row.entities.size());
        for (const qint64 id : std::as_const(row.entities)) {
            const auto entity = names.constFind(id);
            if (entity->id >= 0) {
                entities.append(*entity);
            }
        }
        (*reportsOf)[date.name].append({ std::move(row.report), std::move(entities) });
    }
    return true;
}
} // namespace

QList<EventDate> eventDatesPage(const QList<EventDate> &dates, qsizetype from, int reports)
{
    qsizetype end = std::max<qsizetype>(0, from);
    qint64 held = 0;
    while (end < dates.size() && (end == from || held + dates.at(end).reports <= reports)) {
        held += dates.at(end).reports;
        ++end;
    }
    return dates.mid(from, end - from);
}

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
    return eventsOf(filter, nullptr);
}

std::optional<QList<TimelineEvent>> TimelineQuery::events(const DocumentFilter &filter, const QList<EventDate> &dates)
{
    QList<qint64> ids;
    ids.reserve(dates.size());
    for (const EventDate &date : dates) {
        ids.append(date.entityId);
    }
    return eventsOf(filter, &ids);
}

std::optional<QList<EventDate>> TimelineQuery::eventDates(const DocumentFilter &filter)
{
    const std::optional<EventSource> source = eventSource(d, filter);
    if (!source) {
        return std::nullopt;
    }
    const QString &ids = source->ids;
    const QVariantList &binds = source->binds;
    // Once every article has its rows, the dated sentences that say something; until then the DATE
    // mentions, some of which report nothing (a dateline). Grouped first, named after: the whole
    // library's count is a walk of the date index.
    const QString table = source->rows ? QStringLiteral("article_events") : QStringLiteral("mentions");
    const QString date = source->rows ? QStringLiteral("date_entity_id") : QStringLiteral("entity_id");
    const QString rows = ids.isEmpty()
        ? table + QStringLiteral(" t")
        : QStringLiteral("(%1) f %2 %3 t ON t.article_id = f.id").arg(ids, d->joinInOrder(), table);
    const QString sql = QStringLiteral("SELECT g.id, e.name, g.reports, g.articles FROM (SELECT t.%1 AS id, count(*) "
                                       "AS reports, count(DISTINCT t.article_id) AS articles FROM %2%3 GROUP BY t.%1) "
                                       "g JOIN entities e ON e.id = g.id")
                            .arg(date, rows, source->rows ? QString() : QStringLiteral(" WHERE t.type = 'DATE'"));
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    QList<EventDate> dates;
    while (query.next()) {
        EventDate date;
        date.entityId = query.value(0).toLongLong();
        date.date = query.value(1).toString();
        date.period = Dates::period(date.date);
        if (!date.period.isValid()) {
            continue;
        }
        date.reports = query.value(2).toInt();
        date.articles = query.value(3).toInt();
        dates.append(std::move(date));
    }
    std::sort(dates.begin(), dates.end(), [](const EventDate &a, const EventDate &b) {
        return std::tie(a.period.first, a.period.precision, a.date)
            < std::tie(b.period.first, b.period.precision, b.date);
    });
    return dates;
}

std::optional<QList<TimelineEvent>> TimelineQuery::eventsOf(const DocumentFilter &filter, const QList<qint64> *dateIds)
{
    const std::optional<EventSource> source = eventSource(d, filter);
    if (!source) {
        return std::nullopt;
    }
    const QString &ids = source->ids;
    const QVariantList &binds = source->binds;
    const QString dates = dateList(dateIds);
    QMap<QString, QList<std::pair<EventReport, QList<EntitySummary>>>> reportsOf;
    if (source->rows) {
        if (!readEvents(d, ids, binds, dates, &reportsOf)) {
            return std::nullopt;
        }
        return groupedEvents(reportsOf);
    }
    // Every DATE mention of the articles naming one of the dates: the others in a sentence decide
    // whether it says anything besides its dates.
    const QString onDates = dates.isEmpty()
        ? QString()
        : QStringLiteral(" AND m.article_id IN (SELECT article_id FROM mentions WHERE entity_id IN (%1))").arg(dates);
    const QString dateSql = ids.isEmpty()
        ? QStringLiteral("SELECT m.article_id, m.start, m.\"end\", e.name, e.id FROM mentions m JOIN entities e ON "
                         "e.id = m.entity_id WHERE m.type = 'DATE'%1 ORDER BY m.article_id, m.start")
              .arg(onDates)
        : QStringLiteral("SELECT m.article_id, m.start, m.\"end\", e.name, e.id FROM (%1) f %2 mentions m ON "
                         "m.article_id = f.id JOIN entities e ON e.id = m.entity_id WHERE m.type = 'DATE'%3 "
                         "ORDER BY m.article_id, m.start")
              .arg(ids, d->joinInOrder(), onDates);
    QSqlQuery query(d->db());
    if (!d->run(query, dateSql, binds)) {
        return std::nullopt;
    }
    const QSet<qint64> wanted = dateIds != nullptr ? QSet<qint64>(dateIds->cbegin(), dateIds->cend()) : QSet<qint64>();
    QMap<qint64, QList<DateMention>> datesOf;
    while (query.next()) {
        datesOf[query.value(0).toLongLong()].append({ query.value(1).toLongLong(), query.value(2).toLongLong(),
            query.value(3).toString(), dateIds == nullptr || wanted.contains(query.value(4).toLongLong()) });
    }
    query.finish();

    // Each article's reports: its sentences with a date, with the names in them.
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
            if (!date.wanted || date.end > body.size() || !Dates::period(date.date).isValid()) {
                continue;
            }
            const auto [begin, end] = sentenceAround(body, date.start, date.end);
            if (seen.contains({ begin, date.date })) {
                continue;
            }
            seen.insert({ begin, date.date });
            QList<std::pair<qsizetype, qsizetype>> inSentence;
            for (const DateMention &other : it.value()) {
                if (other.start >= begin && other.end <= end) {
                    inSentence.append({ other.start, other.end });
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

    return groupedEvents(reportsOf);
}

} // namespace Dossier::Core
