#include "analysis/organisationcues_p.h"
#include "analysis/textcleaning.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

constexpr auto options = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

// The nouns that say what kind of organisation a name is: 'the film studio Neon', 'Knotel, the flexible
// office provider, …'.
#define ORGANISATION_NOUN                                                                                              \
    "(?:company|companies|firm|studio|start-?up|provider|maker|manufacturer|retailer|bank|agency|network|platform|"    \
    "operator|developer|publisher|label|chain|brand|carrier|airline|insurer|lender|broker|distributor|vendor|"         \
    "supplier|conglomerate|club|charity|institute|think[- ]tank|newspaper|magazine|broadcaster|outlet|giant|group|"    \
    "organi[sz]ation|foundation|nonprofit|non-profit|union|party)"

// '… the film studio ' just before a name.
const QRegularExpression &nounBefore()
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?)" ORGANISATION_NOUN R"(\s+$)"), options);
    return re;
}

// 'companies such as Zillow, ' just before a name: each name of the list after the plural.
const QRegularExpression &listBefore()
{
    static const QRegularExpression re(
        QStringLiteral(
            R"((?i:\b(?:companies|firms|studios|start-?ups|providers|makers|manufacturers|automakers|)"
            R"(carmakers|retailers|banks|agencies|networks|platforms|operators|developers|publishers|labels|)"
            R"(chains|brands|carriers|airlines|insurers|lenders|brokers|distributors|vendors|suppliers|)"
            R"(conglomerates|charities|think[- ]tanks|newspapers|broadcasters|outlets|organi[sz]ations|)"
            R"(foundations|nonprofits|non-profits|unions|services|websites|apps)\s+(?:such\s+as|like|including))\s+)"
            R"((?:\p{Lu}[\w.&'’-]*(?:\s+\p{Lu}[\w.&'’-]*){0,3}(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$)"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// "'s" after a name: the list names what is the name's ('organisations such as Jane Roe's foundation').
bool possessive(QStringView next)
{
    return next.startsWith(u"'") || next.startsWith(u"\u2019");
}

// ', the flexible office provider,' just after a name: the noun phrase ends with the noun.
const QRegularExpression &apposition()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*,\s*(?:the|a|an)\s+(?:[\w'’-]+\s+){0,4}?)" ORGANISATION_NOUN
                       R"((?:\s*[,.;:)]|\s*$|\s+(?:that|which|based|founded|behind|whose|in|of|with)\b))"),
        options);
    return re;
}

// ', which …' after a name: not a person …
const QRegularExpression &which()
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*,\s*which\b)"), options);
    return re;
}

// … unless the clause may be about something else: 'said Jane Roe, which …', 'a son of President
// Suharto, which plans …', or the name has a title or a first name before it.
bool whichElsewhere(QStringView before)
{
    static const QRegularExpression speech(
        QStringLiteral(R"(\b(?:said|says|told|tells|added|adds|explained|explains|asserted|stressed|wrote|writes|)"
                       R"(according to|of)\s+(?:\S+\s+){0,2}$)"),
        options);
    // (Case-sensitive: a caseless \p{Lu} would take any letter.)
    static const QRegularExpression capitalised(
        QStringLiteral(R"(\p{Lu}[\w.'’-]*\s+$)"), QRegularExpression::UseUnicodePropertiesOption);
    return speech.matchView(before).hasMatch() || capitalised.matchView(before).hasMatch();
}

// ', who …' after a name: a person.
const QRegularExpression &who()
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*,\s*who\b)"), options);
    return re;
}

// Whether a mention of \a sorted (by start) that \a accept takes overlaps [start, end). Names are a few
// words long: only the mentions starting a little before \a start are looked at, so a long text with
// many names is read in linear time.
template<typename Accept>
bool overlapping(const QList<RawMention> &sorted, qsizetype start, qsizetype end, Accept accept)
{
    constexpr qsizetype longestName = 200; // characters
    auto it = std::partition_point(
        sorted.cbegin(), sorted.cend(), [&](const RawMention &m) { return m.start < start - longestName; });
    for (; it != sorted.cend() && it->start < end; ++it) {
        if (it->end > start && accept(*it)) {
            return true;
        }
    }
    return false;
}

QString keyOf(QStringView text, const RawMention &m)
{
    return text.sliced(m.start, m.end - m.start).toString().toCaseFolded();
}

bool isName(EntityType type)
{
    return type == EntityType::Person || type == EntityType::Org || type == EntityType::Location;
}

} // namespace

