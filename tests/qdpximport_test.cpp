#include "export/evidencepack.h"
#include "export/exporters.h"
#include "import/qdpximport.h"
#include "store/library.h"
#include "testarticles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <KZip>

using namespace Dossier::Core;

class QdpxImportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTripKeepsHighlightsTagsAndNotes();
    void importingTwiceReusesTheTexts();
    void reportsWhatItLeavesOut();
    void unreadableProjectsSayWhy_data();
    void unreadableProjectsSayWhy();
    void cliExportsAndImports();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void writeZip(const QString &file, const QList<std::pair<QString, QByteArray>> &entries);
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

const QString ferryBody = QStringLiteral(
    "The ferry operator cancelled the night crossing after a fire in the engine room. No one was hurt.\n\n"
    "The crossing carries about 900 passengers a day \U0001F6A2 in summer.");
const QString bridgeBody
    = QStringLiteral("Engineers closed the old bridge to lorries while they test its cables. Cars may still cross.");

struct Passage {
    QString article;
    QString quote;
    QStringList tags;
    QString note;
    friend bool operator==(const Passage &, const Passage &) = default;
};

// Every highlight of a library by article title and quote, with its tags (sorted) and note.
QList<Passage> passages(Library &library)
{
    QList<Passage> out;
    const auto all = library.annotations().list();
    for (const Annotation &a : *all) {
        const auto article = library.articles().get(a.articleId);
        QStringList tags = a.tags;
        tags.sort(Qt::CaseInsensitive);
        out.append(
            { article->meta.title, article->body.mid(a.anchor.start, a.anchor.end - a.anchor.start), tags, a.note });
    }
    std::sort(out.begin(), out.end(), [](const Passage &x, const Passage &y) { return x.quote < y.quote; });
    return out;
}

qint64 storeArticle(Library &library, const QString &name, const QString &title, const QString &body)
{
    Article article = Dossier::Test::makeArticle(name, body);
    article.meta.title = title;
    qint64 id = -1;
    library.articles().store(article, &id);
    return id;
}

void highlight(Library &library, qint64 id, const QString &body, const QString &quote, const QStringList &tags,
    const QString &note = {})
{
    const qsizetype at = body.indexOf(quote);
    QVERIFY(at >= 0);
    QVERIFY2(library.annotations().annotate(id, at, at + quote.size(), tags, note), qPrintable(library.errorString()));
}

} // namespace

void QdpxImportTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void QdpxImportTest::writeZip(const QString &file, const QList<std::pair<QString, QByteArray>> &entries)
{
    KZip zip(file);
    QVERIFY(zip.open(QIODevice::WriteOnly));
    for (const auto &[name, data] : entries) {
        QVERIFY(zip.writeFile(name, data));
    }
    QVERIFY(zip.close());
}

