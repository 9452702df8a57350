#include "export/citations.h"
#include "export/evidencepack.h"
#include "export/exporters.h"
#include "store/library.h"
#include "testarticles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<Dossier::Core::CitationName>)

class CitationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesFromBylines_data();
    void namesFromBylines();
    void keysNameAuthorYearAndTitle();
    void cslJsonItems();
    void risRecords();
    void bibTexEscapesLatexAndKeepsBracesBalanced();
    void articleWithoutOutletIsGeneric();
    void accessedDateComesFromTheLibrary();
    void writesEachCitationFormat_data();
    void writesEachCitationFormat();
};

namespace
{

// 2026-03-15 09:30 UTC, when the library took the files in.
constexpr qint64 importedMs = 1773567000000;

PackArticle packArticle(qint64 id, const QString &title, const QString &author, const QString &source,
    const QString &date, const QStringList &tags = {})
{
    PackArticle item;
    item.article.id = id;
    item.article.path = QStringLiteral("/articles/%1.txt").arg(id);
    item.article.meta.title = title;
    item.article.meta.author = author;
    item.article.meta.source = source;
    item.article.meta.date = date;
    item.article.importedAt = importedMs;
    item.tags = tags;
    return item;
}

EvidencePack harbourPack()
{
    EvidencePack pack;
    pack.title = QStringLiteral("Harbour");
    PackArticle dredging = packArticle(1, QStringLiteral("The Harbour Board Approves Dredging"),
        QStringLiteral("By Ana Ruiz and Tom Lee"), QStringLiteral("Coastal Courier"), QStringLiteral("2026-03-14"),
        { QStringLiteral("Port"), QStringLiteral("Budget") });
    dredging.article.meta.url = QStringLiteral("https://courier.example/harbour/dredging?id=7");
    dredging.article.meta.language = QStringLiteral("en");
    dredging.article.meta.dateline = QStringLiteral("Halden");
    pack.articles.append(dredging);
    pack.articles.append(packArticle(2, QStringLiteral("Harbour fees rise"), QStringLiteral("Ana Ruiz"),
        QStringLiteral("Coastal Courier"), QStringLiteral("2026-03-02T08:00:00Z")));
    return pack;
}

QStringList lines(const QByteArray &ris)
{
    return QString::fromUtf8(ris).split(QStringLiteral("\r\n"));
}

} // namespace

void CitationsTest::namesFromBylines_data()
{
    QTest::addColumn<QString>("byline");
    QTest::addColumn<QList<CitationName>>("names");
    QTest::newRow("one person") << QStringLiteral("Ana Ruiz") << QList<CitationName> { { u"Ruiz"_s, u"Ana"_s, {} } };
    QTest::newRow("'By', two people") << QStringLiteral(
        "By Ana Ruiz and Tom Lee") << QList<CitationName> { { u"Ruiz"_s, u"Ana"_s, {} }, { u"Lee"_s, u"Tom"_s, {} } };
    QTest::newRow("three, commas and ampersand")
        << QStringLiteral("Ana Ruiz, Tom Lee & Mia Park")
        << QList<CitationName> { { u"Ruiz"_s, u"Ana"_s, {} }, { u"Lee"_s, u"Tom"_s, {} }, { u"Park"_s, u"Mia"_s, {} } };
    QTest::newRow("an outlet beside a person is left out")
        << QStringLiteral("Ana Ruiz, Reuters") << QList<CitationName> { { u"Ruiz"_s, u"Ana"_s, {} } };
    QTest::newRow("a role beside a person is left out")
        << QStringLiteral("Tom Lee, political correspondent") << QList<CitationName> { { u"Lee"_s, u"Tom"_s, {} } };
    QTest::newRow("an outlet alone is the author")
        << QStringLiteral("Reuters") << QList<CitationName> { { {}, {}, u"Reuters"_s } };
    QTest::newRow("particles stay with the family name")
        << QStringLiteral("Karin van der Berg") << QList<CitationName> { { u"van der Berg"_s, u"Karin"_s, {} } };
    QTest::newRow("a middle name is given")
        << QStringLiteral("Maria Luisa Ortega") << QList<CitationName> { { u"Ortega"_s, u"Maria Luisa"_s, {} } };
    QTest::newRow("a suffix stays with the family name") << QStringLiteral(
        "Martin Luther King Jr.") << QList<CitationName> { { u"King Jr."_s, u"Martin Luther"_s, {} } };
    QTest::newRow("family first") << QStringLiteral("Ruiz, Ana") << QList<CitationName> { { u"Ruiz"_s, u"Ana"_s, {} } };
    QTest::newRow("nothing") << QStringLiteral("  ") << QList<CitationName>();
}

void CitationsTest::namesFromBylines()
{
    QFETCH(QString, byline);
    QFETCH(QList<CitationName>, names);
    const QList<CitationName> found = citationNames(byline);
    QCOMPARE(found.size(), names.size());
    for (qsizetype i = 0; i < names.size(); ++i) {
        QCOMPARE(found[i].family, names[i].family);
        QCOMPARE(found[i].given, names[i].given);
        QCOMPARE(found[i].literal, names[i].literal);
    }
}

