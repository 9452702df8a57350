// The codebook of tags (names, colours, merging) and tags on articles.

#include "store/tagstore.h"

#include "store/documentorder_p.h"
#include "store/storecontext_p.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Dossier::Core
{

namespace
{

// Colours for new tags, chosen to read as highlight backgrounds in light and dark themes alike.
constexpr const char *tagPalette[]
    = { "#f5d33b", "#8fd16a", "#6cb6ff", "#ff8f8f", "#c49bff", "#ffb35c", "#5fd4c4", "#e0a3d9" };

// A tag renamed, recoloured, merged or removed: the codebook, and the rows of the list and the
// passages that show the tag.
const LibraryChanges codebookChange { .allArticles = true, .allAnnotations = true, .tags = true };

// A tag merged or removed changes the tags of every passage carrying it: a new version of each, so that an
// edit of one read before is refused rather than putting the tag back. (On a team library, a colleague's
// private passage is not seen, so not counted: its author's stale edit would give it the tag again.)
bool countPassageVersions(StoreContext &d, qint64 tagId)
{
    QSqlQuery q(d.db());
    return d.run(q,
        QStringLiteral("UPDATE annotations SET version = version + 1 WHERE id IN "
                       "(SELECT annotation_id FROM annotation_tags WHERE tag_id = ?)"),
        { tagId });
}
} // namespace

TagStore::TagStore(StoreContext *context)
    : d(context)
{
}

// The tag called name, created when missing; inside the caller's transaction.
std::optional<Tag> StoreContext::findOrCreateTag(const QString &rawName, const QString &color)
{
    StoreContext &d = *this;
    const QString name = rawName.simplified();
    if (name.isEmpty()) {
        d.error = StoreError(QStringLiteral("a tag needs a name"), StoreError::Kind::Invalid);
        return std::nullopt;
    }
    if (!color.isEmpty() && !validColor(color)) {
        d.error = StoreError(
            QStringLiteral("'%1' is not a colour; write it as #RRGGBB").arg(color), StoreError::Kind::Invalid);
        return std::nullopt;
    }
    QSqlQuery query(d.db());
    if (!d.run(query, QStringLiteral("SELECT id, name, color, author, version FROM tags WHERE name = ?"), { name })) {
        return std::nullopt;
    }
    if (query.next()) {
        return Tag { query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(), 0, 0,
            query.value(3).toString(), query.value(4).toLongLong() };
    }
    QString chosen = color.toLower();
    if (chosen.isEmpty()) {
        QSqlQuery count(d.db());
        if (!d.run(count, QStringLiteral("SELECT count(*) FROM tags"), {}) || !count.next()) {
            return std::nullopt;
        }
        chosen = QString::fromLatin1(tagPalette[count.value(0).toLongLong() % std::size(tagPalette)]);
    }
    QSqlQuery insert(d.db());
    if (!d.run(insert,
            QStringLiteral("INSERT INTO tags (name, color, created_at, author) VALUES (?, ?, ?, ?) RETURNING id"),
            { name, chosen, now(), notNull(d.author) })
        || !insert.next()) {
        return std::nullopt;
    }
    d.changed({ .tags = true });
    return Tag { insert.value(0).toLongLong(), name, chosen, 0, 0, d.author, 1 };
}

std::optional<QList<Tag>> TagStore::all()
{
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT t.id, t.name, t.color, "
                           "(SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id), "
                           "(SELECT count(*) FROM annotation_tags x WHERE x.tag_id = t.id), t.author, t.version "
                           "FROM tags t ORDER BY t.name COLLATE NOCASE"),
            {})) {
        return std::nullopt;
    }
    QList<Tag> tags;
    while (query.next()) {
        tags.append(Tag { query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toInt(), query.value(4).toInt(), query.value(5).toString(), query.value(6).toLongLong() });
    }
    return tags;
}

std::optional<Tag> TagStore::ensure(const QString &name, const QString &color)
{
    std::optional<Tag> tag;
    if (!d->transaction([&] { return (tag = d->findOrCreateTag(name, color)).has_value(); })) {
        return std::nullopt;
    }
    return tag;
}

