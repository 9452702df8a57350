// Annotations: highlighted passages, their tags, note and colour, and re-attaching them to the
// new text of a re-imported article.

#include "store/annotationstore.h"

#include "store/storecontext_p.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QTimeZone>

namespace Dossier::Core
{

namespace
{

// The columns annotationFrom() reads, in order.
const char *const annotationColumns
    = "a.id, a.article_id, a.article_path, a.article_sha256, a.start, a.\"end\", a.exact, a.prefix, a.suffix, "
      "a.color, a.note, a.state, a.previous_exact, a.created_at, a.modified_at, "
      "(SELECT %1 FROM (SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id "
      "WHERE x.annotation_id = a.id ORDER BY x.position) n), a.author, a.visibility, a.hidden, a.version";

// annotationColumns for \a d's backend.
QString annotationColumnsOf(const StoreContext &d)
{
    return QLatin1String(annotationColumns).arg(d.jsonArray(QStringLiteral("n.name")));
}

QString visibilityName(bool isPrivate)
{
    return isPrivate ? QStringLiteral("private") : QStringLiteral("shared");
}

Annotation annotationFrom(const QSqlQuery &query)
{
    Annotation a;
    a.id = query.value(0).toLongLong();
    a.articleId = query.value(1).isNull() ? -1 : query.value(1).toLongLong();
    a.articlePath = query.value(2).toString();
    a.articleSha256 = query.value(3).toByteArray();
    a.anchor.start = query.value(4).toLongLong();
    a.anchor.end = query.value(5).toLongLong();
    a.anchor.exact = query.value(6).toString();
    a.anchor.prefix = query.value(7).toString();
    a.anchor.suffix = query.value(8).toString();
    a.color = query.value(9).toString();
    a.note = query.value(10).toString();
    a.state = annotationStateFromName(query.value(11).toString());
    a.previousExact = query.value(12).toString();
    a.created = QDateTime::fromMSecsSinceEpoch(query.value(13).toLongLong(), QTimeZone::UTC);
    a.modified = QDateTime::fromMSecsSinceEpoch(query.value(14).toLongLong(), QTimeZone::UTC);
    const QJsonArray tags = QJsonDocument::fromJson(query.value(15).toByteArray()).array();
    for (const auto &tag : tags) {
        a.tags.append(tag.toString());
    }
    a.author = query.value(16).toString();
    a.isPrivate = query.value(17).toString() == u"private";
    a.hidden = query.value(18).toLongLong() != 0;
    a.version = query.value(19).toLongLong();
    return a;
}

// A change of the annotation \a id of the article \a articleId (-1: an orphan, which shows among
// every article's).
LibraryChanges annotationChange(qint64 articleId, qint64 id)
{
    if (articleId < 0) {
        return { .allAnnotations = true };
    }
    return { .annotationsOf = { articleId }, .annotations = { id } };
}

// Notes for the team library's notice that the annotation \a id is about to change; nothing to
// note on a library file, so no look-up there.
bool noteAnnotationChange(StoreContext &d, qint64 id)
{
    if (!d.onServer()) {
        return true;
    }
    QSqlQuery query(d.db());
    if (!d.run(query, QStringLiteral("SELECT article_id FROM annotations WHERE id = ?"), { id })) {
        return false;
    }
    if (query.next()) {
        d.changed(annotationChange(query.value(0).isNull() ? -1 : query.value(0).toLongLong(), id));
    }
    return true;
}

} // namespace

AnnotationStore::AnnotationStore(StoreContext *context)
    : d(context)
{
}

// Replaces the annotation's tags with \a names, in order; inside the caller's transaction. Only
// the tags that come or go are inserted or deleted, so that the history (schema 13) lists those alone.
bool StoreContext::writeAnnotationTags(qint64 annotationId, const QStringList &names, bool *changed)
{
    if (changed) {
        *changed = false;
    }
    StoreContext &d = *this;
    QList<qint64> ids;
    for (const QString &name : names) {
        const std::optional<Tag> tag = findOrCreateTag(name, {});
        if (!tag) {
            return false;
        }
        if (!ids.contains(tag->id)) {
            ids.append(tag->id);
        }
    }
    QVariantList kept { annotationId };
    for (const qint64 id : ids) {
        kept.append(id);
    }
    QSqlQuery clear(d.db());
    if (!d.run(clear,
            QStringLiteral("DELETE FROM annotation_tags WHERE annotation_id = ?")
                + (ids.isEmpty() ? QString() : QStringLiteral(" AND tag_id NOT IN (%1)").arg(placeholders(ids.size()))),
            kept)) {
        return false;
    }
    if (changed && clear.numRowsAffected() > 0) {
        *changed = true;
    }
    for (qsizetype position = 0; position < ids.size(); ++position) {
        QSqlQuery insert(d.db());
        if (!d.run(insert,
                QStringLiteral("INSERT INTO annotation_tags (annotation_id, tag_id, position) VALUES (?, ?, ?) "
                               "ON CONFLICT (annotation_id, tag_id) DO UPDATE SET position = excluded.position "
                               "WHERE annotation_tags.position <> excluded.position"),
                { annotationId, ids.at(position), qint64(position) })) {
            return false;
        }
        if (changed && insert.numRowsAffected() > 0) {
            *changed = true;
        }
    }
    return true;
}

bool StoreContext::writeAnnotation(const Annotation &a, qint64 *id)
{
    StoreContext &d = *this;
    if (!a.color.isEmpty() && !validColor(a.color)) {
        d.error = StoreError(
            QStringLiteral("'%1' is not a colour; write it as #RRGGBB").arg(a.color), StoreError::Kind::Invalid);
        return false;
    }
    QSqlQuery insert(d.db());
    const QVariant articleId = a.articleId >= 0 ? QVariant(a.articleId) : QVariant(QMetaType(QMetaType::LongLong));
    const qint64 created = a.created.isValid() ? a.created.toMSecsSinceEpoch() : now();
    const qint64 modified = a.modified.isValid() ? a.modified.toMSecsSinceEpoch() : created;
    // A new annotation takes the next id; one put back (undo, import) keeps its own.
    QVariantList values { articleId, notNull(a.articlePath), QString::fromLatin1(a.articleSha256), a.anchor.start,
        a.anchor.end, notNull(a.anchor.exact), notNull(a.anchor.prefix), notNull(a.anchor.suffix),
        notNull(a.color.toLower()), notNull(a.note), annotationStateName(a.state), notNull(a.previousExact), created,
        modified, notNull(a.author.isEmpty() ? d.author : a.author), visibilityName(a.isPrivate), qint64(a.hidden) };
    if (a.id >= 0) {
        values.prepend(a.id);
    }
    if (!d.run(insert,
            QStringLiteral("INSERT INTO annotations (%1article_id, article_path, article_sha256, start, \"end\", "
                           "exact, prefix, suffix, color, note, state, previous_exact, created_at, modified_at, "
                           "author, visibility, hidden) VALUES (%2?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "RETURNING id")
                .arg(a.id >= 0 ? QStringLiteral("id, ") : QString(), a.id >= 0 ? QStringLiteral("?, ") : QString()),
            values)
        || !insert.next()) {
        return false;
    }
    *id = insert.value(0).toLongLong();
    insert.finish();
    d.changed(annotationChange(a.articleId, *id));
    // PostgreSQL's identity does not see ids given explicitly: move it past this one (never back:
    // other members' private annotations, invisible here, may have higher ids).
    if (a.id >= 0 && d.onServer()) {
        QSqlQuery sequence(d.db());
        if (!d.run(sequence,
                QStringLiteral("SELECT setval(s, GREATEST(CAST(? AS BIGINT), pg_sequence_last_value(s::regclass))) "
                               "FROM (SELECT pg_get_serial_sequence('annotations', 'id') AS s) q"),
                { *id })) {
            return false;
        }
    }
    return writeAnnotationTags(*id, a.tags);
}

std::optional<Annotation> AnnotationStore::annotate(qint64 articleId, qsizetype start, qsizetype end,
    const QStringList &tags, const QString &note, const QString &color, bool isPrivate)
{
    qint64 id = -1;
    const bool ok = d->transaction([&] {
        QSqlQuery query(d->db());
        if (!d->run(query,
                QStringLiteral("SELECT a.path, a.sha256, t.body FROM articles a JOIN article_texts t ON t.id = a.id "
                               "WHERE a.id = ?"),
                { articleId })) {
            return false;
        }
        if (!query.next()) {
            d->error = StoreError(QStringLiteral("no article with id %1").arg(articleId), StoreError::Kind::NotFound);
            return false;
        }
        const QString body = query.value(2).toString();
        if (start < 0 || end > body.size() || start >= end) {
            d->error = StoreError(QStringLiteral("the passage %1–%2 is not within the article's text (0–%3)")
                                      .arg(start)
                                      .arg(end)
                                      .arg(body.size()),
                StoreError::Kind::Invalid);
            return false;
        }
        Annotation a;
        a.articleId = articleId;
        a.articlePath = query.value(0).toString();
        a.articleSha256 = query.value(1).toByteArray();
        a.anchor = anchorAt(body, start, end);
        a.tags = tags;
        a.note = note;
        a.color = color;
        a.isPrivate = isPrivate;
        return d->writeAnnotation(a, &id);
    });
    if (!ok) {
        return std::nullopt;
    }
    return get(id);
}

bool AnnotationStore::restore(const Annotation &annotation)
{
    if (annotation.id < 0) {
        d->error = StoreError(QStringLiteral("only a stored annotation can be restored"), StoreError::Kind::Invalid);
        return false;
    }
    return d->transaction([&] {
        Annotation a = annotation;
        // Its article may have gone meanwhile: then it comes back orphaned.
        QSqlQuery exists(d->db());
        if (a.articleId >= 0) {
            if (!d->run(exists, QStringLiteral("SELECT 1 FROM articles WHERE id = ?"), { a.articleId })) {
                return false;
            }
            if (!exists.next()) {
                a.articleId = -1;
                a.state = AnnotationState::Orphaned;
            }
        }
        qint64 id = -1;
        return d->writeAnnotation(a, &id);
    });
}

// An edit of annotation \a id made on a copy of \a readVersion (0: whatever it is now) that no
// statement changed: refused as stale when the annotation has moved on, else it is not there.
StoreError AnnotationStore::missedEdit(qint64 id, qint64 readVersion)
{
    return d->missedEdit(
        QStringLiteral("annotations"), id, readVersion, QStringLiteral("note"), QStringLiteral("annotation"));
}

bool AnnotationStore::isCurrent(qint64 annotationId, qint64 readVersion)
{
    QSqlQuery current(d->db());
    if (!d->run(current, QStringLiteral("SELECT version FROM annotations WHERE id = ?"), { annotationId })) {
        return false;
    }
    if (current.next() && current.value(0).toLongLong() == readVersion) {
        return true;
    }
    current.finish();
    d->error = missedEdit(annotationId, readVersion);
    return false;
}

bool AnnotationStore::update(const Annotation &a, qint64 readVersion)
{
    if (!a.color.isEmpty() && !validColor(a.color)) {
        d->error = StoreError(
            QStringLiteral("'%1' is not a colour; write it as #RRGGBB").arg(a.color), StoreError::Kind::Invalid);
        return false;
    }
    return d->transaction([&] {
        if (!noteAnnotationChange(*d, a.id)) {
            return false;
        }
        // The version the edit starts from: the one the caller read, else the current one.
        qint64 base = readVersion;
        if (base <= 0) {
            QSqlQuery current(d->db());
            if (!d->run(current, QStringLiteral("SELECT version FROM annotations WHERE id = ?"), { a.id })) {
                return false;
            }
            base = current.next() ? current.value(0).toLongLong() : 0;
        }
        QSqlQuery update(d->db());
        QVariantList binds { notNull(a.note), notNull(a.color.toLower()), visibilityName(a.isPrivate), now(), a.id };
        if (readVersion > 0) {
            binds.append(readVersion);
        }
        if (!d->run(update,
                QStringLiteral(
                    "UPDATE annotations SET note = ?, color = ?, visibility = ?, modified_at = ? WHERE id = ?")
                    + (readVersion > 0 ? QStringLiteral(" AND version = ?") : QString()),
                binds)) {
            return false;
        }
        if (update.numRowsAffected() != 1) {
            d->error = missedEdit(a.id, readVersion);
            return false;
        }
        update.finish();
        bool tagsChanged = false;
        if (!d->writeAnnotationTags(a.id, a.tags, &tagsChanged)) {
            return false;
        }
        // A change of its tags alone is a new version too (the database's triggers count the
        // note, colour, privacy and hidden flag; when one of those changed, it is counted already).
        QSqlQuery count(d->db());
        return !tagsChanged
            || d->run(count, QStringLiteral("UPDATE annotations SET version = ? WHERE id = ? AND version = ?"),
                { base + 1, a.id, base });
    });
}

bool AnnotationStore::remove(qint64 annotationId, qint64 readVersion)
{
    return d->transaction([&] {
        QSqlQuery remove(d->db());
        QVariantList binds { annotationId };
        if (readVersion > 0) {
            binds.append(readVersion);
        }
        if (!noteAnnotationChange(*d, annotationId)
            || !d->run(remove,
                QStringLiteral("DELETE FROM annotations WHERE id = ?")
                    + (readVersion > 0 ? QStringLiteral(" AND version = ?") : QString()),
                binds)) {
            return false;
        }
        if (remove.numRowsAffected() != 1) {
            d->error = missedEdit(annotationId, readVersion);
            return false;
        }
        return true;
    });
}

bool AnnotationStore::setHidden(qint64 annotationId, bool hidden)
{
    return d->transaction([&] {
        QSqlQuery update(d->db());
        if (!noteAnnotationChange(*d, annotationId)
            || !d->run(update, QStringLiteral("UPDATE annotations SET hidden = ? WHERE id = ?"),
                { qint64(hidden), annotationId })) {
            return false;
        }
        if (update.numRowsAffected() != 1) {
            d->error
                = StoreError(QStringLiteral("no annotation with id %1").arg(annotationId), StoreError::Kind::NotFound);
            return false;
        }
        return true;
    });
}

std::optional<Annotation> AnnotationStore::get(qint64 annotationId)
{
    QSqlQuery query(d->db());
    if (!d->run(query, QStringLiteral("SELECT %1 FROM annotations a WHERE a.id = ?").arg(annotationColumnsOf(*d)),
            { annotationId })) {
        return std::nullopt;
    }
    if (!query.next()) {
        d->error = StoreError(QStringLiteral("no annotation with id %1").arg(annotationId), StoreError::Kind::NotFound);
        return std::nullopt;
    }
    return annotationFrom(query);
}

std::optional<QList<Annotation>> AnnotationStore::list(const AnnotationQuery &request)
{
    QStringList where;
    QVariantList binds;
    if (!request.articles.isEmpty()) {
        where.append(QStringLiteral("a.article_id IN (%1)").arg(placeholders(request.articles.size())));
        for (qint64 id : request.articles) {
            binds.append(id);
        }
    }
    if (!request.tags.isEmpty()) {
        where.append(QStringLiteral("EXISTS (SELECT 1 FROM annotation_tags x JOIN tags t ON t.id = x.tag_id "
                                    "WHERE x.annotation_id = a.id AND t.name IN (%1))")
                .arg(placeholders(request.tags.size())));
        for (const QString &tag : request.tags) {
            binds.append(tag.simplified());
        }
    }
    if (!request.text.isEmpty()) {
        where.append(QStringLiteral("(%1 OR %2)")
                .arg(d->holds(QStringLiteral("lower(a.exact)"), QStringLiteral("?")),
                    d->holds(QStringLiteral("lower(a.note)"), QStringLiteral("?"))));
        binds.append(request.text.toLower());
        binds.append(request.text.toLower());
    }
    if (request.orphanedOnly) {
        where.append(QStringLiteral("a.state = 'orphaned'"));
    }
    if (!request.withHidden) {
        where.append(QStringLiteral("a.hidden = 0"));
    }
    if (!request.author.isEmpty()) {
        where.append(QStringLiteral("a.author = ?"));
        binds.append(request.author);
    }
    const QString sql = QStringLiteral("SELECT %1 FROM annotations a %2 ORDER BY a.article_id IS NULL, a.article_id, "
                                       "a.state = 'orphaned', a.start, a.id")
                            .arg(annotationColumnsOf(*d),
                                where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(u" AND "));
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    QList<Annotation> result;
    while (query.next()) {
        result.append(annotationFrom(query));
    }
    return result;
}

bool StoreContext::reanchorAnnotations(qint64 articleId, const Article &article)
{
    QSqlQuery query(db());
    if (!run(query,
            QStringLiteral("SELECT id, start, \"end\", exact, prefix, suffix, state, previous_exact FROM annotations "
                           "WHERE article_id = ? OR (article_id IS NULL AND article_path = ?)"),
            { articleId, article.path })) {
        return false;
    }
    struct Row {
        qint64 id;
        TextAnchor anchor;
        AnnotationState state;
        QString previousExact;
    };
    QList<Row> rows;
    while (query.next()) {
        rows.append(Row { query.value(0).toLongLong(),
            TextAnchor { query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toString(),
                query.value(4).toString(), query.value(5).toString() },
            annotationStateFromName(query.value(6).toString()), query.value(7).toString() });
    }
    query.finish();
    for (const Row &row : rows) {
        const Reanchored found = reanchor(article.body, row.anchor);
        AnnotationState state = row.state;
        QString previousExact = row.previousExact;
        switch (found.match) {
        case AnchorMatch::Position:
        case AnchorMatch::Exact:
            if (state == AnnotationState::Orphaned) {
                state = previousExact.isEmpty() ? AnnotationState::Anchored : AnnotationState::Reattached;
            }
            break;
        case AnchorMatch::Fuzzy:
            state = AnnotationState::Reattached;
            if (previousExact.isEmpty()) {
                previousExact = row.anchor.exact;
            }
            break;
        case AnchorMatch::None:
            state = AnnotationState::Orphaned;
            break;
        }
        const TextAnchor &anchor = found.anchor;
        QSqlQuery update(db());
        if (!run(update,
                QStringLiteral(
                    "UPDATE annotations SET article_id = ?, article_path = ?, article_sha256 = ?, "
                    "start = ?, \"end\" = ?, exact = ?, prefix = ?, suffix = ?, state = ?, previous_exact = ? "
                    "WHERE id = ?"),
                { articleId, article.path, QString::fromLatin1(article.sha256), anchor.start, anchor.end,
                    notNull(anchor.exact), notNull(anchor.prefix), notNull(anchor.suffix), annotationStateName(state),
                    notNull(previousExact), row.id })) {
            return false;
        }
    }
    return true;
}

} // namespace Dossier::Core