void CitationsTest::keysNameAuthorYearAndTitle()
{
    EvidencePack pack = harbourPack();
    // Same author, year and first title word ("The" is skipped) as the first two: the keys get letters.
    pack.articles.append(packArticle(3, QStringLiteral("Harbour board meets"), QStringLiteral("Ana Ruiz"),
        QStringLiteral("Coastal Courier"), QStringLiteral("2026-01-05")));
    // No author: the outlet's first word; accents folded to ASCII.
    pack.articles.append(packArticle(
        4, QStringLiteral("Éclairage du port"), QString(), QStringLiteral("Le Quotidien"), QStringLiteral("2025")));
    // Nothing to build a key from.
    pack.articles.append(packArticle(5, QString(), QString(), QString(), QString()));
    // As author-year styles write them: Ruiz 2026a, 2026b, 2026c.
    QCOMPARE(citationKeys(pack),
        QStringList({ QStringLiteral("ruiz2026harboura"), QStringLiteral("ruiz2026harbourb"),
            QStringLiteral("ruiz2026harbourc"), QStringLiteral("le2025eclairage"), QStringLiteral("article5") }));
}

void CitationsTest::cslJsonItems()
{
    const QJsonDocument json = QJsonDocument::fromJson(toCslJson(harbourPack()));
    QVERIFY(json.isArray());
    const QJsonArray items = json.array();
    QCOMPARE(items.size(), 2);
    const QJsonObject first = items[0].toObject();
    QCOMPARE(first[u"id"].toString(), QStringLiteral("ruiz2026harboura"));
    QCOMPARE(first[u"type"].toString(), QStringLiteral("article-newspaper"));
    QCOMPARE(first[u"title"].toString(), QStringLiteral("The Harbour Board Approves Dredging"));
    QCOMPARE(first[u"container-title"].toString(), QStringLiteral("Coastal Courier"));
    const QJsonArray authors = first[u"author"].toArray();
    QCOMPARE(authors.size(), 2);
    QCOMPARE(authors[0].toObject()[u"family"].toString(), QStringLiteral("Ruiz"));
    QCOMPARE(authors[0].toObject()[u"given"].toString(), QStringLiteral("Ana"));
    QCOMPARE(authors[1].toObject()[u"family"].toString(), QStringLiteral("Lee"));
    QCOMPARE(first[u"issued"].toObject()[u"date-parts"].toArray(), QJsonArray({ QJsonArray({ 2026, 3, 14 }) }));
    QCOMPARE(first[u"accessed"].toObject()[u"date-parts"].toArray(), QJsonArray({ QJsonArray({ 2026, 3, 15 }) }));
    QCOMPARE(first[u"URL"].toString(), QStringLiteral("https://courier.example/harbour/dredging?id=7"));
    QCOMPARE(first[u"language"].toString(), QStringLiteral("en"));
    QCOMPARE(first[u"keyword"].toString(), QStringLiteral("Port, Budget"));
    // A full date-time gives its day; what is not known is left out, not written empty.
    const QJsonObject second = items[1].toObject();
    QCOMPARE(second[u"issued"].toObject()[u"date-parts"].toArray(), QJsonArray({ QJsonArray({ 2026, 3, 2 }) }));
    QVERIFY(!second.contains(u"URL"));
    QVERIFY(!second.contains(u"keyword"));
}

void CitationsTest::risRecords()
{
    const QStringList out = lines(toRis(harbourPack()));
    const QStringList expected {
        QStringLiteral("TY  - NEWS"),
        QStringLiteral("ID  - ruiz2026harboura"),
        QStringLiteral("TI  - The Harbour Board Approves Dredging"),
        QStringLiteral("AU  - Ruiz, Ana"),
        QStringLiteral("AU  - Lee, Tom"),
        QStringLiteral("T2  - Coastal Courier"),
        QStringLiteral("PY  - 2026"),
        QStringLiteral("DA  - 2026/03/14/"),
        QStringLiteral("UR  - https://courier.example/harbour/dredging?id=7"),
        QStringLiteral("Y2  - 2026/03/15/"),
        QStringLiteral("LA  - en"),
        QStringLiteral("CY  - Halden"),
        QStringLiteral("KW  - Port"),
        QStringLiteral("KW  - Budget"),
        QStringLiteral("ER  - "),
        QString(),
        QStringLiteral("TY  - NEWS"),
        QStringLiteral("ID  - ruiz2026harbourb"),
        QStringLiteral("TI  - Harbour fees rise"),
        QStringLiteral("AU  - Ruiz, Ana"),
        QStringLiteral("T2  - Coastal Courier"),
        QStringLiteral("PY  - 2026"),
        QStringLiteral("DA  - 2026/03/02/"),
        QStringLiteral("Y2  - 2026/03/15/"),
        QStringLiteral("ER  - "),
        QString(),
    };
    QCOMPARE(out, expected);
}

