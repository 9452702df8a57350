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

// The tokens [first, last) a mention covers.
std::pair<qsizetype, qsizetype> tokensOf(const QList<Token> &tokens, const RawMention &m)
{
    const auto first = std::partition_point(
        tokens.cbegin(), tokens.cend(), [&](const Token &token) { return token.start < m.start; });
    const auto last
        = std::partition_point(first, tokens.cend(), [&](const Token &token) { return token.end <= m.end; });
    return { first - tokens.cbegin(), last - tokens.cbegin() };
}

// The words of people's names of several words: a one-word 'person' among them is someone's name.
QSet<QStringView> wordsOfLongerNames(QStringView text, const QList<Token> &tokens, const QList<RawMention> &mentions)
{
    QSet<QStringView> words;
    for (const RawMention &m : mentions) {
        if (m.type != EntityType::Person) {
            continue;
        }
        const auto [first, last] = tokensOf(tokens, m);
        for (qsizetype k = first; last - first > 1 && k < last; ++k) {
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
void retypeSchools(QStringView text, QList<RawMention> *mentions)
{
    static const QRegularExpression school(
        QStringLiteral(R"(\s(?:College|University|School|Academy|Institute|Polytechnic)$)"));
    for (RawMention &m : *mentions) {
        if (m.type == EntityType::Location && school.matchView(text.sliced(m.start, m.end - m.start)).hasMatch()) {
            m.type = EntityType::Org;
        }
    }
}

} // namespace

void applyTypeCues(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions)
{
    const QSet<QStringView> inNames = wordsOfLongerNames(text, tokens, *mentions);
    retypeUnintroducedCompanies(text, tokens, features, inNames, mentions);
    retypeWhatTheTextCallsIt(text, tokens, features, inNames, mentions);
    retypeSchools(text, mentions);
}

} // namespace Dossier::Core
