// dossier-cli timeline: the listed articles by publication period, or the events they report, as
// JSON Lines, CSV, or a bar chart (SVG, PNG).

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "export/timelineexport.h"
#include "store/library.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

#include <cstdio>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonObject eventJson(const TimelineEvent &event)
{
    QJsonArray entities;
    for (const EntitySummary &entity : event.entities) {
        entities.append(QJsonObject { { QLatin1String("id"), entity.id }, { QLatin1String("name"), entity.name },
            { QLatin1String("type"), entityTypeName(entity.type) }, { QLatin1String("reports"), entity.documents } });
    }
    QJsonArray reports;
    for (const EventReport &report : event.reports) {
        reports.append(QJsonObject {
            { QLatin1String("article"), report.articleId },
            { QLatin1String("title"), report.title },
            { QLatin1String("source"), report.source },
            { QLatin1String("published"), report.published },
            { QLatin1String("start"), report.startCodePoint },
            { QLatin1String("end"), report.endCodePoint },
            { QLatin1String("sentence"), report.sentence },
        });
    }
    return QJsonObject {
        { QLatin1String("date"), event.date },
        { QLatin1String("precision"), Dates::precisionName(event.period.precision) },
        { QLatin1String("first"), event.period.first.toString(Qt::ISODate) },
        { QLatin1String("last"), event.period.last.toString(Qt::ISODate) },
        { QLatin1String("text"), event.reports.isEmpty() ? QString() : event.reports.constFirst().sentence },
        { QLatin1String("articles"), event.articles },
        { QLatin1String("entities"), entities },
        { QLatin1String("reports"), reports },
    };
}

QJsonObject bucketJson(const TimelineBucket &bucket)
{
    return QJsonObject {
        { QLatin1String("period"), bucket.period },
        { QLatin1String("first"), bucket.first.toString(Qt::ISODate) },
        { QLatin1String("last"), bucket.last.toString(Qt::ISODate) },
        { QLatin1String("articles"), bucket.articles },
    };
}

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// What --out writes (or stdout gets): the counts in the chosen format.
QByteArray countsDocument(const TimelineCounts &counts, const QString &format, Dates::Precision precision)
{
    const QString heading = QStringLiteral("Articles per %1").arg(Dates::precisionName(precision));
    if (format == u"csv") {
        return TimelineExport::countsCsv(counts);
    }
    if (format == u"svg") {
        return TimelineExport::countsSvg(counts, heading);
    }
    if (format == u"png") {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        TimelineExport::countsImage(counts, heading).save(&buffer, "PNG");
        return png;
    }
    QByteArray lines;
    for (const TimelineBucket &bucket : counts.buckets) {
        lines += jsonLine(bucketJson(bucket));
    }
    if (counts.undated > 0) {
        lines += jsonLine(QJsonObject {
            { QLatin1String("period"), QJsonValue::Null }, { QLatin1String("articles"), counts.undated } });
    }
    return lines;
}

bool writeDocument(const QString &path, const QByteArray &document)
{
    if (path.isEmpty()) {
        std::fwrite(document.constData(), 1, size_t(document.size()), stdout);
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() || !file.commit()) {
        writeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

// The events a page of dates at a time, written as they are read: a large library's events need
// not be held at once.
int printEvents(Library &library, const DocumentFilter &filter, const QString &format, const QString &outPath)
{
    constexpr int pageReports = 5000;
    const auto dates = library.timeline().eventDates(filter);
    if (!dates) {
        writeError(library.errorString());
        return Failed;
    }
    QSaveFile file(outPath);
    if (!outPath.isEmpty() && !file.open(QIODevice::WriteOnly)) {
        writeError(QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString()));
        return Failed;
    }
    const auto put = [&](const QByteArray &bytes) {
        if (outPath.isEmpty()) {
            return std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) == size_t(bytes.size());
        }
        return file.write(bytes) == bytes.size();
    };
    qsizetype eventCount = 0;
    qsizetype reports = 0;
    bool header = true;
    for (qsizetype from = 0; from < dates->size() || header;) {
        const QList<EventDate> page = eventDatesPage(*dates, from, pageReports);
        from += std::max<qsizetype>(1, page.size());
        const auto rows = page.isEmpty() ? std::optional<QList<TimelineEvent>>(QList<TimelineEvent> {})
                                         : library.timeline().events(filter, page);
        if (!rows) {
            writeError(library.errorString());
            return Failed;
        }
        QByteArray chunk;
        if (format == u"csv") {
            chunk = TimelineExport::eventsCsv(*rows, header);
        } else {
            for (const TimelineEvent &event : *rows) {
                chunk += jsonLine(eventJson(event));
            }
        }
        header = false;
        if (!put(chunk)) {
            writeError(outPath.isEmpty() ? QStringLiteral("cannot write the output")
                                         : QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString()));
            return Failed;
        }
        eventCount += rows->size();
        for (const TimelineEvent &event : *rows) {
            reports += event.reports.size();
        }
    }
    if (!outPath.isEmpty()) {
        if (!file.commit()) {
            writeError(QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString()));
            return Failed;
        }
        writeJsonLine(QJsonObject { { QLatin1String("out"), outPath }, { QLatin1String("format"), format },
            { QLatin1String("events"), eventCount }, { QLatin1String("reports"), reports } });
    }
    return Ok;
}

} // namespace

