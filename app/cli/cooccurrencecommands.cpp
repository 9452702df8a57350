// dossier-cli cooccurrence: who appears with whom in the listed articles, as JSON Lines, GraphML or GEXF.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "export/entitygraph.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <cstdio>
#include <limits>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonObject pairEntityJson(const EntitySummary &entity)
{
    return QJsonObject {
        { QLatin1String("id"), entity.id },
        { QLatin1String("name"), entity.name },
        { QLatin1String("type"), entityTypeName(entity.type) },
        { QLatin1String("count"), entity.documents },
    };
}

QJsonObject pairJson(const CooccurrencePair &pair)
{
    return QJsonObject {
        { QLatin1String("a"), pairEntityJson(pair.a) },
        { QLatin1String("b"), pairEntityJson(pair.b) },
        { QLatin1String("count"), pair.count },
        { QLatin1String("pmi"), pair.pmi },
        { QLatin1String("npmi"), pair.npmi },
    };
}

} // namespace

int cooccurrence(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const ArticleFilterOptions filters;
    filters.addTo(parser);
    const QCommandLineOption scope(QStringLiteral("scope"),
        QStringLiteral("Count entities appearing in the same article or the same sentence (default: article)."),
        QStringLiteral("article|sentence"), QStringLiteral("article"));
    const QCommandLineOption minCount(QStringLiteral("min-count"),
        QStringLiteral("Leave out pairs appearing together fewer times (default: 2)."), QStringLiteral("N"),
        QStringLiteral("2"));
    const QCommandLineOption types(QStringLiteral("types"),
        QStringLiteral("Entity types to pair, separated by commas (default: PERSON,ORG,LOCATION)."),
        QStringLiteral("TYPES"), QStringLiteral("PERSON,ORG,LOCATION"));
    const QCommandLineOption limit(
        QStringLiteral("limit"), QStringLiteral("At most N pairs, the best ranked."), QStringLiteral("N"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("jsonl (default), graphml or gexf."),
        QStringLiteral("FORMAT"), QStringLiteral("jsonl"));
    const QCommandLineOption out(QStringLiteral("out"),
        QStringLiteral("Write the pairs or the graph to FILE and print a summary instead."), QStringLiteral("FILE"));
    parser.addOptions({ scope, minCount, types, limit, format, out });
    const QString syntax
        = QStringLiteral("cooccurrence --library L [--entity TYPE:NAME]... [--query Q] [--from PERIOD] [--to PERIOD] "
                         "[--scope article|sentence] [--min-count N] [--types PERSON,ORG,LOCATION] [--limit N] "
                         "[--format jsonl|graphml|gexf] [--out FILE]");
    int code = Ok;
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    if (!parser.positionalArguments().isEmpty()) {
        writeError(
            QStringLiteral("cooccurrence takes no arguments; got '%1'").arg(parser.positionalArguments().join(u' ')));
        return Usage;
    }
    ListQuery request;
    if (!filters.read(parser, &request)) {
        return Usage;
    }
    CooccurrenceOptions options;
    if (!cooccurrenceScopeFromName(parser.value(scope), &options.scope)) {
        writeError(QStringLiteral("--scope wants article or sentence; got '%1'").arg(parser.value(scope)));
        return Usage;
    }
    const auto least = integerOption(parser, minCount);
    if (!least) {
        return Usage;
    }
    if (*least < 1 || *least > std::numeric_limits<int>::max()) {
        writeError(QStringLiteral("--min-count wants a number from 1; got '%1'").arg(parser.value(minCount)));
        return Usage;
    }
    options.minCount = int(*least);
    if (parser.isSet(limit)) {
        const auto most = integerOption(parser, limit);
        if (!most) {
            return Usage;
        }
        options.limit = int(std::min<qint64>(*most, std::numeric_limits<int>::max()));
    }
    options.types.clear();
    for (const QString &name : parser.value(types).split(u',', Qt::SkipEmptyParts)) {
        EntityType type = EntityType::Person;
        if (!entityTypeFromName(name.trimmed(), &type)) {
            writeError(
                QStringLiteral("--types wants PERSON, ORG, LOCATION, DATE or MONEY separated by commas; got '%1'")
                    .arg(parser.value(types)));
            return Usage;
        }
        if (!options.types.contains(type)) {
            options.types.append(type);
        }
    }
    if (options.types.isEmpty()) {
        writeError(QStringLiteral("--types wants at least one type"));
        return Usage;
    }
    const QString chosenFormat = parser.value(format);
    if (chosenFormat != u"jsonl" && chosenFormat != u"graphml" && chosenFormat != u"gexf") {
        writeError(QStringLiteral("--format wants jsonl, graphml or gexf; got '%1'").arg(chosenFormat));
        return Usage;
    }

    Library library(parser.value(QStringLiteral("library")));
    const auto filter = openFiltered(library, request);
    if (!filter) {
        return Failed;
    }
    const auto result = library.cooccurrence().pairs(*filter, options);
    if (!result) {
        writeError(library.errorString());
        return Failed;
    }
    if (result->truncated) {
        writeError(QStringLiteral("sentence scope read the %1 most recent of the %2 articles the filters let through; "
                                  "narrow them to count the rest")
                .arg(result->articles)
                .arg(result->filtered));
    }

    QByteArray document;
    if (chosenFormat == u"graphml") {
        document = EntityGraph::toGraphMl(*result);
    } else if (chosenFormat == u"gexf") {
        document = EntityGraph::toGexf(*result);
    } else {
        for (const CooccurrencePair &pair : result->pairs) {
            document += QJsonDocument(pairJson(pair)).toJson(QJsonDocument::Compact);
            document += '\n';
        }
    }
    if (!parser.isSet(out)) {
        std::fwrite(document.constData(), 1, size_t(document.size()), stdout);
        return Ok;
    }
    QSaveFile file(parser.value(out));
    if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() || !file.commit()) {
        writeError(QStringLiteral("cannot write %1: %2").arg(parser.value(out), file.errorString()));
        return Failed;
    }
    QSet<qint64> entities;
    for (const CooccurrencePair &pair : result->pairs) {
        entities.insert(pair.a.id);
        entities.insert(pair.b.id);
    }
    writeJsonLine(QJsonObject {
        { QLatin1String("out"), parser.value(out) },
        { QLatin1String("format"), chosenFormat },
        { QLatin1String("scope"), cooccurrenceScopeName(options.scope) },
        { QLatin1String("pairs"), result->pairs.size() },
        { QLatin1String("entities"), entities.size() },
        { QLatin1String("units"), result->units },
        { QLatin1String("articles"), result->articles },
    });
    return Ok;
}

} // namespace Dossier::Cli
