#include "export/evidencepack.h"
#include "export/exporters.h"
#include "export/refiqda.h"

#include <QBuffer>
#include <QDomDocument>
#include <QTemporaryDir>
#include <QTest>

#include <KZip>

using namespace Dossier::Core;
using namespace Qt::StringLiterals;

class RefiQdaTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codebookNestsTagsBySlash();
    void projectFollowsTheSchemaOrder();
    void selectionsQuoteTheirSourceText();
    void positionsCountCodePointsAfterLineEndsAreNormalised();
    void codingsAndNotesResolve();
    void sameLibrarySameGuids();
    void qdpxHoldsProjectAndSources();
    void orphanedPassagesAreLeftOut();
};

namespace
{

const QString ferryBody = QStringLiteral(
    "The ferry operator cancelled the night crossing after a fire in the engine room.\n\nThe crossing carries "
    "about 900 passengers a day.");

Annotation passage(
    qint64 id, const QString &body, const QString &quote, const QStringList &tags, const QString &note = {})
{
    Annotation a;
    a.id = id;
    a.anchor.start = body.indexOf(quote);
    a.anchor.end = a.anchor.start + quote.size();
    a.anchor.exact = quote;
    a.tags = tags;
    a.note = note;
    a.created = QDateTime(QDate(2026, 3, 15), QTime(10, 0), QTimeZone::UTC);
    a.modified = a.created;
    return a;
}

EvidencePack ferryPack(const QString &body = ferryBody)
{
    EvidencePack pack;
    pack.title = QStringLiteral("Ferry safety");
    pack.created = QDateTime(QDate(2026, 3, 16), QTime(8, 0), QTimeZone::UTC);
    pack.codebook = { Tag { 1, QStringLiteral("Safety"), QStringLiteral("#e5533d"), 0, 0, QString() },
        Tag { 2, QStringLiteral("Safety/Fire"), QStringLiteral("#ff9900"), 0, 0, QString() },
        Tag { 3, QStringLiteral("Scale"), QStringLiteral("#3d7be5"), 0, 0, QString() },
        Tag { 4, QStringLiteral("Background"), QStringLiteral("#888888"), 0, 0, QString() } };
    PackArticle item;
    item.article.id = 7;
    item.article.path = QStringLiteral("/articles/ferry.txt");
    item.article.sha256 = "ab12";
    item.article.body = body;
    item.article.meta.title = QStringLiteral("Fire halts night ferry");
    item.article.meta.source = QStringLiteral("Coastal Courier");
    item.article.meta.date = QStringLiteral("2026-03-14");
    item.tags = { QStringLiteral("Background") };
    item.annotations
        = { passage(1, body, QStringLiteral("a fire in the engine room"),
                { QStringLiteral("Safety/Fire"), QStringLiteral("Safety") }, QStringLiteral("cause not yet known")),
              passage(2, body, QStringLiteral("about 900 passengers a day"), { QStringLiteral("Scale") }) };
    pack.articles.append(item);
    return pack;
}

QDomDocument parse(const QByteArray &xml)
{
    QDomDocument document;
    const auto result = document.setContent(xml, QDomDocument::ParseOption::UseNamespaceProcessing);
    if (!result) {
        qWarning() << result.errorMessage << result.errorLine;
    }
    return document;
}

QStringList childNames(const QDomElement &element)
{
    QStringList names;
    for (QDomElement child = element.firstChildElement(); !child.isNull(); child = child.nextSiblingElement()) {
        names.append(child.localName());
    }
    return names;
}

QList<QDomElement> all(QDomDocument document, const QString &name)
{
    QList<QDomElement> out;
    const QDomNodeList nodes = document.elementsByTagNameNS(QStringLiteral("urn:QDA-XML:project:1.0"), name);
    for (int i = 0; i < nodes.size(); ++i) {
        out.append(nodes.at(i).toElement());
    }
    return out;
}

} // namespace

