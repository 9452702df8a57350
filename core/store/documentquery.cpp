// The document list and search: which articles a filter lets through, counted, windowed and
// sorted in SQL (documentorder.cpp builds the statements), and the CLI's list and search.

#include "store/documentquery.h"

#include "analysis/entityrecognizer.h"
#include "store/documentorder_p.h"
#include "store/duplicatestore.h"
#include "store/searchplan_p.h"
#include "store/storecontext_p.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace Dossier::Core
{

// A query split over the two indexes is checked part by part before it runs: SQLite may never
// evaluate a part whose neighbour matched nothing, and a malformed part must fail every path
// (search, list, the window's count) alike, not only those that happen to reach it. Found by
// fuzz_search: '"D\uFFFD\0"V' failed the list and passed the search.
bool checkSearch(StoreContext *d, const QString &text)
{
    if (text.trimmed().isEmpty()) {
        return true;
    }
    const SearchPlan plan = searchPlan(text, d->backend);
    if (!plan.error.isEmpty()) {
        // A team library translates the query before running it (tsquery.cpp): refused here.
        d->error = StoreError(plan.error, StoreError::Kind::BadQuery);
        return false;
    }
    if (plan.parts.size() < 2 || d->onServer()) {
        return true;
    }
    for (const SearchPlan::Part &part : plan.parts) {
        QSqlQuery probe(d->db());
        if (!d->run(probe, QStringLiteral("SELECT rowid FROM %1 WHERE %1 MATCH ? LIMIT 1").arg(part.table),
                { part.match })) {
            return false;
        }
    }
    return true;
}

namespace
{

// ts_headline() marks each word of a phrase on its own, where FTS5 marks the phrase whole: words
// of a query with a phrase that only white space parts are one hit.
QList<std::pair<qsizetype, qsizetype>> joinPhrases(
    const QList<std::pair<qsizetype, qsizetype>> &found, QStringView body)
{
    QList<std::pair<qsizetype, qsizetype>> joined;
    for (const auto &range : found) {
        if (!joined.isEmpty() && joined.last().second <= range.first
            && body.sliced(joined.last().second, range.first - joined.last().second).trimmed().isEmpty()) {
            joined.last().second = range.second;
        } else {
            joined.append(range);
        }
    }
    return joined;
}

} // namespace

bool StoreContext::refusesSearch(const QString &text)
{
    if (!onServer() || text.trimmed().isEmpty()) {
        return false;
    }
    const SearchPlan plan = searchPlan(text, backend);
    if (plan.error.isEmpty()) {
        return false;
    }
    error = StoreError(plan.error, StoreError::Kind::BadQuery);
    return true;
}

bool DocumentQuery::grouped(const DocumentFilter &filter) const
{
    return filter.groupCopies;
}

DocumentQuery::DocumentQuery(StoreContext *context)
    : d(context)
{
}

std::optional<qint64> DocumentQuery::count(const DocumentFilter &filter)
{
    if (!checkSearch(d, filter.text)) {
        return std::nullopt;
    }
    if (grouped(filter)) {
        return storyCount(filter);
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    const QString sql = ids.isEmpty() ? QStringLiteral("SELECT COUNT(*) FROM articles")
                                      : QStringLiteral("SELECT COUNT(*) FROM (%1)").arg(ids);
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds) || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<QList<ArticleSummary>> DocumentQuery::window(
    const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, int offset, int limit)
{
    if (!checkSearch(d, filter.text)) {
        return std::nullopt;
    }
    if (grouped(filter) && !DuplicateStore(d).fillMissingStories()) {
        return std::nullopt;
    }
    std::optional<QList<ArticleSummary>> rows;
    if (sort == DocumentSort::Relevance && !filter.text.trimmed().isEmpty()) {
        rows = grouped(filter) ? rankedStoryWindow(filter, order, offset, limit)
                               : rankedWindow(filter, order, offset, limit);
    } else {
        rows = sortedWindow(filter, sort, order, offset, limit);
    }
    if (rows && grouped(filter) && !fillStoryCounts(filter, &*rows)) {
        return std::nullopt;
    }
    return rows;
}

std::optional<QList<ArticleSummary>> DocumentQuery::sortedWindow(
    const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, int offset, int limit)
{
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    const DocumentOrder sortOrder = documentOrder(sort);
    // Walk the sort column's index and test each row against the (materialised) id set: the first
    // window is found after a few hundred rows for a broad filter and after one pass over a small
    // index for a narrow one, instead of sorting every match (28k rows: 60 ms -> 12 ms at 100k).
    // Grouped by story, the same walk lists only the first copy of each story the filter passes.
    QStringList conditions;
    if (!ids.isEmpty()) {
        conditions.append(QStringLiteral("a.id IN (%1)").arg(ids));
    }
    if (grouped(filter)) {
        conditions.append(storyLeadCondition(ids));
        binds += QVariantList(binds);
    }
    const QString where
        = conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    const QString sql = QStringLiteral("SELECT %1, %2 FROM articles a %3")
                            .arg(QLatin1String(summaryColumnList), tagNames(), d->indexedBy(sortOrder.index))
        + where + QStringLiteral(" ORDER BY %1 LIMIT ? OFFSET ?").arg(orderByClause(sortOrder, order));
    binds << limit << offset;
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    return windowRows(query, limit);
}

std::optional<QList<ArticleSummary>> DocumentQuery::rankedWindow(
    const DocumentFilter &filter, Qt::SortOrder order, int offset, int limit)
{
    // Every match is scored and sorted (FTS5 has no index in BM25 order): the first page of
    // 28k matches costs what the search does.
    const SearchPlan plan = searchPlan(filter.text, d->backend);
    const SearchPlan::Part *ranking = plan.ranking();
    const MatchSql match = matchSql(plan, *ranking);
    QVariantList binds { ranking->match };
    const QString ids = idSet(filter, &binds, d->backend);
    const QString sql = QStringLiteral("SELECT %1, %2 FROM %3 "
                                       "JOIN articles a ON a.id = %4 WHERE %5 AND a.id IN (%6) ORDER BY %7 LIMIT ? "
                                       "OFFSET ?")
                            .arg(QLatin1String(summaryColumnList), tagNames(), match.from, match.id, match.where, ids,
                                rankOrder(match.rank, order));
    binds << limit << offset;
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    return windowRows(query, limit);
}

QList<ArticleSummary> DocumentQuery::windowRows(QSqlQuery &query, int limit)
{
    QList<ArticleSummary> rows;
    rows.reserve(std::clamp(limit, 0, 1024)); // the CLI's grouped list asks for "all" (INT_MAX)
    while (query.next()) {
        ArticleSummary summary = articleSummaryFrom(query);
        const QString tags = query.value(summaryColumnCount).toString();
        if (!tags.isEmpty()) {
            summary.tags = tags.split(QChar(31));
        }
        rows.append(std::move(summary));
    }
    return rows;
}

std::optional<qint64> DocumentQuery::rankedRowOf(const DocumentFilter &filter, Qt::SortOrder order, qint64 id)
{
    // The matches scored once; the rows before the article are those ranked ahead of it.
    const SearchPlan plan = searchPlan(filter.text, d->backend);
    const SearchPlan::Part *ranking = plan.ranking();
    const MatchSql match = matchSql(plan, *ranking);
    QVariantList binds { ranking->match };
    const QString ids = idSet(filter, &binds, d->backend);
    const bool best = order == Qt::DescendingOrder;
    const QString sql
        = QStringLiteral("WITH r AS MATERIALIZED (SELECT %1 AS id, %2 AS score FROM %3 WHERE %4 AND %1 IN (%5)), "
                         "me AS (SELECT score FROM r WHERE id = ?) "
                         "SELECT (SELECT count(*) FROM r, me WHERE r.score %6 me.score OR (r.score = me.score AND "
                         "r.id %6 ?)), EXISTS (SELECT 1 FROM me)")
              .arg(
                  match.id, match.rank, match.from, match.where, ids, best ? QStringLiteral("<") : QStringLiteral(">"));
    binds << id << id;
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds) || !query.next()) {
        return std::nullopt;
    }
    return query.value(1).toBool() ? query.value(0).toLongLong() : -1;
}

