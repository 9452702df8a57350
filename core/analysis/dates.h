#pragma once

#include <QDate>
#include <QString>
#include <QStringView>

namespace Dossier::Core
{

/*!
    \brief Publication dates in the forms real pages use: 'Sep. 30, 2013 - 09:16AM',
    'Wednesday, 13 November 2024', 'date 2021-07-06', '2021-07-06T10:00:00Z', '30/09/2013'…
*/
namespace Dates
{
/*! The first publication date in \a text as an ISO 8601 string: "YYYY-MM-DD", or the full
    date-time when \a text is an ISO 8601 date-time; empty when there is none. */
QString parse(QStringView text);
/*! Same, as a QDate (invalid when none). */
QDate parseDate(QStringView text);
} // namespace Dates

} // namespace Dossier::Core
