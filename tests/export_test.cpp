#include "export/evidencepack.h"
#include "export/exporters.h"
#include "store/library.h"
#include "testarticles.h"
#include "translations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;

class ExportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void selects_data();
    void selects();
    void unknownPassageIsAnError();
    void markdownHoldsPassagesAndProvenance();
    void jsonLdIsWebAnnotation();
    void pdfTextHoldsEverythingInOrder();
    void pdfFullTextAndOrphans();
    void writeFailureLeavesNothing();
    void pageLabels_data();
    void pageLabels();
    void pagedPassagesSayTheirPage();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    qint64 m_ferry = -1;
    qint64 m_bridge = -1;
    qint64 m_quiet = -1;
};

namespace
{

Article article(const QString &name, const QString &title, const QString &date, const QString &body)
{
    Article a = Dossier::Test::makeArticle(name, body);
    a.meta.title = title;
    a.meta.date = date;
    a.meta.source = QStringLiteral("Coastal Courier");
    a.sha256 = QByteArray("sha-") + name.toLatin1();
    return a;
}

qint64 store(Library &library, const Article &a)
{
    qint64 id = -1;
    library.articles().store(a, &id);
    return id;
}

void annotate(Library &library, qint64 id, const QString &body, const QString &quote, const QStringList &tags,
    const QString &note)
{
    const qsizetype at = body.indexOf(quote);
    QVERIFY(at >= 0);
    QVERIFY2(library.annotations().annotate(id, at, at + quote.size(), tags, note), qPrintable(library.errorString()));
}

const QString ferryBody = QStringLiteral(
    "The ferry operator cancelled the night crossing after a fire in the engine room. No one was hurt, the operator "
    "said. Inspectors will board the vessel on Monday.\n\nThe crossing carries about 900 passengers a day.");
const QString bridgeBody = QStringLiteral(
    "Engineers closed the old bridge to lorries while they test its cables. Cars may still cross. The council "
    "expects the tests to take three weeks.");
const QString quietBody = QStringLiteral("Nothing of note happened at the lighthouse this week.");

QString pdfText(const QString &pdf)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).simplified();
}

} // namespace

void ExportTest::initTestCase()
{
    // As the window and dossier-cli do: the counts on the cover are words of the catalogue.
    QVERIFY(Dossier::Core::installTranslator(QLocale(QLocale::English)));
}

void ExportTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<Library>(path(QStringLiteral("export.dossier")));
    QVERIFY(m_library->open());
    m_ferry = store(*m_library,
        article(QStringLiteral("ferry"), QStringLiteral("Fire halts night ferry"), QStringLiteral("2026-05-02"),
            ferryBody));
    m_bridge = store(*m_library,
        article(QStringLiteral("bridge"), QStringLiteral("Old bridge shut to lorries"), QStringLiteral("2026-04-20"),
            bridgeBody));
    m_quiet = store(*m_library,
        article(QStringLiteral("quiet"), QStringLiteral("A quiet week"), QStringLiteral("2026-04-01"), quietBody));
    annotate(*m_library, m_ferry, ferryBody, QStringLiteral("a fire in the engine room"), { QStringLiteral("Safety") },
        QStringLiteral("cause not yet known"));
    annotate(*m_library, m_ferry, ferryBody, QStringLiteral("about 900 passengers a day"), { QStringLiteral("Scale") },
        QString());
    annotate(*m_library, m_bridge, bridgeBody, QStringLiteral("test its cables"),
        { QStringLiteral("Safety"), QStringLiteral("Infrastructure") }, QStringLiteral("ask for the report"));
    QVERIFY(m_library->tags().tagArticle(m_quiet, { QStringLiteral("Background") }));
}

void ExportTest::selects_data()
{
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<bool>("ferryDoc");
    QTest::addColumn<QStringList>("titles"); // by date
    QTest::addColumn<QStringList>("quotes"); // in pack order
    QTest::newRow("nothing chosen: the whole library")
        << QStringList() << false
        << QStringList { QStringLiteral("A quiet week"), QStringLiteral("Old bridge shut to lorries"),
               QStringLiteral("Fire halts night ferry") }
        << QStringList { QStringLiteral("test its cables"), QStringLiteral("a fire in the engine room"),
               QStringLiteral("about 900 passengers a day") };
    QTest::newRow("a passage tag") << QStringList { QStringLiteral("safety") } << false
                                   << QStringList { QStringLiteral("Old bridge shut to lorries"),
                                          QStringLiteral("Fire halts night ferry") }
                                   << QStringList { QStringLiteral("test its cables"),
                                          QStringLiteral("a fire in the engine room") };
    QTest::newRow("a document tag: the article, no passages")
        << QStringList { QStringLiteral("Background") } << false << QStringList { QStringLiteral("A quiet week") }
        << QStringList();
    QTest::newRow("a document: all its passages")
        << QStringList() << true << QStringList { QStringLiteral("Fire halts night ferry") }
        << QStringList { QStringLiteral("a fire in the engine room"), QStringLiteral("about 900 passengers a day") };
}

