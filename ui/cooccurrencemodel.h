#pragma once

#include "store/cooccurrencequery.h"

#include <QAbstractTableModel>

namespace Dossier::Ui
{

/*!
    \brief Who appears with whom as a table: one row per pair of Core::Cooccurrences (entity A, entity
    B, the units naming both, NPMI), in the query's ranked order. Sort it through a proxy on
    PairSortRole; PairEntityARole and PairEntityBRole give the pair's ids (ui/roles.h).
*/
class CooccurrenceModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CooccurrenceModel)
public:
    enum Column { EntityAColumn, EntityBColumn, TogetherColumn, NpmiColumn, ColumnCount };

    explicit CooccurrenceModel(QObject *parent = nullptr);

    /*! Shows \a cooccurrences' pairs instead of the previous ones. */
    void setCooccurrences(const Core::Cooccurrences &cooccurrences);
    const Core::Cooccurrences &cooccurrences() const { return m_cooccurrences; }
    /*! The pair of \a row (of this model, not a proxy's). */
    const Core::CooccurrencePair &pair(int row) const { return m_cooccurrences.pairs.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Core::Cooccurrences m_cooccurrences;
};

} // namespace Dossier::Ui