QString DocumentQuery::rankOrder(const QString &rank, Qt::SortOrder order)
{
    // The rank is lower for a better match (BM25): descending relevance is ascending rank.
    return order == Qt::DescendingOrder ? QStringLiteral("%1 ASC, a.id ASC").arg(rank)
                                        : QStringLiteral("%1 DESC, a.id DESC").arg(rank);
}

QString DocumentQuery::tagNames() const
{
    return QStringLiteral("(SELECT %1 FROM (SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE "
                          "x.article_id = a.id ORDER BY t.name COLLATE NOCASE) n)")
        .arg(d->joinedText(QStringLiteral("n.name")));
}

std::optional<QHash<qint64, SearchMatch>> DocumentQuery::matches(const QString &text, const QList<qint64> &ids)
{
    QHash<qint64, SearchMatch> found;
    if (text.trimmed().isEmpty() || ids.isEmpty()) {
        return found;
    }
    if (!checkSearch(d, text)) {
        return std::nullopt;
    }
    const SearchPlan plan = searchPlan(text, d->backend);
    const SearchPlan::Part *ranking = plan.ranking();
    const MatchSql match = matchSql(plan, *ranking);
    const QString snippet = d->onServer()
        ? match.snippet(QString(QChar(0xE000)), QString(QChar(0xE001)), 12)
        : QStringLiteral("snippet(%1, -1, char(57344), char(57345), '…', 12)").arg(ranking->table);
    // Only the ids asked for (a page of the list): FTS5 scores and cuts snippets for those alone.
    constexpr qsizetype chunk = 500;
    for (qsizetype from = 0; from < ids.size(); from += chunk) {
        const QList<qint64> part = ids.mid(from, chunk);
        QVariantList binds { ranking->match };
        for (const qint64 id : part) {
            binds.append(id);
        }
        QSqlQuery query(d->db());
        if (!d->run(query,
                QStringLiteral("SELECT %1, %2, %3 FROM %4 WHERE %5 AND %1 IN (%6)")
                    .arg(match.id, snippet, match.rank, match.from, match.where, placeholders(part.size())),
                binds)) {
            return std::nullopt;
        }
        while (query.next()) {
            found.insert(
                query.value(0).toLongLong(), SearchMatch { query.value(1).toString(), -query.value(2).toDouble() });
        }
    }
    return found;
}

