#include "analysis/entityrecognizer.h"
#include "analysis/gazetteer.h"
#include "analysis/quantities.h"
#include "analysis/rulerecognizer.h"
#include "analysis/rulewords_p.h"
#include "analysis/tokenizer.h"

#include <QMap>
#include <QSet>

namespace Dossier::Core
{

namespace
{

using namespace RuleWords;

enum class LineMode : quint8 { Prose, TitleCase, AllCaps };

/*! One element of a capitalised run: a gazetteer hit, a word, or a connector ('of', 'de', '&'). */
struct Unit {
    qsizetype first = 0;
    qsizetype last = 0; // exclusive
    const GazetteerEntry *entry = nullptr;
    bool connector = false;
};

struct Found {
    qsizetype first = 0; // token range [first, last)
    qsizetype last = 0;
    RawMention mention;
};

/*! The state of one recognize() call. */
class Pass
{
public:
    Pass(QStringView text, const QList<Token> &tokens, const RecognizeContext &context)
        : m_text(text)
        , m_tokens(tokens)
        , m_gazetteer(Gazetteer::instance())
        , m_headline(context.headline)
    {
        m_gazetteerCodes.resize(m_tokens.size());
        m_titleCodes.resize(m_tokens.size());
        m_folded.resize(size_t(m_tokens.size()));
    }

    RuleEvidence run(const RecognizeContext &context);

private:
    QStringView word(qsizetype t) const { return m_text.sliced(m_tokens[t].start, m_tokens[t].size()); }
    // The token case-folded, made once: the rules ask for it many times.
    const QString &folded(qsizetype t) const
    {
        QString &f = m_folded[size_t(t)];
        if (f.isEmpty()) {
            f = word(t).toString().toCaseFolded();
        }
        return f;
    }
    bool isCommon(qsizetype t) const;
    bool isTitleWord(qsizetype t) const;
    bool hasLowerPart(qsizetype t) const;
    bool nounLike(qsizetype t) const;
    void classifyLines();
    void collectLowerWords();
    qsizetype scanRun(qsizetype t);
    void processRun(QList<Unit> units, bool sentenceInitial);
    void processPlain(QList<Unit> units, bool sentenceInitial);
    void processUnknown(QList<Unit> units, bool sentenceInitial);
    void processHeadline(const QList<Unit> &units);
    void emitHyphenParts(qsizetype t);
    void emit(qsizetype first, qsizetype last, EntityType type, const QString &canonical, MentionConfidence confidence);
    void emitEntry(const Unit &unit, MentionConfidence confidence = MentionConfidence::Sure);
    void linkAcronyms();

