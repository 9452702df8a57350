#include "analysis/plaintextextractor.h"
#include "analysis/textcleaning.h"

#include <QFile>
#include <QTest>

using namespace Dossier::Core;

class PlainTextExtractorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extractsFixtures_data();
    void extractsFixtures();
    void extractsInlinePages_data();
    void extractsInlinePages();
    void keepsAndDropsLines_data();
    void keepsAndDropsLines();
    void unwrapsHardWrappedText();
    void findsDatelines_data();
    void findsDatelines();
    void recognisesDisclosures_data();
    void recognisesDisclosures();
    void handlesDegenerateInput_data();
    void handlesDegenerateInput();
    void isFastOnLargeInput();
};

namespace
{

QString fixture(const QString &name)
{
    QFile file(QStringLiteral(DOSSIER_TEST_DATA "/text/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

void PlainTextExtractorTest::extractsFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("dateline");
    QTest::addColumn<QString>("bodyStart");
    QTest::addColumn<QString>("bodyEnd");

    QTest::newRow("masthead 'live feed', fused dateline, no date")
        << QStringLiteral("masthead_fused_dateline.txt")
        << QStringLiteral("Nordic ministers agree on joint grid-security exercise") << QString()
        << QStringLiteral("Harbourline") << QStringLiteral("Oslo") << QStringLiteral("Oslo,Norway and Sweden will run")
        << QStringLiteral("observers from Finland and Denmark had been invited to attend.");
    QTest::newRow("redirect notice, byline date with time, inline caps dateline, site chrome source")
        << QStringLiteral("redirect_chrome.txt")
        << QStringLiteral("Analysis: Portugal, Brazil to Expand Maritime Patrol Cooperation")
        << QStringLiteral("2019-03-04") << QStringLiteral("Harbor News") << QStringLiteral("Lisbon")
        << QStringLiteral("LISBON Portugal and Brazil")
        << QStringLiteral("rather than side by side,\" the Portuguese defense minister said.");
    QTest::newRow("date field, dateline line, wire credit, login and teasers after the body")
        << QStringLiteral("datefield_wirecredit.txt")
        << QStringLiteral("Kenya unveils plan to double geothermal output by 2030") << QStringLiteral("2022-03-15")
        << QStringLiteral("Meridian") << QStringLiteral("Nairobi") << QStringLiteral("NAIROBI\n\nThe Kenyan government")
        << QStringLiteral("delayed by land disputes with local communities.");
    QTest::newRow("place and date line, subheads, citation marks, source list")
        << QStringLiteral("dateline_subheads_sources.txt")
        << QStringLiteral("Andean Nations Launch Joint Water Monitoring Network") << QStringLiteral("2025-03-04")
        << QString() << QStringLiteral("Lima") << QStringLiteral("Lima, Tuesday, 4 March 2025.")
        << QStringLiteral("who may access the raw readings[3].");
    QTest::newRow("print prompt, breadcrumb, weekday only, trailing tag list")
        << QStringLiteral("print_breadcrumb_nodate.txt")
        << QStringLiteral("Vietnam, Australia to deepen cooperation on critical minerals") << QString() << QString()
        << QString() << QStringLiteral("Vietnam and Australia are expected")
        << QStringLiteral("that new processing plants would have to meet, the source said.");
    QTest::newRow("hard-wrapped dump") << QStringLiteral(
        "hard_wrapped.txt") << QStringLiteral("Glacier retreat in the Alps doubled over the last decade, survey finds")
                                       << QString() << QString() << QStringLiteral("Zurich")
                                       << QStringLiteral("ZURICH -- Glaciers in the Swiss Alps lost ice twice as fast")
                                       << QStringLiteral("a spokesman for the federal environment office said.");
    QTest::newRow("list inside the article, comments after it")
        << QStringLiteral("list_inside_article.txt")
        << QStringLiteral("Town council approves new flood plan after wet winter") << QStringLiteral("2025-03-03")
        << QStringLiteral("Valley Courier") << QString() << QStringLiteral("The town council of Ellmere approved")
        << QStringLiteral("whether to repair their homes now or wait for the works.");
    QTest::newRow("endless page: the next story's header ends the article")
        << QStringLiteral("endless_page.txt") << QStringLiteral("Night buses to run on four new routes")
        << QStringLiteral("2025-04-02") << QString() << QString()
        << QStringLiteral("The city's transport company will add")
        << QStringLiteral("whether the service is worth the cost.");
    QTest::newRow("comment thread longer than the article")
        << QStringLiteral("comment_thread.txt")
        << QStringLiteral("Tablet Makers Turn to Recycled Aluminium for Next Models") << QStringLiteral("2025-03-11")
        << QString() << QString() << QStringLiteral("Several tablet makers plan to switch")
        << QStringLiteral("with more models following in 2026.");
}

void PlainTextExtractorTest::extractsFixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, title);
    QFETCH(QString, date);
    QFETCH(QString, source);
    QFETCH(QString, dateline);
    QFETCH(QString, bodyStart);
    QFETCH(QString, bodyEnd);

    const QString text = fixture(file);
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const Extraction extraction = PlainTextExtractor::extract(text);
    QCOMPARE(extraction.meta.title, title);
    QCOMPARE(extraction.meta.date, date);
    QCOMPARE(extraction.meta.source, source);
    QCOMPARE(extraction.meta.dateline, dateline);
    QVERIFY2(extraction.body.startsWith(bodyStart), qPrintable(extraction.body.left(200)));
    QVERIFY2(extraction.body.endsWith(bodyEnd), qPrintable(extraction.body.right(200)));
    QVERIFY(!extraction.body.contains(title));
}

void PlainTextExtractorTest::extractsInlinePages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("dateline");

