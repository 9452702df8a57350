#pragma once

#include "analysis/entityrecognizer.h"
#include "analysis/tokenizer.h"

#include <QList>
#include <QSet>
#include <QStringView>

namespace Dossier::Core
{

class TaggerFeatures;

/*! The words of \a spaceSeparated, for the lists of words the rules after tagging look up. */
QSet<QString> wordSet(const QString &spaceSeparated);

/*! The tokens [first, last) of \a tokens that mention \a m covers. */
std::pair<qsizetype, qsizetype> tokensOf(const QList<Token> &tokens, const RawMention &m);

/*!
    Types the tagger got wrong that the document and the lists settle, applied to the recognizer's \a mentions
    (sorted by start, kept so) over \a text and its \a tokens, with the tagger's \a features:
    - a one-word 'person' the lists know only as a company, never part of a longer person's name in the
      document, is the company ('Apple delivered…');
    - a one-word 'person' the lists know as nobody's name, never part of a longer person's name, that the
      text goes on to call 'it' and not 'he' or 'she' is an organisation ('Pornhub', 'Acura': 'its new model');
    - a place whose name ends in the word for a school is the school ('Trinity College'), and a place or a
      'person' whose name ends in a word companies are named with is the company ('Reality Labs', 'Marvel Film
      Studios', 'Light Technologies').
*/
void applyTypeCues(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions);

/*!
    Names listed together are alike ('Amnesty International, Oxfam, Christian Aid and Save the Children'): in a list
    of three names or more in \a mentions (sorted by start) over \a text, joined by commas, semicolons and 'and',
    mostly organisations, a 'person' none of whose words the lists know as a given name or a surname is an
    organisation too ('the Scottish National Party and Plaid Cymru').
*/
void typeListsAlike(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions);

/*!
    Removes from \a mentions (sorted by start, kept so) the names over \a text and its \a tokens that are no one's:
    - a plural of capitals ('three MVPs', 'LTOs', 'KIRs'): a kind of thing, not a name;
    - the letters of degrees, credentials and honours after a person's name ('Kelly Jones, MS, RD, CSSD');
    - holidays and the days named for them ('Christmas', 'Christmas Eve', 'Thanksgiving', 'Black Friday');
    - storms ('Cyclone Phailin', then 'Phailin') and laws ('the Digital Services Act');
    - eras after a year ('1230 BC');
    - names inside a date the rules found ('Lindqvist, Carlos (February 4, 2019)': not 'February 4');
    - a product's model name after its model word ('the iPad Air', 'Galaxy S23 Ultra', 'iPhone 15 Plus').
    A name running on into a bracket that opens with a number ends before it ('Okafor, Rachel (2016-09-01).'),
    and is dropped when only initials are left ('Varga, W. (1993).').
*/
void dropNonNames(QStringView text, const QList<Token> &tokens, QList<RawMention> *mentions);

/*!
    Names of teams and companies made of a place and a plural ('the Jacksonville Jaguars', 'Los Angeles Rams',
    'Tampa Bay Buccaneers', 'Texas Instruments') in \a mentions (sorted by start, kept so) over \a text and its
    \a tokens: the place the lists or the tagger know, then one or two capitalised words on the same line, the
    last a plural, and no further capital. The whole is an organisation, and so is the plural alone wherever the
    document writes it ('the Jaguars'). Not when the plural is a kind of place ('Cayman Islands', 'Palm Springs'),
    an event ('Paris Olympics'), a people or a party ('Kosovo Albanians', 'Texas Democrats'), or when place and
    plural are a given name and a surname ('Austin Roberts').
*/
void nameTeams(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions);

/*!
    Players named with their position in capitals ('QB Patrick Mahomes', 'Chiefs DT Chris Jones and Buccaneers WR
    Mike Evans'), which the tagger takes for one organisation, in \a mentions (sorted by start, kept so) over \a text
    and its \a tokens: inside a name, a position ('QB', 'WR', 'PG', 'SS') before a capitalised word the lists know
    as a given name starts a person, up to the last capitalised word after it; the capitalised words just before
    the position, when there are any, are the team, an organisation.
*/
void namePlayersByPosition(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions);

/*!
    Names of organisations that end in a place after 'of' ('the Conservative Party of Canada', 'National Library of
    the Netherlands', 'Housing Authority of New Orleans') in \a mentions (sorted by start, kept so) over \a text and
    its \a tokens: the words before 'of', capitalised and on the same line, ending in a word like 'Party',
    'Library' or 'Authority', and a place the tagger or the rules found after it make one organisation, in place
    of the place and any organisation found in its first part. Not over a person's name.
*/
void nameOrganisationsOfPlaces(
    QStringView text, const QList<Token> &tokens, const TaggerFeatures &features, QList<RawMention> *mentions);

} // namespace Dossier::Core