void ExportTest::selects()
{
    QFETCH(QStringList, tags);
    QFETCH(bool, ferryDoc);
    QFETCH(QStringList, titles);
    QFETCH(QStringList, quotes);
    ExportSelection selection;
    selection.tags = tags;
    if (ferryDoc) {
        selection.articles = { m_ferry };
    }
    QString error;
    const auto pack = collectEvidence(*m_library, selection, &error);
    QVERIFY2(pack, qPrintable(error));
    QStringList gotTitles;
    QStringList gotQuotes;
    for (const PackArticle &item : pack->articles) {
        gotTitles.append(item.article.meta.title);
        for (const Annotation &a : item.annotations) {
            gotQuotes.append(a.anchor.exact);
        }
    }
    QCOMPARE(gotTitles, titles);
    QCOMPARE(gotQuotes, quotes);
    QCOMPARE(pack->passageCount(), quotes.size());
}

void ExportTest::unknownPassageIsAnError()
{
    ExportSelection selection;
    selection.annotations = { 4242 };
    QString error;
    QVERIFY(!collectEvidence(*m_library, selection, &error));
    QVERIFY(error.contains(QLatin1String("4242")));
}

void ExportTest::markdownHoldsPassagesAndProvenance()
{
    QString error;
    const auto pack = collectEvidence(*m_library, {}, &error);
    QVERIFY(pack);
    const QString md = toMarkdown(*pack);
    QVERIFY(md.startsWith(QLatin1String("# Dossier evidence pack")));
    QVERIFY(md.contains(QLatin1String("## 3. Fire halts night ferry")));
    QVERIFY(md.contains(QLatin1String("> a fire in the engine room")));
    QVERIFY(md.contains(QLatin1String("- **Note:** cause not yet known")));
    QVERIFY(md.contains(QLatin1String("- **Tags:** Safety, Infrastructure")));
    // Who made each passage (schema 12): the fixtures are the local user's.
    QVERIFY(md.contains(QStringLiteral("- **By:** ") + localAuthor()));
    QVERIFY(md.contains(QLatin1String("SHA-256 sha-ferry")));
    QVERIFY(md.indexOf(QLatin1String("Old bridge")) < md.indexOf(QLatin1String("Fire halts night ferry\n")));
}

