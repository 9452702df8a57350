#include "analysis/entityrecognizer.h"
#include "analysis/gazetteer.h"
#include "analysis/organisationcues_p.h"
#include "analysis/rulerecognizer.h"
#include "analysis/rulewords_p.h"
#include "analysis/sequencetagger.h"
#include "analysis/tokenizer.h"
#include "analysis/typecues_p.h"

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

// A tagged name whose labels all led their runners-up by at least this much is sure. Below it the tagger has
// not decided (on CoNLL-2003 dev, its names with a smaller lead are right 66% of the time, against 96% above:
// `scripts/train-tagger` prints the table); see TaggedEntityRecognizer. Tied to the model's scale: check it
// against that table after retraining with other features.
constexpr float DecidedMargin = 40.0f;

EntityType typeOf(int kind)
{
    switch (kind) {
    case TaggerLabel::Person:
        return EntityType::Person;
    case TaggerLabel::Org:
        return EntityType::Org;
    default:
        return EntityType::Location;
    }
}

bool isName(EntityType type)
{
    return type == EntityType::Person || type == EntityType::Org || type == EntityType::Location;
}

// Abbreviations of things, jobs and times that are no one's name: 'GPU', 'SMS', 'CEO', 'COVID', 'PM'.
bool isCommonAbbreviation(QStringView word)
{
    static const QSet<QString> abbreviations
        = wordSet(QStringLiteral("AI AIDS AM API AR ASAP ATM BTW CD CDs CEO CFO COO COVID CPI CPU CTO DIY "
                                 "DNA DVD DVDs EST ET ETF EV EVs EVP "
                                 "FAQ FAQs FYI GDP GMT GPS GPU GPUs HD HDMI HIV HP HR HTML ICBM ICBMs ID IPO "
                                 "IQ LCD LED LEDs LMAO LOL MMS MPH "
                                 "MVP NFT NFTs OMG PC PCs PDF PIN PM PR PST PT PVC RAM RNA RPG RSVP SMS SSD "
                                 "SSDs SUV SUVs SVP TBA TBD TV UTC "
                                 "URL USB VP VPN VPNs VR XL XXL"));
    return abbreviations.contains(word.toString());
}

bool isWellKnownPlaceCode(QStringView code)
{
    static const QStringList codes { QStringLiteral("NY"), QStringLiteral("LA"), QStringLiteral("DC"),
        QStringLiteral("NJ"), QStringLiteral("UK"), QStringLiteral("US") };
    return codes.contains(code);
}

bool isAcronymInBrackets(QStringView text, const QList<Token> &tokens, const TaggedSpan &span)
{
    return span.last - span.first == 1 && tokens[span.first].is(Token::AllCaps) && span.first > 0
        && span.last < tokens.size() && text[tokens[span.first - 1].start] == u'('
        && text[tokens[span.last].start] == u')';
}

// Per token, whether its line is in headline case: a Title Case line (RuleEvidence::line) that capitalises
// two ordinary words or more after its first ('Celebrity Babies Born in 2021 See Which Stars Gave Birth'),
// writes in lower case only words like 'in' and 'of', and holds no number but a year. A list of names
// ('Cosmin Contra, Mihai Tararache') capitalises no ordinary word, a sentence listing them ('Singers Ariana
// Grande, …, Common, … joined marchers') writes words in lower case, a table's row ('Ohio State Big Ten
// 115 14 .891') and a result ('Tim Henman beat Doug Flach 6-3') hold numbers.
QList<bool> headlineCaseTokens(
    QStringView text, const QList<Token> &tokens, const RuleEvidence &rules, const TaggerFeatures &features)
{
    QList<bool> headline(tokens.size(), false);
    qsizetype begin = 0;
    while (begin < tokens.size()) {
        qsizetype end = begin + 1;
        while (end < tokens.size() && !tokens[end].is(Token::LineStart)) {
            ++end;
        }
        if (rules.line.value(begin) == 1) {
            int ordinary = 0;
            bool number = false;
            bool lower = false; // a word of content in lower case ('joined', 'marchers')
            for (qsizetype k = begin; k < end; ++k) {
                const Token &token = tokens[k];
                if (token.is(Token::Number)) {
                    const QStringView digits = text.sliced(token.start, token.size());
                    number = number || digits.size() != 4 || !(digits.startsWith(u"19") || digits.startsWith(u"20"));
                } else if (token.is(Token::Word) && !token.is(Token::Cap)
                    && !RuleWords::functionWords().contains(
                        text.sliced(token.start, token.size()).toString().toCaseFolded())) {
                    lower = true;
                } else if (k > begin && token.is(Token::Cap) && !token.is(Token::AllCaps) && features.isCommon(k)) {
                    ++ordinary;
                }
            }
            if (ordinary >= 3 && !number && !lower) {
                std::fill(headline.begin() + begin, headline.begin() + end, true);
            }
        }
        begin = end;
    }
    return headline;
}

