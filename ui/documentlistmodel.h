#pragma once

#include "store/library.h"

#include <QAbstractItemModel>
#include <QCache>
#include <QSet>

#include <functional>

namespace Dossier::Core
{
class LibraryReader;
}

namespace Dossier::Ui
{

/*!
    \brief The document list over the library: title, date, source, entity count, tags and copies
    (near-duplicates: "4 copies" when the story is in four articles) of the articles the current
    filter lets through, and under a search query each one's best passage and relevance. Lazy: it
    counts in SQL and fetches rows in windows as the view asks for them (never bodies, never the whole
    list), so it stays small at 100,000 articles. Sorting and filtering happen in SQL. Copy counts are
    read per fetched window of rows, in one call for the window (Core::DuplicateStore::copyCounts()),
    when a Copies cell of it is first shown: on the reader's thread when setReader() gave one (the cells
    stay empty until they arrive, then dataChanged()), else at once; the list cannot be sorted by them.

    Grouped by story (setGroupCopies()), it is a tree: a story row with copies has a child row for
    each of them (title, date, source, entities, tags; earliest first), read when the row is first
    expanded (when rowCount() is first asked for it: one query of the story index), never for rows
    not opened.
*/
class DocumentListModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentListModel)
public:
    /*! Match and Relevance have something only while the filter has a search query: the best
        passage of each listed article (its matches in bold) and how relevant it is (sorting by
        either sorts by relevance). */
    enum Column { Title, Date, Source, Entities, Tags, Copies, Match, Relevance, ColumnCount };
    /*! MatchRole: the Match column's passage with each match between U+E000 and U+E001 (the
        display text has none of them). */
    enum Role {
        IdRole = Qt::UserRole + 1,
        PathRole,
        CopyCountRole, //!< int: the other articles of the row's story (0 without copies)
        StoryMatchesRole, //!< int, grouped: the articles of the row's story the filter lets through
        MatchRole,
        /*! qint64: when a watched folder's check found the article's file gone, ms since the
            epoch; 0 while it is there. Such a row is greyed, its tooltip says since when. */
        MissingSinceRole,
    };

    explicit DocumentListModel(QObject *parent = nullptr);

    /*! The marks around each match in MatchRole. */
    static constexpr QChar matchStart = QChar(u'\uE000');
    static constexpr QChar matchEnd = QChar(u'\uE001');

    /*! Shows the articles of \a library (not owned; may be nullptr). */
    void setLibrary(Core::Library *library);
    /*! Reads copy counts through \a reader (not owned; nullptr: on the calling thread), which
        must read the library setLibrary() was given. */
    void setReader(Core::LibraryReader *reader);
    /*! True while copy counts are being read on the reader's thread. */
    bool isReadingCopyCounts() const { return !m_pendingCopyPages.isEmpty(); }
    /*! Lists what \a filter lets through (its groupCopies aside: setGroupCopies() decides). A bad
        query leaves the list empty and sets errorString(). */
    void setFilter(const Core::DocumentFilter &filter);
    Core::DocumentFilter filter() const;
    /*! One row per story (View › Group Copies): the copies of one story are listed once, as the
        earliest that the filter lets through (the best-ranked under a search sorted by relevance),
        their Copies cell saying how many there are ("4 copies", "2 of 4 copies" when the filter
        lets two through); rowCount() counts stories and rowOfId() gives a copy its story's row. The
        grouping is done in SQL (Core::DocumentFilter::groupCopies), window by window as before. */
    void setGroupCopies(bool group);
    bool groupsCopies() const { return m_filter.groupCopies; }
    /*! Re-reads the list after the library changed (an import added articles), without a reset:
        rows are inserted or removed at the end and the view's current row and selection follow
        their articles to their new rows. */
    void refresh();
    /*! Re-reads the rows of the articles \a ids, which changed in place (their tags, say): when
        the list keeps its length and those articles their rows, only their rows change
        (dataChanged); otherwise as refresh(). */
    void refreshArticles(const QList<qint64> &ids);
    /*! The last query's error ("bad search query: …"), or empty. */
    QString errorString() const;
    /*! The same, with its kind: StoreError::Kind::BadQuery for the analyst's query, another kind
        when the library could not be read. */
    Core::StoreError lastError() const;
    /*! The row of the article \a id (found in SQL when not fetched yet), or -1 when not listed;
        grouped, the row of its story when a copy of it is listed. */
    int rowOfId(qint64 id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    /*! Grouped, a story row with copies has children (its copies), read when they are first
        counted (a view counts them when the row is expanded). */
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /*! Sorts by \a column (not Copies, which keeps the order). */
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /*! The column the rows are sorted by, and in which order. */
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_order; }

Q_SIGNALS:
    /*! The filter's query, or reading a page of rows, failed; \a message says why (see lastError()).
        A page that cannot be read shows empty rows and is reported once. */
    void queryFailed(const QString &message);

private:
    static constexpr int pageSize = 128;
    const Core::ArticleSummary *summaryAt(int row) const;
    // The row of \a index: a story row's (top level) or a copy's (a child, in m_copies).
    const Core::ArticleSummary *summaryOf(const QModelIndex &index) const;
    // The copies of the story of article \a id, earliest first.
    std::optional<QList<Core::ArticleSummary>> readCopies(qint64 id) const;
    // The child rows of the story at top-level \a row, read the first time they are asked for.
    const QList<Core::ArticleSummary> &copiesAt(int row) const;
    // The text of \a column (Title to Tags) for an article.
    static QVariant articleText(const Core::ArticleSummary &row, int column);
    // data() of a copy's row under its story.
    static QVariant copyData(const Core::ArticleSummary &row, int column, int role);
    /*! What a row whose file is missing shows for \a role (grey text, "Missing since …"); invalid
        for the other roles and for rows whose file is there. */
    static QVariant missingData(const Core::ArticleSummary &row, int role);
    const Core::ArticleSummary *cachedSummaryAt(int row) const;
    // The copy count of the article at \a row, read with those of its whole window; -1 when unknown.
    int copyCountAt(int row) const;
    // Reads the copy counts of window \a page (articles \a ids) on the reader's thread.
    void readCopyCounts(int page, const QList<qint64> &ids) const;
    // Forgets the fetched windows (rows and copy counts).
    void clearPages();
    // Applies \a change (new data, a new order) as a layout change that moves every persistent
    // index to its article's new row.
    void relayout(const std::function<void()> &change);
    void reload();

    Core::Library *m_library = nullptr;
    Core::DocumentFilter m_filter;
    Core::DocumentSort m_sort = Core::DocumentSort::Date;
    Qt::SortOrder m_order = Qt::DescendingOrder;
    int m_count = 0;
    mutable Core::StoreError m_error;
    mutable QSet<int> m_failedPages; //!< pages that could not be read since the last reload
    mutable QCache<int, QList<Core::ArticleSummary>> m_pages { 64 };
    mutable QCache<int, QHash<qint64, int>> m_copyCounts { 64 }; //!< per window, as m_pages
    mutable QHash<int, QList<Core::ArticleSummary>> m_copies; //!< the child rows of the story rows fetched, by row
    mutable QSet<int> m_failedCopyPages; //!< windows whose copy counts could not be read
    mutable QSet<int> m_pendingCopyPages; //!< windows whose copy counts are being read
    quint64 m_pagesGeneration = 0; //!< moves whenever the fetched windows are forgotten
    Core::LibraryReader *m_reader = nullptr;
};

} // namespace Dossier::Ui
