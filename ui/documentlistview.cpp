#include "documentlistview.h"

#include <QHeaderView>

namespace Dossier::Ui
{

DocumentListView::DocumentListView(QWidget *parent)
    : QTreeView(parent)
{
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
}

void DocumentListView::selectRow(int row)
{
    if (!model() || !selectionModel()) {
        return;
    }
    selectionModel()->setCurrentIndex(
        model()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int DocumentListView::rowAt(int y) const
{
    QModelIndex index = indexAt(QPoint(0, y));
    while (index.parent().isValid()) {
        index = index.parent();
    }
    return index.isValid() ? index.row() : -1;
}

} // namespace Dossier::Ui