bool TagStore::updateAt(qint64 tagId, qint64 readVersion, const QString &set, QVariantList binds)
{
    QSqlQuery update(d->db());
    binds.append(tagId);
    if (readVersion > 0) {
        binds.append(readVersion);
    }
    if (!d->run(update,
            QStringLiteral("UPDATE tags SET %1 WHERE id = ?").arg(set)
                + (readVersion > 0 ? QStringLiteral(" AND version = ?") : QString()),
            binds)) {
        return false;
    }
    if (update.numRowsAffected() != 1) {
        d->error
            = d->missedEdit(QStringLiteral("tags"), tagId, readVersion, QStringLiteral("tag"), QStringLiteral("tag"));
        return false;
    }
    return true;
}

bool TagStore::holdAt(qint64 tagId, qint64 readVersion)
{
    // An update that changes nothing a trigger counts, so that a team library's server holds the
    // row (a colleague's rename waits for this transaction) and the version is checked by it.
    return updateAt(tagId, readVersion, QStringLiteral("modified_at = modified_at"), {});
}

bool TagStore::rename(qint64 tagId, const QString &rawName, qint64 readVersion)
{
    const QString name = rawName.simplified();
    if (name.isEmpty()) {
        d->error = StoreError(QStringLiteral("a tag needs a name"), StoreError::Kind::Invalid);
        return false;
    }
    return d->transaction([&] {
        d->changed(codebookChange);
        QSqlQuery clash(d->db());
        if (!d->run(clash, QStringLiteral("SELECT id FROM tags WHERE name = ? AND id <> ?"), { name, tagId })) {
            return false;
        }
        if (clash.next()) {
            d->error = StoreError(QStringLiteral("there is already a tag called '%1'; merge the two instead").arg(name),
                StoreError::Kind::Invalid);
            return false;
        }
        return updateAt(tagId, readVersion, QStringLiteral("name = ?, modified_at = ?"), { name, now() });
    });
}

bool TagStore::setColor(qint64 tagId, const QString &color, qint64 readVersion)
{
    if (!validColor(color)) {
        d->error = StoreError(
            QStringLiteral("'%1' is not a colour; write it as #RRGGBB").arg(color), StoreError::Kind::Invalid);
        return false;
    }
    return d->transaction([&] {
        d->changed(codebookChange);
        return updateAt(tagId, readVersion, QStringLiteral("color = ?, modified_at = ?"), { color.toLower(), now() });
    });
}

bool TagStore::merge(qint64 fromId, qint64 intoId, qint64 fromVersion)
{
    if (fromId == intoId) {
        return true;
    }
    return d->transaction([&] {
        d->changed(codebookChange);
        QSqlQuery q(d->db());
        return holdAt(fromId, fromVersion) && holdAt(intoId, 0) && countPassageVersions(*d, fromId)
            && d->run(q,
                QStringLiteral("INSERT INTO article_tags (article_id, tag_id, author, created_at) "
                               "SELECT article_id, CAST(? AS BIGINT), author, created_at FROM article_tags WHERE "
                               "tag_id = ? ON CONFLICT DO NOTHING"),
                { intoId, fromId })
            // An annotation carrying both keeps the first position of the two.
            && d->run(q,
                QStringLiteral("UPDATE annotation_tags SET position = (SELECT CASE WHEN f.position < "
                               "annotation_tags.position THEN f.position ELSE annotation_tags.position END FROM "
                               "annotation_tags f WHERE f.annotation_id = annotation_tags.annotation_id AND "
                               "f.tag_id = ?) WHERE tag_id = ? AND annotation_id IN (SELECT annotation_id "
                               "FROM annotation_tags WHERE tag_id = ?)"),
                { fromId, intoId, fromId })
            && d->run(q,
                QStringLiteral("INSERT INTO annotation_tags (annotation_id, tag_id, position) "
                               "SELECT annotation_id, CAST(? AS BIGINT), position FROM annotation_tags WHERE tag_id "
                               "= ? ON CONFLICT DO NOTHING"),
                { intoId, fromId })
            && d->run(q, QStringLiteral("DELETE FROM tags WHERE id = ?"), { fromId });
    });
}

