#include "export/exporters.h"

#include "export/citations.h"
#include "export/refiqda.h"
#include "json/articlejson.h"

#include <QAbstractTextDocumentLayout>
#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextDocument>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <map>

namespace Dossier::Core
{

namespace
{

// The words of a pack that follow the reader's language (Qt Linguist context Dossier::Core::Exporters).
struct Words {
    Q_DECLARE_TR_FUNCTIONS(Dossier::Core::Exporters)
};

// "3 articles, 1 passage".
QString packCounts(const EvidencePack &pack)
{
    return Words::tr("%n article(s)", nullptr, int(pack.articles.size())) + QStringLiteral(", ")
        + Words::tr("%n passage(s)", nullptr, int(pack.passageCount()));
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// A highlight colour lightened to a background that black text reads well on.
QString tint(const QString &color, double strength = 0.35)
{
    const QColor c(color);
    if (!c.isValid()) {
        return QStringLiteral("#fff7cc");
    }
    const auto mix = [strength](int channel) { return int(channel * strength + 255 * (1 - strength)); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue())).name();
}

QString metadataLine(const Article &article)
{
    QStringList parts;
    for (const QString &value : { article.meta.source, article.meta.date, article.meta.author }) {
        if (!value.isEmpty()) {
            parts.append(value);
        }
    }
    return parts.join(QStringLiteral(" · "));
}

QString location(const Article &article)
{
    return article.meta.url.isEmpty() ? article.path : article.meta.url;
}

QString articleTitle(const Article &article)
{
    return article.meta.title.isEmpty() ? QStringLiteral("(untitled)") : article.meta.title;
}

// Where a passage of \a article is: its path or URL, and its page when the article has pages.
QString passageLocation(const Article &article, const Annotation &a)
{
    const QString page = article.pageLabel(a.anchor.start, a.anchor.end);
    return page.isEmpty() ? location(article) : location(article) + QStringLiteral(" · ") + page;
}

QString provenance(const Annotation &a, const QString &where)
{
    return QStringLiteral("%1 · SHA-256 %2 · characters %3–%4")
        .arg(where, QString::fromLatin1(a.articleSha256))
        .arg(a.anchor.start)
        .arg(a.anchor.end);
}

QString stateLine(const Annotation &a)
{
    if (a.state == AnnotationState::Reattached && !a.previousExact.isEmpty()) {
        return QStringLiteral("Re-attached after the article changed; the passage read: “%1”").arg(a.previousExact);
    }
    return {};
}

// --- Markdown -------------------------------------------------------------------------------

QString mdEscape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (QStringView(u"\\`*_[]<>#|").contains(c)) {
            out += QLatin1Char('\\');
        }
        out += c;
    }
    return out;
}

QString mdQuote(const QString &text)
{
    QStringList lines = mdEscape(text).split(QLatin1Char('\n'));
    for (QString &line : lines) {
        line = line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line;
    }
    return lines.join(QLatin1Char('\n'));
}

