#include "analysis/analyzer.h"
#include "formats/articlereader.h"
#include "formats/mailreader.h"
#include "import/importjob.h"
#include "store/articlestore.h"
#include "store/library.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;

// Fixture messages are written here, at test time: invented news alerts, a mailbox, a saved page.
namespace
{

QByteArray latin1(const QString &text)
{
    QStringEncoder encoder(QStringEncoder::Latin1);
    return encoder.encode(text);
}

// Quoted-printable (RFC 2045) with soft line breaks, as mail programs write it.
QByteArray quotedPrintable(const QByteArray &bytes)
{
    QByteArray out;
    int column = 0;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\n";
            column = 0;
            continue;
        }
        QByteArray piece;
        if ((u >= 33 && u <= 126 && c != '=') || c == ' ') {
            piece = QByteArray(1, c);
        } else {
            piece = QByteArray(1, c).toHex().toUpper().prepend('=');
        }
        if (column + piece.size() > 75) {
            out += "=\n";
            column = 0;
        }
        out += piece;
        column += int(piece.size());
    }
    return out;
}

QByteArray base64Lines(const QByteArray &bytes)
{
    const QByteArray encoded = bytes.toBase64();
    QByteArray out;
    for (qsizetype at = 0; at < encoded.size(); at += 76) {
        out += encoded.mid(at, 76) + "\n";
    }
    return out;
}

const QString alertHtml = QStringLiteral(
    "<html><head><meta charset=\"iso-8859-1\"><title>Harbour Gazette alert</title></head><body>"
    "<table><tr><td><a href=\"https://harbourgazette.example/\">Harbour Gazette</a> | Breaking news</td></tr></table>\n"
    "<h1>Port of Vall\u00e9e approves dredging plan</h1>\n"
    "<p>VALL\u00c9E \u2014 The port authority of Vall\u00e9e approved a dredging plan on Tuesday, its director "
    "Mar\u00eda Santos said, after two years of talks with the shipping lines that call at the harbour.</p>\n"
    "<p>Santos said the work would start in April and last eighteen months. The Nordhavn Shipping Company, "
    "the largest tenant of the port, welcomed the decision in a statement on Tuesday evening.</p>\n"
    "<p>Fishermen in the northern basin have asked the authority to keep one channel open during the works; "
    "the authority said it would answer them before the end of the month.</p>\n"
    "<p><a href=\"https://harbourgazette.example/unsubscribe\">Unsubscribe</a></p></body></html>\n");

const QString alertPlain = QStringLiteral(
    "PLAIN-ONLY VERSION\n\nPort of Vall\u00e9e approves dredging plan\n\nThe port authority approved it.\n");

const QByteArray briefingHtml = "<html><head><title>Dredging briefing</title></head><body><article>"
                                "<h1>Dredging briefing</h1>"
                                "<p>Engineers of the Nordhavn Shipping Company expect the dredging in Vallee to move "
                                "about two million cubic metres of silt from the northern basin by the autumn.</p>"
                                "<p>The briefing was prepared for the port authority board, which meets in Lisbon "
                                "next week to sign the contracts with the dredging firms.</p>"
                                "</article></body></html>\n";

// The em dash of alertHtml is not in Latin-1: the HTML says &mdash; instead.
QByteArray alertHtmlLatin1()
{
    QString html = alertHtml;
    html.replace(QChar(0x2014), QStringLiteral("&mdash;"));
    return latin1(html);
}

