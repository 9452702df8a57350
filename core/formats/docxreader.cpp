#include "analysis/dates.h"
#include "formats/officereader.h"
#include "formats/officetext.h"

#include <QXmlStreamReader>

#include <optional>

namespace Dossier::Core
{

namespace
{

const QString documentPart = QStringLiteral("word/document.xml");

// Transitional (what Word writes) and Strict OOXML.
bool isWord(QStringView uri)
{
    return uri == u"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        || uri == u"http://purl.oclc.org/ooxml/wordprocessingml/main";
}

QStringView wordAttribute(const QXmlStreamReader &xml, QStringView name)
{
    for (const QXmlStreamAttribute &attribute : xml.attributes()) {
        if (attribute.name() == name && isWord(attribute.namespaceUri())) {
            return attribute.value();
        }
    }
    return {};
}

// "Title" → 0, "Heading1" or "heading 1"… → 1…; -1 for any other name. Word's ids and names of its
// built-in styles (the names stay English in every language; the ids do not).
int headingLevelOfStyle(QStringView style)
{
    if (style.compare(u"Title", Qt::CaseInsensitive) == 0) {
        return 0;
    }
    if (style.startsWith(u"Heading", Qt::CaseInsensitive)) {
        bool ok = false;
        const int level = style.sliced(7).trimmed().toInt(&ok);
        return ok && level >= 1 && level <= 9 ? level : -1;
    }
    return -1;
}

bool isListStyle(QStringView style)
{
    return style.startsWith(u"ListBullet", Qt::CaseInsensitive) || style.startsWith(u"ListNumber", Qt::CaseInsensitive)
        || style.startsWith(u"List Bullet", Qt::CaseInsensitive)
        || style.startsWith(u"List Number", Qt::CaseInsensitive);
}

// What a paragraph style makes of its paragraphs, its own settings or those it is based on.
struct ParagraphStyle {
    std::optional<int> headingLevel; //!< -1 for body text
    std::optional<bool> listItem;
    QString basedOn;
};
using Styles = QHash<QString, ParagraphStyle>;

// word/styles.xml by style id, w:basedOn followed. A bonus, as metadata is: a part that cannot be read
// gives no styles, and the ids of Word's English styles still count.
Styles readStyles(const QByteArray &data)
{
    Styles styles;
    QXmlStreamReader xml(data);
    QString current;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD) {
            return {};
        }
        if (token == QXmlStreamReader::EndElement && xml.name() == u"style") {
            current.clear();
        }
        if (token != QXmlStreamReader::StartElement || !isWord(xml.namespaceUri())) {
            continue;
        }
        const QStringView name = xml.name();
        const QStringView value = wordAttribute(xml, u"val");
        if (name == u"style") {
            current
                = wordAttribute(xml, u"type") == u"paragraph" ? wordAttribute(xml, u"styleId").toString() : QString();
            if (!current.isEmpty()) {
                styles.insert(current, {});
            }
        } else if (current.isEmpty()) {
            continue;
        } else if (name == u"rPr" || name == u"tblPr" || name == u"pPrChange") {
            xml.skipCurrentElement();
        } else if (name == u"name") {
            ParagraphStyle &style = styles[current];
            if (const int level = headingLevelOfStyle(value); level >= 0) {
                style.headingLevel = level;
            }
            if (isListStyle(value)) {
                style.listItem = true;
            }
        } else if (name == u"basedOn") {
            styles[current].basedOn = value.toString();
        } else if (name == u"outlineLvl") {
            bool ok = false;
            const int level = value.toInt(&ok);
            if (ok && !styles[current].headingLevel) {
                styles[current].headingLevel = level >= 0 && level <= 8 ? level + 1 : -1;
            }
        } else if (name == u"numId") {
            styles[current].listItem = value != u"0";
        }
    }
    if (xml.hasError()) {
        return {};
    }
    // Each style takes what it does not say from the styles it is based on (a chain cut at 16, or at a loop).
    Styles resolved = styles;
    for (auto it = resolved.begin(); it != resolved.end(); ++it) {
        QString base = it->basedOn;
        for (int step = 0; step < 16 && !base.isEmpty() && (!it->headingLevel || !it->listItem); ++step) {
            const auto parent = styles.constFind(base);
            if (parent == styles.constEnd()) {
                break;
            }
            if (!it->headingLevel) {
                it->headingLevel = parent->headingLevel;
            }
            if (!it->listItem) {
                it->listItem = parent->listItem;
            }
            base = parent->basedOn;
        }
    }
    return resolved;
}

