#include "documentlistmodel.h"

namespace Dossier::Ui
{

DocumentListModel::DocumentListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DocumentListModel::setLibrary(Core::Library *library)
{
    m_library = library;
    reload();
}

void DocumentListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    if (m_library) {
        if (auto rows = m_library->list({})) {
            m_rows = std::move(*rows);
        } else {
            m_error = m_library->errorString();
        }
    }
    endResetModel();
}

QString DocumentListModel::errorString() const
{
    return m_error;
}

int DocumentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DocumentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DocumentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Core::ArticleSummary &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return row.title.isEmpty() ? row.path.section(u'/', -1) : row.title;
        case Date:
            return row.date.left(10);
        case Source:
            return row.source;
        case Entities:
            return row.entityCount;
        }
        break;
    case Qt::ToolTipRole:
        return row.path;
    case IdRole:
        return row.id;
    case PathRole:
        return row.path;
    }
    return {};
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
    }
    return {};
}

} // namespace Dossier::Ui