int timeline(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const ArticleFilterOptions filters;
    filters.addTo(parser);
    const QCommandLineOption by(QStringLiteral("by"),
        QStringLiteral("Count articles by year, month, week or day (default: month)."), QStringLiteral("SCALE"),
        QStringLiteral("month"));
    const QCommandLineOption events(QStringLiteral("events"),
        QStringLiteral("Print the events the articles report (each DATE mention with its sentence, grouped "
                       "across articles) instead of article counts."));
    const QCommandLineOption format(QStringLiteral("format"),
        QStringLiteral("jsonl (default), csv, or a bar chart of the counts: svg or png (png wants --out)."),
        QStringLiteral("FORMAT"), QStringLiteral("jsonl"));
    const QCommandLineOption out(QStringLiteral("out"),
        QStringLiteral("Write the timeline to FILE and print a summary instead."), QStringLiteral("FILE"));
    parser.addOptions({ by, events, format, out });
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral("timeline --library L [--entity TYPE:NAME]... [--query Q] [--from PERIOD] [--to PERIOD] "
                           "[--by year|month|week|day] [--events] [--format jsonl|csv|svg|png] [--out FILE]"),
            &code)) {
        return code;
    }
    const QString chosenFormat = parser.value(format);
    if (chosenFormat != u"jsonl" && chosenFormat != u"csv" && chosenFormat != u"svg" && chosenFormat != u"png") {
        writeError(QStringLiteral("--format wants jsonl, csv, svg or png; got '%1'").arg(chosenFormat));
        return Usage;
    }
    if (parser.isSet(events) && (chosenFormat == u"svg" || chosenFormat == u"png")) {
        writeError(
            QStringLiteral("--events prints events as jsonl or csv; the %1 chart is of the counts").arg(chosenFormat));
        return Usage;
    }
    if (chosenFormat == u"png" && !parser.isSet(out)) {
        writeError(QStringLiteral("--format png wants --out FILE"));
        return Usage;
    }
    const QString outPath = parser.value(out);
    ListQuery request;
    if (!filters.read(parser, &request)) {
        return Usage;
    }
    Dates::Precision precision = Dates::Precision::Month;
    if (!Dates::precisionFromName(parser.value(by), &precision)) {
        writeError(QStringLiteral("--by wants year, month, week or day; got '%1'").arg(parser.value(by)));
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    const auto filter = openFiltered(library, request);
    if (!filter) {
        return Failed;
    }
    if (parser.isSet(events)) {
        return printEvents(library, *filter, chosenFormat, outPath);
    }
    const auto counts = library.timeline().counts(*filter, precision);
    if (!counts) {
        writeError(library.errorString());
        return Failed;
    }
    if (!writeDocument(outPath, countsDocument(*counts, chosenFormat, precision))) {
        return Failed;
    }
    if (!outPath.isEmpty()) {
        int dated = 0;
        for (const TimelineBucket &bucket : counts->buckets) {
            dated += bucket.articles;
        }
        writeJsonLine(QJsonObject { { QLatin1String("out"), outPath }, { QLatin1String("format"), chosenFormat },
            { QLatin1String("by"), Dates::precisionName(precision) },
            { QLatin1String("periods"), counts->buckets.size() }, { QLatin1String("articles"), dated },
            { QLatin1String("undated"), counts->undated } });
    }
    return Ok;
}

} // namespace Dossier::Cli
