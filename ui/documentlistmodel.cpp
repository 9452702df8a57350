#include "documentlistmodel.h"

#include "store/libraryreader.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <iterator>

namespace Dossier::Ui
{

namespace
{

// The internal id of an index: 0 for a row of the list (an article, or grouped a story), its
// story's row + 1 for a copy under a story row.
constexpr quintptr listRow = 0;

} // namespace

DocumentListModel::DocumentListModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void DocumentListModel::setLibrary(Core::Library *library)
{
    m_library = library;
    reload();
}

void DocumentListModel::setReader(Core::LibraryReader *reader)
{
    m_reader = reader;
}

void DocumentListModel::setFilter(const Core::DocumentFilter &filter)
{
    const bool group = m_filter.groupCopies;
    m_filter = filter;
    m_filter.groupCopies = group;
    reload();
}

void DocumentListModel::setGroupCopies(bool group)
{
    if (group == m_filter.groupCopies) {
        return;
    }
    m_filter.groupCopies = group;
    reload();
}

Core::DocumentFilter DocumentListModel::filter() const
{
    Core::DocumentFilter filter = m_filter;
    filter.groupCopies = false; // what the list lets through; groupsCopies() says how it shows it
    return filter;
}

void DocumentListModel::refresh()
{
    const auto count = m_library && m_error.kind == Core::StoreError::Kind::None
        ? m_library->documents().count(m_filter)
        : std::nullopt;
    if (!count) {
        reload();
        return;
    }
    // No reset: rows are added or removed at the end, and the rest is a layout change in which
    // every persistent index (the view's current row, its selection) follows its article.
    const int newCount = int(*count);
    if (newCount > m_count) {
        beginInsertRows({}, m_count, newCount - 1);
        m_count = newCount;
        endInsertRows();
    }
    relayout([this] { clearPages(); });
    if (newCount < m_count) {
        beginRemoveRows({}, newCount, m_count - 1);
        m_count = newCount;
        endRemoveRows();
    }
}

void DocumentListModel::refreshArticles(const QList<qint64> &ids)
{
    const auto count = !ids.isEmpty() && m_library && m_error.kind == Core::StoreError::Kind::None
        ? m_library->documents().count(m_filter)
        : std::nullopt;
    if (!count || int(*count) != m_count) {
        refresh();
        return;
    }
    // A copy shown under its story: the copies are read again (and every row placed again).
    for (const QList<Core::ArticleSummary> &copies : std::as_const(m_copies)) {
        for (const Core::ArticleSummary &copy : copies) {
            if (ids.contains(copy.id)) {
                refresh();
                return;
            }
        }
    }
    QList<int> rows;
    for (const qint64 id : ids) {
        const auto row = m_library->documents().rowOf(m_filter, m_sort, m_order, id);
        if (!row) {
            refresh();
            return;
        }
        // Where the fetched pages show it now: it must be where the list has it.
        int shown = -1;
        const QList<int> pages = m_pages.keys();
        for (const int page : pages) {
            const QList<Core::ArticleSummary> *cached = m_pages.object(page);
            for (qsizetype i = 0; cached && i < cached->size(); ++i) {
                if (cached->at(i).id == id) {
                    shown = page * pageSize + int(i);
                }
            }
        }
        const QList<Core::ArticleSummary> *page = *row >= 0 ? m_pages.object(int(*row) / pageSize) : nullptr;
        if (shown != (page ? int(*row) : -1)) {
            refresh(); // it moved, or came into the list or left it
            return;
        }
        if (shown >= 0) {
            rows.append(shown);
        }
    }
    for (const int row : std::as_const(rows)) {
        m_pages.remove(row / pageSize); // read again when shown
        m_copyCounts.remove(row / pageSize);
    }
    for (const int row : std::as_const(rows)) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void DocumentListModel::relayout(const std::function<void()> &change)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    // The articles under the persistent indexes, as the rows showed them before the change (a row
    // not fetched cannot be under one: the view never asked for it).
    QList<qint64> ids;
    ids.reserve(from.size());
    for (const QModelIndex &index : from) {
        const Core::ArticleSummary *row
            = index.internalId() == listRow ? cachedSummaryAt(index.row()) : summaryOf(index);
        ids.append(row ? row->id : -1);
    }
    change();
    m_copies.clear(); // read again where asked for: an open story's copies under its new row
    QHash<qint64, int> rows;
    const auto rowOf = [&](qint64 id) {
        if (!rows.contains(id)) {
            const int row = id < 0 ? -1 : rowOfId(id);
            rows.insert(id, row >= 0 && row < m_count ? row : -1);
        }
        return rows.value(id);
    };
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const int row = rowOf(ids.at(i));
        const int column = from.at(i).column();
        if (row < 0) {
            to.append(QModelIndex());
            continue;
        }
        // A copy stays under its story (at the story's new row).
        const QList<Core::ArticleSummary> copies
            = from.at(i).internalId() == listRow ? QList<Core::ArticleSummary>() : copiesAt(row);
        const auto copy = std::find_if(copies.cbegin(), copies.cend(),
            [&](const Core::ArticleSummary &summary) { return summary.id == ids.at(i); });
        to.append(
            copy != copies.cend() ? index(int(copy - copies.cbegin()), column, index(row, 0)) : index(row, column));
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QString DocumentListModel::errorString() const
{
    return m_error.message;
}

Core::StoreError DocumentListModel::lastError() const
{
    return m_error;
}

void DocumentListModel::reload()
{
    beginResetModel();
    clearPages();
    m_copies.clear();
    m_count = 0;
    m_error = {};
    if (m_library) {
        if (const auto count = m_library->documents().count(m_filter)) {
            m_count = int(*count);
        } else {
            m_error = m_library->lastError();
        }
    }
    endResetModel();
    if (m_error.kind != Core::StoreError::Kind::None) {
        Q_EMIT queryFailed(m_error.message);
    }
}

void DocumentListModel::clearPages()
{
    m_pages.clear();
    m_failedPages.clear();
    m_copyCounts.clear();
    m_failedCopyPages.clear();
    m_pendingCopyPages.clear();
    ++m_pagesGeneration; // counts on their way are for windows that are gone
}

int DocumentListModel::copyCountAt(int row) const
{
    const Core::ArticleSummary *summary = summaryAt(row);
    if (!summary) {
        return -1;
    }
    if (m_filter.groupCopies) {
        return std::max(summary->storySize - 1, 0); // read with the row, from the stories
    }
    const int page = row / pageSize;
    QHash<qint64, int> *counts = m_copyCounts.object(page);
    if (!counts) {
        if (m_failedCopyPages.contains(page) || m_pendingCopyPages.contains(page)) {
            return -1;
        }
        // The whole window at once: a view paints a screenful of rows, never one query per row.
        QList<qint64> ids;
        for (const Core::ArticleSummary &article : *m_pages.object(page)) {
            ids.append(article.id);
        }
        if (m_reader) {
            readCopyCounts(page, ids);
            return -1;
        }
        auto fetched = m_library->duplicates().copyCounts(ids);
        if (!fetched) {
            m_failedCopyPages.insert(page);
            return -1;
        }
        counts = new QHash<qint64, int>(std::move(*fetched));
        m_copyCounts.insert(page, counts);
    }
    return counts->value(summary->id, -1);
}

void DocumentListModel::readCopyCounts(int page, const QList<qint64> &ids) const
{
    m_pendingCopyPages.insert(page);
    const quint64 generation = m_pagesGeneration;
    const QFuture<std::optional<QHash<qint64, int>>> future = m_reader->read<std::optional<QHash<qint64, int>>>(
        [ids](Core::Library *library, const QString &) -> std::optional<QHash<qint64, int>> {
            if (!library) {
                return std::nullopt;
            }
            return library->duplicates().copyCounts(ids);
        },
        // Usually a few milliseconds, but a story in hundreds of copies takes longer: not in the
        // way of the sidebar's quick reads.
        Core::LibraryReader::Lane::Bulk);
    auto *self = const_cast<DocumentListModel *>(this);
    auto *watcher = new QFutureWatcher<std::optional<QHash<qint64, int>>>(self);
    connect(watcher, &QFutureWatcherBase::finished, self, [self, watcher, page, generation] {
        watcher->deleteLater();
        if (generation != self->m_pagesGeneration) {
            return; // the windows were read again since
        }
        self->m_pendingCopyPages.remove(page);
        const auto future = watcher->future();
        if (future.resultCount() == 0 || !future.result()) {
            self->m_failedCopyPages.insert(page);
            return;
        }
        self->m_copyCounts.insert(page, new QHash<qint64, int>(*future.result()));
        const int first = page * pageSize;
        const int last = std::min(first + pageSize, self->m_count) - 1;
        if (last >= first) {
            Q_EMIT self->dataChanged(self->index(first, Copies), self->index(last, Copies));
        }
    });
    watcher->setFuture(future);
}

const Core::ArticleSummary *DocumentListModel::cachedSummaryAt(int row) const
{
    const QList<Core::ArticleSummary> *rows = m_pages.object(row / pageSize);
    const int offset = row % pageSize;
    return rows && offset < rows->size() ? &rows->at(offset) : nullptr;
}

const Core::ArticleSummary *DocumentListModel::summaryAt(int row) const
{
    const int page = row / pageSize;
    QList<Core::ArticleSummary> *rows = m_pages.object(page);
    if (!rows) {
        if (m_failedPages.contains(page)) {
            return nullptr;
        }
        auto fetched = m_library->documents().window(m_filter, m_sort, m_order, page * pageSize, pageSize);
        if (!fetched) {
            // Not asked again for every cell of the page; the next refresh tries again.
            m_failedPages.insert(page);
            m_error = m_library->lastError();
            Q_EMIT const_cast<DocumentListModel *>(this)->queryFailed(m_error.message);
            return nullptr;
        }
        // Under a query, the passages and relevance of this page's articles: read for the rows
        // fetched, never for the whole list.
        if (!m_filter.text.trimmed().isEmpty() && !fetched->isEmpty()) {
            QList<qint64> ids;
            ids.reserve(fetched->size());
            for (const Core::ArticleSummary &summary : std::as_const(*fetched)) {
                ids.append(summary.id);
            }
            if (const auto found = m_library->documents().matches(m_filter.text, ids)) {
                for (Core::ArticleSummary &summary : *fetched) {
                    const Core::SearchMatch match = found->value(summary.id);
                    summary.snippet = match.snippet;
                    summary.relevance = match.relevance;
                }
            }
        }
        rows = new QList<Core::ArticleSummary>(std::move(*fetched));
        m_pages.insert(page, rows);
    }
    const int offset = row % pageSize;
    return offset < rows->size() ? &rows->at(offset) : nullptr;
}

int DocumentListModel::rowOfId(qint64 id) const
{
    // The windows already fetched first; any other row is counted in SQL along the sort index.
    const QList<int> pages = m_pages.keys();
    for (int page : pages) {
        const QList<Core::ArticleSummary> *rows = m_pages.object(page);
        for (qsizetype i = 0; rows && i < rows->size(); ++i) {
            if (rows->at(i).id == id) {
                return page * pageSize + int(i);
            }
        }
    }
    if (!m_library || m_error.kind != Core::StoreError::Kind::None) {
        return -1;
    }
    const auto row = m_library->documents().rowOf(m_filter, m_sort, m_order, id);
    return row && *row < m_count ? int(*row) : -1;
}

QModelIndex DocumentListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    if (!parent.isValid()) {
        return row < m_count ? createIndex(row, column, listRow) : QModelIndex();
    }
    if (parent.internalId() != listRow || parent.column() != 0 || row >= copiesAt(parent.row()).size()) {
        return {};
    }
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex DocumentListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == listRow) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, listRow);
}

int DocumentListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return m_count;
    }
    return parent.internalId() == listRow && parent.column() == 0 ? int(copiesAt(parent.row()).size()) : 0;
}

int DocumentListModel::columnCount(const QModelIndex &parent) const
{
    return !parent.isValid() || (parent.internalId() == listRow && parent.column() == 0) ? ColumnCount : 0;
}

bool DocumentListModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return m_count > 0;
    }
    if (parent.internalId() != listRow || parent.column() != 0 || !m_filter.groupCopies) {
        return false;
    }
    if (const auto copies = m_copies.constFind(parent.row()); copies != m_copies.cend()) {
        return !copies->isEmpty();
    }
    const Core::ArticleSummary *row = summaryAt(parent.row());
    return row && row->storySize > 1;
}

const QList<Core::ArticleSummary> &DocumentListModel::copiesAt(int row) const
{
    static const QList<Core::ArticleSummary> none;
    auto copies = m_copies.find(row);
    if (copies == m_copies.end()) {
        const Core::ArticleSummary *story = m_filter.groupCopies ? summaryAt(row) : nullptr;
        if (!story || story->storySize < 2) {
            return none;
        }
        // Read once (none when they cannot be: reported, not asked again until the list is read again).
        copies = m_copies.insert(row, readCopies(story->id).value_or(QList<Core::ArticleSummary>()));
    }
    return *copies;
}

