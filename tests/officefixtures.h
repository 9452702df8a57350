#pragma once

// Word and OpenDocument fixtures, made at test time with KZip from XML parts written here by hand.

#include <QBuffer>
#include <QByteArray>
#include <QList>
#include <QString>

#include <KZip>
#include <utility>

namespace OfficeFixtures
{

using Parts = QList<std::pair<QString, QByteArray>>;

/*! A zip of \a parts in order; the first is stored uncompressed when \a storeFirst (ODF's mimetype). */
inline QByteArray zip(const Parts &parts, bool storeFirst = false)
{
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        KZip archive(&buffer);
        if (!archive.open(QIODevice::WriteOnly)) {
            qFatal("cannot write a zip");
        }
        bool first = true;
        for (const auto &[name, data] : parts) {
            archive.setCompression(first && storeFirst ? KZip::NoCompression : KZip::DeflateCompression);
            if (!archive.writeFile(name, data)) {
                qFatal("cannot write a zip entry");
            }
            first = false;
        }
        archive.close();
    }
    return bytes;
}

inline QByteArray wordDocument(const QByteArray &body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
           "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\n<w:body>\n"
        + body + "\n<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>\n</w:body>\n</w:document>\n";
}

inline QByteArray wordFootnotes(const QByteArray &notes)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n"
           "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\n"
           "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r>"
           "</w:p></w:footnote>\n"
        + notes + "\n</w:footnotes>\n";
}

inline QByteArray coreProperties(const QByteArray &fields)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<cp:coreProperties "
           "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + fields + "</cp:coreProperties>\n";
}

/*! A .docx: [Content_Types].xml, word/document.xml and, when given, word/footnotes.xml,
    docProps/core.xml (\a document, \a footnotes and \a core are complete parts) and \a extra parts. */
inline QByteArray docx(
    const QByteArray &document, const QByteArray &footnotes = {}, const QByteArray &core = {}, const Parts &extra = {})
{
    Parts parts { { QStringLiteral("[Content_Types].xml"),
                      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                      "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>\n" },
        { QStringLiteral("word/document.xml"), document } };
    if (!footnotes.isEmpty()) {
        parts.append({ QStringLiteral("word/footnotes.xml"), footnotes });
    }
    if (!core.isEmpty()) {
        parts.append({ QStringLiteral("docProps/core.xml"), core });
    }
    parts.append(extra);
    return zip(parts);
}

inline QByteArray odfContent(const QByteArray &text)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
           "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
           "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
           "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">\n"
           "<office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\"/>"
           "</office:automatic-styles>\n<office:body>\n<office:text>\n"
        + text + "\n</office:text>\n</office:body>\n</office:document-content>\n";
}

inline QByteArray odfMeta(const QByteArray &fields)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
           "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\"><office:meta>"
        + fields + "</office:meta></office:document-meta>\n";
}

/*! An .odt: the mimetype stored first, content.xml and, when given, meta.xml. */
inline QByteArray odt(const QByteArray &content, const QByteArray &meta = {})
{
    Parts parts { { QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.text" },
        { QStringLiteral("content.xml"), content } };
    if (!meta.isEmpty()) {
        parts.append({ QStringLiteral("meta.xml"), meta });
    }
    return zip(parts, true);
}

} // namespace OfficeFixtures