// An alert: multipart/alternative (plain, then HTML; both quoted-printable ISO-8859-1), an HTML
// attachment, and a picture that is no article.
QByteArray alertMessage()
{
    QByteArray m;
    m += "Return-Path: <alerts@harbourgazette.example>\n"
         "From: \"Harbour Gazette Alerts\" <alerts@harbourgazette.example>\n"
         "To: desk@newsroom.example\n"
         "Subject: =?ISO-8859-1?Q?Port_of_Vall=E9e_approves_dredging_plan?=\n"
         "Date: Wed, 04 Mar 2026 09:15:00 +0100\n"
         "Message-ID: <alert-20260304-1@harbourgazette.example>\n"
         "List-Id: Harbour Gazette Alerts <alerts.harbourgazette.example>\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; boundary=\"outer\"\n"
         "\n"
         "This is a multi-part message in MIME format.\n"
         "--outer\n"
         "Content-Type: multipart/alternative; boundary=\"inner\"\n"
         "\n"
         "--inner\n"
         "Content-Type: text/plain; charset=ISO-8859-1\n"
         "Content-Transfer-Encoding: quoted-printable\n"
         "\n";
    m += quotedPrintable(latin1(alertPlain));
    m += "\n--inner\n"
         "Content-Type: text/html; charset=ISO-8859-1\n"
         "Content-Transfer-Encoding: quoted-printable\n"
         "\n";
    m += quotedPrintable(alertHtmlLatin1());
    m += "\n--inner--\n"
         "\n--outer\n"
         "Content-Type: text/html; charset=UTF-8; name=\"briefing.html\"\n"
         "Content-Disposition: attachment; filename=\"briefing.html\"\n"
         "Content-Transfer-Encoding: base64\n"
         "\n";
    m += base64Lines(briefingHtml);
    m += "--outer\n"
         "Content-Type: image/png; name=\"logo.png\"\n"
         "Content-Disposition: attachment; filename=\"logo.png\"\n"
         "Content-Transfer-Encoding: base64\n"
         "\n";
    m += base64Lines(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    m += "--outer--\n";
    return m;
}

// A plain-text message in UTF-8, base64, From without a display name and no List-Id.
QByteArray plainMessage()
{
    QByteArray m = "From: desk@tidewater-times.example\n"
                   "Subject: Ferry strike ends in Aarhus\n"
                   "Date: Thu, 5 Mar 2026 18:02:11 -0000\n"
                   "Message-ID: <ferry-7@tidewater-times.example>\n"
                   "MIME-Version: 1.0\n"
                   "Content-Type: text/plain; charset=utf-8\n"
                   "Content-Transfer-Encoding: base64\n"
                   "\n";
    m += base64Lines(QStringLiteral("AARHUS \u2014 The ferry strike ended on Thursday after the union and Nordlys "
                                    "Ferries agreed on a new contract, union leader S\u00f8ren Holm said.\n\n"
                                    "Crossings to Copenhagen resume on Friday morning.\n")
            .toUtf8());
    return m;
}

// Three messages; the second quotes a body line starting "From " as ">From ", the third has no Message-ID.
QByteArray mailbox()
{
    return "From alerts@harbourgazette.example Wed Mar  4 09:15:00 2026\n"
           "From: Harbour Gazette Alerts <alerts@harbourgazette.example>\n"
           "Subject: Lisbon port workers vote to strike\n"
           "Date: Wed, 04 Mar 2026 09:15:00 +0000\n"
           "Message-ID: <strike-1@harbourgazette.example>\n"
           "\n"
           "LISBON - Port workers in Lisbon voted on Wednesday to strike next week, their union said.\n"
           "\n"
           "From alerts@harbourgazette.example Thu Mar  5 10:00:00 2026\n"
           "From: Harbour Gazette Alerts <alerts@harbourgazette.example>\n"
           "Subject: Strike talks resume in Lisbon\n"
           "Date: Thu, 05 Mar 2026 10:00:00 +0000\n"
           "Message-ID: <strike-2@harbourgazette.example>\n"
           "\n"
           "Talks between the union and the port operator resumed on Thursday.\n"
           ">From the harbour office, a spokesman said the mood was calm.\n"
           "\n"
           "From alerts@harbourgazette.example Fri Mar  6 11:30:00 2026\n"
           "From: Harbour Gazette Alerts <alerts@harbourgazette.example>\n"
           "Subject: Lisbon strike called off\n"
           "Date: Fri, 06 Mar 2026 11:30:00 +0000\n"
           "\n"
           "The strike at the port of Lisbon was called off on Friday, the union said.\n";
}

// A page saved by a browser: the HTML (quoted-printable UTF-8), a style sheet and a picture.
// Untitled, the page has neither a <title> nor a heading.
QByteArray webArchive(bool titled = true)
{
    QByteArray page = QStringLiteral(
        "<!DOCTYPE html><html><head><title>Canal tolls rise in Panama</title>"
        "<link rel=\"stylesheet\" href=\"https://tidewater-times.example/style.css\"></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Canal tolls rise in Panama</h1>"
        "<p>PANAMA CITY \u2014 The Panama Canal Authority raised its tolls by eight percent on Monday, "
        "its administrator Ricaurte V\u00e1squez said, citing the cost of the new water reservoirs.</p>"
        "<p>Shipping lines said the rise would be passed on to their customers within weeks.</p>"
        "<img src=\"cid:chart@mhtml.blink\"></article></body></html>")
                          .toUtf8();
    if (!titled) {
        page.replace("<title>Canal tolls rise in Panama</title>", "");
        page.replace("<h1>Canal tolls rise in Panama</h1>", "");
    }
    QByteArray m = "From: <Saved by Blink>\r\n"
                   "Snapshot-Content-Location: https://tidewater-times.example/world/canal-tolls\r\n"
                   "Subject: Canal tolls rise in Panama\r\n"
                   "Date: Mon, 9 Mar 2026 08:00:00 -0000\r\n"
                   "MIME-Version: 1.0\r\n"
                   "Content-Type: multipart/related;\r\n"
                   "\ttype=\"text/html\";\r\n"
                   "\tboundary=\"----MultipartBoundary--page\"\r\n"
                   "\r\n"
                   "------MultipartBoundary--page\r\n"
                   "Content-Type: text/css\r\n"
                   "Content-Transfer-Encoding: quoted-printable\r\n"
                   "Content-Location: https://tidewater-times.example/style.css\r\n"
                   "\r\n"
                   "body { font-family: serif; } .secret-style-marker { color: red; }\r\n"
                   "------MultipartBoundary--page\r\n"
                   "Content-Type: text/html\r\n"
                   "Content-ID: <frame-1@mhtml.blink>\r\n"
                   "Content-Transfer-Encoding: quoted-printable\r\n"
                   "Content-Location: https://tidewater-times.example/world/canal-tolls\r\n"
                   "\r\n";
    m += quotedPrintable(page).replace("\n", "\r\n");
    m += "\r\n------MultipartBoundary--page\r\n"
         "Content-Type: image/png\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "Content-ID: <chart@mhtml.blink>\r\n"
         "\r\n";
    m += base64Lines(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)).replace("\n", "\r\n");
    m += "------MultipartBoundary--page--\r\n";
    // The HTML page is the second part; "start" does not name it, so the first text/html is taken.
    return m;
}