bool TagStore::remove(qint64 tagId, qint64 readVersion)
{
    return d->transaction([&] {
        d->changed(codebookChange);
        QSqlQuery q(d->db());
        return holdAt(tagId, readVersion) && countPassageVersions(*d, tagId)
            && d->run(q, QStringLiteral("DELETE FROM article_tags WHERE tag_id = ?"), { tagId })
            && d->run(q, QStringLiteral("DELETE FROM annotation_tags WHERE tag_id = ?"), { tagId })
            && d->run(q, QStringLiteral("DELETE FROM tags WHERE id = ?"), { tagId });
    });
}

bool TagStore::tagArticle(qint64 articleId, const QStringList &names)
{
    return d->transaction([&] {
        d->changed({ .articles = { articleId }, .tags = true });
        QSqlQuery exists(d->db());
        if (!d->run(exists, QStringLiteral("SELECT 1 FROM articles WHERE id = ?"), { articleId })) {
            return false;
        }
        if (!exists.next()) {
            d->error = StoreError(QStringLiteral("no article with id %1").arg(articleId), StoreError::Kind::NotFound);
            return false;
        }
        for (const QString &name : names) {
            const std::optional<Tag> tag = d->findOrCreateTag(name, {});
            QSqlQuery insert(d->db());
            if (!tag
                || !d->run(insert,
                    QStringLiteral("INSERT INTO article_tags (article_id, tag_id, author, created_at) VALUES (?, ?, "
                                   "?, ?) ON CONFLICT DO NOTHING"),
                    { articleId, tag->id, notNull(d->author), now() })) {
                return false;
            }
        }
        return true;
    });
}

bool TagStore::untagArticle(qint64 articleId, const QString &name)
{
    return d->transaction([&] {
        d->changed({ .articles = { articleId }, .tags = true });
        QSqlQuery q(d->db());
        return d->run(q,
            QStringLiteral("DELETE FROM article_tags WHERE article_id = ? AND tag_id IN "
                           "(SELECT id FROM tags WHERE name = ?)"),
            { articleId, name.simplified() });
    });
}

std::optional<QStringList> TagStore::ofArticle(qint64 articleId)
{
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id "
                           "WHERE x.article_id = ? ORDER BY t.name COLLATE NOCASE"),
            { articleId })) {
        return std::nullopt;
    }
    QStringList names;
    while (query.next()) {
        names.append(query.value(0).toString());
    }
    return names;
}

std::optional<QList<qint64>> TagStore::articlesTagged(const QStringList &names)
{
    QVariantList binds;
    for (const QString &name : names) {
        binds.append(name.simplified());
    }
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT DISTINCT x.article_id FROM article_tags x JOIN tags t ON t.id = x.tag_id "
                           "WHERE t.name IN (%1) ORDER BY x.article_id")
                .arg(placeholders(names.size())),
            binds)) {
        return std::nullopt;
    }
    QList<qint64> ids;
    while (query.next()) {
        ids.append(query.value(0).toLongLong());
    }
    return ids;
}

std::optional<QList<Tag>> TagStore::facets(const DocumentFilter &filter)
{
    if (d->refusesSearch(filter.text)) {
        return std::nullopt;
    }
    QVariantList binds;
    const QString ids = idSet(filter, &binds, d->backend);
    const QString counted = ids.isEmpty()
        ? QStringLiteral("SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id")
        : QStringLiteral("SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id AND x.article_id IN (%1)").arg(ids);
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT t.id, t.name, t.color, (%1), t.author FROM tags t ORDER BY t.name COLLATE NOCASE")
                .arg(counted),
            binds)) {
        return std::nullopt;
    }
    QList<Tag> tags;
    while (query.next()) {
        tags.append(Tag { query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toInt(), 0, query.value(4).toString() });
    }
    return tags;
}

} // namespace Dossier::Core
