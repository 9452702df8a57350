#include "analysis/rulewords_p.h"

namespace Dossier::Core::RuleWords
{

namespace
{

QSet<QString> wordSet(std::initializer_list<const char *> words)
{
    QSet<QString> set;
    for (const char *word : words) {
        set.insert(QString::fromLatin1(word));
    }
    return set;
}

} // namespace

// Last words that make a capitalised run an organisation ('Hudson Institute', 'Yomiuri Shimbun').
const QSet<QString> &orgSuffixes()
{
    static const QSet<QString> set = wordSet({ "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company",
        "ltd", "ltd.", "llc", "plc", "ag", "gmbh", "group", "holdings", "bank", "institute", "institution", "forum",
        "council", "commission", "committee", "ministry", "agency", "service", "services", "party", "association",
        "federation", "union", "league", "organization", "organisation", "foundation", "fund", "university", "college",
        "academy", "school", "society", "authority", "board", "bureau", "office", "department", "court", "tribunal",
        "parliament", "assembly", "congress", "senate", "army", "navy", "force", "forces", "guard", "police", "shimbun",
        "news", "times", "post", "journal", "press", "herald", "tribune", "broadcasting", "airlines", "airways",
        "motors", "electric", "industries", "technologies", "telecom", "pharmaceuticals", "club", "fc", "coalition",
        "movement", "front", "brigade", "brigades", "command", "secretariat", "cabinet", "government", "directorate",
        "centre", "center", "laboratory", "laboratories", "hospital", "trust", "network", "exchange", "alliance" });
    return set;
}

// First words that make 'X of Y' an organisation ('Ministry of Foreign Affairs', 'University of Tokyo').
const QSet<QString> &orgHeads()
{
    static const QSet<QString> set = wordSet({ "ministry", "department", "bank", "university", "association",
        "organization", "organisation", "federation", "council", "commission", "committee", "court", "office", "bureau",
        "agency", "institute", "academy", "league", "union", "church", "house", "board", "college", "school", "centre",
        "center", "society", "chamber", "embassy", "consulate", "party", "fund", "order", "museum", "foundation",
        "government", "parliament" });
    return set;
}

const QSet<QString> &locationSuffixes()
{
    static const QSet<QString> set = wordSet(
        { "island", "islands", "isle", "isles", "sea", "ocean", "river", "lake", "mountain", "mountains", "bay", "gulf",
            "strait", "straits", "peninsula", "province", "prefecture", "county", "valley", "desert", "canal", "street",
            "avenue", "road", "square", "park", "beach", "coast", "heights", "plateau", "basin", "delta", "reef",
            "atoll", "archipelago", "airport", "harbor", "harbour", "district", "oblast", "region", "state", "port" });
    return set;
}

const QSet<QString> &locationHeads()
{
    static const QSet<QString> set
        = wordSet({ "mount", "mt.", "lake", "cape", "fort", "gulf", "bay", "sea", "isle", "strait" });
    return set;
}

// Last words of the names of events and documents.
const QSet<QString> &eventWords()
{
    static const QSet<QString> set = wordSet({ "games", "olympics", "olympic", "paralympics", "paralympic", "open",
        "cup", "war", "protocol", "accord", "accords", "agreement", "treaty", "summit", "championship", "championships",
        "marathon", "declaration", "convention", "festival", "prize", "award", "awards", "index", "dialogue",
        "partnership", "week", "expo", "fair", "initiative", "strategy", "act", "charter", "process", "round",
        "masters", "classic", "trophy", "tour", "rally", "derby", "grand prix", "crisis", "talks" });
    return set;
}

const QSet<QString> &directions()
{
    static const QSet<QString> set = wordSet({ "north", "south", "east", "west", "northern", "southern", "eastern",
        "western", "central", "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest" });
    return set;
}

// Capitalised only because they open a sentence or a heading; never part of a name's edge.
const QSet<QString> &functionWords()
{
    static const QSet<QString> set = wordSet(
        { "the", "a", "an", "in", "at", "on", "for", "with", "by", "from", "to", "as", "of", "and", "or", "but", "if",
            "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "it", "he", "she",
            "they", "we", "i", "you", "there", "here", "when", "while", "after", "before", "during", "since", "under",
            "over", "into", "via", "per", "amid", "about", "against", "between", "among", "through", "than", "then" });
    return set;
}

// Lower-case words allowed inside a name: 'Bank of Japan', 'Charles de Gaulle', 'Procter & Gamble'.
const QSet<QString> &particles()
{
    static const QSet<QString> set = wordSet({ "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del",
        "bin", "al", "el", "ibn", "dos", "das", "y" });
    return set;
}

const QSet<QString> &speechVerbs()
{
    static const QSet<QString> set = wordSet({ "said", "says", "told", "added", "wrote", "asked", "explained", "noted",
        "stated", "argued", "insisted", "warned", "tweeted" });
    return set;
}

} // namespace Dossier::Core::RuleWords
