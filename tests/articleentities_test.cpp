// Entities of whole articles, through the analyzer (reader, cleaner, recognizer, grouping): the
// non-entities a web page is full of never reach the entity list. The articles are our own.
#include "analysis/analyzer.h"

#include <QTest>

using namespace Dossier::Core;

class ArticleEntitiesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsOnlyTheArticlesNames_data();
    void listsOnlyTheArticlesNames();
};

namespace
{

QStringList entitiesOf(const QByteArray &text)
{
    const AnalyzeResult result = Analyzer().analyzeBytes(QStringLiteral("article.txt"), text);
    QStringList out;
    for (const Entity &entity : result.article.entities) {
        if (entity.type != EntityType::Date && entity.type != EntityType::Money) {
            out.append(entityTypeName(entity.type) + u' ' + entity.name);
        }
    }
    return out;
}

} // namespace

void ArticleEntitiesTest::listsOnlyTheArticlesNames_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected"); // all must be listed
    QTest::addColumn<QStringList>("absent"); // names that must not be

    QTest::newRow("headline case is not a name")
        << QByteArray("Harbour Ledger\n"
                      "Port Authority Approves Dredging Plan After Excessive Delays\n"
                      "By Mara Lindqvist\n"
                      "4 March 2026\n"
                      "The Kestrel Bay Port Authority on Wednesday asked the regional council to approve a dredging "
                      "plan that has been delayed for three years.\n"
                      "Excessive silt has closed two berths since January, according to harbour master Tomas "
                      "Reyes.\n"
                      "\"We cannot wait another winter,\" Reyes said.\n")
        << QStringList { QStringLiteral("ORG Kestrel Bay Port Authority"), QStringLiteral("PERSON Tomas Reyes") }
        << QStringList { QStringLiteral("PERSON Approves Dredging Plan"), QStringLiteral("PERSON Delays"),
               QStringLiteral("ORG Approves Dredging Plan"), QStringLiteral("PERSON Excessive Delays") };
    QTest::newRow("dateline fused to the first sentence")
        << QByteArray("Fjord Weekly\n"
                      "Quota talks to resume\n"
                      "12 May 2026\n"
                      "OSLO Norway and Iceland will resume talks on fishing quotas next week, officials said on "
                      "Tuesday.\n"
                      "The talks in Oslo follow a round that ended without agreement in Reykjavik in February, "
                      "when the Icelandic delegation left early.\n"
                      "Fisheries minister Helga Brandt said Norway wanted a deal before the summer season.\n")
        << QStringList { QStringLiteral("LOCATION Norway"), QStringLiteral("LOCATION Iceland") }
        << QStringList { QStringLiteral("ORG OSLO Norway"), QStringLiteral("LOCATION OSLO Norway"),
               QStringLiteral("PERSON OSLO Norway") };
    QTest::newRow("the sentence after a dateline and a dash")
        << QByteArray("Halden Courier\n"
                      "Ferry talks to resume\n"
                      "12 May 2026\n"
                      "HALDEN \xe2\x80\x94 Officials in Halden and Moss expect a joint statement within weeks, Ines "
                      "Okafor told reporters.\n"
                      "The ferry between the two towns has not run since March.\n")
        << QStringList { QStringLiteral("PERSON Ines Okafor") }
        << QStringList { QStringLiteral("PERSON Officials"), QStringLiteral("ORG Officials") };
}

void ArticleEntitiesTest::listsOnlyTheArticlesNames()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    const QStringList found = entitiesOf(text);
    for (const QString &want : std::as_const(expected)) {
        QVERIFY2(found.contains(want), qPrintable(want + QStringLiteral(" not in ") + found.join(u'|')));
    }
    for (const QString &unwanted : std::as_const(absent)) {
        QVERIFY2(!found.contains(unwanted), qPrintable(unwanted + QStringLiteral(" in ") + found.join(u'|')));
    }
}

QTEST_GUILESS_MAIN(ArticleEntitiesTest)
#include "articleentities_test.moc"