// w:pPr: the paragraph's style, numbering and outline level. What it held before a tracked change
// (w:pPrChange) and the paragraph mark's run properties are not the paragraph's.
void readParagraphProperties(QXmlStreamReader &xml, const Styles &styles, OfficeTextBuilder &text)
{
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::EndElement && xml.name() == u"pPr" && isWord(xml.namespaceUri())) {
            return;
        }
        if (token != QXmlStreamReader::StartElement || !isWord(xml.namespaceUri())) {
            continue;
        }
        const QStringView name = xml.name();
        if (name == u"pPrChange" || name == u"rPr" || name == u"sectPr") {
            xml.skipCurrentElement();
        } else if (name == u"pStyle") {
            const QStringView id = wordAttribute(xml, u"val");
            const auto style = styles.constFind(id.toString());
            const int level
                = style != styles.constEnd() && style->headingLevel ? *style->headingLevel : headingLevelOfStyle(id);
            if (level >= 0) {
                text.setHeadingLevel(level);
            }
            if (style != styles.constEnd() && style->listItem ? *style->listItem : isListStyle(id)) {
                text.setListItem();
            }
        } else if (name == u"numId") {
            if (wordAttribute(xml, u"val") != u"0") {
                text.setListItem();
            }
        } else if (name == u"outlineLvl") {
            bool ok = false;
            const int level = wordAttribute(xml, u"val").toInt(&ok);
            if (ok && level >= 0 && level <= 8) {
                text.setHeadingLevel(level + 1);
            }
        }
    }
}

// Elements whose content is not the document's text: deleted and moved-away text, field codes,
// properties, and the markup-compatibility fallbacks that repeat their mc:Choice.
bool isSkipped(QStringView name)
{
    static const QStringList skipped { QStringLiteral("del"), QStringLiteral("moveFrom"), QStringLiteral("instrText"),
        QStringLiteral("delInstrText"), QStringLiteral("delText"), QStringLiteral("rPr"), QStringLiteral("tblPr"),
        QStringLiteral("tblGrid"), QStringLiteral("trPr"), QStringLiteral("tcPr"), QStringLiteral("tblPrEx"),
        QStringLiteral("sectPr"), QStringLiteral("sdtPr"), QStringLiteral("sdtEndPr"), QStringLiteral("customXmlPr"),
        QStringLiteral("fldData"), QStringLiteral("rt") };
    return skipped.contains(name);
}

bool isNoteSeparator(QStringView type)
{
    return type == u"separator" || type == u"continuationSeparator" || type == u"continuationNotice";
}