// Every mention is a span of the body written as its entity's name or one of its aliases.
void checkMentions(const Article &article)
{
    for (const Mention &mention : article.mentions) {
        QVERIFY(mention.start >= 0 && mention.start < mention.end && mention.end <= article.body.size());
        QVERIFY(mention.entity >= 0 && mention.entity < article.entities.size());
        const Entity &entity = article.entities[mention.entity];
        const QString text = article.body.mid(mention.start, mention.end - mention.start);
        QVERIFY2(text == entity.name || entity.aliases.contains(text) || entity.type == EntityType::Date
                || entity.type == EntityType::Money,
            qPrintable(text + QStringLiteral(" / ") + entity.name));
    }
}

} // namespace

class MailReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void readsMessageMetadataAndBody_data();
    void readsMessageMetadataAndBody();
    void mentionsLandInTheBody();
    void attachmentIsAnArticleOfItsOwn();
    void splitsAMailboxIntoItsMessages();
    void readsAWebArchive();
    void choosesTheReaderByContent_data();
    void choosesTheReaderByContent();
    void brokenInputGetsAClearError_data();
    void brokenInputGetsAClearError();
    void importsAFolderOfMailAndSkipsWhatIsUnchanged();
    void cliAnalyzePrintsOneLinePerArticle();
    void fuzzSeedsKeepTheReadersPromises();

private:
    QString write(const QString &name, const QByteArray &bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void MailReaderTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString MailReaderTest::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qFatal("cannot write %s", qPrintable(path));
    }
    file.write(bytes);
    return path;
}

void MailReaderTest::readsMessageMetadataAndBody_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("author");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("inBody");
    QTest::addColumn<QString>("notInBody");

    QTest::newRow("HTML alternative preferred, quoted-printable ISO-8859-1, List-Id")
        << alertMessage() << QStringLiteral("Port of Vall\u00e9e approves dredging plan")
        << QStringLiteral("2026-03-04T09:15:00+01:00") << QStringLiteral("Harbour Gazette Alerts")
        << QStringLiteral("Harbour Gazette Alerts") << QStringLiteral("windows-1252")
        << QStringLiteral("its director Mar\u00eda Santos said") << QStringLiteral("PLAIN-ONLY");
    QTest::newRow("plain text, base64 UTF-8, address without a name, From domain")
        << plainMessage() << QStringLiteral("Ferry strike ends in Aarhus") << QStringLiteral("2026-03-05T18:02:11Z")
        << QStringLiteral("desk@tidewater-times.example") << QStringLiteral("tidewater-times.example")
        << QStringLiteral("UTF-8") << QStringLiteral("union leader S\u00f8ren Holm said") << QStringLiteral("base64");
}

