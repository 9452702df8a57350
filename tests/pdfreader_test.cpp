#include "analysis/analyzer.h"
#include "formats/articlereader.h"
#include "formats/pdflayout.h"
#include "formats/pdfreader.h"
#include "import/importjob.h"
#include "pdffixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;

class PdfReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoColumnsReadColumnByColumn();
    void pageStartsPointAtEachPage();
    void hyphensAtLineEndsAreUndone();
    void metadata_data();
    void metadata();
    void errorsAreClear_data();
    void errorsAreClear();
    void pagesWithoutTextAreSkipped();
    void rawKeepsTheExtractedText();
    void registryPicksPdfByContent_data();
    void registryPicksPdfByContent();
    void importPutsPdfInTheLibrary();
    void cliAnalyzesPdf();
    void layoutIgnoresWordOrder();
    void layoutBreaksAtIndents();
    void layoutReadsThreeColumns();
    void layoutJoinsAParagraphOverAPageBreak();
};

namespace
{

const QString title = QStringLiteral("North channel dredging faces cost review");

// Two pages of two columns each, as the columns hold them (the second page's right column holds one).
const QList<QStringList> columns {
    { QStringLiteral("The port authority of Halden has asked an outside firm to review the cost of dredging the north "
                     "channel, after the first estimate rose by a third in under a year."),
        QStringLiteral("Officials said the review would look at the price of fuel, the hire of two dredgers from a "
                       "contractor in Rotterdam and the cost of moving the spoil to a site further out to sea.") },
    { QStringLiteral("Ines Varga, who chairs the harbour council, said the channel had to be deepened before larger "
                     "ferries arrive in the spring of 2027, whatever the review finds."),
        QStringLiteral("Fishing crews have asked for the work to stop during the herring season, when the boats use "
                       "the channel most, and the council has promised to hear them before it decides.") },
    { QStringLiteral("The contractor has not commented on the new figures. A spokesperson for the authority said the "
                     "first estimate had been made before fuel prices rose."),
        QStringLiteral("The review is due to report in June, and the council will vote on the final budget at its "
                       "meeting in July.") },
    { QStringLiteral("Until then, the old quay will stay open to smaller vessels, and the ferry timetable for the "
                     "summer will not change, the authority said.") },
};

QStringList allParagraphs()
{
    QStringList paragraphs;
    for (const QStringList &column : columns) {
        paragraphs += column;
    }
    return paragraphs;
}

// The running header and the footer (a repeated line and the page number) on every page, the title
// across both columns on the first.
QByteArray twoColumnBrief()
{
    PdfFixtures::Builder pdf;
    for (int page = 0; page < 2; ++page) {
        if (page > 0) {
            pdf.newPage();
        }
        pdf.setSize(9);
        pdf.text(56, 36, QStringLiteral("The Harbour Gazette \u2014 Policy Brief"));
        pdf.text(56, 806, QStringLiteral("Policy Brief No. 7, March 2026"));
        pdf.text(500, 806, QString::number(page + 1));
        qreal top = 90;
        if (page == 0) {
            pdf.setSize(20);
            pdf.text(56, 90, title);
            top = 130;
        }
        pdf.setSize(10);
        for (int column = 0; column < 2; ++column) {
            qreal y = top;
            for (const QString &paragraph : columns[page * 2 + column]) {
                y = pdf.paragraph(column == 0 ? 56 : 315, y, 224, paragraph) + 8;
            }
        }
    }
    return pdf.finish();
}

QByteArray hyphenated()
{
    PdfFixtures::Builder pdf;
    pdf.setSize(11);
    qreal y = pdf.lines(72, 100,
        { QStringLiteral("The harbour council will fund the recon-"),
            QStringLiteral("struction of the north quay, a well-known landmark,"),
            QStringLiteral("after a long-running dispute with the Anglo-"),
            QStringLiteral("Saxon Trading Company over the cost of dred-"), QStringLiteral("ging the channel.") },
        14);
    pdf.lines(72, y + 12,
        { QStringLiteral("Ines Varga, a well-"),
            QStringLiteral("known critic of the plan, said she would vote for it.") },
        14);
    return pdf.finish();
}

QByteArray scanned(int pages)
{
    PdfFixtures::Builder pdf;
    for (int page = 0; page < pages; ++page) {
        if (page > 0) {
            pdf.newPage();
        }
        pdf.image(QRectF(40, 40, 515, 760));
    }
    return pdf.finish();
}

QByteArray headlineAndParagraph(const QString &infoTitle, const QByteArray &xmp = {})
{
    PdfFixtures::Builder pdf(infoTitle, xmp);
    pdf.setSize(18);
    pdf.text(72, 90, QStringLiteral("Ferry terminal approved after long debate"));
    pdf.setSize(10);
    pdf.paragraph(72, 130, 450,
        QStringLiteral(
            "The harbour council voted on Thursday to approve a new ferry terminal on the north quay, ending "
            "two years of debate about the future of the waterfront."));
    return pdf.finish();
}

QByteArray xmpWithCreator(const QString &creator)
{
    return QStringLiteral("<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                          "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                          "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                          "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                          "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreateDate=\"2026-02-11T08:00:00Z\">"
                          "<dc:creator><rdf:Seq><rdf:li>%1</rdf:li></rdf:Seq></dc:creator>"
                          "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>")
        .arg(creator)
        .toUtf8();
}

QByteArray wordDocumentExport()
{
    return PdfFixtures::handWritten(
        {
            { 72, 100, 22, "Coastal towns brace for storm season" },
            { 72, 140, 11, "Forecasters expect more storms than usual along the coast this autumn, and three" },
            { 72, 154, 11, "towns have started to fill sandbags, their mayors said on Monday." },
        },
        "/Title (Microsoft Word - storms-final.docx) /Author (Mara Ellison) /CreationDate (D:20260305101500Z)");
}

// A line of words placed by hand for PdfLayout::rebuild(): x, baseline, type size, text.
struct Placed {
    qreal x;
    qreal y;
    qreal size;
    QString text;
};

// The words of \a lines, each half its size wide per character, handed over last word first: the
// layout must come from the geometry alone.
PdfLayout::Page placedPage(const QList<Placed> &lines)
{
    PdfLayout::Page page;
    page.size = QSizeF(612, 792);
    for (const Placed &line : lines) {
        qreal x = line.x;
        const QStringList words = line.text.split(u' ');
        for (qsizetype i = 0; i < words.size(); ++i) {
            const qreal width = words[i].size() * 0.5 * line.size;
            page.words.append({ words[i], QRectF(x, line.y - 0.8 * line.size, width, line.size), i + 1 < words.size(),
                i + 1 == words.size() });
            x += width + 0.25 * line.size;
        }
    }
    std::reverse(page.words.begin(), page.words.end());
    return page;
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write test file");
    }
    return path;
}

} // namespace

