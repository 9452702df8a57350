// Stories: the copies of one story share a story id (schema 11), kept as articles are stored,
// updated and removed, so that the document list can group them in SQL.

#include "store/duplicatestore.h"
#include "store/storecontext_p.h"

#include <QSet>

#include <algorithm>

namespace Dossier::Core
{

using namespace NearDuplicates;

QString StoreContext::neighboursSql(const QString &self)
{
    return QStringLiteral("SELECT s.signature, st.story_id FROM (SELECT DISTINCT article_id FROM article_bands WHERE "
                          "band IN (%1) AND article_id <> %2) n JOIN article_signatures s ON s.article_id = "
                          "n.article_id JOIN article_stories st ON st.article_id = n.article_id")
        .arg(placeholders(bandCount), self);
}

QVariantList StoreContext::neighbourBinds(const Signature &signature)
{
    QVariantList binds;
    for (const qint64 key : bandKeys(signature)) {
        binds.append(key);
    }
    return binds;
}

bool StoreContext::assignStory(qint64 articleId)
{
    // Its own signature, then those of the articles sharing a band key with it and their stories:
    // a copy (similarity at the threshold copiesOf() uses) joins their stories into one.
    QSqlQuery own(db());
    if (!runOnce(own, QStringLiteral("SELECT signature FROM article_signatures WHERE article_id = ?"), { articleId })) {
        return false;
    }
    const std::optional<Signature> signature = own.next() ? decode(own.value(0).toByteArray()) : std::nullopt;
    own.finish();
    QSet<qint64> stories;
    if (signature) {
        QSqlQuery neighbours(db());
        if (!runOnce(neighbours, neighboursSql(), neighbourBinds(*signature) << articleId)) {
            return false;
        }
        stories = copiedStories(*signature, neighbours);
    }
    return joinStories(articleId, stories);
}

QSet<qint64> StoreContext::copiedStories(const Signature &signature, QSqlQuery &neighbours)
{
    QSet<qint64> stories;
    while (neighbours.next()) {
        const auto other = decode(neighbours.value(0).toByteArray());
        if (other && similarity(signature, *other) >= defaultThreshold) {
            stories.insert(neighbours.value(1).toLongLong());
        }
    }
    return stories;
}

bool StoreContext::joinStories(qint64 articleId, const QSet<qint64> &stories, const QStringList &after)
{
    // The smallest story id of those it joins, or its own id when smaller, names the merged story;
    // the others are renamed to it. So a story's id is always its smallest article id (one story
    // per row where they are equal: the index article_stories_lead counts them).
    qint64 story = articleId;
    for (const qint64 id : std::as_const(stories)) {
        story = std::min(story, id);
    }
    for (const qint64 id : std::as_const(stories)) {
        if (id == story) {
            continue;
        }
        QSqlQuery rename(db());
        if (!runOnce(
                rename, QStringLiteral("UPDATE article_stories SET story_id = ? WHERE story_id = ?"), { story, id })) {
            return false;
        }
    }
    QSqlQuery write(db());
    const QString insert = QStringLiteral("INSERT INTO article_stories (article_id, story_id) VALUES (?, ?) "
                                          "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id");
    if (!onServer() || after.isEmpty()) {
        return runOnce(write, insert, { articleId, story });
    }
    return runAll(write, QStringList { inlined(insert, { articleId, story }) } + after);
}

bool StoreContext::leaveStory(qint64 articleId, QList<qint64> *others)
{
    others->clear();
    QSqlQuery members(db());
    if (!runOnce(members,
            QStringLiteral("SELECT article_id FROM article_stories WHERE story_id = (SELECT story_id FROM "
                           "article_stories WHERE article_id = ?)"),
            { articleId })) {
        return false;
    }
    while (members.next()) {
        const qint64 id = members.value(0).toLongLong();
        if (id != articleId) {
            others->append(id);
        }
    }
    members.finish();
    // Without it the rest may be one story or several: each is assigned again from scratch.
    QSqlQuery clear(db());
    if (!runOnce(clear,
            QStringLiteral("DELETE FROM article_stories WHERE story_id = (SELECT story_id FROM article_stories WHERE "
                           "article_id = ?)"),
            { articleId })) {
        return false;
    }
    return true;
}

std::optional<qint64> DuplicateStore::missingStories()
{
    // Every article keeps one row (removing one removes its row): the rows missing are the
    // difference of two counts SQLite takes from the tables' b-trees (0.58 s at 100,000 when
    // each article was looked up).
    QSqlQuery missing(d->db());
    if (!d->run(missing,
            QStringLiteral("SELECT (SELECT COUNT(*) FROM articles) - (SELECT COUNT(*) FROM article_stories)"), {})
        || !missing.next()) {
        return std::nullopt;
    }
    return missing.value(0).toLongLong();
}

std::optional<qint64> DuplicateStore::fillMissingStories(const FillProgress &progress)
{
    if (d->storiesComplete) {
        return 0;
    }
    const std::optional<qint64> count = missingStories();
    if (!count) {
        return std::nullopt;
    }
    if (*count == 0) {
        d->storiesComplete = true; // and so were the signatures (a story is given after them)
        return 0;
    }
    if (!fillMissingSignatures(progress)) {
        return std::nullopt;
    }
    if (d->readOnly) {
        d->error = StoreError(QStringLiteral("the library is read-only and %1 of its articles have no story yet (open "
                                             "it once with write access to group copies)")
                                  .arg(*count),
            StoreError::Kind::ReadOnly);
        return std::nullopt;
    }
    if (progress && !progress(0, 0)) {
        d->error = StoreError(QStringLiteral("canceled"));
        return std::nullopt;
    }
    // Every story at once from the clusters (one pass over the band buckets: 100,000 articles one at
    // a time took 547 s under load), in one transaction that no import can cut into.
    const bool done = d->transaction([&] {
        const auto groups = scanClusters(2, defaultThreshold);
        if (!groups) {
            return false;
        }
        QSqlQuery reset(d->db());
        if (!d->run(reset, QStringLiteral("DELETE FROM article_stories"), {})
            || !d->run(reset,
                QStringLiteral("INSERT INTO article_stories (article_id, story_id) SELECT id, id FROM articles"), {})) {
            return false;
        }
        for (const DuplicateCluster &cluster : *groups) {
            QList<qint64> ids;
            for (const ClusterMember &member : cluster.members) {
                ids.append(member.article.id);
            }
            const qint64 story = *std::min_element(ids.cbegin(), ids.cend());
            QVariantList binds { story };
            for (const qint64 id : std::as_const(ids)) {
                binds.append(id);
            }
            QSqlQuery join(d->db());
            if (!d->run(join,
                    QStringLiteral("UPDATE article_stories SET story_id = ? WHERE article_id IN (%1)")
                        .arg(placeholders(ids.size())),
                    binds)) {
                return false;
            }
        }
        return true;
    });
    if (!done) {
        return std::nullopt;
    }
    d->storiesComplete = true;
    return count;
}

} // namespace Dossier::Core
