// Throughput of the PDF, Word (.docx), OpenDocument (.odt) and e-mail (.mbox, .eml) readers on files
// generated here: a long report as PDF (QPdfWriter: real text layer, a running header and page numbers on
// every page), the same report as .docx and .odt, a mailbox of messages with text and HTML parts, and a
// message with the PDF attached. Each file is held in memory; a round reads it once with its reader alone
// (ArticleReader::read) and once through the whole pipeline (Analyzer::analyzeBytes: reader, cleaning,
// metadata, entities, and for e-mail every message and attachment). Medians over the rounds, with CPU
// seconds beside wall-clock ones (the machine is shared).
//   dossier-formatbench [--pages N] [--messages N] [--rounds N]
#include "analysis/analyzer.h"
#include "benchclock.h"
#include "corpusgenerator.h"
#include "formats/articlereader.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>

#include <KZip>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace Dossier::Core;
using Dossier::Bench::cpuSeconds;
using Dossier::Bench::median;

namespace
{

// Paragraphs of prose from the generated scrapes: their lines of eight words or more.
QStringList paragraphs(int count)
{
    Dossier::Bench::CorpusGenerator generator(7);
    QStringList out;
    for (int i = 0; out.size() < count; ++i) {
        const QString article = QString::fromUtf8(generator.article(i));
        for (const QString &line : article.split(u'\n', Qt::SkipEmptyParts)) {
            if (line.split(u' ', Qt::SkipEmptyParts).size() >= 8 && out.size() < count) {
                out.append(line.trimmed());
            }
        }
    }
    return out;
}

QString escapedXml(const QString &text)
{
    return text.toHtmlEscaped();
}

// A report of \a pages A4 pages: a title, then paragraphs, a running header and the page number on each.
QByteArray pdfReport(int pages, const QStringList &text, int *paragraphsUsed)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(QStringLiteral("Harbour authority annual review"));
    writer.setCreator(QStringLiteral("dossier-formatbench"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(300);
    QPainter painter(&writer);
    QFont font(QStringLiteral("DejaVu Serif"));
    font.setPointSizeF(10.5);
    painter.setFont(font);
    const QRect page = painter.viewport();
    const int margin = page.width() / 10;
    const QRect body(margin, margin + 150, page.width() - 2 * margin, page.height() - 2 * margin - 300);
    int next = 0;
    for (int p = 0; p < pages; ++p) {
        if (p > 0) {
            writer.newPage();
        }
        painter.drawText(QRect(margin, margin / 2, body.width(), 100), Qt::AlignLeft,
            QStringLiteral("Harbour authority annual review"));
        painter.drawText(
            QRect(margin, page.height() - margin, body.width(), 100), Qt::AlignHCenter, QString::number(p + 1));
        int y = body.top();
        while (true) {
            const QString &paragraph = text.at(next % text.size());
            const QRect needed
                = painter.boundingRect(QRect(body.left(), y, body.width(), body.height()), Qt::TextWordWrap, paragraph);
            if (y + needed.height() > body.bottom()) {
                break;
            }
            painter.drawText(needed, Qt::TextWordWrap, paragraph);
            y += needed.height() + 40;
            ++next;
        }
    }
    painter.end();
    *paragraphsUsed = next;
    return bytes;
}

QByteArray zipped(const QList<std::pair<QString, QByteArray>> &files)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    KZip zip(&buffer);
    zip.open(QIODevice::WriteOnly);
    for (const auto &[name, data] : files) {
        zip.writeFile(name, data);
    }
    zip.close();
    return bytes;
}

QByteArray docx(const QStringList &text)
{
    QString document = QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Harbour authority annual review</w:t></w:r></w:p>");
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i % 12 == 0) {
            document += QStringLiteral("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Section %1</w:t>"
                                       "</w:r></w:p>")
                            .arg(i / 12 + 1);
        }
        document
            += QStringLiteral("<w:p><w:r><w:t xml:space=\"preserve\">%1</w:t></w:r></w:p>").arg(escapedXml(text[i]));
    }
    document += QStringLiteral("</w:body></w:document>");
    return zipped({
        { QStringLiteral("[Content_Types].xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
            "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
            "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
            "</Types>" },
        { QStringLiteral("_rels/.rels"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
            "Target=\"word/document.xml\"/></Relationships>" },
        { QStringLiteral("docProps/core.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
            "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>Harbour authority annual review"
            "</dc:title><dc:creator>Ines Okafor</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">"
            "2026-03-12T09:00:00Z</dcterms:created></cp:coreProperties>" },
        { QStringLiteral("word/document.xml"), document.toUtf8() },
    });
}

QByteArray odt(const QStringList &text)
{
    QString content = QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\"><office:body>"
        "<office:text><text:h text:outline-level=\"1\">Harbour authority annual review</text:h>");
    for (const QString &paragraph : text) {
        content += QStringLiteral("<text:p>%1</text:p>").arg(escapedXml(paragraph));
    }
    content += QStringLiteral("</office:text></office:body></office:document-content>");
    return zipped({
        { QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.text" },
        { QStringLiteral("META-INF/manifest.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
            "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
            "<manifest:file-entry manifest:full-path=\"/\" "
            "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/><manifest:file-entry "
            "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>" },
        { QStringLiteral("content.xml"), content.toUtf8() },
    });
}

// One message with a text part and an HTML part of the same \a paragraphs.
QByteArray message(int index, const QStringList &paragraphs)
{
    const QString text = paragraphs.join(QStringLiteral("\n\n"));
    QString html;
    for (const QString &paragraph : paragraphs) {
        html += QStringLiteral("<p>%1</p>\n").arg(paragraph.toHtmlEscaped());
    }
    const QByteArray boundary = "=_alt_" + QByteArray::number(index);
    return "From: Harbour Desk <desk@example.org>\r\n"
           "To: analysts@example.org\r\n"
           "Subject: Harbour bulletin number "
        + QByteArray::number(index + 1)
        + "\r\n"
          "Date: Thu, 12 Mar 2026 09:"
        + QByteArray::number(10 + index % 50)
        + ":00 +0000\r\n"
          "Message-ID: <bulletin-"
        + QByteArray::number(index)
        + "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"" + boundary
        + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text.toUtf8() + "\r\n--"
        + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>" + html.toUtf8()
        + "</body></html>\r\n--" + boundary + "--\r\n";
}

QByteArray mbox(int messages, const QStringList &text)
{
    QByteArray out;
    constexpr int perMessage = 6;
    for (int i = 0; i < messages; ++i) {
        QStringList own;
        for (int k = 0; k < perMessage; ++k) {
            own.append(text.at((i * perMessage + k) % text.size()));
        }
        out += "From desk@example.org Thu Mar 12 09:00:00 2026\n" + message(i, own).replace("\r\n", "\n") + "\n";
    }
    return out;
}

QByteArray withAttachment(const QStringList &text, const QByteArray &pdf)
{
    const QByteArray boundary = "=_mixed_1";
    return "From: Harbour Desk <desk@example.org>\r\nTo: analysts@example.org\r\n"
           "Subject: Annual review attached\r\nDate: Thu, 12 Mar 2026 09:00:00 +0000\r\n"
           "Message-ID: <review@example.org>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\""
        + boundary + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + text.mid(0, 4).join(QStringLiteral("\n\n")).toUtf8() + "\r\n--" + boundary
        + "\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"review.pdf\"\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n"
        + pdf.toBase64() + "\r\n--" + boundary + "--\r\n";
}

struct Sample {
    QString name; // the file name the readers pick a format from
    QByteArray bytes;
    QString unit; // what one file holds: "pages", "messages", "paragraphs"
    int units = 0;
};

void run(const Sample &sample, int rounds)
{
    const ArticleReader *reader = ReaderRegistry::instance().readerFor(
        sample.name, sample.bytes.first(std::min<qsizetype>(sample.bytes.size(), 4096)));
    const Analyzer analyzer;
    std::vector<double> readWall, readCpu, fullWall, fullCpu;
    qsizetype chars = 0;
    int articles = 0;
    QString error;
    for (int r = 0; r <= rounds; ++r) { // round 0 warms up (first-use statics, fonts, the tagger)
        double cpu = cpuSeconds();
        QElapsedTimer timer;
        timer.start();
        const ReadResult read = reader->read(sample.bytes, ReadOptions {});
        const double readSeconds = double(timer.nsecsElapsed()) / 1e9;
        const double readCpuSeconds = cpuSeconds() - cpu;
        cpu = cpuSeconds();
        timer.restart();
        const AnalyzeResult full = analyzer.analyzeBytes(sample.name, sample.bytes);
        const double fullSeconds = double(timer.nsecsElapsed()) / 1e9;
        const double fullCpuSeconds = cpuSeconds() - cpu;
        if (r == 0) {
            error = !read.ok() ? read.error : full.error;
            articles = int(full.parts.size()) + (full.container ? 0 : 1);
            chars = full.article.body.size();
            for (const AnalyzeResult &part : full.parts) {
                chars += part.article.body.size();
            }
            continue;
        }
        readWall.push_back(readSeconds);
        readCpu.push_back(readCpuSeconds);
        fullWall.push_back(fullSeconds);
        fullCpu.push_back(fullCpuSeconds);
    }
    if (!error.isEmpty()) {
        std::printf("%-10s FAILED: %s\n", qPrintable(sample.name), qPrintable(error));
        return;
    }
    const double megabytes = double(sample.bytes.size()) / (1024.0 * 1024.0);
    const double units = sample.units;
    std::printf("%-10s %7.2f MB %5d %-10s -> %4d articles, %8lld body chars\n", qPrintable(sample.name), megabytes,
        sample.units, qPrintable(sample.unit), articles, qint64(chars));
    std::printf("           reader alone:   median %.3f s (cpu %.3f s)  %8.1f %s/s  %6.2f MB/s\n", median(readWall),
        median(readCpu), units / median(readWall), qPrintable(sample.unit), megabytes / median(readWall));
    std::printf("           whole analysis: median %.3f s (cpu %.3f s)  %8.1f %s/s  %6.2f MB/s\n", median(fullWall),
        median(fullCpu), units / median(fullWall), qPrintable(sample.unit), megabytes / median(fullWall));
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv); // QPdfWriter lays text out with the platform's fonts
    int pages = 50;
    int messages = 500;
    int rounds = 5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--pages") {
            pages = std::max(1, args[i + 1].toInt());
        } else if (args[i] == u"--messages") {
            messages = std::max(1, args[i + 1].toInt());
        } else if (args[i] == u"--rounds") {
            rounds = std::max(1, args[i + 1].toInt());
        } else {
            std::fprintf(stderr, "usage: dossier-formatbench [--pages N] [--messages N] [--rounds N]\n");
            return 2;
        }
    }
    const QStringList text = paragraphs(std::max(200, pages * 12));
    int used = 0;
    const QByteArray pdf = pdfReport(pages, text, &used);
    const QStringList report = text.mid(0, used);
    std::printf("generated: a %d-page PDF report of %d paragraphs, the same paragraphs as .docx and .odt, a mailbox "
                "of %d messages, a message with the PDF attached; %d rounds\n",
        pages, used, messages, rounds);
    const QList<Sample> samples {
        { QStringLiteral("report.pdf"), pdf, QStringLiteral("pages"), pages },
        { QStringLiteral("report.docx"), docx(report), QStringLiteral("paragraphs"), int(report.size()) },
        { QStringLiteral("report.odt"), odt(report), QStringLiteral("paragraphs"), int(report.size()) },
        { QStringLiteral("alerts.mbox"), mbox(messages, text), QStringLiteral("messages"), messages },
        { QStringLiteral("review.eml"), withAttachment(text, pdf), QStringLiteral("pages"), pages },
    };
    for (const Sample &sample : samples) {
        run(sample, rounds);
    }
    return 0;
}
