// Schema 14's per-article rows: each article's mentions with the sentence around each
// (article_sentences) and its dated sentences (article_events), written in the transaction that
// writes its mentions, and filled in for the articles of an upgraded library.

#include "analysis/dates.h"
#include "analysis/sentences.h"
#include "json/articlejson.h"
#include "store/sentencerows_p.h"
#include "store/storecontext_p.h"
#include "store/timelinequery.h"

#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace Dossier::Core
{

bool saysSomething(
    QStringView body, qsizetype begin, qsizetype end, const QList<std::pair<qsizetype, qsizetype>> &dates)
{
    int words = 0;
    int lower = 0;
    qsizetype i = begin;
    while (i < end) {
        if (!body[i].isLetter()) {
            ++i;
            continue;
        }
        const qsizetype wordStart = i;
        while (i < end && (body[i].isLetterOrNumber() || body[i] == u'\'' || body[i] == u'-')) {
            ++i;
        }
        const bool inDate = std::any_of(dates.cbegin(), dates.cend(),
            [&](const auto &date) { return wordStart >= date.first && wordStart < date.second; });
        if (!inDate) {
            ++words;
            lower += body[wordStart].isLower() ? 1 : 0;
        }
    }
    return words >= 4 && lower >= 2;
}

bool StoreContext::writeSentenceRows(qint64 articleId, QStringView body, const QList<StoredMention> &written)
{
    // As the mentions table keeps them: the first of each start (its primary key), in start order.
    QList<StoredMention> mentions;
    mentions.reserve(written.size());
    QSet<qsizetype> starts;
    for (const StoredMention &mention : written) {
        if (!starts.contains(mention.start)) {
            starts.insert(mention.start);
            mentions.append(mention);
        }
    }
    std::stable_sort(mentions.begin(), mentions.end(),
        [](const StoredMention &a, const StoredMention &b) { return a.start < b.start; });

    constexpr qsizetype largest = std::numeric_limits<qint32>::max();
    QByteArray row;
    row.reserve(mentions.size() * sentenceMentionSize);
    QList<std::pair<qsizetype, qsizetype>> sentences(mentions.size(), { -1, -1 });
    for (qsizetype i = 0; i < mentions.size(); ++i) {
        const StoredMention &mention = mentions.at(i);
        if (mention.start < 0 || mention.end > body.size() || mention.start >= mention.end || body.size() > largest) {
            continue;
        }
        sentences[i] = sentenceAround(body, mention.start, mention.end);
        char at[sentenceMentionSize];
        qToLittleEndian<qint64>(mention.entity, at);
        qToLittleEndian<qint32>(qint32(mention.start), at + 8);
        qToLittleEndian<qint32>(qint32(mention.end), at + 12);
        qToLittleEndian<qint32>(qint32(sentences[i].first), at + 16);
        qToLittleEndian<qint32>(qint32(sentences[i].second), at + 20);
        row.append(at, sentenceMentionSize);
    }

    // The dated sentences, as TimelineQuery::events() reads them from the body: each DATE mention's
    // sentence when it says something besides its dates, with the names in it (once each, in order).
    const auto isDate = [](const StoredMention &mention) { return mention.type == QLatin1String("DATE"); };
    QVariantList events;
    for (qsizetype i = 0; i < mentions.size(); ++i) {
        const StoredMention &date = mentions.at(i);
        if (!isDate(date) || date.end > body.size()) {
            continue;
        }
        const auto [begin, end] = sentences[i].first >= 0 ? sentences[i] : sentenceAround(body, date.start, date.end);
        QList<std::pair<qsizetype, qsizetype>> inSentence;
        QList<qint64> named;
        for (const StoredMention &other : std::as_const(mentions)) {
            if (other.start < begin || other.end > end) {
                continue;
            }
            if (isDate(other)) {
                inSentence.append({ other.start, other.end });
            } else if ((other.type == QLatin1String("PERSON") || other.type == QLatin1String("ORG")
                           || other.type == QLatin1String("LOCATION"))
                && !named.contains(other.entity)) {
                named.append(other.entity);
            }
        }
        if (!saysSomething(body, begin, end, inSentence)) {
            continue;
        }
        QStringList ids;
        for (const qint64 id : std::as_const(named)) {
            ids.append(QString::number(id));
        }
        events << articleId << qint64(date.start) << qint64(date.end) << date.entity << qint64(begin) << qint64(end)
               << qint64(codePointOffset(body, begin)) << qint64(codePointOffset(body, end))
               << body.sliced(begin, end - begin).toString() << notNull(ids.join(QLatin1Char(' ')));
    }
    const QString sentencesSql = QStringLiteral("INSERT INTO article_sentences (article_id, mentions) VALUES (?, ?)");
    const QString eventsHead = QStringLiteral(
        "INSERT INTO article_events (article_id, date_start, date_end, date_entity_id, start, \"end\", start_cp, "
        "end_cp, sentence, entities)");
    constexpr int eventColumns = 10;
    QSqlQuery query(db());
    if (onServer()) {
        // One round trip, where a prepared statement is three on a team library (inlined()).
        QStringList statements { inlined(sentencesSql, { articleId, row }) };
        if (!events.isEmpty()) {
            const QString one = u'(' + QStringList(eventColumns, QStringLiteral("?")).join(QLatin1String(", ")) + u')';
            statements.append(inlined(eventsHead + QStringLiteral(" VALUES ")
                    + QStringList(events.size() / eventColumns, one).join(QLatin1String(", ")),
                events));
        }
        return runAll(query, statements);
    }
    query.prepare(sentencesSql);
    query.addBindValue(articleId);
    query.addBindValue(row);
    return exec(query) && insertRows(eventsHead, eventColumns, events);
}

std::optional<qint64> StoreContext::missingSentenceRows()
{
    // Every article keeps one row (removing it removes its row): the difference of two counts.
    QSqlQuery missing(db());
    if (!run(missing,
            QStringLiteral("SELECT (SELECT COUNT(*) FROM articles) - (SELECT COUNT(*) FROM article_sentences)"), {})
        || !missing.next()) {
        return std::nullopt;
    }
    const qint64 count = missing.value(0).toLongLong();
    sentenceRowsComplete = count == 0;
    return count;
}

std::optional<bool> StoreContext::sentenceRowsReady()
{
    if (sentenceRowsComplete) {
        return true;
    }
    const std::optional<qint64> missing = missingSentenceRows();
    if (!missing) {
        return std::nullopt;
    }
    return *missing == 0;
}

std::optional<qint64> TimelineQuery::missingSentenceRows()
{
    return d->missingSentenceRows();
}

std::optional<qint64> TimelineQuery::fillSentenceRows(const FillProgress &progress)
{
    const std::optional<qint64> total = d->missingSentenceRows();
    if (!total) {
        return std::nullopt;
    }
    if (*total == 0) {
        return 0;
    }
    if (d->readOnly) {
        d->error = StoreError(QStringLiteral("the library is read-only and %1 of its articles have no sentence rows "
                                             "yet (open it once with write access)")
                                  .arg(*total),
            StoreError::Kind::ReadOnly);
        return std::nullopt;
    }
    qint64 filled = 0;
    qint64 after = -1;
    constexpr int batch = 256;
    for (;;) {
        if (progress && !progress(filled, std::max(*total, filled))) {
            d->error = StoreError(QStringLiteral("canceled"));
            return std::nullopt;
        }
        QSqlQuery query(d->db());
        if (!d->run(query,
                QStringLiteral("SELECT a.id FROM articles a WHERE a.id > ? AND NOT EXISTS (SELECT 1 FROM "
                               "article_sentences s WHERE s.article_id = a.id) ORDER BY a.id LIMIT ?"),
                { after, batch })) {
            return std::nullopt;
        }
        QList<qint64> ids;
        while (query.next()) {
            ids.append(query.value(0).toLongLong());
        }
        query.finish();
        if (ids.isEmpty()) {
            break;
        }
        after = ids.last();
        qint64 done = 0;
        // Read and written in one transaction, so that a re-import or re-tag cannot come between.
        const bool ok = d->transaction([&] {
            for (const qint64 id : std::as_const(ids)) {
                QSqlQuery read(d->db());
                if (!d->run(read,
                        QStringLiteral("SELECT t.body FROM article_texts t WHERE t.id = ? AND NOT EXISTS (SELECT 1 "
                                       "FROM article_sentences s WHERE s.article_id = t.id)"),
                        { id })) {
                    return false;
                }
                if (!read.next()) {
                    continue; // removed, or given its rows meanwhile
                }
                const QString body = read.value(0).toString();
                read.finish();
                if (!d->run(read,
                        QStringLiteral(
                            "SELECT start, \"end\", type, entity_id FROM mentions WHERE article_id = ? ORDER BY start"),
                        { id })) {
                    return false;
                }
                QList<StoredMention> mentions;
                while (read.next()) {
                    mentions.append({ read.value(0).toLongLong(), read.value(1).toLongLong(), read.value(2).toString(),
                        read.value(3).toLongLong() });
                }
                read.finish();
                if (!d->run(read, QStringLiteral("DELETE FROM article_events WHERE article_id = ?"), { id })
                    || !d->writeSentenceRows(id, body, mentions)) {
                    return false;
                }
                ++done;
            }
            return true;
        });
        if (!ok) {
            return std::nullopt;
        }
        filled += done;
    }
    if (progress) {
        progress(filled, std::max(*total, filled));
    }
    d->sentenceRowsComplete = false;
    d->missingSentenceRows();
    return filled;
}

} // namespace Dossier::Core