void applyOrganisationCues(QStringView text, const QList<Token> &tokens, const std::function<bool(qsizetype)> &isCommon,
    QList<RawMention> *mentions)
{
    constexpr qsizetype window = 80; // characters read on either side of a name
    constexpr qsizetype maxNameTokens = 4;
    const auto before = [&](qsizetype start) {
        const qsizetype from = std::max<qsizetype>(0, start - window);
        QStringView s = text.sliced(from, start - from);
        const qsizetype line = s.lastIndexOf(u'\n');
        return line >= 0 ? s.sliced(line + 1) : s;
    };
    const auto after = [&](qsizetype end) {
        QStringView s = text.sliced(end, std::min<qsizetype>(window, text.size() - end));
        const qsizetype line = s.indexOf(u'\n');
        return line >= 0 ? s.first(line) : s;
    };

    // Names the document calls organisations, and names it calls people.
    QSet<QString> organisations;
    QSet<QString> people;
    QSet<QString> notPeople;
    for (const RawMention &m : std::as_const(*mentions)) {
        if (!isName(m.type)) {
            continue;
        }
        const QString key = keyOf(text, m);
        const QStringView next = after(m.end);
        if (nounBefore().matchView(before(m.start)).hasMatch() || apposition().matchView(next).hasMatch()
            || (listBefore().matchView(before(m.start)).hasMatch() && !possessive(next))) {
            organisations.insert(key);
        } else if (which().matchView(next).hasMatch() && !whichElsewhere(before(m.start))) {
            notPeople.insert(key);
        } else if (who().matchView(next).hasMatch()) {
            people.insert(key);
        }
    }

    // Names the tagger left out that the document calls organisations: a capitalised run that is not an
    // ordinary word, right after 'the film studio' or right before ', the office provider,'.
    QList<RawMention> added;
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        const Token &token = tokens[t];
        if (!token.is(Token::Word) || !token.is(Token::Cap) || isCommon(t)) {
            continue;
        }
        // The run stops at a day or a month, or a word another mention holds ('the network CNBC Friday').
        const auto taken = [&](qsizetype k) {
            return TextCleaning::isWeekdayOrMonth(text.sliced(tokens[k].start, tokens[k].end - tokens[k].start))
                || overlapping(
                    *mentions, tokens[k].start, tokens[k].end, [](const RawMention &m) { return !isName(m.type); });
        };
        qsizetype last = t + 1;
        while (last < tokens.size() && last - t < maxNameTokens && tokens[last].is(Token::Word)
            && tokens[last].is(Token::Cap) && !tokens[last].breaksName() && !taken(last)) {
            ++last;
        }
        const qsizetype start = token.start;
        const qsizetype end = tokens[last - 1].end;
        const bool covered = overlapping(*mentions, start, end,
            [](const RawMention &m) { return m.confidence != MentionConfidence::Candidate || !isName(m.type); });
        if (!covered
            && (nounBefore().matchView(before(start)).hasMatch() || apposition().matchView(after(end)).hasMatch()
                || (listBefore().matchView(before(start)).hasMatch() && !possessive(after(end))))) {
            added.append(RawMention { start, end, EntityType::Org, QString(), MentionConfidence::Guess });
            organisations.insert(text.sliced(start, end - start).toString().toCaseFolded());
        }
        t = last - 1;
    }
    if (!added.isEmpty()) {
        // A candidate the new name covers gives way to it.
        mentions->removeIf([&](const RawMention &m) {
            return m.confidence == MentionConfidence::Candidate
                && overlapping(added, m.start, m.end, [](const RawMention &) { return true; });
        });
        mentions->append(added);
        std::sort(mentions->begin(), mentions->end(),
            [](const RawMention &a, const RawMention &b) { return a.start < b.start; });
    }

    // Every mention of such a name is an organisation, unless the document also calls it a person.
    for (RawMention &m : *mentions) {
        if (m.type != EntityType::Person && m.type != EntityType::Location) {
            continue;
        }
        const QString key = keyOf(text, m);
        if (people.contains(key)) {
            continue;
        }
        // A place the gazetteers know stays one ('Ocean Networks Canada, a group that …').
        const bool place = m.type == EntityType::Location && !m.canonical.isEmpty();
        if ((organisations.contains(key) && !place) || (m.type == EntityType::Person && notPeople.contains(key))) {
            m.type = EntityType::Org;
            m.canonical.clear();
        }
    }
}

} // namespace Dossier::Core
