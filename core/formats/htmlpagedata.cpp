#include "formats/htmlpagedata.h"

#include "formats/htmldom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace Dossier::Core::Html
{

namespace
{

// Deeper than any page state's article; a guard against a crafted page, not a limit met in use.
constexpr int MaxDepth = 200;

bool isBlockType(const QJsonObject &node)
{
    static const QSet<QString> blocks
        = { QStringLiteral("paragraph"), QStringLiteral("p"), QStringLiteral("heading"), QStringLiteral("h2"),
              QStringLiteral("h3"), QStringLiteral("h4"), QStringLiteral("blockquote"), QStringLiteral("block") };
    for (const QLatin1String key : { QLatin1String("type"), QLatin1String("nodeType"), QLatin1String("_type") }) {
        const QJsonValue type = node.value(key);
        if (type.isString()) {
            return blocks.contains(type.toString());
        }
    }
    return false;
}

// The words of a rich-text node in order: its own text, then its children's ({"type": "text", "value": "…"},
// {"type": "a", "props": {"children": ["…", …]}}, {"_type": "span", "text": "…"}).
void appendText(const QJsonValue &value, int depth, QString *out)
{
    if (depth > MaxDepth) {
        return;
    }
    if (value.isString()) {
        out->append(value.toString());
    } else if (value.isArray()) {
        for (const auto &item : value.toArray()) {
            appendText(item, depth + 1, out);
        }
    } else if (value.isObject()) {
        const QJsonObject node = value.toObject();
        for (const QLatin1String key : { QLatin1String("value"), QLatin1String("text") }) {
            const QJsonValue text = node.value(key);
            if (text.isString()) {
                out->append(text.toString());
            }
        }
        for (const QLatin1String key :
            { QLatin1String("content"), QLatin1String("children"), QLatin1String("props") }) {
            const QJsonValue kids = node.value(key);
            if (kids.isArray() || kids.isObject() || (kids.isString() && key == QLatin1String("children"))) {
                appendText(kids, depth + 1, out);
            }
        }
    }
}

// Every array of the page state holding paragraph nodes is a document; the longest is the article.
void findDocuments(const QJsonValue &value, int depth, QString *best)
{
    if (depth > MaxDepth) {
        return;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it->isArray() || it->isObject()) {
                findDocuments(*it, depth + 1, best);
            }
        }
        return;
    }
    if (!value.isArray()) {
        return;
    }
    QStringList paragraphs;
    const QJsonArray array = value.toArray();
    for (const auto &item : array) {
        if (item.isObject() && isBlockType(item.toObject())) {
            QString text;
            appendText(item, depth + 1, &text);
            text = stripTags(text).trimmed();
            if (!text.isEmpty()) {
                paragraphs.append(text);
            }
        } else if (item.isArray() || item.isObject()) {
            findDocuments(item, depth + 1, best);
        }
    }
    QString document = paragraphs.join(QStringLiteral("\n\n"));
    if (document.size() > best->size()) {
        *best = std::move(document);
    }
}

} // namespace

QString richTextBody(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    QString best;
    if (doc.isObject()) {
        findDocuments(doc.object(), 0, &best);
    } else if (doc.isArray()) {
        findDocuments(doc.array(), 0, &best);
    }
    return best;
}

} // namespace Dossier::Core::Html
