#pragma once

#include <QList>
#include <QStyledItemDelegate>

#include <utility>

namespace Dossier::Ui
{

/*!
    \brief Paints the document list's Match column: the passage of DocumentListModel::MatchRole on
    one line, its matches in bold (the marks themselves never shown, the text never read as HTML).
*/
class MatchDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatchDelegate)
public:
    explicit MatchDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /*! The runs of \a marked: its text between the marks, and whether each is a match. */
    static QList<std::pair<QString, bool>> runs(const QString &marked);
};

} // namespace Dossier::Ui