void PdfReaderTest::twoColumnsReadColumnByColumn()
{
    const ReadResult result = PdfReader().read(twoColumnBrief(), {});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.encoding, QStringLiteral("PDF"));
    QCOMPARE(result.meta.title, title);
    // Column one, then column two, page by page; no header, footer or page number; the title is not body.
    QCOMPARE(result.body.split(QStringLiteral("\n\n")), allParagraphs());
    QVERIFY(result.rawText.contains(QStringLiteral("Harbour Gazette")));
}

void PdfReaderTest::pageStartsPointAtEachPage()
{
    const ReadResult result = PdfReader().read(twoColumnBrief(), {});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pageStarts.size(), 2);
    QCOMPARE(result.pageStarts[0], 0);
    QCOMPARE(result.pageStarts[1], result.body.indexOf(columns[2].front()));
    QVERIFY(result.pageStarts[1] > 0);

    Article article = Analyzer().analyzeBytes(QStringLiteral("brief.pdf"), twoColumnBrief()).article;
    QCOMPARE(article.format, QStringLiteral("pdf"));
    QCOMPARE(article.pageStarts, result.pageStarts);
}

void PdfReaderTest::hyphensAtLineEndsAreUndone()
{
    const ReadResult result = PdfReader().read(hyphenated(), {});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.body,
        QStringLiteral(
            "The harbour council will fund the reconstruction of the north quay, a well-known landmark, after "
            "a long-running dispute with the Anglo-Saxon Trading Company over the cost of dredging the "
            "channel.\n\nInes Varga, a well-known critic of the plan, said she would vote for it."));
}