void RefiQdaTest::codebookNestsTagsBySlash()
{
    const QList<Tag> tags { Tag { 1, QStringLiteral("Safety/Fire"), QStringLiteral("#ff9900"), 0, 0, QString() },
        Tag { 2, QStringLiteral("Port"), QStringLiteral("#3d7be5"), 0, 0, QString() },
        Tag { 3, QStringLiteral("Region/North"), QStringLiteral("#00aa00"), 0, 0, QString() },
        Tag { 4, QStringLiteral("Safety"), QStringLiteral("#e5533d"), 0, 0, QString() } };
    const QDomDocument document = parse(RefiQda::codebook(tags));
    const QDomElement root = document.documentElement();
    QCOMPARE(root.localName(), QStringLiteral("CodeBook"));
    QCOMPARE(root.namespaceURI(), QStringLiteral("urn:QDA-XML:codebook:1.0"));
    const QDomElement codes = root.firstChildElement(QStringLiteral("Codes"));
    QCOMPARE(childNames(codes), QStringList({ u"Code"_s, u"Code"_s, u"Code"_s }));
    // Top-level codes by name; a parent that is not itself a tag groups, but cannot be coded.
    const QDomElement port = codes.firstChildElement();
    const QDomElement region = port.nextSiblingElement();
    const QDomElement safety = region.nextSiblingElement();
    QCOMPARE(port.attribute(QStringLiteral("name")), QStringLiteral("Port"));
    QCOMPARE(port.attribute(QStringLiteral("color")), QStringLiteral("#3D7BE5"));
    QCOMPARE(region.attribute(QStringLiteral("name")), QStringLiteral("Region"));
    QCOMPARE(region.attribute(QStringLiteral("isCodable")), QStringLiteral("false"));
    QVERIFY(!region.hasAttribute(QStringLiteral("color")));
    QCOMPARE(region.firstChildElement().attribute(QStringLiteral("name")), QStringLiteral("North"));
    QCOMPARE(safety.attribute(QStringLiteral("isCodable")), QStringLiteral("true"));
    QCOMPARE(safety.firstChildElement().attribute(QStringLiteral("name")), QStringLiteral("Fire"));
    QCOMPARE(safety.firstChildElement().attribute(QStringLiteral("guid")),
        RefiQda::guid(u"code", u"safety/fire"_s).toString(QUuid::WithoutBraces));
}

void RefiQdaTest::projectFollowsTheSchemaOrder()
{
    const QDomDocument document = parse(RefiQda::project(ferryPack(), QStringLiteral("ana")).qde);
    const QDomElement root = document.documentElement();
    QCOMPARE(root.localName(), QStringLiteral("Project"));
    QCOMPARE(root.namespaceURI(), QStringLiteral("urn:QDA-XML:project:1.0"));
    QCOMPARE(root.attribute(QStringLiteral("name")), QStringLiteral("Ferry safety"));
    QCOMPARE(root.attribute(QStringLiteral("creationDateTime")), QStringLiteral("2026-03-16T08:00:00Z"));
    // QDA-XML's sequences: Project, TextSource and PlainTextSelection children in schema order.
    QCOMPARE(childNames(root), QStringList({ u"Users"_s, u"CodeBook"_s, u"Sources"_s, u"Notes"_s }));
    const QDomElement source = all(document, QStringLiteral("TextSource")).first();
    QCOMPARE(childNames(source),
        QStringList({ u"Description"_s, u"PlainTextSelection"_s, u"PlainTextSelection"_s, u"Coding"_s }));
    const QDomElement first = source.firstChildElement(QStringLiteral("PlainTextSelection"));
    QCOMPARE(childNames(first), QStringList({ u"Coding"_s, u"Coding"_s, u"NoteRef"_s }));
    QCOMPARE(all(document, QStringLiteral("User")).first().attribute(QStringLiteral("name")), QStringLiteral("ana"));
    QCOMPARE(source.attribute(QStringLiteral("creatingUser")), root.attribute(QStringLiteral("creatingUserGUID")));
    QCOMPARE(source.firstChildElement(QStringLiteral("Description")).text(),
        QStringLiteral("Coastal Courier · 2026-03-14 · /articles/ferry.txt"));
}

