// The timeline written out: CSV of the counts and of the events, and a bar chart as SVG or as an image.

#include "export/timelineexport.h"

#include <QFont>
#include <QPainter>
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

// The chart's geometry, shared by the SVG and the image so both show the same picture.
struct ChartLayout {
    static constexpr int barWidth = 16;
    static constexpr int gap = 4;
    static constexpr int plotHeight = 200;
    static constexpr int left = 40;
    static constexpr int top = 40;
    static constexpr int bottom = 60;

    explicit ChartLayout(const TimelineCounts &counts)
        : bars(int(counts.buckets.size()))
        , width(left + std::max(1, bars) * (barWidth + gap) + 20)
        , height(top + plotHeight + bottom)
    {
        for (const TimelineBucket &bucket : counts.buckets) {
            most = std::max(most, bucket.articles);
        }
    }
    int barX(int i) const { return left + i * (barWidth + gap); }
    int barHeight(int articles) const { return articles * plotHeight / most; }

    int bars = 0;
    int width = 0;
    int height = 0;
    int most = 1;
};

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

QByteArray eventsCsv(const QList<TimelineEvent> &events, bool header)
{
    QString csv;
    if (header) {
        csv = csvLine({ QStringLiteral("date"), QStringLiteral("articles"), QStringLiteral("entities"),
            QStringLiteral("published"), QStringLiteral("title"), QStringLiteral("start"), QStringLiteral("end"),
            QStringLiteral("sentence") });
    }
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
    const ChartLayout chart(counts);
    constexpr int left = ChartLayout::left;
    constexpr int top = ChartLayout::top;
    constexpr int plotHeight = ChartLayout::plotHeight;
    QString svg = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" "
                                 "height=\"%2\" viewBox=\"0 0 %1 %2\" font-family=\"sans-serif\" font-size=\"11\">\n")
                      .arg(chart.width)
                      .arg(chart.height);
    svg += QStringLiteral("<rect width=\"%1\" height=\"%2\" fill=\"#ffffff\"/>\n").arg(chart.width).arg(chart.height);
    svg += QStringLiteral("<text x=\"%1\" y=\"20\" font-size=\"13\">%2</text>\n").arg(left).arg(xmlEscaped(heading));
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#444444\"/>\n")
               .arg(left - 4)
               .arg(top + plotHeight)
               .arg(chart.width - 16);
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"end\">%3</text>\n")
               .arg(left - 8)
               .arg(top + 4)
               .arg(chart.most);
    for (int i = 0; i < chart.bars; ++i) {
        const TimelineBucket &bucket = counts.buckets.at(i);
        const int x = chart.barX(i);
        const int h = chart.barHeight(bucket.articles);
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#3b6ea5\"><title>%5: "
                              "%6</title></rect>\n")
                   .arg(x)
                   .arg(top + plotHeight - h)
                   .arg(ChartLayout::barWidth)
                   .arg(h)
                   .arg(xmlEscaped(bucket.period))
                   .arg(bucket.articles);
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" transform=\"rotate(60 %1 %2)\">%3</text>\n")
                   .arg(x + ChartLayout::barWidth / 2)
                   .arg(top + plotHeight + 12)
                   .arg(xmlEscaped(bucket.period));
    }
    svg += QStringLiteral("</svg>\n");
    return svg.toUtf8();
}

QImage countsImage(const TimelineCounts &counts, const QString &heading)
{
    const ChartLayout chart(counts);
    constexpr int left = ChartLayout::left;
    constexpr int top = ChartLayout::top;
    constexpr int plotHeight = ChartLayout::plotHeight;
    QImage image(chart.width, chart.height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont font(QStringLiteral("sans-serif"));
    font.setStyleHint(QFont::SansSerif);
    font.setPixelSize(13);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QPoint(left, 20), heading);
    font.setPixelSize(11);
    painter.setFont(font);
    painter.setPen(QColor(0x44, 0x44, 0x44));
    painter.drawLine(left - 4, top + plotHeight, chart.width - 16, top + plotHeight);
    painter.setPen(Qt::black);
    painter.drawText(QRect(0, top - 8, left - 8, 16), Qt::AlignRight | Qt::AlignVCenter, QString::number(chart.most));
    for (int i = 0; i < chart.bars; ++i) {
        const TimelineBucket &bucket = counts.buckets.at(i);
        const int x = chart.barX(i);
        const int h = chart.barHeight(bucket.articles);
        painter.fillRect(x, top + plotHeight - h, ChartLayout::barWidth, h, QColor(0x3b, 0x6e, 0xa5));
        // The period below its bar, turned 60 degrees as in the SVG.
        painter.save();
        painter.translate(QPoint(x + ChartLayout::barWidth / 2, top + plotHeight + 12));
        painter.rotate(60);
        painter.drawText(QPoint(0, 0), bucket.period);
        painter.restore();
    }
    painter.end();
    return image;
}

} // namespace Dossier::Core::TimelineExport