void PdfReaderTest::metadata_data()
{
    QTest::addColumn<QByteArray>("pdf");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("author");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("bodyStart");

    const QString today = QDate::currentDate().toString(Qt::ISODate);
    QTest::newRow("title from the document info")
        << headlineAndParagraph(QStringLiteral("Harbour council backs ferry terminal"))
        << QStringLiteral("Harbour council backs ferry terminal") << QString() << today
        << QStringLiteral("Ferry terminal approved after long debate\n\nThe harbour council");
    QTest::newRow("no title in the info: the largest type")
        << headlineAndParagraph({}) << QStringLiteral("Ferry terminal approved after long debate") << QString() << today
        << QStringLiteral("The harbour council voted");
    QTest::newRow("info title repeated as the headline")
        << headlineAndParagraph(QStringLiteral("Ferry Terminal Approved After Long Debate"))
        << QStringLiteral("Ferry Terminal Approved After Long Debate") << QString() << today
        << QStringLiteral("The harbour council voted");
    QTest::newRow("author from the XMP metadata")
        << headlineAndParagraph({}, xmpWithCreator(QStringLiteral("Tomas Reyes")))
        << QStringLiteral("Ferry terminal approved after long debate") << QStringLiteral("Tomas Reyes") << today
        << QStringLiteral("The harbour council voted");
    QTest::newRow("word processor's title skipped, author and date from the info")
        << wordDocumentExport() << QStringLiteral("Coastal towns brace for storm season")
        << QStringLiteral("Mara Ellison") << QStringLiteral("2026-03-05")
        << QStringLiteral("Forecasters expect more storms than usual along the coast this autumn, and three towns");
    // Found by fuzz_pdf: a creation date in the year 4052 is no article's date.
    QTest::newRow("implausible creation date")
        << PdfFixtures::handWritten({ { 72, 100, 11, "Ferry fares rise." } }, "/CreationDate (D:40520610203000Z)")
        << QString() << QString() << QString() << QStringLiteral("Ferry fares rise.");
}

void PdfReaderTest::metadata()
{
    QFETCH(QByteArray, pdf);
    QFETCH(QString, title);
    QFETCH(QString, author);
    QFETCH(QString, date);
    QFETCH(QString, bodyStart);
    const ReadResult result = PdfReader().read(pdf, {});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.meta.title, title);
    QCOMPARE(result.meta.author, author);
    QCOMPARE(result.meta.date, date);
    QVERIFY2(result.body.startsWith(bodyStart), qPrintable(result.body));
}

void PdfReaderTest::errorsAreClear_data()
{
    QTest::addColumn<QByteArray>("pdf");
    QTest::addColumn<QString>("error");

    QTest::newRow("scanned pages only") << scanned(2) << QStringLiteral("no text layer (scanned page)");
    QByteArray garbage("%PDF-1.7\n");
    for (int i = 0; i < 4000; ++i) {
        garbage += char((i * 37 + 11) % 251);
    }
    QTest::newRow("garbage after the header") << garbage << QStringLiteral("cannot read the PDF: ");
    QTest::newRow("only the header") << QByteArray("%PDF-") << QStringLiteral("cannot read the PDF: ");
    QTest::newRow("password-protected") << PdfFixtures::handWritten({ { 72, 100, 11, "Secret" } }, "/Title (Locked)",
        "/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + QByteArray(64, 'a') + "> /U <" + QByteArray(64, 'b')
            + "> /P -4 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]")
                                        << QStringLiteral("the PDF is password-protected");
}

