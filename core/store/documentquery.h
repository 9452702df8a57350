#pragma once

#include "store/storetypes.h"

#include <QHash>

class QSqlQuery;

namespace Dossier::Core
{

struct StoreContext;

/*!
    \brief Which articles a filter lets through, in what order: the document list of the window
    (count, a window of rows, the row of an article), the CLI's list and full-text search.
    Obtained from Library::documents().
*/
class DocumentQuery
{
public:
    explicit DocumentQuery(StoreContext *context);
    Q_DISABLE_COPY_MOVE(DocumentQuery)

    /*! How many articles \a filter lets through. */
    std::optional<qint64> count(const DocumentFilter &filter);
    /*! One window of the filtered, sorted document list (summaries only, never bodies). */
    std::optional<QList<ArticleSummary>> window(
        const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, int offset, int limit);
    /*! The row of article \a id in that list (what window() would list it at), or -1 when
        \a filter leaves it out; counted in SQL along the sort column's index, never reading the
        rows before it. */
    std::optional<qint64> rowOf(const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, qint64 id);
    /*! The window's filter for the CLI's \a query: each name stands for the entities called or
        written so; the full-text query is checked (a bad one fails here). */
    std::optional<DocumentFilter> filterOf(const ListQuery &query);
    /*! Articles by entity names, a full-text query and a publication period, newest first (the CLI's list). */
    std::optional<QList<ArticleSummary>> list(const ListQuery &query);
    /*! The articles \a filter lets through, newest first (as list() orders them); \a limit < 0 for all. */
    std::optional<QList<ArticleSummary>> listFiltered(const DocumentFilter &filter, int limit = -1, int offset = 0);
    /*! The best \a limit matches of a full-text query, with a snippet each. Bare words match
        every form of the word ("attack" finds "attacked"), quoted words and prefixes match as
        written. */
    std::optional<QList<ArticleSummary>> search(const QString &query, int limit = 50);
    /*! For the articles \a ids (a page of the list), where the full-text query \a query matches
        each: its best passage and relevance. Articles it does not match are left out; empty for
        an empty query. */
    std::optional<QHash<qint64, SearchMatch>> matches(const QString &query, const QList<qint64> &ids);
    /*! Where the full-text query \a query matches the body of article \a id: [start, end) body
        offsets (UTF-16), in order, overlapping matches merged; empty when it does not match.
        Words the query excludes (NOT) are not marked. */
    std::optional<QList<std::pair<qsizetype, qsizetype>>> hits(qint64 id, const QString &query);

    /*! The articles of the story of article \a id that \a filter lets through (groupCopies
        aside), earliest first: the first is the one the grouped list shows when sorted by date. */
    std::optional<QList<ArticleSummary>> storyCopies(const DocumentFilter &filter, qint64 id);

private:
    std::optional<QList<ArticleSummary>> sortedWindow(
        const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, int offset, int limit);
    // The list grouped by story (documentstories.cpp), in SQL both backends run.
    bool grouped(const DocumentFilter &filter) const;
    std::optional<qint64> storyCount(const DocumentFilter &filter);
    std::optional<QList<ArticleSummary>> rankedStoryWindow(
        const DocumentFilter &filter, Qt::SortOrder order, int offset, int limit);
    std::optional<qint64> storyRowOf(const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, qint64 id);
    bool fillStoryCounts(const DocumentFilter &filter, QList<ArticleSummary> *rows);
    static QString storyLeadCondition(const QString &ids);
    QString summaryColumns() const;
    std::optional<QList<ArticleSummary>> rankedWindow(
        const DocumentFilter &filter, Qt::SortOrder order, int offset, int limit);
    std::optional<qint64> rankedRowOf(const DocumentFilter &filter, Qt::SortOrder order, qint64 id);
    static QString rankOrder(const QString &rank, Qt::SortOrder order);
    // The article's tag names, joined by U+001F, as a column of a row of "articles a".
    QString tagNames() const;
    static QList<ArticleSummary> windowRows(QSqlQuery &query, int limit);

    StoreContext *d;
};

} // namespace Dossier::Core