void ExportTest::jsonLdIsWebAnnotation()
{
    QString error;
    const auto pack = collectEvidence(*m_library, {}, &error);
    QVERIFY(pack);
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(toJsonLd(*pack), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonObject collection = json.object();
    QCOMPARE(
        collection.value(QLatin1String("@context")).toString(), QStringLiteral("http://www.w3.org/ns/anno.jsonld"));
    QCOMPARE(collection.value(QLatin1String("type")).toString(), QStringLiteral("AnnotationCollection"));
    const QJsonArray items
        = collection.value(QLatin1String("first")).toObject().value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(collection.value(QLatin1String("total")).toInt(), 3);
    QStringList exacts;
    for (const QJsonValue &item : items) {
        const QJsonObject annotation = item.toObject();
        QCOMPARE(annotation.value(QLatin1String("type")).toString(), QStringLiteral("Annotation"));
        const QJsonObject target = annotation.value(QLatin1String("target")).toObject();
        QVERIFY(target.value(QLatin1String("source")).toString().startsWith(QLatin1String("file:///corpus/")));
        const QJsonArray selectors = target.value(QLatin1String("selector")).toArray();
        QCOMPARE(selectors.size(), 2);
        const QJsonObject quote = selectors.at(0).toObject();
        const QJsonObject position = selectors.at(1).toObject();
        QCOMPARE(quote.value(QLatin1String("type")).toString(), QStringLiteral("TextQuoteSelector"));
        QCOMPARE(position.value(QLatin1String("type")).toString(), QStringLiteral("TextPositionSelector"));
        const QString exact = quote.value(QLatin1String("exact")).toString();
        exacts.append(exact);
        const QString body = exact == u"test its cables" ? bridgeBody : ferryBody;
        QCOMPARE(body.mid(position.value(QLatin1String("start")).toInt(),
                     position.value(QLatin1String("end")).toInt() - position.value(QLatin1String("start")).toInt()),
            exact);
    }
    QCOMPARE(exacts,
        (QStringList { QStringLiteral("test its cables"), QStringLiteral("a fire in the engine room"),
            QStringLiteral("about 900 passengers a day") }));
    const QJsonArray body = items.at(0).toObject().value(QLatin1String("body")).toArray();
    QCOMPARE(body.size(), 3); // the note and two tags
    QCOMPARE(body.at(0).toObject().value(QLatin1String("purpose")).toString(), QStringLiteral("commenting"));
    QCOMPARE(body.at(0).toObject().value(QLatin1String("value")).toString(), QStringLiteral("ask for the report"));
    QCOMPARE(items.at(0).toObject().value(u"creator").toObject().value(u"nickname").toString(), localAuthor());
    QCOMPARE(body.at(1).toObject().value(QLatin1String("purpose")).toString(), QStringLiteral("tagging"));
    QCOMPARE(body.at(2).toObject().value(QLatin1String("value")).toString(), QStringLiteral("Infrastructure"));
}

void ExportTest::pdfTextHoldsEverythingInOrder()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
        QSKIP("pdftotext (poppler-utils) is not installed");
    }
    ExportSelection selection;
    selection.tags = { QStringLiteral("Safety") };
    QString error;
    const auto pack = collectEvidence(*m_library, selection, &error);
    QVERIFY(pack);
    const QString pdf = path(QStringLiteral("pack.pdf"));
    QVERIFY2(writePack(*pack, ExportFormat::Pdf, pdf, &error), qPrintable(error));
    const QString text = pdfText(pdf);
    QVERIFY(!text.isEmpty());
    // Cover, then per article (by date): title, source, date, each quote, its tags, its note.
    const QStringList expected {
        QStringLiteral("Dossier evidence pack"),
        QStringLiteral("Selection: tags Safety"),
        QStringLiteral("2 articles, 2 passages"),
        QStringLiteral("Contents"),
        QStringLiteral("Old bridge shut to lorries"),
        QStringLiteral("Coastal Courier"),
        QStringLiteral("2026-04-20"),
        QStringLiteral("test its cables"),
        QStringLiteral("Safety, Infrastructure"),
        QStringLiteral("ask for the report"),
        QStringLiteral("By: ") + localAuthor(),
        QStringLiteral("SHA-256 sha-bridge"),
        QStringLiteral("Fire halts night ferry"),
        QStringLiteral("Coastal Courier"),
        QStringLiteral("2026-05-02"),
        QStringLiteral("a fire in the engine room"),
        QStringLiteral("Safety"),
        QStringLiteral("cause not yet known"),
    };
    // Skip the contents page's copy of the titles: look for the article headings after "Contents".
    qsizetype at = 0;
    for (const QString &piece : expected) {
        const qsizetype found = text.indexOf(piece, at);
        QVERIFY2(
            found >= 0, qPrintable(QStringLiteral("'%1' missing after offset %2 in: %3").arg(piece).arg(at).arg(text)));
        at = found + piece.size();
        if (piece == u"Contents") {
            at = text.indexOf(
                QLatin1String("1. Old bridge shut to lorries"), text.indexOf(QLatin1String("2. Fire"), at));
            QVERIFY(at >= 0);
        }
    }
    QVERIFY(!text.contains(QLatin1String("about 900 passengers"))); // not selected
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\b1 ?/ ?[0-9]+\\b")))); // page numbers
}

void ExportTest::pdfFullTextAndOrphans()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
        QSKIP("pdftotext (poppler-utils) is not installed");
    }
    QVERIFY(m_library->articles().remove(m_bridge)); // its passage is orphaned, and still exported
    ExportSelection selection;
    selection.fullText = true;
    QString error;
    const auto pack = collectEvidence(*m_library, selection, &error);
    QVERIFY(pack);
    QCOMPARE(pack->orphaned.size(), 1);
    const QString pdf = path(QStringLiteral("full.pdf"));
    QVERIFY(writePack(*pack, ExportFormat::Pdf, pdf, &error));
    const QString text = pdfText(pdf);
    QVERIFY(text.contains(QLatin1String("Inspectors will board the vessel on Monday.")));
    QVERIFY(text.contains(QLatin1String("Nothing of note happened at the lighthouse")));
    QVERIFY(text.contains(QLatin1String("Passages no longer in their article")));
    QVERIFY(text.indexOf(QLatin1String("test its cables"))
        > text.indexOf(QLatin1String("Passages no longer in their article")));
}

