#include "analysis/rulewords_p.h"
#include "analysis/sequencetagger.h"
#include "analysis/typecues_p.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

// The words of people's names of several words: a one-word 'person' among them is someone's name. A name that
// opens with a company's name counts only when the lists know another of its words as a given name or a surname
// ('Tim Apple', 'Apple Martin'; not 'Apple ProRAW').
QSet<QStringView> wordsOfLongerNames(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, const QList<RawMention> &mentions)
{
    QSet<QStringView> words;
    for (const RawMention &m : mentions) {
        if (m.type != EntityType::Person) {
            continue;
        }
        const auto [first, last] = tokensOf(tokens, m);
        bool personal = !features.isCompanyOnly(first);
        for (qsizetype k = first; k < last; ++k) {
            personal = personal || features.isPersonNameByLists(k);
        }
        for (qsizetype k = first; personal && last - first > 1 && k < last; ++k) {
            words.insert(text.sliced(tokens[k].start, tokens[k].size()));
        }
    }
    return words;
}

/*!
    'Apple delivered on the memory', 'Apple's event': a one-word name the tagger calls a person that the lists know
    as a company (and as nobody's given name or surname), in a document that never names a person with it ('Tim
    Apple'), is the company in every mention.
*/
void retypeUnintroducedCompanies(QStringView text, const QList<Token> &tokens, const TaggerFeatures &features,
    const QSet<QStringView> &inNames, QList<RawMention> *mentions)
{
    QSet<QStringView> companies; // one-word people the lists know as companies only
    for (const RawMention &m : std::as_const(*mentions)) {
        const auto [first, last] = tokensOf(tokens, m);
        if (m.type == EntityType::Person && last - first == 1 && features.isCompanyOnly(first)) {
            companies.insert(text.sliced(m.start, m.end - m.start));
        }
    }
    for (RawMention &m : *mentions) {
        const QStringView word = text.sliced(m.start, m.end - m.start);
        if (m.type == EntityType::Person && companies.contains(word) && !inNames.contains(word)) {
            m.type = EntityType::Org;
        }
    }
}

/*!
    'Acura … its new model', 'Pornhub said it would…': a one-word 'person' that the lists know as nobody's given
    name or surname, never part of a longer person's name in the document, which the text goes on to call 'it' at
    least twice and three times as often as 'he' or 'she', is an organisation (or a product, which the sidebar
    files with them): the tagger reads unknown one-word names of companies, sites and products as people. The
    pronoun counted is the first within the few words after each mention.
*/
void retypeWhatTheTextCallsIt(QStringView text, const QList<Token> &tokens, const TaggerFeatures &features,
    const QSet<QStringView> &inNames, QList<RawMention> *mentions)
{
    constexpr qsizetype reach = 24; // tokens read after a mention for its pronoun
    static const QSet<QString> personal { QStringLiteral("he"), QStringLiteral("she"), QStringLiteral("his"),
        QStringLiteral("her"), QStringLiteral("him"), QStringLiteral("hers"), QStringLiteral("himself"),
        QStringLiteral("herself") };
    static const QSet<QString> neuter { QStringLiteral("it"), QStringLiteral("its"), QStringLiteral("itself") };
    struct Calls {
        int person = 0;
        int thing = 0;
        bool knownName = false;
    };
    QHash<QStringView, Calls> calls;
    for (const RawMention &m : std::as_const(*mentions)) {
        const auto [first, last] = tokensOf(tokens, m);
        if (m.type != EntityType::Person || last - first != 1) {
            continue;
        }
        const QStringView word = text.sliced(m.start, m.end - m.start);
        if (inNames.contains(word)) {
            continue;
        }
        Calls &c = calls[word];
        c.knownName = c.knownName || features.isPersonNameByLists(first);
        for (qsizetype k = last; k < tokens.size() && k < last + reach; ++k) {
            const QString lower = text.sliced(tokens[k].start, tokens[k].size()).toString().toLower();
            if (personal.contains(lower)) {
                ++c.person;
                break;
            }
            if (neuter.contains(lower)) {
                ++c.thing;
                break;
            }
        }
    }
    for (RawMention &m : *mentions) {
        if (m.type != EntityType::Person) {
            continue;
        }
        const auto it = calls.constFind(text.sliced(m.start, m.end - m.start));
        if (it != calls.cend() && !it->knownName && it->thing >= 2 && it->thing >= 3 * it->person) {
            m.type = EntityType::Org;
        }
    }
}

