#include "formats/articlereader.h"
#include "formats/markdownreader.h"

#include <QTest>
#include <QtConcurrent>

using namespace Dossier::Core;

class MarkdownReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsFrontMatterAndBody();
    void firstHeadingIsTheTitleWithoutFrontMatter();
    void rawKeepsTheText();
    void readsConstructs_data();
    void readsConstructs();
    void readsFrontMatterFields_data();
    void readsFrontMatterFields();
    void headingAfterTextOrBesideAnotherTitleStays();
    void keepsRawTextAndEncoding();
    void deepNestingIsRead();
    void readsTheSameOnManyThreads();
    void registryPicksTheReader_data();
    void registryPicksTheReader();
};

namespace
{

const QByteArray note = QByteArrayLiteral("---\n"
                                          "title: \"Port outage: open questions\"\n"
                                          "date: 2026-03-05\n"
                                          "source: Analyst desk\n"
                                          "url: https://notes.example/port-outage\n"
                                          "author: R. Ocampo\n"
                                          "---\n\n"
                                          "# Port outage: open questions\n\n"
                                          "The outage at **three ports** began on 9 February, according to the\n"
                                          "[harbour authority](https://harbour.example/notice).\n\n"
                                          "## What we know\n\n"
                                          "- Ransomware reached the *booking* system first.\n"
                                          "- Recovery took `six` days.\n\n"
                                          "> \"We were not ready,\" a port official said.\n\n"
                                          "---\n\n"
                                          "```\nraw log line\n```\n");

} // namespace

void MarkdownReaderTest::readsFrontMatterAndBody()
{
    const ReadResult result = MarkdownReader().read(note, {});
    QVERIFY(result.ok());
    QCOMPARE(result.meta.title, QStringLiteral("Port outage: open questions"));
    QCOMPARE(result.meta.date, QStringLiteral("2026-03-05"));
    QCOMPARE(result.meta.source, QStringLiteral("Analyst desk"));
    QCOMPARE(result.meta.url, QStringLiteral("https://notes.example/port-outage"));
    QCOMPARE(result.meta.author, QStringLiteral("R. Ocampo"));
    const QStringList paragraphs = result.body.split(QStringLiteral("\n\n"));
    QCOMPARE(paragraphs.value(0),
        QStringLiteral("The outage at three ports began on 9 February, according to the "
                       "harbour authority."));
    QCOMPARE(paragraphs.value(1), QStringLiteral("What we know"));
    QCOMPARE(paragraphs.value(2), QStringLiteral("• Ransomware reached the booking system first."));
    QCOMPARE(paragraphs.value(3), QStringLiteral("• Recovery took six days."));
    QCOMPARE(paragraphs.value(4), QStringLiteral("\"We were not ready,\" a port official said."));
    QCOMPARE(paragraphs.value(5), QStringLiteral("raw log line"));
    QVERIFY(!result.body.contains(u'#'));
    QVERIFY(!result.body.contains(QLatin1String("https://")));
}

void MarkdownReaderTest::firstHeadingIsTheTitleWithoutFrontMatter()
{
    const ReadResult result = MarkdownReader().read("# Cable repair timeline\n\nThe ship arrived on Monday.\n", {});
    QCOMPARE(result.meta.title, QStringLiteral("Cable repair timeline"));
    QCOMPARE(result.body, QStringLiteral("The ship arrived on Monday."));
}

void MarkdownReaderTest::rawKeepsTheText()
{
    ReadOptions options;
    options.raw = true;
    const ReadResult result = MarkdownReader().read(note, options);
    QCOMPARE(result.body, QString::fromUtf8(note));
    QVERIFY(result.meta.title.isEmpty());
}

