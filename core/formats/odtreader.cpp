#include "analysis/dates.h"
#include "formats/officereader.h"
#include "formats/officetext.h"

#include <QXmlStreamReader>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

const QString contentPart = QStringLiteral("content.xml");
constexpr QByteArrayView textMimeType("application/vnd.oasis.opendocument.text");

constexpr QStringView textNs = u"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr QStringView tableNs = u"urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr QStringView officeNs = u"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr QStringView drawNs = u"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
constexpr QStringView svgNs = u"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

// The mimetype entry, stored first as ODF asks, or a content.xml beside the text mimetype.
bool isOdfText(QByteArrayView head)
{
    if (!OfficePackage::looksLikeZip(head)) {
        return false;
    }
    if (head.size() > 38 && head.sliced(30, 8) == "mimetype"
        && head.first(std::min<qsizetype>(head.size(), 512)).contains(textMimeType)) {
        return true;
    }
    return head.contains("content.xml") && head.contains(textMimeType);
}

// Elements whose content is not the document's text: tracked changes (deleted text among them),
// comments, declarations, index templates, alternative text and embedded objects and images.
bool isSkipped(QStringView uri, QStringView name)
{
    if (uri == textNs) {
        return name == u"tracked-changes" || name == u"note-citation" || name == u"sequence-decls"
            || name == u"variable-decls" || name == u"user-field-decls" || name.endsWith(u"-source");
    }
    if (uri == officeNs) {
        return name == u"annotation" || name == u"binary-data" || name == u"automatic-styles"
            || name == u"font-face-decls" || name == u"scripts" || name == u"forms" || name == u"event-listeners";
    }
    if (uri == drawNs) {
        return name == u"object" || name == u"object-ole";
    }
    return uri == svgNs && (name == u"title" || name == u"desc");
}

QStringView attribute(const QXmlStreamReader &xml, QStringView uri, QStringView name)
{
    for (const QXmlStreamAttribute &attribute : xml.attributes()) {
        if (attribute.name() == name && attribute.namespaceUri() == uri) {
            return attribute.value();
        }
    }
    return {};
}

bool readContent(const QByteArray &data, OfficeTextBuilder &text, QString *error)
{
    QXmlStreamReader xml(data);
    bool listItemPending = false;
    int notes = 0;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD) {
            xml.raiseError(QStringLiteral("a document type declaration is not allowed"));
            break;
        }
        if (token == QXmlStreamReader::Characters) {
            text.addText(xml.text(), true);
            continue;
        }
        const QStringView uri = xml.namespaceUri();
        const QStringView name = xml.name();
        if (token == QXmlStreamReader::StartElement) {
            if (isSkipped(uri, name)) {
                xml.skipCurrentElement();
            } else if (uri == textNs && (name == u"p" || name == u"h")) {
                int level = -1;
                if (name == u"h") {
                    const int outline = attribute(xml, textNs, u"outline-level").toInt();
                    level = std::clamp(outline, 1, 10);
                } else if (attribute(xml, textNs, u"style-name") == u"Title") {
                    level = 0;
                }
                text.beginParagraph(level);
                if (listItemPending) {
                    text.setListItem();
                    listItemPending = false;
                }
            } else if (uri == textNs && name == u"s") {
                bool ok = false;
                const int count = attribute(xml, textNs, u"c").toInt(&ok);
                text.addText(QString(ok ? std::clamp(count, 1, 1000) : 1, u' '));
            } else if (uri == textNs && name == u"tab") {
                text.addText(u"\t");
            } else if (uri == textNs && name == u"line-break") {
                text.addText(u"\n");
            } else if (uri == textNs && name == u"list-item") {
                listItemPending = true;
            } else if (uri == textNs && name == u"list-header") {
                listItemPending = false;
            } else if (uri == textNs && name == u"note") {
                const QString key = QString::number(++notes);
                text.citeNote(key);
                text.beginNote(key);
            } else if (uri == tableNs && name == u"table") {
                text.beginTable();
            } else if (uri == tableNs && name == u"table-row") {
                text.beginRow();
            } else if (uri == tableNs && (name == u"table-cell" || name == u"covered-table-cell")) {
                text.beginCell();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (uri == textNs && (name == u"p" || name == u"h")) {
                text.endParagraph();
            } else if (uri == textNs && name == u"note") {
                text.endNote();
            } else if (uri == textNs && name == u"list-item") {
                listItemPending = false;
            } else if (uri == tableNs && name == u"table") {
                text.endTable();
            } else if (uri == tableNs && name == u"table-row") {
                text.endRow();
            } else if (uri == tableNs && (name == u"table-cell" || name == u"covered-table-cell")) {
                text.endCell();
            }
        }
    }
    if (xml.hasError()) {
        *error = xmlError(xml, contentPart);
        return false;
    }
    return true;
}

ArticleMetadata metaProperties(const QByteArray &data)
{
    const QHash<QString, QString> leaves = Office::leafElements(data);
    const QString dc = QStringLiteral("http://purl.org/dc/elements/1.1/|");
    const QString meta = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:meta:1.0|");
    ArticleMetadata result;
    result.title = leaves.value(dc + u"title");
    // dc:creator and dc:date are the last editor and edit; the first are the author and the date.
    result.author = leaves.value(meta + u"initial-creator", leaves.value(dc + u"creator"));
    result.language = leaves.value(dc + u"language");
    result.date = Dates::parse(leaves.value(meta + u"creation-date", leaves.value(dc + u"date")));
    return result;
}

} // namespace

OdtReader::OdtReader(const PackageLimits &limits)
    : m_limits(limits)
{
}

QString OdtReader::format() const
{
    return QStringLiteral("odt");
}

int OdtReader::confidence(QStringView suffix, QByteArrayView head) const
{
    const bool ownSuffix = suffix == u"odt" || suffix == u"ott";
    return Office::confidence(isOdfText(head), ownSuffix, head);
}

ReadResult OdtReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    ReadResult result;
    const QString what = QStringLiteral("an OpenDocument text");
    OfficePackage package(m_limits);
    if (!package.open(bytes)) {
        result.error = Office::notAPackageError(bytes, what, package.errorString());
        return result;
    }
    QByteArray data;
    if (!package.contains(QStringLiteral("mimetype")) || !package.read(QStringLiteral("mimetype"), &data)
        || !data.trimmed().startsWith(textMimeType)) {
        result.error = QStringLiteral("not %1: its mimetype is not %2").arg(what, QLatin1String(textMimeType));
        return result;
    }
    if (!package.contains(contentPart)) {
        result.error = QStringLiteral("not %1: the zip has no %2").arg(what, contentPart);
        return result;
    }
    OfficeTextBuilder text;
    if (!package.read(contentPart, &data)) {
        result.error = package.errorString();
        return result;
    }
    if (!readContent(data, text, &result.error)) {
        return result;
    }
    ArticleMetadata meta;
    const QString metaPart = QStringLiteral("meta.xml");
    if (!options.raw && package.contains(metaPart) && package.read(metaPart, &data)) {
        meta = metaProperties(data);
    }
    text.finish(&result, meta, options.raw);
    return result;
}

} // namespace Dossier::Core