void mdPassage(QString &out, const Annotation &a, const QList<Tag> &codebook, const QString &where)
{
    out += mdQuote(a.anchor.exact) + QStringLiteral("\n\n");
    if (!a.tags.isEmpty()) {
        out += QStringLiteral("- **Tags:** %1\n").arg(mdEscape(a.tags.join(QStringLiteral(", "))));
    }
    if (!a.note.isEmpty()) {
        out += QStringLiteral("- **Note:** %1\n").arg(mdEscape(a.note).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    }
    if (!a.author.isEmpty()) {
        out += QStringLiteral("- **By:** %1\n").arg(mdEscape(a.author));
    }
    out += QStringLiteral("- **Colour:** %1\n").arg(effectiveColor(a, codebook));
    if (const QString state = stateLine(a); !state.isEmpty()) {
        out += QStringLiteral("- %1\n").arg(mdEscape(state));
    }
    out += QStringLiteral("- Provenance: %1\n\n").arg(mdEscape(provenance(a, where)));
}

// --- Layout ---------------------------------------------------------------------------------

// The body as HTML paragraphs, with the passages' spans on a tinted background.
QString highlightedBody(const PackArticle &item, const QList<Tag> &codebook)
{
    const QString &body = item.article.body;
    // Boundaries where the set of covering passages changes.
    std::map<qsizetype, int> edges;
    edges[0];
    edges[body.size()];
    for (const Annotation &a : item.annotations) {
        edges[std::clamp<qsizetype>(a.anchor.start, 0, body.size())];
        edges[std::clamp<qsizetype>(a.anchor.end, 0, body.size())];
    }
    QString html = QStringLiteral("<p>");
    for (auto it = edges.begin(); std::next(it) != edges.end(); ++it) {
        const qsizetype from = it->first;
        const qsizetype to = std::next(it)->first;
        // The innermost (latest-starting) passage covering this piece decides the colour.
        const Annotation *cover = nullptr;
        for (const Annotation &a : item.annotations) {
            if (a.anchor.start <= from && a.anchor.end >= to && (!cover || a.anchor.start >= cover->anchor.start)) {
                cover = &a;
            }
        }
        QString piece = escaped(body.mid(from, to - from));
        piece.replace(QStringLiteral("\n\n"), QStringLiteral("</p><p>"));
        piece.replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
        if (cover) {
            piece = QStringLiteral("<span style=\"background-color:%1\">%2</span>")
                        .arg(tint(effectiveColor(*cover, codebook), 0.55), piece);
        }
        html += piece;
    }
    return html + QStringLiteral("</p>");
}

QString passageHtml(const Annotation &a, const QList<Tag> &codebook, const QString &where)
{
    const QString color = effectiveColor(a, codebook);
    QString details;
    if (!a.tags.isEmpty()) {
        details += QStringLiteral("<br/><b>Tags:</b> %1").arg(escaped(a.tags.join(QStringLiteral(", "))));
    }
    if (!a.note.isEmpty()) {
        details += QStringLiteral("<br/><b>Note:</b> %1")
                       .arg(escaped(a.note).replace(QLatin1Char('\n'), QStringLiteral("<br/>")));
    }
    if (!a.author.isEmpty()) {
        details += QStringLiteral("<br/><b>By:</b> %1").arg(escaped(a.author));
    }
    if (const QString state = stateLine(a); !state.isEmpty()) {
        details += QStringLiteral("<br/><i>%1</i>").arg(escaped(state));
    }
    details += QStringLiteral("<br/><span style=\"font-size:7pt; color:#555555\">%1</span>")
                   .arg(escaped(provenance(a, where)));
    return QStringLiteral(
        "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"5\" style=\"margin-top:8px; margin-bottom:4px\">"
        "<tr><td width=\"4\" bgcolor=\"%1\"></td><td bgcolor=\"%2\">%3%4</td></tr></table>")
        .arg(color, tint(color), escaped(a.anchor.exact).replace(QLatin1Char('\n'), QStringLiteral("<br/>")), details);
}

QString packHtml(const EvidencePack &pack, const QList<int> &pages)
{
    QString html;
    html += QStringLiteral("<h1 style=\"margin-top:120px\">%1</h1>").arg(escaped(pack.title));
    html += QStringLiteral("<p>Created %1</p>").arg(escaped(pack.created.toString(Qt::ISODate)));
    html += QStringLiteral("<p>Selection: %1</p>").arg(escaped(pack.criteria));
    html += QStringLiteral("<p>%1</p>").arg(escaped(packCounts(pack)));
    html += QStringLiteral(
        "<h2 style=\"page-break-before:always\">Contents</h2><table width=\"100%\" cellpadding=\"2\">");
    for (qsizetype i = 0; i < pack.articles.size(); ++i) {
        const Article &article = pack.articles.at(i).article;
        html += QStringLiteral(
            "<tr><td>%1. %2 <span style=\"color:#555555\">%3</span></td><td align=\"right\">%4</td></tr>")
                    .arg(i + 1)
                    .arg(escaped(articleTitle(article)), escaped(metadataLine(article)))
                    .arg(i < pages.size() ? pages.at(i) : 0);
    }
    if (!pack.orphaned.isEmpty()) {
        html += QStringLiteral("<tr><td>Passages no longer in their article</td><td align=\"right\">%1</td></tr>")
                    .arg(pages.size() > pack.articles.size() ? pages.last() : 0);
    }
    html += QStringLiteral("</table>");
    for (qsizetype i = 0; i < pack.articles.size(); ++i) {
        const PackArticle &item = pack.articles.at(i);
        const Article &article = item.article;
        html += QStringLiteral("<h2 style=\"page-break-before:always\"><a name=\"article-%1\"></a>%2. %3</h2>")
                    .arg(i)
                    .arg(i + 1)
                    .arg(escaped(articleTitle(article)));
        if (const QString meta = metadataLine(article); !meta.isEmpty()) {
            html += QStringLiteral("<p><b>%1</b></p>").arg(escaped(meta));
        }
        html += QStringLiteral("<p style=\"font-size:8pt\">%1<br/>SHA-256 %2</p>")
                    .arg(escaped(location(article)), escaped(QString::fromLatin1(article.sha256)));
        if (!item.tags.isEmpty()) {
            html += QStringLiteral("<p><b>Tags:</b> %1</p>").arg(escaped(item.tags.join(QStringLiteral(", "))));
        }
        for (const Annotation &a : item.annotations) {
            html += passageHtml(a, pack.codebook, passageLocation(article, a));
        }
        if (pack.fullText) {
            html += QStringLiteral("<h3>Full text</h3>") + highlightedBody(item, pack.codebook);
        }
    }
    if (!pack.orphaned.isEmpty()) {
        html += QStringLiteral("<h2 style=\"page-break-before:always\"><a name=\"orphaned\"></a>Passages no longer in "
                               "their article</h2><p>These passages could not be found in their article's current "
                               "text (or the article was removed); they are kept for review.</p>");
        for (const Annotation &a : pack.orphaned) {
            html += passageHtml(a, pack.codebook, a.articlePath);
        }
    }
    return html;
}

// The page (1-based) each article heading (and the orphaned section) starts on.
QList<int> headingPages(QTextDocument *document, qsizetype articles)
{
    QList<int> pages(articles + 1, 0);
    const qreal pageHeight = document->pageSize().height();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            for (const QString &name : it.fragment().charFormat().anchorNames()) {
                int index = -1;
                if (name == u"orphaned") {
                    index = int(articles);
                } else if (name.startsWith(u"article-")) {
                    index = name.mid(8).toInt();
                }
                if (index >= 0 && index <= articles) {
                    const qreal top = document->documentLayout()->blockBoundingRect(block).top();
                    pages[index] = int(top / pageHeight) + 1;
                }
            }
        }
    }
    return pages;
}

