// A new article on a team library, and an article's entities there: each statement is a round trip
// to the server, so an article is written in a few statements with its values written in
// (StoreContext::inlined()) instead of the generic path's many prepared ones (articlestore.cpp).

#include "analysis/entityrecognizer.h"
#include "store/storecontext_p.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace Dossier::Core
{

// On a team library every statement is a round trip to the server: an article's entities are
// written in one statement, its values written in (StoreContext::inlined()). The library's
// entities of the article's keys are found, the missing ones made (in the order the article names
// them, so they get the ids the one-by-one inserts gave), and the article's links, aliases and
// mentions written by the index of their key, instead of up to four statements per entity.
QString StoreContext::serverEntityStatement(const QString &articleId, const Article &article) const
{
    QStringList keyRows;
    QVariantList keyBinds;
    QHash<QString, qsizetype> known; // type U+001F key → index of its row
    QList<qsizetype> keyOf; // per article entity
    keyOf.reserve(article.entities.size());
    QStringList linkRows;
    QVariantList linkBinds;
    QStringList aliasRows;
    QVariantList aliasBinds;
    for (qsizetype i = 0; i < article.entities.size(); ++i) {
        const Entity &entity = article.entities.at(i);
        const QString type = entityTypeName(entity.type);
        const QString key = entityKey(entity.name);
        const QString both = type + QChar(0x1f) + key;
        auto it = known.constFind(both);
        if (it != known.cend()) {
            // Two article entities may share a library key: one library entity, linked once.
            keyOf.append(*it);
            continue;
        }
        const qsizetype index = known.size();
        known.insert(both, index);
        keyOf.append(index);
        keyRows.append(QStringLiteral("(?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))"));
        keyBinds << index << type << key << entity.name;
        linkRows.append(QStringLiteral("(?, ?, ?)"));
        linkBinds << index << qint64(i) << entity.count;
        for (const QString &form : entity.aliases) {
            aliasRows.append(QStringLiteral("(?, CAST(? AS TEXT), CAST(? AS TEXT))"));
            aliasBinds << index << form << entityKey(form);
        }
    }
    if (keyRows.isEmpty()) {
        return {};
    }
    // Mentions are keyed by their start: the first of an article's mentions starting at a place is
    // kept (what the one-by-one inserts' ON CONFLICT DO NOTHING keeps; a join's rows have no order).
    QStringList mentionRows;
    QVariantList mentionBinds;
    QSet<qint64> starts;
    for (const Mention &m : article.mentions) {
        if (m.entity < 0 || m.entity >= keyOf.size() || starts.contains(m.start)) {
            continue;
        }
        starts.insert(m.start);
        mentionRows.append(QStringLiteral("(?, ?, ?, CAST(? AS TEXT))"));
        mentionBinds << keyOf.at(m.entity) << m.start << m.end << entityTypeName(m.type);
    }
    const QLatin1String comma(", ");
    QString sql = inlined(
        QStringLiteral("WITH v (i, type, key, name) AS (VALUES %1), "
                       "found AS (SELECT e.id, v.i FROM v JOIN entities e ON e.type = v.type AND e.key = v.key), "
                       "added AS (INSERT INTO entities (type, key, name) SELECT v.type, v.key, v.name FROM v WHERE "
                       "NOT EXISTS (SELECT 1 FROM found f WHERE f.i = v.i) ORDER BY v.i RETURNING id, type, key), "
                       "ids (id, i) AS (SELECT id, i FROM found UNION ALL SELECT a.id, v.i FROM added a JOIN v ON "
                       "v.type = a.type AND v.key = a.key), "
                       "links AS (INSERT INTO article_entities (article_id, entity_id, position, count) SELECT %2, "
                       "ids.id, x.position, x.count FROM (VALUES %3) x (i, position, count) JOIN ids ON ids.i = x.i)")
            .arg(keyRows.join(comma))
            .arg(articleId)
            .arg(linkRows.join(comma)),
        keyBinds + linkBinds);
    if (!aliasRows.isEmpty()) {
        sql += inlined(QStringLiteral(", aliases AS (INSERT INTO article_aliases (article_id, entity_id, alias, key) "
                                      "SELECT %1, ids.id, x.alias, x.key FROM (VALUES %2) x (i, alias, key) JOIN "
                                      "ids ON ids.i = x.i WHERE true ON CONFLICT DO NOTHING)")
                           .arg(articleId)
                           .arg(aliasRows.join(comma)),
            aliasBinds);
    }
    if (mentionRows.isEmpty()) {
        return sql + QStringLiteral(" SELECT count(*) FROM ids");
    }
    return sql
        + inlined(QStringLiteral(" INSERT INTO mentions (article_id, start, \"end\", type, entity_id) SELECT %1, "
                                 "x.s, x.e, x.t, ids.id FROM (VALUES %2) x (i, s, e, t) JOIN ids ON ids.i = x.i "
                                 "WHERE true ON CONFLICT DO NOTHING RETURNING start, \"end\", type, entity_id")
                      .arg(articleId)
                      .arg(mentionRows.join(comma)),
            mentionBinds);
}

QList<StoredMention> StoreContext::writtenMentions(QSqlQuery &result)
{
    QList<StoredMention> mentions;
    // An article with entities and no mentions ends its statement with a count instead.
    if (result.record().count() != 4) {
        return mentions;
    }
    while (result.next()) {
        mentions.append({ result.value(0).toLongLong(), result.value(1).toLongLong(), result.value(2).toString(),
            result.value(3).toLongLong() });
    }
    return mentions;
}

// A new article on a team library in three round trips after the look-up of its path, where each
// statement of the generic path would be one (it was over fifty when QPSQL prepared each): its
// row and texts, its entities, signature and band keys, and the articles sharing a band key, sent
// together; its sentence rows, from the mentions the first gave back; then its story, with the
// release of the batch's savepoint when \a release (and before it the annotations waiting for
// its path, when there are any).
bool StoreContext::storeNewOnServer(
    const Article &stored, const Article &original, bool orphans, bool release, qint64 *id)
{
    QStringList pages;
    for (const qsizetype start : stored.pageStarts) {
        pages.append(QString::number(start));
    }
    QStringList statements { inlined(
        QStringLiteral(
            "WITH a AS (INSERT INTO articles (path, sha256, size, modified, format, encoding, title, date, "
            "source, dateline, author, url, language, entity_count, imported_at, parent_id) VALUES (?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT p.id FROM articles p WHERE p.path = ?)) RETURNING id), t AS "
            "(INSERT INTO article_texts (id, title, raw_text, "
            "body, page_starts) SELECT id, ?, ?, ?, ? FROM a) SELECT id FROM a"),
        { stored.path, QString::fromLatin1(stored.sha256), stored.size, stored.modified, notNull(stored.format),
            notNull(stored.encoding), notNull(stored.meta.title), notNull(stored.meta.date),
            notNull(stored.meta.source), notNull(stored.meta.dateline), notNull(stored.meta.author),
            notNull(stored.meta.url), notNull(stored.meta.language), qint64(stored.entities.size()),
            QDateTime::currentMSecsSinceEpoch(), stored.partOf.isEmpty() ? QString() : stored.partOf,
            notNull(stored.meta.title), notNull(stored.rawText), notNull(stored.body),
            notNull(pages.join(QLatin1Char(','))) }) };
    // The statements after the row's name its id as the session's last value of the articles' identity.
    const QString self = QStringLiteral("currval(pg_get_serial_sequence('articles', 'id'))");
    const QString entities = serverEntityStatement(self, stored);
    if (!entities.isEmpty()) {
        statements.append(entities);
    }
    // A body without words keeps an empty signature, so that it is not computed again.
    const std::optional<NearDuplicates::Signature> signature = NearDuplicates::signature(stored.body);
    const QString writeSignature = inlined(QStringLiteral("INSERT INTO article_signatures (article_id, signature) "
                                                          "VALUES (%1, ?) ON CONFLICT (article_id) DO UPDATE SET "
                                                          "signature = excluded.signature")
                                               .arg(self),
        { signature ? NearDuplicates::encode(*signature) : QByteArray("") });
    if (signature) {
        QStringList bands;
        for (const qint64 key : NearDuplicates::bandKeys(*signature)) {
            bands.append(QStringLiteral("(%1, %2)").arg(key).arg(self));
        }
        statements.append(QStringLiteral("WITH s AS (%1) INSERT INTO article_bands (band, article_id) VALUES %2 ON "
                                         "CONFLICT DO NOTHING")
                .arg(writeSignature, bands.join(QLatin1String(", "))));
        statements.append(inlined(StoreContext::neighboursSql(self), StoreContext::neighbourBinds(*signature)));
    } else {
        statements.append(writeSignature);
    }
    QSet<qint64> stories;
    QList<StoredMention> mentions;
    {
        QSqlQuery written(db());
        if (!runAll(written, statements, [&](qsizetype index, QSqlQuery &result) {
                if (index == 0 && result.next()) {
                    *id = result.value(0).toLongLong();
                } else if (index == 1 && !entities.isEmpty()) {
                    mentions = writtenMentions(result);
                }
            })) {
            return false;
        }
        if (*id < 0) {
            error = StoreError(QStringLiteral("the server gave the new article no id"));
            return false;
        }
        if (signature) {
            stories = StoreContext::copiedStories(*signature, written);
        }
    }
    if (!writeSentenceRows(*id, stored.body, mentions)) {
        return false;
    }
    if (orphans && !reanchorAnnotations(*id, original)) {
        return false;
    }
    return joinStories(*id, stories, release ? QStringList { QStringLiteral("RELEASE article") } : QStringList {});
}

} // namespace Dossier::Core
