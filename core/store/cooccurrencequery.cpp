// Who appears with whom: pairs of entities named in the same article or sentence, ranked by NPMI.

#include "store/cooccurrencequery.h"

#include "analysis/sentences.h"
#include "store/documentorder_p.h"
#include "store/storecontext_p.h"

#include <QHash>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace Dossier::Core
{

namespace
{

using PairKey = std::pair<qint64, qint64>; // lower id first

struct Counts {
    QHash<qint64, int> own; // c(x)
    QHash<PairKey, int> together; // c(a,b)
    int units = 0; // N
};

QString typeList(const CooccurrenceOptions &options, QVariantList *binds)
{
    for (EntityType type : options.types) {
        binds->append(entityTypeName(type));
    }
    return placeholders(options.types.size());
}

// The links (article_entities rows, aliased \a alias) of the filtered articles.
QString linksOf(const QString &ids, const QString &alias, const QString &join)
{
    return ids.isEmpty()
        ? QStringLiteral("article_entities %1").arg(alias)
        : QStringLiteral("(%1) f %3 article_entities %2 ON %2.article_id = f.id").arg(ids, alias, join);
}

void countUnit(QList<qint64> &entities, Counts *counts)
{
    if (entities.isEmpty()) {
        return;
    }
    std::sort(entities.begin(), entities.end());
    entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
    ++counts->units;
    for (qsizetype i = 0; i < entities.size(); ++i) {
        ++counts->own[entities[i]];
        for (qsizetype j = i + 1; j < entities.size(); ++j) {
            ++counts->together[{ entities[i], entities[j] }];
        }
    }
    entities.clear();
}

bool before(const EntitySummary &a, const EntitySummary &b)
{
    if (a.documents != b.documents) {
        return a.documents > b.documents;
    }
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.id < b.id;
}

} // namespace

QString cooccurrenceScopeName(CooccurrenceScope scope)
{
    return scope == CooccurrenceScope::Sentence ? QStringLiteral("sentence") : QStringLiteral("article");
}

bool cooccurrenceScopeFromName(QStringView name, CooccurrenceScope *scope)
{
    if (name == u"article") {
        *scope = CooccurrenceScope::Article;
    } else if (name == u"sentence") {
        *scope = CooccurrenceScope::Sentence;
    } else {
        return false;
    }
    return true;
}

CooccurrenceQuery::CooccurrenceQuery(StoreContext *context)
    : d(context)
{
}

DocumentFilter CooccurrenceQuery::articlesWithBoth(const DocumentFilter &filter, qint64 a, qint64 b)
{
    DocumentFilter narrowed = filter;
    for (qint64 id : { a, b }) {
        if (narrowed.anyOf) {
            narrowed.entityGroups.append(QList<qint64> { id });
        } else if (!narrowed.entities.contains(id)) {
            narrowed.entities.append(id);
        }
    }
    return narrowed;
}

std::optional<Cooccurrences> CooccurrenceQuery::pairs(const DocumentFilter &filter, const CooccurrenceOptions &options)
{
    Cooccurrences result;
    result.scope = options.scope;
    if (options.types.isEmpty()) {
        return result;
    }
    const int minCount = std::max(options.minCount, 1);
    if (d->refusesSearch(filter.text)) {
        return std::nullopt;
    }
    QVariantList idBinds;
    const QString ids = idSet(filter, &idBinds, d->backend);

    QSqlQuery query(d->db());
    if (!d->run(query,
            ids.isEmpty() ? QStringLiteral("SELECT COUNT(*) FROM articles")
                          : QStringLiteral("SELECT COUNT(*) FROM (%1)").arg(ids),
            idBinds)
        || !query.next()) {
        return std::nullopt;
    }
    result.filtered = query.value(0).toInt();
    query.finish();

    Counts counts;
    QHash<qint64, EntitySummary> entities;
    if (options.scope == CooccurrenceScope::Article) {
        result.articles = result.filtered;
        // N: the filtered articles naming an entity of the chosen types.
        QVariantList binds = idBinds;
        QString types = typeList(options, &binds);
        if (!d->run(query,
                QStringLiteral("SELECT COUNT(DISTINCT ae.article_id) FROM %1 JOIN entities e ON e.id = ae.entity_id "
                               "WHERE e.type IN (%2)")
                    .arg(linksOf(ids, QStringLiteral("ae"), d->joinInOrder()), types),
                binds)
            || !query.next()) {
            return std::nullopt;
        }
        counts.units = query.value(0).toInt();
        query.finish();

        // c(x) of every entity that can be in a pair counted minCount times.
        binds = idBinds;
        types = typeList(options, &binds);
        binds.append(minCount);
        if (!d->run(query,
                QStringLiteral("SELECT e.id, e.name, e.type, COUNT(*) AS n FROM %1 JOIN entities e ON e.id = "
                               "ae.entity_id WHERE e.type IN (%2) GROUP BY %3 HAVING COUNT(*) >= ?")
                    .arg(linksOf(ids, QStringLiteral("ae"), d->joinInOrder()), types,
                        // PostgreSQL lists e's columns only when grouped by e's key.
                        d->onServer() ? QStringLiteral("e.id") : QStringLiteral("ae.entity_id")),
                binds)) {
            return std::nullopt;
        }
        while (query.next()) {
            EntitySummary entity;
            entity.id = query.value(0).toLongLong();
            entity.name = query.value(1).toString();
            entityTypeFromName(query.value(2).toString(), &entity.type);
            entity.documents = query.value(3).toInt();
            counts.own.insert(entity.id, entity.documents);
            entities.insert(entity.id, entity);
        }
        query.finish();

        // c(a,b): the self-join of the filtered links, over those entities only. The unary plus keeps y on
        // its primary key (an article's links): SQLite 3.46 otherwise looked y up through the entity index,
        // once per listed entity for every link of x (100,000 articles: 70.6 s of CPU, with the hint 8.1 s).
        binds = idBinds;
        types = typeList(options, &binds);
        binds.append(minCount);
        binds += idBinds;
        binds.append(minCount);
        if (!d->run(query,
                QStringLiteral("WITH n(id) AS (SELECT ae.entity_id FROM %1 JOIN entities e ON e.id = ae.entity_id "
                               "WHERE e.type IN (%2) GROUP BY ae.entity_id HAVING COUNT(*) >= ?) "
                               "SELECT x.entity_id, y.entity_id, COUNT(*) AS c FROM %3 JOIN article_entities y ON "
                               "y.article_id = x.article_id AND y.entity_id > x.entity_id WHERE %4 "
                               "GROUP BY x.entity_id, y.entity_id HAVING COUNT(*) >= ?")
                    .arg(linksOf(ids, QStringLiteral("ae"), d->joinInOrder()), types,
                        linksOf(ids, QStringLiteral("x"), d->joinInOrder()),
                        // SQLite's "IN table" and unary-plus hint are its own.
                        d->onServer() ? QStringLiteral("x.entity_id IN (SELECT id FROM n) AND y.entity_id IN "
                                                       "(SELECT id FROM n)")
                                      : QStringLiteral("x.entity_id IN n AND +y.entity_id IN n")),
                binds)) {
            return std::nullopt;
        }
        while (query.next()) {
            counts.together.insert(
                { query.value(0).toLongLong(), query.value(1).toLongLong() }, query.value(2).toInt());
        }
        query.finish();
    } else {
        // The newest articles first, one more than the limit to know whether it stopped short.
        QVariantList binds = idBinds;
        const int limit = std::max(options.sentenceArticleLimit, 0);
        binds.append(qint64(limit) + 1);
        if (!d->run(query,
                QStringLiteral("SELECT a.id FROM articles a%1 ORDER BY a.date DESC, a.id DESC LIMIT ?")
                    .arg(ids.isEmpty() ? QString() : QStringLiteral(" WHERE a.id IN (%1)").arg(ids)),
                binds)) {
            return std::nullopt;
        }
        QList<qint64> articles;
        while (query.next()) {
            articles.append(query.value(0).toLongLong());
        }
        query.finish();
        if (articles.size() > limit) {
            articles.resize(limit);
            result.truncated = true;
        }
        result.articles = int(articles.size());

        QSqlQuery body(d->db());
        body.setForwardOnly(true);
        body.prepare(QStringLiteral("SELECT body FROM article_texts WHERE id = ?"));
        QVariantList typeBinds;
        const QString types = typeList(options, &typeBinds);
        QSqlQuery mentions(d->db());
        mentions.setForwardOnly(true);
        mentions.prepare(
            QStringLiteral("SELECT m.start, m.\"end\", m.entity_id FROM mentions m JOIN entities e ON e.id = "
                           "m.entity_id WHERE m.article_id = ? AND e.type IN (%1) ORDER BY m.start")
                .arg(types));
        QList<qint64> inSentence;
        for (qint64 article : std::as_const(articles)) {
            mentions.addBindValue(article);
            for (const QVariant &type : std::as_const(typeBinds)) {
                mentions.addBindValue(type);
            }
            if (!d->exec(mentions)) {
                return std::nullopt;
            }
            struct Placed {
                qsizetype start;
                qsizetype end;
                qint64 entity;
            };
            QList<Placed> placed;
            while (mentions.next()) {
                placed.append(
                    { mentions.value(0).toLongLong(), mentions.value(1).toLongLong(), mentions.value(2).toLongLong() });
            }
            mentions.finish();
            if (placed.isEmpty()) {
                continue;
            }
            body.addBindValue(article);
            if (!d->exec(body)) {
                return std::nullopt;
            }
            const QString text = body.next() ? body.value(0).toString() : QString();
            body.finish();
            qsizetype sentenceBegin = -1;
            qsizetype sentenceEnd = -1;
            for (const Placed &mention : std::as_const(placed)) {
                if (mention.start < 0 || mention.end > text.size() || mention.start >= mention.end) {
                    continue;
                }
                if (mention.start < sentenceBegin || mention.end > sentenceEnd) {
                    const auto [begin, end] = sentenceAround(text, mention.start, mention.end);
                    if (begin != sentenceBegin) {
                        countUnit(inSentence, &counts);
                    }
                    sentenceBegin = begin;
                    sentenceEnd = end;
                }
                inSentence.append(mention.entity);
            }
            countUnit(inSentence, &counts);
        }

        // The names of the entities that can be in a pair counted minCount times.
        QList<qint64> wanted;
        for (auto it = counts.together.cbegin(); it != counts.together.cend(); ++it) {
            if (it.value() >= minCount) {
                wanted.append(it.key().first);
                wanted.append(it.key().second);
            }
        }
        std::sort(wanted.begin(), wanted.end());
        wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
        if (!d->runOverIds(QStringLiteral("SELECT id, name, type FROM entities WHERE id IN (%1)"), wanted,
                [&](const QSqlQuery &row) {
                    EntitySummary entity;
                    entity.id = row.value(0).toLongLong();
                    entity.name = row.value(1).toString();
                    entityTypeFromName(row.value(2).toString(), &entity.type);
                    entity.documents = counts.own.value(entity.id);
                    entities.insert(entity.id, entity);
                })) {
            return std::nullopt;
        }
    }

    result.units = counts.units;
    const double n = counts.units;
    for (auto it = counts.together.cbegin(); it != counts.together.cend(); ++it) {
        const int together = it.value();
        const auto a = entities.constFind(it.key().first);
        const auto b = entities.constFind(it.key().second);
        if (together < minCount || a == entities.cend() || b == entities.cend()) {
            continue;
        }
        CooccurrencePair pair;
        pair.a = *a;
        pair.b = *b;
        if (before(pair.b, pair.a)) {
            std::swap(pair.a, pair.b);
        }
        pair.count = together;
        pair.pmi = std::log2(double(together) * n / (double(pair.a.documents) * double(pair.b.documents)));
        // Clamped: rounding may put a pair that only appears together a hair above 1.
        pair.npmi = together >= counts.units ? 1.0 : std::clamp(pair.pmi / -std::log2(double(together) / n), -1.0, 1.0);
        result.pairs.append(pair);
    }
    std::sort(result.pairs.begin(), result.pairs.end(), [](const CooccurrencePair &x, const CooccurrencePair &y) {
        if (x.npmi != y.npmi) {
            return x.npmi > y.npmi;
        }
        if (x.count != y.count) {
            return x.count > y.count;
        }
        if (x.a.id != y.a.id) {
            return before(x.a, y.a);
        }
        return before(x.b, y.b);
    });
    if (options.limit >= 0 && result.pairs.size() > options.limit) {
        result.pairs.resize(options.limit);
    }
    return result;
}

} // namespace Dossier::Core
