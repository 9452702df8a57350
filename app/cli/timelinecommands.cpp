// dossier-cli timeline: the listed articles by publication period, or the events they report.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

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
    parser.addOption(by);
    parser.addOption(events);
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral("timeline --library L [--entity TYPE:NAME]... [--query Q] [--from PERIOD] [--to PERIOD] "
                           "[--by year|month|week|day] [--events]"),
            &code)) {
        return code;
    }
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
        const auto rows = library.timeline().events(*filter);
        if (!rows) {
            writeError(library.errorString());
            return Failed;
        }
        for (const TimelineEvent &event : *rows) {
            writeJsonLine(eventJson(event));
        }
        return Ok;
    }
    const auto counts = library.timeline().counts(*filter, precision);
    if (!counts) {
        writeError(library.errorString());
        return Failed;
    }
    for (const TimelineBucket &bucket : counts->buckets) {
        writeJsonLine(QJsonObject {
            { QLatin1String("period"), bucket.period },
            { QLatin1String("first"), bucket.first.toString(Qt::ISODate) },
            { QLatin1String("last"), bucket.last.toString(Qt::ISODate) },
            { QLatin1String("articles"), bucket.articles },
        });
    }
    if (counts->undated > 0) {
        writeJsonLine(QJsonObject {
            { QLatin1String("period"), QJsonValue::Null }, { QLatin1String("articles"), counts->undated } });
    }
    return Ok;
}

} // namespace Dossier::Cli
