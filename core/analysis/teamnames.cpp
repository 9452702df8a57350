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

// A plural the tagger's and the lists' places are named with: 'Jaguars', 'Rams', 'Instruments' (not 'Paris',
// 'Texas', 'Sox').
bool isPlural(QStringView word)
{
    constexpr qsizetype minLetters = 4;
    return word.size() >= minLetters && word.back() == u's' && word.at(word.size() - 2).isLower()
        && !word.endsWith(u"ss") && !word.endsWith(u"us") && !word.endsWith(u"is");
}

// Plurals that make a place's name something other than a team or a company: kinds of place, events, peoples,
// faiths and parties.
bool isOtherPlural(QStringView word)
{
    static const QSet<QString> set = wordSet(QStringLiteral(
        "Islands Isles Keys Mountains Hills Heights Highlands Lowlands Plains Falls Springs Lakes Rapids Gardens "
        "Woods Oaks Downs Fields Flats Banks Sands Territories States Emirates Provinces Narrows Straits Shoals Reefs "
        "Valleys Glades Dunes Forests Marshes Meadows Pines Palms Acres Estates Towers Docks Terraces Cliffs Caves "
        "Ports Bays Rivers Waters Wells Crossings Grounds Parks Commons Gates Alps Rockies Midlands Borders Wetlands "
        "Coasts Blues Olympics Paralympics Games Championships Finals Elections Talks Accords Agreements Conventions "
        "Protocols Riots Trials Awards Summits Hearings Negotiations Protests Attacks Bombings Floods Fires Wildfires "
        "Shootings Killings Massacres Strikes Sanctions Wars Crises Papers Files Leaks Tapes Serbs Croats Kurds Arabs "
        "Jews Muslims Christians Sunnis Shiites Catholics Protestants Hindus Sikhs Tamils Pashtuns Uighurs Uyghurs "
        "Tutsis Hutus Turks Greeks Poles Czechs Slovaks Danes Swedes Finns Scots Britons Brits Democrats Republicans "
        "Conservatives Liberals Socialists Greens Communists Nationalists Loyalists Unionists Separatists Rebels"));
    // 'Albanians', 'Koreans', 'Mexicans', 'Germans', 'Japanese'.
    static const QRegularExpression demonym(QStringLiteral("(?:ians|eans|cans|mans|ese)$"));
    return set.contains(word.toString()) || demonym.matchView(word).hasMatch();
}

bool isName(EntityType type)
{
    return type == EntityType::Person || type == EntityType::Org || type == EntityType::Location;
}

// The last word of an organisation's name that a place's name may follow after 'of': 'Conservative Party of
// Canada', 'National Library of the Netherlands', 'Housing Authority of New Orleans'.
bool isOrganisationHead(QStringView word)
{
    static const QSet<QString> set = wordSet(QStringLiteral(
        "Party Academy University Union Association Society Bank Library Journal Board Institute Federation "
        "Corporation Movement Front Authority Council Court Department Ministry Museum Agency Commission College "
        "School Church League Committee Foundation Company Office Service Services Congress Assembly Bureau Chamber "
        "Trust Fund Alliance Coalition Conference Organisation Organization Orchestra Hospital Institution Scouts"));
    return set.contains(word.toString());
}

// A person's title before the name of the organisation it is held in: 'National President', 'Member'.
bool isTitleNoun(QStringView word)
{
    static const QSet<QString> set = wordSet(QStringLiteral(
        "President Vice-President Member Members Minister Secretary Chairman Chairwoman Chair Leader Director Governor "
        "Senator Representative Fellow Chancellor Rector Dean Professor Head Chief Spokesman Spokeswoman Ambassador"));
    return set.contains(word.toString());
}

// A player's position written before the name, in capitals: 'QB Patrick Mahomes', 'Chiefs DT Chris Jones'.
bool isPosition(QStringView word)
{
    static const QSet<QString> set = wordSet(QStringLiteral(
        "QB RB FB WR TE OT OG OL DT DE DL LB ILB OLB CB DB FS SS EDGE PG SG SF PF LF CF RF DH SP RP GK"));
    return set.contains(word.toString());
}

// Puts \a names in \a mentions (sorted by start, kept so) in place of the mentions they overlap.
void replaceWith(QList<RawMention> names, QList<RawMention> *mentions)
{
    if (names.isEmpty()) {
        return;
    }
    std::sort(names.begin(), names.end(), [](const RawMention &a, const RawMention &b) { return a.start < b.start; });
    mentions->removeIf([&](const RawMention &m) {
        const auto it
            = std::partition_point(names.cbegin(), names.cend(), [&](const RawMention &n) { return n.end <= m.start; });
        return it != names.cend() && it->start < m.end;
    });
    mentions->append(names);
    std::sort(
        mentions->begin(), mentions->end(), [](const RawMention &a, const RawMention &b) { return a.start < b.start; });
}

} // namespace