void RefiQdaTest::selectionsQuoteTheirSourceText()
{
    const RefiQda::Project project = RefiQda::project(ferryPack(), QStringLiteral("ana"));
    const QDomDocument document = parse(project.qde);
    const QDomElement source = all(document, QStringLiteral("TextSource")).first();
    const QString path = source.attribute(QStringLiteral("plainTextPath"));
    QVERIFY(path.startsWith(QLatin1String("internal://")));
    const QString file = QStringLiteral("Sources/") + path.mid(11);
    QVERIFY2(project.sources.contains(file), qPrintable(file));
    const QString text = QString::fromUtf8(project.sources.value(file));
    QCOMPARE(text, ferryBody);
    QStringList quotes;
    for (const QDomElement &selection : all(document, QStringLiteral("PlainTextSelection"))) {
        const int start = selection.attribute(QStringLiteral("startPosition")).toInt();
        const int end = selection.attribute(QStringLiteral("endPosition")).toInt();
        quotes.append(text.mid(start, end - start));
        QCOMPARE(selection.attribute(QStringLiteral("name")), quotes.last());
    }
    QCOMPARE(quotes, QStringList({ u"a fire in the engine room"_s, u"about 900 passengers a day"_s }));
}

void RefiQdaTest::positionsCountCodePointsAfterLineEndsAreNormalised()
{
    // A CR LF and an emoji (two UTF-16 units, one code point) before the passage.
    const QString body = QStringLiteral("Harbour \U0001F6A2 news\r\nThe ferry operator reported a fire in the engine "
                                        "room.\rThe crossing carries about 900 passengers a day.");
    const RefiQda::Project project = RefiQda::project(ferryPack(body), QStringLiteral("ana"));
    QCOMPARE(project.sources.size(), 1);
    const QString text = QString::fromUtf8(project.sources.first());
    QVERIFY(!text.contains(QLatin1Char('\r')));
    QCOMPARE(text.count(QLatin1Char('\n')), 2);
    const QList<uint> codePoints = text.toUcs4();
    const QDomDocument document = parse(project.qde);
    QStringList quotes;
    for (const QDomElement &selection : all(document, QStringLiteral("PlainTextSelection"))) {
        const int start = selection.attribute(QStringLiteral("startPosition")).toInt();
        const int end = selection.attribute(QStringLiteral("endPosition")).toInt();
        const QList<uint> slice = codePoints.mid(start, end - start);
        quotes.append(QString::fromUcs4(reinterpret_cast<const char32_t *>(slice.constData()), slice.size()));
    }
    QCOMPARE(quotes, QStringList({ u"a fire in the engine room"_s, u"about 900 passengers a day"_s }));
}

void RefiQdaTest::codingsAndNotesResolve()
{
    const QDomDocument document = parse(RefiQda::project(ferryPack(), QStringLiteral("ana")).qde);
    QHash<QString, QString> codes;
    for (const QDomElement &code : all(document, QStringLiteral("Code"))) {
        codes.insert(code.attribute(QStringLiteral("guid")), code.attribute(QStringLiteral("name")));
    }
    QHash<QString, QString> notes;
    for (const QDomElement &note : all(document, QStringLiteral("Note"))) {
        notes.insert(
            note.attribute(QStringLiteral("guid")), note.firstChildElement(QStringLiteral("PlainTextContent")).text());
    }
    const QDomElement source = all(document, QStringLiteral("TextSource")).first();
    const QDomElement first = source.firstChildElement(QStringLiteral("PlainTextSelection"));
    QStringList firstCodes;
    for (QDomElement coding = first.firstChildElement(QStringLiteral("Coding")); !coding.isNull();
        coding = coding.nextSiblingElement(QStringLiteral("Coding"))) {
        firstCodes.append(
            codes.value(coding.firstChildElement(QStringLiteral("CodeRef")).attribute(QStringLiteral("targetGUID"))));
    }
    QCOMPARE(firstCodes, QStringList({ u"Fire"_s, u"Safety"_s }));
    const QString noteGuid = first.firstChildElement(QStringLiteral("NoteRef")).attribute(QStringLiteral("targetGUID"));
    QCOMPARE(notes.value(noteGuid), QStringLiteral("cause not yet known"));
    // The article's own tag codes the whole source.
    const QDomElement whole = source.lastChildElement(QStringLiteral("Coding"));
    QCOMPARE(codes.value(whole.firstChildElement(QStringLiteral("CodeRef")).attribute(QStringLiteral("targetGUID"))),
        QStringLiteral("Background"));
    // Every GUID is distinct.
    QSet<QString> guids;
    qsizetype count = 0;
    for (const QString &name :
        { u"User"_s, u"Code"_s, u"TextSource"_s, u"PlainTextSelection"_s, u"Coding"_s, u"Note"_s }) {
        for (const QDomElement &element : all(document, name)) {
            guids.insert(element.attribute(QStringLiteral("guid")));
            ++count;
        }
    }
    QCOMPARE(guids.size(), count);
}