void PdfReaderTest::errorsAreClear()
{
    QFETCH(QByteArray, pdf);
    QFETCH(QString, error);
    for (const bool raw : { false, true }) {
        const ReadResult result = PdfReader().read(pdf, ReadOptions { raw });
        QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
        QVERIFY(result.body.isEmpty());
    }
    // Through the analyser as an import sees it, whatever the file is called.
    const AnalyzeResult analysed = Analyzer().analyzeBytes(QStringLiteral("scan.html"), pdf);
    QVERIFY2(analysed.error.startsWith(error), qPrintable(analysed.error));

    // Cut short anywhere, the file is read or refused, never a crash.
    for (const qsizetype cut : { pdf.size() / 3, pdf.size() / 2, pdf.size() - 20 }) {
        const ReadResult result = PdfReader().read(pdf.first(std::max<qsizetype>(cut, 0)), {});
        QVERIFY(result.ok() || !result.error.isEmpty());
    }
}

void PdfReaderTest::pagesWithoutTextAreSkipped()
{
    PdfFixtures::Builder pdf;
    pdf.image(QRectF(40, 40, 515, 760));
    pdf.newPage();
    pdf.setSize(10);
    const QString paragraph = QStringLiteral("The second page has a text layer and is kept.");
    pdf.text(72, 100, paragraph);
    const ReadResult result = PdfReader().read(pdf.finish(), {});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.body, paragraph);
    QCOMPARE(result.pageStarts, (QList<qsizetype> { 0, 0 }));
}

void PdfReaderTest::rawKeepsTheExtractedText()
{
    const ReadResult result = PdfReader().read(twoColumnBrief(), ReadOptions { true });
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.body, result.rawText);
    QVERIFY(result.body.contains(QStringLiteral("The Harbour Gazette")));
    QVERIFY(result.meta.title.isEmpty());
    QCOMPARE(result.pageStarts.size(), 2);
    QVERIFY(result.rawText.mid(result.pageStarts[1]).startsWith(QStringLiteral("The Harbour Gazette")));
}

void PdfReaderTest::registryPicksPdfByContent_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("readable");

    const QByteArray brief = twoColumnBrief();
    QTest::newRow("pdf") << QStringLiteral("brief.pdf") << brief << QStringLiteral("pdf") << true;
    QTest::newRow("a PDF that claims to be HTML")
        << QStringLiteral("story.html") << brief << QStringLiteral("pdf") << true;
    QTest::newRow("a PDF named .txt") << QStringLiteral("brief.txt") << brief << QStringLiteral("pdf") << true;
    QTest::newRow("junk before the header")
        << QStringLiteral("brief.bin") << QByteArray("\xEF\xBB\xBF\r\n") + brief << QStringLiteral("pdf") << true;
    QTest::newRow(".pdf without the header")
        << QStringLiteral("notes.pdf") << QByteArray("Just some notes.\n") << QStringLiteral("pdf") << false;
    QTest::newRow("html stays html") << QStringLiteral("page.html") << QByteArray("<html><p>PDF-1.4</p></html>")
                                     << QStringLiteral("html") << true;
}

void PdfReaderTest::registryPicksPdfByContent()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, format);
    QFETCH(bool, readable);
    const ArticleReader *reader = ReaderRegistry::instance().readerFor(path, bytes);
    QCOMPARE(reader->format(), format);
    const ReadResult result = reader->read(bytes, {});
    QCOMPARE(result.ok(), readable);
    if (format == u"pdf" && readable) {
        QCOMPARE(result.meta.title, title);
    } else if (!readable) {
        QVERIFY2(result.error.startsWith(QStringLiteral("cannot read the PDF")), qPrintable(result.error));
    }
}

void PdfReaderTest::importPutsPdfInTheLibrary()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString brief = writeFile(dir.filePath(QStringLiteral("corpus/brief.pdf")), twoColumnBrief());
    const QString scan = writeFile(dir.filePath(QStringLiteral("corpus/sub/scan.pdf")), scanned(1));
    writeFile(dir.filePath(QStringLiteral("corpus/note.txt")), QByteArray("Ines Varga met fishing crews in Halden.\n"));
    ImportRequest request;
    request.libraryPath = dir.filePath(QStringLiteral("lib.dossier"));
    request.paths = { dir.filePath(QStringLiteral("corpus")) };
    const ImportSummary summary = importFiles(request, false);
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    QCOMPARE(summary.imported, 2);
    QCOMPARE(summary.failed.size(), 1);
    QCOMPARE(summary.failed.front().path, scan);
    QCOMPARE(summary.failed.front().error, QStringLiteral("no text layer (scanned page)"));

    Library library(request.libraryPath);
    QVERIFY(library.open());
    const auto hits = library.documents().search(QStringLiteral("\"herring season\""));
    QVERIFY(hits);
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->front().path, brief);
    QCOMPARE(hits->front().title, title);
}

