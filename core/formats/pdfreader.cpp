#include "formats/pdfreader.h"

#include "analysis/dates.h"
#include "analysis/textcleaning.h"
#include "formats/pdflayout.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <poppler-qt6.h>

Q_LOGGING_CATEGORY(lcPdf, "dossier.pdf", QtWarningMsg)

namespace Dossier::Core
{

namespace
{

// Poppler reports every oddity of a damaged file on stderr unless told otherwise.
void popplerMessage(const QString &message, const QVariant &)
{
    qCDebug(lcPdf) << message;
}

void quietPoppler()
{
    static const bool once = [] {
        Poppler::setDebugErrorFunction(popplerMessage, QVariant());
        return true;
    }();
    Q_UNUSED(once);
}

// What the XMP packet says: dc:title, dc:creator (the authors), xmp:CreateDate, xmp:CreatorTool.
struct Xmp {
    QString title;
    QStringList creators;
    QString createDate;
    QString creatorTool;
};

Xmp parseXmp(const QString &packet)
{
    Xmp xmp;
    if (packet.isEmpty()) {
        return xmp;
    }
    static const QString dc = QStringLiteral("http://purl.org/dc/elements/1.1/");
    static const QString xap = QStringLiteral("http://ns.adobe.com/xap/1.0/");
    QXmlStreamReader reader(packet);
    QString field;
    while (!reader.atEnd() && !reader.hasError()) {
        reader.readNext();
        if (reader.isStartElement()) {
            for (const QXmlStreamAttribute &attribute : reader.attributes()) {
                if (attribute.namespaceUri() == xap && attribute.name() == u"CreateDate") {
                    xmp.createDate = attribute.value().toString();
                } else if (attribute.namespaceUri() == xap && attribute.name() == u"CreatorTool") {
                    xmp.creatorTool = attribute.value().toString();
                }
            }
            if (reader.namespaceUri() == dc && (reader.name() == u"title" || reader.name() == u"creator")) {
                field = reader.name().toString();
            } else if (reader.namespaceUri() == xap && reader.name() == u"CreateDate") {
                xmp.createDate = reader.readElementText(QXmlStreamReader::SkipChildElements);
            } else if (reader.namespaceUri() == xap && reader.name() == u"CreatorTool") {
                xmp.creatorTool = reader.readElementText(QXmlStreamReader::SkipChildElements);
            } else if (reader.name() == u"li" && !field.isEmpty()) {
                const QString text = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
                if (field == u"title" && xmp.title.isEmpty()) {
                    xmp.title = text;
                } else if (field == u"creator" && !text.isEmpty()) {
                    xmp.creators.append(text);
                }
            }
        } else if (reader.isEndElement() && reader.namespaceUri() == dc && reader.name() == field) {
            field.clear();
        }
    }
    return xmp;
}

// Titles that word processors and converters fill in on their own: "Microsoft Word - report.docx",
// "untitled", a file name or path.
bool isJunkTitle(const QString &title)
{
    static const QRegularExpression junk(
        QStringLiteral(R"(^(?:microsoft (?:word|powerpoint|excel)\b|untitled|title$|document\s*\d*$|slide\s*\d+$))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression fileName(
        QStringLiteral(R"(\.(?:docx?|odt|rtf|pdf|pptx?|xlsx?|indd|qxd|tex|dvi|ps|eps|txt|html?|md|pages|wpd)$)"),
        QRegularExpression::CaseInsensitiveOption);
    if (title.size() < 3 || junk.match(title).hasMatch() || fileName.match(title).hasMatch()) {
        return true;
    }
    const bool noSpaces = !title.contains(u' ');
    if (noSpaces && (title.contains(u'_') || title.contains(u'/') || title.contains(u'\\'))) {
        return true;
    }
    return std::none_of(title.cbegin(), title.cend(), [](QChar c) { return c.isLetter(); });
}

// Through Dates::parse() as every reader's dates: a year no article has (D:40520610…) gives none.
QString isoDate(const QDateTime &dateTime)
{
    return dateTime.isValid() ? Dates::parse(dateTime.date().toString(Qt::ISODate)) : QString();
}

ArticleMetadata documentMetadata(const Poppler::Document &document)
{
    ArticleMetadata meta;
    const Xmp xmp = parseXmp(document.metadata());
    for (const QString &title : { document.info(QStringLiteral("Title")).simplified(), xmp.title.simplified() }) {
        if (!isJunkTitle(title)) {
            meta.title = title;
            break;
        }
    }
    meta.author = document.info(QStringLiteral("Author")).simplified();
    if (meta.author.isEmpty()) {
        // Some writers put the producing program in dc:creator: that is not an author.
        const QString creator = xmp.creators.join(QStringLiteral(", ")).simplified();
        if (creator != document.info(QStringLiteral("Creator")).simplified() && creator != xmp.creatorTool) {
            meta.author = creator;
        }
    }
    meta.date = isoDate(document.creationDate());
    if (meta.date.isEmpty()) {
        meta.date = isoDate(QDateTime::fromString(xmp.createDate, Qt::ISODate));
    }
    return meta;
}

} // namespace

QString PdfReader::format() const
{
    return QStringLiteral("pdf");
}

int PdfReader::confidence(QStringView suffix, QByteArrayView head) const
{
    // As PDF readers do, the header may follow up to 1 KB of other bytes; it decides over any suffix.
    if (head.first(std::min<qsizetype>(head.size(), 1024)).indexOf(QByteArrayView("%PDF-")) >= 0) {
        return 100;
    }
    return suffix == u"pdf" ? 20 : 0;
}

ReadResult PdfReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    quietPoppler();
    ReadResult result;
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(bytes);
    if (!document) {
        result.error = QStringLiteral("cannot read the PDF: not a PDF file, or damaged beyond repair");
        return result;
    }
    if (document->isLocked()) {
        result.error = QStringLiteral("the PDF is password-protected");
        return result;
    }
    const int pageCount = document->numPages();
    if (pageCount <= 0) {
        result.error = QStringLiteral("cannot read the PDF: it has no pages");
        return result;
    }