void MailReaderTest::readsMessageMetadataAndBody()
{
    QFETCH(QByteArray, message);
    const ReadResult read = MailReader().read(message, ReadOptions {});
    QVERIFY2(read.ok(), qPrintable(read.error));
    QVERIFY(!read.container);
    QTEST(read.meta.title, "title");
    QTEST(read.meta.date, "date");
    QTEST(read.meta.author, "author");
    QTEST(read.meta.source, "source");
    QTEST(read.encoding, "encoding");
    QFETCH(QString, inBody);
    QFETCH(QString, notInBody);
    QVERIFY2(read.body.contains(inBody), qPrintable(read.body));
    QVERIFY2(!read.body.contains(notInBody), qPrintable(read.body));
    QVERIFY(!read.body.contains(QStringLiteral("=E9")) && !read.body.contains(QStringLiteral("<p>")));
    // The whole message is the raw text; --raw makes it the body, unchanged.
    QVERIFY(
        read.rawText.startsWith(QStringLiteral("Return-Path:")) || read.rawText.startsWith(QStringLiteral("From:")));
    const ReadResult raw = MailReader().read(message, ReadOptions { true });
    QVERIFY(raw.ok());
    QCOMPARE(raw.body, raw.rawText);
    QCOMPARE(raw.rawText, read.rawText);
    QVERIFY(raw.meta.title.isEmpty());
}

void MailReaderTest::mentionsLandInTheBody()
{
    const AnalyzeResult result = Analyzer().analyzeBytes(QStringLiteral("alert.eml"), alertMessage());
    QVERIFY2(result.ok(), qPrintable(result.error));
    const Article &article = result.article;
    QCOMPARE(article.format, QStringLiteral("email"));
    QVERIFY(!article.mentions.isEmpty());
    checkMentions(article);
    bool santos = false;
    for (const Mention &mention : article.mentions) {
        santos = santos || article.body.mid(mention.start, mention.end - mention.start).contains(u"Santos");
    }
    QVERIFY2(santos, "María Santos is found in the body");
    for (const AnalyzeResult &part : result.parts) {
        checkMentions(part.article);
    }
}

void MailReaderTest::attachmentIsAnArticleOfItsOwn()
{
    const MailReader reader;
    const ReadResult read = reader.read(alertMessage(), ReadOptions {});
    QVERIFY(read.ok());
    // The HTML attachment is a part; the picture is not, nor the HTML body itself.
    QCOMPARE(read.parts.size(), 1);
    QCOMPARE(read.parts[0].id, QStringLiteral("attachment/briefing.html"));
    QCOMPARE(read.parts[0].bytes, briefingHtml);

    const AnalyzeResult result = Analyzer().analyzeBytes(QStringLiteral("/news/alert.eml"), alertMessage());
    QVERIFY(result.ok());
    QCOMPARE(result.article.path, QStringLiteral("/news/alert.eml"));
    QVERIFY(result.article.partOf.isEmpty());
    QCOMPARE(result.parts.size(), size_t(1));
    const Article &attachment = result.parts[0].article;
    QVERIFY2(result.parts[0].ok(), qPrintable(result.parts[0].error));
    QCOMPARE(attachment.path, QStringLiteral("/news/alert.eml#attachment/briefing.html"));
    QCOMPARE(attachment.partOf, QStringLiteral("/news/alert.eml"));
    QCOMPARE(attachment.format, QStringLiteral("html"));
    QCOMPARE(attachment.meta.title, QStringLiteral("Dredging briefing"));
    // Sent with the message: its date and source when it has none of its own.
    QCOMPARE(attachment.meta.date, QStringLiteral("2026-03-04T09:15:00+01:00"));
    QCOMPARE(attachment.meta.source, QStringLiteral("Harbour Gazette Alerts"));
    QVERIFY(attachment.body.contains(QStringLiteral("two million cubic metres")));
    QCOMPARE(attachment.sha256, QCryptographicHash::hash(briefingHtml, QCryptographicHash::Sha256).toHex());
}

