#pragma once

#include "article.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Dossier::Core
{

/*!
    \brief One correction an analyst made to the entities: every mention of an entity (or only
    those written one way) goes to another name and/or type, or is suppressed.

    Rules are keyed by type and entityKey(): 'U.S.' and 'US' are one key.
*/
struct EntityRule {
    enum class Scope {
        Entity, //!< every mention of the entity called \c label, whatever its surface form
        Form, //!< only mentions written as \c label (an alias split off its entity)
    };
    enum class Action {
        Map, //!< to \c targetType / \c targetName (rename, merge, split, change of type)
        Suppress, //!< never shown again
    };
    qint64 id = -1;
    Scope scope = Scope::Entity;
    EntityType type = EntityType::Person;
    QString label; //!< the name (Entity) or the surface form (Form) the rule is about
    Action action = Action::Map;
    EntityType targetType = EntityType::Person;
    QString targetName;
    qint64 createdAt = 0; //!< ms since the epoch
    QString author; //!< who made it (schema 12; empty for rules made before)

    friend bool operator==(const EntityRule &, const EntityRule &) = default;
};

/*! \brief A name the analyst wants found in every article, with its type and other spellings. */
struct WatchEntry {
    qint64 id = -1;
    EntityType type = EntityType::Person;
    QString name;
    QStringList aliases;

    friend bool operator==(const WatchEntry &, const WatchEntry &) = default;
};

/*!
    \brief The analyst's corrections, applied to an analysed article before it is stored (import,
    re-import and re-tagging all go through apply()).
*/
class Curation
{
public:
    Curation() = default;
    Curation(const QList<EntityRule> &rules, const QList<WatchEntry> &watchlist);

    bool isEmpty() const { return m_entityRules.isEmpty() && m_formRules.isEmpty() && m_watchlist.isEmpty(); }
    const QList<WatchEntry> &watchlist() const { return m_watchlist; }

    /*!
        Rewrites the article's entities and mentions: watchlist names are found (case-insensitive,
        whole words) and win over what overlaps them; each other mention follows the rule for its
        surface form, else the rule for its entity (rules chain: a rename of a merged entity
        applies to both), and suppressed ones are dropped. Entities are rebuilt from the result in
        order of first appearance, with aliases and counts (title mentions included).
    */
    void apply(Article &article) const;

    /*! Where the entity of \a type called \a name ends up: false when it is suppressed. An analyst's change
        of type ('Salesforce' is an ORG, not a PERSON) is evidence about the name: the name typed a third way
        in another article ('Salesforce' as a LOCATION) goes to that type too, and follows its rules there. */
    bool resolve(EntityType *type, QString *name) const;

private:
    struct Key {
        EntityType type;
        QString key;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &k, size_t seed = 0) { return qHashMulti(seed, int(k.type), k.key); }
    };
    QHash<Key, EntityRule> m_entityRules;
    QHash<Key, EntityRule> m_formRules;
    QHash<QString, EntityType> m_correctedType; // entityKey() → the type an analyst changed the name to
    QList<WatchEntry> m_watchlist;
};

/*! True for the types an analyst curates by name (PERSON, ORG, LOCATION), not DATE or MONEY. */
bool isNameType(EntityType type);

} // namespace Dossier::Core
