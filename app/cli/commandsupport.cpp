// What several dossier-cli commands share: opening a library, integer options, summary and entity JSON.

#include "cli/commandsupport.h"

#include "cli/output.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

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

std::optional<DocumentFilter> openFiltered(Library &library, const ListQuery &request)
{
    if (!openLibrary(library)) {
        return std::nullopt;
    }
    auto filter = library.documents().filterOf(request);
    if (!filter) {
        writeError(library.errorString());
    }
    return filter;
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
        { QLatin1String("parent"),
            summary.parentId >= 0 ? QJsonValue(summary.parentId) : QJsonValue(QJsonValue::Null) },
        { QLatin1String("missing"),
            summary.missingSince != 0
                ? QJsonValue(QDateTime::fromMSecsSinceEpoch(summary.missingSince, QTimeZone::UTC).toString(Qt::ISODate))
                : QJsonValue(QJsonValue::Null) },
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

std::optional<QList<EntityFilter>> entityOptions(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    QList<EntityFilter> entities;
    for (const QString &value : parser.values(option)) {
        const qsizetype colon = value.indexOf(u':');
        EntityFilter filter;
        if (colon <= 0 || !entityTypeFromName(QStringView(value).first(colon), &filter.type)) {
            writeError(
                QStringLiteral("--%1 wants TYPE:NAME with TYPE one of PERSON, ORG, LOCATION, DATE, MONEY; got '%2'")
                    .arg(option.names().constFirst(), value));
            return std::nullopt;
        }
        filter.name = value.mid(colon + 1).trimmed();
        entities.append(filter);
    }
    return entities;
}

ArticleFilterOptions::ArticleFilterOptions()
    : entity(QStringLiteral("entity"),
          QStringLiteral("Only articles mentioning this entity (TYPE:NAME, e.g. PERSON:Shinzo Abe); "
                         "several must all hold."),
          QStringLiteral("TYPE:NAME"))
    , query(QStringLiteral("query"), QStringLiteral("Full-text query (FTS5 syntax)."), QStringLiteral("Q"))
    , from(QStringLiteral("from"),
          QStringLiteral("Only articles published in this period or later (2026, 2026-02, 2026-W07, 2026-02-12)."),
          QStringLiteral("PERIOD"))
    , to(QStringLiteral("to"), QStringLiteral("Only articles published in this period or earlier."),
          QStringLiteral("PERIOD"))
{
}

void ArticleFilterOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({ entity, query, from, to });
}

bool ArticleFilterOptions::read(const QCommandLineParser &parser, ListQuery *request) const
{
    request->query = parser.value(query);
    const auto entities = entityOptions(parser, entity);
    if (!entities) {
        return false;
    }
    request->entities = *entities;
    for (const auto &[option, bound] : { std::pair { &from, &request->from }, std::pair { &to, &request->to } }) {
        if (!parser.isSet(*option)) {
            continue;
        }
        const Dates::Period period = Dates::period(parser.value(*option));
        if (!period.isValid()) {
            writeError(QStringLiteral("--%1 wants a date or period (2026, 2026-02, 2026-W07, 2026-02-12); got '%2'")
                    .arg(option->names().constFirst(), parser.value(*option)));
            return false;
        }
        *bound = option == &from ? period.first : period.last;
    }
    return true;
}

} // namespace Dossier::Cli