void QdpxImportTest::roundTripKeepsHighlightsTagsAndNotes()
{
    Library from(path(QStringLiteral("from.dossier")));
    QVERIFY(from.open());
    const qint64 ferry
        = storeArticle(from, QStringLiteral("ferry"), QStringLiteral("Fire halts night ferry"), ferryBody);
    const qint64 bridge
        = storeArticle(from, QStringLiteral("bridge"), QStringLiteral("Old bridge shut to lorries"), bridgeBody);
    QVERIFY(from.tags().ensure(QStringLiteral("Safety"), QStringLiteral("#e5533d")));
    QVERIFY(from.tags().ensure(QStringLiteral("Safety/Fire"), QStringLiteral("#ff9900")));
    QVERIFY(from.tags().ensure(QStringLiteral("Unused code"), QStringLiteral("#123456")));
    highlight(from, ferry, ferryBody, QStringLiteral("a fire in the engine room"),
        { QStringLiteral("Safety/Fire"), QStringLiteral("Safety") }, QStringLiteral("cause not yet known"));
    // After a character outside the BMP: positions count code points, offsets UTF-16 units.
    highlight(from, ferry, ferryBody, QStringLiteral("in summer"), { QStringLiteral("Scale") });
    highlight(from, bridge, bridgeBody, QStringLiteral("test its cables"), {}, QStringLiteral("ask for the report"));
    QVERIFY(from.tags().tagArticle(bridge, { QStringLiteral("Infrastructure") }));

    QString error;
    const auto pack = collectEvidence(from, {}, &error);
    QVERIFY2(pack, qPrintable(error));
    const QString project = path(QStringLiteral("harbour.qdpx"));
    QVERIFY2(writePack(*pack, ExportFormat::Qdpx, project, &error), qPrintable(error));

    Library into(path(QStringLiteral("into.dossier")));
    QVERIFY(into.open());
    const auto report = importQdpx(into, project, path(QStringLiteral("texts")), &error);
    QVERIFY2(report, qPrintable(error));
    QCOMPARE(report->articles.size(), 2);
    QCOMPARE(report->passages, 3);
    QCOMPARE(report->notes, 2);
    QCOMPARE(report->articleTags, 1);
    QVERIFY2(report->skipped.isEmpty(), qPrintable(report->skipped.join(u'\n')));

    QCOMPARE(passages(into), passages(from));
    QCOMPARE(*into.tags().ofArticle(report->articles.last()), QStringList({ QStringLiteral("Infrastructure") }));
    // The codebook comes along with its colours, codes nobody used included.
    QHash<QString, QString> colors;
    const auto codebook = into.tags().all();
    QVERIFY(codebook);
    for (const Tag &tag : *codebook) {
        colors.insert(tag.name, tag.color.toLower());
    }
    QCOMPARE(colors.value(QStringLiteral("Safety")), QStringLiteral("#e5533d"));
    QCOMPARE(colors.value(QStringLiteral("Safety/Fire")), QStringLiteral("#ff9900"));
    QCOMPARE(colors.value(QStringLiteral("Unused code")), QStringLiteral("#123456"));
    // The texts are files of their own, read as they are (the pack lists the ferry first, by title).
    const auto article = into.articles().get(report->articles.first());
    QCOMPARE(article->meta.title, QStringLiteral("Fire halts night ferry"));
    QCOMPARE(article->body, ferryBody);
    QCOMPARE(article->path, path(QStringLiteral("texts/Fire halts night ferry.txt")));
    QVERIFY(QFileInfo::exists(article->path));
}

void QdpxImportTest::importingTwiceReusesTheTexts()
{
    Library from(path(QStringLiteral("from.dossier")));
    QVERIFY(from.open());
    const qint64 bridge
        = storeArticle(from, QStringLiteral("bridge"), QStringLiteral("Old bridge shut to lorries"), bridgeBody);
    highlight(from, bridge, bridgeBody, QStringLiteral("test its cables"), { QStringLiteral("Works") });
    QString error;
    const auto pack = collectEvidence(from, {}, &error);
    const QString project = path(QStringLiteral("bridge.qdpx"));
    QVERIFY2(writePack(*pack, ExportFormat::Qdpx, project, &error), qPrintable(error));
    Library into(path(QStringLiteral("into.dossier")));
    QVERIFY(into.open());
    const auto first = importQdpx(into, project, path(QStringLiteral("texts")), &error);
    QVERIFY2(first, qPrintable(error));
    const auto second = importQdpx(into, project, path(QStringLiteral("texts")), &error);
    QVERIFY2(second, qPrintable(error));
    // Same file, same article: one text on disk and in the library.
    QCOMPARE(second->articles, first->articles);
    QCOMPARE(QDir(path(QStringLiteral("texts"))).entryList(QDir::Files).size(), 1);
}

void QdpxImportTest::reportsWhatItLeavesOut()
{
    const QByteArray qde = R"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Mixed">
  <CodeBook><Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="Port" isCodable="true" color="#3D7BE5"/>
  </Codes></CodeBook>
  <Cases><Case guid="22222222-2222-2222-2222-222222222222" name="Halden"/></Cases>
  <Sources>
    <PDFSource guid="33333333-3333-3333-3333-333333333333" name="Annual report" path="internal://r.pdf"/>
    <TextSource guid="44444444-4444-4444-4444-444444444444" name="Quay note">
      <PlainTextContent>The quay reopened on Monday.</PlainTextContent>
      <PlainTextSelection guid="55555555-5555-5555-5555-555555555555" startPosition="4" endPosition="8">
        <Coding guid="66666666-6666-6666-6666-666666666666"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding>
        <Coding guid="77777777-7777-7777-7777-777777777777"><CodeRef targetGUID="99999999-9999-9999-9999-999999999999"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="88888888-8888-8888-8888-888888888888" startPosition="20" endPosition="400"/>
    </TextSource>
    <TextSource guid="aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa" name="Elsewhere" plainTextPath="absolute:///home/x/a.txt"/>
  </Sources>
</Project>)";
    const QString project = path(QStringLiteral("mixed.qdpx"));
    writeZip(project, { { QStringLiteral("project.qde"), qde } });
    Library into(path(QStringLiteral("into.dossier")));
    QVERIFY(into.open());
    QString error;
    const auto report = importQdpx(into, project, path(QStringLiteral("texts")), &error);
    QVERIFY2(report, qPrintable(error));
    QCOMPARE(report->articles.size(), 1);
    QCOMPARE(report->passages, 1);
    const QString skipped = report->skipped.join(u'\n');
    for (const char *expected : { "1 cases", "pdf source 'Annual report' (only text sources are imported)",
             "a coding of 'Quay note' refers to a code the project does not have",
             "a selection of 'Quay note' at 20–400 lies outside its text",
             "text source 'Elsewhere': its text is outside the project" }) {
        QVERIFY2(skipped.contains(QString::fromUtf8(expected)), qPrintable(skipped));
    }
    const auto imported = passages(into);
    QCOMPARE(imported.size(), 1);
    QCOMPARE(imported.first().quote, QStringLiteral("quay"));
    QCOMPARE(imported.first().tags, QStringList({ QStringLiteral("Port") }));
}

