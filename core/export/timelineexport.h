#pragma once

#include "store/timelinequery.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Dossier::Core
{

/*! \brief The timeline written out, as the window's "Export Timeline…" does and the CLI could:
    CSV (RFC 4180: CRLF line ends; fields with commas, quotes or line breaks quoted) and an SVG bar chart. */
namespace TimelineExport
{
/*! "period,first,last,articles" and one line per bucket, then "undated,,,N" when \a counts has
    undated articles. Dates are ISO 8601. */
QByteArray countsCsv(const TimelineCounts &counts);
/*! "date,articles,entities,published,title,start,end,sentence": one line per report of each event
    (its date, distinct articles, entity names joined by "; "), in the events' order. start/end are
    the sentence's code point offsets in the body (as the CLI prints them); the sentence on one line. */
QByteArray eventsCsv(const QList<TimelineEvent> &events);
/*! A bar chart of \a counts as a standalone SVG 1.1 document (one rect per bucket, its title
    "PERIOD: COUNT"), \a heading above it; written here, without QtSvg. */
QByteArray countsSvg(const TimelineCounts &counts, const QString &heading);
} // namespace TimelineExport

} // namespace Dossier::Core