qreal footerHeight(QPagedPaintDevice *device)
{
    return device->logicalDpiY() * 0.4; // 0.4 inch for the page number
}

} // namespace

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    if (name == u"pdf") {
        return ExportFormat::Pdf;
    }
    if (name == u"md" || name == u"markdown") {
        return ExportFormat::Markdown;
    }
    if (name == u"jsonld" || name == u"json-ld") {
        return ExportFormat::JsonLd;
    }
    if (name == u"csl-json" || name == u"csljson") {
        return ExportFormat::CslJson;
    }
    if (name == u"ris") {
        return ExportFormat::Ris;
    }
    if (name == u"bibtex" || name == u"bib") {
        return ExportFormat::BibTex;
    }
    if (name == u"qdpx" || name == u"refi-qda") {
        return ExportFormat::Qdpx;
    }
    if (name == u"qdc") {
        return ExportFormat::Qdc;
    }
    return std::nullopt;
}

QString exportSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::JsonLd:
        return QStringLiteral("jsonld");
    case ExportFormat::CslJson:
        return QStringLiteral("json");
    case ExportFormat::Ris:
        return QStringLiteral("ris");
    case ExportFormat::BibTex:
        return QStringLiteral("bib");
    case ExportFormat::Qdpx:
        return QStringLiteral("qdpx");
    case ExportFormat::Qdc:
        return QStringLiteral("qdc");
    }
    return {};
}

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::CslJson:
        return QStringLiteral("csl-json");
    case ExportFormat::BibTex:
        return QStringLiteral("bibtex");
    default:
        return exportSuffix(format);
    }
}