/*!
    'Trinity College', 'Oldham College': a place whose name ends in the word for a school is the school, an
    organisation (the tagger learned places from 'West Bank' and 'Russian Federation', and colleges from few).
*/
void retypeSchoolsAndCompanies(QStringView text, QList<RawMention> *mentions)
{
    static const QRegularExpression school(
        QStringLiteral(R"(\s(?:College|University|School|Academy|Institute|Polytechnic)$)"));
    static const QRegularExpression company(
        QStringLiteral(R"(\s(?:Labs|Studios|Pictures|Technologies|Ventures|Holdings|Industries|Enterprises|)"
                       R"(Pharmaceuticals|Therapeutics|Robotics|Semiconductors?|Software|Networks|Inc\.?|Corp\.?|)"
                       R"(LLC|Ltd\.?|PLC|GmbH)$)"));
    for (RawMention &m : *mentions) {
        const QStringView name = text.sliced(m.start, m.end - m.start);
        if ((m.type == EntityType::Location && school.matchView(name).hasMatch())
            || ((m.type == EntityType::Location || m.type == EntityType::Person)
                && company.matchView(name).hasMatch())) {
            m.type = EntityType::Org;
        }
    }
}

// A plural of capitals: 'MVPs', 'LTOs' (not 'Os' or 'US').
bool isPluralOfCapitals(QStringView word)
{
    if (word.size() < 3 || word.back() != u's') {
        return false;
    }
    const QStringView stem = word.chopped(1);
    return std::all_of(stem.cbegin(), stem.cend(), [](QChar c) { return c.isUpper(); });
}

// Letters of degrees, credentials and honours written after a name ('MD', 'PhD', 'RDN', 'QC', 'OBE').
bool isCredential(QStringView word)
{
    static const QSet<QString> set
        = wordSet(QStringLiteral("ACE APRN BA BCPS BS BSN CBE CCC-SLP CDCES CDE CDN CFA CFP CNM CNS CNSC CPA "
                                 "CPT CRNA CSCS CSSD DBE DDS DMD DNP DO DPT DVM EdD Esq FAAD FAAP FACC FACE "
                                 "FACEP FACOG FACP FACS FAHA FRCP FRCS FRS III IBCLC II IV JD Jr KBE KC LCSW "
                                 "LD LDN LMFT LMHC LPC MA MBA MBE MD MEd MPH MPhil MS MSc MSN MSW NP OBE OTR "
                                 "PA PA-C PharmD PhD Ph.D PsyD PT QC RD RDN RN RYT Sr"));
    return set.contains(word.toString());
}

const QSet<QString> &holidays()
{
    static const QSet<QString> set = [] {
        QSet<QString> names;
        for (const char16_t *name : { u"Christmas", u"Christmas Eve", u"Christmas Day", u"Xmas", u"Easter",
                 u"Easter Sunday", u"Easter Monday", u"Good Friday", u"Thanksgiving", u"Thanksgiving Day", u"Halloween",
                 u"Hanukkah", u"Chanukah", u"Ramadan", u"Diwali", u"Passover", u"Eid", u"Eid al-Fitr", u"Eid al-Adha",
                 u"Lent", u"Kwanzaa", u"Yom Kippur", u"Rosh Hashanah", u"Lunar New Year", u"Chinese New Year",
                 u"New Year", u"New Year's Day", u"New Year's Eve", u"Valentine's Day", u"Mother's Day",
                 u"Father's Day", u"Boxing Day", u"Black Friday", u"Cyber Monday", u"Labor Day", u"Labour Day",
                 u"Memorial Day", u"Veterans Day", u"Presidents Day", u"Juneteenth", u"Hogmanay", u"Pentecost" }) {
            names.insert(QString::fromUtf16(name));
        }
        return names;
    }();
    return set;
}

/*!
    'Gerry Mulligan … Mulligan played': a one-word place or organisation, no ordinary word, that the lists know as
    no place or company and that ends a longer person's name in the document (one that opens with a name the
    lists know as a given name or surname) is that person, named again.
*/
void retypeSurnames(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions)
{
    QSet<QStringView> surnames; // the last words of people's names of several words
    for (const RawMention &m : std::as_const(*mentions)) {
        const auto [first, last] = tokensOf(tokens, m);
        if (m.type == EntityType::Person && last - first >= 2 && tokens[last - 1].is(Token::Cap)
            && !features.isCommon(first)) {
            surnames.insert(text.sliced(tokens[last - 1].start, tokens[last - 1].size()));
        }
    }
    for (RawMention &m : *mentions) {
        const auto [first, last] = tokensOf(tokens, m);
        if ((m.type == EntityType::Location || m.type == EntityType::Org) && last - first == 1
            && !features.isPlaceByLists(first) && !features.isCompanyOnly(first) && !features.isCommon(first)
            && surnames.contains(text.sliced(m.start, m.end - m.start))) {
            m.type = EntityType::Person;
        }
    }
}

} // namespace

