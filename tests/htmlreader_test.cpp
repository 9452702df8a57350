#include "formats/htmlreader.h"

#include <QFile>
#include <QTest>

using namespace Dossier::Core;

class HtmlReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extractsArticle_data();
    void extractsArticle();
    void findsMetadata_data();
    void findsMetadata();
    void survivesDeepNesting_data();
    void survivesDeepNesting();
    void decodesDeclaredCharset();
    void rawKeepsWholeText();
};

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(DOSSIER_TEST_DATA "/html/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open fixture %s", name);
    }
    return file.readAll();
}

ReadResult readHtml(const QByteArray &bytes)
{
    return HtmlReader().read(bytes, ReadOptions{});
}

// A page whose <head> holds \a head and whose body is a short article.
QByteArray page(const QByteArray &head, const QByteArray &body = {}, const QByteArray &htmlAttributes = {})
{
    return "<!DOCTYPE html><html" + htmlAttributes + "><head>" + head + "</head><body>" + body
        + "<div class=\"story\"><p>The museum will reopen its east wing in May after two years of repairs to the"
          " roof, the director said on Tuesday.</p><p>Visitors will be able to see the restored ceiling paintings,"
          " which were damaged by water during a storm, from a new gallery.</p></div></body></html>";
}

} // namespace

void HtmlReaderTest::extractsArticle_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QStringList>("expected"); // passages the body must contain
    QTest::addColumn<QStringList>("unwanted"); // passages it must not contain

    QTest::newRow("article element among header, nav, aside and footer")
        << fixture("article.html")
        << QStringList { QStringLiteral("The harbour council voted on Thursday to approve a new ferry terminal"),
               QStringLiteral("Costs and timetable"), QStringLiteral("A covered waiting hall with space for 300"),
               QStringLiteral("\"This is the biggest change to the harbour in a generation,\""),
               QStringLiteral("effect on seabirds nesting nearby.") }
        << QStringList { QStringLiteral("Sport"), QStringLiteral("Most read"), QStringLiteral("Storm closes"),
               QStringLiteral("Copyright"), QStringLiteral("Share on Facebook"), QStringLiteral("Photo:"),
               QStringLiteral("By Mara Ellison") };
    QTest::newRow("article by text density among link lists")
        << fixture("density.html")
        << QStringList { QStringLiteral("Fruit growers across the valley"),
               QStringLiteral("according to the growers' association."),
               QStringLiteral("warmer than it was a generation ago.") }
        << QStringList { QStringLiteral("Farmers market"), QStringLiteral("More stories"),
               QStringLiteral("parking charges"), QStringLiteral("Weather"), QStringLiteral("Terms"),
               QStringLiteral("Contact us") };
    QTest::newRow("comment thread dropped")
        << fixture("comments.html")
        << QStringList { QStringLiteral("The city library will stay open until nine"),
               QStringLiteral("during the exam season.") }
        << QStringList { QStringLiteral("comments"), QStringLiteral("Finally!"), QStringLiteral("heating and lighting"),
               QStringLiteral("buses stop running"), QStringLiteral("Post comment") };
    QTest::newRow("json-ld articleBody when the page renders it with scripts")
        << fixture("jsonld.html")
        << QStringList { QStringLiteral("Nach vier Jahren Bauzeit ist die neue Brücke"),
               QStringLiteral("Preise für Stahl gewesen.") }
        << QStringList { QStringLiteral("Loading"), QStringLiteral("render") };
    QTest::newRow("old table layout with br-separated text")
        << fixture("table-layout.html")
        << QStringList { QStringLiteral("More than twelve thousand people visited the town fair"),
               QStringLiteral("for the first time, a food market"), QStringLiteral("thanked the volunteers") }
        << QStringList { QStringLiteral("Archive"), QStringLiteral("Advertise"), QStringLiteral("best loans") };
    QTest::newRow("short article among boilerplate")
        << fixture("short.html")
        << QStringList { QStringLiteral("The coast road between the two villages was closed on Sunday") }
        << QStringList { QStringLiteral("World"), QStringLiteral("Popular"), QStringLiteral("headline"),
               QStringLiteral("newsletter"), QStringLiteral("Privacy") };
    QTest::newRow("wrapper whose class mentions comments kept")
        << QByteArray("<html><body><div class=\"post comments-open\"><p>The ferry service to the island will run"
                      " twice a day again from June, the operator announced on Monday, after a winter of cuts.</p>"
                      "<p>Islanders had campaigned for months, saying that a single daily crossing made it"
                      " impossible to commute to jobs and schools on the mainland.</p></div>"
                      "<div class=\"comments\"><p>About time too, we have waited far too long for this.</p></div>"
                      "</body></html>")
        << QStringList { QStringLiteral("The ferry service to the island"), QStringLiteral("on the mainland.") }
        << QStringList { QStringLiteral("About time") };
    QTest::newRow("scripts, styles and hidden blocks left out")
        << page("<style>p { color: red; }</style>",
               "<script>var secret = 'tracking';</script><div style=\"display: none\">Hidden promo text</div>"
               "<div hidden>Also hidden</div>")
        << QStringList { QStringLiteral("The museum will reopen its east wing") }
        << QStringList { QStringLiteral("color"), QStringLiteral("tracking"), QStringLiteral("Hidden promo"),
               QStringLiteral("Also hidden") };
}