void MarkdownReaderTest::readsConstructs_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QString>("body");

    // Tables: a row a line, cells joined by " | " (as the Word reader does), the header row included.
    QTest::newRow("table") << QByteArray("| Port | Days down |\n"
                                         "|:-----|---------:|\n"
                                         "| Manila | 3 |\n"
                                         "| **Subic** Bay | 5 |\n")
                           << QStringLiteral("Port | Days down\nManila | 3\nSubic Bay | 5");
    QTest::newRow("table with an escaped pipe and an empty cell")
        << QByteArray("Before.\n\n| Term | Meaning |\n| --- | --- |\n| a \\| b | |\n\nAfter.\n")
        << QStringLiteral("Before.\n\nTerm | Meaning\na | b | \n\nAfter.");
    QTest::newRow("pipes without a delimiter row are text")
        << QByteArray("a | b\nc | d\n") << QStringLiteral("a | b c | d");

    // Links: the text stays, the URL goes (reference definitions are not text either).
    QTest::newRow("inline link") << QByteArray("Read [the notice](https://harbour.example/n \"Notice\").\n")
                                 << QStringLiteral("Read the notice.");
    QTest::newRow("reference links") << QByteArray(
        "The [harbour notice][notice] and the [Coast Guard] agree; see [notice][].\n\n"
        "[notice]: https://harbour.example/notice \"Notice\"\n"
        "[coast guard]: <https://coastguard.example/report>\n")
                                     << QStringLiteral("The harbour notice and the Coast Guard agree; see notice.");
    QTest::newRow("undefined reference stays text")
        << QByteArray("A [bracketed aside] stays.\n") << QStringLiteral("A [bracketed aside] stays.");
    QTest::newRow("image keeps its alt text") << QByteArray("![Cable ship *CS Pacific Mender*](ship.jpg) at dawn.\n")
                                              << QStringLiteral("Cable ship CS Pacific Mender at dawn.");
    QTest::newRow("autolinks are their text")
        << QByteArray("Mail <desk@notes.example> or see <https://a.example/x> and www.notes.example.\n")
        << QStringLiteral("Mail desk@notes.example or see https://a.example/x and www.notes.example.");

    // Emphasis: every marker goes, however nested; what is not emphasis stays.
    QTest::newRow("nested emphasis") << QByteArray(
        "***Very*** important: **bold _and italic_ text** and *it **strong** it*.\n")
                                     << QStringLiteral("Very important: bold and italic text and it strong it.");
    QTest::newRow("strikethrough") << QByteArray("The ~~first~~ second claim.\n")
                                   << QStringLiteral("The first second claim.");
    QTest::newRow("underscores inside words") << QByteArray("The file port_log_2026, snake_case_name.\n")
                                              << QStringLiteral("The file port_log_2026, snake_case_name.");
    QTest::newRow("escaped markers") << QByteArray("\\*not emphasis\\* and \\# not a heading\n")
                                     << QStringLiteral("*not emphasis* and # not a heading");
    QTest::newRow("inline code") << QByteArray("Run `grep -r \"*x*\"` now.\n")
                                 << QStringLiteral("Run grep -r \"*x*\" now.");

    // HTML: the text, without tags; scripts, styles and comments are not text.
    QTest::newRow("html block") << QByteArray("<div class=\"note\">\n<p>Port <b>closed</b> &amp; sealed</p>\n"
                                              "<p>Second <em>para</em></p>\n</div>\n\nAfter.\n")
                                << QStringLiteral("Port closed & sealed\n\nSecond para\n\nAfter.");
    QTest::newRow("script, style and comment")
        << QByteArray("<script>fetch('https://tracker.example/x')</script>\n\n"
                      "<style>p { color: red }</style>\n\n<!-- note to self -->\n\nText.\n")
        << QStringLiteral("Text.");
    QTest::newRow("image tag fetches nothing")
        << QByteArray("<img src=\"https://tracker.example/pixel.gif\" alt=\"x\">\n\nText.\n")
        << QStringLiteral("Text.");
    QTest::newRow("inline html") << QByteArray("Port <span class=\"x\">closed</span> today<br>and <i>then</i>.\n")
                                 << QStringLiteral("Port closed today\nand then.");

    // Code: kept as text, lines and indentation as written.
    QTest::newRow("fenced code") << QByteArray("Log:\n\n```text\nline *one*\n  indented\n```\n")
                                 << QStringLiteral("Log:\n\nline *one*\n  indented");
    QTest::newRow("indented code") << QByteArray("Log:\n\n    a <b>\n      b &amp;\n")
                                   << QStringLiteral("Log:\n\na <b>\n  b &amp;");

    // Headings: a paragraph of their own, ATX or setext.
    QTest::newRow("headings") << QByteArray("Intro.\n## Section *two* ##\nText.\n\nSetext\n------\n\nMore.\n")
                              << QStringLiteral("Intro.\n\nSection two\n\nText.\n\nSetext\n\nMore.");

    // Lists: an item a paragraph, "• " before it (as in Word documents), nested or numbered alike.
    QTest::newRow("lists") << QByteArray("- one\n- two\n  - nested *item*\n\n1. first\n2) second\n")
                           << QStringLiteral("• one\n\n• two\n\n• nested item\n\n• first\n\n• second");
    QTest::newRow("loose item with two paragraphs")
        << QByteArray("* First paragraph\n  continues.\n\n  Second paragraph.\n* Next.\n")
        << QStringLiteral("• First paragraph continues.\n\nSecond paragraph.\n\n• Next.");
    QTest::newRow("rules are not items") << QByteArray("Above.\n\n* * *\n\nBelow.\n")
                                         << QStringLiteral("Above.\n\nBelow.");

    // Block quotes: their paragraphs, without the markers, nested or lazy.
    QTest::newRow("block quote") << QByteArray("> \"We were not ready,\"\n> an official said.\n>\n> > Nested.\n")
                                 << QStringLiteral("\"We were not ready,\" an official said.\n\nNested.");
    QTest::newRow("lazy block quote") << QByteArray("> Quoted\ncontinues.\n") << QStringLiteral("Quoted continues.");

    // Line breaks: a soft break is a space, a hard break (two spaces, a backslash) a line break.
    QTest::newRow("soft break") << QByteArray("line one\nline two\n") << QStringLiteral("line one line two");
    QTest::newRow("hard breaks") << QByteArray("12 Harbour Road  \nManila\\\nPhilippines\n")
                                 << QStringLiteral("12 Harbour Road\nManila\nPhilippines");
    QTest::newRow("crlf") << QByteArray("# Title\r\n\r\nOne\r\ntwo.\r\n\r\n- item\r\n")
                          << QStringLiteral("One two.\n\n• item");

    // Entities: decoded, named or numeric; an unknown one stays as written.
    QTest::newRow("entities") << QByteArray("Smith &amp; Sons &mdash; &#39;A&#x27; &copy; &nosuch;\n")
                              << QStringLiteral("Smith & Sons \u2014 'A' \u00a9 &nosuch;");

    // Footnotes: cited as [n], their text after a separator, as in Word documents.
    QTest::newRow("footnotes") << QByteArray(
        "Claim one.[^a] Claim two.[^b]\n\n[^b]: Second note.\n[^a]: First *note*.\n")
                               << QStringLiteral("Claim one.[1] Claim two.[2]\n\n\u2014\u2014\u2014\n\n"
                                                 "[1] First note.\n\n[2] Second note.");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("only blank lines") << QByteArray("\n \n\t\n") << QString();
}