std::pair<qsizetype, qsizetype> tokensOf(const QList<Token> &tokens, const RawMention &m)
{
    const auto first = std::partition_point(
        tokens.cbegin(), tokens.cend(), [&](const Token &token) { return token.start < m.start; });
    const auto last
        = std::partition_point(first, tokens.cend(), [&](const Token &token) { return token.end <= m.end; });
    return { first - tokens.cbegin(), last - tokens.cbegin() };
}

QSet<QString> wordSet(const QString &spaceSeparated)
{
    const QStringList words = spaceSeparated.split(u' ', Qt::SkipEmptyParts);
    return QSet<QString>(words.cbegin(), words.cend());
}

namespace
{

// A reference's date or a year in brackets after a name ('Varga, W. (1993).', 'Okafor, Rachel (2016-09-01).') is
// not part of it: the name ends before the bracket. False when nothing of a name is left before it (an
// initial alone, 'W.').
bool cutBeforeNumberInBrackets(QStringView text, RawMention *m)
{
    const QStringView name = text.sliced(m->start, m->end - m->start);
    const qsizetype open = name.indexOf(u" (");
    if (open <= 0 || open + 2 >= name.size() || !name[open + 2].isDigit()) {
        return true;
    }
    QStringView before = name.first(open).trimmed();
    m->end = m->start + before.size();
    // What is left must hold a word of two letters or more, not initials alone.
    const auto words = before.split(u' ', Qt::SkipEmptyParts);
    return std::any_of(words.cbegin(), words.cend(),
        [](QStringView w) { return std::count_if(w.cbegin(), w.cend(), [](QChar c) { return c.isLetter(); }) >= 2; });
}

// Whether a word names a model of a product rather than anything a name continues: a brand's word in lower
// case then capitals ('iPad', 'iPhone', 'macOS'), or letters and digits together ('S23', 'A4', 'RAV4', '4K',
// 'MP3'), but not an ordinal, a decade, a time or an amount ('15th', '1950s', '5pm', '13m', '8bn').
bool isModelWord(QStringView word)
{
    static const QRegularExpression model(
        QStringLiteral(R"(^(?:[a-z]+[A-Z][\w-]*|(?=\w*\d)(?=\w*[A-Za-z])[A-Za-z0-9]+)$)"));
    static const QRegularExpression notModel(
        QStringLiteral(R"(^(?:\d+(?:st|nd|rd|th|s|am|pm|AM|PM|m|bn|k|tn|mn)|\d{4}s)$)"));
    return model.matchView(word).hasMatch() && !notModel.matchView(word).hasMatch();
}

// The word before text[at], when one space parts them on the same line; empty otherwise.
QStringView wordBefore(QStringView text, qsizetype at)
{
    if (at < 2 || text[at - 1] != u' ' || text[at - 2].isSpace()) {
        return {};
    }
    qsizetype start = at - 1;
    while (start > 0 && !text[start - 1].isSpace()) {
        --start;
    }
    return text.sliced(start, at - 1 - start);
}

// 'the iPad Air', 'Galaxy S23 Ultra', 'iPhone 15 Pro Max', 'Volvo V60 Cross Country': a name after a model's
// word (or a number after one) goes on naming the product. A person's whole name stays ('m8 Michael Clifford').
bool continuesModel(QStringView text, const RawMention &m)
{
    const QStringView name = text.sliced(m.start, m.end - m.start);
    if (m.type == EntityType::Person && name.contains(u' ')) {
        return false;
    }
    const QStringView before = wordBefore(text, m.start);
    if (before.isEmpty()) {
        return false;
    }
    if (std::all_of(before.cbegin(), before.cend(), [](QChar c) { return c.isDigit(); })) {
        const QStringView model = wordBefore(text, before.data() - text.data());
        return !model.isEmpty() && model.front().isLower() && isModelWord(model);
    }
    return isModelWord(before);
}

// 'the Mac', 'his Greninja', 'an Oscar', 'the Earth': one capitalised word after an article or a possessive is a
// thing, rarely a person, unless a noun in lower case follows that it names the kind of ('the Trump
// administration', 'the Obama years'); a verb or a word of grammar may follow ('the Mac was', 'the Sun and').
bool isDeterminedWord(QStringView text, const RawMention &m)
{
    static const QSet<QString> determiners = wordSet(
        QStringLiteral("the The a an An his His her Her its Its their Their our Our my My your Your these These "
                       "those Those"));
    static const QSet<QString> verbs = wordSet(
        QStringLiteral("is was are were be been has had have will would can could may might should must does did do "
                       "said says got gets came comes went goes ran runs won wins lost made makes took takes"));
    const QStringView before = wordBefore(text, m.start);
    if (before.isEmpty() || !determiners.contains(before.toString())) {
        return false;
    }
    if (m.end + 1 >= text.size() || text[m.end] != u' ' || !text[m.end + 1].isLower()) {
        return true;
    }
    qsizetype end = m.end + 1;
    while (end < text.size() && text[end].isLetter()) {
        ++end;
    }
    const QString next = text.sliced(m.end + 1, end - m.end - 1).toString();
    return verbs.contains(next) || RuleWords::functionWords().contains(next);
}

} // namespace