void HtmlReaderTest::extractsArticle()
{
    QFETCH(QByteArray, html);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, unwanted);
    const ReadResult result = readHtml(html);
    QVERIFY2(result.ok(), qPrintable(result.error));
    for (const QString &passage : expected) {
        QVERIFY2(result.body.contains(passage),
            qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(passage, result.body)));
    }
    for (const QString &passage : unwanted) {
        QVERIFY2(!result.body.contains(passage),
            qPrintable(QStringLiteral("unwanted '%1' in:\n%2").arg(passage, result.body)));
    }
    // Paragraphs are separated by one blank line, with whitespace collapsed inside them.
    QVERIFY(!result.body.contains(QLatin1String("\n\n\n")));
    QVERIFY(!result.body.contains(QLatin1String("  ")));
    QVERIFY(!result.body.startsWith(QLatin1Char('\n')) && !result.body.endsWith(QLatin1Char('\n')));
}

void HtmlReaderTest::findsMetadata_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    const QString title = QStringLiteral("title");
    const QString date = QStringLiteral("date");
    QTest::newRow("title from og:title") << page("<meta property=\"og:title\" content=\"Museum reopens east wing\">"
                                                 "<title>Other | Site</title>")
                                         << title << QStringLiteral("Museum reopens east wing");
    QTest::newRow("title from json-ld headline")
        << page("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
                "\"Museum &amp; gallery reopen\"}</script><title>Other</title>")
        << title << QStringLiteral("Museum & gallery reopen");
    QTest::newRow("title from h1") << page("<title>Something else entirely</title>", "<h1>Museum reopens its wing</h1>")
                                   << title << QStringLiteral("Museum reopens its wing");
    QTest::newRow("title without ' | Site' suffix") << page("<title>Museum reopens east wing | City Post</title>")
                                                    << title << QStringLiteral("Museum reopens east wing");
    QTest::newRow("title without ' - Site' suffix") << page("<title>Museum reopens east wing - City Post</title>")
                                                    << title << QStringLiteral("Museum reopens east wing");
    QTest::newRow("title keeps a dash inside")
        << page("<title>Museum reopens - after two years</title><meta property=\"og:site_name\" content=\"City Post\">")
        << title << QStringLiteral("Museum reopens - after two years");
    QTest::newRow("date from article:published_time")
        << page("<meta property=\"article:published_time\" content=\"2021-07-06T10:00:00Z\">") << date
        << QStringLiteral("2021-07-06T10:00:00Z");
    QTest::newRow("date from json-ld datePublished")
        << page("<script type=\"application/ld+json\">[{\"@type\": \"ReportageNewsArticle\", "
                "\"datePublished\": \"2020-02-29\"}]</script>")
        << date << QStringLiteral("2020-02-29");
    QTest::newRow("date from time element")
        << page({}, "<time datetime=\"2019-11-18\">18 November</time>") << date << QStringLiteral("2019-11-18");
    QTest::newRow("date from meta date") << page("<meta name=\"date\" content=\"Sep. 30, 2013\">") << date
                                         << QStringLiteral("2013-09-30");
    QTest::newRow("date from meta pubdate")
        << page("<meta name=\"pubdate\" content=\"2013-09-30\">") << date << QStringLiteral("2013-09-30");
    QTest::newRow("author from meta") << page("<meta name=\"author\" content=\"Ana Ruiz\">") << QStringLiteral("author")
                                      << QStringLiteral("Ana Ruiz");
    QTest::newRow("author from json-ld, not a profile url")
        << page("<meta property=\"article:author\" content=\"https://example.org/ana\">"
                "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"author\": "
                "[{\"@type\": \"Person\", \"name\": \"Ana Ruiz\"}, {\"name\": \"Li Wei\"}]}</script>")
        << QStringLiteral("author") << QStringLiteral("Ana Ruiz, Li Wei");
    QTest::newRow("source from og:site_name") << page("<meta property=\"og:site_name\" content=\"City Post\">")
                                              << QStringLiteral("source") << QStringLiteral("City Post");
    QTest::newRow("source from json-ld publisher")
        << page("<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"Article\", \"publisher\": "
                "{\"@type\": \"Organization\", \"name\": \"City Post\"}}]}</script>")
        << QStringLiteral("source") << QStringLiteral("City Post");
    QTest::newRow("url from canonical link") << page("<link rel=\"canonical\" href=\"https://post.example/a\"><meta "
                                                     "property=\"og:url\" content=\"https://x.example/b\">")
                                             << QStringLiteral("url") << QStringLiteral("https://post.example/a");
    QTest::newRow("url from og:url") << page("<meta property=\"og:url\" content=\"https://post.example/b\">")
                                     << QStringLiteral("url") << QStringLiteral("https://post.example/b");
    QTest::newRow("language from html lang")
        << page({}, {}, " lang=\"pt-BR\"") << QStringLiteral("language") << QStringLiteral("pt-BR");
    QTest::newRow("nothing known") << page({}) << date << QString();
}

