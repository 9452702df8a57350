#include "cooccurrencemodel.h"

#include "roles.h"

#include <QLocale>

namespace Dossier::Ui
{

CooccurrenceModel::CooccurrenceModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CooccurrenceModel::setCooccurrences(const Core::Cooccurrences &cooccurrences)
{
    // Each answer is a new ranking over a new set of articles: nothing of the old rows carries over.
    beginResetModel();
    m_cooccurrences = cooccurrences;
    endResetModel();
}

int CooccurrenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cooccurrences.pairs.size());
}

int CooccurrenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CooccurrenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Core::CooccurrencePair &pair = m_cooccurrences.pairs.at(index.row());
    switch (role) {
    case PairEntityARole:
        return pair.a.id;
    case PairEntityBRole:
        return pair.b.id;
    case Qt::DisplayRole:
    case PairSortRole:
        switch (Column(index.column())) {
        case EntityAColumn:
            return pair.a.name;
        case EntityBColumn:
            return pair.b.name;
        case TogetherColumn:
            return pair.count;
        case NpmiColumn:
            return role == PairSortRole ? QVariant(pair.npmi) : QVariant(QLocale().toString(pair.npmi, 'f', 2));
        case ColumnCount:
            break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TogetherColumn || index.column() == NpmiColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case Qt::ToolTipRole: {
        const QString unit = m_cooccurrences.scope == Core::CooccurrenceScope::Sentence
            ? tr("%n sentence(s)", nullptr, pair.count)
            : tr("%n article(s)", nullptr, pair.count);
        return tr("%1 and %2 appear together in %3 (%1 in %4 in all, %2 in %5); NPMI %6, PMI %7 bits")
            .arg(pair.a.name, pair.b.name, unit)
            .arg(pair.a.documents)
            .arg(pair.b.documents)
            .arg(QLocale().toString(pair.npmi, 'f', 3), QLocale().toString(pair.pmi, 'f', 2));
    }
    default:
        break;
    }
    return {};
}

QVariant CooccurrenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (Column(section)) {
    case EntityAColumn:
        return tr("Entity A");
    case EntityBColumn:
        return tr("Entity B");
    case TogetherColumn:
        return tr("Together");
    case NpmiColumn:
        return tr("NPMI");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Dossier::Ui
