// Near-duplicates of a library: signatures and band keys stored with each article, the clusters
// they form, the copies of one article and what a copy changed against its original.

#include "store/duplicatestore.h"

#include "store/annotationstore.h"
#include "store/storecontext_p.h"

#include <QSet>

#include <algorithm>
#include <deque>

namespace Dossier::Core
{

using namespace NearDuplicates;

namespace
{

std::optional<QHash<qint64, ArticleSummary>> readSummaries(StoreContext *d, const QList<qint64> &ids)
{
    QHash<qint64, ArticleSummary> summaries;
    if (!d->runOverIds(QStringLiteral("SELECT %1 FROM articles a WHERE a.id IN (%2)")
                           .arg(QLatin1String(summaryColumnList), QStringLiteral("%1")),
            ids, [&](const QSqlQuery &query) {
                const ArticleSummary summary = articleSummaryFrom(query);
                summaries.insert(summary.id, summary);
            })) {
        return std::nullopt;
    }
    return summaries;
}

std::optional<QHash<qint64, Signature>> readSignatures(StoreContext *d, const QList<qint64> &ids)
{
    QHash<qint64, Signature> signatures;
    if (!d->runOverIds(QStringLiteral("SELECT article_id, signature FROM article_signatures WHERE article_id IN (%1)"),
            ids, [&](const QSqlQuery &query) {
                if (const auto signature = decode(query.value(1).toByteArray())) {
                    signatures.insert(query.value(0).toLongLong(), *signature);
                }
            })) {
        return std::nullopt;
    }
    return signatures;
}

// The earliest article first: by date (undated ones last), then by import order (id).
bool earlier(const ArticleSummary &a, const ArticleSummary &b)
{
    if (a.date.isEmpty() != b.date.isEmpty()) {
        return !a.date.isEmpty();
    }
    if (a.date != b.date) {
        return a.date < b.date;
    }
    return a.id < b.id;
}

// The cluster of \a ids: its members ordered original first, each with its similarity to it.
DuplicateCluster makeCluster(const QList<qint64> &ids, const QHash<qint64, ArticleSummary> &summaries,
    const QHash<qint64, Signature> &signatures)
{
    DuplicateCluster cluster;
    for (const qint64 id : ids) {
        ClusterMember member;
        member.article = summaries.value(id);
        member.article.id = id;
        cluster.members.append(member);
    }
    std::sort(cluster.members.begin(), cluster.members.end(),
        [](const ClusterMember &a, const ClusterMember &b) { return earlier(a.article, b.article); });
    const auto original = signatures.constFind(cluster.members.front().article.id);
    for (ClusterMember &member : cluster.members) {
        const auto signature = signatures.constFind(member.article.id);
        member.similarity
            = original != signatures.cend() && signature != signatures.cend() ? similarity(*original, *signature) : 0.0;
    }
    cluster.members.front().similarity = 1.0;
    return cluster;
}

} // namespace

bool StoreContext::writeSignature(qint64 articleId, QStringView body)
{
    // A new body may make it the copy of other articles, or of none: it leaves its story first,
    // and it and the story's other articles are assigned again once the new signature is written.
    QList<qint64> formerCopies;
    if (!leaveStory(articleId, &formerCopies)) {
        return false;
    }
    if (!writeBands(articleId, body)) {
        return false;
    }
    return assignStory(articleId) && assignStories(formerCopies);
}

bool StoreContext::writeBands(qint64 articleId, QStringView body)
{
    QSqlQuery clear(db());
    clear.prepare(QStringLiteral("DELETE FROM article_bands WHERE article_id = ?"));
    clear.addBindValue(articleId);
    if (!exec(clear)) {
        return false;
    }
    const std::optional<Signature> signature = NearDuplicates::signature(body);
    QSqlQuery write(db());
    write.prepare(QStringLiteral("INSERT INTO article_signatures (article_id, signature) VALUES (?, ?) ON CONFLICT "
                                 "(article_id) DO UPDATE SET signature = excluded.signature"));
    write.addBindValue(articleId);
    // A body without words keeps an empty signature, so that it is not computed again.
    write.addBindValue(signature ? encode(*signature) : QByteArray(""));
    if (!exec(write)) {
        return false;
    }
    if (!signature) {
        return true;
    }
    QVariantList bands;
    for (const qint64 key : bandKeys(*signature)) {
        bands << key << articleId;
    }
    return insertRows(QStringLiteral("INSERT INTO article_bands (band, article_id)"), 2, bands,
        QStringLiteral("ON CONFLICT DO NOTHING"));
}

DuplicateStore::DuplicateStore(StoreContext *context)
    : d(context)
{
}

std::optional<qint64> DuplicateStore::fillMissingSignatures(const FillProgress &progress)
{
    // Looking costs a pass over the articles (0.3 s at 100,000): once per connection.
    if (d->signaturesComplete) {
        return 0;
    }
    qint64 filled = 0;
    qint64 total = 0;
    if (progress) {
        QSqlQuery count(d->db());
        if (!d->run(count,
                QStringLiteral("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_signatures s "
                               "WHERE s.article_id = a.id)"),
                {})
            || !count.next()) {
            return std::nullopt;
        }
        total = count.value(0).toLongLong();
    }
    for (;;) {
        if (progress && total > 0 && !progress(filled, std::max(total, filled))) {
            d->error = StoreError(QStringLiteral("canceled"));
            return std::nullopt;
        }
        QSqlQuery missing(d->db());
        if (!d->run(missing,
                QStringLiteral("SELECT a.id, t.body FROM articles a JOIN article_texts t ON t.id = a.id WHERE NOT "
                               "EXISTS (SELECT 1 FROM article_signatures s WHERE s.article_id = a.id) LIMIT 256"),
                {})) {
            return std::nullopt;
        }
        QList<std::pair<qint64, QString>> bodies;
        while (missing.next()) {
            bodies.append({ missing.value(0).toLongLong(), missing.value(1).toString() });
        }
        missing.finish();
        if (bodies.isEmpty()) {
            d->signaturesComplete = true;
            return filled;
        }
        if (d->readOnly) {
            d->error
                = StoreError(QStringLiteral("the library is read-only and %1 of its articles have no near-duplicate "
                                            "signature yet (open it once with write access)")
                                 .arg(bodies.size() < 256 ? QString::number(bodies.size()) : QStringLiteral("some")),
                    StoreError::Kind::ReadOnly);
            return std::nullopt;
        }
        if (!d->transaction([&] {
                for (const auto &[id, body] : std::as_const(bodies)) {
                    if (!d->writeSignature(id, body)) {
                        return false;
                    }
                }
                return true;
            })) {
            return std::nullopt;
        }
        filled += bodies.size();
    }
}

std::optional<QList<DuplicateCluster>> DuplicateStore::clusters(int minSize, double threshold)
{
    // At the threshold the stories are kept at, the clusters are the stories of several articles: read
    // those (at 100,000 articles, 0.05 s against 3 s for a pass over every band row). A read-only library
    // whose stories are not all made yet is grouped by the pass.
    if (threshold == defaultThreshold) {
        if (fillMissingStories()) {
            return storyClusters(minSize);
        }
        if (!d->readOnly) {
            return std::nullopt;
        }
    }
    return scanClusters(minSize, threshold);
}

std::optional<QList<DuplicateCluster>> DuplicateStore::storyClusters(int minSize)
{
    // One statement for every member with its summary and signature: lookups by id in chunks of
    // bound lists spent much of their time preparing the statements.
    QList<QList<qint64>> groups;
    QHash<qint64, ArticleSummary> summaries;
    QHash<qint64, Signature> signatures;
    QSqlQuery members(d->db());
    members.setForwardOnly(true);
    if (!d->run(members,
            QStringLiteral("SELECT %1, st.story_id, s.signature FROM article_stories st JOIN articles a ON a.id = "
                           "st.article_id LEFT JOIN article_signatures s ON s.article_id = st.article_id WHERE "
                           "st.story_id IN (SELECT story_id FROM article_stories GROUP BY story_id HAVING COUNT(*) "
                           ">= ?) ORDER BY st.story_id, st.article_id")
                .arg(QLatin1String(summaryColumnList)),
            { std::max(minSize, 2) })) {
        return std::nullopt;
    }
    qint64 current = -1;
    while (members.next()) {
        const ArticleSummary summary = articleSummaryFrom(members);
        const qint64 story = members.value(summaryColumnCount).toLongLong();
        if (groups.isEmpty() || story != current) {
            groups.append(QList<qint64>());
            current = story;
        }
        groups.last().append(summary.id);
        if (const auto signature = decode(members.value(summaryColumnCount + 1).toByteArray())) {
            signatures.insert(summary.id, *signature);
        }
        summaries.insert(summary.id, summary);
    }
    return sortedClusters(groups, summaries, signatures);
}

std::optional<QList<DuplicateCluster>> DuplicateStore::scanClusters(int minSize, double threshold)
{
    if (!fillMissingSignatures()) {
        return std::nullopt;
    }
    // The buckets: articles sharing a band key, read in the key's order.
    QList<QList<qint64>> buckets;
    QSet<qint64> candidates;
    {
        QSqlQuery bands(d->db());
        if (!d->run(bands, QStringLiteral("SELECT band, article_id FROM article_bands ORDER BY band"), {})) {
            return std::nullopt;
        }
        qint64 current = 0;
        QList<qint64> bucket;
        const auto close = [&] {
            if (bucket.size() > 1) {
                for (const qint64 id : std::as_const(bucket)) {
                    candidates.insert(id);
                }
                buckets.append(bucket);
            }
            bucket.clear();
        };
        while (bands.next()) {
            const qint64 key = bands.value(0).toLongLong();
            if (!bucket.isEmpty() && key != current) {
                close();
            }
            current = key;
            bucket.append(bands.value(1).toLongLong());
        }
        close();
    }
    QList<qint64> ids(candidates.cbegin(), candidates.cend());
    std::sort(ids.begin(), ids.end());
    const auto signatures = readSignatures(d, ids);
    if (!signatures) {
        return std::nullopt;
    }
    Grouper grouper(threshold, [&](qint64 id) {
        const auto it = signatures->constFind(id);
        return it == signatures->cend() ? nullptr : &*it;
    });
    for (const QList<qint64> &bucket : std::as_const(buckets)) {
        grouper.addBucket(bucket);
    }
    return makeClusters(grouper.groups(std::max(minSize, 2)), *signatures);
}

std::optional<QList<DuplicateCluster>> DuplicateStore::makeClusters(
    const QList<QList<qint64>> &groups, const QHash<qint64, Signature> &signatures)
{
    QList<qint64> members;
    for (const QList<qint64> &group : groups) {
        members += group;
    }
    const auto summaries = readSummaries(d, members);
    if (!summaries) {
        return std::nullopt;
    }
    return sortedClusters(groups, *summaries, signatures);
}

QList<DuplicateCluster> DuplicateStore::sortedClusters(const QList<QList<qint64>> &groups,
    const QHash<qint64, ArticleSummary> &summaries, const QHash<qint64, Signature> &signatures)
{
    QList<DuplicateCluster> result;
    result.reserve(groups.size());
    for (const QList<qint64> &group : groups) {
        result.append(makeCluster(group, summaries, signatures));
    }
    std::stable_sort(result.begin(), result.end(), [](const DuplicateCluster &a, const DuplicateCluster &b) {
        if (a.members.size() != b.members.size()) {
            return a.members.size() > b.members.size();
        }
        return a.members.front().article.id < b.members.front().article.id;
    });
    return result;
}

std::optional<DuplicateCluster> DuplicateStore::copiesOf(qint64 id, double threshold)
{
    if (!fillMissingSignatures()) {
        return std::nullopt;
    }
    QSqlQuery exists(d->db());
    if (!d->runOne(exists, QStringLiteral("SELECT 1 FROM articles WHERE id = ?"), { id },
            StoreError(QStringLiteral("no article with id %1").arg(id), StoreError::Kind::NotFound))) {
        return std::nullopt;
    }
    exists.finish();
    // Breadth first from the article over confirmed copies: the connected group clusters() finds.
    QHash<qint64, Signature> signatures;
    QList<qint64> members { id };
    QSet<qint64> seen { id };
    if (const auto own = readSignatures(d, { id })) {
        signatures.insert(*own);
    } else {
        return std::nullopt;
    }
    std::deque<qint64> queue { id };
    while (!queue.empty()) {
        const qint64 current = queue.front();
        queue.pop_front();
        const auto currentSignature = signatures.constFind(current);
        if (currentSignature == signatures.cend()) {
            continue;
        }
        const Signature from = *currentSignature;
        QVariantList keys;
        for (const qint64 key : bandKeys(from)) {
            keys.append(key);
        }
        QSqlQuery neighbours(d->db());
        if (!d->run(neighbours,
                QStringLiteral("SELECT DISTINCT article_id FROM article_bands WHERE band IN (%1)")
                    .arg(placeholders(keys.size())),
                keys)) {
            return std::nullopt;
        }
        QList<qint64> fresh;
        while (neighbours.next()) {
            const qint64 other = neighbours.value(0).toLongLong();
            if (!seen.contains(other)) {
                fresh.append(other);
            }
        }
        neighbours.finish();
        const auto more = readSignatures(d, fresh);
        if (!more) {
            return std::nullopt;
        }
        for (const qint64 other : std::as_const(fresh)) {
            const auto signature = more->constFind(other);
            if (signature != more->cend() && similarity(from, *signature) >= threshold) {
                seen.insert(other);
                members.append(other);
                signatures.insert(other, *signature);
                queue.push_back(other);
            }
        }
    }
    const auto summaries = readSummaries(d, members);
    if (!summaries) {
        return std::nullopt;
    }
    return makeCluster(members, *summaries, signatures);
}

std::optional<int> DuplicateStore::copyCount(qint64 id, double threshold)
{
    const auto cluster = copiesOf(id, threshold);
    if (!cluster) {
        return std::nullopt;
    }
    return int(cluster->members.size()) - 1;
}

std::optional<QHash<qint64, int>> DuplicateStore::copyCounts(const QList<qint64> &ids, double threshold)
{
    // Union-find over every article reached from \a ids: each level reads the band neighbours of
    // the articles found last (one statement per 500 of them) and their signatures, and joins the
    // pairs that are copies. The groups are those copiesOf() finds, one statement set for all.
    QHash<qint64, qint64> parent;
    const auto find = [&parent](qint64 id) {
        qint64 root = id;
        while (parent.value(root, root) != root) {
            root = parent.value(root);
        }
        while (id != root) {
            const qint64 next = parent.value(id, id);
            parent.insert(id, root);
            id = next;
        }
        return root;
    };
    QSet<qint64> seen(ids.cbegin(), ids.cend());
    QList<qint64> frontier(seen.cbegin(), seen.cend());
    std::optional<QHash<qint64, Signature>> signatures = readSignatures(d, frontier);
    if (!signatures) {
        return std::nullopt;
    }
    while (!frontier.isEmpty()) {
        QList<std::pair<qint64, qint64>> pairs;
        QSet<qint64> unread;
        if (!d->runOverIds(QStringLiteral("SELECT DISTINCT a.article_id, b.article_id FROM article_bands a JOIN "
                                          "article_bands b ON b.band = a.band AND b.article_id <> a.article_id "
                                          "WHERE a.article_id IN (%1)"),
                frontier, [&](const QSqlQuery &query) {
                    const qint64 other = query.value(1).toLongLong();
                    pairs.append({ query.value(0).toLongLong(), other });
                    if (!signatures->contains(other)) {
                        unread.insert(other);
                    }
                })) {
            return std::nullopt;
        }
        const auto more = readSignatures(d, QList<qint64>(unread.cbegin(), unread.cend()));
        if (!more) {
            return std::nullopt;
        }
        signatures->insert(*more);
        QList<qint64> next;
        for (const auto &[from, other] : std::as_const(pairs)) {
            const auto a = signatures->constFind(from);
            const auto b = signatures->constFind(other);
            if (a == signatures->cend() || b == signatures->cend() || similarity(*a, *b) < threshold) {
                continue;
            }
            const qint64 rootA = find(from);
            const qint64 rootB = find(other);
            if (rootA != rootB) {
                parent.insert(rootA, rootB);
            }
            if (!seen.contains(other)) {
                seen.insert(other);
                next.append(other);
            }
        }
        frontier = next;
    }
    QHash<qint64, int> sizes;
    for (const qint64 id : std::as_const(seen)) {
        ++sizes[find(id)];
    }
    QHash<qint64, int> counts;
    for (const qint64 id : ids) {
        counts.insert(id, sizes.value(find(id), 1) - 1);
    }
    return counts;
}

std::optional<QList<CopyAnnotation>> DuplicateStore::annotationsFromCopies(qint64 id, double threshold)
{
    const auto cluster = copiesOf(id, threshold);
    if (!cluster) {
        return std::nullopt;
    }
    QList<CopyAnnotation> result;
    if (cluster->members.size() < 2) {
        return result;
    }
    AnnotationQuery query;
    QHash<qint64, ArticleSummary> copies;
    for (const ClusterMember &member : cluster->members) {
        if (member.article.id != id) {
            query.articles.append(member.article.id);
            copies.insert(member.article.id, member.article);
        }
    }
    const auto annotations = AnnotationStore(d).list(query);
    if (!annotations) {
        return std::nullopt;
    }
    if (annotations->isEmpty()) {
        return result;
    }
    QSqlQuery text(d->db());
    if (!d->runOne(text, QStringLiteral("SELECT body FROM article_texts WHERE id = ?"), { id },
            StoreError(QStringLiteral("the text of article %1 is missing").arg(id), StoreError::Kind::NotFound))) {
        return std::nullopt;
    }
    const QString body = text.value(0).toString();
    for (const Annotation &annotation : *annotations) {
        if (annotation.state == AnnotationState::Orphaned) {
            continue;
        }
        const Reanchored found = reanchor(body, annotation.anchor);
        if (found.match == AnchorMatch::None) {
            continue;
        }
        CopyAnnotation landed;
        landed.annotation = annotation;
        landed.annotation.anchor = found.anchor;
        landed.from = copies.value(annotation.articleId);
        landed.match = found.match;
        result.append(landed);
    }
    std::stable_sort(result.begin(), result.end(), [](const CopyAnnotation &a, const CopyAnnotation &b) {
        return a.annotation.anchor.start < b.annotation.anchor.start;
    });
    return result;
}

std::optional<CopyDiff> DuplicateStore::diff(qint64 copy, std::optional<qint64> original, double threshold)
{
    if (!original) {
        const auto cluster = copiesOf(copy, threshold);
        if (!cluster) {
            return std::nullopt;
        }
        if (cluster->members.size() < 2) {
            d->error = StoreError(QStringLiteral("article %1 has no copies").arg(copy), StoreError::Kind::NotFound);
            return std::nullopt;
        }
        if (cluster->members.front().article.id == copy) {
            d->error = StoreError(
                QStringLiteral("article %1 is the original of its cluster; name the article to compare it with")
                    .arg(copy),
                StoreError::Kind::Invalid);
            return std::nullopt;
        }
        original = cluster->members.front().article.id;
    }
    const auto summaries = readSummaries(d, { *original, copy });
    if (!summaries) {
        return std::nullopt;
    }
    for (const qint64 id : { *original, copy }) {
        if (!summaries->contains(id)) {
            d->error = StoreError(QStringLiteral("no article with id %1").arg(id), StoreError::Kind::NotFound);
            return std::nullopt;
        }
    }
    CopyDiff result;
    result.original = summaries->value(*original);
    result.copy = summaries->value(copy);
    for (const auto &[id, body] :
        { std::pair { *original, &result.originalBody }, std::pair { copy, &result.copyBody } }) {
        QSqlQuery text(d->db());
        if (!d->runOne(text, QStringLiteral("SELECT body FROM article_texts WHERE id = ?"), { id },
                StoreError(QStringLiteral("the text of article %1 is missing").arg(id), StoreError::Kind::NotFound))) {
            return std::nullopt;
        }
        *body = text.value(0).toString();
    }
    const auto a = NearDuplicates::signature(result.originalBody);
    const auto b = NearDuplicates::signature(result.copyBody);
    result.similarity = a && b ? similarity(*a, *b) : 0.0;
    result.runs = wordDiff(result.originalBody, result.copyBody);
    return result;
}

} // namespace Dossier::Core
