// The document list grouped by story (DocumentFilter::groupCopies): one row per story, the first
// of its copies the filter lets through, counted, windowed and found in SQL over article_stories.

#include "store/documentorder_p.h"
#include "store/documentquery.h"
#include "store/duplicatestore.h"
#include "store/searchplan_p.h"
#include "store/storecontext_p.h"

#include <QSqlQuery>
#include <QVariant>

namespace Dossier::Core
{

namespace
{

// The order in which a story's copies are taken: by date (undated ones last), then import order,
// as DuplicateStore's clusters put their original first.
QString earliest(const QString &alias)
{
    return QStringLiteral("%1.date = '', %1.date, %1.id").arg(alias);
}

} // namespace

QString DocumentQuery::summaryColumns() const
{
    return QLatin1String(summaryColumnList) + QStringLiteral(", ") + tagNames();
}

QString DocumentQuery::storyLeadCondition(const QString &ids)
{
    // No earlier copy of its story is listed (one lookup of the story index per row tested). Its
    // values: those of \a ids again, when there are any. The unary + keeps SQLite from probing the
    // story index once per listed id for every row (a month of 8,333 articles at 100,000: 1.9 s
    // for the first window instead of 40-140 ms).
    return QStringLiteral(
        "NOT EXISTS (SELECT 1 FROM article_stories m JOIN article_stories o ON o.story_id = "
        "m.story_id JOIN articles b ON b.id = o.article_id WHERE m.article_id = a.id AND (%1) < (%2)%3)")
        .arg(earliest(QStringLiteral("b")), earliest(QStringLiteral("a")),
            ids.isEmpty() ? QString() : QStringLiteral(" AND +b.id IN (%1)").arg(ids));
}

std::optional<qint64> DocumentQuery::storyCount(const DocumentFilter &filter)
{
    if (!DuplicateStore(d).fillMissingStories()) {
        return std::nullopt;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    // Unfiltered, one entry of the partial index per story (its id is its smallest article id).
    const QString sql = ids.isEmpty()
        ? QStringLiteral("SELECT COUNT(*) FROM article_stories %1 WHERE story_id = article_id")
              .arg(d->indexedBy(QStringLiteral("article_stories_lead")))
        : QStringLiteral("SELECT COUNT(DISTINCT s.story_id) FROM article_stories s WHERE s.article_id IN (%1)")
              .arg(ids);
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds) || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

bool DocumentQuery::fillStoryCounts(const DocumentFilter &filter, QList<ArticleSummary> *rows)
{
    if (rows->isEmpty()) {
        return true;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    QList<qint64> page;
    for (const ArticleSummary &row : std::as_const(*rows)) {
        page.append(row.id);
    }
    for (const qint64 id : std::as_const(page)) {
        binds.append(id);
    }
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT m.article_id, COUNT(*), %1 FROM article_stories m JOIN article_stories o ON "
                           "o.story_id = m.story_id WHERE m.article_id IN (%2) GROUP BY m.article_id")
                .arg(ids.isEmpty() ? QStringLiteral("COUNT(*)")
                                   : QStringLiteral("SUM(CASE WHEN o.article_id IN (%1) THEN 1 ELSE 0 END)").arg(ids),
                    placeholders(page.size())),
            binds)) {
        return false;
    }
    QHash<qint64, std::pair<int, int>> counts;
    while (query.next()) {
        counts.insert(query.value(0).toLongLong(), { query.value(1).toInt(), query.value(2).toInt() });
    }
    for (ArticleSummary &row : *rows) {
        const auto [size, matches] = counts.value(row.id, { 1, 1 });
        row.storySize = size;
        row.storyMatches = matches;
    }
    return true;
}

std::optional<QList<ArticleSummary>> DocumentQuery::rankedStoryWindow(
    const DocumentFilter &filter, Qt::SortOrder order, int offset, int limit)
{
    // Every match scored (as rankedWindow()), then each story's best-ranked match stands for it.
    const SearchPlan plan = searchPlan(filter.text, d->backend);
    const SearchPlan::Part *ranking = plan.ranking();
    const MatchSql match = matchSql(plan, *ranking);
    QVariantList binds { ranking->match };
    const QString ids = idSet(filter, &binds, d->backend);
    const QString sql
        = QStringLiteral("WITH r AS MATERIALIZED (SELECT %1 AS id, %2 AS score FROM %3 WHERE %4 AND %1 IN (%5)), g AS "
                         "(SELECT r.id, r.score, row_number() OVER (PARTITION BY coalesce(s.story_id, -r.id) ORDER BY "
                         "r.score, r.id) AS n FROM r LEFT JOIN article_stories s ON s.article_id = r.id) SELECT %6 "
                         "FROM g JOIN articles a ON a.id = g.id WHERE g.n = 1 ORDER BY %7 LIMIT ? OFFSET ?")
              .arg(match.id, match.rank, match.from, match.where, ids, summaryColumns(),
                  order == Qt::DescendingOrder ? QStringLiteral("g.score ASC, g.id ASC")
                                               : QStringLiteral("g.score DESC, g.id DESC"));
    binds << limit << offset;
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    return windowRows(query, limit);
}