    QList<PdfLayout::Page> pages;
    QList<qsizetype> rawStarts;
    bool anyText = false;
    for (int i = 0; i < pageCount; ++i) {
        PdfLayout::Page page;
        // A page that cannot be parsed is left empty; the others are still read.
        if (const std::unique_ptr<Poppler::Page> pdfPage = document->page(i)) {
            page.size = pdfPage->pageSizeF();
            for (const std::unique_ptr<Poppler::TextBox> &box : pdfPage->textList()) {
                page.words.append(
                    { box->text(), box->boundingBox(), box->hasSpaceAfter(), box->nextWord() == nullptr });
                anyText = anyText || !PdfLayout::cleanWord(box->text()).trimmed().isEmpty();
            }
        }
        if (i > 0) {
            result.rawText += QStringLiteral("\n\n");
        }
        rawStarts.append(result.rawText.size());
        result.rawText += PdfLayout::rawPageText(page);
        pages.append(std::move(page));
    }
    if (!anyText) {
        result.error = QStringLiteral("no text layer (scanned page)");
        result.rawText.clear();
        return result;
    }
    result.encoding = QStringLiteral("PDF");
    if (options.raw) {
        result.body = result.rawText;
        result.pageStarts = rawStarts;
        return result;
    }

    // Only the light cleaning of PdfLayout, not PlainTextExtractor: its rules are for web pages copied as
    // text (menus, share prompts, teaser lists, short lines as chrome) and would cut a report's headings,
    // captions and short paragraphs; a PDF's own furniture is its running headers, footers and page
    // numbers, which the layout finds by position instead.
    result.meta = documentMetadata(*document);
    PdfLayout::Result layout = PdfLayout::rebuild(pages, result.meta.title);
    if (result.meta.title.isEmpty()) {
        result.meta.title = layout.title;
    }
    result.body = std::move(layout.body);
    result.pageStarts = std::move(layout.pageStarts);
    const QStringView firstParagraph
        = QStringView(result.body)
              .first(result.body.indexOf(QStringLiteral("\n\n")) < 0 ? result.body.size()
                                                                     : result.body.indexOf(QStringLiteral("\n\n")));
    result.meta.dateline = TextCleaning::leadingDateline(firstParagraph, result.body).place;
    return result;
}

} // namespace Dossier::Core
