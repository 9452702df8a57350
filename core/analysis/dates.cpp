#include "analysis/dates.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Dossier::Core::Dates {

QDate parseDate(QStringView text)
{
    const QString iso = parse(text);
    return iso.isEmpty() ? QDate() : QDate::fromString(iso.left(10), Qt::ISODate);
}

QString parse(QStringView text)
{
    static const QRegularExpression isoDate(QStringLiteral(R"(\b(\d{4})-(\d{2})-(\d{2})\b)"));
    const auto match = isoDate.matchView(text);
    if (match.hasMatch()) {
        const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
        if (date.isValid()) {
            return date.toString(Qt::ISODate);
        }
    }
    return {};
}

} // namespace Dossier::Core::Dates