void CitationsTest::bibTexEscapesLatexAndKeepsBracesBalanced()
{
    EvidencePack pack;
    PackArticle item = packArticle(9, QStringLiteral("Fees up 5% at R&D {port} #1_a"), QStringLiteral("Ana Ruiz"),
        QStringLiteral("Docks & Co"), QStringLiteral("2026-03-14"));
    item.article.meta.url = QStringLiteral("https://example.org/a{b}?q=50%");
    pack.articles.append(item);
    const QString bib = QString::fromUtf8(toBibTex(pack));
    QVERIFY2(bib.startsWith(QLatin1String("@article{ruiz2026fees,\n")), qPrintable(bib));
    QVERIFY2(bib.contains(QLatin1String("title = {{Fees up 5\\% at R\\&D \\{port\\} \\#1\\_a}}")), qPrintable(bib));
    QVERIFY2(bib.contains(QLatin1String("author = {Ruiz, Ana}")), qPrintable(bib));
    QVERIFY2(bib.contains(QLatin1String("journal = {Docks \\& Co}")), qPrintable(bib));
    QVERIFY2(bib.contains(QLatin1String("date = {2026-03-14}")), qPrintable(bib));
    QVERIFY2(bib.contains(QLatin1String("url = {https://example.org/a%7Bb%7D?q=50%}")), qPrintable(bib));
    QVERIFY2(bib.contains(QLatin1String("urldate = {2026-03-15}")), qPrintable(bib));
    QVERIFY(bib.endsWith(QLatin1String("\n}\n")));
    // Unescaped braces balance, so a BibTeX reader finds where each value ends.
    int depth = 0;
    for (qsizetype i = 0; i < bib.size(); ++i) {
        if (bib[i] == u'\\') {
            ++i;
            continue;
        }
        depth += bib[i] == u'{' ? 1 : bib[i] == u'}' ? -1 : 0;
        QVERIFY(depth >= 0);
    }
    QCOMPARE(depth, 0);
}

void CitationsTest::articleWithoutOutletIsGeneric()
{
    EvidencePack pack;
    pack.articles.append(
        packArticle(4, QStringLiteral("Field notes"), QStringLiteral("Reuters"), QString(), QString()));
    QVERIFY(QString::fromUtf8(toBibTex(pack)).startsWith(QLatin1String("@misc{reutersfield,")));
    QVERIFY(QString::fromUtf8(toRis(pack)).startsWith(QLatin1String("TY  - GEN\r\n")));
    const QJsonObject item = QJsonDocument::fromJson(toCslJson(pack)).array().first().toObject();
    QCOMPARE(item[u"type"].toString(), QStringLiteral("article"));
    QCOMPARE(item[u"author"].toArray().first().toObject()[u"literal"].toString(), QStringLiteral("Reuters"));
    QVERIFY(!item.contains(u"issued"));
}

void CitationsTest::accessedDateComesFromTheLibrary()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Library library(dir.filePath(QStringLiteral("cite.dossier")));
    QVERIFY(library.open());
    Article article = Dossier::Test::makeArticle(QStringLiteral("quay"), QStringLiteral("The quay reopened."));
    article.meta.title = QStringLiteral("Quay reopens");
    article.meta.source = QStringLiteral("Coastal Courier");
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(library.articles().store(article));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QString error;
    const auto pack = collectEvidence(library, {}, &error);
    QVERIFY2(pack, qPrintable(error));
    QCOMPARE(pack->articles.size(), 1);
    const qint64 imported = pack->articles.first().article.importedAt;
    QVERIFY(imported >= before && imported <= after);
    const QDate day = QDateTime::fromMSecsSinceEpoch(imported, QTimeZone::UTC).date();
    const QJsonObject item = QJsonDocument::fromJson(toCslJson(*pack)).array().first().toObject();
    QCOMPARE(item[u"accessed"].toObject()[u"date-parts"].toArray(),
        QJsonArray({ QJsonArray({ day.year(), day.month(), day.day() }) }));
}

void CitationsTest::writesEachCitationFormat_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("start");
    QTest::newRow("csl-json") << QStringLiteral("csl-json") << QStringLiteral("json") << QByteArray("[");
    QTest::newRow("ris") << QStringLiteral("ris") << QStringLiteral("ris") << QByteArray("TY  - NEWS\r\n");
    QTest::newRow("bibtex") << QStringLiteral("bibtex") << QStringLiteral("bib") << QByteArray("@article{");
}

void CitationsTest::writesEachCitationFormat()
{
    QFETCH(QString, name);
    QFETCH(QString, suffix);
    QFETCH(QByteArray, start);
    const auto format = exportFormatFromName(name);
    QVERIFY(format);
    QVERIFY(isCitationFormat(*format));
    QCOMPARE(exportFormatName(*format), name);
    QCOMPARE(exportSuffix(*format), suffix);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("cites.") + suffix);
    QString error;
    QVERIFY2(writePack(harbourPack(), *format, out, &error), qPrintable(error));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith(start));
}

QTEST_GUILESS_MAIN(CitationsTest)
#include "citations_test.moc"