    const QString paragraphs = QStringLiteral(
        "Officials said the new rules would take effect next spring after a consultation with industry groups.\n\n"
        "The ministry expects the measures to cut emissions from the sector by a fifth within five years.\n\n"
        "Opposition lawmakers welcomed the plan but said the timetable was too slow for the targets.\n");
    QTest::newRow("agency in the dateline, date without year, credits after the body")
        << QStringLiteral(
               "Skip to main content\nWorld\nMarkets\n\nPort operators adopt cleaner fuel rules\n\n"
               "By Jane Doe\n\n3 Min Read\n\nROTTERDAM, Nov 5 (Wirepoint) - Port operators agreed on "
               "Tuesday to adopt cleaner fuel rules for ships calling at Rotterdam, the port authority said.\n\n")
            + paragraphs + QStringLiteral("\nReporting by Jane Doe; Editing by John Roe\n")
        << QStringLiteral("Port operators adopt cleaner fuel rules") << QString() << QStringLiteral("Wirepoint")
        << QStringLiteral("Rotterdam");
    QTest::newRow("date inside the dateline")
        << QStringLiteral("Port operators adopt cleaner fuel rules\n\nROTTERDAM, Nov. 5, 2024 (Wirepoint) - Port "
                          "operators agreed to adopt cleaner fuel rules for ships calling at Rotterdam.\n\n")
            + paragraphs
        << QStringLiteral("Port operators adopt cleaner fuel rules") << QStringLiteral("2024-11-05")
        << QStringLiteral("Wirepoint") << QStringLiteral("Rotterdam");
    QTest::newRow("press release: place, region, country and agency")
        << QStringLiteral("Pune, Maharashtra, India (Newsflow) – Acme Grid today announced a new battery plant "
                          "that will employ four hundred people.\n\n")
            + paragraphs
        << QString() << QString() << QStringLiteral("Newsflow") << QStringLiteral("Pune");
    QTest::newRow("colon dateline of a place named again")
        << QStringLiteral("Metro extends night service\n\nNEW DELHI: The metro will run until two in the morning "
                          "from next month, officials in New Delhi said on Friday.\n\n")
            + paragraphs
        << QStringLiteral("Metro extends night service") << QString() << QString() << QStringLiteral("New Delhi");
    QTest::newRow("colon after a caps label is not a dateline")
        << QStringLiteral("Metro extends night service\n\nBREAKING: The metro will run until two in the morning "
                          "from next month, officials said on Friday.\n\n")
            + paragraphs
        << QStringLiteral("Metro extends night service") << QString() << QString() << QString();
    QTest::newRow("published line, byline with agency")
        << QStringLiteral("Local | Weather | Sport\n\nCouncil approves bike lanes\n\nPublished: March 5, 2024 at "
                          "6:12 p.m.\n\nBy Alex Smith, Harbour Wire\n\n")
            + paragraphs + QStringLiteral("\nComments (12)\nLog in to comment\n")
        << QStringLiteral("Council approves bike lanes") << QStringLiteral("2024-03-05")
        << QStringLiteral("Harbour Wire") << QString();
    QTest::newRow("copyright holder under the article, staff byline")
        << QStringLiteral("Council approves bike lanes\n\nBy Alex Smith, Staff Writer\n\n") + paragraphs
            + QStringLiteral("\nCopyright 2024 The Riverside Gazette. All rights reserved.\n")
        << QStringLiteral("Council approves bike lanes") << QString() << QStringLiteral("The Riverside Gazette")
        << QString();
    QTest::newRow("masthead in capitals")
        << QStringLiteral("THE HARBOUR TIMES\n\nCouncil approves bike lanes\n\n") + paragraphs
        << QStringLiteral("Council approves bike lanes") << QString() << QStringLiteral("The Harbour Times")
        << QString();
    QTest::newRow("agency in brackets under the article")
        << QStringLiteral("Council approves bike lanes\n\n") + paragraphs + QStringLiteral("\n(Wirepoint)\n")
        << QStringLiteral("Council approves bike lanes") << QString() << QStringLiteral("Wirepoint") << QString();
    QTest::newRow("agency after a dash under the article")
        << QStringLiteral("Council approves bike lanes\n\n") + paragraphs + QStringLiteral("\n— WIREPOINT\n")
        << QStringLiteral("Council approves bike lanes") << QString() << QStringLiteral("Wirepoint") << QString();
    QTest::newRow("button under the article is no agency")
        << QStringLiteral("Council approves bike lanes\n\n") + paragraphs + QStringLiteral("\n(BUTTON)\n")
        << QStringLiteral("Council approves bike lanes") << QString() << QString() << QString();
    QTest::newRow("japanese page with breadcrumb and date")
        << QStringLiteral(
               u"ホーム > ニュース > 経済\n\n港湾の電化計画を発表\n\n2024年11月13日 10時30分\n\n"
               u"国土交通省は13日、主要な港湾で荷役機械の電化を進める計画を発表した。二酸化炭素の排出を減らし、"
               u"作業環境を改善する狙いがある。\n\n同省は来年度から補助金を設け、民間の事業者にも導入を促す方針だ。"
               u"関係者は費用負担が課題になると指摘している。\n\n関連記事\n・港の混雑続く\n")
        << QStringLiteral(u"港湾の電化計画を発表") << QStringLiteral("2024-11-13") << QString() << QString();
    QTest::newRow("cookie banner above a short article")
        << QStringLiteral("We use cookies to improve your experience on our site, show personalised content and "
                          "analyse our traffic. By continuing to browse you agree to the storing of these files on "
                          "your device and to the terms explained in our notice, which you can change at any time "
                          "in the settings of your browser or on this page.\nAccept\n\nCouncil approves bike "
                          "lanes\n\nThe council voted on Monday to build protected bike lanes on two streets.\n\n"
                          "Work will start in the summer, officials said after the vote.\n")
        << QStringLiteral("Council approves bike lanes") << QString() << QString() << QString();
    QTest::newRow("the reading time between headline and body is no headline")
        << QStringLiteral("Home\nHealth\n\nWhy a short night costs more than sleep\n\n6 min read\n\n") + paragraphs
        << QStringLiteral("Why a short night costs more than sleep") << QString() << QString() << QString();
    QTest::newRow("a logo's alt text above the headline is no headline")
        << QStringLiteral("Ministry Emissions Report Logo - Home\nSkip to content\n\nCouncil approves bike lanes\n\n")
            + paragraphs
        << QStringLiteral("Council approves bike lanes") << QString() << QString() << QString();
    QTest::newRow("the author's name over the byline is no headline")
        << QStringLiteral("Council approves bike lanes\n\nJane Doe\nBy Jane Doe\n\n") + paragraphs
        << QStringLiteral("Council approves bike lanes") << QString() << QString() << QString();
    QTest::newRow("headline on the first line, no chrome")
        << QStringLiteral("Council approves bike lanes\n") + paragraphs << QStringLiteral("Council approves bike lanes")
        << QString() << QString() << QString();
}