void ExportTest::writeFailureLeavesNothing()
{
    QString error;
    const auto pack = collectEvidence(*m_library, {}, &error);
    QVERIFY(pack);
    const QString target = path(QStringLiteral("no-such-folder/pack.md"));
    QVERIFY(!writePack(*pack, ExportFormat::Markdown, target, &error));
    QVERIFY(error.contains(QLatin1String("cannot write")));
    // Cancelling a PDF half-way leaves no file behind.
    const QString pdf = path(QStringLiteral("cancelled.pdf"));
    QVERIFY(!writePack(*pack, ExportFormat::Pdf, pdf, &error, [](int done, int) { return done < 1; }));
    QVERIFY(error.contains(QLatin1String("cancelled")));
    QVERIFY(!QFile::exists(pdf));
}

void ExportTest::pageLabels_data()
{
    QTest::addColumn<QList<qsizetype>>("pageStarts");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("end");
    QTest::addColumn<QString>("label");
    const QList<qsizetype> three { 0, 40, 90 };
    QTest::newRow("no pages") << QList<qsizetype>() << 5 << 10 << QString();
    QTest::newRow("first page") << three << 5 << 10 << QStringLiteral("p. 1");
    QTest::newRow("at a page's first character") << three << 40 << 45 << QStringLiteral("p. 2");
    QTest::newRow("ending where the next page begins") << three << 30 << 40 << QStringLiteral("p. 1");
    QTest::newRow("across pages") << three << 30 << 95 << QStringLiteral("pp. 1–3");
    QTest::newRow("last page") << three << 120 << 130 << QStringLiteral("p. 3");
}

void ExportTest::pageLabels()
{
    QFETCH(QList<qsizetype>, pageStarts);
    QFETCH(int, start);
    QFETCH(int, end);
    QFETCH(QString, label);
    Article article;
    article.pageStarts = pageStarts;
    QCOMPARE(article.pageLabel(start, end), label);
}

void ExportTest::pagedPassagesSayTheirPage()
{
    // A report of three pages, as the PDF reader gives it: the pages are kept with the texts.
    const QString body = QStringLiteral(
        "Page one reports the dredging plan.\n\nPage two names the contractor, Nordvik Marine.\n\nPage three "
        "lists the costs.");
    Article report
        = article(QStringLiteral("report"), QStringLiteral("Harbour report"), QStringLiteral("2026-06-01"), body);
    report.format = QStringLiteral("pdf");
    report.pageStarts = { 0, body.indexOf(QLatin1String("Page two")), body.indexOf(QLatin1String("Page three")) };
    const qint64 id = store(*m_library, report);
    QCOMPARE(m_library->articles().get(id)->pageStarts, report.pageStarts);
    annotate(*m_library, id, body, QStringLiteral("Nordvik Marine"), { QStringLiteral("Contractors") }, QString());
    ExportSelection selection;
    selection.articles = { id };
    QString error;
    const auto pack = collectEvidence(*m_library, selection, &error);
    QVERIFY2(pack, qPrintable(error));
    QVERIFY2(toMarkdown(*pack).contains(QStringLiteral("/corpus/report.txt · p. 2 · SHA-256")),
        qPrintable(toMarkdown(*pack)));
    const QJsonArray items = QJsonDocument::fromJson(toJsonLd(*pack)).object()[u"first"].toObject()[u"items"].toArray();
    QCOMPARE(items.size(), 1);
    const QJsonArray selectors = items[0].toObject()[u"target"].toObject()[u"selector"].toArray();
    QCOMPARE(selectors.last().toObject()[u"type"].toString(), QStringLiteral("FragmentSelector"));
    QCOMPARE(selectors.last().toObject()[u"value"].toString(), QStringLiteral("page=2"));
    const QString pdf = path(QStringLiteral("paged.pdf"));
    QVERIFY2(writePack(*pack, ExportFormat::Pdf, pdf, &error), qPrintable(error));
    QVERIFY(pdfText(pdf).contains(QStringLiteral("p. 2 · SHA-256")));
}

QTEST_MAIN(ExportTest)
#include "export_test.moc"