bool isCitationFormat(ExportFormat format)
{
    return format == ExportFormat::CslJson || format == ExportFormat::Ris || format == ExportFormat::BibTex;
}

bool fullTextIsFixed(ExportFormat format)
{
    return isCitationFormat(format) || format == ExportFormat::JsonLd || format == ExportFormat::Qdpx
        || format == ExportFormat::Qdc;
}

QString toMarkdown(const EvidencePack &pack)
{
    QString out;
    out += QStringLiteral("# %1\n\n").arg(mdEscape(pack.title));
    out += QStringLiteral("- Created: %1\n").arg(pack.created.toString(Qt::ISODate));
    out += QStringLiteral("- Selection: %1\n").arg(mdEscape(pack.criteria));
    out += QStringLiteral("- %1\n\n").arg(packCounts(pack));
    out += QStringLiteral("## Contents\n\n");
    for (qsizetype i = 0; i < pack.articles.size(); ++i) {
        out += QStringLiteral("%1. %2\n").arg(i + 1).arg(mdEscape(articleTitle(pack.articles.at(i).article)));
    }
    out += QLatin1Char('\n');
    for (qsizetype i = 0; i < pack.articles.size(); ++i) {
        const PackArticle &item = pack.articles.at(i);
        const Article &article = item.article;
        out += QStringLiteral("## %1. %2\n\n").arg(i + 1).arg(mdEscape(articleTitle(article)));
        if (const QString meta = metadataLine(article); !meta.isEmpty()) {
            out += QStringLiteral("*%1*\n\n").arg(mdEscape(meta));
        }
        out += QStringLiteral("- Location: %1\n- SHA-256: %2\n")
                   .arg(mdEscape(location(article)), QString::fromLatin1(article.sha256));
        if (!item.tags.isEmpty()) {
            out += QStringLiteral("- Tags: %1\n").arg(mdEscape(item.tags.join(QStringLiteral(", "))));
        }
        out += QLatin1Char('\n');
        for (const Annotation &a : item.annotations) {
            mdPassage(out, a, pack.codebook, passageLocation(article, a));
        }
        if (pack.fullText) {
            out += QStringLiteral("### Full text\n\n%1\n\n").arg(mdEscape(article.body));
        }
    }
    if (!pack.orphaned.isEmpty()) {
        out += QStringLiteral("## Passages no longer in their article\n\n");
        for (const Annotation &a : pack.orphaned) {
            mdPassage(out, a, pack.codebook, a.articlePath);
        }
    }
    return out;
}

