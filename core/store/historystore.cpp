// The library's history (schema 13): reading what the triggers of migrations.cpp and
// migrationsserver.cpp wrote, restoring a version, and saying who changed a row an edit found moved on.

#include "store/historystore.h"

#include "store/annotationstore.h"
#include "store/storecontext_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace Dossier::Core
{

namespace
{

constexpr auto historyColumns = "id, table_name, row_id, article_id, action, author, changed_at, before_row, after_row";

HistoryEntry::Action actionFromName(const QString &name)
{
    if (name == u"update") {
        return HistoryEntry::Action::Update;
    }
    return name == u"delete" ? HistoryEntry::Action::Delete : HistoryEntry::Action::Insert;
}

HistoryEntry entryFrom(const QSqlQuery &query)
{
    HistoryEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.table = query.value(1).toString();
    entry.row = query.value(2).toLongLong();
    entry.articleId = query.value(3).isNull() ? -1 : query.value(3).toLongLong();
    entry.action = actionFromName(query.value(4).toString());
    entry.author = query.value(5).toString();
    entry.at = QDateTime::fromMSecsSinceEpoch(query.value(6).toLongLong(), QTimeZone::UTC);
    entry.before = QJsonDocument::fromJson(query.value(7).toByteArray()).object();
    entry.after = QJsonDocument::fromJson(query.value(8).toByteArray()).object();
    return entry;
}

// The state a restore puts back: what the row became, or for a deletion what it was.
QJsonObject restoredState(const HistoryEntry &entry)
{
    return entry.action == HistoryEntry::Action::Delete ? entry.before : entry.after;
}

} // namespace

QString historyActionName(HistoryEntry::Action action)
{
    switch (action) {
    case HistoryEntry::Action::Insert:
        return QStringLiteral("insert");
    case HistoryEntry::Action::Update:
        return QStringLiteral("update");
    case HistoryEntry::Action::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

StoreError StoreContext::staleEdit(const QString &table, qint64 row, const QString &what)
{
    QSqlQuery query(db());
    QString who = QStringLiteral("someone");
    QString when;
    if (run(query,
            QStringLiteral(
                "SELECT author, changed_at FROM history WHERE table_name IN (?, ?) AND row_id = ? ORDER BY id DESC "
                "LIMIT 1"),
            { table, table == u"annotations" ? QStringLiteral("annotation_tags") : table, row })
        && query.next()) {
        if (!query.value(0).toString().isEmpty()) {
            who = query.value(0).toString();
        }
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong()).toLocalTime();
        when = at.date() == QDate::currentDate() ? at.toString(QStringLiteral("' at 'HH:mm"))
                                                 : at.toString(QStringLiteral("' on 'yyyy-MM-dd' at 'HH:mm"));
    }
    return StoreError(QStringLiteral("%1 changed this %2%3 — reload").arg(who, what, when), StoreError::Kind::Conflict);
}

StoreError StoreContext::missedEdit(
    const QString &table, qint64 row, qint64 readVersion, const QString &what, const QString &rowName)
{
    if (readVersion > 0) {
        QSqlQuery current(db());
        if (run(current, QStringLiteral("SELECT version FROM %1 WHERE id = ?").arg(table), { row }) && current.next()
            && current.value(0).toLongLong() != readVersion) {
            current.finish();
            return staleEdit(table, row, what);
        }
    }
    return StoreError(QStringLiteral("no %1 with id %2").arg(rowName).arg(row), StoreError::Kind::NotFound);
}

HistoryStore::HistoryStore(StoreContext *context, AnnotationStore *annotations)
    : d(context)
    , m_annotations(annotations)
{
}

std::optional<QList<HistoryEntry>> HistoryStore::list(const HistoryQuery &request)
{
    QStringList where;
    QVariantList binds;
    if (request.annotationId >= 0) {
        where.append(QStringLiteral("table_name IN ('annotations', 'annotation_tags') AND row_id = ?"));
        binds.append(request.annotationId);
    }
    if (request.articleId >= 0) {
        where.append(QStringLiteral("article_id = ?"));
        binds.append(request.articleId);
    }
    if (!request.table.isEmpty()) {
        where.append(QStringLiteral("table_name = ?"));
        binds.append(request.table);
    }
    QString sql = QStringLiteral("SELECT %1 FROM history").arg(QLatin1String(historyColumns));
    if (!where.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND "));
    }
    sql += QStringLiteral(" ORDER BY id DESC");
    if (request.limit > 0) {
        sql += QStringLiteral(" LIMIT %1").arg(request.limit);
    }
    QSqlQuery query(d->db());
    if (!d->run(query, sql, binds)) {
        return std::nullopt;
    }
    QList<HistoryEntry> entries;
    while (query.next()) {
        entries.append(entryFrom(query));
    }
    return entries;
}

std::optional<HistoryEntry> HistoryStore::get(qint64 historyId)
{
    QSqlQuery query(d->db());
    if (!d->runOne(query, QStringLiteral("SELECT %1 FROM history WHERE id = ?").arg(QLatin1String(historyColumns)),
            { historyId },
            StoreError(
                QStringLiteral("no change %1 in the library's history").arg(historyId), StoreError::Kind::NotFound))) {
        return std::nullopt;
    }
    return entryFrom(query);
}

bool HistoryStore::restore(qint64 historyId)
{
    const std::optional<HistoryEntry> entry = get(historyId);
    if (!entry) {
        return false;
    }
    if (entry->table == u"annotations") {
        return restoreAnnotation(*entry);
    }
    if (entry->table == u"tags") {
        return restoreTag(*entry);
    }
    if (entry->table == u"annotation_tags" || entry->table == u"article_tags") {
        return restoreLink(*entry);
    }
    if (entry->table == u"entity_rules") {
        const QJsonObject state = restoredState(*entry);
        return d->transaction([&] { return d->restoreRule(entry->row, state); });
    }
    d->error = StoreError(
        QStringLiteral("change %1 is to a table history cannot restore (%2)").arg(historyId).arg(entry->table),
        StoreError::Kind::Invalid);
    return false;
}

bool HistoryStore::restoreAnnotation(const HistoryEntry &entry)
{
    const QJsonObject state = restoredState(entry);
    QSqlQuery exists(d->db());
    if (!d->run(exists, QStringLiteral("SELECT 1 FROM annotations WHERE id = ?"), { entry.row })) {
        return false;
    }
    if (exists.next()) {
        exists.finish();
        // Still there: its note, colour, privacy and hidden flag as they were.
        return d->transaction([&] {
            d->changed({ .annotations = { entry.row }, .allAnnotations = true }); // for a team library's notice
            QSqlQuery update(d->db());
            return d->run(update,
                QStringLiteral(
                    "UPDATE annotations SET note = ?, color = ?, visibility = ?, hidden = ?, modified_at = ? "
                    "WHERE id = ?"),
                { state.value(QLatin1String("note")).toString(QStringLiteral("")),
                    state.value(QLatin1String("color")).toString(QStringLiteral("")),
                    state.value(QLatin1String("visibility")).toString(QStringLiteral("shared")),
                    qint64(state.value(QLatin1String("hidden")).toInteger()), now(), entry.row });
        });
    }
    exists.finish();
    // Deleted since: made again under its own id, with its anchor and tags.
    Annotation a;
    a.id = entry.row;
    const QJsonValue article = state.value(QLatin1String("article_id"));
    a.articleId = article.isNull() || article.isUndefined() ? -1 : article.toInteger();
    a.state = a.articleId < 0 ? AnnotationState::Orphaned : AnnotationState::Anchored;
    a.articlePath = state.value(QLatin1String("article_path")).toString();
    a.articleSha256 = state.value(QLatin1String("article_sha256")).toString().toLatin1();
    a.anchor.start = state.value(QLatin1String("start")).toInteger();
    a.anchor.end = state.value(QLatin1String("end")).toInteger();
    a.anchor.exact = state.value(QLatin1String("exact")).toString();
    a.anchor.prefix = state.value(QLatin1String("prefix")).toString();
    a.anchor.suffix = state.value(QLatin1String("suffix")).toString();
    a.note = state.value(QLatin1String("note")).toString();
    a.color = state.value(QLatin1String("color")).toString();
    a.isPrivate = state.value(QLatin1String("visibility")).toString() == u"private";
    a.hidden = state.value(QLatin1String("hidden")).toInteger() != 0;
    a.created = QDateTime::fromMSecsSinceEpoch(state.value(QLatin1String("created_at")).toInteger(), QTimeZone::UTC);
    for (const auto &tag : state.value(QLatin1String("tags")).toArray()) {
        a.tags.append(tag.toString());
    }
    return m_annotations->restore(a);
}

bool HistoryStore::restoreTag(const HistoryEntry &entry)
{
    const QJsonObject state = restoredState(entry);
    const QString name = state.value(QLatin1String("name")).toString();
    const QString color = state.value(QLatin1String("color")).toString();
    return d->transaction([&] {
        d->changed({ .allArticles = true, .allAnnotations = true, .tags = true });
        QSqlQuery update(d->db());
        if (!d->run(update, QStringLiteral("UPDATE tags SET name = ?, color = ?, modified_at = ? WHERE id = ?"),
                { name, color, now(), entry.row })) {
            return false;
        }
        return update.numRowsAffected() == 1 || d->findOrCreateTag(name, color).has_value();
    });
}

bool HistoryStore::restoreLink(const HistoryEntry &entry)
{
    const QJsonObject state = restoredState(entry);
    const bool onAnnotation = entry.table == u"annotation_tags";
    return d->transaction([&] {
        // The same tag when it is still there (renamed, perhaps), else one of its name.
        QSqlQuery same(d->db());
        if (!d->run(same, QStringLiteral("SELECT id FROM tags WHERE id = ?"),
                { state.value(QLatin1String("tag_id")).toInteger() })) {
            return false;
        }
        const std::optional<Tag> tag = same.next()
            ? std::optional<Tag>(Tag { same.value(0).toLongLong(), {}, {}, 0, 0, {} })
            : d->findOrCreateTag(state.value(QLatin1String("tag")).toString(), {});
        if (!tag) {
            return false;
        }
        same.finish();
        QSqlQuery owner(d->db());
        if (!d->run(owner,
                onAnnotation ? QStringLiteral("SELECT 1 FROM annotations WHERE id = ?")
                             : QStringLiteral("SELECT 1 FROM articles WHERE id = ?"),
                { entry.row })) {
            return false;
        }
        if (!owner.next()) {
            d->error = StoreError(QStringLiteral("the %1 %2 is no longer in the library")
                                      .arg(onAnnotation ? QStringLiteral("annotation") : QStringLiteral("article"))
                                      .arg(entry.row),
                StoreError::Kind::NotFound);
            return false;
        }
        owner.finish();
        d->changed(onAnnotation ? LibraryChanges { .annotations = { entry.row }, .allAnnotations = true, .tags = true }
                                : LibraryChanges { .articles = { entry.row }, .tags = true });
        QSqlQuery insert(d->db());
        if (onAnnotation) {
            return d->run(insert,
                QStringLiteral(
                    "INSERT INTO annotation_tags (annotation_id, tag_id, position) SELECT CAST(? AS BIGINT), "
                    "CAST(? AS BIGINT), "
                    "coalesce(max(position) + 1, 0) FROM annotation_tags WHERE annotation_id = ? "
                    "ON CONFLICT DO NOTHING"),
                { entry.row, tag->id, entry.row });
        }
        return d->run(insert,
            QStringLiteral("INSERT INTO article_tags (article_id, tag_id, author, created_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT DO NOTHING"),
            { entry.row, tag->id, notNull(d->author), now() });
    });
}

} // namespace Dossier::Core
