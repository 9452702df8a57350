// The timeline written out: CSV of the counts and of the events, and an SVG bar chart.

#include "export/timelineexport.h"

#include <QStringList>

#include <algorithm>

namespace Dossier::Core::TimelineExport
{

namespace
{

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r')) {
        return value;
    }
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString csvLine(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &field : fields) {
        out.append(csvField(field));
    }
    return out.join(u',') + QStringLiteral("\r\n");
}

QString xmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QByteArray countsCsv(const TimelineCounts &counts)
{
    QString csv = csvLine(
        { QStringLiteral("period"), QStringLiteral("first"), QStringLiteral("last"), QStringLiteral("articles") });
    for (const TimelineBucket &bucket : counts.buckets) {
        csv += csvLine({ bucket.period, bucket.first.toString(Qt::ISODate), bucket.last.toString(Qt::ISODate),
            QString::number(bucket.articles) });
    }
    if (counts.undated > 0) {
        csv += csvLine({ QStringLiteral("undated"), QString(), QString(), QString::number(counts.undated) });
    }
    return csv.toUtf8();
}

QByteArray eventsCsv(const QList<TimelineEvent> &events)
{
    QString csv = csvLine(
        { QStringLiteral("date"), QStringLiteral("articles"), QStringLiteral("entities"), QStringLiteral("published"),
            QStringLiteral("title"), QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("sentence") });
    for (const TimelineEvent &event : events) {
        QStringList names;
        for (const EntitySummary &entity : event.entities) {
            names.append(entity.name);
        }
        for (const EventReport &report : event.reports) {
            csv += csvLine({ event.date, QString::number(event.articles), names.join(QStringLiteral("; ")),
                report.published, report.title, QString::number(report.startCodePoint),
                QString::number(report.endCodePoint), report.sentence.simplified() });
        }
    }
    return csv.toUtf8();
}

QByteArray countsSvg(const TimelineCounts &counts, const QString &heading)
{
    constexpr int barWidth = 16;
    constexpr int gap = 4;
    constexpr int plotHeight = 200;
    constexpr int left = 40;
    constexpr int top = 40;
    constexpr int bottom = 60;
    const int bars = int(counts.buckets.size());
    const int width = left + std::max(1, bars) * (barWidth + gap) + 20;
    const int height = top + plotHeight + bottom;
    int most = 1;
    for (const TimelineBucket &bucket : counts.buckets) {
        most = std::max(most, bucket.articles);
    }
    QString svg = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" "
                                 "height=\"%2\" viewBox=\"0 0 %1 %2\" font-family=\"sans-serif\" font-size=\"11\">\n")
                      .arg(width)
                      .arg(height);
    svg += QStringLiteral("<rect width=\"%1\" height=\"%2\" fill=\"#ffffff\"/>\n").arg(width).arg(height);
    svg += QStringLiteral("<text x=\"%1\" y=\"20\" font-size=\"13\">%2</text>\n").arg(left).arg(xmlEscaped(heading));
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#444444\"/>\n")
               .arg(left - 4)
               .arg(top + plotHeight)
               .arg(width - 16);
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"end\">%3</text>\n")
               .arg(left - 8)
               .arg(top + 4)
               .arg(most);
    for (int i = 0; i < bars; ++i) {
        const TimelineBucket &bucket = counts.buckets.at(i);
        const int x = left + i * (barWidth + gap);
        const int h = bucket.articles * plotHeight / most;
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#3b6ea5\"><title>%5: "
                              "%6</title></rect>\n")
                   .arg(x)
                   .arg(top + plotHeight - h)
                   .arg(barWidth)
                   .arg(h)
                   .arg(xmlEscaped(bucket.period))
                   .arg(bucket.articles);
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" transform=\"rotate(60 %1 %2)\">%3</text>\n")
                   .arg(x + barWidth / 2)
                   .arg(top + plotHeight + 12)
                   .arg(xmlEscaped(bucket.period));
    }
    svg += QStringLiteral("</svg>\n");
    return svg.toUtf8();
}

} // namespace Dossier::Core::TimelineExport
