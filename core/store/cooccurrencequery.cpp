// Who appears with whom: pairs of entities named in the same article or sentence, ranked by NPMI.

#include "store/cooccurrencequery.h"

#include "analysis/sentences.h"
#include "store/documentorder_p.h"
#include "store/sentencerows_p.h"
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

// The entities of the chosen types, as a bitmap over their ids.
bool chosenEntities(StoreContext *d, const CooccurrenceOptions &options, std::vector<bool> *chosen)
{
    QVariantList binds;
    const QString types = typeList(options, &binds);
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    if (!d->run(query, QStringLiteral("SELECT id FROM entities WHERE type IN (%1)").arg(types), binds)) {
        return false;
    }
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        if (id >= 0) {
            if (id >= qint64(chosen->size())) {
                chosen->resize(size_t(id) + 1 + chosen->size() / 2);
            }
            (*chosen)[size_t(id)] = true;
        }
    }
    return true;
}

// Article scope: the filtered articles' links of the chosen types, one row per article (its entity ids
// joined), counted here. One pass over the links in their primary key's order, with no join per link:
// a self-join of the links grouped by pair took 17.7 s over 100,000 articles in SQLite.
bool countArticles(StoreContext *d, const QString &ids, const QVariantList &idBinds, const CooccurrenceOptions &options,
    int minCount, Counts *counts)
{
    std::vector<bool> chosen;
    if (!chosenEntities(d, options, &chosen)) {
        return false;
    }
    QSqlQuery query(d->db());
    query.setForwardOnly(true);

    // Every article's chosen entities, ascending, one after the other (\c starts: where each begins).
    std::vector<qint64> links;
    std::vector<size_t> starts;
    std::vector<int> own(chosen.size()); // c(x) by id
    if (!d->run(query,
            QStringLiteral("SELECT %1 FROM %2 GROUP BY ae.article_id")
                .arg(d->joinedText(QStringLiteral("CAST(ae.entity_id AS TEXT)")),
                    linksOf(ids, QStringLiteral("ae"), d->joinInOrder())),
            idBinds)) {
        return false;
    }
    while (query.next()) {
        const size_t start = links.size();
        const QString joined = query.value(0).toString();
        for (const QStringView part : QStringView(joined).tokenize(QChar(31), Qt::SkipEmptyParts)) {
            const qint64 id = part.toLongLong();
            if (id >= 0 && id < qint64(chosen.size()) && chosen[size_t(id)]) {
                links.push_back(id);
                ++own[size_t(id)];
            }
        }
        if (links.size() > start) {
            std::sort(links.begin() + qsizetype(start), links.end());
            starts.push_back(start);
            ++counts->units;
        }
    }
    query.finish();
    starts.push_back(links.size());

    // c(a,b) over the entities that can be in a pair counted minCount times, numbered densely in id order
    // (so an article's numbers stay ascending): a triangular table when they are few, a hash otherwise.
    QList<qint64> kept;
    for (size_t id = 0; id < own.size(); ++id) {
        if (own[id] >= minCount) {
            kept.append(qint64(id));
            counts->own.insert(qint64(id), own[id]);
        }
    }
    QHash<qint64, int> number;
    number.reserve(kept.size());
    for (qsizetype i = 0; i < kept.size(); ++i) {
        number.insert(kept[i], int(i));
    }
    const qint64 m = kept.size();
    constexpr qint64 tableLimit = 2048 * 2047 / 2; // cells (8 MB): 2,048 entities
    const bool dense = m * (m - 1) / 2 <= tableLimit;
    std::vector<quint32> table(dense ? size_t(m * (m - 1) / 2) : 0);
    QHash<quint64, quint32> sparse;
    std::vector<int> inArticle;
    for (size_t a = 0; a + 1 < starts.size(); ++a) {
        inArticle.clear();
        for (size_t l = starts[a]; l < starts[a + 1]; ++l) {
            const auto found = number.constFind(links[l]);
            if (found != number.cend()) {
                inArticle.push_back(*found);
            }
        }
        for (size_t i = 0; i < inArticle.size(); ++i) {
            const qint64 x = inArticle[i];
            // Row x of the upper triangle (y > x) starts after the rows above it.
            const qint64 row = x * (2 * m - x - 1) / 2 - x - 1;
            for (size_t j = i + 1; j < inArticle.size(); ++j) {
                if (dense) {
                    ++table[size_t(row + inArticle[j])];
                } else {
                    ++sparse[quint64(x) << 32 | quint64(inArticle[j])];
                }
            }
        }
    }
    const auto keep = [&](qint64 x, qint64 y, quint32 together) {
        if (together >= quint32(minCount)) {
            counts->together.insert({ kept[x], kept[y] }, int(together));
        }
    };
    if (dense) {
        for (qint64 x = 0, cell = 0; x < m; ++x) {
            for (qint64 y = x + 1; y < m; ++y, ++cell) {
                keep(x, y, table[size_t(cell)]);
            }
        }
    } else {
        for (auto it = sparse.cbegin(); it != sparse.cend(); ++it) {
            keep(qint64(it.key() >> 32), qint64(it.key() & 0xffffffffu), it.value());
        }
    }
    return true;
}

