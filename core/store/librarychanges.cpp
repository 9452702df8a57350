#include "store/librarychanges.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Dossier::Core
{

namespace
{

void addOnce(QList<qint64> *to, const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        if (!to->contains(id)) {
            to->append(id);
        }
    }
}

QJsonArray arrayOf(const QList<qint64> &ids)
{
    QJsonArray array;
    for (const qint64 id : ids) {
        array.append(id);
    }
    return array;
}

QList<qint64> idsOf(const QJsonValue &value)
{
    QList<qint64> ids;
    const QJsonArray array = value.toArray();
    ids.reserve(array.size());
    for (const auto &id : array) {
        ids.append(id.toInteger());
    }
    return ids;
}

// The flags of a notice by their names in its payload.
struct Flag {
    const char *name;
    bool LibraryChanges::*member;
};
constexpr Flag flags[] = {
    { "allArticles", &LibraryChanges::allArticles },
    { "allAnnotations", &LibraryChanges::allAnnotations },
    { "tags", &LibraryChanges::tags },
    { "entities", &LibraryChanges::entities },
    { "rules", &LibraryChanges::rules },
    { "folders", &LibraryChanges::folders },
    { "searches", &LibraryChanges::searches },
    { "members", &LibraryChanges::members },
};

// The server refuses a payload of 8000 bytes or more; a notice stays well under it.
constexpr qsizetype payloadLimit = 7000;

} // namespace

LibraryChanges LibraryChanges::everything()
{
    LibraryChanges changes;
    changes.allArticles = true;
    changes.allAnnotations = true;
    changes.tags = true;
    changes.entities = true;
    changes.rules = true;
    changes.folders = true;
    changes.searches = true;
    changes.members = true;
    return changes;
}

bool LibraryChanges::isEmpty() const
{
    return articles.isEmpty() && !allArticles && annotationsOf.isEmpty() && annotations.isEmpty() && !allAnnotations
        && !tags && !entities && !rules && !folders && !searches && !members;
}

void LibraryChanges::merge(const LibraryChanges &other)
{
    for (const Flag &flag : flags) {
        this->*flag.member = this->*flag.member || other.*flag.member;
    }
    addOnce(&articles, other.articles);
    addOnce(&annotationsOf, other.annotationsOf);
    addOnce(&annotations, other.annotations);
    if (allArticles) {
        articles.clear();
    }
    if (allAnnotations) {
        annotationsOf.clear();
        annotations.clear();
    }
}

QString ChangeNotice::channel()
{
    return QStringLiteral("dossier_changes");
}

QByteArray ChangeNotice::toPayload() const
{
    QJsonObject object;
    object.insert(QStringLiteral("by"), author);
    object.insert(QStringLiteral("connection"), connection);
    for (const Flag &flag : flags) {
        if (changes.*flag.member) {
            object.insert(QLatin1String(flag.name), true);
        }
    }
    const auto lists = [&](bool withIds) {
        QJsonObject result = object;
        if (withIds && !changes.articles.isEmpty()) {
            result.insert(QStringLiteral("articles"), arrayOf(changes.articles));
        } else if (!changes.articles.isEmpty()) {
            result.insert(QStringLiteral("allArticles"), true);
        }
        if (withIds && !changes.annotationsOf.isEmpty()) {
            result.insert(QStringLiteral("annotationsOf"), arrayOf(changes.annotationsOf));
            if (!changes.annotations.isEmpty()) {
                result.insert(QStringLiteral("annotations"), arrayOf(changes.annotations));
            }
        } else if (!changes.annotationsOf.isEmpty() || !changes.annotations.isEmpty()) {
            result.insert(QStringLiteral("allAnnotations"), true);
        }
        return QJsonDocument(result).toJson(QJsonDocument::Compact);
    };
    // A batch of many articles says "any article" rather than listing them all.
    const QByteArray precise = lists(true);
    return precise.size() < payloadLimit ? precise : lists(false);
}

std::optional<ChangeNotice> ChangeNotice::fromPayload(const QByteArray &payload)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    if (!object.value(QStringLiteral("connection")).isDouble()) {
        return std::nullopt;
    }
    ChangeNotice notice;
    notice.author = object.value(QStringLiteral("by")).toString();
    notice.connection = object.value(QStringLiteral("connection")).toInteger();
    for (const Flag &flag : flags) {
        notice.changes.*flag.member = object.value(QLatin1String(flag.name)).toBool();
    }
    notice.changes.articles = idsOf(object.value(QStringLiteral("articles")));
    notice.changes.annotationsOf = idsOf(object.value(QStringLiteral("annotationsOf")));
    notice.changes.annotations = idsOf(object.value(QStringLiteral("annotations")));
    return notice;
}

} // namespace Dossier::Core