void PlainTextExtractorTest::extractsInlinePages()
{
    QFETCH(QString, text);
    QFETCH(QString, title);
    QFETCH(QString, date);
    QFETCH(QString, source);
    QFETCH(QString, dateline);

    const Extraction extraction = PlainTextExtractor::extract(text);
    QCOMPARE(extraction.meta.title, title);
    QCOMPARE(extraction.meta.date, date);
    QCOMPARE(extraction.meta.source, source);
    QCOMPARE(extraction.meta.dateline, dateline);
    QVERIFY(!extraction.body.isEmpty());
    QVERIFY(!extraction.body.contains(QStringLiteral("Reporting by")));
    QVERIFY(!extraction.body.contains(QStringLiteral("Comments")));
    QVERIFY(!extraction.body.contains(QStringLiteral("Copyright")));
    QVERIFY(!extraction.body.contains(QStringLiteral("By ")));
    QVERIFY(!extraction.body.contains(QStringLiteral("cookies")));
}

void PlainTextExtractorTest::keepsAndDropsLines_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("kept");
    QTest::addColumn<QStringList>("dropped");

    QTest::newRow("masthead dropped") << QStringLiteral("masthead_fused_dateline.txt") << QStringList()
                                      << QStringList { QStringLiteral("live feed") };
    QTest::newRow("redirect, filed under, more headlines, login, subscribe, chrome dropped")
        << QStringLiteral("redirect_chrome.txt")
        << QStringList { QStringLiteral("Talks in Lisbon this week"), QStringLiteral("Illegal fishing off the West") }
        << QStringList { QStringLiteral("redirected"), QStringLiteral("taken to the requested page"),
               QStringLiteral("Filed Under"), QStringLiteral("More In Regional News"), QStringLiteral("More Headlines"),
               QStringLiteral("Log in to read"), QStringLiteral("Subscribe"), QStringLiteral("Harbornews TV"),
               QStringLiteral("Mar. 4, 2019"), QStringLiteral("weekly email") };
    QTest::newRow("credits, copyright, login prompts and teasers dropped")
        << QStringLiteral("datefield_wirecredit.txt") << QStringList { QStringLiteral("Energy Minister Grace Wanjiru") }
        << QStringList { QStringLiteral("Newsletter"), QStringLiteral("economy"), QStringLiteral("3 Comments"),
               QStringLiteral("MERIDIAN"), QStringLiteral("Example Media Inc."), QStringLiteral("Log in to join"),
               QStringLiteral("Forgot password?"), QStringLiteral("Popular across our partner sites"),
               QStringLiteral("Weekend Markets"), QStringLiteral("Remote Work Opportunities") };
    QTest::newRow("subheads and citation marks kept, source list dropped")
        << QStringLiteral("dateline_subheads_sources.txt")
        << QStringList { QStringLiteral("\n\nWhy Shared Data Matters\n\n"),
               QStringLiteral("\n\nFunding and Timeline\n\n"), QStringLiteral("\n\nNext Steps\n\n"),
               QStringLiteral("in equal shares[2][4]."), QStringLiteral("The network will also cover glacier melt") }
        << QStringList { QStringLiteral("Sources"), QStringLiteral("example.org"), QStringLiteral("riverdata") };
    QTest::newRow("print prompt, breadcrumb and tags dropped")
        << QStringLiteral("print_breadcrumb_nodate.txt") << QStringList { QStringLiteral("Australia is one of") }
        << QStringList { QStringLiteral("PRINT"), QStringLiteral("ECONOMY"), QStringLiteral("Ambassador"),
               QStringLiteral("Trending Asia") };
    QTest::newRow("wrapped paragraphs joined, menu and share prompts dropped")
        << QStringLiteral("hard_wrapped.txt")
        << QStringList { QStringLiteral("as in the decade before, according to a survey published on Thursday") }
        << QStringList { QStringLiteral("Weather"), QStringLiteral("Marta Keller"), QStringLiteral("Related stories"),
               QStringLiteral("Ski resorts"), QStringLiteral("Share this"), QStringLiteral("Facebook") };
    QTest::newRow("related links inside the article dropped, prose after them kept")
        << QStringLiteral("related_insert.txt")
        << QStringList { QStringLiteral("None of the swabs tested positive"), QStringLiteral("count tadpoles") }
        << QStringList { QStringLiteral("Related articles"), QStringLiteral("birds from space"),
               QStringLiteral("amphibians are vanishing"), QStringLiteral("Most Read"), QStringLiteral("gadgets"),
               QStringLiteral("Lena Ortiz") };
    QTest::newRow("bullet list inside the article kept, prose after it kept, share prompt and comments dropped")
        << QStringLiteral("list_inside_article.txt")
        << QStringList { QStringLiteral("The plan, drafted by the council's engineers"),
               QStringLiteral("* Raise the embankment at Mill Lane"),
               QStringLiteral("* A volunteer flood warden scheme"),
               QStringLiteral("Councillor Amir Haddad, who chairs the works committee"),
               QStringLiteral("asked the council to publish a timetable") }
        << QStringList { QStringLiteral("Valley Courier"), QStringLiteral("Petra Lindahl"), QStringLiteral("Share"),
               QStringLiteral("Comments"), QStringLiteral("Greta M."), QStringLiteral("waited ten years"),
               QStringLiteral("next valley"), QStringLiteral("Reply") };
    QTest::newRow("teaser headlines inside and after the article dropped")
        << QStringLiteral("headline_list.txt")
        << QStringList { QStringLiteral("The ferry linking the mainland"), QStringLiteral("Islanders had relied"),
               QStringLiteral("The operator said the repaired pier"),
               QStringLiteral("will review the storm defences of all island piers") }
        << QStringList { QStringLiteral("More for you"), QStringLiteral("Lighthouse"), QStringLiteral("Rye Bread"),
               QStringLiteral("Northern Coast"), QStringLiteral("Trending"), QStringLiteral("Sports Hall"),
               QStringLiteral("Seabirds"), QStringLiteral("Podcasts") };
    QTest::newRow("captions and photo credits dropped")
        << QStringLiteral("captions_credits.txt")
        << QStringList { QStringLiteral("A water mill that stood empty"), QStringLiteral("The mill trust bought"),
               QStringLiteral("Volunteers spent two winters"), QStringLiteral("classes for schools would start") }
        << QStringList { QStringLiteral("The restored water wheel"), QStringLiteral("Photo:"),
               QStringLiteral("Ida Marsh"), QStringLiteral("Getty Images"), QStringLiteral("Copyright"),
               QStringLiteral("Menu"), QStringLiteral("Tomas Berg"), QStringLiteral("lift the new gears") };
    QTest::newRow("captions ending with their credit, glued on or after a label, dropped")
        << QStringLiteral("captions_credits_at_end.txt")
        << QStringList { QStringLiteral("Crews of the three ferries"),
               QStringLiteral("The drill, the first of its kind"), QStringLiteral("The harbour master, Oskar Berg"),
               QStringLiteral("He said the next drill"), QStringLiteral("Every crossing is a drill") }
        << QStringList { QStringLiteral("A deckhand throws"), QStringLiteral("Tomas Reyes"),
               QStringLiteral("Passengers wait on the quay"), QStringLiteral("Astrid Nyholm"),
               QStringLiteral("The Long Night"), QStringLiteral("Petra Lund"),
               QStringLiteral("Passengers crowd the rail"), QStringLiteral("Mara Lindqvist"),
               QStringLiteral("The lifeboat station"), QStringLiteral("Lena Aas"), QStringLiteral("A ferry waits"),
               QStringLiteral("Jon Helle") };
    QTest::newRow("a byline after the author's headshot, a fashion caption and a shoot's credits, a lead image's "
                  "credit and numbered notes under the article dropped, note marks and a one-label fact kept")
        << QStringLiteral("magazine_credits_notes.txt")
        << QStringList { QStringLiteral("Every Thursday the twelve members"),
               QStringLiteral("for the winter crews of 1979.[1] A later letter"),
               QStringLiteral("would hide the engine oil.[2]"), QStringLiteral("Production: about 300 jumpers a year") }
        << QStringList { QStringLiteral("Styling"), QStringLiteral("Mara Quist"), QStringLiteral("Henrik Dahl"),
               QStringLiteral("Lead image"), QStringLiteral("Dock Denim"), QStringLiteral("Harbour Board minutes"),
               QStringLiteral("Ada Lund"), QStringLiteral("Filed Under"), QStringLiteral("Headshot"),
               QStringLiteral("Selma Orrby"), QStringLiteral("rib jumper"), QStringLiteral("Ivo Sand"),
               QStringLiteral("Petra Holm") };
    QTest::newRow("a name glued to its role and the reading time under the standfirst dropped")
        << QStringLiteral("glued_role_byline.txt")
        << QStringList { QStringLiteral("The county council agreed on Tuesday"),
               QStringLiteral("The first students are expected") }
        << QStringList { QStringLiteral("Mira Sol"), QStringLiteral("Coastal Review"), QStringLiteral("min read") };
    QTest::newRow("a byline and date under the headline, standfirst and a long caption open the article, not the "
                  "next one")
        << QStringLiteral("preamble_byline.txt")
        << QStringList { QStringLiteral("The approval of another subsidy for farm heating"),
               QStringLiteral("Heat pumps move warmth"), QStringLiteral("Now we count the lambs.") }
        << QStringList { QStringLiteral("Tomas Lind"), QStringLiteral("min read"), QStringLiteral("Photograph by"),
               QStringLiteral("(BUTTON)"), QStringLiteral("Customer Service") };
    QTest::newRow("a byline glued to its 'By' and the reading time after the first paragraph dropped")
        << QStringLiteral("glued_by_byline.txt")
        << QStringList { QStringLiteral("Once a year, the tilt of the planet"),
               QStringLiteral("At a stone circle on the moor"), QStringLiteral("said Ingrid Moss") }
        << QStringList { QStringLiteral("Tomas Lind"), QStringLiteral("min read"), QStringLiteral("Published") };
    QTest::newRow("boxes of links to other stories under a label dropped, a list the article introduces kept")
        << QStringLiteral("link_boxes.txt")
        << QStringList { QStringLiteral("The owner, Lena Aas"), QStringLiteral("are these:"),
               QStringLiteral("* A second counter for orders placed in advance"),
               QStringLiteral("* Opening at six in the morning on ferry days"),
               QStringLiteral("hire three more bakers") }
        << QStringList { QStringLiteral("People are also reading"), QStringLiteral("second berth"),
               QStringLiteral("seabird counting"), QStringLiteral("coastal path"), QStringLiteral("More by Hanna Voss"),
               QStringLiteral("last fishing boat"), QStringLiteral("twenty thousand times") };
    QTest::newRow("a shop's buttons under each product dropped, the products' descriptions kept")
        << QStringLiteral("shop_buttons.txt")
        << QStringList { QStringLiteral("stayed dry at the seams"), QStringLiteral("folds into its own pocket"),
               QStringLiteral("is worth its price") }
        << QStringList { QStringLiteral("$249 at"), QStringLiteral("Coastline Supply"), QStringLiteral("$129 at"),
               QStringLiteral("Trailhead") };
    QTest::newRow("share and view counters, photo credits saying who provided them and a follow prompt dropped")
        << QStringLiteral("follow_prompts.txt")
        << QStringList { QStringLiteral("The youth choir of Halden"), QStringLiteral("The conductor, Ines Okafor"),
               QStringLiteral("where the songs were first sung") }
        << QStringList { QStringLiteral("Shares"), QStringLiteral("Photo provided"), QStringLiteral("Photograph by"),
               QStringLiteral("Follow the Valley Review") };
    QTest::newRow("the list the article's last sentence introduces kept, the chrome after it dropped")
        << QStringLiteral("introduced_list.txt")
        << QStringList { QStringLiteral("The full list of winners is below:"),
               QStringLiteral("* Junior sculls - Halden Rowing Club"),
               QStringLiteral("* Mixed eights - Kestrel Sound Rowers") }
        << QStringList { QStringLiteral("Comments"), QStringLiteral("Share this story"), QStringLiteral("____") };
    QTest::newRow(
        "the article ends where it says where it first appeared: the bio, credits and magazine chrome dropped")
        << QStringLiteral("sign_off.txt")
        << QStringList { QStringLiteral("Every spring the river at Halden"),
               QStringLiteral("The results are sobering."), QStringLiteral("reaches further back.") }
        << QStringList { QStringLiteral("science journalist"), QStringLiteral("More by Ines Okafor"),
               QStringLiteral("originally published"), QStringLiteral("doi:"), QStringLiteral("Expand Your World"),
               QStringLiteral("Learn and share") };
    QTest::newRow("an image's alt text between paragraphs dropped: what the picture shows, what someone in it does")
        << QStringLiteral("alt_text.txt")
        << QStringList { QStringLiteral("When Mira Solberg recorded her second album"),
               QStringLiteral("The album, released in March"), QStringLiteral("Solberg writes every lyric by hand"),
               QStringLiteral("She plans to bring the stool.") }
        << QStringList { QStringLiteral("sits on a wooden stool"), QStringLiteral("rain-streaked window"),
               QStringLiteral("Close up of"), QStringLiteral("long green coat") };
    QTest::newRow("a reviewer's card's chrome and a gallery button inside the article dropped")
        << QStringLiteral("reviewer_card.txt")
        << QStringList { QStringLiteral("The Halden Book 14 is the first laptop"),
               QStringLiteral("The keyboard is firm and quiet"), QStringLiteral("Gamers and video editors") }
        << QStringList { QStringLiteral("See full bio"), QStringLiteral("Why You Can Trust"),
               QStringLiteral("Years of Experience"), QStringLiteral("View all 24"), QStringLiteral("Follow live"),
               QStringLiteral("breaking news") };
    QTest::newRow("a 'with reporting by' credit under the article dropped")
        << QStringLiteral("reporting_credit.txt")
        << QStringList { QStringLiteral("The crews of the Halden ferries"),
               QStringLiteral("return to normal from Monday.") }
        << QStringList { QStringLiteral("With reporting by"), QStringLiteral("Oskar Berg") };
    QTest::newRow("a chart laid out as text inside the article: its labels dropped, the prose on both sides kept")
        << QStringLiteral("chart_as_text.txt")
        << QStringList { QStringLiteral("The harbour authority of Halden"), QStringLiteral("The fishing fleet"),
               QStringLiteral("The council will vote") }
        << QStringList { QStringLiteral("’10"), QStringLiteral("1,000"), QStringLiteral("\n400\n") };
    QTest::newRow("a shop's prices on lines of their own dropped")
        << QStringLiteral("shop_buttons.txt") << QStringList { QStringLiteral("Kestrel Shell") }
        << QStringList { QStringLiteral("\n$89\n") };
    QTest::newRow("a text dump's strike-through marks dropped, the struck-out price kept")
        << QStringLiteral("shop_buttons.txt") << QStringList { QStringLiteral("It is down to $149 $129 this month.") }
        << QStringList { QStringLiteral("DEL") };
    QTest::newRow("byline and the author's bio dropped")
        << QStringLiteral("byline_bio.txt")
        << QStringList { QStringLiteral("Marine biologists have mapped"), QStringLiteral("The maps show that"),
               QStringLiteral("where boats may anchor without damaging it.") }
        << QStringList { QStringLiteral("By Mara Lindqvist"), QStringLiteral("senior science correspondent"),
               QStringLiteral("studied marine biology"), QStringLiteral("Follow Mara"), QStringLiteral("Sign in") };
    QTest::newRow("a widget repeated between the sections of a guide dropped, the sections after it kept")
        << QStringLiteral("repeated_widget.txt")
        << QStringList { QStringLiteral("We boiled water in eleven electric kettles"),
               QStringLiteral("The Brightwater Classic boiled"), QStringLiteral("The Hearth Basic costs"),
               QStringLiteral("will not wake the rest of the house in the morning.") }
        << QStringList { QStringLiteral("Most Popular"), QStringLiteral("Router"), QStringLiteral("Nia Brooks"),
               QStringLiteral("Guides"), QStringLiteral("Advertisement"), QStringLiteral("Sign in") };
    QTest::newRow("photo credits on their own lines dropped")
        << QStringLiteral("photo_credits.txt")
        << QStringList { QStringLiteral("The tram depot on Canal Street"), QStringLiteral("Traders said the first"),
               QStringLiteral("if the first season goes well.") }
        << QStringList { QStringLiteral("Image 1 of 3"), QStringLiteral("Pia Lund"), QStringLiteral("City Archive"),
               QStringLiteral("Courtesy of"), QStringLiteral("Image credit") };
    QTest::newRow("an embedded post's label and a recommendation label with its links dropped")
        << QStringLiteral("recommendation_labels.txt")
        << QStringList { QStringLiteral("The choir of Hilltop Primary School"), QStringLiteral("The head teacher said"),
               QStringLiteral("present each child with a medal.") }
        << QStringList { QStringLiteral("View this post"), QStringLiteral("A post shared by"),
               QStringLiteral("interested in"), QStringLiteral("Bus Shelter") };
    QTest::newRow("a caption said twice on one line (alt text and caption) dropped")
        << QStringLiteral("doubled_caption.txt")
        << QStringList { QStringLiteral("Night temperatures in the valley"), QStringLiteral("The weather service said"),
               QStringLiteral("where the cold air settles.") }
        << QStringList { QStringLiteral("orchard near Dalby"), QStringLiteral("Photo:") };
    QTest::newRow("long captions said twice on one line dropped, and the same captions said once")
        << QStringLiteral("doubled_long_caption.txt")
        << QStringList { QStringLiteral("The ferry between Porto Claro"), QStringLiteral("to welcome the ferry home.") }
        << QStringList { QStringLiteral("Ana Ruiz /"), QStringLiteral("The ferry Marisol leaves"),
               QStringLiteral("Deckhand Tiago Mendes"), QStringLiteral("Tags:"),
               QStringLiteral("Harbour wall repairs") };
    QTest::newRow("alt text beside its caption, and a caption with two credits, dropped")
        << QStringLiteral("caption_twins.txt")
        << QStringList { QStringLiteral("Rangers counted more than two hundred seal pups"),
               QStringLiteral("The rangers said a winter without big storms"),
               QStringLiteral("Visitors are asked to stay behind the rope line"),
               QStringLiteral("left the sandbank for the open sea.") }
        << QStringList { QStringLiteral("A grey seal pup resting"), QStringLiteral("Volunteers watch the colony"),
               QStringLiteral("Coast Trust"), QStringLiteral("Leona Hart") };
    QTest::newRow("an author's bio that says what the author writes about, and how to reach the author, dropped")
        << QStringLiteral("bio_writes_about.txt")
        << QStringList { QStringLiteral("The studio behind last year's surprise puzzle hit"),
               QStringLiteral("one on each side of the mechanism.") }
        << QStringList { QStringLiteral("Contributing Editor"), QStringLiteral("has been writing about"),
               QStringLiteral("board games"), QStringLiteral("Contact"), QStringLiteral("example.org"),
               QStringLiteral("Follow him") };
    QTest::newRow("a box of related links between two paragraphs dropped, the prose after it kept")
        << QStringLiteral("related_box_inline.txt")
        << QStringList { QStringLiteral("The club appointed its new head coach"),
               QStringLiteral("His first decision was to bring back"),
               QStringLiteral("four of the top six sides in the space of three weeks.") }
        << QStringList { QStringLiteral("Advertisement"), QStringLiteral("Related From"),
               QStringLiteral("Tomas Brenner"), QStringLiteral("harbour derby"), QStringLiteral("Read More"),
               QStringLiteral("Tags:"), QStringLiteral("Harbour FC") };
    QTest::newRow("tags run together and a list of headlines with one-sentence standfirsts after the article dropped")
        << QStringLiteral("teaser_pairs.txt")
        << QStringList { QStringLiteral("The singer told a radio interviewer"),
               QStringLiteral("has gathered more than forty thousand signatures.") }
        << QStringList { QStringLiteral("industrypay"), QStringLiteral("Rival Rappers"), QStringLiteral("shook hands"),
               QStringLiteral("Dancer Boyfriend"), QStringLiteral("seven years"), QStringLiteral("Family Drama"),
               QStringLiteral("time slot") };
    QTest::newRow("a paywall prompt and a disclaimer under the article dropped")
        << QStringLiteral("paywall_disclaimer.txt")
        << QStringList { QStringLiteral("Bond funds returned more in November"),
               QStringLiteral("should not chase last month's winners.") }
        << QStringList { QStringLiteral("unlimited access"), QStringLiteral("Free Trial"),
               QStringLiteral("opinions expressed"), QStringLiteral("editorial policies") };
    QTest::newRow("a publication stamp inside the article dropped")
        << QStringLiteral("stamp_line.txt")
        << QStringList { QStringLiteral("The actor, who made his first film"),
               QStringLiteral("He told the station's morning programme"),
               QStringLiteral("two afternoon performances for schools.") }
        << QStringList { QStringLiteral("Posted:"), QStringLiteral("Arts Desk"), QStringLiteral("Last Updated") };
    QTest::newRow("a promo in the masthead loses to the shorter article under its byline")
        << QStringLiteral("promo_above_byline.txt")
        << QStringList { QStringLiteral("Small bakeries across the lake region"), QStringLiteral("since the autumn.") }
        << QStringList { QStringLiteral("Ada Quinn"), QStringLiteral("podcast app"), QStringLiteral("Ledger Radio"),
               QStringLiteral("By Lena Marsh"), QStringLiteral("Have a tip") };
    QTest::newRow("cookie banner, share buttons and newsletter box dropped")
        << QStringLiteral("share_newsletter_cookie.txt")
        << QStringList { QStringLiteral("The central library in Hillcrest will stay open"),
               QStringLiteral("second floor reading room"), QStringLiteral("Librarian Nora Pekkala said"),
               QStringLiteral("security staff will be on duty until closing time.") }
        << QStringList { QStringLiteral("cookies"), QStringLiteral("Accept all"), QStringLiteral("BUTTON"),
               QStringLiteral("Share this"), QStringLiteral("newsletter"), QStringLiteral("inbox"),
               QStringLiteral("Sign up"), QStringLiteral("IFRAME"), QStringLiteral("Privacy") };
    QTest::newRow("next story of an endless page dropped")
        << QStringLiteral("endless_page.txt")
        << QStringList { QStringLiteral("The city's transport company will add four night bus routes"),
               QStringLiteral("shift workers said"), QStringLiteral("whether the service is worth the cost.") }
        << QStringList { QStringLiteral("Share This Story"), QStringLiteral("More on Transport"),
               QStringLiteral("Cycle lane"), QStringLiteral("Sofia Brandt"), QStringLiteral("cycle network") };
    QTest::newRow("chrome words that are the page's topic do not cut the article")
        << QStringLiteral("topic_words.txt")
        << QStringList { QStringLiteral("We tested nine free password managers"),
               QStringLiteral("Setting it up took us ten minutes"),
               QStringLiteral("Lockbox Local stores your password"), QStringLiteral("turned up in a data breach.") }
        << QStringList { QStringLiteral("Gadget Bench"), QStringLiteral("Rhea Castellan"),
               QStringLiteral("Related stories"), QStringLiteral("best paid password managers"),
               QStringLiteral("Comments") };
    QTest::newRow("a product's description naming chrome (\"most popular\") does not end a list of products")
        << QStringLiteral("product_prices.txt")
        << QStringList { QStringLiteral("A heavy skillet"), QStringLiteral("One of the most popular frothers"),
               QStringLiteral("The board is light enough"), QStringLiteral("when you have finished baking.") }
        << QStringList { QStringLiteral("Sign in"), QStringLiteral("Oskar Feld"), QStringLiteral("Trending"),
               QStringLiteral("Air Fryers") };
    QTest::newRow("a gallery laid out after the article dropped with its counters and captions")
        << QStringLiteral("gallery_after_article.txt")
        << QStringList { QStringLiteral("The Marlow quadruplets, whose birth"),
               QStringLiteral("turned down several offers of a reality show.") }
        << QStringList { QStringLiteral("1 of 4"), QStringLiteral("Birthday picnic"),
               QStringLiteral("rare group photo"), QStringLiteral("matching red jumpers"), QStringLiteral("Share on"),
               QStringLiteral("own timetable") };
    QTest::newRow("a video player inside the article dropped, the article on both sides of it kept")
        << QStringLiteral("video_player_inside.txt")
        << QStringList { QStringLiteral("The actor who voiced the hero"),
               QStringLiteral("The studio that made the series"), QStringLiteral("The decision to recast the hero"),
               QStringLiteral("to tell them so.") }
        << QStringList { QStringLiteral("Watch"), QStringLiteral("Clockwork Levels"), QStringLiteral("Share"),
               QStringLiteral("English"), QStringLiteral("RedditLink"), QStringLiteral("Horror Game"),
               QStringLiteral("10:55AM"), QStringLiteral("comments") };
    QTest::newRow("a donation prompt under the article dropped")
        << QStringLiteral("donation_prompt.txt")
        << QStringList { QStringLiteral("The city's central library"),
               QStringLiteral("will stay open until ten o'clock.") }
        << QStringList { QStringLiteral("Support independent journalism"), QStringLiteral("Our reporters cover"),
               QStringLiteral("as little as"), QStringLiteral("Contribute"), QStringLiteral("swimming pool") };
    QTest::newRow("a donation box under its own label, its prose full of prompts, dropped")
        << QStringLiteral("closing_box.txt")
        << QStringList { QStringLiteral("The harbour ferry will run"), QStringLiteral("late shifts in town.") }
        << QStringList { QStringLiteral("Support Northshore Daily"), QStringLiteral("Local News Needs You"),
               QStringLiteral("we keep every story free"), QStringLiteral("council meetings"),
               QStringLiteral("as little as"), QStringLiteral("Contribute") };
    QTest::newRow("a donation box said twice under the article, and the author's bio with a capitalised job, dropped")
        << QStringLiteral("repeated_donation_box.txt")
        << QStringList { QStringLiteral("The town council agreed on Monday"),
               QStringLiteral("paid by a grant from the regional sports fund.") }
        << QStringList { QStringLiteral("Senior Local Government Reporter"), QStringLiteral("Support Lakeside"),
               QStringLiteral("Our Town Needs You"), QStringLiteral("subscriptions"), QStringLiteral("as little as"),
               QStringLiteral("council meeting") };
    QTest::newRow("a call for tips, then cards of other stories with their authors' names, after the article dropped")
        << QStringLiteral("author_cards.txt")
        << QStringList { QStringLiteral("Volunteers planted forty"), QStringLiteral("first Sunday of each month.") }
        << QStringList { QStringLiteral("Have a tip"), QStringLiteral("More from the Ledger"),
               QStringLiteral("Pear Tree"), QStringLiteral("deep soak"), QStringLiteral("Tomas Reyes"),
               QStringLiteral("Hedge"), QStringLiteral("Ada Lindqvist"), QStringLiteral("Compost") };
    QTest::newRow("affiliate disclosure, stamp ending with a time and sign-up small print dropped")
        << QStringLiteral("disclosure_stamp.txt")
        << QStringList { QStringLiteral("A stand mixer earns"), QStringLiteral("a second batch on busy weekends.") }
        << QStringList { QStringLiteral("commission"), QStringLiteral("PUBLISHED"), QStringLiteral("By submitting"),
               QStringLiteral("Oren Matsuda") };
    QTest::newRow("an image's alt text and its caption with a credit, and a link to another story, dropped")
        << QStringLiteral("alt_caption_credit.txt")
        << QStringList { QStringLiteral("Most orchards had planned"), QStringLiteral("The growers' association said"),
               QStringLiteral("A harder frost would split"), QStringLiteral("Growers on the lower slopes"),
               QStringLiteral("once the last crates have been weighed.") }
        << QStringList { QStringLiteral("Pickers fill crates"), QStringLiteral("Mara Quint"),
               QStringLiteral("Cold air settles first"), QStringLiteral("hide caption"),
               QStringLiteral("toggle caption"), QStringLiteral("Enlarge"), QStringLiteral("Tom Aske"),
               QStringLiteral("Related"), QStringLiteral("Cider makers") };
    QTest::newRow("sentences that end with a colon before code samples keep the article together")
        << QStringLiteral("code_sample.txt")
        << QStringList { QStringLiteral("Before reaching for a statistics library"),
               QStringLiteral("Take a short series of daily sign-up counts"),
               QStringLiteral("The mean alone tells you little"), QStringLiteral("SELECT stddev(n)"),
               QStringLiteral("Any value further than two standard deviations"),
               QStringLiteral("from a scheduled job.") }
        << QStringList { QStringLiteral("Dev Notes"), QStringLiteral("About") };
    QTest::newRow("the dishes of a recipe above the one that scores best kept, up to the byline")
        << QStringLiteral("recipe_sections.txt")
        << QStringList { QStringLiteral("Every December I swap"), QStringLiteral("This one is built on a tin"),
               QStringLiteral("* 2 cans white beans"), QStringLiteral("A bright, sharp dip"),
               QStringLiteral("Stir the herbs"), QStringLiteral("good sauce for baked potatoes or grilled fish.") }
        << QStringList { QStringLiteral("Kitchen Table"), QStringLiteral("Greta Holm"), QStringLiteral("Sign in"),
               QStringLiteral("Published"), QStringLiteral("Related Story"), QStringLiteral("Ten Cheeses") };
    QTest::newRow("closing chrome followed by dated cards of other stories ends the article")
        << QStringLiteral("dated_cards.txt")
        << QStringList { QStringLiteral("A fossil snail found by a schoolteacher"),
               QStringLiteral("with her class on a field trip last spring.") }
        << QStringList { QStringLiteral("Share This Page"), QStringLiteral("Latest News"),
               QStringLiteral("artist's impression"), QStringLiteral("Two moons"), QStringLiteral("barley"),
               QStringLiteral("Feb 2"), QStringLiteral("crystals") };
    QTest::newRow("byline and comment thread dropped")
        << QStringLiteral("comment_thread.txt") << QStringList { QStringLiteral("Recycled aluminium also needs") }
        << QStringList { QStringLiteral("Jo Example"), QStringLiteral("Tag:"), QStringLiteral("84 comments"),
               QStringLiteral("Profile picture"), QStringLiteral("gadgetfan"), QStringLiteral("Rating:"),
               QStringLiteral("glued shut"), QStringLiteral("Reviews") };
}

