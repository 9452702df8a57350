#include "copylistmodel.h"

#include "roles.h"

#include <QFileInfo>
#include <QLocale>

namespace Dossier::Ui
{

CopyListModel::CopyListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CopyListModel::setCluster(const Core::DuplicateCluster &cluster)
{
    // Another article's cluster is another list: a reset, not a patch of rows.
    beginResetModel();
    m_cluster = cluster.members.size() > 1 ? cluster : Core::DuplicateCluster();
    endResetModel();
}

int CopyListModel::rowOfId(qint64 id) const
{
    for (qsizetype row = 0; row < m_cluster.members.size(); ++row) {
        if (m_cluster.members.at(row).article.id == id) {
            return int(row);
        }
    }
    return -1;
}

int CopyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cluster.members.size());
}

int CopyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CopyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Core::ClusterMember &member = m_cluster.members.at(index.row());
    const bool original = index.row() == 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return member.article.title.isEmpty() ? QFileInfo(member.article.path).fileName() : member.article.title;
        case Source:
            return member.article.source;
        case Date:
            return member.article.date.left(10);
        case Similarity:
            return original ? tr("earliest") : QLocale().toString(member.similarity * 100, 'f', 0) + u'%';
        default:
            break;
        }
        break;
    case Qt::ToolTipRole:
        return original ? tr("The earliest copy: the others are compared with it")
                        : tr("Estimated share of word sequences this copy has in common with the earliest");
    case Qt::TextAlignmentRole:
        return index.column() == Similarity ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case CopyArticleIdRole:
        return member.article.id;
    case CopySimilarityRole:
        return member.similarity;
    case CopyIsOriginalRole:
        return original;
    default:
        break;
    }
    return {};
}

QVariant CopyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Title:
        return tr("Title");
    case Source:
        return tr("Source");
    case Date:
        return tr("Date");
    case Similarity:
        return tr("Similarity");
    default:
        break;
    }
    return {};
}

} // namespace Dossier::Ui