void HtmlReaderTest::findsMetadata()
{
    QFETCH(QByteArray, html);
    QFETCH(QString, field);
    QFETCH(QString, value);
    const ReadResult result = readHtml(html);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const ArticleMetadata &m = result.meta;
    const QString actual = field == u"title" ? m.title
        : field == u"date"                   ? m.date
        : field == u"author"                 ? m.author
        : field == u"source"                 ? m.source
        : field == u"url"                    ? m.url
                                             : m.language;
    QCOMPARE(actual, value);
    QVERIFY(result.body.contains(QLatin1String("The museum will reopen its east wing")));
}

void HtmlReaderTest::survivesDeepNesting_data()
{
    QTest::addColumn<QByteArray>("open");
    QTest::addColumn<QByteArray>("close");
    QTest::newRow("100,000 nested divs") << QByteArray("<div>") << QByteArray("</div>");
    QTest::newRow("100,000 unclosed divs") << QByteArray("<div class=\"x\">") << QByteArray();
    QTest::newRow("100,000 self-closed divs, which HTML leaves open") << QByteArray("<div/>") << QByteArray();
    QTest::newRow("100,000 nested spans and bolds") << QByteArray("<span><b>") << QByteArray("</b></span>");
    QTest::newRow("100,000 nested tables") << QByteArray("<table><tr><td>") << QByteArray("</td></tr></table>");
}

void HtmlReaderTest::survivesDeepNesting()
{
    QFETCH(QByteArray, open);
    QFETCH(QByteArray, close);
    const int depth = 100000;
    const QByteArray text("Deep inside the markup, the text of the article still reads perfectly well, "
                          "with commas, clauses, and a full stop at the end.");
    QByteArray html = "<!DOCTYPE html><html><head><title>Deep</title></head><body>";
    html.reserve(html.size() + depth * (open.size() + close.size()) + 200);
    for (int i = 0; i < depth; ++i) {
        html += open;
    }
    html += "<p>" + text + "</p>";
    for (int i = 0; i < depth; ++i) {
        html += close;
    }
    html += "</body></html>";
    const ReadResult result = readHtml(html);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY2(result.body.contains(QString::fromLatin1(text)), qPrintable(result.body.left(200)));
}

void HtmlReaderTest::decodesDeclaredCharset()
{
    const ReadResult result = readHtml(fixture("windows1252.html"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.encoding, QStringLiteral("windows-1252"));
    QCOMPARE(result.meta.title, QStringLiteral("Le marché de Noël ouvre ses portes"));
    QCOMPARE(result.meta.language, QStringLiteral("fr"));
    QVERIFY(result.body.contains(QStringLiteral("place de l’Hôtel-de-Ville")));
    QVERIFY(result.body.contains(QStringLiteral("« Nous avons gardé des tarifs raisonnables pour les familles »")));
}

void HtmlReaderTest::rawKeepsWholeText()
{
    const QByteArray html = fixture("article.html");
    ReadOptions options;
    options.raw = true;
    const ReadResult result = HtmlReader().read(html, options);
    QCOMPARE(result.body, QString::fromUtf8(html));
    QVERIFY(result.meta.title.isEmpty());
}

QTEST_GUILESS_MAIN(HtmlReaderTest)
#include "htmlreader_test.moc"
