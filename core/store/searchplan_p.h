#pragma once

#include "store/library.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <optional>

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

    On a team library (PostgreSQL) the same parts run on two tsvector columns of article_texts:
    stem (the 'english' configuration) for articles_stem, words ('simple') for articles_fts; each
    part's text is translated to to_tsquery() syntax (tsQuery()), and a query that cannot be
    translated leaves the plan's error set.
*/
struct SearchPlan {
    struct Part {
        QString table; //!< "articles_stem" or "articles_fts"; on PostgreSQL "stem" or "words"
        QString match; //!< the FTS5 query text for that index; on PostgreSQL, to_tsquery() text
        bool negated = false; //!< the articles it matches are taken out
    };
    QList<Part> parts;
    Library::Backend backend = Library::Backend::Sqlite;
    QString error; //!< why the query is refused (PostgreSQL only; FTS5 says so itself)
    /*! The part that ranks the results (bm25) and cuts snippets: the first not negated. */
    const Part *ranking() const;
};

SearchPlan searchPlan(const QString &text, Library::Backend backend = Library::Backend::Sqlite);

/*! The ids of the articles \a plan matches, as a compound SELECT of one column "id"; appends its
    values to \a binds. */
QString searchIdSet(const SearchPlan &plan, QVariantList *binds);

/*! The SQL of matching one part of a plan, in its backend's spelling. In a statement
    "SELECT ... FROM <from> JOIN articles a ON a.id = <id> WHERE <where>", the part's text is the
    one value bound (in <from> on PostgreSQL, in <where> on SQLite: the same place in the order). */
struct MatchSql {
    QString from; //!< "articles_stem", or "article_texts m CROSS JOIN to_tsquery('english', ?) q"
    QString id; //!< the matched article's id
    QString where; //!< the match condition
    QString rank; //!< lower is better (bm25; minus ts_rank_cd)
    QString body; //!< the matched article's body, for ts_headline (PostgreSQL only)
    QString config; //!< the text search configuration (PostgreSQL only)
    /*! A passage of the body around the matches, each marked by \a open ... \a close, of about
        \a words words. */
    QString snippet(const QString &open, const QString &close, int words) const;
};
MatchSql matchSql(const SearchPlan &plan, const SearchPlan::Part &part);

/*! \a text (FTS5 query syntax) as to_tsquery() text; nullopt with \a error saying why when it
    is not a query (tsquery.cpp). */
std::optional<QString> tsQuery(const QString &text, QString *error);

/*! \a text as FTS5 must be given it: with a space before a leading '*' (FTS5 reads "*id" as a
    debugging command, not a query; found by fuzz_search). */
QString ftsQuery(const QString &text);

} // namespace Dossier::Core