void MailReaderTest::splitsAMailboxIntoItsMessages()
{
    const ReadResult read = MailReader().read(mailbox(), ReadOptions {});
    QVERIFY2(read.ok(), qPrintable(read.error));
    QVERIFY(read.container);
    QCOMPARE(read.parts.size(), 3);
    QCOMPARE(read.parts[0].id, QStringLiteral("strike-1@harbourgazette.example"));
    QCOMPARE(read.parts[1].id, QStringLiteral("strike-2@harbourgazette.example"));
    QCOMPARE(read.parts[2].id, QStringLiteral("message-3"));
    // Each part is its message alone, the mbox "From " lines left out and ">From " unquoted.
    for (const EmbeddedFile &part : read.parts) {
        QVERIFY2(part.bytes.startsWith("From: Harbour Gazette"), part.bytes.constData());
        QVERIFY(!part.bytes.contains("\nFrom alerts@"));
    }
    QVERIFY(read.parts[1].bytes.contains("\nFrom the harbour office"));

    const QString path = QStringLiteral("/news/alerts.mbox");
    const AnalyzeResult result = Analyzer().analyzeBytes(path, mailbox());
    QVERIFY(result.ok());
    QVERIFY(result.container);
    QCOMPARE(result.parts.size(), size_t(3));
    const QStringList titles { QStringLiteral("Lisbon port workers vote to strike"),
        QStringLiteral("Strike talks resume in Lisbon"), QStringLiteral("Lisbon strike called off") };
    const QStringList dates { QStringLiteral("2026-03-04T09:15:00Z"), QStringLiteral("2026-03-05T10:00:00Z"),
        QStringLiteral("2026-03-06T11:30:00Z") };
    for (size_t i = 0; i < 3; ++i) {
        const AnalyzeResult &part = result.parts[i];
        QVERIFY2(part.ok(), qPrintable(part.error));
        QCOMPARE(part.article.path, path + u'#' + read.parts[qsizetype(i)].id);
        QCOMPARE(part.article.partOf, path);
        QCOMPARE(part.article.format, QStringLiteral("email"));
        QCOMPARE(part.article.meta.title, titles[qsizetype(i)]);
        QCOMPARE(part.article.meta.date, dates[qsizetype(i)]);
        QCOMPARE(part.article.meta.source, QStringLiteral("harbourgazette.example"));
        QVERIFY(part.article.body.contains(QStringLiteral("Lisbon")) || part.article.body.contains(u"union"));
        checkMentions(part.article);
    }
    QVERIFY2(result.parts[1].article.body.contains(QStringLiteral("From the harbour office")),
        qPrintable(result.parts[1].article.body));
    QVERIFY(!result.parts[1].article.body.contains(QStringLiteral(">From")));

    // A library that holds a message unchanged is not asked to read it again.
    const QString known = result.parts[1].article.path;
    const QByteArray knownSha = result.parts[1].article.sha256;
    const AnalyzeResult again = Analyzer().analyzeBytes(
        path, mailbox(), [&](const QString &part, const QByteArray &sha) { return part == known && sha == knownSha; });
    QCOMPARE(again.parts.size(), size_t(3));
    QVERIFY(!again.parts[0].unchanged && again.parts[1].unchanged && !again.parts[2].unchanged);
    QVERIFY(again.parts[1].article.body.isEmpty());
}

void MailReaderTest::readsAWebArchive()
{
    const ReadResult read = MhtmlReader().read(webArchive(), ReadOptions {});
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.meta.title, QStringLiteral("Canal tolls rise in Panama"));
    QCOMPARE(read.meta.url, QStringLiteral("https://tidewater-times.example/world/canal-tolls"));
    QCOMPARE(read.encoding, QStringLiteral("UTF-8"));
    QVERIFY2(read.body.contains(QStringLiteral("its administrator Ricaurte V\u00e1squez said")), qPrintable(read.body));
    QVERIFY(read.body.contains(QStringLiteral("passed on to their customers")));
    QVERIFY(!read.body.contains(QStringLiteral("secret-style-marker")));
    QVERIFY(!read.body.contains(QStringLiteral("PNG")) && !read.body.contains(QStringLiteral("iVBOR")));
    QVERIFY(read.parts.isEmpty());

    const AnalyzeResult result = Analyzer().analyzeBytes(QStringLiteral("canal.mhtml"), webArchive());
    QVERIFY(result.ok());
    QCOMPARE(result.article.format, QStringLiteral("mhtml"));
    checkMentions(result.article);

    // A page without a title of its own (no <title>, no heading) is named by the Subject.
    QByteArray untitled = webArchive(false);
    untitled.replace("Subject: Canal tolls rise in Panama", "Subject: Saved: canal tolls");
    QCOMPARE(MhtmlReader().read(untitled, ReadOptions {}).meta.title, QStringLiteral("Saved: canal tolls"));
}

void MailReaderTest::choosesTheReaderByContent_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("format");

    QTest::newRow("message named .txt") << QStringLiteral("alert.txt") << alertMessage() << QStringLiteral("email");
    QTest::newRow("message named .html") << QStringLiteral("alert.html") << plainMessage() << QStringLiteral("email");
    QTest::newRow("message without suffix") << QStringLiteral("alert") << alertMessage() << QStringLiteral("email");
    QTest::newRow("mailbox named .txt") << QStringLiteral("alerts.txt") << mailbox() << QStringLiteral("email");
    QTest::newRow("web archive named .mht") << QStringLiteral("canal.mht") << webArchive() << QStringLiteral("mhtml");
    QTest::newRow("web archive named .eml") << QStringLiteral("canal.eml") << webArchive() << QStringLiteral("mhtml");
    QTest::newRow("prose named .eml: a hint only")
        << QStringLiteral("notes.eml") << QByteArray("Port notes\n\nNothing here.\n") << QStringLiteral("email");
    QTest::newRow("text opening with a Subject line")
        << QStringLiteral("memo.txt") << QByteArray("Subject: budget\nWe met on Monday.\n") << QStringLiteral("text");
    QTest::newRow("text opening with header-like lines")
        << QStringLiteral("memo.txt") << QByteArray("Subject: budget\nTo: all staff\n\nWe met on Monday.\n")
        << QStringLiteral("text");
    QTest::newRow("HTML page") << QStringLiteral("page.html") << briefingHtml << QStringLiteral("html");
}

