#pragma once

#include <QTreeView>

class QHeaderView;

namespace Dossier::Ui
{

/*!
    \brief The view of the document list: a tree, so that a story row grouped by View › Group
    Copies opens onto its copies, with the table's ways of naming rows (selectRow(), rowAt(),
    horizontalHeader()) for the list's top-level rows. Rows are of one height (the list may hold
    100,000 of them: the view never measures them one by one).
*/
class DocumentListView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentListView)
public:
    explicit DocumentListView(QWidget *parent = nullptr);

    QHeaderView *horizontalHeader() const { return header(); }
    /*! Makes top-level \a row the current and only selected row. */
    void selectRow(int row);
    /*! The top-level row at \a y of the viewport (a copy's story row), or -1. */
    int rowAt(int y) const;
};

} // namespace Dossier::Ui
