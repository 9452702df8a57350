#include "json/articlejson.h"

#include <QJsonArray>

namespace Dossier::Core
{

namespace
{

QJsonValue orNull(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

// Maps ascending UTF-16 offsets to code points in one pass over the text.
class CodePointCounter
{
public:
    explicit CodePointCounter(QStringView text)
        : m_text(text)
    {
    }
    qsizetype at(qsizetype utf16)
    {
        if (utf16 < m_utf16) {
            m_utf16 = 0;
            m_points = 0;
        }
        while (m_utf16 < utf16 && m_utf16 < m_text.size()) {
            if (m_text[m_utf16].isHighSurrogate() && m_utf16 + 1 < m_text.size()
                && m_text[m_utf16 + 1].isLowSurrogate()) {
                ++m_utf16;
            }
            ++m_utf16;
            ++m_points;
        }
        return m_points;
    }

private:
    QStringView m_text;
    qsizetype m_utf16 = 0;
    qsizetype m_points = 0;
};

} // namespace

qsizetype codePointOffset(QStringView text, qsizetype utf16Index)
{
    return CodePointCounter(text).at(utf16Index);
}

qsizetype utf16Offset(QStringView text, qsizetype codePoint)
{
    if (codePoint < 0) {
        return -1;
    }
    qsizetype utf16 = 0;
    for (qsizetype points = 0; points < codePoint; ++points) {
        if (utf16 >= text.size()) {
            return -1;
        }
        if (text[utf16].isHighSurrogate() && utf16 + 1 < text.size() && text[utf16 + 1].isLowSurrogate()) {
            ++utf16;
        }
        ++utf16;
    }
    return utf16;
}

QJsonObject annotationToJson(const Annotation &annotation, QStringView body)
{
    const auto orNullId = [](qint64 id) { return id >= 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null); };
    const auto offset = [body](qsizetype utf16) { return body.isEmpty() ? utf16 : codePointOffset(body, utf16); };
    return QJsonObject {
        { QLatin1String("id"), annotation.id },
        { QLatin1String("doc"), orNullId(annotation.articleId) },
        { QLatin1String("path"), annotation.articlePath },
        { QLatin1String("sha256"), QString::fromLatin1(annotation.articleSha256) },
        { QLatin1String("start"), offset(annotation.anchor.start) },
        { QLatin1String("end"), offset(annotation.anchor.end) },
        { QLatin1String("quote"), annotation.anchor.exact },
        { QLatin1String("prefix"), annotation.anchor.prefix },
        { QLatin1String("suffix"), annotation.anchor.suffix },
        { QLatin1String("tags"), QJsonArray::fromStringList(annotation.tags) },
        { QLatin1String("note"), orNull(annotation.note) },
        { QLatin1String("color"), orNull(annotation.color) },
        { QLatin1String("state"), annotationStateName(annotation.state) },
        { QLatin1String("previous_quote"), orNull(annotation.previousExact) },
        { QLatin1String("created"), annotation.created.toString(Qt::ISODateWithMs) },
        { QLatin1String("modified"), annotation.modified.toString(Qt::ISODateWithMs) },
        { QLatin1String("author"), orNull(annotation.author) },
        { QLatin1String("private"), annotation.isPrivate },
        { QLatin1String("hidden"), annotation.hidden },
        { QLatin1String("version"), annotation.version },
    };
}

QJsonObject articleToJson(const Article &article)
{
    QJsonObject object;
    object.insert(QLatin1String("path"), article.path);
    object.insert(QLatin1String("format"), article.format);
    object.insert(QLatin1String("encoding"), article.encoding);
    object.insert(QLatin1String("sha256"), QString::fromLatin1(article.sha256));
    object.insert(QLatin1String("title"), orNull(article.meta.title));
    object.insert(QLatin1String("date"), orNull(article.meta.date));
    object.insert(QLatin1String("source"), orNull(article.meta.source));
    object.insert(QLatin1String("dateline"), orNull(article.meta.dateline));
    object.insert(QLatin1String("author"), orNull(article.meta.author));
    object.insert(QLatin1String("url"), orNull(article.meta.url));
    object.insert(QLatin1String("language"), orNull(article.meta.language));
    object.insert(QLatin1String("body"), article.body);

    QJsonArray entities;
    for (const Entity &entity : article.entities) {
        entities.append(QJsonObject {
            { QLatin1String("name"), entity.name },
            { QLatin1String("type"), entityTypeName(entity.type) },
            { QLatin1String("aliases"), QJsonArray::fromStringList(entity.aliases) },
            { QLatin1String("count"), entity.count },
        });
    }
    object.insert(QLatin1String("entities"), entities);

    QJsonArray mentions;
    CodePointCounter counter(article.body);
    for (const Mention &mention : article.mentions) {
        const qsizetype start = counter.at(mention.start);
        const qsizetype end = counter.at(mention.end);
        mentions.append(QJsonObject {
            { QLatin1String("text"), article.body.mid(mention.start, mention.end - mention.start) },
            { QLatin1String("type"), entityTypeName(mention.type) },
            { QLatin1String("start"), start },
            { QLatin1String("end"), end },
            { QLatin1String("entity"), mention.entity },
        });
    }
    object.insert(QLatin1String("mentions"), mentions);
    if (!article.pageStarts.isEmpty()) {
        QJsonArray pageStarts;
        for (const qsizetype start : article.pageStarts) {
            pageStarts.append(counter.at(start));
        }
        object.insert(QLatin1String("pageStarts"), pageStarts);
    }
    if (!article.partOf.isEmpty()) {
        object.insert(QLatin1String("parent"), article.partOf);
    }
    return object;
}

} // namespace Dossier::Core
