#include "matchdelegate.h"

#include "documentlistmodel.h"

#include <QApplication>
#include <QPainter>

namespace Dossier::Ui
{

MatchDelegate::MatchDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QList<std::pair<QString, bool>> MatchDelegate::runs(const QString &marked)
{
    QList<std::pair<QString, bool>> out;
    QString current;
    bool inMatch = false;
    const auto flush = [&] {
        if (!current.isEmpty()) {
            out.append({ current, inMatch });
            current.clear();
        }
    };
    for (const QChar c : marked) {
        if (c == DocumentListModel::matchStart || c == DocumentListModel::matchEnd) {
            flush();
            inMatch = c == DocumentListModel::matchStart;
        } else {
            // One line: the passage's line breaks become spaces.
            current.append(c == u'\n' || c == u'\r' || c == u'\t' ? QChar(u' ') : c);
        }
    }
    flush();
    return out;
}

void MatchDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString marked = index.data(DocumentListModel::MatchRole).toString();
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    if (marked.isEmpty()) {
        return;
    }
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget).adjusted(2, 0, -2, 0);
    painter->save();
    painter->setClipRect(area);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled,
        selected ? QPalette::HighlightedText : QPalette::Text));
    QFont bold = opt.font;
    bold.setBold(true);
    int x = area.left();
    for (const auto &[text, match] : runs(marked)) {
        if (x > area.right()) {
            break;
        }
        const QFont &font = match ? bold : opt.font;
        painter->setFont(font);
        const int width = QFontMetrics(font).horizontalAdvance(text);
        painter->drawText(QRect(x, area.top(), width + 1, area.height()), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += width;
    }
    painter->restore();
}

} // namespace Dossier::Ui