void MarkdownReaderTest::readsConstructs()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QString, body);
    const ReadResult result = MarkdownReader().read(markdown, {});
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.body, body);
}

void MarkdownReaderTest::readsFrontMatterFields_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QStringList>("fields"); // title, date, source, author, url, language, dateline
    QTest::addColumn<QString>("body");

    QTest::newRow("all keys") << QByteArray("---\ntitle: Cable repair\ndate: 2026-03-24\nsource: Desk\n"
                                            "author: M. Abad\nurl: https://notes.example/c\nlang: en\n"
                                            "dateline: aparri\ntags: [cables, ships]\n---\nBody.\n")
                              << QStringList { QStringLiteral("Cable repair"), QStringLiteral("2026-03-24"),
                                     QStringLiteral("Desk"), QStringLiteral("M. Abad"),
                                     QStringLiteral("https://notes.example/c"), QStringLiteral("en"),
                                     QStringLiteral("aparri") }
                              << QStringLiteral("Body.");
    QTest::newRow("other names, quotes, case")
        << QByteArray("---\nTitle: 'Quoted: title'\npublished: \"2026-02-09\"\npublisher: Wire\nby: Staff\n"
                      "Link: https://wire.example/a\nlanguage: fr\n---\n\n# Quoted: title\n\nText.\n")
        << QStringList { QStringLiteral("Quoted: title"), QStringLiteral("2026-02-09"), QStringLiteral("Wire"),
               QStringLiteral("Staff"), QStringLiteral("https://wire.example/a"), QStringLiteral("fr"), QString() }
        << QStringLiteral("Text.");
    QTest::newRow("site, crlf") << QByteArray("---\r\nsite: Harbour Ledger\r\n---\r\nText *here*.\r\n")
                                << QStringList { QString(), QString(), QStringLiteral("Harbour Ledger"), QString(),
                                       QString(), QString(), QString() }
                                << QStringLiteral("Text here.");
    // Markdown-looking values stay as written: front matter is not Markdown.
    QTest::newRow("markup in a value") << QByteArray("---\ntitle: **Bold** & [link](x)\n---\nText.\n")
                                       << QStringList { QStringLiteral("**Bold** & [link](x)"), QString(), QString(),
                                              QString(), QString(), QString(), QString() }
                                       << QStringLiteral("Text.");
    QTest::newRow("not closed: all front matter")
        << QByteArray("---\ntitle: Draft\n\nText that never starts.\n")
        << QStringList { QStringLiteral("Draft"), QString(), QString(), QString(), QString(), QString(), QString() }
        << QString();
    QTest::newRow("rule later is not front matter")
        << QByteArray("Text.\n\n---\ntitle: no\n---\n")
        << QStringList { QString(), QString(), QString(), QString(), QString(), QString(), QString() }
        << QStringLiteral("Text.\n\ntitle: no");
}

