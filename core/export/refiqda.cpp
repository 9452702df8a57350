#include "export/refiqda.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QXmlStreamWriter>

#include <KZip>
#include <map>

namespace Dossier::Core::RefiQda
{

namespace
{

const char projectNamespace[] = "urn:QDA-XML:project:1.0";
const char codebookNamespace[] = "urn:QDA-XML:codebook:1.0";

QString text(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

QString dateTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODate);
}

// A code of the tree: a tag, or a parent that only groups tags ("Safety" of "Safety/Fire").
struct CodeNode {
    QString name;
    QString path;
    QString color;
    bool codable = false;
    std::map<QString, CodeNode> children; // by lower-case name, so the order is stable
};

CodeNode codeTree(const QList<Tag> &tags)
{
    CodeNode root;
    for (const Tag &tag : tags) {
        CodeNode *node = &root;
        QString path;
        const QStringList parts = tag.name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString name = part.trimmed();
            if (name.isEmpty()) {
                continue;
            }
            path += (path.isEmpty() ? QString() : QStringLiteral("/")) + name;
            CodeNode &child = node->children[name.toLower()];
            if (child.name.isEmpty()) {
                child.name = name;
                child.path = path.toLower();
            }
            node = &child;
        }
        if (node != &root) {
            node->codable = true;
            node->color = tag.color;
        }
    }
    return root;
}

// The code GUID of a tag name, as codeTree() names its path.
QUuid codeGuid(const QString &tagName)
{
    QStringList parts;
    for (const QString &part : tagName.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            parts.append(part.trimmed().toLower());
        }
    }
    return guid(u"code", parts.join(QLatin1Char('/')));
}

void writeCodes(QXmlStreamWriter &xml, const CodeNode &node)
{
    for (const auto &[key, child] : node.children) {
        xml.writeStartElement(QStringLiteral("Code"));
        xml.writeAttribute(QStringLiteral("guid"), text(guid(u"code", child.path)));
        xml.writeAttribute(QStringLiteral("name"), child.name);
        xml.writeAttribute(
            QStringLiteral("isCodable"), child.codable ? QStringLiteral("true") : QStringLiteral("false"));
        static const QRegularExpression rgb(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
        if (rgb.match(child.color).hasMatch()) {
            xml.writeAttribute(QStringLiteral("color"), child.color.toUpper());
        }
        writeCodes(xml, child);
        xml.writeEndElement();
    }
}

// An article body with every line end as LF, and where each UTF-16 offset of the body lands in it
// counted in code points (what REFI-QDA's positions count).
struct PlainText {
    QString text;
    QList<qsizetype> positions; // body.size() + 1 entries
};

PlainText plainText(const QString &body)
{
    PlainText out;
    out.text.reserve(body.size());
    out.positions.resize(body.size() + 1);
    qsizetype codePoints = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        out.positions[i] = codePoints;
        const QChar c = body[i];
        if (c == u'\r') {
            out.text += QLatin1Char('\n');
            ++codePoints;
            if (i + 1 < body.size() && body[i + 1] == u'\n') {
                out.positions[++i] = codePoints;
            }
            continue;
        }
        out.text += c;
        if (c.isHighSurrogate() && i + 1 < body.size() && body[i + 1].isLowSurrogate()) {
            out.text += body[i + 1];
            out.positions[++i] = codePoints;
        }
        ++codePoints;
    }
    out.positions[body.size()] = codePoints;
    return out;
}

QString describe(const Article &article)
{
    QStringList parts;
    for (const QString &value : { article.meta.source, article.meta.date, article.meta.author, article.meta.url }) {
        if (!value.isEmpty()) {
            parts.append(value);
        }
    }
    parts.append(article.path);
    return parts.join(QStringLiteral(" · "));
}

void writeCoding(
    QXmlStreamWriter &xml, const QString &owner, const QString &tag, const QString &user, const QDateTime &when)
{
    const QUuid code = codeGuid(tag);
    xml.writeStartElement(QStringLiteral("Coding"));
    xml.writeAttribute(QStringLiteral("guid"), text(guid(u"coding", owner + QLatin1Char(':') + text(code))));
    xml.writeAttribute(QStringLiteral("creatingUser"), user);
    if (when.isValid()) {
        xml.writeAttribute(QStringLiteral("creationDateTime"), dateTime(when));
    }
    xml.writeEmptyElement(QStringLiteral("CodeRef"));
    xml.writeAttribute(QStringLiteral("targetGUID"), text(code));
    xml.writeEndElement();
}

} // namespace

