#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*! \brief Where two entities must both appear to count as appearing together. */
enum class CooccurrenceScope {
    Article, //!< the same article
    Sentence, //!< the same sentence (sentenceAround() over the article's body)
};

/*! \brief "article" or "sentence". */
QString cooccurrenceScopeName(CooccurrenceScope scope);
/*! \brief Parses cooccurrenceScopeName()'s names; false for anything else. */
bool cooccurrenceScopeFromName(QStringView name, CooccurrenceScope *scope);

/*! \brief What CooccurrenceQuery counts. */
struct CooccurrenceOptions {
    QList<EntityType> types { EntityType::Person, EntityType::Org,
        EntityType::Location }; //!< entities of these types only
    CooccurrenceScope scope = CooccurrenceScope::Article;
    int minCount = 2; //!< pairs that appear together in fewer units are left out
    int limit = -1; //!< at most this many pairs (the best ranked); negative: all
    /*! Sentence scope reads each article's body: it reads at most this many of the filtered articles,
        the most recently published first (Cooccurrences::truncated says when it stopped short). */
    int sentenceArticleLimit = 20000;
};

/*! \brief Two entities that appear together, how often, and how much more often than chance. */
struct CooccurrencePair {
    EntitySummary a; //!< the more frequent of the two (then by name); documents = c(a), its units
    EntitySummary b; //!< documents = c(b)
    int count = 0; //!< c(a,b): units (articles or sentences) naming both
    double pmi = 0; //!< in bits
    double npmi = 0; //!< in [-1, 1]
};

/*! \brief The pairs of a filtered set of articles, ranked. */
struct Cooccurrences {
    QList<CooccurrencePair> pairs; //!< highest NPMI first, then the higher count, then by names
    CooccurrenceScope scope = CooccurrenceScope::Article; //!< what the units are
    int units = 0; //!< N: the articles (or sentences) that name at least one entity of the chosen types
    int articles = 0; //!< the filtered articles counted over
    int filtered = 0; //!< the articles the filter lets through (more than \c articles when truncated)
    bool truncated = false; //!< sentence scope read only options.sentenceArticleLimit of more articles
};

/*!
    \brief Who appears with whom: pairs of entities (people, organisations, places by default) named in
    the same article, or the same sentence, among the articles a filter lets through. Obtained from
    Library::cooccurrence(); `dossier-cli cooccurrence` prints it.

    Counted over units: the filtered articles (article scope) or their sentences (sentence scope) that
    name at least one entity of the chosen types; N is their number, c(x) the units naming x and
    c(a,b) those naming both a and b. With p(x) = c(x) / N and p(a,b) = c(a,b) / N:

        PMI(a,b)  = log2( p(a,b) / (p(a) p(b)) ) = log2( c(a,b) N / (c(a) c(b)) )
        NPMI(a,b) = PMI(a,b) / -log2 p(a,b)

    NPMI is 1 when a and b only ever appear together, 0 when they appear together as often as chance
    would have them, and tends to -1 as they avoid each other; when both are in every unit
    (p(a,b) = 1) it is taken as 1. Pairs appearing together in fewer than minCount units are left out
    (PMI flatters rare pairs), the rest ranked by NPMI.

    Article scope reads the filtered articles' links once, one row per article, and counts the pairs in
    memory, over only the entities named in minCount articles or more. Sentence scope reads the bodies
    and mentions of at most CooccurrenceOptions::sentenceArticleLimit articles.
*/
class CooccurrenceQuery
{
public:
    explicit CooccurrenceQuery(StoreContext *context);
    Q_DISABLE_COPY_MOVE(CooccurrenceQuery)

    /*! The pairs of the articles \a filter lets through. */
    std::optional<Cooccurrences> pairs(const DocumentFilter &filter, const CooccurrenceOptions &options = {});
    /*! \a filter narrowed to the articles naming both \a a and \a b (what clicking a pair lists).
        A filter of any-of entities keeps them as a group of their own. */
    static DocumentFilter articlesWithBoth(const DocumentFilter &filter, qint64 a, qint64 b);

private:
    StoreContext *d;
};

} // namespace Dossier::Core