    QStringView m_text;
    QList<Token> m_tokens;
    const Gazetteer &m_gazetteer;
    bool m_headline;
    QList<LineMode> m_modes; // per token
    QSet<QString> m_lowerWords; // words this text uses in lower case: evidence they are common words
    mutable std::vector<QString> m_folded; // per token, see folded()
    QList<Found> m_found;
    QList<quint8> m_gazetteerCodes; // per token, see RuleEvidence::gazetteer
    QList<quint8> m_titleCodes; // per token, see RuleEvidence::title
};

// 1 + (kind × 4 + position) for the tokens [first, last) of one span.
void markSpan(QList<quint8> *codes, qsizetype first, qsizetype last, int kind)
{
    for (qsizetype t = first; t < last; ++t) {
        const SpanPosition position = last - first == 1 ? SpanPosition::Unit
            : t == first                                ? SpanPosition::Begin
            : t + 1 == last                             ? SpanPosition::Last
                                                        : SpanPosition::Inside;
        (*codes)[t] = quint8(1 + kind * 4 + int(position));
    }
}

bool Pass::isCommon(qsizetype t) const
{
    const QString f = folded(t);
    return m_gazetteer.isCommonWord(f) || m_lowerWords.contains(f) || functionWords().contains(f);
}

// 'Yokohama-based', 'Hong Kong-registered': an adjective made from a name, not a name.
bool Pass::hasLowerPart(qsizetype t) const
{
    if (!m_tokens[t].is(Token::Hyphenated)) {
        return false;
    }
    for (QStringView part : QStringTokenizer(word(t), u'-', Qt::SkipEmptyParts)) {
        if (part[0].isLower()) {
            return true;
        }
    }
    return false;
}

// Words shaped like common nouns ('Analytics', 'Facility', 'Resilience') make a run no person's name.
bool Pass::nounLike(qsizetype t) const
{
    static const char *const endings[]
        = { "ics", "ity", "tion", "sion", "ment", "ness", "ure", "ance", "ence", "ism", "ship", "ogy" };
    const QString f = folded(t);
    if (f.size() < 6) {
        return false;
    }
    for (const char *ending : endings) {
        if (f.endsWith(QLatin1StringView(ending))) {
            return true;
        }
    }
    return false;
}

bool Pass::isTitleWord(qsizetype t) const
{
    const QString f = folded(t);
    return m_gazetteer.isTitleHead(f) || m_gazetteer.isTitleModifier(f);
}

void Pass::collectLowerWords()
{
    m_lowerWords.reserve(m_tokens.size() / 2);
    for (qsizetype t = 0; t < m_tokens.size(); ++t) {
        const Token &token = m_tokens[t];
        if (token.is(Token::Word) && !token.is(Token::Cap)) {
            const QStringView w = word(t);
            m_lowerWords.insert(folded(t));
            if (token.is(Token::Hyphenated)) {
                for (QStringView part : QStringTokenizer(w, u'-', Qt::SkipEmptyParts)) {
                    m_lowerWords.insert(part.toString().toCaseFolded());
                }
            }
        }
    }
}

// Headlines and headings ('Cooperation Beyond Borders', 'LONDON 1996-08-30') give no capitalisation cue.
void Pass::classifyLines()
{
    m_modes.resize(m_tokens.size());
    qsizetype begin = 0;
    while (begin < m_tokens.size()) {
        qsizetype end = begin + 1;
        while (end < m_tokens.size() && !m_tokens[end].is(Token::LineStart)) {
            ++end;
        }
        int words = 0;
        int caps = 0;
        int allCaps = 0;
        for (qsizetype t = begin; t < end; ++t) {
            if (!m_tokens[t].is(Token::Word) || functionWords().contains(folded(t))) {
                continue;
            }
            ++words;
            caps += m_tokens[t].is(Token::Cap) ? 1 : 0;
            allCaps += m_tokens[t].is(Token::AllCaps) ? 1 : 0;
        }
        LineMode mode = m_headline ? LineMode::TitleCase : LineMode::Prose;
        if (words >= 1 && allCaps * 10 >= words * 7 && (words >= 2 || end - begin <= 3)) {
            mode = LineMode::AllCaps;
        } else if (words >= 3 && caps * 4 >= words * 3 && m_text[m_tokens[end - 1].start] != u'.') {
            mode = LineMode::TitleCase;
        }
        for (qsizetype t = begin; t < end; ++t) {
            m_modes[t] = mode;
        }
        begin = end;
    }
}

void Pass::emit(
    qsizetype first, qsizetype last, EntityType type, const QString &canonical, MentionConfidence confidence)
{
    if (first >= last) {
        return;
    }
    m_found.append(Found {
        first, last, RawMention { m_tokens[first].start, m_tokens[last - 1].end, type, canonical, confidence } });
}

void Pass::emitEntry(const Unit &unit, MentionConfidence confidence)
{
    if (unit.entry && !unit.entry->demonym) {
        emit(unit.first, unit.last, unit.entry->type, unit.entry->canonical, confidence);
    }
}

// 'Japan-US', 'Tokyo-controlled': the places inside count only if the document names them on their own.
void Pass::emitHyphenParts(qsizetype t)
{
    const QStringView w = word(t);
    qsizetype offset = 0;
    for (QStringView part : QStringTokenizer(w, u'-')) {
        const QList<Token> tokens = tokenize(part);
        const GazetteerEntry *entry = nullptr;
        if (!tokens.isEmpty() && m_gazetteer.match(part, tokens, 0, false, &entry) == tokens.size()
            && !entry->demonym) {
            const qsizetype start = m_tokens[t].start + offset;
            m_found.append(Found { t, t + 1,
                RawMention {
                    start, start + part.size(), entry->type, entry->canonical, MentionConfidence::Candidate } });
        }
        offset += part.size() + 1;
    }
}

// Collects the capitalised run starting at token t and processes it; returns the token after it.
qsizetype Pass::scanRun(qsizetype t)
{
    QList<Unit> units;
    const bool allCaps = m_modes[t] == LineMode::AllCaps;
    bool ofAllowed = false; // after an organisation head or a title: 'Ministry of …', 'Secretary of State'
    qsizetype u = t;
    while (u < m_tokens.size()) {
        if (u > t && m_tokens[u].breaksName()) {
            break;
        }
        const Token &token = m_tokens[u];
        if (token.is(Token::Word) && token.is(Token::Cap) && !hasLowerPart(u)) {
            const GazetteerEntry *entry = nullptr;
            int length = m_gazetteer.match(m_text, m_tokens, u, allCaps, &entry);
            // 'Van' in 'Herman Van Rompuy' is a particle, not the Turkish province ('La Paz' is a place).
            if (length == 1 && particles().contains(folded(u))
                && (!units.isEmpty()
                    || (u + 1 < m_tokens.size() && m_tokens[u + 1].is(Token::Cap) && !m_tokens[u + 1].breaksName()))) {
                length = 0;
            }
            if (length > 0) {
                units.append(Unit { u, u + length, entry, false });
                markSpan(&m_gazetteerCodes, u, u + length, entry->demonym ? 2 : entry->type == EntityType::Org ? 1 : 0);
                u += length;
            } else {
                units.append(Unit { u, u + 1, nullptr, false });
                ++u;
            }
            const QString f = folded(units.last().last - 1);
            ofAllowed = ofAllowed || orgHeads().contains(f) || m_gazetteer.isTitleHead(f);
            if (m_tokens[units.last().last - 1].is(Token::Possessive)) {
                break;
            }
            continue;
        }
        // A connector joins two capitalised words on the same line.
        if (units.isEmpty() || u + 1 >= m_tokens.size() || m_tokens[u + 1].breaksName()) {
            break;
        }
        const QString f = folded(u);
        qsizetype next = u + 1;
        if ((f == u"of" || f == u"for") && ofAllowed) {
            if (folded(next) == u"the" && next + 1 < m_tokens.size()) {
                ++next;
            }
        } else if (f == u"and" && ofAllowed) {
            // 'Ministry of Economy and Finance', but not 'Ministry of Defense and Japan'.
            const GazetteerEntry *entry = nullptr;
            if (m_gazetteer.match(m_text, m_tokens, next, allCaps, &entry) > 0) {
                break;
            }
        } else if (!particles().contains(f) && f != u"&") {
            break;
        }
        if (!(m_tokens[next].is(Token::Word) && m_tokens[next].is(Token::Cap)) || m_tokens[next].breaksName()) {
            break;
        }
        units.append(Unit { u, next, nullptr, true });
        u = next;
    }
    if (units.isEmpty()) {
        emitHyphenParts(t); // 'Tokyo-controlled', 'Yokohama-based'
        return t + 1;
    }
    while (!units.isEmpty() && units.last().connector) {
        units.removeLast();
    }
    const qsizetype end = units.last().last;
    if (m_modes[t] != LineMode::Prose) {
        processHeadline(units);
    } else {
        processRun(units, m_tokens[t].is(Token::SentenceStart));
    }
    return end;
}

QList<Unit> slice(const QList<Unit> &units, qsizetype from, qsizetype to)
{
    return from < to ? units.mid(from, to - from) : QList<Unit>();
}

// Splits a run at a title: 'European Council President Herman Van Rompuy' → ORG, title, PERSON.
void Pass::processRun(QList<Unit> units, bool sentenceInitial)
{
    // Leading function words ('The Sankei Shimbun', 'In Tokyo') are not part of a name.
    while (!units.isEmpty() && !units.first().entry
        && (units.first().connector || functionWords().contains(folded(units.first().first)))) {
        units.removeFirst();
        sentenceInitial = false;
    }
    if (units.isEmpty()) {
        return;
    }
    for (qsizetype h = 0; h < units.size(); ++h) {
        const Unit &unit = units[h];
        if (unit.entry || unit.connector || !m_gazetteer.isTitleHead(folded(unit.first))) {
            continue;
        }
        qsizetype start = h;
        while (start > 0 && !units[start - 1].entry && !units[start - 1].connector
            && m_gazetteer.isTitleModifier(folded(units[start - 1].first))) {
            --start;
        }
        qsizetype end = h + 1;
        while (end < units.size()) {
            const Unit &next = units[end];
            if (next.connector && (folded(next.first) == u"of") && end + 1 < units.size() && !units[end + 1].entry
                && m_gazetteer.isTitleModifier(folded(units[end + 1].first))) {
                end += 2;
            } else if (!next.connector && !next.entry && m_gazetteer.isTitleModifier(folded(next.first))) {
                ++end;
            } else {
                break;
            }
        }
        // The name: up to four name-like words after the title.
        qsizetype name = end;
        int words = 0;
        while (name < units.size() && words < 4) {
            const Unit &next = units[name];
            // A surname that is also a place ('President George Washington') ends the name.
            if (next.entry && words >= 1 && next.last - next.first == 1 && !next.entry->demonym
                && next.entry->type == EntityType::Location && name + 1 == units.size()) {
                ++name;
                break;
            }
            if (next.entry || (next.connector && !particles().contains(folded(next.first)))) {
                break;
            }
            if (!next.connector) {
                if (isTitleWord(next.first) || (isCommon(next.first) && !m_gazetteer.isFirstName(word(next.first)))
                    || orgSuffixes().contains(folded(next.first))) {
                    break;
                }
                ++words;
            }
            ++name;
        }
        while (name > end && units[name - 1].connector) {
            --name;
        }
        if (name == end) {
            continue; // a title without a name ('Ambassador in charge'), or a word like 'Justice Ministry'
        }
        processPlain(slice(units, 0, start), sentenceInitial);
        emit(units[end].first, units[name - 1].last, EntityType::Person, {}, MentionConfidence::Sure);
        for (qsizetype k = units[start].first; k < units[end].first; ++k) {
            m_titleCodes[k] = 1;
        }
        markSpan(&m_titleCodes, units[end].first, units[name - 1].last, 1);
        processRun(slice(units, name, units.size()), false);
        return;
    }
    processPlain(units, sentenceInitial);
}

void Pass::processPlain(QList<Unit> units, bool sentenceInitial)
{
    while (!units.isEmpty() && units.first().connector) {
        units.removeFirst();
    }
    while (!units.isEmpty() && units.last().connector) {
        units.removeLast();
    }
    if (units.isEmpty()) {
        return;
    }
    const Unit &firstUnit = units.first();
    const Unit &lastUnit = units.last();
    const QString lastWord = folded(lastUnit.last - 1);
    const QString firstWord = folded(firstUnit.first);
    if (units.size() >= 2) {
        // A first word only capitalised because it opens the sentence is no part of the name.
        if (sentenceInitial && !firstUnit.entry && isCommon(firstUnit.first) && !orgHeads().contains(firstWord)
            && !locationHeads().contains(firstWord)) {
            processPlain(slice(units, 1, units.size()), false);
            return;
        }
        const bool lastPlain = !lastUnit.entry || lastUnit.entry->demonym;
        const bool lastOrg = lastUnit.entry && !lastUnit.entry->demonym && lastUnit.entry->type == EntityType::Org;
        // 'Kurdistan Democratic Party': a known organisation name qualified by the words before it.
        if ((lastPlain || lastOrg) && orgSuffixes().contains(lastWord)) {
            emit(firstUnit.first, lastUnit.last, EntityType::Org, {}, MentionConfidence::Sure);
            return;
        }
        if (!firstUnit.entry && orgHeads().contains(firstWord) && units[1].connector) {
            emit(firstUnit.first, lastUnit.last, EntityType::Org, {}, MentionConfidence::Sure);
            return;
        }
        // 'East Jerusalem', 'Southern Sudan'
        if (units.size() == 2 && !firstUnit.entry && directions().contains(firstWord) && lastUnit.entry
            && !lastUnit.entry->demonym && lastUnit.entry->type == EntityType::Location) {
            emit(firstUnit.first, lastUnit.last, EntityType::Location, {}, MentionConfidence::Sure);
            return;
        }
        if ((lastPlain && locationSuffixes().contains(lastWord))
            || (!firstUnit.entry && locationHeads().contains(firstWord))) {
            emit(firstUnit.first, lastUnit.last, EntityType::Location, {}, MentionConfidence::Sure);
            return;
        }
    }
    // A place inside the name of an event or document ('Atlanta Games', 'U.S. Open') is not mentioned
    // for itself: it counts only if the document also names it alone.
    const bool event = !lastUnit.entry && units.size() >= 2 && eventWords().contains(lastWord);
    // Gazetteer hits stand on their own; what lies between them is typed by weaker cues.
    QList<Unit> pending;
    for (const Unit &unit : std::as_const(units)) {
        if (unit.entry) {
            processUnknown(pending, sentenceInitial && pending.size() == units.size());
            pending.clear();
            sentenceInitial = false;
            emitEntry(unit, event ? MentionConfidence::Candidate : MentionConfidence::Sure);
        } else {
            pending.append(unit);
        }
    }
    processUnknown(pending, sentenceInitial && pending.size() == units.size());
}

void Pass::processUnknown(QList<Unit> units, bool sentenceInitial)
{
    if (units.isEmpty()) {
        return;
    }
    // Whatever the run turns out to be, an acronym after it ('Confidence Building Measures (CBM)') shares
    // its fate: a candidate over the whole run lets linkAcronyms() see it.
    const qsizetype runFirst = units.first().first;
    const qsizetype runLast = units.last().last;
    const auto dropRun = [&] { emit(runFirst, runLast, EntityType::Org, {}, MentionConfidence::Candidate); };
    while (!units.isEmpty() && (units.first().connector || isTitleWord(units.first().first))) {
        units.removeFirst();
        sentenceInitial = false;
    }
    while (!units.isEmpty() && (units.last().connector || isTitleWord(units.last().first))) {
        units.removeLast();
    }
    if (units.isEmpty()) {
        dropRun();
        return;
    }
    // Common words at the edges are not part of a name ('On Monday Okonkwo', 'Kunoichi Cyber Games').
    const auto commonEdge = [this](const Unit &unit) {
        return unit.connector || (isCommon(unit.first) && !m_gazetteer.isFirstName(word(unit.first)));
    };
    if (units.size() >= 2) {
        while (!units.isEmpty() && commonEdge(units.first())) {
            units.removeFirst();
        }
        while (!units.isEmpty() && commonEdge(units.last())) {
            units.removeLast();
        }
        if (units.isEmpty()) {
            dropRun();
            return;
        }
    }
    const qsizetype first = units.first().first;
    const qsizetype last = units.last().last;
    if (first != runFirst || last != runLast) {
        dropRun();
    }
    int words = 0;
    int common = 0;
    bool unlikePerson = false; // acronyms, hyphenated words, noun-like words
    for (const Unit &unit : std::as_const(units)) {
        if (unit.connector) {
            continue;
        }
        ++words;
        const Token &token = m_tokens[unit.first];
        const bool firstName = m_gazetteer.isFirstName(word(unit.first));
        if (token.is(Token::Hyphenated)) {
            emitHyphenParts(unit.first);
        }
        unlikePerson = unlikePerson || token.is(Token::AllCaps) || nounLike(unit.first)
            || (token.is(Token::Hyphenated) && !firstName);
        common += isCommon(unit.first) && !firstName ? 1 : 0;
    }
    const bool said = last < m_tokens.size() && speechVerbs().contains(folded(last));
    if (words == 1) {
        if (common || word(first).size() < 2) {
            dropRun();
            return;
        }
        const bool allCaps = m_tokens[first].is(Token::AllCaps);
        if (allCaps && word(first).size() <= 6 && !sentenceInitial) {
            emit(first, last, EntityType::Org, {}, MentionConfidence::Guess);
        } else if (said && !allCaps && !nounLike(first)) {
            emit(first, last, EntityType::Person, {}, MentionConfidence::Guess);
        } else {
            emit(first, last, EntityType::Person, {}, MentionConfidence::Candidate);
        }
        return;
    }
    if (sentenceInitial && isCommon(first) && !m_gazetteer.isFirstName(word(first))) {
        processUnknown(slice(units, 1, units.size()), false);
        return;
    }
    if (common == 0 && words <= 4 && !unlikePerson) {
        const bool firstName = m_gazetteer.isFirstName(word(first));
        emit(first, last, EntityType::Person, {},
            firstName || said ? MentionConfidence::Sure : MentionConfidence::Guess);
        return;
    }
    emit(first, last, EntityType::Org, {}, MentionConfidence::Candidate);
}

// Headlines and headings: gazetteer hits count; other names only if the body confirms them.
void Pass::processHeadline(const QList<Unit> &units)
{
    qsizetype pieceStart = -1;
    const auto flush = [&](qsizetype end) {
        if (pieceStart >= 0) {
            emit(pieceStart, end, EntityType::Person, {}, MentionConfidence::Candidate);
        }
        pieceStart = -1;
    };
    for (const Unit &unit : units) {
        if (unit.entry) {
            flush(unit.first);
            emitEntry(unit);
        } else if (unit.connector) {
            continue;
        } else if (isCommon(unit.first) || isTitleWord(unit.first)) {
            flush(unit.first);
        } else if (pieceStart < 0) {
            pieceStart = unit.first;
        }
    }
    flush(units.last().last);
}

// 'European External Action Service (EEAS)': the acronym is the same entity as the name before it.
void Pass::linkAcronyms()
{
    QHash<qsizetype, qsizetype> byFirstToken;
    for (qsizetype i = 0; i < m_found.size(); ++i) {
        byFirstToken.insert(m_found[i].first, i);
    }
    const qsizetype count = m_found.size();
    for (qsizetype i = 0; i < count; ++i) {
        const Found found = m_found[i];
        const qsizetype open = found.last;
        if (open + 2 >= m_tokens.size() || word(open) != u"(" || word(open + 2) != u")"
            || !m_tokens[open + 1].is(Token::Word) || !m_tokens[open + 1].is(Token::AllCaps)) {
            continue;
        }
        const qsizetype acronym = open + 1;
        // Initials of the name's words (and of their hyphenated parts), in order, must spell the acronym.
        QString initials;
        for (qsizetype t = found.first; t < found.last; ++t) {
            for (QStringView part : QStringTokenizer(word(t), u'-', Qt::SkipEmptyParts)) {
                if (part[0].isUpper()) {
                    initials.append(part[0]);
                }
            }
        }
        QString letters;
        for (QChar c : word(acronym)) {
            if (c.isLetter()) {
                letters.append(c);
            }
        }
        qsizetype matched = 0;
        for (qsizetype k = 0; k < initials.size() && matched < letters.size(); ++k) {
            matched += initials[k] == letters[matched] ? 1 : 0;
        }
        const bool spells
            = !letters.isEmpty() && !initials.isEmpty() && initials[0] == letters[0] && matched == letters.size();
        RawMention mention = found.mention;
        mention.start = m_tokens[acronym].start;
        mention.end = m_tokens[acronym].end;
        if (spells && mention.canonical.isEmpty()) {
            mention.canonical = m_text.sliced(found.mention.start, found.mention.end - found.mention.start).toString();
        } else if (!spells) {
            // 'SINGAPORE (PWS)': something else in brackets; it counts only if the document confirms it.
            mention.canonical.clear();
            mention.confidence = MentionConfidence::Candidate;
        }
        const auto it = byFirstToken.constFind(acronym);
        if (it != byFirstToken.constEnd()) {
            const RawMention &own = m_found[*it].mention;
            if (own.confidence == MentionConfidence::Sure && !own.canonical.isEmpty() && !spells) {
                continue; // a gazetteer acronym keeps its own meaning
            }
            m_found[*it].mention = mention;
        } else {
            byFirstToken.insert(acronym, m_found.size());
            m_found.append(Found { acronym, acronym + 1, mention });
        }
    }
}

RuleEvidence Pass::run(const RecognizeContext &context)
{
    collectLowerWords();
    classifyLines();
    qsizetype t = 0;
    while (t < m_tokens.size()) {
        const Token &token = m_tokens[t];
        if (token.is(Token::Word) && token.is(Token::Cap)) {
            t = scanRun(t);
        } else {
            if (token.is(Token::Hyphenated) && token.is(Token::Word)) {
                emitHyphenParts(t); // 'anti-Japan', 'pro-EU'
            }
            ++t;
        }
    }
    linkAcronyms();
    QList<RawMention> mentions;
    mentions.reserve(m_found.size());
    for (const Found &found : std::as_const(m_found)) {
        mentions.append(found.mention);
    }
    recognizeQuantities(m_text, m_tokens, context.articleDate, &mentions);
    // Where spans overlap, the surer one wins, then the longer — but among candidates the shorter, so
    // that 'Japan' and 'EU' survive inside a run like 'Japan-EU Space Policy Dialogue'.
    std::stable_sort(mentions.begin(), mentions.end(), [](const RawMention &a, const RawMention &b) {
        if (a.confidence != b.confidence) {
            return a.confidence > b.confidence;
        }
        const qsizetype la = a.end - a.start;
        const qsizetype lb = b.end - b.start;
        return a.confidence == MentionConfidence::Candidate ? la < lb : la > lb;
    });
    QMap<qsizetype, qsizetype> taken; // start → end of accepted spans
    QList<RawMention> result;
    result.reserve(mentions.size());
    for (RawMention &mention : mentions) {
        auto after = taken.lowerBound(mention.start);
        if (after != taken.end() && after.key() < mention.end) {
            continue;
        }
        if (after != taken.begin() && std::prev(after).value() > mention.start) {
            continue;
        }
        taken.insert(mention.start, mention.end);
        result.append(std::move(mention));
    }
    std::sort(result.begin(), result.end(), [](const RawMention &a, const RawMention &b) { return a.start < b.start; });

    RuleEvidence evidence;
    evidence.line.resize(m_tokens.size());
    for (qsizetype t = 0; t < m_tokens.size(); ++t) {
        evidence.line[t] = quint8(m_modes[t]);
    }
    evidence.rule.resize(m_tokens.size());
    qsizetype k = 0;
    for (const RawMention &mention : std::as_const(result)) {
        // Tokens wholly inside the mention ('Japan' of 'Japan-EU' covers no whole token).
        while (k < m_tokens.size() && m_tokens[k].start < mention.start) {
            ++k;
        }
        qsizetype last = k;
        while (last < m_tokens.size() && m_tokens[last].end <= mention.end) {
            ++last;
        }
        if (last > k) {
            markSpan(&evidence.rule, k, last, int(mention.type) * 3 + int(mention.confidence));
        }
    }
    evidence.gazetteer = std::move(m_gazetteerCodes);
    evidence.title = std::move(m_titleCodes);
    evidence.mentions = std::move(result);
    return evidence;
}

/*! The first engine: capitalised runs typed by gazetteers and cues, plus dates and amounts. */
class RuleEntityRecognizer final : public EntityRecognizer
{
public:
    QList<RawMention> recognize(QStringView text, const RecognizeContext &context) const override
    {
        return recognizeWithRules(text, tokenize(text), context).mentions;
    }
};

} // namespace

RuleEvidence recognizeWithRules(QStringView text, const QList<Token> &tokens, const RecognizeContext &context)
{
    Pass pass(text, tokens, context);
    return pass.run(context);
}

const EntityRecognizer &ruleRecognizer()
{
    static const RuleEntityRecognizer recognizer;
    Gazetteer::instance(); // load the lists now, not inside the first recognize()
    return recognizer;
}

} // namespace Dossier::Core