void MailReaderTest::choosesTheReaderByContent()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QTEST(ReaderRegistry::instance().readerFor(name, bytes)->format(), "format");
}

void MailReaderTest::brokenInputGetsAClearError_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");

    QTest::newRow("prose named .eml") << QStringLiteral("notes.eml") << QByteArray("Port notes\n\nNothing here.\n")
                                      << QStringLiteral("not an e-mail message: ");
    QTest::newRow("empty .eml") << QStringLiteral("empty.eml") << QByteArray()
                                << QStringLiteral("not an e-mail message: ");
    QTest::newRow("only a picture") << QStringLiteral("photo.eml")
                                    << QByteArray("From: desk@newsroom.example\nSubject: photo\nMIME-Version: 1.0\n"
                                                  "Content-Type: image/png\nContent-Transfer-Encoding: base64\n\n"
                                                  "iVBORw0KGgo=\n")
                                    << QStringLiteral("the message has no text or HTML part");
    QTest::newRow("multipart cut off before its parts")
        << QStringLiteral("cut.eml")
        << QByteArray("From: desk@newsroom.example\nSubject: cut\nMIME-Version: 1.0\n"
                      "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: image/gif\n\nGIF8")
        << QStringLiteral("the message has no text or HTML part");
    QTest::newRow("web archive without a page")
        << QStringLiteral("empty.mhtml")
        << QByteArray("From: <Saved by Blink>\nSnapshot-Content-Location: https://example.org/\nMIME-Version: 1.0\n"
                      "Content-Type: multipart/related; boundary=\"b\"\n\n--b\nContent-Type: text/css\n\np{}\n--b--\n")
        << QStringLiteral("not a web archive: it holds no HTML page");
}

void MailReaderTest::brokenInputGetsAClearError()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    const AnalyzeResult result = Analyzer().analyzeBytes(name, bytes);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
}