void MarkdownReaderTest::readsFrontMatterFields()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QStringList, fields);
    QFETCH(QString, body);
    const ReadResult result = MarkdownReader().read(markdown, {});
    QVERIFY(result.ok());
    const ArticleMetadata &meta = result.meta;
    QCOMPARE((QStringList { meta.title, meta.date, meta.source, meta.author, meta.url, meta.language, meta.dateline }),
        fields);
    QCOMPARE(result.body, body);
}

void MarkdownReaderTest::headingAfterTextOrBesideAnotherTitleStays()
{
    // Only a leading top-level heading is the title, and only when the front matter has none or the same.
    ReadResult result = MarkdownReader().read("---\ntitle: Front\n---\n# Other\n\nText.\n", {});
    QCOMPARE(result.meta.title, QStringLiteral("Front"));
    QCOMPARE(result.body, QStringLiteral("Other\n\nText."));
    result = MarkdownReader().read("Text.\n\n# Late heading\n", {});
    QVERIFY(result.meta.title.isEmpty());
    QCOMPARE(result.body, QStringLiteral("Text.\n\nLate heading"));
    result = MarkdownReader().read("## Second level\n\nText.\n", {});
    QVERIFY(result.meta.title.isEmpty());
    QCOMPARE(result.body, QStringLiteral("Second level\n\nText."));
    result = MarkdownReader().read("Setext *title*\n===\n\nText.\n", {});
    QCOMPARE(result.meta.title, QStringLiteral("Setext title"));
    QCOMPARE(result.body, QStringLiteral("Text."));
}

