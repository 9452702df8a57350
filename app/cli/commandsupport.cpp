// What several dossier-cli commands share: opening a library, integer options, summary and entity JSON.

#include "cli/commandsupport.h"

#include "cli/output.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace Dossier::Cli
{

using namespace Dossier::Core;

void announceWait()
{
    writeError(QStringLiteral("waiting for the library (another process is writing)…"));
}

bool openLibrary(Library &library)
{
    library.setWaitNotifier(announceWait);
    if (!library.open()) {
        writeError(library.errorString());
        return false;
    }
    if (library.isReadOnly()) {
        writeError(QStringLiteral("the library %1 cannot be written: opened read-only").arg(library.path()));
    }
    return true;
}

QJsonObject summaryJson(const ArticleSummary &summary)
{
    const auto orNull
        = [](const QString &value) { return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value); };
    QJsonObject object {
        { QLatin1String("id"), summary.id },
        { QLatin1String("title"), orNull(summary.title) },
        { QLatin1String("date"), orNull(summary.date) },
        { QLatin1String("source"), orNull(summary.source) },
        { QLatin1String("path"), summary.path },
    };
    return object;
}

std::optional<qint64> integerOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < 0) {
        writeError(QStringLiteral("--%1 wants a non-negative number, not '%2'")
                .arg(option.names().constFirst(), parser.value(option)));
        return std::nullopt;
    }
    return value;
}

std::optional<QList<qint64>> integerOptions(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    QList<qint64> values;
    for (const QString &text : parser.values(option)) {
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (!ok || value < 0) {
            writeError(
                QStringLiteral("--%1 wants a non-negative number, not '%2'").arg(option.names().constFirst(), text));
            return std::nullopt;
        }
        values.append(value);
    }
    return values;
}

QJsonObject entityJson(const EntitySummary &entity)
{
    QVariantList aliasCounts;
    for (const int n : entity.aliasDocuments) {
        aliasCounts.append(n);
    }
    return QJsonObject {
        { QLatin1String("id"), entity.id },
        { QLatin1String("name"), entity.name },
        { QLatin1String("type"), entityTypeName(entity.type) },
        { QLatin1String("aliases"), QJsonArray::fromStringList(entity.aliases) },
        { QLatin1String("alias_documents"), QJsonArray::fromVariantList(aliasCounts) },
        { QLatin1String("documents"), entity.documents },
    };
}

} // namespace Dossier::Cli