void MailReaderTest::importsAFolderOfMailAndSkipsWhatIsUnchanged()
{
    const QString folder = m_dir->filePath(QStringLiteral("inbox"));
    write(QStringLiteral("inbox/alert.eml"), alertMessage());
    const QString mbox = write(QStringLiteral("inbox/alerts.mbox"), mailbox());
    write(QStringLiteral("inbox/canal.mhtml"), webArchive());
    write(QStringLiteral("inbox/sub/ferry.eml"), plainMessage());
    const QString broken = write(QStringLiteral("inbox/broken.eml"), "Port notes\n\nNothing here.\n");
    write(QStringLiteral("inbox/logo.png"), "\x89PNG");

    ImportRequest request;
    request.libraryPath = m_dir->filePath(QStringLiteral("lib.dossier"));
    request.paths = { folder };
    const std::atomic_bool cancel { false };
    ImportSummary summary = importFiles(request, cancel);
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    // alert + its attachment, three messages, the page, the ferry message.
    QCOMPARE(summary.imported, 7);
    QCOMPARE(summary.updated, 0);
    QCOMPARE(summary.failed.size(), 1);
    QCOMPARE(summary.failed[0].path, broken);
    QVERIFY(summary.failed[0].error.startsWith(QStringLiteral("not an e-mail message: ")));

    {
        Library library(request.libraryPath);
        QVERIFY(library.open());
        const auto stored = library.articles().storedFiles();
        QVERIFY(stored);
        QCOMPARE(stored->size(), 7);
        QVERIFY(stored->contains(folder + QStringLiteral("/alert.eml")));
        QVERIFY(stored->contains(folder + QStringLiteral("/alert.eml#attachment/briefing.html")));
        QVERIFY(stored->contains(mbox + QStringLiteral("#strike-1@harbourgazette.example")));
        QVERIFY(stored->contains(mbox + QStringLiteral("#strike-2@harbourgazette.example")));
        QVERIFY(stored->contains(mbox + QStringLiteral("#message-3")));
        QVERIFY(!stored->contains(mbox));
        const auto message = library.articles().get(stored->value(mbox + QStringLiteral("#message-3")).id);
        QVERIFY(message);
        QCOMPARE(message->format, QStringLiteral("email"));
        QCOMPARE(message->meta.title, QStringLiteral("Lisbon strike called off"));
    }

    // Nothing changed: nothing is stored again (the messages of the mailbox are compared one by one).
    summary = importFiles(request, cancel);
    QCOMPARE(summary.imported, 0);
    QCOMPARE(summary.updated, 0);
    QCOMPARE(summary.unchanged, 6); // alert.eml (with its attachment), three messages, the page, ferry.eml
    QCOMPARE(summary.failed.size(), 1);

    // One message changes and one arrives: only those are stored.
    QByteArray changed = mailbox();
    changed.replace("called off on Friday", "called off late on Friday");
    changed += "\nFrom alerts@harbourgazette.example Sat Mar  7 07:00:00 2026\n"
               "From: Harbour Gazette Alerts <alerts@harbourgazette.example>\n"
               "Subject: Lisbon port reopens\n"
               "Message-ID: <reopen-1@harbourgazette.example>\n"
               "\n"
               "The port of Lisbon reopened on Saturday.\n";
    write(QStringLiteral("inbox/alerts.mbox"), changed);
    summary = importFiles(request, cancel);
    QCOMPARE(summary.imported, 1);
    QCOMPARE(summary.updated, 1);
    QCOMPARE(summary.unchanged, 5);
    Library library(request.libraryPath);
    QVERIFY(library.open());
    const auto stored = library.articles().storedFiles();
    QVERIFY(stored);
    QCOMPARE(stored->size(), 8);
    const auto updated = library.articles().get(stored->value(mbox + QStringLiteral("#message-3")).id);
    QVERIFY(updated && updated->body.contains(QStringLiteral("late on Friday")));
    QVERIFY(stored->contains(mbox + QStringLiteral("#reopen-1@harbourgazette.example")));
}

void MailReaderTest::cliAnalyzePrintsOneLinePerArticle()
{
    const QString eml = write(QStringLiteral("alert.eml"), alertMessage());
    const QString mbox = write(QStringLiteral("alerts.mbox"), mailbox());
    const QString mhtml = write(QStringLiteral("canal.mht"), webArchive());
    const QString broken = write(QStringLiteral("broken.eml"), "Port notes\n\nNothing here.\n");
    QProcess process;
    process.start(QStringLiteral(DOSSIER_CLI), { QStringLiteral("analyze"), eml, mbox, mhtml, broken });
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 1); // the broken file
    QList<QJsonObject> lines;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.isEmpty()) {
            lines.append(QJsonDocument::fromJson(line).object());
        }
    }
    QCOMPARE(lines.size(), 7);
    const auto path = [&](int i) { return lines[i].value(QLatin1String("path")).toString(); };
    const auto field = [&](int i, const char *name) { return lines[i].value(QLatin1String(name)); };
    QCOMPARE(path(0), eml);
    QCOMPARE(field(0, "format").toString(), QStringLiteral("email"));
    QCOMPARE(field(0, "title").toString(), QStringLiteral("Port of Vall\u00e9e approves dredging plan"));
    QCOMPARE(field(0, "date").toString(), QStringLiteral("2026-03-04T09:15:00+01:00"));
    QVERIFY(!lines[0].contains(QLatin1String("parent")));
    QCOMPARE(path(1), eml + QStringLiteral("#attachment/briefing.html"));
    QCOMPARE(field(1, "parent").toString(), eml);
    QCOMPARE(field(1, "format").toString(), QStringLiteral("html"));
    for (int i = 2; i < 5; ++i) {
        QVERIFY2(path(i).startsWith(mbox + u'#'), qPrintable(path(i)));
        QCOMPARE(field(i, "parent").toString(), mbox);
        QCOMPARE(field(i, "format").toString(), QStringLiteral("email"));
    }
    QCOMPARE(field(4, "title").toString(), QStringLiteral("Lisbon strike called off"));
    QCOMPARE(path(5), mhtml);
    QCOMPARE(field(5, "format").toString(), QStringLiteral("mhtml"));
    QCOMPARE(field(5, "url").toString(), QStringLiteral("https://tidewater-times.example/world/canal-tolls"));
    QCOMPARE(path(6), broken);
    QVERIFY(field(6, "error").toString().startsWith(QStringLiteral("not an e-mail message: ")));
    // Offsets are code points into the body, as for every format.
    const QString body = field(0, "body").toString();
    const auto utf16At = [&](int codePoint) {
        qsizetype at = 0;
        for (int n = 0; n < codePoint && at < body.size(); ++n) {
            at += body[at].isHighSurrogate() ? 2 : 1;
        }
        return at;
    };
    const QJsonArray mentions = field(0, "mentions").toArray();
    QVERIFY(!mentions.isEmpty());
    for (const QJsonValue &mention : mentions) {
        const QJsonObject m = mention.toObject();
        const qsizetype start = utf16At(m.value(QLatin1String("start")).toInt());
        const qsizetype end = utf16At(m.value(QLatin1String("end")).toInt());
        QVERIFY(start < end && end <= body.size());
        QCOMPARE(body.mid(start, end - start), m.value(QLatin1String("text")).toString());
    }
}

