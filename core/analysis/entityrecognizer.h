#pragma once

#include "article.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QStringView>

#include <array>
#include <memory>

namespace Dossier::Core
{

/*! \brief How sure a recognizer is of a mention; grouping resolves the weaker ones against the document. */
enum class MentionConfidence : quint8 {
    Candidate, //!< a name-like span of unknown standing: kept only if it matches an entity found more surely
    Guess, //!< likely a name, its type a guess that a surer mention of the same name overrides
    Sure, //!< a gazetteer hit or a strong cue (title, organisation suffix, date or amount)
};

/*! \brief A span a recognizer found. Offsets are UTF-16 indices into the text it was given. */
struct RawMention {
    qsizetype start = 0;
    qsizetype end = 0;
    EntityType type = EntityType::Person;
    /*! Canonical value when the recognizer knows it: the full name from a gazetteer
        ('U.S.' → 'United States'), an ISO date for DATE, '2800000000 USD' for MONEY; else empty. */
    QString canonical;
    MentionConfidence confidence = MentionConfidence::Sure;
};

/*! \brief What a recognizer may know about the text besides the text. */
struct RecognizeContext {
    QDate articleDate; //!< to resolve relative dates; may be invalid
    bool headline = false; //!< the text is a headline (often Title Case or ALL CAPS)
    /*! Where a dateline fused to the first sentence ends ('TOKYO Japan and the United States …'), or -1: no
        name runs across it, as none runs across a line break. */
    qsizetype datelineEnd = -1;
};

/*!
    \brief Finds PERSON, ORG, LOCATION, DATE and MONEY mentions in text. Implementations are
    immutable after construction and safe to use from several threads at once.
*/
class EntityRecognizer
{
public:
    virtual ~EntityRecognizer() = default;
    virtual QList<RawMention> recognize(QStringView text, const RecognizeContext &context) const = 0;
};

/*! The recognizer Dossier uses (shared, created on first use, thread-safe). */
const EntityRecognizer &defaultRecognizer();

/*! \brief An article's entities and its body's mentions, grouped. */
struct GroupedEntities {
    QList<Entity> entities;
    QList<Mention> mentions; //!< body mentions only, sorted by start; Mention::entity indexes entities
};

/*!
    \brief How a library types its names: for each entityKey(), in how many articles it is a PERSON, an ORG,
    a LOCATION (after the analysts' corrections).
*/
struct LibraryTypes {
    QHash<QString, std::array<int, 3>> articles;

    /*! The type a library gives the name with \a key in at least \a minimum articles and four in five of
        those that name it; false when it has none. */
    bool settled(const QString &key, EntityType *type, int minimum = 3) const;
};

/*!
    Groups mentions into entities within one article: 'Prime Minister Shinzo Abe' / 'Shinzo Abe' /
    'Abe' are one person, 'U.S.' / 'US' / 'United States' one place, 'EU' / 'European Union' one
    organisation. Title mentions count towards entities but are not listed as mentions.

    One type per name: sure mentions outvote guesses, and a name the \a library has settled on a type
    counts as one sure mention more for it; a single sure mention of another type then follows it, two
    keep their own type ('Salesforce', an ORG in fifty articles, is not a PERSON in the fifty-first unless
    this article says so twice). A sure mention of another type than an article's own sure mentions give
    the name is another entity of that name (the city of a dateline beside the team named after it).
*/
GroupedEntities groupMentions(QStringView body, const QList<RawMention> &bodyMentions, QStringView title,
    const QList<RawMention> &titleMentions, const LibraryTypes *library = nullptr);

/*! The key that identifies an entity's name across the library: case-folded, accents and dots
    removed, whitespace collapsed, a leading "the" dropped ('U.S.' and 'US' share one key). */
QString entityKey(QStringView name);

} // namespace Dossier::Core
