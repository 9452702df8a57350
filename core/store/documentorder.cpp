#include "store/documentorder_p.h"
#include "store/searchplan_p.h"

namespace Dossier::Core
{

QString idSet(const DocumentFilter &filter, QVariantList *binds, Library::Backend backend)
{
    const auto placeholders = [](qsizetype n) {
        QStringList marks(n, QStringLiteral("?"));
        return marks.join(u',');
    };
    QStringList parts;
    if (!filter.text.trimmed().isEmpty()) {
        // First: a query split over the two indexes ends in EXCEPT, which must apply before the rest.
        // PostgreSQL binds INTERSECT tighter than EXCEPT (SQLite reads left to right): there the
        // search's set is one subquery.
        const QString search = searchIdSet(searchPlan(filter.text, backend), binds);
        parts.append(
            backend == Library::Backend::Sqlite ? search : QStringLiteral("SELECT id FROM (%1) s").arg(search));
    }
    if (!filter.entities.isEmpty()) {
        if (filter.anyOf) {
            parts.append(
                QStringLiteral("SELECT DISTINCT article_id AS id FROM article_entities WHERE entity_id IN (%1)")
                    .arg(placeholders(filter.entities.size())));
            for (qint64 id : filter.entities) {
                binds->append(id);
            }
        } else {
            for (qint64 id : filter.entities) {
                parts.append(QStringLiteral("SELECT article_id AS id FROM article_entities WHERE entity_id = ?"));
                binds->append(id);
            }
        }
    }
    for (const QList<qint64> &group : filter.entityGroups) {
        parts.append(QStringLiteral("SELECT DISTINCT article_id AS id FROM article_entities WHERE entity_id IN (%1)")
                .arg(group.isEmpty() ? QStringLiteral("NULL") : placeholders(group.size())));
        for (qint64 id : group) {
            binds->append(id);
        }
    }
    for (qint64 tag : filter.tags) {
        parts.append(QStringLiteral("SELECT article_id AS id FROM article_tags WHERE tag_id = ?"));
        binds->append(tag);
    }
    if (filter.from.isValid() || filter.to.isValid()) {
        // Dates are stored as ISO 8601 ('2026-02-12', '2026-03-11T06:45:00+01:00'), undated as '': compared
        // as text along the date index, the day after the last bound excluded.
        QString period = QStringLiteral("SELECT id FROM articles WHERE date >= ?");
        binds->append(filter.from.isValid() ? filter.from.toString(Qt::ISODate) : QStringLiteral("0"));
        if (filter.to.isValid()) {
            period += QStringLiteral(" AND date < ?");
            binds->append(filter.to.addDays(1).toString(Qt::ISODate));
        }
        parts.append(period);
    }
    if (filter.excluded.isEmpty()) {
        return parts.join(QStringLiteral(" INTERSECT "));
    }
    if (parts.isEmpty()) {
        parts.append(QStringLiteral("SELECT id FROM articles"));
    }
    QString sql = parts.join(QStringLiteral(" INTERSECT "));
    sql += QStringLiteral(" EXCEPT SELECT article_id AS id FROM article_entities WHERE entity_id IN (%1)")
               .arg(placeholders(filter.excluded.size()));
    for (qint64 id : filter.excluded) {
        binds->append(id);
    }
    return sql;
}

DocumentOrder documentOrder(DocumentSort sort)
{
    // Every sort column but Tags has an index in that order (with the rowid as tie-break).
    switch (sort) {
    case DocumentSort::Title:
        return { { { QStringLiteral("a.title COLLATE NOCASE") } }, QStringLiteral("articles_title") };
    case DocumentSort::Date:
    case DocumentSort::Relevance: // without a query (DocumentQuery ranks a query itself)
        return { { { QStringLiteral("a.date") } }, QStringLiteral("articles_date") };
    case DocumentSort::Source:
        return { { { QStringLiteral("a.source COLLATE NOCASE") } }, QStringLiteral("articles_source") };
    case DocumentSort::EntityCount:
        return { { { QStringLiteral("a.entity_count") } }, QStringLiteral("articles_entity_count") };
    case DocumentSort::Tags:
        break;
    }
    // The analyst's tags are few: no index, the first tag's name, untagged last either way.
    const QString firstTag = QStringLiteral("(SELECT min(t.name COLLATE NOCASE) FROM article_tags x JOIN tags t ON "
                                            "t.id = x.tag_id WHERE x.article_id = a.id)");
    return { { { firstTag + QStringLiteral(" IS NULL"), false, true }, { firstTag, true, false } }, {} };
}

QString orderByClause(const DocumentOrder &order, Qt::SortOrder direction)
{
    const QString dir = direction == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    QStringList terms;
    for (const SortKey &key : order.keys) {
        terms.append(key.alwaysAscending ? key.expression : key.expression + u' ' + dir);
    }
    terms.append(QStringLiteral("a.id ") + dir);
    return terms.join(QStringLiteral(", "));
}

Statement sortKeysStatement(const DocumentOrder &order, qint64 id)
{
    QStringList columns;
    for (const SortKey &key : order.keys) {
        columns.append(key.expression);
    }
    return { QStringLiteral("SELECT %1 FROM articles a WHERE a.id = ?").arg(columns.join(u',')), { id } };
}

Statement rowsBeforeStatement(const DocumentOrder &order, Qt::SortOrder direction, const QString &ids,
    const QVariantList &idBinds, qint64 id, const QVariantList &values)
{
    // The rows before the article, as disjoint ranges of the order: a greater first key; an equal
    // first key and a greater second; ...; equal keys and a greater id (for a descending order).
    QStringList ranges;
    QVariantList rangeBinds;
    QStringList equal; // the keys so far equal the article's
    QVariantList equalBinds;
    const auto addRange = [&](const QString &condition, const QVariant &value) {
        ranges.append(QStringList(equal + QStringList { condition }).join(QStringLiteral(" AND ")));
        rangeBinds.append(equalBinds);
        if (value.isValid()) {
            rangeBinds.append(value);
        }
    };
    const bool descending = direction == Qt::DescendingOrder;
    for (qsizetype i = 0; i < order.keys.size(); ++i) {
        const SortKey &key = order.keys.at(i);
        const QString term = u'(' + key.expression + u')';
        const QVariant value = values.value(i);
        const bool keyDescending = descending && !key.alwaysAscending;
        if (value.isNull()) {
            // NULL sorts first: only in a descending order do rows come before it.
            if (keyDescending) {
                addRange(term + QStringLiteral(" IS NOT NULL"), {});
            }
            equal.append(term + QStringLiteral(" IS NULL"));
            continue;
        }
        if (keyDescending) {
            addRange(term + QStringLiteral(" > ?"), value);
        } else {
            if (key.nullable) {
                addRange(term + QStringLiteral(" IS NULL"), {});
            }
            addRange(term + QStringLiteral(" < ?"), value);
        }
        equal.append(term + QStringLiteral(" = ?"));
        equalBinds.append(value);
    }
    addRange(descending ? QStringLiteral("a.id > ?") : QStringLiteral("a.id < ?"), id);

    if (ids.isEmpty()) {
        // One COUNT per range: each walks a range of the sort column's index, reading no row.
        QStringList counts;
        for (const QString &range : std::as_const(ranges)) {
            counts.append(QStringLiteral("(SELECT COUNT(*) FROM articles a WHERE %1)").arg(range));
        }
        return { QStringLiteral("SELECT ") + counts.join(QStringLiteral(" + ")) + QStringLiteral(", 1"), rangeBinds };
    }
    // Under a filter, one pass over the listed articles tests every range (a COUNT per range
    // would look each listed article up once per range: 3x slower for a broad full-text query),
    // and the same materialised list says whether the article is listed at all.
    return { QStringLiteral("WITH listed(id) AS MATERIALIZED (%1) SELECT (SELECT COUNT(*) FROM articles a WHERE a.id "
                            "IN (SELECT id FROM listed) AND ((%2))), ? IN (SELECT id FROM listed)")
                 .arg(ids, ranges.join(QStringLiteral(") OR ("))),
        idBinds + rangeBinds + QVariantList { id } };
}

} // namespace Dossier::Core
