#include "connectioncounter.h"
#include "formats/htmlreader.h"

#include <QFile>
#include <QStringEncoder>
#include <QTest>

using namespace Dossier::Core;

class HtmlReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extractsArticle_data();
    void extractsArticle();
    void keepsBlockStructure();
    void findsMetadata_data();
    void findsMetadata();
    void survivesDeepNesting_data();
    void survivesDeepNesting();
    void readsLargePage();
    void keepsTextAroundOddMarkup_data();
    void keepsTextAroundOddMarkup();
    void decodesDeclaredCharset();
    void decodesBrokenEncodings_data();
    void decodesBrokenEncodings();
    void rawKeepsWholeText();
    void neverFetches();
};

namespace
{

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
    return HtmlReader().read(bytes, ReadOptions {});
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
    QTest::newRow("json-ld articleBody when the page renders it with scripts, without its trailer")
        << fixture("jsonld.html")
        << QStringList { QStringLiteral("Nach vier Jahren Bauzeit ist die neue Brücke"),
               QStringLiteral("Preise für Stahl gewesen.") }
        << QStringList { QStringLiteral("Loading"), QStringLiteral("render"), QStringLiteral("Alle Rechte") };
    QTest::newRow("json-ld articleBody without the captions of its publishing software's shortcodes")
        << fixture("jsonld-caption.html")
        << QStringList { QStringLiteral("The waiting list for a council allotment has grown"),
               QStringLiteral("to shorten the queue."), QStringLiteral("Tenants' associations welcomed the plan") }
        << QStringList { QStringLiteral("caption"), QStringLiteral("CAPTION"), QStringLiteral("waters seedlings"),
               QStringLiteral("Pia Lund"), QStringLiteral("river meadow") };
    QTest::newRow("the whole article from the page's state where the page shows subscribers only its opening")
        << fixture("page-state.html")
        << QStringList { QStringLiteral("The regional rail company will reopen the coastal line"),
               QStringLiteral("at full speed from the first day."), QStringLiteral("Local businesses in Solby"),
               QStringLiteral("in the summer timetable, the company said.") }
        << QStringList { QStringLiteral("Subscribe"), QStringLiteral("Bus fares"), QStringLiteral("ten pence"),
               QStringLiteral("Sport") };
    QTest::newRow("the page's article, not a longer other story in its state")
        << fixture("page-state-other.html")
        << QStringList { QStringLiteral("The regional rail company will reopen the coastal line"),
               QStringLiteral("is being watched by sensors that report every hour.") }
        << QStringList { QStringLiteral("bus company"), QStringLiteral("Season tickets") };
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
    QTest::newRow("main element beside partner promotions")
        << fixture("semantic-main.html")
        << QStringList { QStringLiteral("Night trains will run on the valley line again from December"),
               QStringLiteral("private sleeping compartment.") }
        << QStringList { QStringLiteral("From our partners"), QStringLiteral("cosy cabins"), QStringLiteral("kitchen"),
               QStringLiteral("Valley Courier"), QStringLiteral("Travel") };
    QTest::newRow("itemprop=articleBody beside a column of text")
        << fixture("itemprop-body.html")
        << QStringList { QStringLiteral("The town rowing club won its first national title on Sunday"),
               QStringLiteral("who has led the club since 2009.") }
        << QStringList { QStringLiteral("long and proud history"), QStringLiteral("Volunteers") };
    QTest::newRow("byline and author widgets, captions, newsletter, cookies and comments dropped")
        << fixture("widgets.html")
        << QStringList { QStringLiteral("Repairs to the old stone bridge will finish a month earlier"),
               QStringLiteral("What changes for drivers"),
               QStringLiteral("which is expected to take until the end of January.") }
        << QStringList { QStringLiteral("cookies"), QStringLiteral("By Jana Novak"),
               QStringLiteral("Workers on the bridge"), QStringLiteral("built in 1788"),
               QStringLiteral("morning briefing"), QStringLiteral("Sign up"), QStringLiteral("transport correspondent"),
               QStringLiteral("More by"), QStringLiteral("comments"), QStringLiteral("About time"),
               QStringLiteral("Related stories"), QStringLiteral("cycle path") };
    QTest::newRow("widgets inside the article body: caption, share bar, teaser lists, prompts, bio")
        << fixture("inline-widgets.html")
        << QStringList { QStringLiteral("The new tram line between the central station and the airport"),
               QStringLiteral("before the line can open."), QStringLiteral("who now take the crowded express bus."),
               QStringLiteral("which takes twenty-two minutes."),
               QStringLiteral("said the board's chair, Greta Vollmer, at a news conference at the depot.") }
        << QStringList { QStringLiteral("Photo:"), QStringLiteral("test tram"), QStringLiteral("Share"),
               QStringLiteral("Recommended"), QStringLiteral("Harbour ferry"), QStringLiteral("More for you"),
               QStringLiteral("ring road"), QStringLiteral("Support local news"), QStringLiteral("one euro"),
               QStringLiteral("morning briefing"), QStringLiteral("Sign up"), QStringLiteral("Oskar Lind"),
               QStringLiteral("Most read"), QStringLiteral("Storm damages"), QStringLiteral("cookies"),
               QStringLiteral("Copyright") };
    QTest::newRow("notices between and after the paragraphs: disclosure, credit, newsletter, contact, copyright")
        << fixture("notices.html")
        << QStringList { QStringLiteral("The library in the village of Ashby will open a reading garden"),
               QStringLiteral("for its nature lessons"), QStringLiteral("the gate that opens onto the lane."),
               QStringLiteral("until the library closes at seven.") }
        << QStringList { QStringLiteral("Disclosure"), QStringLiteral("commission"), QStringLiteral("Marta Lindqvist"),
               QStringLiteral("parish records"), QStringLiteral("newsletter"), QStringLiteral("originally published"),
               QStringLiteral("hanna.brook"), QStringLiteral("Copyright") };
    QTest::newRow("paragraphs in a \"read more\" block are the article, those of a cookie dialog are not")
        << fixture("read-more.html")
        << QStringList { QStringLiteral("The regional transport board will redraw every bus route"),
               QStringLiteral("four fast lines would cross the valley"),
               QStringLiteral("once the new stops by the motorway have been built.") }
        << QStringList { QStringLiteral("Read more"), QStringLiteral("cookies"), QStringLiteral("twelve months") };
    QTest::newRow(
        "figures without paragraphs left out: a photo's caption and credit, a table of figures, a photo in a div")
        << fixture("figures.html")
        << QStringList { QStringLiteral("The level of the lake rose by almost half a metre"),
               QStringLiteral("until the water goes down again."), QStringLiteral("no houses are at risk.") }
        << QStringList { QStringLiteral("promenade"), QStringLiteral("Jonas Brandt"), QStringLiteral("September"),
               QStringLiteral("Rain"), QStringLiteral("Boats moored"), QStringLiteral("Lena Vogt") };
    QTest::newRow("a block of short article elements is a list of teasers, a card with a link is a teaser")
        << fixture("teaser-cards.html")
        << QStringList { QStringLiteral("The clock on the town hall tower struck noon"),
               QStringLiteral("climb the ninety steps.") }
        << QStringList { QStringLiteral("Bakery"), QStringLiteral("rye loaf"), QStringLiteral("carols"),
               QStringLiteral("cycle path"), QStringLiteral("quarry"), QStringLiteral("bells") };
    QTest::newRow("a table of results between the paragraphs stays: it is the article's data")
        << fixture("data-table.html")
        << QStringList { QStringLiteral("The town rowing club won three of the five races"), QStringLiteral("Winner"),
               QStringLiteral("6:41"), QStringLiteral("Harbour RC"), QStringLiteral("the rainy weeks of September.") }
        << QStringList {};
    QTest::newRow("a page that is mostly a table keeps it")
        << QByteArray("<html><body><div class=\"content\"><p>The league table after the last match day of the"
                      " season, with points and goals for every club.</p><table><tr><th>Club</th><th>Points</th>"
                      "<th>Goals</th></tr><tr><td>Northbridge United</td><td>71</td><td>68</td></tr><tr><td>Eastfield"
                      " Rovers</td><td>66</td><td>59</td></tr><tr><td>Westport Athletic</td><td>64</td><td>61</td></tr>"
                      "<tr><td>Southam Town</td><td>52</td><td>47</td></tr><tr><td>Old Mill Wanderers</td><td>49</td>"
                      "<td>44</td></tr></table></div></body></html>")
        << QStringList { QStringLiteral("The league table"), QStringLiteral("Northbridge United"),
               QStringLiteral("Old Mill Wanderers") }
        << QStringList {};
    QTest::newRow("byline, date, author's name and job title among the first lines, below a standfirst")
        << fixture("head-lines.html")
        << QStringList { QStringLiteral("Neighbours bought the shares in six weeks."),
               QStringLiteral("The only shop in the village of Netherby"),
               QStringLiteral("for the mornings and the weekends.") }
        << QStringList { QStringLiteral("Dale Post"), QStringLiteral("March 3"), QStringLiteral("Ruth Ainsley"),
               QStringLiteral("Co-Editor") };
    QTest::newRow("numbered notes under their heading at the end")
        << QByteArray("<html><body><div class=\"story-text\"><p>The first radio station in the valley went on air"
                      " in 1924 from a room above the post office, with a transmitter built by the postmaster.[1]</p>"
                      "<p>Its evening concerts, played by the town band in the same small room, could be heard as far"
                      " as the coast on clear winter nights, according to letters kept in the archive.[2]</p>"
                      "<h3>Footnotes</h3><p>[1] Valley Archive, box 12, letters of the postmaster, 1923-1925.</p>"
                      "<p>[2] Valley Archive, box 14, listeners' letters, 1925.</p></div></body></html>")
        << QStringList { QStringLiteral("The first radio station in the valley"),
               QStringLiteral("according to letters kept in the archive.") }
        << QStringList { QStringLiteral("Footnotes"), QStringLiteral("box 12"), QStringLiteral("box 14") };
    QTest::newRow("an article body cut in two containers of the same kind, further apart than siblings")
        << fixture("split-body.html")
        << QStringList { QStringLiteral("The paddle steamer Margarethe, built in 1911"),
               QStringLiteral("rebuilt the engine from original plans."), QStringLiteral("not only the tourists.") }
        << QStringList { QStringLiteral("Advertisement"), QStringLiteral("Print") };
    QTest::newRow(
        "trailers after the last paragraph: author's bio, correction, source of an adaptation, mission statement")
        << fixture("trailers.html")
        << QStringList { QStringLiteral("The open-air swimming pool on the harbour wall"),
               QStringLiteral("before the end of November.") }
        << QStringList { QStringLiteral("Mara Holm"), QStringLiteral("Correction"), QStringLiteral("earlier version"),
               QStringLiteral("Adapted"), QStringLiteral("mission") };
    QTest::newRow("a link to another story in brackets, a long author's bio that says what the author writes about")
        << fixture("author-bio.html")
        << QStringList { QStringLiteral("The fishing cooperative of the old harbour"),
               QStringLiteral("A board outside lists"), QStringLiteral("where and how each fish was caught.") }
        << QStringList { QStringLiteral("Related"), QStringLiteral("silt"), QStringLiteral("Noor Haddad"),
               QStringLiteral("cookbooks") };
    QTest::newRow("json-ld articleBody holding every paragraph but not the product boxes between them")
        << fixture("jsonld-shorter.html")
        << QStringList { QStringLiteral("We walked the coast path"), QStringLiteral("The lightest jacket"),
               QStringLiteral("a week of brambles and stiles.") }
        << QStringList { QStringLiteral("Featherlight"), QStringLiteral("Best overall"),
               QStringLiteral("Outdoor Depot"), QStringLiteral("Cliffside") };
    QTest::newRow("where the story first appeared above it, a bare label and the credits of a shoot under it")
        << fixture("credit-roll.html")
        << QStringList { QStringLiteral("Ines Alvarado builds her kilns"),
               QStringLiteral("so that the heat never drops.") }
        << QStringList { QStringLiteral("A version of this story"), QStringLiteral("More information"),
               QStringLiteral("Credits"), QStringLiteral("Jonas Berg"), QStringLiteral("Stylist"),
               QStringLiteral("Lea Marr") };
    QTest::newRow("text kept for subscribers is the article, the prompt to subscribe is not")
        << fixture("subscriber-text.html")
        << QStringList { QStringLiteral("The old paper mill on the east bank will reopen next year"),
               QStringLiteral("patched with plastic sheets every autumn."),
               QStringLiteral("up to fourteen metres high."), QStringLiteral("said Ida Marsh"),
               QStringLiteral("on weekday mornings.") }
        << QStringList { QStringLiteral("unlimited access"), QStringLiteral("free articles"),
               QStringLiteral("Riverside Post") };
    QTest::newRow("lists of other stories named with a plural of article or post")
        << fixture("story-lists.html")
        << QStringList { QStringLiteral("The night ferry between the harbour town and the northern islands"),
               QStringLiteral("look at the numbers again after two summers.") }
        << QStringList { QStringLiteral("Trending"), QStringLiteral("Harbour wall"), QStringLiteral("Popular"),
               QStringLiteral("fish soup") };
    QTest::newRow("glued byline, date labels, reading time, gallery counters, dashed advert labels, video title")
        << fixture("stamps.html")
        << QStringList { QStringLiteral("The town choir, founded by a group of railway workers in 1921"),
               QStringLiteral("every Thursday night."), QStringLiteral("almost two seconds later."),
               QStringLiteral("during a storm two winters ago.") }
        << QStringList { QStringLiteral("Valley Wire"), QStringLiteral("Updated"), QStringLiteral("min read"),
               QStringLiteral("3 of 12"), QStringLiteral("Image 5"), QStringLiteral("Advertisement"),
               QStringLiteral("Watch:") };
    QTest::newRow("several whole articles side by side: the first one")
        << fixture("stream.html")
        << QStringList { QStringLiteral("Apple growers in the northern valley"),
               QStringLiteral("trap a thin layer of warmer air"), QStringLiteral("said Lotte Aberg"),
               QStringLiteral("from the coldest hour of the night.") }
        << QStringList { QStringLiteral("swimming hall"), QStringLiteral("lime trees"), QStringLiteral("quiet study"),
               QStringLiteral("Ines Marr") };
    QTest::newRow("comments marked up as entries, beside an article of lists")
        << fixture("comment-entries.html")
        << QStringList { QStringLiteral("The spring update of the editor is out today"),
               QStringLiteral("Search now runs in the background"), QStringLiteral("Results are grouped by folder"),
               QStringLiteral("Regular expressions are checked"), QStringLiteral("sent us their reports.") }
        << QStringList { QStringLiteral("comments"), QStringLiteral("saved searches"), QStringLiteral("Mika Saari"),
               QStringLiteral("key bindings"), QStringLiteral("Post comment") };
    QTest::newRow("class and id words: article body, sidebar and promo")
        << QByteArray("<html><body><div id=\"wrapper\"><div class=\"promo-panel\"><p>Subscribe today and save half"
                      " on your first year, with unlimited access to every story, puzzle and newsletter we publish.</p>"
                      "</div><div class=\"story-text\"><p>The bakery on Mill Street will close at the end of the month"
                      " after ninety years, its owners said, because none of their children wants to take it over.</p>"
                      "<p>Customers have left flowers and cards at the door since the news spread on Friday, and"
                      " a queue formed outside before six on Saturday morning, when the first loaves came out.</p>"
                      "<p>The building has been bought by a neighbour who plans to keep a café on the ground floor and"
                      " to rent out the flats above it, according to the estate agent who handled the sale.</p></div>"
                      "<div id=\"sidebar\"><p>Our weekly guide to what is on in the region this weekend: concerts,"
                      " markets, walks and family days out, chosen by our readers.</p></div></div></body></html>")
        << QStringList { QStringLiteral("The bakery on Mill Street will close"),
               QStringLiteral("according to the estate agent who handled the sale.") }
        << QStringList { QStringLiteral("Subscribe today"), QStringLiteral("weekly guide") };
    QTest::newRow("paragraphs as text in divs")
        << QByteArray("<html><body><div class=\"nav\"><div><a href=\"/\">Home</a></div><div><a href=\"/n\">News</a>"
                      "</div></div><div><div>The harbour master said on Monday that the old lighthouse, closed since"
                      " the storm of 2019, will open to visitors again this summer.</div><div>Guided tours, limited to"
                      " twelve people at a time, will run every afternoon from June to September.</div><div>Tickets,"
                      " which cost five euros, can be bought at the harbour office.</div></div></body></html>")
        << QStringList { QStringLiteral("The harbour master said on Monday"),
               QStringLiteral("Guided tours, limited to"), QStringLiteral("can be bought at the harbour office.") }
        << QStringList { QStringLiteral("Home"), QStringLiteral("News") };
    QTest::newRow("scripts, styles and hidden blocks left out")
        << page("<style>p { color: red; }</style>",
               "<script>var secret = 'tracking';</script><div style=\"display: none\">Hidden promo text</div>"
               "<div hidden>Also hidden</div>")
        << QStringList { QStringLiteral("The museum will reopen its east wing") }
        << QStringList { QStringLiteral("color"), QStringLiteral("tracking"), QStringLiteral("Hidden promo"),
               QStringLiteral("Also hidden") };
    QTest::newRow("class \"hidden\" hides a block unless a responsive class shows it")
        << QByteArray("<html><body><div class=\"story\"><p>The ferry service to the island will run twice a day"
                      " again from June, the operator announced on Monday, after a winter of cuts.</p>"
                      "<div class=\"hidden\"><p>Become a member and read every story on the island for free.</p></div>"
                      "<div class=\"hidden md:block\"><p>Islanders had campaigned for months, saying that a single"
                      " crossing made it impossible to commute to jobs and schools on the mainland.</p></div>"
                      "</div></body></html>")
        << QStringList { QStringLiteral("The ferry service to the island"), QStringLiteral("on the mainland.") }
        << QStringList { QStringLiteral("Become a member") };
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

void HtmlReaderTest::keepsBlockStructure()
{
    // In-body headings, list items and quotes are paragraphs of their own; the headline (the title),
    // the byline, the caption and the share bar are left out.
    const ReadResult result = readHtml(fixture("article.html"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QStringList paragraphs = result.body.split(QStringLiteral("\n\n"));
    const QStringList expected {
        QStringLiteral("The harbour council voted on Thursday to approve a new ferry terminal on the north quay, ending"
                       " two years of debate about the future of the waterfront."),
        QStringLiteral("Councillors backed the plan by nine votes to four after a three-hour meeting, during which"
                       " residents raised concerns about traffic, noise and the loss of the old fish market."),
        QStringLiteral("Costs and timetable"),
        QStringLiteral("The terminal is expected to cost about 40 million euros, most of it paid for by a regional"
                       " transport fund, and construction could begin next spring."),
        QStringLiteral("Two berths for passenger ferries"),
        QStringLiteral("A covered waiting hall with space for 300 people"),
        QStringLiteral("\"This is the biggest change to the harbour in a generation,\" said the council leader, Ines"
                       " Varga."),
        QStringLiteral("Opponents said they would consider an appeal, arguing that the environmental review had not"
                       " looked closely enough at the effect on seabirds nesting nearby."),
    };
    QCOMPARE(paragraphs, expected);
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
    QTest::newRow("title without ' — Site' suffix naming og:site_name")
        << page("<title>Museum reopens east wing — The City Post</title>"
                "<meta property=\"og:site_name\" content=\"The City Post\">")
        << title << QStringLiteral("Museum reopens east wing");
    QTest::newRow("title from og:title before json-ld headline and h1") << page(
        "<meta property=\"og:title\" content=\"Museum reopens east wing\"><script type=\"application/ld+json\">"
        "{\"@type\": \"NewsArticle\", \"headline\": \"Other\"}</script>",
        "<h1>Another</h1>") << title << QStringLiteral("Museum reopens east wing");
    QTest::newRow("date from json-ld before time element")
        << page("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": "
                "\"2022-05-17\"}</script>",
               "<time datetime=\"2019-11-18\">18 November</time>")
        << date << QStringLiteral("2022-05-17");
    QTest::newRow("author from article:author name") << page("<meta property=\"article:author\" content=\"Ana Ruiz\">")
                                                     << QStringLiteral("author") << QStringLiteral("Ana Ruiz");
    QTest::newRow("url from json-ld") << page("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                                              "\"url\": \"https://post.example/c\"}</script>")
                                      << QStringLiteral("url") << QStringLiteral("https://post.example/c");
    QTest::newRow("language from content-language") << page("<meta http-equiv=\"content-language\" content=\"de\">")
                                                    << QStringLiteral("language") << QStringLiteral("de");
    QTest::newRow("language from json-ld inLanguage")
        << page("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"inLanguage\": \"fr\"}</script>")
        << QStringLiteral("language") << QStringLiteral("fr");
    QTest::newRow("language from og:locale") << page("<meta property=\"og:locale\" content=\"pt_BR\">")
                                             << QStringLiteral("language") << QStringLiteral("pt-BR");
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
    // '#' stands for the level: formatting elements that differ are all kept by the parser's list of
    // active formatting elements, which it copies back into every new block.
    QTest::newRow("100,000 unclosed bolds") << QByteArray("<b>") << QByteArray();
    QTest::newRow("100,000 unclosed spans") << QByteArray("<span class=\"s#\">") << QByteArray();
    QTest::newRow("100,000 unclosed fonts, all different") << QByteArray("<font class=\"f#\">") << QByteArray();
    QTest::newRow("100,000 unclosed links") << QByteArray("<a href=\"/#\">") << QByteArray();
    QTest::newRow("100,000 bolds left open in paragraphs")
        << QByteArray("<p>Text <b class=\"b#\">bold") << QByteArray();
    QTest::newRow("100,000 bolds left open in divs") << QByteArray("<div><i id=\"i#\">x</div>") << QByteArray();
    QTest::newRow("100,000 unclosed list items and lists") << QByteArray("<ul><li>") << QByteArray();
    QTest::newRow("100,000 nested inline SVG") << QByteArray("<svg><g>") << QByteArray("</g></svg>");
    QTest::newRow("100,000 unclosed table cells") << QByteArray("<table><tr><td><em class=\"e#\">") << QByteArray();
    // End tags that the parser ignores, or that leave elements open: the depth still grows.
    QTest::newRow("100,000 divs ended inside a table cell") << QByteArray("<div><table><tr><td></div>") << QByteArray();
    QTest::newRow("100,000 divs ended inside a marquee") << QByteArray("<div><marquee></div>") << QByteArray();
    QTest::newRow("100,000 spans ended across a div") << QByteArray("<span><div></span>") << QByteArray();
    QTest::newRow("100,000 bolds ended across a div") << QByteArray("<b><div></b>") << QByteArray();
    QTest::newRow("100,000 ruby annotations without ruby") << QByteArray("<rt>") << QByteArray();
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
    const bool numbered = open.contains('#');
    for (int i = 0; i < depth; ++i) {
        html += numbered ? QByteArray(open).replace('#', QByteArray::number(i)) : open;
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

void HtmlReaderTest::readsLargePage()
{
    // 50 MB: an article of 40,000 paragraphs between link boxes, with a long script, a long
    // attribute, a long comment and one very long paragraph in it. Nothing here may take quadratic
    // time; the benchmark (scripts/bench html) times a page like it.
    const qsizetype size = 50 * 1024 * 1024;
    QByteArray html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A very long report |"
                      " City Post</title><script>var config = '"
        + QByteArray(2 * 1024 * 1024, 'x')
        + "';</script>"
          "</head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li></ul>"
          "</nav><div class=\"story-body\" data-state=\""
        + QByteArray(2 * 1024 * 1024, 'y')
        + "\">"
          "<!-- "
        + QByteArray(2 * 1024 * 1024, '-') + " --><p>"
        + QByteArray("First words of the"
                     " report, which is very long indeed. ")
              .repeated(100000)
        + "</p>";
    html.reserve(size + 1024);
    for (int i = 0; html.size() < size; ++i) {
        html += "<p>Paragraph " + QByteArray::number(i)
            + " of the report: the council met on Tuesday, the mayor said, and the vote, which was close, went"
              " ahead as planned after a long debate about the roads, the schools, the harbour and the budget"
              " for the coming year, which several members said was too small for what the town needs.</p>";
        if (i % 100 == 99) {
            html += "<div class=\"related\"><ul><li><a href=\"/r\">A related story</a></li><li><a href=\"/s\">"
                    "Another related story</a></li></ul></div>";
        }
    }
    html += "<p>Last words of the report.</p></div><footer>Copyright</footer></body></html>";
    const ReadResult result = readHtml(html);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.meta.title, QStringLiteral("A very long report"));
    QVERIFY(result.body.startsWith(QLatin1String("First words of the report")));
    QVERIFY(result.body.contains(QLatin1String("Paragraph 12345 of the report")));
    QVERIFY(result.body.endsWith(QLatin1String("Last words of the report.")));
    QVERIFY(!result.body.contains(QLatin1String("related story")));
    QVERIFY(!result.body.contains(QLatin1String("World")));
}

void HtmlReaderTest::keepsTextAroundOddMarkup_data()
{
    // Comments, scripts, style sheets and inline SVG are emptied before parsing: the text around them
    // must come out as a browser shows it.
    QTest::addColumn<QByteArray>("markup"); // inside the article, between two of its paragraphs
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("unwanted");
    const QString kept = QStringLiteral("The gallery will also show drawings that have never been exhibited.");
    const QByteArray p = "<p>" + kept.toUtf8() + "</p>";
    QTest::newRow("empty comments '<!-->' and '<!--->'")
        << QByteArray("<!-->" + p + "<!--->") << kept << QStringList { QStringLiteral("-->") };
    QTest::newRow("comment closed by '--!>'")
        << QByteArray("<!-- old teaser --!>" + p) << kept << QStringList { QStringLiteral("teaser") };
    QTest::newRow("conditional comments")
        << QByteArray("<!--[if !IE]><!-->" + p + "<!--<![endif]-->") << kept << QStringList { QStringLiteral("endif") };
    QTest::newRow("script writing a script inside '<!--'")
        << QByteArray("<script><!--\ndocument.write('<script src=\"ad.js\"></script>');\n//--></script>" + p) << kept
        << QStringList { QStringLiteral("document"), QStringLiteral("-->"), QStringLiteral("');") };
    QTest::newRow("'</scripts' inside a script") << QByteArray("<script>var tag = '</scripts>';</script>" + p) << kept
                                                 << QStringList { QStringLiteral("var tag"), QStringLiteral("';") };
    QTest::newRow("style sheet with markup in it") << QByteArray("<style>p::before { content: '<b>'; }</style>" + p)
                                                   << kept << QStringList { QStringLiteral("content") };
    QTest::newRow("nested inline svg") << QByteArray("<svg><svg><title>Share</title></svg><text>icon</text></svg>" + p)
                                       << kept << QStringList { QStringLiteral("Share"), QStringLiteral("icon") };
    QTest::newRow("paragraph inside svg, which the parser moves out")
        << QByteArray("<svg><g>" + p + "</g></svg>") << kept << QStringList {};
    QTest::newRow("svg never closed") << QByteArray("<svg><g><path d=\"M0 0\"/></g>" + p) << kept << QStringList {};
    QTest::newRow("comment never closed, after the text")
        << QByteArray(p + "<!-- unfinished") << kept << QStringList { QStringLiteral("unfinished") };
    // A line break in the source is a space, as a browser shows it, not a paragraph of its own.
    QTest::newRow("line breaks inside a paragraph")
        << QByteArray("<p>The gallery will also show\n      drawings that have\r\nnever been exhibited.</p>") << kept
        << QStringList {};
    QTest::newRow("a list item's first word on its own source line, after a bold lead")
        << QByteArray("<ul><li><strong>New rooms<br/></strong>A\n            gallery will also show drawings that have "
                      "never been exhibited.</li></ul>")
        << QStringLiteral("New rooms\n\nA gallery will also show drawings that have never been exhibited.")
        << QStringList {};
    QTest::newRow("preformatted text keeps its lines")
        << QByteArray("<pre>Opening hours of the east wing after the repairs:\nMonday closed\nTuesday to Sunday, "
                      "10 am to 6 pm</pre>")
        << QStringLiteral("Monday closed\n\nTuesday to Sunday, 10 am to 6 pm") << QStringList {};
}

void HtmlReaderTest::keepsTextAroundOddMarkup()
{
    QFETCH(QByteArray, markup);
    QFETCH(QString, expected);
    QFETCH(QStringList, unwanted);
    const QByteArray html = "<!DOCTYPE html><html><head><title>Gallery</title></head><body><div class=\"story\">"
                            "<p>The museum will reopen its east wing in May after two years of repairs to the roof,"
                            " the director said on Tuesday.</p>"
        + markup
        + "<p>Visitors will be able to see the restored ceiling paintings, which were damaged by water during a"
          " storm, from a new gallery.</p></div></body></html>";
    const ReadResult result = readHtml(html);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY2(result.body.contains(expected), qPrintable(result.body));
    QVERIFY2(result.body.contains(QLatin1String("The museum will reopen")), qPrintable(result.body));
    for (const QString &passage : unwanted) {
        QVERIFY2(!result.body.contains(passage), qPrintable(result.body));
    }
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

namespace
{

const QStringList frenchParagraphs {
    QStringLiteral("Le conseil municipal a approuvé jeudi la rénovation de la halle aux poissons, fermée depuis"
                   " l’hiver dernier à cause de fuites dans la toiture."),
    QStringLiteral("« Nous voulons qu’elle rouvre avant l’été », a déclaré la maire, qui espère accueillir de"
                   " nouveau les pêcheurs et les marchés du samedi — une tradition née en 1923."),
    QStringLiteral("Les travaux coûteront près de deux millions d’euros, financés en partie par la région et par"
                   " une souscription lancée auprès des habitants du quartier."),
};
const QStringList japaneseParagraphs {
    QStringLiteral("市議会は木曜日、昨年の冬から閉鎖されている魚市場の改修計画を承認した。屋根の雨漏りが原因だった。"),
    QStringLiteral("市長は「夏までに再開したい」と述べ、漁業者や土曜日の朝市が戻ってくることに期待を示した。"),
    QStringLiteral("工事費は約二億円で、県の補助金と地元住民からの寄付でまかなわれる予定だという。"),
};

// A page with \a meta in its head and \a paragraphs in an <article>, encoded in \a encoding.
QByteArray encodedPage(const char *encoding, const QByteArray &meta, const QStringList &paragraphs)
{
    QString html = QStringLiteral("<!DOCTYPE html><html><head>") + QString::fromLatin1(meta) + QStringLiteral("<title>")
        + paragraphs.first().left(20) + QStringLiteral("</title></head><body><article>");
    for (const QString &p : paragraphs) {
        html += QStringLiteral("<p>") + p + QStringLiteral("</p>");
    }
    html += QStringLiteral("</article></body></html>");
    QStringEncoder encoder(encoding);
    const QByteArray bytes = encoder.encode(html);
    if (encoder.hasError()) {
        qFatal("cannot encode the page in %s", encoding);
    }
    return bytes;
}

} // namespace

void HtmlReaderTest::decodesBrokenEncodings_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QStringList>("expected"); // passages of the body
    QTest::addColumn<QString>("encoding");

    const QByteArray utf8Meta("<meta charset=\"utf-8\">");
    const QByteArray latin1Meta("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">");
    const QString windows1252 = QStringLiteral("windows-1252");
    QTest::newRow("declares utf-8, bytes are windows-1252")
        << encodedPage("windows-1252", utf8Meta, frenchParagraphs) << frenchParagraphs << windows1252;
    QTest::newRow("declares iso-8859-1, bytes are utf-8")
        << encodedPage("UTF-8", latin1Meta, frenchParagraphs) << frenchParagraphs << QStringLiteral("UTF-8");
    QTest::newRow("declares iso-8859-1, bytes are windows-1252 with curly quotes and dashes")
        << encodedPage("windows-1252", latin1Meta, frenchParagraphs) << frenchParagraphs << windows1252;
    QTest::newRow("declares windows-1252, bytes are utf-8") << encodedPage("UTF-8", "<meta charset=\"windows-1252\">",
        japaneseParagraphs) << japaneseParagraphs << QStringLiteral("UTF-8");
    QTest::newRow("Shift_JIS without a declaration")
        << encodedPage("Shift_JIS", {}, japaneseParagraphs) << japaneseParagraphs << QStringLiteral("Shift_JIS");
    QTest::newRow("EUC-JP declared as utf-8")
        << encodedPage("EUC-JP", utf8Meta, japaneseParagraphs) << japaneseParagraphs << QStringLiteral("EUC-JP");
    // A UTF-8 page with two characters pasted in windows-1252: è (0xE8) and ’ (0x92).
    QByteArray mixed = encodedPage("UTF-8", utf8Meta, frenchParagraphs);
    mixed.replace(QStringLiteral("près de").toUtf8(),
        "pr\xE8"
        "s de");
    mixed.replace(QStringLiteral("d’euros").toUtf8(),
        "d\x92"
        "euros");
    QTest::newRow("utf-8 with stray windows-1252 bytes")
        << mixed << frenchParagraphs << QStringLiteral("UTF-8 (invalid bytes as windows-1252)");
}

void HtmlReaderTest::decodesBrokenEncodings()
{
    QFETCH(QByteArray, html);
    QFETCH(QStringList, expected);
    QFETCH(QString, encoding);
    const ReadResult result = readHtml(html);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.encoding, encoding);
    for (const QString &passage : expected) {
        QVERIFY2(result.body.contains(passage),
            qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(passage, result.body)));
    }
    for (const QChar c : result.body) {
        // No replacement characters, and no C1 controls (windows-1252 read as ISO-8859-1).
        QVERIFY2(
            c != QChar::ReplacementCharacter && (c.unicode() < 0x80 || c.unicode() >= 0xA0), qPrintable(result.body));
    }
    QCOMPARE(result.meta.title, expected.first().left(20));
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

void HtmlReaderTest::neverFetches()
{
    Dossier::Test::ConnectionCounter server;
    QVERIFY(server.isListening());
    QVERIFY(Dossier::Test::ConnectionCounter::connectTo(server.port())); // the counter does count
    QTRY_COMPARE(server.connections(), 1);
    // Every kind of reference a page makes to other resources, all pointing at the counter.
    const QByteArray html = QByteArray(R"html(<!DOCTYPE html><html><head><base href="ORIGIN/">
<meta http-equiv="refresh" content="0; url=ORIGIN/refresh"><link rel="stylesheet" href="ORIGIN/style.css">
<link rel="preload" href="ORIGIN/font.woff2" as="font"><link rel="canonical" href="ORIGIN/article">
<meta property="og:image" content="ORIGIN/og.png"><script src="ORIGIN/app.js"></script>
<script type="application/ld+json">{"@type": "NewsArticle", "image": "ORIGIN/ld.png", "url": "ORIGIN/ld"}</script>
<style>@import url("ORIGIN/import.css"); body { background: url(ORIGIN/bg.png); }</style></head>
<body background="ORIGIN/body.png"><article><img src="ORIGIN/photo.jpg" srcset="ORIGIN/photo-2x.jpg 2x">
<picture><source srcset="ORIGIN/photo.webp"><img src="relative.png"></picture>
<p>The museum will reopen its east wing in May after two years of repairs to the roof, the director said.</p>
<iframe src="ORIGIN/embed"></iframe><video poster="ORIGIN/poster.jpg" src="ORIGIN/clip.mp4"></video>
<object data="ORIGIN/object.swf"></object><embed src="ORIGIN/embed.swf"><svg><image href="ORIGIN/i.svg"/></svg>
<p style="background-image: url('ORIGIN/p.png')">Visitors will see the restored ceiling paintings, which were
damaged by water during a storm, from a new gallery.</p><form action="ORIGIN/form"><input type="image"
src="ORIGIN/button.png"></form></article></body></html>)html")
                                .replace("ORIGIN", server.origin());
    const ReadResult result = readHtml(html);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.body.contains(QLatin1String("The museum will reopen its east wing")));
    QCOMPARE(result.meta.url, QString::fromLatin1(server.origin() + "/article"));
    QTest::qWait(100);
    QCOMPARE(server.connections(), 1);
}

QTEST_GUILESS_MAIN(HtmlReaderTest)
#include "htmlreader_test.moc"