// Sentence scope from the articles' sentence rows (article_sentences, schema 14): the newest
// filtered articles, at most the limit, counted as pairs() counts them from the bodies.
bool countSentenceRows(StoreContext *d, const QString &ids, const QVariantList &idBinds,
    const CooccurrenceOptions &options, Cooccurrences *result, Counts *counts)
{
    std::vector<bool> chosen;
    if (!chosenEntities(d, options, &chosen)) {
        return false;
    }
    const int limit = std::max(options.sentenceArticleLimit, 0);
    QVariantList binds = idBinds;
    binds.append(qint64(limit) + 1);
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT s.mentions FROM articles a LEFT JOIN article_sentences s ON s.article_id = a.id%1 "
                           "ORDER BY a.date DESC, a.id DESC LIMIT ?")
                .arg(ids.isEmpty() ? QString() : QStringLiteral(" WHERE a.id IN (%1)").arg(ids)),
            binds)) {
        return false;
    }
    QList<qint64> inSentence;
    while (query.next()) {
        if (result->articles == limit) {
            result->truncated = true;
            break;
        }
        ++result->articles;
        const QByteArray row = query.value(0).toByteArray();
        qsizetype sentenceBegin = -1;
        qsizetype sentenceEnd = -1;
        for (qsizetype i = 0; i < row.size() / sentenceMentionSize; ++i) {
            const SentenceMention mention = sentenceMentionAt(row, i);
            if (mention.entity < 0 || mention.entity >= qint64(chosen.size()) || !chosen[size_t(mention.entity)]) {
                continue;
            }
            if (mention.start < sentenceBegin || mention.end > sentenceEnd) {
                if (mention.sentenceStart != sentenceBegin) {
                    countUnit(inSentence, counts);
                }
                sentenceBegin = mention.sentenceStart;
                sentenceEnd = mention.sentenceEnd;
            }
            inSentence.append(mention.entity);
        }
        countUnit(inSentence, counts);
    }
    return true;
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
    // Sentence scope reads the sentence rows once every article has them (else the bodies).
    const std::optional<bool> rowsReady
        = options.scope == CooccurrenceScope::Sentence ? d->sentenceRowsReady() : std::optional<bool>(false);
    if (!rowsReady) {
        return std::nullopt;
    }
    if (options.scope == CooccurrenceScope::Article) {
        result.articles = result.filtered;
        if (!countArticles(d, ids, idBinds, options, minCount, &counts)) {
            return std::nullopt;
        }
    } else if (*rowsReady) {
        if (!countSentenceRows(d, ids, idBinds, options, &result, &counts)) {
            return std::nullopt;
        }
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
    if (!d->runOverIds(
            QStringLiteral("SELECT id, name, type FROM entities WHERE id IN (%1)"), wanted, [&](const QSqlQuery &row) {
                EntitySummary entity;
                entity.id = row.value(0).toLongLong();
                entity.name = row.value(1).toString();
                entityTypeFromName(row.value(2).toString(), &entity.type);
                entity.documents = counts.own.value(entity.id);
                entities.insert(entity.id, entity);
            })) {
        return std::nullopt;
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