std::optional<qint64> DocumentQuery::rowOf(
    const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, qint64 id)
{
    if (grouped(filter)) {
        return storyRowOf(filter, sort, order, id);
    }
    if (sort == DocumentSort::Relevance && !filter.text.trimmed().isEmpty()) {
        if (!checkSearch(d, filter.text)) {
            return std::nullopt;
        }
        return rankedRowOf(filter, order, id);
    }
    const DocumentOrder sortOrder = documentOrder(sort);
    const Statement keys = sortKeysStatement(sortOrder, id);
    QSqlQuery query(d->db());
    if (!d->run(query, keys.sql, keys.binds)) {
        return std::nullopt;
    }
    if (!query.next()) {
        return -1;
    }
    QVariantList values;
    for (qsizetype i = 0; i < sortOrder.keys.size(); ++i) {
        values.append(query.value(int(i)));
    }
    query.finish();
    if (!checkSearch(d, filter.text)) {
        return std::nullopt;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    const Statement before = rowsBeforeStatement(sortOrder, order, ids, binds, id, values);
    if (!d->run(query, before.sql, before.binds) || !query.next()) {
        return std::nullopt;
    }
    return query.value(1).toBool() ? query.value(0).toLongLong() : -1;
}

std::optional<DocumentFilter> DocumentQuery::filterOf(const ListQuery &request)
{
    DocumentFilter filter;
    filter.text = request.query;
    filter.from = request.from;
    filter.to = request.to;
    filter.groupCopies = request.groupCopies;
    for (const EntityFilter &wanted : request.entities) {
        const auto ids = d->entityIdsNamed(wanted.type, wanted.name);
        if (!ids) {
            return std::nullopt;
        }
        filter.entityGroups.append(*ids);
    }
    if (!checkSearch(d, filter.text)) {
        return std::nullopt;
    }
    return filter;
}

std::optional<QList<ArticleSummary>> DocumentQuery::list(const ListQuery &request)
{
    // The window's filter: each name stands for the entities called or written so.
    const auto wanted = filterOf(request);
    if (!wanted) {
        return std::nullopt;
    }
    return listFiltered(*wanted, request.limit, request.offset);
}

std::optional<QList<ArticleSummary>> DocumentQuery::listFiltered(const DocumentFilter &filter, int limit, int offset)
{
    if (grouped(filter)) {
        // The window's rows, in the window's first order (newest first).
        return window(filter, DocumentSort::Date, Qt::DescendingOrder, offset,
            limit < 0 ? std::numeric_limits<int>::max() : limit);
    }
    if (!checkSearch(d, filter.text)) {
        return std::nullopt;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    QString sql = QStringLiteral("SELECT %1 FROM articles a").arg(QLatin1String(summaryColumnList));
    if (!ids.isEmpty()) {
        sql += QStringLiteral(" WHERE a.id IN (%1)").arg(ids);
    }
    sql += QStringLiteral(" ORDER BY a.date DESC, a.id");
    if (limit >= 0) {
        sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(limit).arg(offset);
    }
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : std::as_const(binds)) {
        query.addBindValue(value);
    }
    // Its failures keep SQLite's words (the CLI's contract).
    if (!d->exec(query)) {
        return std::nullopt;
    }
    QList<ArticleSummary> rows;
    while (query.next()) {
        rows.append(articleSummaryFrom(query));
    }
    return rows;
}

std::optional<QList<ArticleSummary>> DocumentQuery::search(const QString &text, int limit)
{
    if (text.trimmed().isEmpty()) {
        d->error = StoreError(QStringLiteral("the search query is empty"), StoreError::Kind::BadQuery);
        return std::nullopt;
    }
    if (!checkSearch(d, text)) {
        return std::nullopt;
    }
    // Ranked and cut by the index of the query's first part; the other parts narrow the ids.
    const SearchPlan plan = searchPlan(text, d->backend);
    const SearchPlan::Part *ranking = plan.ranking();
    const MatchSql match = matchSql(plan, *ranking);
    QString restriction;
    QVariantList binds { ranking->match };
    if (plan.parts.size() > 1) {
        restriction = QStringLiteral(" AND a.id IN (%1)").arg(searchIdSet(plan, &binds));
    }
    binds.append(limit);
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT %1, %2 FROM %3 JOIN "
                           "articles a ON a.id = %4 WHERE %5%6 ORDER BY %7, a.id LIMIT ?")
                .arg(QLatin1String(summaryColumnList),
                    d->onServer() ? match.snippet(QStringLiteral("["), QStringLiteral("]"), 16)
                                  : QStringLiteral("snippet(%1, 1, '[', ']', '…', 16)").arg(ranking->table),
                    match.from, match.id, match.where, restriction, match.rank),
            binds)) {
        return std::nullopt;
    }
    QList<ArticleSummary> rows;
    while (query.next()) {
        ArticleSummary summary = articleSummaryFrom(query);
        summary.snippet = query.value(summaryColumnCount).toString();
        rows.append(summary);
    }
    if (query.lastError().isValid()) {
        d->error = StoreError(QStringLiteral("bad search query: %1").arg(sqlError(query)), StoreError::Kind::BadQuery);
        return std::nullopt;
    }
    return rows;
}