// Whether the tagger's name ends in the full stop of its sentence ('the Wuhan Institute of Virology.', 'Maury
// Povich. Then …'), not an abbreviation's dot ('Fla.', 'Calif.'): after a word of four letters or more, some of
// them lower case, before the end of the line or a capital.
bool endsWithSentenceDot(QStringView text, const QList<Token> &tokens, const TaggedSpan &span)
{
    static const QSet<QString> abbreviations = { QStringLiteral("Calif"), QStringLiteral("Colo"),
        QStringLiteral("Conn"), QStringLiteral("Mass"), QStringLiteral("Mich"), QStringLiteral("Minn"),
        QStringLiteral("Miss"), QStringLiteral("Mont"), QStringLiteral("Okla"), QStringLiteral("Tenn"),
        QStringLiteral("Wash"), QStringLiteral("Ariz"), QStringLiteral("Nebr"), QStringLiteral("Penn"),
        QStringLiteral("Wisc"), QStringLiteral("Corp"), QStringLiteral("Bros"), QStringLiteral("Assn"),
        QStringLiteral("Dept"), QStringLiteral("Univ"), QStringLiteral("Govt") };
    constexpr qsizetype minWordLetters = 4;
    if (span.last - span.first < 2) {
        return false;
    }
    const Token &dot = tokens[span.last - 1];
    const Token &word = tokens[span.last - 2];
    if (dot.size() != 1 || text[dot.start] != u'.' || dot.start != word.end || !word.is(Token::Word)
        || word.size() < minWordLetters || word.is(Token::AllCaps)
        || abbreviations.contains(text.sliced(word.start, word.size()).toString())) {
        return false;
    }
    const bool lastOfText = span.last >= tokens.size();
    return lastOfText || tokens[span.last].is(Token::LineStart) || tokens[span.last].is(Token::Cap);
}