void PlainTextExtractorTest::keepsAndDropsLines()
{
    QFETCH(QString, file);
    QFETCH(QStringList, kept);
    QFETCH(QStringList, dropped);

    const Extraction extraction = PlainTextExtractor::extract(fixture(file));
    QVERIFY(!extraction.body.isEmpty());
    for (const QString &text : std::as_const(kept)) {
        QVERIFY2(extraction.body.contains(text), qPrintable(text));
    }
    for (const QString &text : std::as_const(dropped)) {
        QVERIFY2(!extraction.body.contains(text), qPrintable(text));
    }
    // Paragraphs are separated by one blank line, without stray spaces around them.
    QVERIFY(!extraction.body.contains(QStringLiteral("\n\n\n")));
    QCOMPARE(extraction.body, extraction.body.trimmed());
}

void PlainTextExtractorTest::unwrapsHardWrappedText()
{
    const QString wrapped = fixture(QStringLiteral("hard_wrapped.txt"));
    const QString unwrapped = TextCleaning::unwrapParagraphs(wrapped);
    QVERIFY(unwrapped.contains(QStringLiteral("which measured more than a hundred glaciers every summer.\n")));
    QVERIFY(unwrapped.contains(QStringLiteral("\n* Ski resorts prepare for shorter seasons\n")));
    QVERIFY(unwrapped.contains(QStringLiteral("\nBy Marta Keller\n")));
    // A heading wider than the wrapped paragraphs does not hide their width.
    const QString memo = TextCleaning::unwrapParagraphs(fixture(QStringLiteral("wrapped_memo.txt")));
    QVERIFY(memo.contains(QStringLiteral("\nThis memo describes how the county archive will lend its digitised parish "
                                         "registers to local history societies, which until now")));
    QVERIFY(memo.contains(QStringLiteral("which parishes were most in demand.\n")));
    // Text whose paragraphs are already lines stays as it is.
    QVERIFY(TextCleaning::unwrapParagraphs(fixture(QStringLiteral("redirect_chrome.txt"))).isEmpty());
    QVERIFY(TextCleaning::unwrapParagraphs(fixture(QStringLiteral("dateline_subheads_sources.txt"))).isEmpty());
}