// Reads a WordprocessingML part (the document or its footnotes/endnotes) into \a text. A note is
// "footnote:ID" or "endnote:ID" both where it is cited and where its text is.
bool readWordPart(
    const QByteArray &data, const QString &part, const Styles &styles, OfficeTextBuilder &text, QString *error)
{
    QXmlStreamReader xml(data);
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD) {
            xml.raiseError(QStringLiteral("a document type declaration is not allowed"));
            break;
        }
        if (token == QXmlStreamReader::StartElement) {
            if (xml.name() == u"Fallback"
                && xml.namespaceUri() == u"http://schemas.openxmlformats.org/markup-compatibility/2006") {
                xml.skipCurrentElement();
                continue;
            }
            if (!isWord(xml.namespaceUri())) {
                continue;
            }
            const QStringView name = xml.name();
            if (name == u"p") {
                text.beginParagraph();
            } else if (name == u"pPr") {
                readParagraphProperties(xml, styles, text);
            } else if (name == u"t") {
                text.addText(xml.readElementText());
            } else if (name == u"tab" || name == u"ptab") {
                text.addText(u"\t");
            } else if (name == u"br" || name == u"cr") {
                text.addText(u"\n");
            } else if (name == u"noBreakHyphen") {
                text.addText(u"-");
            } else if (name == u"tbl") {
                text.beginTable();
            } else if (name == u"tr") {
                text.beginRow();
            } else if (name == u"tc") {
                text.beginCell();
            } else if (name == u"footnoteReference" || name == u"endnoteReference") {
                text.citeNote(name.chopped(9) + u':' + wordAttribute(xml, u"id"));
            } else if (name == u"footnote" || name == u"endnote") {
                if (isNoteSeparator(wordAttribute(xml, u"type"))) {
                    xml.skipCurrentElement();
                } else {
                    text.beginNote(name + u':' + wordAttribute(xml, u"id"));
                }
            } else if (isSkipped(name)) {
                xml.skipCurrentElement();
            }
        } else if (token == QXmlStreamReader::EndElement && isWord(xml.namespaceUri())) {
            const QStringView name = xml.name();
            if (name == u"p") {
                text.endParagraph();
            } else if (name == u"tc") {
                text.endCell();
            } else if (name == u"tr") {
                text.endRow();
            } else if (name == u"tbl") {
                text.endTable();
            } else if (name == u"footnote" || name == u"endnote") {
                text.endNote();
            }
        }
    }
    if (xml.hasError()) {
        *error = xmlError(xml, part);
        return false;
    }
    return true;
}

ArticleMetadata coreProperties(const QByteArray &data)
{
    const QHash<QString, QString> leaves = Office::leafElements(data);
    const QString dc = QStringLiteral("http://purl.org/dc/elements/1.1/|");
    const QString terms = QStringLiteral("http://purl.org/dc/terms/|");
    ArticleMetadata meta;
    meta.title = leaves.value(dc + u"title");
    meta.author = leaves.value(dc + u"creator");
    meta.language = leaves.value(dc + u"language");
    const QString date = leaves.value(terms + u"created", leaves.value(terms + u"modified"));
    meta.date = Dates::parse(date);
    return meta;
}

} // namespace

DocxReader::DocxReader(const PackageLimits &limits)
    : m_limits(limits)
{
}

QString DocxReader::format() const
{
    return QStringLiteral("docx");
}

int DocxReader::confidence(QStringView suffix, QByteArrayView head) const
{
    const bool word = OfficePackage::looksLikeZip(head) && head.contains("word/document.xml");
    const bool ownSuffix = suffix == u"docx" || suffix == u"docm" || suffix == u"dotx";
    return Office::confidence(word, ownSuffix, head);
}

ReadResult DocxReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    ReadResult result;
    OfficePackage package(m_limits);
    if (!package.open(bytes)) {
        result.error = Office::notAPackageError(bytes, QStringLiteral("a Word document"), package.errorString());
        return result;
    }
    if (!package.contains(documentPart)) {
        result.error = QStringLiteral("not a Word document: the zip has no %1").arg(documentPart);
        return result;
    }
    OfficeTextBuilder text;
    QByteArray data;
    Styles styles;
    const QString stylesPart = QStringLiteral("word/styles.xml");
    if (package.contains(stylesPart) && package.read(stylesPart, &data)) {
        styles = readStyles(data);
    }
    if (!package.read(documentPart, &data) || !readWordPart(data, documentPart, styles, text, &result.error)) {
        if (result.error.isEmpty()) {
            result.error = package.errorString();
        }
        return result;
    }
    for (const QString &part : { QStringLiteral("word/footnotes.xml"), QStringLiteral("word/endnotes.xml") }) {
        if (!package.contains(part)) {
            continue;
        }
        if (!package.read(part, &data)) {
            result.error = package.errorString();
            return result;
        }
        if (!readWordPart(data, part, styles, text, &result.error)) {
            return result;
        }
    }
    // Metadata is a bonus: core properties that cannot be read leave it empty, never fail the file.
    ArticleMetadata meta;
    const QString core = QStringLiteral("docProps/core.xml");
    if (!options.raw && package.contains(core) && package.read(core, &data)) {
        meta = coreProperties(data);
    }
    text.finish(&result, meta, options.raw);
    return result;
}

} // namespace Dossier::Core