std::optional<QList<Core::ArticleSummary>> DocumentListModel::readCopies(qint64 id) const
{
    // Every copy of the story, whatever the filter lets through: the row's "5 copies" are five rows.
    auto copies = m_library ? m_library->documents().storyCopies({}, id) : std::nullopt;
    if (!copies && m_library) {
        m_error = m_library->lastError();
        Q_EMIT const_cast<DocumentListModel *>(this)->queryFailed(m_error.message);
    }
    return copies;
}

const Core::ArticleSummary *DocumentListModel::summaryOf(const QModelIndex &index) const
{
    if (index.internalId() == listRow) {
        return summaryAt(index.row());
    }
    const auto copies = m_copies.constFind(int(index.internalId() - 1));
    return copies != m_copies.cend() && index.row() < copies->size() ? &copies->at(index.row()) : nullptr;
}

QVariant DocumentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Core::ArticleSummary *row = summaryOf(index);
    if (!row) {
        return {};
    }
    if (const QVariant missing = missingData(*row, role); missing.isValid()) {
        return missing;
    }
    if (index.internalId() != listRow) {
        return copyData(*row, index.column(), role);
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
        case Date:
        case Source:
        case Entities:
        case Tags:
            return articleText(*row, index.column());
        case Copies: {
            const int copies = copyCountAt(index.row());
            if (m_filter.groupCopies && copies > 0 && row->storyMatches < copies + 1) {
                return tr("%1 of %n copy(ies)", nullptr, copies + 1).arg(row->storyMatches);
            }
            return copies > 0 ? tr("%n copy(ies)", nullptr, copies + 1) : QString();
        }
        case Match:
            return QString(row->snippet).remove(matchStart).remove(matchEnd).simplified();
        case Relevance:
            return m_filter.text.trimmed().isEmpty() ? QVariant() : QVariant(row->relevance);
        default:
            break;
        }
        break;
    case MatchRole:
        return row->snippet;
    case Qt::ToolTipRole:
        if (index.column() == Copies) {
            const int copies = copyCountAt(index.row());
            if (copies > 0 && m_filter.groupCopies) {
                return tr("One row for the %n articles of this story, %1 of them listed (View › Copies shows them)",
                    nullptr, copies + 1)
                    .arg(row->storyMatches);
            }
            if (copies > 0) {
                return tr("The same story is in %n other article(s) of the library (View › Copies shows them)", nullptr,
                    copies);
            }
        }
        return index.column() == Match && !row->snippet.isEmpty()
            ? QString(row->snippet).remove(matchStart).remove(matchEnd)
            : row->path;
    case CopyCountRole:
        return copyCountAt(index.row());
    case StoryMatchesRole:
        return m_filter.groupCopies ? row->storyMatches : 1;
    case Qt::TextAlignmentRole:
        return index.column() == Entities || index.column() == Relevance ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                         : QVariant();
    case IdRole:
        return row->id;
    case PathRole:
        return row->path;
    default:
        break;
    }
    return {};
}