std::optional<qint64> DocumentQuery::storyRowOf(
    const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, qint64 id)
{
    if (!checkSearch(d, filter.text) || !DuplicateStore(d).fillMissingStories()) {
        return std::nullopt;
    }
    QVariantList idBinds;
    const QString ids = idSet(filter, &idBinds, d->backend);
    if (sort == DocumentSort::Relevance && !filter.text.trimmed().isEmpty()) {
        // The row of the story's best-ranked match among the stories' best-ranked matches.
        const SearchPlan plan = searchPlan(filter.text, d->backend);
        const SearchPlan::Part *ranking = plan.ranking();
        const MatchSql match = matchSql(plan, *ranking);
        const bool best = order == Qt::DescendingOrder;
        const QString sql = QStringLiteral(
            "WITH r AS MATERIALIZED (SELECT %1 AS id, %2 AS score FROM %3 WHERE %4 AND %1 IN (%5)), g AS MATERIALIZED "
            "(SELECT r.id, r.score, coalesce(s.story_id, -r.id) AS "
            "story, row_number() OVER (PARTITION BY coalesce(s.story_id, -r.id) ORDER BY r.score, r.id) AS n "
            "FROM r LEFT JOIN article_stories s ON s.article_id = r.id), me AS (SELECT score, id FROM g WHERE "
            "n = 1 AND story = coalesce((SELECT story_id FROM article_stories WHERE article_id = ?), -CAST(? AS "
            "BIGINT))) SELECT "
            "(SELECT count(*) FROM g, me WHERE g.n = 1 AND (g.score %6 me.score OR (g.score = me.score AND "
            "g.id %6 me.id))), EXISTS (SELECT 1 FROM me)")
                                .arg(match.id, match.rank, match.from, match.where, ids,
                                    best ? QStringLiteral("<") : QStringLiteral(">"));
        QSqlQuery query(d->db());
        if (!d->run(query, sql, QVariantList { ranking->match } + idBinds + QVariantList { id, id }) || !query.next()) {
            return std::nullopt;
        }
        return query.value(1).toBool() ? query.value(0).toLongLong() : -1;
    }
    // The story's first listed copy, then the stories' first copies before it.
    QSqlQuery lead(d->db());
    if (!d->run(lead,
            QStringLiteral(
                "SELECT b.id FROM articles b WHERE b.id IN (SELECT o.article_id FROM article_stories m JOIN "
                "article_stories o ON o.story_id = m.story_id WHERE m.article_id = ? UNION SELECT CAST(? AS BIGINT))%1 "
                "ORDER BY %2 LIMIT 1")
                .arg(ids.isEmpty() ? QString() : QStringLiteral(" AND b.id IN (%1)").arg(ids),
                    earliest(QStringLiteral("b"))),
            QVariantList { id, id } + idBinds)) {
        return std::nullopt;
    }
    if (!lead.next()) {
        return -1;
    }
    const qint64 leadId = lead.value(0).toLongLong();
    lead.finish();
    const DocumentOrder sortOrder = documentOrder(sort);
    const Statement keys = sortKeysStatement(sortOrder, leadId);
    QSqlQuery query(d->db());
    if (!d->run(query, keys.sql, keys.binds) || !query.next()) {
        return std::nullopt;
    }
    QVariantList values;
    for (qsizetype i = 0; i < sortOrder.keys.size(); ++i) {
        values.append(query.value(int(i)));
    }
    query.finish();
    const QString leads
        = QStringLiteral("SELECT a.id AS id FROM articles a WHERE %1%2")
              .arg(ids.isEmpty() ? QString() : QStringLiteral("a.id IN (%1) AND ").arg(ids), storyLeadCondition(ids));
    const Statement before = rowsBeforeStatement(sortOrder, order, leads, idBinds + idBinds, leadId, values);
    if (!d->run(query, before.sql, before.binds) || !query.next()) {
        return std::nullopt;
    }
    return query.value(1).toBool() ? query.value(0).toLongLong() : -1;
}

std::optional<QList<ArticleSummary>> DocumentQuery::storyCopies(const DocumentFilter &filter, qint64 id)
{
    if (!checkSearch(d, filter.text) || !DuplicateStore(d).fillMissingStories()) {
        return std::nullopt;
    }
    QVariantList binds { id, id };
    const QString ids = idSet(filter, &binds, d->backend);
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral(
                "SELECT %1 FROM articles a WHERE a.id IN (SELECT o.article_id FROM article_stories m JOIN "
                "article_stories o ON o.story_id = m.story_id WHERE m.article_id = ? UNION SELECT CAST(? AS BIGINT))%2 "
                "ORDER BY %3")
                .arg(summaryColumns(), ids.isEmpty() ? QString() : QStringLiteral(" AND a.id IN (%1)").arg(ids),
                    earliest(QStringLiteral("a"))),
            binds)) {
        return std::nullopt;
    }
    return windowRows(query, 0);
}

} // namespace Dossier::Core