void dropNonNames(QStringView text, const QList<Token> &tokens, QList<RawMention> *mentions)
{
    QSet<qsizetype> personEnds; // where a person's name ends, and then each credential after it
    const auto credentialAfterName = [&](const RawMention &m) {
        // Back over ', ' and the credentials before to the end of the person's name.
        qsizetype k = m.start;
        while (true) {
            while (k > 0 && text[k - 1].isSpace() && text[k - 1] != u'\n') {
                --k;
            }
            if (k == 0 || text[k - 1] != u',') {
                return false;
            }
            --k;
            if (personEnds.contains(k)) {
                return true;
            }
            qsizetype start = k;
            while (start > 0 && (text[start - 1].isLetter() || text[start - 1] == u'.' || text[start - 1] == u'-')) {
                --start;
            }
            if (start == k || !isCredential(text.sliced(start, k - start))) {
                return false;
            }
            k = start;
        }
    };
    // Storms and the names they are given: 'Cyclone Phailin', 'Hurricane Ida', then 'Phailin' alone.
    static const QRegularExpression storm(
        QStringLiteral(R"((?:^|\s)(?:Hurricane|Cyclone|Typhoon|Tropical Storm|Super Typhoon)\s+$)"));
    QSet<QString> storms;
    for (const RawMention &m : std::as_const(*mentions)) {
        const QStringView name = text.sliced(m.start, m.end - m.start);
        const qsizetype space = name.indexOf(u' ');
        if (space > 0 && storm.matchView(name.first(space + 1)).hasMatch()) {
            storms.insert(name.sliced(space + 1).toString());
        } else if (storm.matchView(text.sliced(std::max<qsizetype>(0, m.start - 20), std::min<qsizetype>(20, m.start)))
                       .hasMatch()) {
            storms.insert(name.toString());
        }
    }
    const auto isRemoved = [&](const RawMention &m) {
        if (m.type != EntityType::Person && m.type != EntityType::Org && m.type != EntityType::Location) {
            return false;
        }
        const QStringView name = text.sliced(m.start, m.end - m.start);
        const auto [first, last] = tokensOf(tokens, m);
        if (m.type == EntityType::Person) {
            personEnds.insert(m.end);
        }
        if (last - first == 1 && isCredential(name) && credentialAfterName(m)) {
            return true;
        }
        if (last > first && isPluralOfCapitals(text.sliced(tokens[last - 1].start, tokens[last - 1].size()))) {
            return true;
        }
        if (holidays().contains(name.toString()) || storms.contains(name.toString())
            || storm.matchView(name.first(std::max<qsizetype>(0, name.indexOf(u' ') + 1))).hasMatch()) {
            return true;
        }
        // An era after a year: '1230 BC', 'AD 79' is no name.
        if (last - first == 1 && (name == u"BC" || name == u"BCE" || name == u"AD" || name == u"CE")
            && ((first > 0 && tokens[first - 1].is(Token::Number))
                || (last < tokens.size() && tokens[last].is(Token::Number)))) {
            return true;
        }
        // A law: 'the Digital Services Act', 'Clean Air Act'.
        if (last - first >= 2 && name.endsWith(u" Act")) {
            return true;
        }
        // 'Christmas Eve' the tagger cut in two: 'Eve' after a holiday.
        return name == u"Eve"
            && (text.first(m.start).trimmed().endsWith(u"Christmas")
                || text.first(m.start).trimmed().endsWith(u"Year's")
                || text.first(m.start).trimmed().endsWith(u"Year\u2019s"));
    };
    // The dates the rules found: a name inside one is part of the date ('Carlos (February 4, 2019)').
    QList<std::pair<qsizetype, qsizetype>> dates;
    for (const RawMention &m : std::as_const(*mentions)) {
        if (m.type == EntityType::Date) {
            dates.append({ m.start, m.end });
        }
    }
    const auto inDate = [&](const RawMention &m) {
        return std::any_of(
            dates.cbegin(), dates.cend(), [&](const auto &d) { return d.first <= m.start && m.end <= d.second; });
    };
    // The words of people's longer names: 'the Leakey family' after 'Louis Leakey' is theirs.
    QSet<QStringView> personWords;
    for (const RawMention &m : std::as_const(*mentions)) {
        const QStringView name = text.sliced(m.start, m.end - m.start);
        if (m.type == EntityType::Person && name.contains(u' ')) {
            for (const QStringView word : name.split(u' ', Qt::SkipEmptyParts)) {
                personWords.insert(word);
            }
        }
    }
    const auto thingNotPerson = [&](const RawMention &m) {
        const QStringView name = text.sliced(m.start, m.end - m.start);
        return m.type == EntityType::Person && !name.contains(u' ') && isDeterminedWord(text, m)
            && !personWords.contains(name);
    };
    QList<RawMention> kept;
    kept.reserve(mentions->size());
    for (RawMention &m : *mentions) {
        const bool name = m.type == EntityType::Person || m.type == EntityType::Org || m.type == EntityType::Location;
        if (name && !cutBeforeNumberInBrackets(text, &m)) {
            continue;
        }
        if (!isRemoved(m) && !(name && (inDate(m) || continuesModel(text, m) || thingNotPerson(m)))) {
            kept.append(std::move(m));
        }
    }
    *mentions = std::move(kept);
}

