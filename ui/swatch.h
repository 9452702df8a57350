#pragma once

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace Dossier::Ui
{

/*! A small square of \a color with a faint outline: how a tag's or highlight's colour is shown in lists and menus. */
inline QIcon colorSwatch(const QColor &color, int size = 12)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QColor(0, 0, 0, 90));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 2, 2);
    return QIcon(pixmap);
}

} // namespace Dossier::Ui