void PlainTextExtractorTest::findsDatelines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("place");

    const QString context = QStringLiteral("Officials in Geneva and New York said talks in Washington went well.");
    QTest::newRow("caps, plain space, place named again")
        << QStringLiteral("GENEVA Talks resumed on Monday.") << context << QStringLiteral("Geneva");
    QTest::newRow("caps acronym opening a sentence")
        << QStringLiteral("NASA said the launch would slip.") << context << QString();
    QTest::newRow("caps with agency and dash")
        << QStringLiteral("WASHINGTON (Reuters) - The talks went well.") << QString() << QStringLiteral("Washington");
    QTest::newRow("two caps words with a dash")
        << QStringLiteral("NEW YORK — Markets rose on Friday.") << QString() << QStringLiteral("New York");
    QTest::newRow("caps with comma and date")
        << QStringLiteral("BRUSSELS, May 5 (AFP) - Ministers met.") << QString() << QStringLiteral("Brussels");
    QTest::newRow("place fused by a comma")
        << QStringLiteral("Geneva,Switzerland and France agreed to talk.") << QString() << QStringLiteral("Geneva");
    QTest::newRow("capitalised place with agency")
        << QStringLiteral("Nairobi (Meridian) - Talks began.") << QString() << QStringLiteral("Nairobi");
    QTest::newRow("ordinary sentence") << QStringLiteral("The talks resumed on Monday in Geneva.") << context
                                       << QString();
    QTest::newRow("headline in capitals") << QStringLiteral("GENEVA TALKS RESUME") << context << QString();
    QTest::newRow("caps with colon, place named again")
        << QStringLiteral("NEW YORK: Talks resumed on Monday.") << context << QStringLiteral("New York");
    QTest::newRow("caps word opening a sentence")
        << QStringLiteral("GENEVA has long hosted such talks.") << context << QString();
    QTest::newRow("caps acronym and a comma")
        << QStringLiteral("FBI, CIA and NSA officials said on Monday.") << context << QString();
    QTest::newRow("caps, region and dash")
        << QStringLiteral("ST. JOSEPH, Mich. (AP) — Officials said.") << QString() << QStringLiteral("St. Joseph");
    QTest::newRow("capitalised word and a dash")
        << QStringLiteral("Meanwhile, prices rose - the index said.") << QString() << QString();
    QTest::newRow("capitalised place, region, country, agency")
        << QStringLiteral("Pune, Maharashtra, India (Newsflow) – Acme opened a plant.") << QString()
        << QStringLiteral("Pune");
    QTest::newRow("caps label with colon")
        << QStringLiteral("UPDATE: Talks resumed on Monday.") << context << QString();
}