QByteArray toJsonLd(const EvidencePack &pack)
{
    QJsonArray items;
    const auto annotationJson = [&](const Annotation &a, const Article *article) {
        QJsonArray body;
        if (!a.note.isEmpty()) {
            body.append(QJsonObject { { QLatin1String("type"), QLatin1String("TextualBody") },
                { QLatin1String("purpose"), QLatin1String("commenting") },
                { QLatin1String("format"), QLatin1String("text/plain") }, { QLatin1String("value"), a.note } });
        }
        for (const QString &tag : a.tags) {
            body.append(QJsonObject { { QLatin1String("type"), QLatin1String("TextualBody") },
                { QLatin1String("purpose"), QLatin1String("tagging") }, { QLatin1String("value"), tag } });
        }
        QJsonArray selectors;
        selectors.append(QJsonObject { { QLatin1String("type"), QLatin1String("TextQuoteSelector") },
            { QLatin1String("exact"), a.anchor.exact }, { QLatin1String("prefix"), a.anchor.prefix },
            { QLatin1String("suffix"), a.anchor.suffix } });
        if (article) {
            selectors.append(QJsonObject { { QLatin1String("type"), QLatin1String("TextPositionSelector") },
                { QLatin1String("start"), codePointOffset(article->body, a.anchor.start) },
                { QLatin1String("end"), codePointOffset(article->body, a.anchor.end) } });
            // The page of a paged article, as a PDF fragment (RFC 8118).
            if (const int page = article->pageAt(a.anchor.start); page > 0) {
                selectors.append(QJsonObject { { QLatin1String("type"), QLatin1String("FragmentSelector") },
                    { QLatin1String("conformsTo"), QLatin1String("http://tools.ietf.org/rfc/rfc8118") },
                    { QLatin1String("value"), QStringLiteral("page=%1").arg(page) } });
            }
        }
        const QString color = effectiveColor(a, pack.codebook);
        const QString styleClass = QStringLiteral("highlight-") + color.mid(1);
        const QString source = article
            ? (article->meta.url.isEmpty() ? QUrl::fromLocalFile(article->path).toString() : article->meta.url)
            : QUrl::fromLocalFile(a.articlePath).toString();
        QJsonObject object {
            { QLatin1String("id"), QStringLiteral("urn:dossier:annotation:%1").arg(a.id) },
            { QLatin1String("type"), QLatin1String("Annotation") },
            { QLatin1String("motivation"),
                a.note.isEmpty() ? QLatin1String("highlighting") : QLatin1String("commenting") },
            { QLatin1String("created"), a.created.toString(Qt::ISODateWithMs) },
            { QLatin1String("modified"), a.modified.toString(Qt::ISODateWithMs) },
            { QLatin1String("stylesheet"),
                QJsonObject { { QLatin1String("type"), QLatin1String("CssStylesheet") },
                    { QLatin1String("value"),
                        QStringLiteral(".%1 { background-color: %2; }").arg(styleClass, color) } } },
            { QLatin1String("target"),
                QJsonObject { { QLatin1String("type"), QLatin1String("SpecificResource") },
                    { QLatin1String("source"), source }, { QLatin1String("styleClass"), styleClass },
                    { QLatin1String("selector"), selectors } } },
        };
        if (!body.isEmpty()) {
            object.insert(QLatin1String("body"), body);
        }
        if (!a.author.isEmpty()) {
            object.insert(QLatin1String("creator"),
                QJsonObject {
                    { QLatin1String("type"), QLatin1String("Person") }, { QLatin1String("nickname"), a.author } });
        }
        return object;
    };
    for (const PackArticle &item : pack.articles) {
        for (const Annotation &a : item.annotations) {
            items.append(annotationJson(a, &item.article));
        }
    }
    for (const Annotation &a : pack.orphaned) {
        items.append(annotationJson(a, nullptr));
    }
    const QJsonObject collection {
        { QLatin1String("@context"), QLatin1String("http://www.w3.org/ns/anno.jsonld") },
        { QLatin1String("id"), QUuid::createUuid().toString(QUuid::WithoutBraces).prepend(QLatin1String("urn:uuid:")) },
        { QLatin1String("type"), QLatin1String("AnnotationCollection") },
        { QLatin1String("label"), QStringLiteral("%1 (%2)").arg(pack.title, pack.criteria) },
        { QLatin1String("created"), pack.created.toString(Qt::ISODate) },
        { QLatin1String("total"), items.size() },
        { QLatin1String("first"),
            QJsonObject { { QLatin1String("type"), QLatin1String("AnnotationPage") },
                { QLatin1String("startIndex"), 0 }, { QLatin1String("items"), items } } },
    };
    return QJsonDocument(collection).toJson(QJsonDocument::Indented);
}

