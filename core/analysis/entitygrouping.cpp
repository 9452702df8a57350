#include "analysis/entityrecognizer.h"
#include "analysis/gazetteer.h"

#include <QHash>

namespace Dossier::Core
{

QString entityKey(QStringView name)
{
    QString decomposed = name.toString().normalized(QString::NormalizationForm_KD);
    QString key;
    key.reserve(decomposed.size());
    bool space = false;
    for (const QChar c : std::as_const(decomposed)) {
        if (c.category() == QChar::Mark_NonSpacing || c == u'.' || c == u'\'' || c == u'\u2019') {
            continue;
        }
        if (c.isSpace() || c == u'-') {
            space = !key.isEmpty();
            continue;
        }
        if (space) {
            key.append(u' ');
            space = false;
        }
        key.append(c.toCaseFolded());
    }
    if (key.startsWith(u"the ")) {
        key.remove(0, 4);
    }
    return key;
}

namespace
{

struct Item {
    qsizetype start = 0;
    qsizetype end = 0;
    QString surface; // verbatim, without a possessive 's
    QString canonical;
    QString key; // of the canonical form
    QString surfaceKey;
    EntityType type = EntityType::Person;
    MentionConfidence confidence = MentionConfidence::Sure;
    bool known = false; // the recognizer gave a canonical form (a gazetteer name, a date, an amount)
    bool body = false;
    int entity = -1;
};

bool isName(EntityType type)
{
    return type == EntityType::Person || type == EntityType::Org || type == EntityType::Location;
}

Item makeItem(QStringView text, const RawMention &raw, bool body)
{
    Item item;
    item.start = raw.start;
    item.end = raw.end;
    QStringView surface = text.sliced(raw.start, raw.end - raw.start).trimmed();
    if (surface.endsWith(u"'s") || surface.endsWith(u"\u2019s")) {
        surface.chop(2);
        item.end -= 2;
    }
    item.surface = surface.toString();
    item.type = raw.type;
    item.confidence = raw.confidence;
    item.known = !raw.canonical.isEmpty();
    item.body = body;
    if (item.known) {
        item.canonical = raw.canonical;
    } else if (raw.type == EntityType::Person) {
        item.canonical = Gazetteer::instance().stripTitles(item.surface); // 'Prime Minister Shinzo Abe'
    } else {
        item.canonical = item.surface;
    }
    // Names of different kinds never merge with dates or amounts: their keys live apart.
    const QString space = isName(item.type) ? QString() : entityTypeName(item.type) + QLatin1Char(':');
    item.key = space + entityKey(item.canonical);
    item.surfaceKey = space + entityKey(item.surface);
    return item;
}

// A headline run like 'Aldridge Visits Oslo' may hold a known name: the longest part that matches wins,
// and the item shrinks to it.
int matchPart(Item *item, const QHash<QString, int> &byKey, const QHash<QString, int> &shortForms)
{
    QList<std::pair<qsizetype, qsizetype>> words; // offsets in the surface
    for (qsizetype i = 0; i < item->surface.size();) {
        while (i < item->surface.size() && item->surface[i].isSpace()) {
            ++i;
        }
        const qsizetype start = i;
        while (i < item->surface.size() && !item->surface[i].isSpace()) {
            ++i;
        }
        if (i > start) {
            words.append({ start, i });
        }
    }
    for (qsizetype length = words.size() - 1; length >= 1; --length) {
        for (qsizetype first = 0; first + length <= words.size(); ++first) {
            const qsizetype from = words[first].first;
            const qsizetype to = words[first + length - 1].second;
            const QString part = item->surface.sliced(from, to - from);
            // 'the L8P' of 'Compression Ratio of the L8P' is the name 'L8P' with a word before it.
            if (part.front().isLower()) {
                continue;
            }
            const QString key = entityKey(part);
            int g = byKey.value(key, -1);
            if (g < 0) {
                g = shortForms.value(key, -1);
            }
            if (g >= 0) {
                item->start += from;
                item->end = item->start + (to - from);
                item->surface = part;
                return g;
            }
        }
    }
    return -1;
}

int wordCount(const QString &key)
{
    return key.isEmpty() ? 0 : int(key.count(u' ')) + 1;
}

} // namespace

bool LibraryTypes::settled(const QString &key, EntityType *type, int minimum) const
{
    const auto it = articles.constFind(key);
    if (it == articles.constEnd()) {
        return false;
    }
    const int total = (*it)[0] + (*it)[1] + (*it)[2];
    const auto most = std::max_element(it->begin(), it->end());
    if (*most < minimum || 5 * *most < 4 * total) {
        return false;
    }
    *type = EntityType(int(EntityType::Person) + int(most - it->begin()));
    return true;
}

GroupedEntities groupMentions(QStringView body, const QList<RawMention> &bodyMentions, QStringView title,
    const QList<RawMention> &titleMentions, const LibraryTypes *library)
{
    QList<Item> items;
    items.reserve(titleMentions.size() + bodyMentions.size());
    for (const RawMention &raw : titleMentions) {
        items.append(makeItem(title, raw, false));
    }
    for (const RawMention &raw : bodyMentions) {
        items.append(makeItem(body, raw, true));
    }
    items.removeIf([](const Item &item) { return item.key.isEmpty() || item.key.endsWith(u':'); });

    // One type per name in the document: sure mentions outvote guesses; the library's settled type counts as
    // one sure mention more.
    constexpr int Sure = 100;
    QHash<QString, std::array<int, 5>> votes;
    for (const Item &item : std::as_const(items)) {
        if (item.confidence != MentionConfidence::Candidate) {
            votes[item.key][int(item.type)] += item.confidence == MentionConfidence::Sure ? Sure : 1;
        }
    }
    const QHash<QString, std::array<int, 5>> ownVotes = votes;
    if (library) {
        for (auto it = votes.begin(); it != votes.end(); ++it) {
            EntityType type;
            if (library->settled(it.key(), &type)) {
                (*it)[int(type)] += Sure + Sure / 2;
            }
        }
    }
    const auto typeOf = [&](const QString &key, EntityType fallback) {
        const auto it = votes.constFind(key);
        if (it == votes.constEnd()) {
            return fallback;
        }
        return EntityType(std::max_element(it->begin(), it->end()) - it->begin());
    };

    // A sure mention of another type than the article's own sure mentions give its name is another entity of
    // the same name: the city in a dateline ('NEW YORK 1996-08-30') beside its baseball team in the standings
    // ('NEW YORK 74 59'). Against the library alone, it follows the vote.
    for (Item &item : items) {
        const EntityType voted = typeOf(item.key, item.type);
        if (item.confidence == MentionConfidence::Sure && isName(item.type) && voted != item.type
            && ownVotes.value(item.key)[int(voted)] >= Sure) {
            const QString space = entityTypeName(item.type) + QLatin1Char('|');
            item.key.prepend(space);
            item.surfaceKey.prepend(space);
        }
    }

    struct Group {
        EntityType type;
        QString key;
        int mergedInto = -1;
    };
    QList<Group> groups;
    QHash<QString, int> byKey;
    // Names with a canonical form first, so that their other surface forms ('US', 'EEAS' once linked to
    // its expansion) lead to them when met on their own.
    for (const bool known : { true, false }) {
        for (Item &item : items) {
            if (item.confidence == MentionConfidence::Candidate || item.known != known) {
                continue;
            }
            auto it = byKey.constFind(item.key);
            if (it == byKey.constEnd()) {
                it = byKey.insert(item.key, int(groups.size()));
                groups.append(Group { typeOf(item.key, item.type), item.key });
            }
            item.entity = *it;
        }
        for (const Item &item : std::as_const(items)) {
            if (item.entity >= 0 && !byKey.contains(item.surfaceKey)) {
                byKey.insert(item.surfaceKey, item.entity);
            }
        }
    }
    // A person's short forms ('Abe', 'Van Rompuy') attach to the full name, when only one person fits.
    QHash<QString, int> shortForms;
    for (int g = 0; g < groups.size(); ++g) {
        if (groups[g].type != EntityType::Person || wordCount(groups[g].key) < 2) {
            continue;
        }
        QString rest = groups[g].key;
        for (qsizetype space = rest.indexOf(u' '); space >= 0; space = rest.indexOf(u' ')) {
            rest = rest.mid(space + 1);
            auto it = shortForms.find(rest);
            if (it == shortForms.end()) {
                shortForms.insert(rest, g);
            } else if (*it != g) {
                *it = -1; // two people share it: leave it alone
            }
        }
    }
    QList<bool> sureOther(groups.size(), false); // a sure mention typed other than PERSON
    for (const Item &item : std::as_const(items)) {
        if (item.entity >= 0 && item.confidence == MentionConfidence::Sure && item.type != EntityType::Person) {
            sureOther[item.entity] = true;
        }
    }
    for (int g = 0; g < groups.size(); ++g) {
        const int person = shortForms.value(groups[g].key, -1);
        if (person >= 0 && person != g && isName(groups[g].type)
            && (groups[g].type == EntityType::Person || !sureOther[g])) {
            groups[g].mergedInto = person;
        }
    }
    const auto resolve = [&](int g) {
        while (g >= 0 && groups[g].mergedInto >= 0) {
            g = groups[g].mergedInto;
        }
        return g;
    };
    // Candidates count only where they match an entity found more surely.
    for (Item &item : items) {
        if (item.entity >= 0) {
            item.entity = resolve(item.entity);
            continue;
        }
        int g = byKey.value(item.key, -1);
        if (g < 0) {
            g = byKey.value(item.surfaceKey, -1);
        }
        if (g < 0 && isName(item.type)) {
            g = shortForms.value(item.surfaceKey, -1);
            if (g < 0) {
                g = matchPart(&item, byKey, shortForms);
            }
        }
        item.entity = resolve(g);
    }

    // Entities in order of first mention; the name is the gazetteer's, else the fullest form seen.
    GroupedEntities grouped;
    QHash<int, int> index; // group → entity
    for (const Item &item : std::as_const(items)) {
        if (item.entity < 0) {
            continue;
        }
        auto it = index.find(item.entity);
        if (it == index.end()) {
            it = index.insert(item.entity, int(grouped.entities.size()));
            grouped.entities.append(Entity { item.canonical, groups[item.entity].type, {}, 0 });
        }
        Entity &entity = grouped.entities[*it];
        ++entity.count;
    }
    QList<int> nameRank(grouped.entities.size(), -1);
    for (const Item &item : std::as_const(items)) {
        if (item.entity < 0 || item.confidence == MentionConfidence::Candidate) {
            continue;
        }
        const int e = index.value(item.entity);
        // Between forms of one length, one in ordinary case ('Kestrel Bay') beats a shouted
        // dateline or headline ('KESTREL BAY'); short acronyms are left as they are.
        const bool shouted = item.canonical.size() > 5 && item.canonical == item.canonical.toUpper()
            && item.canonical != item.canonical.toLower();
        const int rank = (item.known ? 1000000 : 0) + 2 * int(item.canonical.size()) + (shouted ? 0 : 1);
        if (rank > nameRank[e]) {
            nameRank[e] = rank;
            grouped.entities[e].name = item.canonical;
        }
    }
    for (const Item &item : std::as_const(items)) {
        if (item.entity < 0) {
            continue;
        }
        const int e = index.value(item.entity);
        Entity &entity = grouped.entities[e];
        if (item.surface != entity.name && !entity.aliases.contains(item.surface)) {
            entity.aliases.append(item.surface);
        }
        if (item.body) {
            grouped.mentions.append(Mention { item.start, item.end, entity.type, e });
        }
    }
    std::sort(grouped.mentions.begin(), grouped.mentions.end(),
        [](const Mention &a, const Mention &b) { return a.start < b.start; });
    return grouped;
}

} // namespace Dossier::Core