void PlainTextExtractorTest::findsDatelines()
{
    QFETCH(QString, line);
    QFETCH(QString, context);
    QFETCH(QString, place);
    QCOMPARE(TextCleaning::leadingDateline(line, context).place, place);
}

void PlainTextExtractorTest::recognisesDisclosures_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("disclosure");

    QTest::newRow("commission") << QStringLiteral("We may earn a commission from links on this page.") << true;
    QTest::newRow("affiliate links") << QStringLiteral(
        "Our guides sometimes include affiliate links; buying through them costs you nothing extra.")
                                     << true;
    QTest::newRow("paid by partners") << QStringLiteral(
        "Product picks are independent. We may make money when you click on links to our partners.")
                                      << true;
    QTest::newRow("sign-up small print") << QStringLiteral(
        "By submitting your email you agree to our Terms of Use and Privacy Notice.")
                                         << true;
    QTest::newRow("a company's commission is prose")
        << QStringLiteral("The agency could earn a commission on each sale, analysts said.") << false;
    QTest::newRow("a quote about money is prose")
        << QStringLiteral("\"We make money when the harvest is good,\" the farmer said.") << false;
}

void PlainTextExtractorTest::recognisesDisclosures()
{
    QFETCH(QString, line);
    QFETCH(bool, disclosure);
    QCOMPARE(TextCleaning::isDisclosure(line), disclosure);
}