void MarkdownReaderTest::keepsRawTextAndEncoding()
{
    // Latin-1 bytes: decoded as today, the raw text the whole file, the body Markdown-free.
    const QByteArray latin1 = QByteArrayLiteral("---\ntitle: Caf\xe9\n---\n**Caf\xe9** cr\xe8me br\xfbl\xe9"
                                                "e, d\xe9j\xe0 vu, na\xef"
                                                "ve r\xe9sum\xe9 \xe0 la fran\xe7"
                                                "aise.\n");
    const ReadResult result = MarkdownReader().read(latin1, {});
    QVERIFY(result.ok());
    QVERIFY(!result.encoding.isEmpty());
    QCOMPARE(result.rawText, MarkdownReader().read(latin1, ReadOptions { true }).rawText);
    QVERIFY(result.rawText.startsWith(QStringLiteral("---\ntitle: Caf\u00e9")));
    QCOMPARE(result.meta.title, QStringLiteral("Caf\u00e9"));
    QVERIFY(result.body.startsWith(QStringLiteral("Caf\u00e9 cr\u00e8me")));
}

void MarkdownReaderTest::deepNestingIsRead()
{
    // Deeply nested quotes and lists and long runs of markers: read without recursion, in time.
    const QByteArray quotes = QByteArray(20000, '>') + " deep\n";
    QCOMPARE(MarkdownReader().read(quotes, {}).body, QStringLiteral("deep"));
    QByteArray items;
    for (int i = 0; i < 500; ++i) {
        items += QByteArray(i * 2, ' ') + "- x\n";
    }
    QVERIFY(MarkdownReader().read(items, {}).body.startsWith(QStringLiteral("• x\n\n• x")));
    const QByteArray markers = QByteArray(50000, '*') + "a" + QByteArray(50000, '_') + QByteArray(50000, '[');
    QVERIFY(MarkdownReader().read(markers, {}).ok());
}

void MarkdownReaderTest::readsTheSameOnManyThreads()
{
    // Readers are used from several threads at once (import): every read gives the same text, with
    // the extensions' markup (cmark-gfm's global table of special characters, see parse()).
    const QByteArray paragraph = QByteArrayLiteral("A ~~struck~~ word, www.notes.example, *emphasis*.\n\n");
    const QString text = QStringLiteral("A struck word, www.notes.example, emphasis.");
    QByteArray markdown;
    QStringList paragraphs;
    for (int i = 0; i < 300; ++i) {
        markdown += paragraph;
        paragraphs.append(text);
    }
    const QString expected = paragraphs.join(QStringLiteral("\n\n"));
    const QList<int> runs(64);
    const QList<QString> bodies
        = QtConcurrent::blockingMapped(runs, [&markdown](int) { return MarkdownReader().read(markdown, {}).body; });
    for (const QString &body : bodies) {
        QCOMPARE(body, expected);
    }
}

void MarkdownReaderTest::registryPicksTheReader_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("format");
    QTest::newRow("txt") << QStringLiteral("a.txt") << QByteArray("Harbor Ledger live feed") << QStringLiteral("text");
    QTest::newRow("html by suffix") << QStringLiteral("a.htm") << QByteArray("<p>x") << QStringLiteral("html");
    QTest::newRow("html by content") << QStringLiteral("saved") << QByteArray("<!DOCTYPE html><html>")
                                     << QStringLiteral("html");
    QTest::newRow("markdown") << QStringLiteral("notes.MD") << QByteArray("# Notes") << QStringLiteral("markdown");
    QTest::newRow("unknown suffix is text") << QStringLiteral("a.log") << QByteArray("plain") << QStringLiteral("text");
}

void MarkdownReaderTest::registryPicksTheReader()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, head);
    QFETCH(QString, format);
    QCOMPARE(ReaderRegistry::instance().readerFor(path, head)->format(), format);
}

QTEST_GUILESS_MAIN(MarkdownReaderTest)
#include "markdownreader_test.moc"