void QdpxImportTest::unreadableProjectsSayWhy_data()
{
    QTest::addColumn<QByteArray>("qde"); // empty: the file is not a zip at all
    QTest::addColumn<QString>("message");
    QTest::newRow("not a zip") << QByteArray() << QStringLiteral("(.qdpx is a zip)");
    QTest::newRow("not XML") << QByteArray("<Project xmlns=\"urn:QDA-XML:project:1.0\"><Sources>")
                             << QStringLiteral("project.qde is not well-formed XML at line");
    QTest::newRow("another XML") << QByteArray("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"/>")
                                 << QStringLiteral("is not a REFI-QDA project");
}

void QdpxImportTest::unreadableProjectsSayWhy()
{
    QFETCH(QByteArray, qde);
    QFETCH(QString, message);
    const QString project = path(QStringLiteral("bad.qdpx"));
    if (qde.isEmpty()) {
        QFile file(project);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("The quay reopened on Monday.\n");
    } else {
        writeZip(project, { { QStringLiteral("project.qde"), qde } });
    }
    Library into(path(QStringLiteral("into.dossier")));
    QVERIFY(into.open());
    QString error;
    QVERIFY(!importQdpx(into, project, path(QStringLiteral("texts")), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(into.documents().count({}).value_or(-1), 0);
}

void QdpxImportTest::cliExportsAndImports()
{
    Library from(path(QStringLiteral("from.dossier")));
    QVERIFY(from.open());
    const qint64 bridge
        = storeArticle(from, QStringLiteral("bridge"), QStringLiteral("Old bridge shut to lorries"), bridgeBody);
    highlight(from, bridge, bridgeBody, QStringLiteral("test its cables"), { QStringLiteral("Works") });
    const auto run = [](const QStringList &arguments) {
        QProcess cli;
        cli.start(QStringLiteral(DOSSIER_CLI), arguments);
        cli.waitForFinished(60000);
        return std::pair { cli.exitCode(), QJsonDocument::fromJson(cli.readAllStandardOutput()).object() };
    };
    const QString project = path(QStringLiteral("bridge.qdpx"));
    const auto [exported, exportLine]
        = run({ QStringLiteral("export"), QStringLiteral("--library"), path(QStringLiteral("from.dossier")),
            QStringLiteral("--format"), QStringLiteral("qdpx"), QStringLiteral("--out"), project });
    QCOMPARE(exported, 0);
    QCOMPARE(exportLine[u"format"].toString(), QStringLiteral("qdpx"));
    const auto [imported, importLine] = run(
        { QStringLiteral("import-qdpx"), QStringLiteral("--library"), path(QStringLiteral("into.dossier")), project });
    QCOMPARE(imported, 0);
    QCOMPARE(importLine[u"into"].toString(), path(QStringLiteral("bridge sources")));
    QCOMPARE(importLine[u"articles"].toArray().size(), 1);
    QCOMPARE(importLine[u"passages"].toInt(), 1);
    QCOMPARE(importLine[u"skipped"].toArray().size(), 0);
    const auto [missing, missingLine] = run({ QStringLiteral("import-qdpx"), QStringLiteral("--library"),
        path(QStringLiteral("into.dossier")), path(QStringLiteral("none.qdpx")) });
    QCOMPARE(missing, 1);
}

QTEST_GUILESS_MAIN(QdpxImportTest)
#include "qdpximport_test.moc"