// What fuzz_mail checks (fuzz/readerfuzz.h), on its seeds, in every ctest run.
void MailReaderTest::fuzzSeedsKeepTheReadersPromises()
{
    const QDir seeds(QStringLiteral(DOSSIER_SOURCE_DIR "/fuzz/corpus/mail"));
    const QFileInfoList files = seeds.entryInfoList(QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 5);
    const MailReader mail;
    const MhtmlReader mhtml;
    for (const QFileInfo &info : files) {
        QFile file(info.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const std::initializer_list<const ArticleReader *> readers { &mail, &mhtml };
        for (const ArticleReader *reader : readers) {
            const QString what = info.fileName() + u' ' + reader->format();
            const ReadResult raw = reader->read(bytes, ReadOptions { true });
            const ReadResult read = reader->read(bytes, ReadOptions {});
            QVERIFY2(read.ok() == raw.ok(), qPrintable(what));
            QSet<QString> ids;
            for (const EmbeddedFile &part : read.parts) {
                QVERIFY2(!part.id.isEmpty() && !ids.contains(part.id), qPrintable(what + u' ' + part.id));
                ids.insert(part.id);
            }
            if (read.ok() && !read.container) {
                QCOMPARE(raw.body, raw.rawText);
                QCOMPARE(read.rawText, raw.rawText);
                QCOMPARE(read.encoding, raw.encoding);
                QVERIFY2(!read.encoding.isEmpty(), qPrintable(what));
            }
        }
    }
    // The seed with an HTML attachment and a forwarded message: both are articles of their own.
    const QFileInfoList attached = seeds.entryInfoList({ QStringLiteral("written-1-*") }, QDir::Files);
    QCOMPARE(attached.size(), 1);
    QFile file(attached[0].filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const AnalyzeResult result = Analyzer().analyzeBytes(QStringLiteral("ferry.eml"), file.readAll());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.parts.size(), size_t(2));
    QCOMPARE(result.parts[0].article.path, QStringLiteral("ferry.eml#attachment/a.html"));
    QCOMPARE(result.parts[1].article.path, QStringLiteral("ferry.eml#attachment/message.eml"));
    QCOMPARE(result.parts[1].article.format, QStringLiteral("email"));
    QCOMPARE(result.parts[1].article.meta.title, QStringLiteral("fwd"));
    QCOMPARE(result.parts[1].article.body, QStringLiteral("Inner."));

    // A mailbox's messages are read as messages, however few headers they have; a one-line body is kept.
    const QFileInfoList mailboxes = seeds.entryInfoList({ QStringLiteral("written-2-*") }, QDir::Files);
    QCOMPARE(mailboxes.size(), 1);
    QFile mailboxFile(mailboxes[0].filePath());
    QVERIFY(mailboxFile.open(QIODevice::ReadOnly));
    const AnalyzeResult box = Analyzer().analyzeBytes(QStringLiteral("c.mbox"), mailboxFile.readAll());
    QVERIFY(box.ok() && box.container);
    QCOMPARE(box.parts.size(), size_t(3));
    QCOMPARE(box.parts[0].article.path, QStringLiteral("c.mbox#1@b"));
    QCOMPARE(box.parts[1].article.path, QStringLiteral("c.mbox#message-2")); // the same Message-ID again
    QCOMPARE(box.parts[2].article.path, QStringLiteral("c.mbox#message-3"));
    QCOMPARE(box.parts[0].article.body, QStringLiteral("One."));
    QCOMPARE(box.parts[1].article.body, QStringLiteral("From the office."));
    QCOMPARE(box.parts[2].article.format, QStringLiteral("email"));
    QCOMPARE(box.parts[2].article.meta.title, QStringLiteral("three"));
    QCOMPARE(box.parts[2].article.body, QStringLiteral("Three."));
}

QTEST_GUILESS_MAIN(MailReaderTest)
#include "mailreader_test.moc"
