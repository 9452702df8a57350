#pragma once

#include <QList>
#include <QString>
#include <QVariantList>

namespace Dossier::Core
{

/*!
    \brief How a search query the user typed runs over the library's two full-text indexes.

    articles_stem holds the words reduced to their stems (Porter: "attacked" → "attack"),
    articles_fts the words as written. Bare words search the stems, so "attack" finds "attacks"
    and "attacked"; a quoted word or phrase ("attack", "port authority") and a prefix (cable*)
    search the words as written. A query of words, quotes and groups joined by AND (or nothing)
    and NOT is split into parts, each run on its index and combined (INTERSECT, EXCEPT); a query
    with OR at the top, or anything this planner does not follow, runs whole on one index (the
    exact one when it quotes or uses a prefix anywhere), which FTS5 then checks as it always did.
*/
struct SearchPlan {
    struct Part {
        QString table; //!< "articles_stem" or "articles_fts"
        QString match; //!< the FTS5 query text for that index
        bool negated = false; //!< the articles it matches are taken out
    };
    QList<Part> parts;
    /*! The part that ranks the results (bm25) and cuts snippets: the first not negated. */
    const Part *ranking() const;
};

SearchPlan searchPlan(const QString &text);

/*! The ids of the articles \a plan matches, as a compound SELECT of one column "id"; appends its
    values to \a binds. */
QString searchIdSet(const SearchPlan &plan, QVariantList *binds);

/*! \a text as FTS5 must be given it: with a space before a leading '*' (FTS5 reads "*id" as a
    debugging command, not a query; found by fuzz_search). */
QString ftsQuery(const QString &text);

} // namespace Dossier::Core