QUuid guid(QStringView kind, const QString &name)
{
    // Dossier's own namespace for name-based UUIDs (RFC 4122, version 5).
    static const QUuid dossierNamespace(QStringLiteral("6f0c2b1e-4d7a-5c39-9e21-0a8b7d4f3c62"));
    return QUuid::createUuidV5(dossierNamespace, kind.toString() + QLatin1Char(':') + name);
}

QByteArray codebook(const QList<Tag> &tags)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(QLatin1String(codebookNamespace));
    xml.writeStartElement(QStringLiteral("CodeBook"));
    xml.writeAttribute(
        QStringLiteral("origin"), QStringLiteral("Dossier %1").arg(QCoreApplication::applicationVersion()).trimmed());
    xml.writeStartElement(QStringLiteral("Codes"));
    writeCodes(xml, codeTree(tags));
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

Project project(const EvidencePack &pack, const QString &user)
{
    Project result;
    const QString userGuid = text(guid(u"user", user));
    QXmlStreamWriter xml(&result.qde);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(QLatin1String(projectNamespace));
    xml.writeStartElement(QStringLiteral("Project"));
    xml.writeAttribute(QStringLiteral("name"), pack.title);
    xml.writeAttribute(
        QStringLiteral("origin"), QStringLiteral("Dossier %1").arg(QCoreApplication::applicationVersion()).trimmed());
    xml.writeAttribute(QStringLiteral("creatingUserGUID"), userGuid);
    if (pack.created.isValid()) {
        xml.writeAttribute(QStringLiteral("creationDateTime"), dateTime(pack.created));
    }

    xml.writeStartElement(QStringLiteral("Users"));
    xml.writeEmptyElement(QStringLiteral("User"));
    xml.writeAttribute(QStringLiteral("guid"), userGuid);
    xml.writeAttribute(QStringLiteral("name"), user);
    xml.writeEndElement();

    // Tags in use but missing from the codebook (none, normally) still get a code.
    QList<Tag> tags = pack.codebook;
    QSet<QString> known;
    for (const Tag &tag : tags) {
        known.insert(tag.name.toLower());
    }
    for (const PackArticle &item : pack.articles) {
        QStringList used = item.tags;
        for (const Annotation &a : item.annotations) {
            used += a.tags;
        }
        for (const QString &name : used) {
            if (!known.contains(name.toLower())) {
                known.insert(name.toLower());
                tags.append(Tag { -1, name, QString(), 0, 0, QString() });
            }
        }
    }
    if (!tags.isEmpty()) {
        xml.writeStartElement(QStringLiteral("CodeBook"));
        xml.writeStartElement(QStringLiteral("Codes"));
        writeCodes(xml, codeTree(tags));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    struct NoteItem {
        QString guid;
        QString name;
        QString text;
        QDateTime created;
    };
    QList<NoteItem> notes;
    if (!pack.articles.isEmpty()) {
        xml.writeStartElement(QStringLiteral("Sources"));
    }
    for (const PackArticle &item : pack.articles) {
        const Article &article = item.article;
        const QString sourceGuid
            = text(guid(u"source", QString::fromLatin1(article.sha256) + QLatin1Char(':') + article.path));
        const PlainText plain = plainText(article.body);
        const QString file = sourceGuid + QStringLiteral(".txt");
        result.sources.insert(QStringLiteral("Sources/") + file, plain.text.toUtf8());
        xml.writeStartElement(QStringLiteral("TextSource"));
        xml.writeAttribute(QStringLiteral("guid"), sourceGuid);
        xml.writeAttribute(QStringLiteral("name"), article.meta.title.isEmpty() ? article.path : article.meta.title);
        xml.writeAttribute(QStringLiteral("plainTextPath"), QStringLiteral("internal://") + file);
        xml.writeAttribute(QStringLiteral("creatingUser"), userGuid);
        if (article.importedAt > 0) {
            xml.writeAttribute(QStringLiteral("creationDateTime"),
                dateTime(QDateTime::fromMSecsSinceEpoch(article.importedAt, QTimeZone::UTC)));
        }
        xml.writeTextElement(QStringLiteral("Description"), describe(article));
        for (const Annotation &a : item.annotations) {
            if (a.anchor.start < 0 || a.anchor.end > article.body.size() || a.anchor.start >= a.anchor.end) {
                continue;
            }
            const qsizetype start = plain.positions[a.anchor.start];
            const qsizetype end = plain.positions[a.anchor.end];
            const QString selectionGuid
                = text(guid(u"selection", QStringLiteral("%1:%2:%3").arg(sourceGuid).arg(start).arg(end)));
            xml.writeStartElement(QStringLiteral("PlainTextSelection"));
            xml.writeAttribute(QStringLiteral("guid"), selectionGuid);
            xml.writeAttribute(QStringLiteral("name"), a.anchor.exact.simplified().left(80));
            xml.writeAttribute(QStringLiteral("startPosition"), QString::number(start));
            xml.writeAttribute(QStringLiteral("endPosition"), QString::number(end));
            xml.writeAttribute(QStringLiteral("creatingUser"), userGuid);
            if (a.created.isValid()) {
                xml.writeAttribute(QStringLiteral("creationDateTime"), dateTime(a.created));
            }
            if (a.modified.isValid()) {
                xml.writeAttribute(QStringLiteral("modifyingUser"), userGuid);
                xml.writeAttribute(QStringLiteral("modifiedDateTime"), dateTime(a.modified));
            }
            for (const QString &tag : a.tags) {
                writeCoding(xml, selectionGuid, tag, userGuid, a.created);
            }
            if (!a.note.isEmpty()) {
                const QString noteGuid = text(guid(u"note", selectionGuid));
                notes.append({ noteGuid, a.anchor.exact.simplified().left(80), a.note, a.modified });
                xml.writeEmptyElement(QStringLiteral("NoteRef"));
                xml.writeAttribute(QStringLiteral("targetGUID"), noteGuid);
            }
            xml.writeEndElement();
        }
        for (const QString &tag : item.tags) {
            writeCoding(xml, sourceGuid, tag, userGuid, {});
        }
        xml.writeEndElement();
    }
    if (!pack.articles.isEmpty()) {
        xml.writeEndElement();
    }

    if (!notes.isEmpty()) {
        xml.writeStartElement(QStringLiteral("Notes"));
        for (const NoteItem &note : std::as_const(notes)) {
            xml.writeStartElement(QStringLiteral("Note"));
            xml.writeAttribute(QStringLiteral("guid"), note.guid);
            xml.writeAttribute(QStringLiteral("name"), note.name);
            xml.writeAttribute(QStringLiteral("creatingUser"), userGuid);
            if (note.created.isValid()) {
                xml.writeAttribute(QStringLiteral("creationDateTime"), dateTime(note.created));
            }
            xml.writeTextElement(QStringLiteral("PlainTextContent"), note.text);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return result;
}

QByteArray qdpx(const EvidencePack &pack, const QString &user, QString *error)
{
    const Project content = project(pack, user);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    KZip zip(&buffer);
    if (!zip.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot make the .qdpx archive: %1").arg(zip.errorString());
        return {};
    }
    // The archive's times are the pack's, so one pack gives the same bytes.
    const QDateTime when = pack.created.isValid() ? pack.created : QDateTime::fromSecsSinceEpoch(0, QTimeZone::UTC);
    bool ok
        = zip.writeFile(QStringLiteral("project.qde"), content.qde, 0100644, QString(), QString(), when, when, when);
    for (auto it = content.sources.cbegin(); ok && it != content.sources.cend(); ++it) {
        ok = zip.writeFile(it.key(), it.value(), 0100644, QString(), QString(), when, when, when);
    }
    if (!ok || !zip.close()) {
        *error = QStringLiteral("cannot make the .qdpx archive: %1").arg(zip.errorString());
        return {};
    }
    return bytes;
}

} // namespace Dossier::Core::RefiQda
