#pragma once

#include "store/library.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Dossier::Ui
{

/*!
    \brief The analyst's annotations (AnnotationStore::list()) as a table: quote, tags, note, the
    article's title, who made it, when, and whether it is still anchored. The list is the analyst's
    own (thousands of rows at most), so it is held whole and sorted here; refresh() merges a new
    reading into the rows with precise remove/insert/move/dataChanged notices, so selections
    survive edits. Roles: AnnotationIdRole, ArticleIdRole, AnnotationStateRole, AnnotationColorRole
    (ui/roles.h); DecorationRole on the quote is the passage's colour.
*/
class AnnotationListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnotationListModel)
public:
    enum Column { Quote, Tags, Note, Article, Author, Created, State, ColumnCount };

    explicit AnnotationListModel(QObject *parent = nullptr);
    ~AnnotationListModel() override;

    /*! Lists the annotations of \a library (not owned; may be nullptr). */
    void setLibrary(Core::Library *library);
    Core::Library *library() const;
    /*! Lists what \a query lets through. */
    void setQuery(const Core::AnnotationQuery &query);
    Core::AnnotationQuery query() const;
    /*! Reads the annotations and the codebook again (after an edit). Article titles are cached. */
    void refresh();
    /*! Forgets cached article titles, then refresh()es (after an import changed articles). */
    void articlesChanged();
    /*! The last reading's error, or empty. */
    QString errorString() const;

    /*! The annotation shown in \a row, or nullptr. */
    const Core::Annotation *annotationAt(int row) const;
    /*! The row showing annotation \a id, or -1. */
    int rowOfAnnotation(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /*! Reading the annotations failed; \a message says why. */
    void queryFailed(const QString &message);

private:
    struct Row {
        Core::Annotation annotation;
        QString quote; //!< the quote on one line
        QString tags;
        QString title;
        QString color;
        int sequence = 0; //!< position in the library's order, the tie-break of every sort
    };
    QList<Row> readRows();
    void fetchTitles(const QList<Core::Annotation> &annotations);
    void sortRows(QList<Row> &rows) const;
    void mergeRows(QList<Row> rows);

    Core::Library *m_library = nullptr;
    Core::AnnotationQuery m_query;
    QList<Row> m_rows;
    QHash<qint64, QString> m_titles; //!< article id → title (or file name)
    int m_sortColumn = -1; //!< -1: the library's order (article, then position)
    Qt::SortOrder m_order = Qt::AscendingOrder;
    QString m_error;
};

} // namespace Dossier::Ui
