#pragma once

#include "store/timelinequery.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

namespace Dossier::Core
{

/*! \brief The timeline written out, as `dossier-cli timeline --format` and the window's "Export Timeline…" do:
    CSV (RFC 4180: CRLF line ends; fields with commas, quotes or line breaks quoted), an SVG bar chart and
    the same chart as an image. */
namespace TimelineExport
{
/*! "period,first,last,articles" and one line per bucket, then "undated,,,N" when \a counts has
    undated articles. Dates are ISO 8601. */
QByteArray countsCsv(const TimelineCounts &counts);
/*! "date,articles,entities,published,title,start,end,sentence": one line per report of each event
    (its date, distinct articles, entity names joined by "; "), in the events' order. start/end are
    the sentence's code point offsets in the body (as the CLI prints them); the sentence on one line.
    Without its first line when \a header is false: the next part of a file written a page at a time. */
QByteArray eventsCsv(const QList<TimelineEvent> &events, bool header = true);
/*! A bar chart of \a counts as a standalone SVG 1.1 document (one rect per bucket, its title
    "PERIOD: COUNT"), \a heading above it; written here, without QtSvg. */
QByteArray countsSvg(const TimelineCounts &counts, const QString &heading);
/*! The bar chart countsSvg() writes, drawn with QPainter into an image (for PNG): the same bars,
    axis and labels. Drawing text needs a QGuiApplication (an offscreen one does; no display). */
QImage countsImage(const TimelineCounts &counts, const QString &heading);
} // namespace TimelineExport

} // namespace Dossier::Core
