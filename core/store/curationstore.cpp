// Entity curation: the analyst's rules and watchlist, and the queue of articles they change
// (import/retagger.cpp re-tags them).

#include "store/curationstore.h"

#include "analysis/entityrecognizer.h"
#include "store/searchplan_p.h"
#include "store/storecontext_p.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Dossier::Core
{

namespace
{

QString scopeName(EntityRule::Scope scope)
{
    return scope == EntityRule::Scope::Entity ? QStringLiteral("entity") : QStringLiteral("form");
}

QString actionName(EntityRule::Action action)
{
    return action == EntityRule::Action::Map ? QStringLiteral("map") : QStringLiteral("suppress");
}

EntityType typeFrom(const QVariant &value)
{
    EntityType type = EntityType::Person;
    entityTypeFromName(value.toString(), &type);
    return type;
}

constexpr auto ruleColumns = "id, scope, type, label, action, target_type, target_name, created_at, author";

EntityRule ruleFrom(const QSqlQuery &query)
{
    EntityRule rule;
    rule.id = query.value(0).toLongLong();
    rule.scope = query.value(1).toString() == u"form" ? EntityRule::Scope::Form : EntityRule::Scope::Entity;
    rule.type = typeFrom(query.value(2));
    rule.label = query.value(3).toString();
    rule.action = query.value(4).toString() == u"suppress" ? EntityRule::Action::Suppress : EntityRule::Action::Map;
    rule.targetType = rule.action == EntityRule::Action::Map ? typeFrom(query.value(5)) : rule.type;
    rule.targetName = query.value(6).toString();
    rule.createdAt = query.value(7).toLongLong();
    rule.author = query.value(8).toString();
    return rule;
}

WatchEntry watchFrom(const QSqlQuery &query)
{
    WatchEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.type = typeFrom(query.value(1));
    entry.name = query.value(2).toString();
    const QJsonArray aliases = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array();
    for (const auto &alias : aliases) {
        entry.aliases.append(alias.toString());
    }
    return entry;
}

// An FTS5 query matching any of \a phrases as phrases.
QString phraseQuery(const QStringList &phrases)
{
    QStringList parts;
    for (const QString &phrase : phrases) {
        // A phrase of only punctuation has no tokens, which FTS5 rejects.
        if (std::any_of(phrase.cbegin(), phrase.cend(), [](QChar c) { return c.isLetterOrNumber(); })) {
            parts.append(
                QLatin1Char('"') + QString(phrase).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"'));
        }
    }
    return parts.join(QLatin1String(" OR "));
}

// Names are one line of text, without the control characters a paste may bring.
QString cleanName(const QString &name)
{
    QString clean;
    clean.reserve(name.size());
    for (const QChar c : name) {
        clean.append(c.category() == QChar::Other_Control || c.isSpace() ? QChar(u' ') : c);
    }
    return clean.simplified();
}

} // namespace

CurationStore::CurationStore(StoreContext *context)
    : d(context)
{
}

bool StoreContext::enqueueEntity(EntityType type, const QString &key)
{
    QSqlQuery query(db());
    return run(query,
        QStringLiteral("INSERT INTO retag_queue (article_id) SELECT ae.article_id FROM entities e "
                       "JOIN article_entities ae ON ae.entity_id = e.id WHERE e.type = ? AND e.key = ? ON CONFLICT DO "
                       "NOTHING"),
        { entityTypeName(type), key });
}

bool StoreContext::enqueueForm(EntityType type, const QString &key)
{
    QSqlQuery query(db());
    return run(query,
        QStringLiteral("INSERT INTO retag_queue (article_id) SELECT aa.article_id FROM article_aliases aa "
                       "JOIN entities e ON e.id = aa.entity_id WHERE aa.key = ? AND e.type = ? ON CONFLICT DO "
                       "NOTHING"),
        { key, entityTypeName(type) });
}

bool StoreContext::enqueueText(const QStringList &phrases)
{
    QString match = phraseQuery(phrases);
    if (match.isEmpty()) {
        return true;
    }
    QSqlQuery query(db());
    if (onServer()) {
        QString why;
        const std::optional<QString> words = tsQuery(match, &why);
        if (!words) {
            error = StoreError(QStringLiteral("cannot look for the phrases: %1").arg(why), StoreError::Kind::Other);
            return false;
        }
        return run(query,
            QStringLiteral("INSERT INTO retag_queue (article_id) SELECT id FROM article_texts WHERE words @@ "
                           "to_tsquery('simple', ?) ON CONFLICT DO NOTHING"),
            { *words });
    }
    return run(query,
        QStringLiteral("INSERT INTO retag_queue (article_id) SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                       "ON CONFLICT DO NOTHING"),
        { match });
}

bool StoreContext::addRule(EntityRule *rule)
{
    QSqlQuery query(db());
    if (rule->action == EntityRule::Action::Map
        && !run(query, QStringLiteral("DELETE FROM entity_rules WHERE scope = 'entity' AND type = ? AND key = ?"),
            { entityTypeName(rule->targetType), entityKey(rule->targetName) })) {
        return false;
    }
    rule->createdAt = QDateTime::currentMSecsSinceEpoch();
    rule->author = author;
    // The rule replaces the one for the same name (as INSERT OR REPLACE would: a new row).
    if (!run(query, QStringLiteral("DELETE FROM entity_rules WHERE scope = ? AND type = ? AND key = ?"),
            { scopeName(rule->scope), entityTypeName(rule->type), entityKey(rule->label) })) {
        return false;
    }
    if (!run(query,
            QStringLiteral("INSERT INTO entity_rules (scope, type, key, label, action, target_type, "
                           "target_name, created_at, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { scopeName(rule->scope), entityTypeName(rule->type), entityKey(rule->label), rule->label,
                actionName(rule->action),
                notNull(rule->action == EntityRule::Action::Map ? entityTypeName(rule->targetType) : QString()),
                notNull(rule->targetName), rule->createdAt, notNull(author) })) {
        return false;
    }
    if (!query.next()) {
        return false;
    }
    rule->id = query.value(0).toLongLong();
    query.finish();
    return bumpCurationVersion();
}

EntityRule ruleFromHistory(const QJsonObject &state)
{
    EntityRule rule;
    rule.scope = state.value(QLatin1String("scope")).toString() == u"form" ? EntityRule::Scope::Form
                                                                           : EntityRule::Scope::Entity;
    rule.type = typeFrom(state.value(QLatin1String("type")).toString());
    rule.label = state.value(QLatin1String("label")).toString();
    rule.action = state.value(QLatin1String("action")).toString() == u"suppress" ? EntityRule::Action::Suppress
                                                                                 : EntityRule::Action::Map;
    rule.targetType = rule.action == EntityRule::Action::Map
        ? typeFrom(state.value(QLatin1String("target_type")).toString())
        : rule.type;
    rule.targetName = state.value(QLatin1String("target_name")).toString();
    return rule;
}

bool StoreContext::restoreRule(qint64 row, const QJsonObject &state)
{
    EntityRule rule = ruleFromHistory(state); // addRule() gives it its id
    if (rule.label.isEmpty()) {
        error = StoreError(QStringLiteral("the history holds no rule to put back"), StoreError::Kind::Invalid);
        return false;
    }
    // The rule as it is now, and a rule for the same name that the restored one replaces: taken
    // back as CurationStore::removeRule() takes a rule back (what each made of its mentions, and
    // wherever its name is written, are re-tagged).
    QSqlQuery query(db());
    if (!run(query,
            QStringLiteral("SELECT %1 FROM entity_rules WHERE id = ? OR (scope = ? AND type = ? AND key = ?)")
                .arg(QLatin1String(ruleColumns)),
            { row, scopeName(rule.scope), entityTypeName(rule.type), entityKey(rule.label) })) {
        return false;
    }
    QList<EntityRule> replaced;
    while (query.next()) {
        replaced.append(ruleFrom(query));
    }
    query.finish();
    for (const EntityRule &current : std::as_const(replaced)) {
        if (current.scope == rule.scope && current.type == rule.type
            && entityKey(current.label) == entityKey(rule.label) && current.action == rule.action
            && current.targetType == rule.targetType && current.targetName == rule.targetName) {
            return true; // so already (under this id or, restored before, another)
        }
    }
    for (const EntityRule &current : std::as_const(replaced)) {
        if (current.action == EntityRule::Action::Map) {
            EntityType type = current.targetType;
            QString name = current.targetName;
            if (refreshCuration() && curation.resolve(&type, &name) && !enqueueEntity(type, entityKey(name))) {
                return false;
            }
        }
        if (!enqueueText({ current.label })
            || !run(query, QStringLiteral("DELETE FROM entity_rules WHERE id = ?"), { current.id })) {
            return false;
        }
    }
    query.finish();
    // What the rule put back changes: the entity of its name, the form, wherever the name is written.
    const QString key = entityKey(rule.label);
    return enqueueEntity(rule.type, key) && (rule.scope != EntityRule::Scope::Form || enqueueForm(rule.type, key))
        && enqueueText({ rule.label }) && addRule(&rule);
}

std::optional<EntityRule> StoreContext::addEntityRule(const EntitySummary &entity, EntityRule rule)
{
    rule.scope = EntityRule::Scope::Entity;
    rule.type = entity.type;
    rule.label = entity.name;
    if (!enqueueEntity(entity.type, entityKey(entity.name)) || !addRule(&rule)) {
        return std::nullopt;
    }
    return rule;
}

bool StoreContext::refreshCuration()
{
    QSqlQuery query(db());
    if (!runOnce(query, QStringLiteral("SELECT version FROM curation_state"), {}) || !query.next()) {
        return false;
    }
    const qint64 version = query.value(0).toLongLong();
    if (version == curationVersion) {
        return true;
    }
    QList<EntityRule> rules;
    if (!run(query, QStringLiteral("SELECT %1 FROM entity_rules ORDER BY id").arg(QLatin1String(ruleColumns)), {})) {
        return false;
    }
    while (query.next()) {
        rules.append(ruleFrom(query));
    }
    QList<WatchEntry> watchlist;
    if (!run(query, QStringLiteral("SELECT id, type, name, aliases FROM watchlist ORDER BY id"), {})) {
        return false;
    }
    while (query.next()) {
        watchlist.append(watchFrom(query));
    }
    if (!readNameTypes(&nameTypes)) {
        return false;
    }
    curation = Curation(rules, watchlist);
    curationVersion = version;
    return true;
}

std::optional<QList<EntityRule>> CurationStore::rules()
{
    QSqlQuery query(d->db());
    if (!d->run(query, QStringLiteral("SELECT %1 FROM entity_rules ORDER BY id").arg(QLatin1String(ruleColumns)), {})) {
        return std::nullopt;
    }
    QList<EntityRule> rules;
    while (query.next()) {
        rules.append(ruleFrom(query));
    }
    return rules;
}

std::optional<QList<WatchEntry>> CurationStore::watchlist()
{
    QSqlQuery query(d->db());
    if (!d->run(
            query, QStringLiteral("SELECT id, type, name, aliases FROM watchlist ORDER BY name COLLATE NOCASE"), {})) {
        return std::nullopt;
    }
    QList<WatchEntry> entries;
    while (query.next()) {
        entries.append(watchFrom(query));
    }
    return entries;
}

std::optional<EntityRule> CurationStore::renameEntity(qint64 entityId, const QString &newName)
{
    const QString name = cleanName(newName);
    if (name.isEmpty()) {
        d->error = StoreError(QStringLiteral("the new name is empty"), StoreError::Kind::Invalid);
        return std::nullopt;
    }
    std::optional<EntityRule> result;
    const bool ok = d->transaction([&] {
        const auto current = d->readEntity(entityId);
        if (!current) {
            return false;
        }
        EntityRule rule;
        rule.targetType = current->type;
        rule.targetName = name;
        result = d->addEntityRule(*current, rule);
        if (!result) {
            return false;
        }
        // Shown under its new name at once when no other entity has that name; otherwise the
        // re-tag merges the two.
        QSqlQuery query(d->db());
        return d->run(query,
            QStringLiteral("UPDATE entities SET name = ?, key = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "
                           "entities o WHERE o.type = entities.type AND o.key = ? AND o.id <> ?)"),
            { name, entityKey(name), entityId, entityKey(name), entityId });
    });
    return ok ? result : std::nullopt;
}

std::optional<EntityRule> CurationStore::mergeEntities(qint64 fromId, qint64 intoId)
{
    if (fromId == intoId) {
        d->error = StoreError(QStringLiteral("an entity cannot be merged into itself"), StoreError::Kind::Invalid);
        return std::nullopt;
    }
    std::optional<EntityRule> result;
    const bool ok = d->transaction([&] {
        const auto from = d->readEntity(fromId);
        const auto into = from ? d->readEntity(intoId) : std::nullopt;
        if (!into) {
            return false;
        }
        EntityRule rule;
        rule.targetType = into->type;
        rule.targetName = into->name;
        result = d->addEntityRule(*from, rule);
        return result.has_value();
    });
    return ok ? result : std::nullopt;
}

std::optional<EntityRule> CurationStore::splitAlias(qint64 entityId, const QString &alias)
{
    std::optional<EntityRule> result;
    const bool ok = d->transaction([&] {
        const auto current = d->readEntity(entityId);
        if (!current) {
            return false;
        }
        const QString form = cleanName(alias);
        if (entityKey(form) == entityKey(current->name)) {
            d->error = StoreError(QStringLiteral("'%1' is the entity's own name; rename the entity instead").arg(form),
                StoreError::Kind::Invalid);
            return false;
        }
        const bool known = std::any_of(current->aliases.cbegin(), current->aliases.cend(),
            [&](const QString &a) { return entityKey(a) == entityKey(form); });
        if (!known) {
            d->error = StoreError(QStringLiteral("'%1' is not an alias of %2 (aliases: %3)")
                                      .arg(form, current->name, current->aliases.join(QLatin1String(", "))),
                StoreError::Kind::Invalid);
            return false;
        }
        EntityRule rule;
        rule.scope = EntityRule::Scope::Form;
        rule.type = current->type;
        rule.label = form;
        rule.targetType = current->type;
        rule.targetName = form;
        if (!d->enqueueForm(current->type, entityKey(form)) || !d->addRule(&rule)) {
            return false;
        }
        result = rule;
        return true;
    });
    return ok ? result : std::nullopt;
}

std::optional<EntityRule> CurationStore::setEntityType(qint64 entityId, EntityType type)
{
    if (!isNameType(type)) {
        d->error = StoreError(
            QStringLiteral("an entity can become a PERSON, ORG or LOCATION, not %1").arg(entityTypeName(type)),
            StoreError::Kind::Invalid);
        return std::nullopt;
    }
    std::optional<EntityRule> result;
    const bool ok = d->transaction([&] {
        const auto current = d->readEntity(entityId);
        if (!current) {
            return false;
        }
        if (!isNameType(current->type)) {
            d->error = StoreError(QStringLiteral("dates and amounts keep their type"), StoreError::Kind::Invalid);
            return false;
        }
        EntityRule rule;
        rule.targetType = type;
        rule.targetName = current->name;
        result = d->addEntityRule(*current, rule);
        return result.has_value();
    });
    return ok ? result : std::nullopt;
}

std::optional<EntityRule> CurationStore::suppressEntity(qint64 entityId)
{
    std::optional<EntityRule> result;
    const bool ok = d->transaction([&] {
        const auto current = d->readEntity(entityId);
        if (!current) {
            return false;
        }
        EntityRule rule;
        rule.action = EntityRule::Action::Suppress;
        result = d->addEntityRule(*current, rule);
        return result.has_value();
    });
    return ok ? result : std::nullopt;
}

bool CurationStore::removeRule(qint64 ruleId)
{
    return d->transaction([&] {
        QSqlQuery query(d->db());
        if (!d->runOne(query,
                QStringLiteral("SELECT %1 FROM entity_rules WHERE id = ?").arg(QLatin1String(ruleColumns)), { ruleId },
                QStringLiteral("no entity rule with id %1").arg(ruleId))) {
            return false;
        }
        const EntityRule rule = ruleFrom(query);
        query.finish();
        // What the rule made of its mentions, and wherever its name is written.
        if (rule.action == EntityRule::Action::Map) {
            EntityType type = rule.targetType;
            QString name = rule.targetName;
            if (d->refreshCuration() && d->curation.resolve(&type, &name) && !d->enqueueEntity(type, entityKey(name))) {
                return false;
            }
        }
        return d->enqueueText({ rule.label })
            && d->run(query, QStringLiteral("DELETE FROM entity_rules WHERE id = ?"), { ruleId })
            && d->bumpCurationVersion();
    });
}

std::optional<WatchEntry> CurationStore::watch(const WatchEntry &given)
{
    WatchEntry entry = given;
    entry.name = cleanName(entry.name);
    if (entry.name.isEmpty()) {
        d->error = StoreError(QStringLiteral("a watched name cannot be empty"), StoreError::Kind::Invalid);
        return std::nullopt;
    }
    if (!isNameType(entry.type)) {
        d->error = StoreError(QStringLiteral("the watchlist holds people, organisations and places, not %1")
                                  .arg(entityTypeName(entry.type)),
            StoreError::Kind::Invalid);
        return std::nullopt;
    }
    QStringList aliases;
    for (const QString &alias : std::as_const(entry.aliases)) {
        const QString clean = cleanName(alias);
        if (!clean.isEmpty() && clean != entry.name && !aliases.contains(clean)) {
            aliases.append(clean);
        }
    }
    entry.aliases = aliases;
    const bool ok = d->transaction([&] {
        QSqlQuery query(d->db());
        if (!d->run(query,
                QStringLiteral("INSERT INTO watchlist (type, key, name, aliases, created_at) VALUES (?, ?, ?, ?, ?) "
                               "ON CONFLICT (type, key) DO UPDATE SET name = excluded.name, aliases = "
                               "excluded.aliases RETURNING id"),
                { entityTypeName(entry.type), entityKey(entry.name), entry.name,
                    QString::fromUtf8(
                        QJsonDocument(QJsonArray::fromStringList(entry.aliases)).toJson(QJsonDocument::Compact)),
                    QDateTime::currentMSecsSinceEpoch() })
            || !query.next()) {
            return false;
        }
        entry.id = query.value(0).toLongLong();
        query.finish();
        return d->enqueueText(QStringList(entry.aliases) << entry.name) && d->bumpCurationVersion();
    });
    return ok ? std::optional(entry) : std::nullopt;
}

bool CurationStore::unwatch(qint64 watchId)
{
    return d->transaction([&] {
        QSqlQuery query(d->db());
        if (!d->runOne(query, QStringLiteral("SELECT id, type, name, aliases FROM watchlist WHERE id = ?"), { watchId },
                QStringLiteral("no watchlist entry with id %1").arg(watchId))) {
            return false;
        }
        const WatchEntry entry = watchFrom(query);
        query.finish();
        return d->enqueueEntity(entry.type, entityKey(entry.name))
            && d->enqueueText(QStringList(entry.aliases) << entry.name)
            && d->run(query, QStringLiteral("DELETE FROM watchlist WHERE id = ?"), { watchId })
            && d->bumpCurationVersion();
    });
}

std::optional<qint64> CurationStore::pendingRetags()
{
    QSqlQuery query(d->db());
    if (!d->run(query, QStringLiteral("SELECT count(*) FROM retag_queue"), {}) || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

} // namespace Dossier::Core