void nameTeams(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions)
{
    constexpr qsizetype maxPluralWords = 2; // 'Rams', 'Bay Buccaneers', 'Blue Jays'
    const auto capital = [&](qsizetype k) {
        return k < tokens.size() && tokens[k].is(Token::Word) && tokens[k].is(Token::Cap)
            && !tokens[k].is(Token::AllCaps);
    };
    // Whether token k runs on from the one before within a name: a capital after one space on the same line.
    const auto runsOn = [&](qsizetype k) {
        return k > 0 && capital(k) && capital(k - 1) && !tokens[k].breaksName()
            && tokens[k].start == tokens[k - 1].end + 1 && text[tokens[k - 1].end] == u' '
            && !tokens[k - 1].is(Token::Possessive);
    };
    // Whether token k is an ordinary word opening a sentence: 'The' of 'The Miami Dolphins'.
    const auto opensSentence = [&](qsizetype k) { return tokens[k].is(Token::SentenceStart) && features.isCommon(k); };
    const auto wordAt = [&](qsizetype k) { return text.sliced(tokens[k].start, tokens[k].size()); };

    // The places the tagger or the rules found, by their first token.
    QHash<qsizetype, qsizetype> placeEnds;
    for (const RawMention &m : std::as_const(*mentions)) {
        const auto [first, last] = tokensOf(tokens, m);
        if (m.type == EntityType::Location && last > first) {
            placeEnds.insert(first, last);
        }
    }

    // Whether [start, end) may become a name of its own: no mention that is no name, or that reaches out of it,
    // overlaps it.
    const auto free = [&](qsizetype start, qsizetype end) {
        const auto from = std::partition_point(
            mentions->cbegin(), mentions->cend(), [&](const RawMention &m) { return m.end <= start; });
        for (auto it = from; it != mentions->cend() && it->start < end; ++it) {
            if (it->end > start && (!isName(it->type) || it->start < start || it->end > end)) {
                return false;
            }
        }
        return true;
    };

    // Whether a mention of a person (more than a candidate) overlaps [start, end).
    const auto overlapsPerson = [&](qsizetype start, qsizetype end) {
        const auto from = std::partition_point(
            mentions->cbegin(), mentions->cend(), [&](const RawMention &m) { return m.end <= start; });
        for (auto it = from; it != mentions->cend() && it->start < end; ++it) {
            if (it->end > start && it->type == EntityType::Person && it->confidence != MentionConfidence::Candidate) {
                return true;
            }
        }
        return false;
    };
    // Whether the plural at token k opens a longer name with an apostrophe: 'Commonwealth Writers' Prize'.
    const auto ofLongerName = [&](qsizetype k) {
        return k + 2 < tokens.size() && tokens[k + 1].start == tokens[k].end
            && (text[tokens[k + 1].start] == u'\'' || text[tokens[k + 1].start] == u'\u2019') && capital(k + 2)
            && !tokens[k + 2].breaksName();
    };

    QList<RawMention> names;
    QSet<QString> plurals; // what follows the place: 'Jaguars', 'Bay Buccaneers'
    for (qsizetype p = 0; p < tokens.size(); ++p) {
        // Not inside a longer name ('University of Chicago Press').
        if (!capital(p) || (runsOn(p) && !opensSentence(p - 1))) {
            continue;
        }
        // A place the tagger found, or one word the lists know as a place and nothing ordinary ('Best', 'March').
        const qsizetype placeEnd = placeEnds.value(p, features.isPlaceByLists(p) && !features.isCommon(p) ? p + 1 : -1);
        if (placeEnd < 0 || tokens[placeEnd - 1].is(Token::Possessive) || !runsOn(placeEnd)) {
            continue;
        }
        qsizetype end = placeEnd;
        while (end < tokens.size() && end - placeEnd <= maxPluralWords && runsOn(end)) {
            ++end;
        }
        const qsizetype last = end - 1;
        if (end - placeEnd > maxPluralWords || !isPlural(wordAt(last)) || isOtherPlural(wordAt(last))
            || features.isPlaceByLists(last) || ofLongerName(last) || !free(tokens[p].start, tokens[last].end)) {
            continue;
        }
        // A person's name ('Tennessee Williams', 'Leander Paes') unless the plural is an ordinary word ('Dallas
        // Cowboys').
        const bool person = features.isPersonNameByLists(p) || overlapsPerson(tokens[p].start, tokens[last].end);
        if (person && (features.isPersonNameByLists(last) || !features.isCommon(last))) {
            continue;
        }
        names.append(
            RawMention { tokens[p].start, tokens[last].end, EntityType::Org, QString(), MentionConfidence::Guess });
        plurals.insert(text.sliced(tokens[placeEnd].start, tokens[last].end - tokens[placeEnd].start).toString());
        p = last;
    }
    if (names.isEmpty()) {
        return;
    }

    // The plural alone, wherever the document writes it as a name of its own: 'the Jaguars'.
    for (qsizetype k = 0; k < tokens.size(); ++k) {
        if (!capital(k) || (runsOn(k) && !opensSentence(k - 1))) {
            continue;
        }
        for (qsizetype words = 1; words <= maxPluralWords && k + words <= tokens.size(); ++words) {
            const qsizetype last = k + words - 1;
            if ((words > 1 && !runsOn(last)) || runsOn(last + 1)) {
                continue;
            }
            const qsizetype start = tokens[k].start;
            const qsizetype end = tokens[last].end;
            if (plurals.contains(text.sliced(start, end - start).toString()) && free(start, end)) {
                names.append(RawMention { start, end, EntityType::Org, QString(), MentionConfidence::Guess });
            }
        }
    }

    replaceWith(names, mentions);
}

