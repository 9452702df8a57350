#include "analysis/curation.h"

#include "analysis/entityrecognizer.h"

#include <algorithm>

namespace Dossier::Core
{

bool isNameType(EntityType type)
{
    return type == EntityType::Person || type == EntityType::Org || type == EntityType::Location;
}

Curation::Curation(const QList<EntityRule> &rules, const QList<WatchEntry> &watchlist)
    : m_watchlist(watchlist)
{
    for (const EntityRule &rule : rules) {
        auto &table = rule.scope == EntityRule::Scope::Entity ? m_entityRules : m_formRules;
        table.insert(Key { rule.type, entityKey(rule.label) }, rule);
        const bool typeChange = rule.scope == EntityRule::Scope::Entity && rule.action == EntityRule::Action::Map
            && rule.targetType != rule.type && isNameType(rule.type) && isNameType(rule.targetType)
            && entityKey(rule.targetName) == entityKey(rule.label);
        if (typeChange) {
            m_correctedType.insert(entityKey(rule.label), rule.targetType);
        }
    }
}

bool Curation::resolve(EntityType *type, QString *name) const
{
    // Rules never form a cycle (the store removes a target's own rule when it adds one), but a
    // library edited by hand might: follow a bounded number of steps.
    QString key = entityKey(*name);
    bool corrected = false; // moved by another article's change of type
    for (int step = 0; step < 16; ++step) {
        const auto rule = m_entityRules.constFind(Key { *type, key });
        if (rule == m_entityRules.cend()) {
            const auto type2 = step == 0 && isNameType(*type) ? m_correctedType.constFind(key) : m_correctedType.cend();
            if (type2 == m_correctedType.cend() || *type2 == *type || corrected) {
                break;
            }
            *type = *type2;
            corrected = true;
            continue;
        }
        if (rule->action == EntityRule::Action::Suppress) {
            return false;
        }
        *type = rule->targetType;
        *name = rule->targetName;
        const QString next = entityKey(*name);
        if (next == key && rule->targetType == rule->type) {
            break;
        }
        key = next;
    }
    return true;
}

namespace
{

// A mention after curation, before entities are rebuilt.
struct Placed {
    qsizetype start = 0;
    qsizetype end = 0;
    EntityType type = EntityType::Person;
    QString name;
    QString surface;
};

// A curated entity being rebuilt.
struct Target {
    EntityType type = EntityType::Person;
    QString name;
    QStringList forms; // surface forms seen, in order, possibly with duplicates and the name
    int count = 0;
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// Whole-word, case-insensitive occurrences of \a term in \a text, non-overlapping.
QList<std::pair<qsizetype, qsizetype>> findTerm(QStringView text, QStringView term)
{
    QList<std::pair<qsizetype, qsizetype>> found;
    if (term.isEmpty()) {
        return found;
    }
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(term, from, Qt::CaseInsensitive);
        if (at < 0) {
            break;
        }
        const qsizetype end = at + term.size();
        const bool startsWord = at == 0 || !isWordChar(text[at - 1]) || !isWordChar(term.front());
        const bool endsWord = end == text.size() || !isWordChar(text[end]) || !isWordChar(term.back());
        if (startsWord && endsWord) {
            found.append({ at, end });
            from = end;
        } else {
            from = at + 1;
        }
    }
    return found;
}

// The watchlist's matches in \a text, longest term first, none overlapping another.
QList<Placed> watchMatches(QStringView text, const QList<WatchEntry> &watchlist)
{
    struct Term {
        QString text;
        const WatchEntry *entry;
    };
    QList<Term> terms;
    for (const WatchEntry &entry : watchlist) {
        terms.append({ entry.name.trimmed(), &entry });
        for (const QString &alias : entry.aliases) {
            terms.append({ alias.trimmed(), &entry });
        }
    }
    std::stable_sort(
        terms.begin(), terms.end(), [](const Term &a, const Term &b) { return a.text.size() > b.text.size(); });
    QList<Placed> placed;
    for (const Term &term : std::as_const(terms)) {
        for (const auto &[start, end] : findTerm(text, term.text)) {
            const bool overlaps = std::any_of(
                placed.cbegin(), placed.cend(), [&](const Placed &p) { return p.start < end && start < p.end; });
            if (!overlaps) {
                placed.append(
                    { start, end, term.entry->type, term.entry->name, text.sliced(start, end - start).toString() });
            }
        }
    }
    return placed;
}

} // namespace

void Curation::apply(Article &article) const
{
    if (isEmpty()) {
        return;
    }
    const QString &body = article.body;
    QList<Target> targets;
    QHash<Key, int> targetOf;
    const auto targetIndex = [&](EntityType type, const QString &name) {
        const Key key { type, entityKey(name) };
        auto it = targetOf.constFind(key);
        if (it != targetOf.cend()) {
            return *it;
        }
        targets.append(Target { type, name, {}, 0 });
        targetOf.insert(key, int(targets.size() - 1));
        return int(targets.size() - 1);
    };

    // Where each of the article's entities goes as a whole; -1 when suppressed. Visiting them in
    // order keeps the entities' order of first appearance.
    QList<int> entityTarget;
    entityTarget.reserve(article.entities.size());
    for (const Entity &entity : std::as_const(article.entities)) {
        EntityType type = entity.type;
        QString name = entity.name;
        entityTarget.append(resolve(&type, &name) ? targetIndex(type, name) : -1);
    }

    QList<Placed> watched = watchMatches(body, m_watchlist);
    for (const Placed &w : std::as_const(watched)) {
        targetIndex(w.type, w.name);
    }
    QList<Placed> placed = watched;
    QList<int> bodyMentions(article.entities.size(), 0);
    for (const Mention &m : std::as_const(article.mentions)) {
        if (m.entity < 0 || m.entity >= article.entities.size()) {
            continue;
        }
        ++bodyMentions[m.entity];
        const bool overlapsWatch = std::any_of(
            watched.cbegin(), watched.cend(), [&](const Placed &w) { return w.start < m.end && m.start < w.end; });
        if (overlapsWatch) {
            continue;
        }
        const QString surface = body.sliced(m.start, m.end - m.start);
        int target = entityTarget[m.entity];
        const auto formRule = m_formRules.constFind(Key { m.type, entityKey(surface) });
        if (formRule != m_formRules.cend()) {
            if (formRule->action == EntityRule::Action::Suppress) {
                continue;
            }
            EntityType type = formRule->targetType;
            QString name = formRule->targetName;
            target = resolve(&type, &name) ? targetIndex(type, name) : -1;
        }
        if (target < 0) {
            continue;
        }
        placed.append({ m.start, m.end, targets[target].type, targets[target].name, surface });
    }

    for (const Placed &p : std::as_const(placed)) {
        Target &target = targets[targetIndex(p.type, p.name)];
        target.forms.append(p.surface);
        ++target.count;
    }
    // Mentions in the title count towards their entity but are not body mentions.
    for (qsizetype i = 0; i < article.entities.size(); ++i) {
        const int titleMentions = article.entities[i].count - bodyMentions[i];
        if (entityTarget[i] >= 0 && titleMentions > 0) {
            Target &target = targets[entityTarget[i]];
            target.count += titleMentions;
            // The entity's own names, except those split off to another entity.
            const Entity &entity = article.entities[i];
            QStringList forms = entity.aliases;
            forms.append(entity.name);
            for (const QString &form : std::as_const(forms)) {
                if (!m_formRules.contains(Key { entity.type, entityKey(form) })) {
                    target.forms.append(form);
                }
            }
        }
    }
    for (const Placed &w : watchMatches(article.meta.title, m_watchlist)) {
        Target &target = targets[targetIndex(w.type, w.name)];
        target.forms.append(w.surface);
        ++target.count;
    }

    // Rebuild: targets nothing was left for are dropped; indices shift accordingly.
    QList<int> newIndex(targets.size(), -1);
    QList<Entity> entities;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const Target &target = targets[i];
        if (target.count == 0) {
            continue;
        }
        Entity entity;
        entity.name = target.name;
        entity.type = target.type;
        entity.count = target.count;
        for (const QString &form : target.forms) {
            if (form != entity.name && !entity.aliases.contains(form)) {
                entity.aliases.append(form);
            }
        }
        newIndex[i] = int(entities.size());
        entities.append(entity);
    }
    std::sort(placed.begin(), placed.end(), [](const Placed &a, const Placed &b) { return a.start < b.start; });
    QList<Mention> mentions;
    mentions.reserve(placed.size());
    for (const Placed &p : std::as_const(placed)) {
        mentions.append(Mention { p.start, p.end, p.type, newIndex[targetIndex(p.type, p.name)] });
    }
    article.entities = std::move(entities);
    article.mentions = std::move(mentions);
}

} // namespace Dossier::Core