/*!
    The default engine: the sequence tagger decides where PERSON, ORG and LOCATION names are, reading the
    rules and gazetteers as features; the rules give DATE and MONEY, the people after titles and canonical
    names. Where the tagger is unsure (its labels lead by less than DecidedMargin and no rule mention agrees)
    the rules' sure mentions stand; its unsure names of ordinary words, its unsure acronyms, and names whose
    every word the text also writes in lower case count only if the document confirms them (they are
    candidates): text unlike its training data (Title Case programme names, 'Peace, Security and Defence')
    lands there.
*/
class TaggedEntityRecognizer final : public EntityRecognizer
{
public:
    QList<RawMention> recognize(QStringView text, const RecognizeContext &context) const override
    {
        QList<Token> tokens = tokenize(text);
        if (context.datelineEnd > 0) {
            const auto after = std::partition_point(
                tokens.begin(), tokens.end(), [&](const Token &t) { return t.start < context.datelineEnd; });
            if (after != tokens.end() && after != tokens.begin()) {
                after->flags |= Token::LineStart | Token::SentenceStart;
            }
        }
        RuleEvidence rules = recognizeWithRules(text, tokens, context);
        const SequenceTagger &tagger = SequenceTagger::instance();
        if (!tagger.isLoaded()) {
            return std::move(rules.mentions);
        }
        TaggerFeatures features(text, tokens, rules);
        std::vector<float> margins;
        const QList<TaggedSpan> spans = tagger.tag(features, &margins);

        // The rule mentions (sorted, not overlapping) that overlap a range; each is settled by the tagger or
        // left to stand.
        const auto overlapping = [&](qsizetype start, qsizetype end) {
            QVarLengthArray<qsizetype, 4> found;
            const auto first = std::partition_point(rules.mentions.cbegin(), rules.mentions.cend(),
                [start](const RawMention &m) { return m.end <= start; });
            for (auto it = first; it != rules.mentions.cend() && it->start < end; ++it) {
                if (isName(it->type)) {
                    found.append(it - rules.mentions.cbegin());
                }
            }
            return found;
        };
        const QList<bool> headlineCase = headlineCaseTokens(text, tokens, rules, features);
        QList<bool> settled(rules.mentions.size(), false); // decided by the tagger
        QList<bool> stands(rules.mentions.size(), false); // sure, where the tagger was not
        QList<RawMention> out;
        out.reserve(spans.size() + rules.mentions.size());
        float previousMargin = 0;
        qsizetype previousEnd = -1;
        for (const TaggedSpan &span : spans) {
            const qsizetype start = tokens[span.first].start;
            const qsizetype end
                = endsWithSentenceDot(text, tokens, span) ? tokens[span.last - 2].end : tokens[span.last - 1].end;
            float margin = span.margin;
            // 'Confidence Building Measures (CBM)': the acronym is as sure as the name before it.
            if (isAcronymInBrackets(text, tokens, span) && span.first >= 2
                && previousEnd == tokens[span.first - 2].end) {
                margin = std::min(margin, previousMargin);
            }
            previousEnd = end;
            const auto rivals = overlapping(start, end);
            const RawMention *same = nullptr;
            bool ruleStands = false; // a sure rule mention here, other than the tagger's
            bool inside = true; // every rule mention here lies inside the tagger's name, shorter
            for (const qsizetype r : rivals) {
                const RawMention &m = rules.mentions[r];
                if (m.start == start && m.end == end && span.kind != TaggerLabel::Misc && m.type == typeOf(span.kind)) {
                    same = &m;
                } else if (m.confidence == MentionConfidence::Sure) {
                    ruleStands = true;
                }
                inside = inside && m.start >= start && m.end <= end && m.end - m.start < end - start;
            }
            bool common = true;
            bool lower = true;
            bool titleOnly = true; // 'the Ambassador', 'Deputy Minister': a title without its holder's name
            for (qsizetype k = span.first; k < span.last; ++k) {
                common = common && features.isCommon(k);
                lower = lower && features.isLowerElsewhere(k);
                titleOnly = titleOnly && features.isTitleWord(k);
            }
            const bool agreed = same && same->confidence != MentionConfidence::Candidate;
            // A name of ordinary words ('Partnership', 'Peace') needs a larger lead: the training text has few.
            const bool sure = margin >= (common ? 2 * DecidedMargin : DecidedMargin) || agreed;
            previousMargin = sure ? margin : 0; // an acronym after an undecided name is undecided too
            // A name of the curated gazetteers, exactly, is not dropped for an unsure name or the tagger's MISC.
            const bool gazetteerName = span.kind == TaggerLabel::Misc && rivals.size() == 1
                && rules.mentions[rivals.first()].start == start && rules.mentions[rivals.first()].end == end
                && rules.mentions[rivals.first()].confidence == MentionConfidence::Sure
                && !rules.mentions[rivals.first()].canonical.isEmpty();
            // A name of several words that the curated gazetteers know as a place or an organisation is not a
            // person however sure the tagger is ('Senkaku Islands', 'Tokyo Metropolitan Government').
            const bool knownNotPerson = span.kind == TaggerLabel::Person && span.last - span.first > 1
                && std::any_of(rivals.cbegin(), rivals.cend(), [&](qsizetype r) {
                       const RawMention &m = rules.mentions[r];
                       return m.start == start && m.end == end && m.confidence == MentionConfidence::Sure
                           && !m.canonical.isEmpty() && m.type != EntityType::Person;
                   });
            // A longer name around a known one ('Statistics Canada', 'China Daily', 'Trevor Holland') needs half
            // the lead to stand against the known name.
            const bool around = inside && span.kind != TaggerLabel::Misc && margin >= DecidedMargin / 2;
            if ((!sure && !around && ruleStands) || gazetteerName || knownNotPerson) {
                for (const qsizetype r : rivals) {
                    stands[r] = rules.mentions[r].confidence == MentionConfidence::Sure;
                }
                continue; // the rules' mentions stand here
            }
            const bool acronym = isAcronymInBrackets(text, tokens, span);
            const bool ordinaryHead = span.last - span.first > 1 && features.isCommon(span.last - 1);
            // Unsure of a name made of ordinary words or ending in one ('Fisheries Policy'), or of an acronym, or
            // sure of one whose every word the text also writes in lower case ('Cyber Policy' beside 'cyber' and
            // 'policy'): it needs the document's confirmation.
            // 'Officials in Oslo expect …': one capitalised word opening a sentence, known to no list of names and
            // written nowhere else as a name, is a person only if a surer mention confirms it.
            const bool lonePerson = span.kind == TaggerLabel::Person && span.last - span.first == 1
                && features.startsSentence(span.first) && !features.isNameElsewhere(span.first) && !agreed;
            // 'Union representatives said …', 'Cranes kept working': an ordinary word opening a sentence, alone and
            // capitalised nowhere else, is a name of any kind only if a surer mention confirms it.
            const bool loneOrdinary = span.last - span.first == 1 && features.startsSentence(span.first)
                && features.isCommon(span.first) && !features.isNameElsewhere(span.first) && !agreed;
            // 'Microsoft's AI development environment', 'PF, SF, PG': two capitals that no list knows as a place are
            // rarely one, save the state after a town ('Springfield, IL') and the few everybody writes ('NY').
            const bool unknownPlaceCode = span.kind == TaggerLabel::Location && span.last - span.first == 1
                && tokens[span.first].size() == 2 && tokens[span.first].is(Token::AllCaps) && !agreed
                && !features.isPlaceByLists(span.first) && !isWellKnownPlaceCode(text.sliced(start, end - start))
                && !(span.first > 1 && text[tokens[span.first - 1].start] == u','
                    && tokens[span.first - 2].is(Token::Cap));
            const bool abbreviation
                = span.last - span.first == 1 && isCommonAbbreviation(text.sliced(start, end - start));
            // 'Celebrity Babies Born in 2021', 'Raptor R Has A Superior Approach': a line in headline case (a
            // heading, another story's teaser) capitalises every word; a name there that no rule or list agrees
            // with is one only if the document confirms it elsewhere.
            const bool headingOnly = headlineCase.value(span.first) && !agreed;
            const bool candidate = (!sure && (common || ordinaryHead || acronym)) || (lower && !agreed) || titleOnly
                || lonePerson || loneOrdinary || unknownPlaceCode || abbreviation || headingOnly;
            for (const qsizetype r : rivals) {
                settled[r] = true;
            }
            if (span.kind == TaggerLabel::Misc) {
                continue;
            }
            RawMention mention { start, end, typeOf(span.kind), same ? same->canonical : QString(),
                candidate  ? MentionConfidence::Candidate
                    : sure ? MentionConfidence::Sure
                           : MentionConfidence::Guess };
            out.append(std::move(mention));
        }
        // What the tagger left alone: dates and amounts; names where it was unsure, or confidently saw no
        // name (then only as candidates).
        qsizetype t = 0;
        for (qsizetype r = 0; r < rules.mentions.size(); ++r) {
            RawMention &mention = rules.mentions[r];
            if (!isName(mention.type)) {
                out.append(std::move(mention));
                continue;
            }
            if (settled[r]) {
                continue;
            }
            while (t < tokens.size() && tokens[t].end <= mention.start) {
                ++t;
            }
            float lead = 1e9f;
            for (qsizetype k = t; k < tokens.size() && tokens[k].start < mention.end; ++k) {
                lead = std::min(lead, margins[size_t(k)]);
            }
            if (!stands[r] && (lead >= DecidedMargin || mention.confidence != MentionConfidence::Sure)) {
                mention.confidence = MentionConfidence::Candidate;
            }
            out.append(std::move(mention));
        }
        std::sort(out.begin(), out.end(), [](const RawMention &a, const RawMention &b) { return a.start < b.start; });
        dropNonNames(text, tokens, &out);
        applyTypeCues(text, tokens, features, &out);
        nameTeams(text, tokens, features, &out);
        nameOrganisationsOfPlaces(text, tokens, features, &out);
        namePlayersByPosition(text, tokens, features, &out);
        typeListsAlike(text, tokens, features, &out);
        applyOrganisationCues(text, tokens, [&features](qsizetype i) { return features.isCommon(i); }, &out);
        return out;
    }
};

} // namespace

const EntityRecognizer &defaultRecognizer()
{
    static const TaggedEntityRecognizer recognizer;
    Gazetteer::instance(); // load the lists and the model now, not inside the first recognize()
    SequenceTagger::instance();
    return recognizer;
}

} // namespace Dossier::Core