void namePlayersByPosition(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions)
{
    const auto wordAt = [&](qsizetype k) { return text.sliced(tokens[k].start, tokens[k].size()); };
    const auto capital = [&](qsizetype k) {
        return tokens[k].is(Token::Word) && tokens[k].is(Token::Cap) && !tokens[k].is(Token::AllCaps);
    };
    QList<RawMention> names;
    for (const RawMention &m : std::as_const(*mentions)) {
        if (!isName(m.type)) {
            continue;
        }
        const auto [first, last] = tokensOf(tokens, m);
        // The positions inside the name with a given name after them.
        QList<qsizetype> positions;
        for (qsizetype k = first; k + 1 < last; ++k) {
            if (tokens[k].is(Token::AllCaps) && isPosition(wordAt(k)) && capital(k + 1)
                && features.isPersonNameByLists(k + 1)) {
                positions.append(k);
            }
        }
        if (positions.isEmpty()) {
            continue;
        }
        qsizetype from = first; // where the words before the next position start
        for (const qsizetype position : std::as_const(positions)) {
            // The team before the position ('Chiefs'), back to the name's start or a joining word.
            if (position > from && capital(position - 1)) {
                qsizetype team = position - 1;
                while (team > from && capital(team - 1)) {
                    --team;
                }
                names.append(RawMention { tokens[team].start, tokens[position - 1].end, EntityType::Org, QString(),
                    MentionConfidence::Guess });
            }
            // The player: the capitalised words after it, up to a word that is not one or the next position.
            qsizetype end = position + 1;
            while (end < last && capital(end)) {
                ++end;
            }
            names.append(RawMention { tokens[position + 1].start, tokens[end - 1].end, EntityType::Person, QString(),
                MentionConfidence::Guess });
            from = end;
        }
        // Words of the name outside these ('and') are left out.
    }
    replaceWith(names, mentions);
}

void nameOrganisationsOfPlaces(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions)
{
    const auto capital = [&](qsizetype k) {
        return k >= 0 && k < tokens.size() && tokens[k].is(Token::Word) && tokens[k].is(Token::Cap)
            && !tokens[k].is(Token::AllCaps);
    };
    const auto wordAt = [&](qsizetype k) { return text.sliced(tokens[k].start, tokens[k].size()); };
    // Whether token k follows the one before on the same line, one space apart.
    const auto adjacent = [&](qsizetype k) {
        return k > 0 && !tokens[k].breaksName() && tokens[k].start == tokens[k - 1].end + 1
            && text[tokens[k - 1].end] == u' ' && !tokens[k - 1].is(Token::Possessive);
    };
    QList<RawMention> names;
    for (const RawMention &place : std::as_const(*mentions)) {
        if (place.type != EntityType::Location) {
            continue;
        }
        const qsizetype first = tokensOf(tokens, place).first;
        // '… of Canada', '… of the Netherlands'.
        qsizetype of = first - 1;
        if (of >= 0 && wordAt(of) == u"the" && adjacent(first)) {
            --of;
        }
        if (of < 1 || wordAt(of) != u"of" || !adjacent(of) || !adjacent(of + 1) || !capital(of - 1)
            || !isOrganisationHead(wordAt(of - 1))) {
            continue;
        }
        // The capitalised words before it, on the same line: 'Social Democratic Party', not the 'The' opening a
        // sentence nor a title ('National President').
        qsizetype head = of - 1;
        while (capital(head - 1) && adjacent(head) && !isTitleNoun(wordAt(head - 1))
            && !(tokens[head - 1].is(Token::SentenceStart) && features.isCommon(head - 1))) {
            --head;
        }
        const qsizetype start = tokens[head].start;
        // Not a person's ('Duke of Edinburgh' aside, 'Mary Bank of Leeds'), nor across another name's edge.
        const bool clash = std::any_of(mentions->cbegin(), mentions->cend(), [&](const RawMention &m) {
            return m.start < place.start && m.end > start
                && ((m.type == EntityType::Person && m.confidence != MentionConfidence::Candidate) || m.start < start
                    || !isName(m.type));
        });
        if (!clash) {
            names.append(RawMention { start, place.end, EntityType::Org, QString(), MentionConfidence::Guess });
        }
    }
    replaceWith(names, mentions);
}

} // namespace Dossier::Core