QVariant DocumentListModel::articleText(const Core::ArticleSummary &row, int column)
{
    switch (column) {
    case Title:
        return row.title.isEmpty() ? QFileInfo(row.path).fileName() : row.title;
    case Date:
        return row.date.left(10);
    case Source:
        return row.source;
    case Entities:
        return row.entityCount;
    case Tags:
        return row.tags.join(QStringLiteral(", "));
    default:
        return {};
    }
}

QVariant DocumentListModel::missingData(const Core::ArticleSummary &row, int role)
{
    if (role == MissingSinceRole) {
        return row.missingSince;
    }
    if (row.missingSince == 0) {
        return {};
    }
    switch (role) {
    case Qt::ForegroundRole:
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    case Qt::ToolTipRole:
        return tr("Missing since %1: the file is gone from its watched folder (%2). The article and its "
                  "annotations are kept, and come back to it when the file does.")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.missingSince), QLocale::ShortFormat), row.path);
    default:
        return {};
    }
}

QVariant DocumentListModel::copyData(const Core::ArticleSummary &row, int column, int role)
{
    // A copy under its story: what it is (its own title, date, source), no counts of its own.
    switch (role) {
    case Qt::DisplayRole:
        return articleText(row, column);
    case Qt::ToolTipRole:
        return row.path;
    case Qt::TextAlignmentRole:
        return column == Entities ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case IdRole:
        return row.id;
    case PathRole:
        return row.path;
    default:
        return {};
    }
}

QVariant DocumentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Title:
        return tr("Title");
    case Date:
        return tr("Date");
    case Source:
        return tr("Source");
    case Entities:
        return tr("Entities");
    case Tags:
        return tr("Tags");
    case Copies:
        return tr("Copies");
    case Match:
        return tr("Match");
    case Relevance:
        return tr("Relevance");
    default:
        break;
    }
    return {};
}

void DocumentListModel::sort(int column, Qt::SortOrder order)
{
    static constexpr Core::DocumentSort sorts[] = { Core::DocumentSort::Title, Core::DocumentSort::Date,
        Core::DocumentSort::Source, Core::DocumentSort::EntityCount, Core::DocumentSort::Tags,
        Core::DocumentSort::Date /* Copies: not sortable */, Core::DocumentSort::Relevance,
        Core::DocumentSort::Relevance };
    static_assert(std::size(sorts) == ColumnCount);
    if (column < 0 || column >= ColumnCount || column == Copies) {
        return;
    }
    relayout([this, column, order] {
        m_sort = sorts[column];
        m_order = order;
        clearPages();
    });
}

int DocumentListModel::sortColumn() const
{
    switch (m_sort) {
    case Core::DocumentSort::Title:
        return Title;
    case Core::DocumentSort::Source:
        return Source;
    case Core::DocumentSort::EntityCount:
        return Entities;
    case Core::DocumentSort::Tags:
        return Tags;
    default:
        return Date;
    }
}

} // namespace Dossier::Ui