void typeListsAlike(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions)
{
    constexpr qsizetype minItems = 3;
    const auto isName = [](EntityType type) {
        return type == EntityType::Person || type == EntityType::Org || type == EntityType::Location;
    };
    // Whether the text between two names only lists them: ', ', ' and ', ', and ', '; '.
    const auto listed = [&](const RawMention &a, const RawMention &b) {
        const QStringView between = text.sliced(a.end, b.start - a.end);
        return between == u", " || between == u" and " || between == u", and " || between == u"; ";
    };
    const auto retype = [&](qsizetype from, qsizetype to) {
        int organisations = 0;
        for (qsizetype i = from; i < to; ++i) {
            organisations += (*mentions)[i].type == EntityType::Org ? 1 : 0;
        }
        if (organisations < 2 || organisations * 2 < to - from) {
            return;
        }
        for (qsizetype i = from; i < to; ++i) {
            RawMention &m = (*mentions)[i];
            if (m.type != EntityType::Person || m.confidence == MentionConfidence::Candidate) {
                continue;
            }
            const auto [first, last] = tokensOf(tokens, m);
            bool personal = false;
            for (qsizetype k = first; k < last; ++k) {
                personal = personal || features.isPersonNameByLists(k);
            }
            if (!personal) {
                m.type = EntityType::Org;
            }
        }
    };
    qsizetype from = 0;
    for (qsizetype i = 1; i <= mentions->size(); ++i) {
        const bool goesOn = i < mentions->size() && isName((*mentions)[i].type) && isName((*mentions)[i - 1].type)
            && (*mentions)[i - 1].end <= (*mentions)[i].start && listed((*mentions)[i - 1], (*mentions)[i]);
        if (!goesOn) {
            if (i - from >= minItems) {
                retype(from, i);
            }
            from = i;
        }
    }
}

void applyTypeCues(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions)
{
    const QSet<QStringView> inNames = wordsOfLongerNames(text, tokens, features, *mentions);
    retypeUnintroducedCompanies(text, tokens, features, inNames, mentions);
    retypeWhatTheTextCallsIt(text, tokens, features, inNames, mentions);
    retypeSchoolsAndCompanies(text, mentions);
    retypeSurnames(text, tokens, features, mentions);
}

} // namespace Dossier::Core
