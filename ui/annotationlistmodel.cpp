#include "annotationlistmodel.h"

#include "roles.h"

#include <QCollator>
#include <QColor>
#include <QFileInfo>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include <algorithm>

namespace Dossier::Ui
{

namespace
{

// Above this many unknown articles one listing of every summary is cheaper than reading each article.
constexpr qsizetype titlesByArticleLimit = 64;
// A quote cell is one line; the view elides it to its width, this only bounds the string.
constexpr qsizetype quoteDisplayLength = 300;

QString oneLine(const QString &text, qsizetype limit)
{
    QString line = text.simplified();
    if (line.size() > limit) {
        line = line.left(limit - 1) + QChar(0x2026);
    }
    return line;
}

QString titleOf(const QString &title, const QString &path)
{
    return title.isEmpty() ? QFileInfo(path).fileName() : title;
}

} // namespace

AnnotationListModel::AnnotationListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

AnnotationListModel::~AnnotationListModel() = default;

void AnnotationListModel::setLibrary(Core::Library *library)
{
    beginResetModel();
    m_library = library;
    m_titles.clear();
    m_rows.clear();
    endResetModel();
    refresh();
}

Core::Library *AnnotationListModel::library() const
{
    return m_library;
}

void AnnotationListModel::setQuery(const Core::AnnotationQuery &query)
{
    m_query = query;
    refresh();
}

Core::AnnotationQuery AnnotationListModel::query() const
{
    return m_query;
}

QString AnnotationListModel::errorString() const
{
    return m_error;
}

void AnnotationListModel::refresh()
{
    m_error.clear();
    QList<Row> rows = readRows();
    sortRows(rows);
    mergeRows(std::move(rows));
    if (!m_error.isEmpty()) {
        Q_EMIT queryFailed(m_error);
    }
}

void AnnotationListModel::articlesChanged()
{
    m_titles.clear();
    refresh();
}

QList<AnnotationListModel::Row> AnnotationListModel::readRows()
{
    QList<Row> rows;
    if (!m_library) {
        return rows;
    }
    const auto annotations = m_library->annotations().list(m_query);
    const auto codebook = m_library->tags().all();
    if (!annotations || !codebook) {
        m_error = m_library->errorString();
        return rows;
    }
    fetchTitles(*annotations);
    rows.reserve(annotations->size());
    for (const Core::Annotation &annotation : *annotations) {
        Row row;
        row.annotation = annotation;
        row.quote = oneLine(annotation.anchor.exact, quoteDisplayLength);
        row.tags = annotation.tags.join(QLatin1String(", "));
        row.title = annotation.articleId >= 0
            ? m_titles.value(annotation.articleId, titleOf({}, annotation.articlePath))
            : titleOf({}, annotation.articlePath);
        row.color = Core::effectiveColor(annotation, *codebook);
        row.sequence = int(rows.size());
        rows.append(std::move(row));
    }
    return rows;
}

void AnnotationListModel::fetchTitles(const QList<Core::Annotation> &annotations)
{
    QSet<qint64> missing;
    for (const Core::Annotation &annotation : annotations) {
        if (annotation.articleId >= 0 && !m_titles.contains(annotation.articleId)) {
            missing.insert(annotation.articleId);
        }
    }
    if (missing.isEmpty()) {
        return;
    }
    if (missing.size() > titlesByArticleLimit) {
        // Summaries only (no bodies): one query however many articles the annotations span.
        if (const auto all = m_library->documents().list(Core::ListQuery {})) {
            for (const Core::ArticleSummary &summary : *all) {
                if (missing.contains(summary.id)) {
                    m_titles.insert(summary.id, titleOf(summary.title, summary.path));
                }
            }
        }
        return;
    }
    for (qint64 id : std::as_const(missing)) {
        if (const auto article = m_library->articles().get(id)) {
            m_titles.insert(id, titleOf(article->meta.title, article->path));
        }
    }
}

void AnnotationListModel::sortRows(QList<Row> &rows) const
{
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);
    const int column = m_sortColumn;
    const auto key = [&](const Row &a, const Row &b) -> int {
        switch (column) {
        case Quote:
            return collator.compare(a.quote, b.quote);
        case Tags:
            return collator.compare(a.tags, b.tags);
        case Note:
            return collator.compare(a.annotation.note, b.annotation.note);
        case Article:
            return collator.compare(a.title, b.title);
        case Author:
            return collator.compare(a.annotation.author, b.annotation.author);
        case Created:
            return a.annotation.created < b.annotation.created ? -1
                                                               : (b.annotation.created < a.annotation.created ? 1 : 0);
        case State:
            return int(a.annotation.state) - int(b.annotation.state);
        default:
            break;
        }
        return 0;
    };
    const bool descending = m_order == Qt::DescendingOrder;
    std::sort(rows.begin(), rows.end(), [&](const Row &a, const Row &b) {
        const int order = key(a, b);
        if (order != 0) {
            return descending ? order > 0 : order < 0;
        }
        // Ties (and no sort column) keep the library's order: by article, then position.
        return a.sequence < b.sequence;
    });
}

