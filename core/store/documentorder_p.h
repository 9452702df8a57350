#pragma once

// The document list in SQL: the filter's id set, the ORDER BY of DocumentQuery::window() and the
// count of the articles before one article in that order (DocumentQuery::rowOf()), kept in one
// place so they always agree.

#include "store/library.h"

#include <QVariant>

namespace Dossier::Core
{

/*! One ORDER BY term of the document list; the article id breaks the last tie. */
struct SortKey {
    QString expression; //!< over the articles table, aliased "a"
    bool nullable = false; //!< NULL sorts first ascending, last descending (SQLite's order)
    bool alwaysAscending = false; //!< not reversed by a descending order
};

/*! The terms of one DocumentSort, and the index that walks them in order (empty if none). */
struct DocumentOrder {
    QList<SortKey> keys;
    QString index;
};

/*! An SQL statement with its positional values. */
struct Statement {
    QString sql;
    QVariantList binds;
};

/*! The ids of the articles \a filter lets through, as a compound SELECT of one column "id" that
    drives the query (INTERSECT / EXCEPT of small id sets), so SQLite never walks the articles
    table checking each row; empty when the filter lets everything through. Appends its values
    to \a binds. */
QString idSet(const DocumentFilter &filter, QVariantList *binds, Library::Backend backend = Library::Backend::Sqlite);

struct StoreContext;
/*! False, with the context's error, when a part of the full-text query \a text is malformed
    (documentquery.cpp): every path that lists articles checks it first. */
bool checkSearch(StoreContext *d, const QString &text);

DocumentOrder documentOrder(DocumentSort sort);
/*! "k1 DESC, k2 DESC, a.id DESC" for \a order. */
QString orderByClause(const DocumentOrder &order, Qt::SortOrder direction);
/*! The sort keys of article \a id: one row of order.keys, or none when there is no such article. */
Statement sortKeysStatement(const DocumentOrder &order, qint64 id);
/*! How many articles of \a ids come before article \a id, whose sort keys are \a values, in
    \a order and \a direction: over all articles one COUNT per disjoint range of the order
    (greater key; equal key and greater id; ...), each a range of the sort column's index, so no
    row is read; under a filter one pass over the listed ids. \a ids is an id set as idSet() makes
    it, empty for all articles. Two columns: the count, and whether \a ids lists the article. */
Statement rowsBeforeStatement(const DocumentOrder &order, Qt::SortOrder direction, const QString &ids,
    const QVariantList &idBinds, qint64 id, const QVariantList &values);

} // namespace Dossier::Core