void layOutPack(const EvidencePack &pack, QTextDocument *document, QPagedPaintDevice *device)
{
    QFont font(QStringLiteral("DejaVu Serif"));
    font.setPointSizeF(10);
    // No ligatures: a PDF reader's search (and pdftotext) should find "first" as typed, not "ﬁrst".
    font.setFeature(QFont::Tag("liga"), 0);
    font.setFeature(QFont::Tag("clig"), 0);
    document->setDefaultFont(font);
    document->documentLayout()->setPaintDevice(device);
    const QRectF paintRect = device->pageLayout().paintRectPixels(device->logicalDpiX());
    document->setPageSize(QSizeF(paintRect.width(), paintRect.height() - footerHeight(device)));
    document->setDocumentMargin(0);
    // Two passes: the contents' page numbers come from laying out the first.
    document->setHtml(packHtml(pack, {}));
    const QList<int> pages = headingPages(document, pack.articles.size());
    document->setHtml(packHtml(pack, pages));
}

bool printPack(QTextDocument *document, QPagedPaintDevice *device, const PageProgress &progress)
{
    QPainter painter(device);
    const QSizeF page = document->pageSize();
    const int count = document->pageCount();
    QFont footerFont = document->defaultFont();
    footerFont.setPointSizeF(8);
    for (int i = 0; i < count; ++i) {
        if (progress && !progress(i, count)) {
            painter.end();
            return false;
        }
        if (i > 0) {
            device->newPage();
        }
        painter.save();
        painter.translate(0, -i * page.height());
        document->drawContents(&painter, QRectF(QPointF(0, i * page.height()), page));
        painter.restore();
        painter.setFont(footerFont);
        painter.setPen(Qt::darkGray);
        painter.drawText(QRectF(0, page.height(), page.width(), footerHeight(device)), Qt::AlignCenter,
            QStringLiteral("%1 / %2").arg(i + 1).arg(count));
    }
    if (progress) {
        progress(count, count);
    }
    return painter.end();
}

bool writePack(
    const EvidencePack &pack, ExportFormat format, const QString &path, QString *error, const PageProgress &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    switch (format) {
    case ExportFormat::Markdown:
        file.write(toMarkdown(pack).toUtf8());
        break;
    case ExportFormat::JsonLd:
        file.write(toJsonLd(pack));
        break;
    case ExportFormat::CslJson:
        file.write(toCslJson(pack));
        break;
    case ExportFormat::Ris:
        file.write(toRis(pack));
        break;
    case ExportFormat::BibTex:
        file.write(toBibTex(pack));
        break;
    case ExportFormat::Qdc:
        file.write(RefiQda::codebook(pack.codebook));
        break;
    case ExportFormat::Qdpx: {
        // Credited to the account the export runs under (Dossier has no authors of its own yet).
        QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
        const QByteArray archive = RefiQda::qdpx(pack, user.isEmpty() ? QStringLiteral("Dossier") : user, error);
        if (archive.isEmpty()) {
            file.cancelWriting();
            return false;
        }
        file.write(archive);
        break;
    }
    case ExportFormat::Pdf: {
        QPdfWriter writer(&file);
        writer.setTitle(pack.title);
        writer.setCreator(QStringLiteral("Dossier"));
        writer.setPageLayout(QPageLayout(
            QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 18, 18, 14), QPageLayout::Millimeter));
        writer.setResolution(300);
        QTextDocument document;
        layOutPack(pack, &document, &writer);
        if (!printPack(&document, &writer, progress)) {
            file.cancelWriting();
            *error = QStringLiteral("the export was cancelled");
            return false;
        }
        break;
    }
    }
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Dossier::Core