void AnnotationListModel::mergeRows(QList<Row> fresh)
{
    QSet<qint64> freshIds;
    for (const Row &row : std::as_const(fresh)) {
        freshIds.insert(row.annotation.id);
    }
    // 1. Rows that are gone, in contiguous runs from the bottom.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (freshIds.contains(m_rows.at(i).annotation.id)) {
            continue;
        }
        const int last = i;
        while (i > 0 && !freshIds.contains(m_rows.at(i - 1).annotation.id)) {
            --i;
        }
        beginRemoveRows({}, i, last);
        m_rows.remove(i, last - i + 1);
        endRemoveRows();
    }

    // 2. The rows still there take their new contents and order; persistent indexes follow them.
    QSet<qint64> keptIds;
    for (const Row &row : std::as_const(m_rows)) {
        keptIds.insert(row.annotation.id);
    }
    QList<Row> kept;
    kept.reserve(m_rows.size());
    for (const Row &row : std::as_const(fresh)) {
        if (keptIds.contains(row.annotation.id)) {
            kept.append(row);
        }
    }
    bool moved = false;
    for (qsizetype i = 0; i < kept.size() && !moved; ++i) {
        moved = kept.at(i).annotation.id != m_rows.at(i).annotation.id;
    }
    if (moved) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        QHash<qint64, int> rowOfId;
        for (qsizetype i = 0; i < kept.size(); ++i) {
            rowOfId.insert(kept.at(i).annotation.id, int(i));
        }
        const QModelIndexList from = persistentIndexList();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex &index : from) {
            to.append(index.isValid() ? createIndex(rowOfId.value(m_rows.at(index.row()).annotation.id), index.column())
                                      : QModelIndex());
        }
        m_rows = kept;
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    } else {
        for (qsizetype i = 0; i < kept.size(); ++i) {
            const Row &before = m_rows.at(i);
            const Row &after = kept.at(i);
            const bool same = before.quote == after.quote && before.tags == after.tags && before.title == after.title
                && before.color == after.color && before.annotation.note == after.annotation.note
                && before.annotation.state == after.annotation.state
                && before.annotation.articleId == after.annotation.articleId
                && before.annotation.author == after.annotation.author
                && before.annotation.created == after.annotation.created
                && before.annotation.modified == after.annotation.modified;
            m_rows[i] = after;
            if (!same) {
                Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
            }
        }
    }
    if (moved && !m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    }

    // 3. New rows, in runs, where the fresh order puts them.
    for (int i = 0; i < fresh.size();) {
        if (i < m_rows.size() && m_rows.at(i).annotation.id == fresh.at(i).annotation.id) {
            ++i;
            continue;
        }
        int end = i;
        while (end < fresh.size() && !keptIds.contains(fresh.at(end).annotation.id)) {
            ++end;
        }
        Q_ASSERT(end > i);
        beginInsertRows({}, i, end - 1);
        m_rows.insert(i, end - i, Row {});
        std::move(fresh.begin() + i, fresh.begin() + end, m_rows.begin() + i);
        endInsertRows();
        i = end;
    }
}

const Core::Annotation *AnnotationListModel::annotationAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).annotation : nullptr;
}

int AnnotationListModel::rowOfAnnotation(qint64 id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).annotation.id == id) {
            return int(i);
        }
    }
    return -1;
}

int AnnotationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AnnotationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnnotationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    const Core::Annotation &a = row.annotation;
    const bool orphaned = a.state == Core::AnnotationState::Orphaned;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Quote:
            return row.quote;
        case Tags:
            return row.tags;
        case Note:
            return oneLine(a.note, quoteDisplayLength);
        case Article:
            return a.articleId >= 0 ? row.title : tr("%1 (removed)").arg(row.title);
        case Author:
            return a.author;
        case Created:
            return a.created.toLocalTime();
        case State: {
            QString state;
            switch (a.state) {
            case Core::AnnotationState::Anchored:
                state = tr("anchored");
                break;
            case Core::AnnotationState::Reattached:
                state = tr("re-attached");
                break;
            case Core::AnnotationState::Orphaned:
                state = tr("orphaned");
                break;
            }
            // Listed only when hidden ones are asked for (AnnotationsPanel's Show hidden).
            return a.hidden ? tr("%1, hidden").arg(state) : state;
        }
        default:
            break;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Quote:
            return a.anchor.exact.left(2000);
        case Note:
            return a.note.isEmpty() ? QVariant() : QVariant(a.note.left(2000));
        case Article:
            return a.articlePath;
        case State:
            switch (a.state) {
            case Core::AnnotationState::Anchored:
                return tr("The passage is where it was highlighted.");
            case Core::AnnotationState::Reattached:
                return tr("The article changed; the passage was found again by approximate match. It read: \"%1\"")
                    .arg(oneLine(a.previousExact, quoteDisplayLength));
            case Core::AnnotationState::Orphaned:
                return tr("The passage is no longer in the article's text; kept for review.");
            }
            break;
        default:
            break;
        }
        break;
    case Qt::DecorationRole:
        return index.column() == Quote ? QVariant(QColor(row.color)) : QVariant();
    case Qt::FontRole:
        if (orphaned) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if (orphaned) {
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        }
        break;
    case AnnotationIdRole:
        return a.id;
    case ArticleIdRole:
        return a.articleId;
    case AnnotationStateRole:
        return int(a.state);
    case AnnotationColorRole:
        return row.color;
    default:
        break;
    }
    return {};
}

QVariant AnnotationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Quote:
        return tr("Quote");
    case Tags:
        return tr("Tags");
    case Note:
        return tr("Note");
    case Article:
        return tr("Article");
    case Author:
        return tr("Author");
    case Created:
        return tr("Created");
    case State:
        return tr("State");
    default:
        break;
    }
    return {};
}

void AnnotationListModel::sort(int column, Qt::SortOrder order)
{
    if (column < -1 || column >= ColumnCount) {
        return;
    }
    m_sortColumn = column;
    m_order = order;
    QList<Row> rows = m_rows;
    sortRows(rows);
    mergeRows(std::move(rows));
}

} // namespace Dossier::Ui
