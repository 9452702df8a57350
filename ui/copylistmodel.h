#pragma once

#include "store/duplicatestore.h"

#include <QAbstractTableModel>

namespace Dossier::Ui
{

/*!
    \brief The copies of one story (Core::DuplicateStore::copiesOf()) as a table: title, source, date
    and similarity to the earliest copy, the earliest first. Roles: CopyArticleIdRole,
    CopySimilarityRole, CopyIsOriginalRole (ui/roles.h).
*/
class CopyListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyListModel)
public:
    enum Column { Title, Source, Date, Similarity, ColumnCount };

    explicit CopyListModel(QObject *parent = nullptr);

    /*! Shows \a cluster (a cluster of one article, or none, shows nothing). */
    void setCluster(const Core::DuplicateCluster &cluster);
    const Core::DuplicateCluster &cluster() const { return m_cluster; }
    /*! The row of article \a id, -1 when it is not in the cluster. */
    int rowOfId(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Core::DuplicateCluster m_cluster;
};

} // namespace Dossier::Ui