void PdfReaderTest::cliAnalyzesPdf()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir.filePath(QStringLiteral("brief.pdf")), twoColumnBrief());
    QProcess process;
    process.start(QStringLiteral(DOSSIER_CLI), { QStringLiteral("analyze"), path });
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 0);
    const QJsonObject object = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    QCOMPARE(object.value(QLatin1String("format")).toString(), QStringLiteral("pdf"));
    QCOMPARE(object.value(QLatin1String("encoding")).toString(), QStringLiteral("PDF"));
    QCOMPARE(object.value(QLatin1String("title")).toString(), title);
    const QString body = object.value(QLatin1String("body")).toString();
    QCOMPARE(body.split(QStringLiteral("\n\n")), allParagraphs());
    const QJsonArray pageStarts = object.value(QLatin1String("pageStarts")).toArray();
    QCOMPARE(pageStarts.size(), 2);
    QCOMPARE(pageStarts[1].toInt(), body.indexOf(columns[2].front()));
    bool foundVarga = false;
    for (const QJsonValue &entity : object.value(QLatin1String("entities")).toArray()) {
        foundVarga = foundVarga || entity.toObject().value(QLatin1String("name")).toString() == u"Ines Varga";
    }
    QVERIFY(foundVarga);
}

void PdfReaderTest::layoutIgnoresWordOrder()
{
    const Placed header { 50, 40, 9, QStringLiteral("Harbour Gazette Policy Brief") };
    // A running footer whose digits change from page to page.
    const auto sheet = [](int page) {
        return Placed { 50, 775, 8, QStringLiteral("Brief 7 printed 12 March 2026, sheet %1 of 3").arg(page) };
    };
    const QList<PdfLayout::Page> pages {
        placedPage({ header, { 300, 760, 9, QStringLiteral("Page 1 of 3") }, sheet(1),
            { 50, 100, 10, QStringLiteral("The harbour council met on Monday to") },
            { 50, 113, 10, QStringLiteral("discuss the dredging plan for the north") },
            { 50, 126, 10, QStringLiteral("channel.") },
            { 50, 147, 10, QStringLiteral("Members asked why the cost had risen") },
            { 50, 160, 10, QStringLiteral("so quickly since the spring, and") },
            { 320, 100, 10, QStringLiteral("the chair promised a full account") },
            { 320, 113, 10, QStringLiteral("within a month.") },
            { 320, 134, 10, QStringLiteral("Fishing crews were not invited to the") },
            { 320, 147, 10, QStringLiteral("meeting, which they called a mis-") } }),
        placedPage({ header, { 300, 760, 9, QStringLiteral("- 2 -") }, sheet(2),
            { 50, 100, 10, QStringLiteral("take that the council would regret.") },
            { 50, 121, 10, QStringLiteral("Several crews said they would write to") },
            { 50, 134, 10, QStringLiteral("the harbour minister.") },
            { 320, 100, 10, QStringLiteral("Ferry operators said the timetable") },
            { 320, 113, 10, QStringLiteral("would not change.") } }),
        placedPage({ header, { 300, 760, 9, QStringLiteral("3") }, sheet(3),
            { 50, 100, 10, QStringLiteral("The next meeting is in June.") },
            { 320, 100, 10, QStringLiteral("Public comments close in May.") } }),
    };
    const PdfLayout::Result result = PdfLayout::rebuild(pages, {});
    QCOMPARE(result.body.split(QStringLiteral("\n\n")),
        (QStringList {
            QStringLiteral("The harbour council met on Monday to discuss the dredging plan for the north channel."),
            QStringLiteral("Members asked why the cost had risen so quickly since the spring, and the chair promised a "
                           "full account within a month."),
            QStringLiteral(
                "Fishing crews were not invited to the meeting, which they called a mistake that the council "
                "would regret."),
            QStringLiteral("Several crews said they would write to the harbour minister."),
            QStringLiteral("Ferry operators said the timetable would not change."),
            QStringLiteral("The next meeting is in June."), QStringLiteral("Public comments close in May.") }));
    QCOMPARE(result.pageStarts.size(), 3);
    QCOMPARE(result.pageStarts[0], 0);
    QVERIFY(result.body.mid(result.pageStarts[1]).startsWith(QStringLiteral("take that the council")));
    QCOMPARE(result.pageStarts[2], result.body.indexOf(QStringLiteral("The next meeting")));
    QVERIFY(result.title.isEmpty());
}

