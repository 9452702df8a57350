// Html::richTextBody(): the article as a web framework's page state holds it, in the shapes rich-text editors
// and renderers write.

#include "formats/htmlpagedata.h"

#include <QTest>

using namespace Dossier::Core;
using namespace Qt::StringLiterals;

class HtmlPageDataTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheLongestDocument_data();
    void readsTheLongestDocument();
    void deepNestingEndsTheWalk();
};

void HtmlPageDataTest::readsTheLongestDocument_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("paragraphs of text and link nodes, with other blocks between them")
        << QByteArray(R"({"props":{"story":{"body":{"type":"document","content":[
            {"type":"paragraph","content":[{"type":"text","value":"The ferry runs again "},
              {"type":"link","data":{"href":"https://example.org/a"},"content":[{"type":"text","value":"from June"}]},
              {"type":"text","value":"."}]},
            {"type":"inline-recirc","data":{"key":"more"},"content":[]},
            {"type":"heading","data":{"level":2},"content":[{"type":"text","value":"Timetable"}]},
            {"type":"paragraph","content":[{"type":"text","value":"Twice a day."}]}]}}}})")
        << u"The ferry runs again from June.\n\nTimetable\n\nTwice a day."_s;
    QTest::newRow("nodeType and value, as a headless CMS writes them")
        << QByteArray(R"({"entry":{"body":{"nodeType":"document","content":[
            {"nodeType":"paragraph","data":{},"content":[{"nodeType":"text","value":"Fog closed the airport.","marks":[]}]},
            {"nodeType":"paragraph","data":{},"content":[{"nodeType":"text","value":"Flights resumed at noon.","marks":[]}]}]}}})")
        << u"Fog closed the airport.\n\nFlights resumed at noon."_s;
    QTest::newRow("rendered elements: type p, children in props, markup in the text")
        << QByteArray(R"({"widgets":[{"type":"p","props":{"children":["The council ",
            {"type":"a","props":{"href":"/x","children":"voted"}}," on Monday."]}},
            {"type":"p","props":{"children":"Nobody objected &amp; the <b>plan</b> passed."}}]})")
        << u"The council voted on Monday.\n\nNobody objected & the plan passed."_s;
    QTest::newRow("blocks of spans") << QByteArray(
        R"({"post":{"body":[{"_type":"block","children":[{"_type":"span","text":"Snow fell."}]},
            {"_type":"image","asset":{"url":"/i.jpg"}},
            {"_type":"block","children":[{"_type":"span","text":"Schools shut."}]}]}})")
                                     << u"Snow fell.\n\nSchools shut."_s;
    QTest::newRow("the longest of two documents: the article, not a teaser's")
        << QByteArray(R"({"teaser":[{"type":"paragraph","text":"Short."}],
            "article":[{"type":"paragraph","text":"The first paragraph of the article."},
                       {"type":"paragraph","text":"The second one."}]})")
        << u"The first paragraph of the article.\n\nThe second one."_s;
    QTest::newRow("no paragraph nodes") << QByteArray(R"({"config":{"type":"page","items":["a","b"]}})") << QString();
    QTest::newRow("not JSON") << QByteArray("window.__STATE__ = {\"a\": 1};") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void HtmlPageDataTest::readsTheLongestDocument()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QCOMPARE(Html::richTextBody(json), expected);
}

void HtmlPageDataTest::deepNestingEndsTheWalk()
{
    // Arrays nested 1,000 deep, a paragraph at the bottom: no stack overflow, and
    // nothing read from beyond the walk's depth.
    constexpr int depth = 1000;
    QByteArray json = QByteArray(depth, '[') + R"({"type":"paragraph","text":"Deep."})" + QByteArray(depth, ']');
    QCOMPARE(Html::richTextBody(json), QString());
    json = QByteArray(10, '[') + R"({"type":"paragraph","text":"Shallow."})" + QByteArray(10, ']');
    QCOMPARE(Html::richTextBody(json), u"Shallow."_s);
}

QTEST_GUILESS_MAIN(HtmlPageDataTest)
#include "htmlpagedata_test.moc"
