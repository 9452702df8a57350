// dossier-cli copy: a library copied into a new one, between files and team libraries (issue 17),
// and --check, which compares two libraries row by row. The work is LibraryCopy's (core).

#include "cli/commands.h"
#include "cli/output.h"
#include "store/librarycopy.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonObject tableCounts(const QList<TableCount> &tables)
{
    QJsonObject counts;
    for (const TableCount &count : tables) {
        counts.insert(count.table, count.rows);
    }
    return counts;
}

int checkCopy(const QString &from, const QString &to)
{
    const CopyCheck check = LibraryCopy::compare(from, to);
    QJsonArray differences;
    for (const TableDifference &difference : check.differences) {
        differences.append(QJsonObject {
            { QLatin1String("table"), difference.table },
            { QLatin1String("only_in_from"), difference.onlyInFrom },
            { QLatin1String("only_in_to"), difference.onlyInTo },
            { QLatin1String("examples"), QJsonArray::fromStringList(difference.examples) },
        });
        writeError(QStringLiteral("%1 differs: %2 rows only in %3, %4 only in %5 (%6)")
                .arg(difference.table)
                .arg(difference.onlyInFrom)
                .arg(from)
                .arg(difference.onlyInTo)
                .arg(to, difference.examples.join(QLatin1String("; "))));
    }
    QJsonObject result {
        { QLatin1String("from"), from },
        { QLatin1String("to"), to },
        { QLatin1String("ok"), check.ok() },
        { QLatin1String("tables"), tableCounts(check.tables) },
        { QLatin1String("differences"), differences },
    };
    if (!check.error.isEmpty()) {
        writeError(check.error);
        result.insert(QLatin1String("error"), check.error);
    }
    writeJsonLine(result);
    return check.ok() ? Ok : Failed;
}

} // namespace

int copy(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption from(QStringLiteral("from"),
        QStringLiteral("The library to copy (a file or a postgresql:// URL; only read)."), QStringLiteral("L1"));
    const QCommandLineOption to(QStringLiteral("to"),
        QStringLiteral("The new library to write (a new file, or an empty library or database)."),
        QStringLiteral("L2"));
    const QCommandLineOption check(
        QStringLiteral("check"), QStringLiteral("Compare L1 and L2 row by row instead of copying."));
    parser.addOption(from);
    parser.addOption(to);
    parser.addOption(check);
    int code = Ok;
    const QString syntax = QStringLiteral("copy [--check] --from L1 --to L2");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    if (!parser.positionalArguments().isEmpty() || !parser.isSet(from) || !parser.isSet(to)) {
        writeError(parser.positionalArguments().isEmpty()
                ? QStringLiteral("copy needs --from and --to")
                : QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    if (parser.isSet(check)) {
        return checkCopy(parser.value(from), parser.value(to));
    }
    QElapsedTimer sinceSaid;
    sinceSaid.start();
    const CopyReport report
        = LibraryCopy::copy(parser.value(from), parser.value(to), [&sinceSaid](qint64 done, qint64 total) {
              if (sinceSaid.elapsed() >= 1000 || done == total) {
                  writeError(QStringLiteral("copied %1 of %2 rows").arg(done).arg(total));
                  sinceSaid.restart();
              }
              return true;
          });
    QJsonObject result {
        { QLatin1String("from"), report.from },
        { QLatin1String("to"), report.to },
        { QLatin1String("tables"), tableCounts(report.tables) },
    };
    if (!report.ok()) {
        writeError(report.error);
        result.insert(QLatin1String("error"), report.error);
    }
    writeJsonLine(result);
    return report.ok() ? Ok : Failed;
}

} // namespace Dossier::Cli