void PdfReaderTest::layoutBreaksAtIndents()
{
    const PdfLayout::Result result
        = PdfLayout::rebuild({ placedPage({
                                 { 50, 70, 14, QStringLiteral("Terminal delayed") },
                                 { 68, 100, 10, QStringLiteral("The ferry terminal will open in May,") },
                                 { 50, 113, 10, QStringLiteral("two months later than planned, the") },
                                 { 50, 126, 10, QStringLiteral("operator said in a statement today.") },
                                 { 68, 139, 10, QStringLiteral("Work on the car park has not begun,") },
                                 { 50, 152, 10, QStringLiteral("and the access road is still closed.") },
                             }) },
            {});
    QCOMPARE(result.title, QStringLiteral("Terminal delayed"));
    QCOMPARE(result.body,
        QStringLiteral("The ferry terminal will open in May, two months later than planned, the operator said in a "
                       "statement today.\n\nWork on the car park has not begun, and the access road is still closed."));
}

void PdfReaderTest::layoutReadsThreeColumns()
{
    QList<Placed> lines;
    const QStringList columnTexts { QStringLiteral("Column one starts here and runs on to its end."),
        QStringLiteral("Column two follows it and also runs on to its end."),
        QStringLiteral("Column three closes the page and runs to its end.") };
    for (qsizetype column = 0; column < columnTexts.size(); ++column) {
        const QStringList words = columnTexts[column].split(u' ');
        for (qsizetype line = 0; line * 3 < words.size(); ++line) {
            lines.append({ 50 + 180.0 * column, 100 + 13.0 * line, 10, words.mid(line * 3, 3).join(u' ') });
        }
    }
    const PdfLayout::Result result = PdfLayout::rebuild({ placedPage(lines) }, {});
    QCOMPARE(result.body, columnTexts.join(QStringLiteral("\n\n")));
}

void PdfReaderTest::layoutJoinsAParagraphOverAPageBreak()
{
    // A line that fills its column without ending a sentence runs on over the page break, even to a
    // capitalised word; a short line that ends a paragraph without a full stop does not.
    const QList<PdfLayout::Page> pages {
        placedPage({ { 50, 100, 10, QStringLiteral("The harbour master said the review would") },
            { 50, 113, 10, QStringLiteral("look at the price of moving the spoil and") },
            { 50, 126, 10, QStringLiteral("at the dredging contract signed with") } }),
        placedPage({ { 50, 100, 10, QStringLiteral("Nordkyst Marine in the spring of last year.") },
            { 50, 121, 10, QStringLiteral("Members of the council asked for a copy") },
            { 50, 134, 10, QStringLiteral("of the contract before the vote") } }),
        placedPage({ { 50, 100, 10, QStringLiteral("Ferry operators said the timetable would") },
            { 50, 113, 10, QStringLiteral("not change.") } }),
    };
    const PdfLayout::Result result = PdfLayout::rebuild(pages, {});
    QCOMPARE(result.body.split(QStringLiteral("\n\n")),
        (QStringList { QStringLiteral("The harbour master said the review would look at the price of moving the spoil "
                                      "and at the dredging contract signed with Nordkyst Marine in the spring of last "
                                      "year."),
            QStringLiteral("Members of the council asked for a copy of the contract before the vote"),
            QStringLiteral("Ferry operators said the timetable would not change.") }));
    QCOMPARE(result.pageStarts.size(), 3);
    QVERIFY(result.body.mid(result.pageStarts[1]).startsWith(QStringLiteral("Nordkyst Marine")));
}

QTEST_MAIN(PdfReaderTest)
#include "pdfreader_test.moc"