std::optional<QList<std::pair<qsizetype, qsizetype>>> DocumentQuery::hits(qint64 id, const QString &text)
{
    QList<std::pair<qsizetype, qsizetype>> ranges;
    if (text.trimmed().isEmpty()) {
        return ranges;
    }
    // FTS5 marks each matched phrase with two characters of the Private Use Area; the offsets of
    // the marks, less the marks before them, are the body offsets.
    const QChar open(0xE000);
    const QChar close(0xE001);
    const SearchPlan plan = searchPlan(text, d->backend);
    if (!plan.error.isEmpty()) {
        d->error = StoreError(plan.error, StoreError::Kind::BadQuery);
        return std::nullopt;
    }
    for (const SearchPlan::Part &part : plan.parts) {
        if (part.negated) {
            continue;
        }
        QSqlQuery query(d->db());
        const MatchSql match = matchSql(plan, part);
        // The whole body with every match marked.
        if (d->onServer()
                ? !d->run(query,
                      QStringLiteral("SELECT ts_headline('%1', m.body, q, 'HighlightAll=true, StartSel=%2, "
                                     "StopSel=%3'), m.body FROM %4 WHERE %5 AND m.id = ?")
                          .arg(match.config, QString(open), QString(close), match.from, match.where),
                      { part.match, id })
                : !d->run(query,
                      QStringLiteral("SELECT highlight(%1, 1, ?, ?), t.body FROM %1 JOIN article_texts t ON t.id = "
                                     "%1.rowid WHERE %1 MATCH ? AND %1.rowid = ?")
                          .arg(part.table),
                      { QString(open), QString(close), part.match, id })) {
            return std::nullopt;
        }
        if (!query.next()) {
            continue;
        }
        const QString marked = query.value(0).toString();
        const QString body = query.value(1).toString();
        QList<std::pair<qsizetype, qsizetype>> found;
        qsizetype offset = 0;
        qsizetype start = -1;
        bool consistent = true;
        for (const QChar c : marked) {
            if (c == open) {
                start = offset;
            } else if (c == close) {
                if (start >= 0 && offset > start) {
                    found.append({ start, offset });
                }
                start = -1;
            } else {
                if (offset >= body.size() || body[offset] != c) {
                    consistent = false; // the body itself holds a mark character: trust nothing
                    break;
                }
                ++offset;
            }
        }
        if (consistent && offset == body.size()) {
            ranges += d->onServer() && part.match.contains(QLatin1String("<->")) ? joinPhrases(found, body) : found;
        }
    }
    std::sort(ranges.begin(), ranges.end());
    QList<std::pair<qsizetype, qsizetype>> merged;
    for (const auto &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().second) {
            merged.last().second = std::max(merged.last().second, range.second);
        } else {
            merged.append(range);
        }
    }
    return merged;
}

} // namespace Dossier::Core
