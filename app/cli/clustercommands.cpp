// dossier-cli clusters: copies of one story (near-duplicates) as JSON Lines, the copies of one
// article, and what a copy changed against its original.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "json/articlejson.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

double rounded(double similarity)
{
    return std::round(similarity * 1000.0) / 1000.0;
}

QJsonObject clusterJson(const DuplicateCluster &cluster)
{
    QJsonArray articles;
    for (const ClusterMember &member : cluster.members) {
        QJsonObject object = summaryJson(member.article);
        object.insert(QLatin1String("similarity"), rounded(member.similarity));
        articles.append(object);
    }
    return QJsonObject {
        { QLatin1String("original"), cluster.members.front().article.id },
        { QLatin1String("size"), qint64(cluster.members.size()) },
        { QLatin1String("articles"), articles },
    };
}

QJsonObject diffJson(const CopyDiff &diff)
{
    QJsonArray runs;
    qint64 inserted = 0;
    qint64 deleted = 0;
    for (const DiffRun &run : diff.runs) {
        const bool fromCopy = run.kind != DiffRun::Kind::Deleted;
        const QString text = fromCopy ? diff.copyBody.mid(run.copyStart, run.copyEnd - run.copyStart)
                                      : diff.originalBody.mid(run.originalStart, run.originalEnd - run.originalStart);
        const char *op = run.kind == DiffRun::Kind::Equal ? "equal"
            : run.kind == DiffRun::Kind::Inserted         ? "insert"
                                                          : "delete";
        inserted += run.kind == DiffRun::Kind::Inserted ? run.words : 0;
        deleted += run.kind == DiffRun::Kind::Deleted ? run.words : 0;
        runs.append(QJsonObject {
            { QLatin1String("op"), QLatin1String(op) },
            { QLatin1String("words"), qint64(run.words) },
            { QLatin1String("original_start"), qint64(codePointOffset(diff.originalBody, run.originalStart)) },
            { QLatin1String("original_end"), qint64(codePointOffset(diff.originalBody, run.originalEnd)) },
            { QLatin1String("copy_start"), qint64(codePointOffset(diff.copyBody, run.copyStart)) },
            { QLatin1String("copy_end"), qint64(codePointOffset(diff.copyBody, run.copyEnd)) },
            { QLatin1String("text"), text },
        });
    }
    return QJsonObject {
        { QLatin1String("original"), summaryJson(diff.original) },
        { QLatin1String("copy"), summaryJson(diff.copy) },
        { QLatin1String("similarity"), rounded(diff.similarity) },
        { QLatin1String("inserted_words"), inserted },
        { QLatin1String("deleted_words"), deleted },
        { QLatin1String("runs"), runs },
    };
}

} // namespace

int clusters(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption minSize(QStringLiteral("min-size"),
        QStringLiteral("Only clusters of at least N articles (default 2)."), QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption copies(QStringLiteral("copies"),
        QStringLiteral("Only the cluster of this article (the article alone when it has no copies)."),
        QStringLiteral("ID"));
    const QCommandLineOption diff(QStringLiteral("diff"),
        QStringLiteral("What this copy added, cut and changed against its cluster's original, word by word."),
        QStringLiteral("ID"));
    const QCommandLineOption against(QStringLiteral("against"),
        QStringLiteral("With --diff: compare with this article instead of the original."), QStringLiteral("ID"));
    const QCommandLineOption threshold(QStringLiteral("threshold"),
        QStringLiteral("Estimated Jaccard similarity of 5-word shingles that makes a copy (default %1).")
            .arg(NearDuplicates::defaultThreshold),
        QStringLiteral("T"), QString::number(NearDuplicates::defaultThreshold));
    parser.addOption(minSize);
    parser.addOption(copies);
    parser.addOption(diff);
    parser.addOption(against);
    parser.addOption(threshold);
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral(
                "clusters --library L [--min-size N] [--copies ID] [--diff ID [--against ID]] [--threshold T]"),
            &code)) {
        return code;
    }
    bool ok = false;
    const double minimum = parser.value(threshold).toDouble(&ok);
    if (!ok || minimum <= 0.0 || minimum > 1.0) {
        writeError(
            QStringLiteral("--threshold wants a number above 0 and at most 1, not '%1'").arg(parser.value(threshold)));
        return Usage;
    }
    const auto size = integerOption(parser, minSize);
    if (!size) {
        return Usage;
    }
    if (parser.isSet(against) && !parser.isSet(diff)) {
        writeError(QStringLiteral("--against goes with --diff"));
        return Usage;
    }
    std::optional<qint64> copiesOf;
    std::optional<qint64> copy;
    std::optional<qint64> other;
    for (const auto &[option, value] :
        { std::pair { &copies, &copiesOf }, std::pair { &diff, &copy }, std::pair { &against, &other } }) {
        if (parser.isSet(*option)) {
            *value = integerOption(parser, *option);
            if (!*value) {
                return Usage;
            }
        }
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    if (copy) {
        const auto result = library.duplicates().diff(*copy, other, minimum);
        if (!result) {
            writeError(library.errorString());
            return Failed;
        }
        writeJsonLine(diffJson(*result));
        return Ok;
    }
    if (copiesOf) {
        const auto cluster = library.duplicates().copiesOf(*copiesOf, minimum);
        if (!cluster) {
            writeError(library.errorString());
            return Failed;
        }
        writeJsonLine(clusterJson(*cluster));
        return Ok;
    }
    const auto found = library.duplicates().clusters(int(std::min<qint64>(*size, 1 << 30)), minimum);
    if (!found) {
        writeError(library.errorString());
        return Failed;
    }
    for (const DuplicateCluster &cluster : *found) {
        writeJsonLine(clusterJson(cluster));
    }
    return Ok;
}

} // namespace Dossier::Cli