void PlainTextExtractorTest::handlesDegenerateInput_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("blank lines") << QStringLiteral("\n\n   \n\t\n");
    QTest::newRow("one word") << QStringLiteral("Hello");
    QTest::newRow("menu only") << QStringLiteral("* Home\n* News\n* Sport\n* Log in\n");
    QTest::newRow("crlf line ends") << QStringLiteral("Title Of The Story\r\n\r\nA sentence that is long enough to "
                                                      "count as the body of a short article here.\r\n");
}

void PlainTextExtractorTest::handlesDegenerateInput()
{
    QFETCH(QString, text);
    const Extraction extraction = PlainTextExtractor::extract(text);
    QVERIFY(!extraction.body.contains(u'\r'));
    QVERIFY(!extraction.meta.title.contains(u'\r'));
}

void PlainTextExtractorTest::isFastOnLargeInput()
{
    // About 16 MB of page: menus, teasers and article paragraphs over and over.
    const QString chunk = QStringLiteral(
        "* Home\n* World\n* Log in\n\nSome Headline About Things\n\nBy A Writer\n\n"
        "A paragraph of article text that goes on for a while, with enough words to count as prose here.\n\n"
        "Another paragraph, also long enough, mentioning Geneva on 4 March 2025 and other matters of note.\n\n"
        "Rating: 12 Votes\n[image.jpg]\n");
    QString text;
    text.reserve(chunk.size() * 50000);
    for (int i = 0; i < 50000; ++i) {
        text += chunk;
    }
    const Extraction extraction = PlainTextExtractor::extract(text);
    QVERIFY(!extraction.body.isEmpty());
}

QTEST_GUILESS_MAIN(PlainTextExtractorTest)
#include "plaintextextractor_test.moc"
