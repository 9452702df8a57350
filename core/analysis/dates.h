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

/*! \brief How much of the calendar an ISO 8601 period covers. */
enum class Precision { Year, Month, Week, Day };

/*! \brief A period written in ISO 8601: its first and last day and its precision. */
struct Period {
    QDate first;
    QDate last;
    Precision precision = Precision::Day;
    bool isValid() const { return first.isValid() && last.isValid(); }
};

/*! The period an ISO 8601 value names: "2026" (the year), "2026-02" (the month), "2026-W07" (the
    ISO week), "2026-02-12" (the day; a time after it is ignored). Invalid for anything else. The
    DATE entities of the analysis are written this way. */
Period period(QStringView iso);
/*! The name of the period of \a precision that holds \a day: "2026", "2026-02", "2026-W07" or
    "2026-02-12". */
QString periodName(QDate day, Precision precision);
/*! "year", "month", "week" or "day". */
QString precisionName(Precision precision);
/*! Parses precisionName()'s words; false for others. */
bool precisionFromName(QStringView name, Precision *precision);
} // namespace Dates

} // namespace Dossier::Core