void RefiQdaTest::sameLibrarySameGuids()
{
    const QByteArray once = RefiQda::project(ferryPack(), QStringLiteral("ana")).qde;
    QCOMPARE(RefiQda::project(ferryPack(), QStringLiteral("ana")).qde, once);
    // Another passage changes its own element, not the others' GUIDs.
    EvidencePack more = ferryPack();
    more.articles.first().annotations.append(
        passage(3, ferryBody, QStringLiteral("night crossing"), { QStringLiteral("Scale") }));
    const QByteArray twice = RefiQda::project(more, QStringLiteral("ana")).qde;
    for (const QDomElement &selection : all(parse(once), QStringLiteral("PlainTextSelection"))) {
        QVERIFY(twice.contains(selection.attribute(QStringLiteral("guid")).toLatin1()));
    }
}

void RefiQdaTest::qdpxHoldsProjectAndSources()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("ferry.qdpx"));
    QString error;
    QVERIFY2(writePack(ferryPack(), ExportFormat::Qdpx, out, &error), qPrintable(error));
    KZip zip(out);
    QVERIFY(zip.open(QIODevice::ReadOnly));
    const KArchiveDirectory *root = zip.directory();
    QVERIFY(root->entry(QStringLiteral("project.qde")));
    const auto *qde = dynamic_cast<const KArchiveFile *>(root->entry(QStringLiteral("project.qde")));
    QVERIFY(qde);
    const QDomDocument document = parse(qde->data());
    const QString path = all(document, QStringLiteral("TextSource")).first().attribute(QStringLiteral("plainTextPath"));
    const auto *text = dynamic_cast<const KArchiveFile *>(root->entry(QStringLiteral("Sources/") + path.mid(11)));
    QVERIFY(text);
    QCOMPARE(QString::fromUtf8(text->data()), ferryBody);
    // And the codebook alone.
    const QString qdc = dir.filePath(QStringLiteral("tags.qdc"));
    QVERIFY2(writePack(ferryPack(), ExportFormat::Qdc, qdc, &error), qPrintable(error));
    QFile file(qdc);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(parse(file.readAll()).documentElement().localName(), QStringLiteral("CodeBook"));
}

void RefiQdaTest::orphanedPassagesAreLeftOut()
{
    EvidencePack pack = ferryPack();
    Annotation lost = passage(9, ferryBody, QStringLiteral("night crossing"), { QStringLiteral("Scale") });
    lost.anchor.start = ferryBody.size() + 5; // past the end of a text that changed
    lost.anchor.end = lost.anchor.start + 10;
    pack.articles.first().annotations.append(lost);
    const QDomDocument document = parse(RefiQda::project(pack, QStringLiteral("ana")).qde);
    QCOMPARE(all(document, QStringLiteral("PlainTextSelection")).size(), 2);
}

QTEST_GUILESS_MAIN(RefiQdaTest)
#include "refiqda_test.moc"
