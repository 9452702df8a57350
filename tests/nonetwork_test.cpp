#include "connectioncounter.h"
#include "documentlistmodel.h"
#include "export/evidencepack.h"
#include "export/exporters.h"
#include "mainwindow.h"
#include "readerview.h"
#include "safetyhelpers.h"
#include "store/library.h"

#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace Dossier;
using namespace Dossier::Test;

// The whole path an article takes — imported by dossier-cli, read in the window (text and
// source), exported as PDF, Markdown and JSON-LD, in-process and by dossier-cli — with every remote
// reference a page can make pointing at a local port that counts connections. The count must not move.
class NoNetworkTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void importReadAndExportNeverConnect();
};

void NoNetworkTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Its fixtures are near-duplicates of one another: one row per article (View › Group Copies off).
    QSettings().setValue(QStringLiteral("list/groupCopies"), false);
}

void NoNetworkTest::importReadAndExportNeverConnect()
{
    ConnectionCounter server;
    QVERIFY(server.isListening());
    QVERIFY(ConnectionCounter::connectTo(server.port())); // the counter does count
    QTRY_COMPARE(server.connections(), 1);
    // A resource provider that fetches whatever a QTextDocument asks for: the reader and the PDF
    // layout must not ask.
    QTextDocument::setDefaultResourceProvider([](const QUrl &url) {
        ConnectionCounter::connectTo(url.port());
        return QVariant();
    });
    const auto resetProvider = qScopeGuard([] { QTextDocument::setDefaultResourceProvider({}); });

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString corpus = dir.filePath(QStringLiteral("corpus"));
    QDir().mkpath(corpus);
    const QByteArray paragraph = "The lighthouse keepers' association said on Thursday that the last staffed light on "
                                 "the coast would be automated next year, ending two centuries of watches.";
    const QList<std::pair<QString, QByteArray>> files = {
        { QStringLiteral("page.html"), R"html(<!DOCTYPE html><html><head><base href="ORIGIN/">
<meta charset="utf-8"><meta http-equiv="refresh" content="0; url=ORIGIN/refresh">
<title>Last keepers leave the light</title><link rel="stylesheet" href="ORIGIN/style.css">
<link rel="preload" href="ORIGIN/font.woff2" as="font"><link rel="icon" href="ORIGIN/favicon.ico">
<link rel="dns-prefetch" href="ORIGIN/"><link rel="prefetch" href="ORIGIN/next.html">
<meta property="og:image" content="ORIGIN/og.png"><script src="ORIGIN/app.js"></script>
<script>fetch("ORIGIN/beacon"); new Image().src = "ORIGIN/pixel.gif";</script>
<style>@import url("ORIGIN/import.css"); @font-face { font-family: X; src: url(ORIGIN/x.woff); }
body { background: url(ORIGIN/bg.png); }</style></head>
<body background="ORIGIN/body.png"><article><h1>Last keepers leave the light</h1>
<img src="ORIGIN/photo.jpg" srcset="ORIGIN/photo-2x.jpg 2x, ORIGIN/photo-3x.jpg 3x" alt="The light">
<picture><source srcset="ORIGIN/photo.webp" type="image/webp"><img src="ORIGIN/fallback.jpg"></picture>
<p>PARAGRAPH</p><iframe src="ORIGIN/embed"></iframe><video poster="ORIGIN/poster.jpg" src="ORIGIN/clip.mp4">
<track src="ORIGIN/subs.vtt"></video><audio src="ORIGIN/sound.mp3"></audio><object data="ORIGIN/o.swf"></object>
<embed src="ORIGIN/e.swf"><svg><image href="ORIGIN/i.svg"/><use href="ORIGIN/sprite.svg#a"/></svg>
<p style="background-image: url('ORIGIN/p.png')">PARAGRAPH</p><a href="ORIGIN/link">more</a>
<form action="ORIGIN/form"><input type="image" src="ORIGIN/button.png"></form></article></body></html>)html" },
        { QStringLiteral("note.md"),
            "# Keepers of the light\n\n![The light](ORIGIN/md.png)\n\nPARAGRAPH\n\n"
            "<img src=\"ORIGIN/inline.png\"> [source](ORIGIN/source) <ORIGIN/autolink>\n\n"
            "PARAGRAPH\n" },
        { QStringLiteral("story.txt"), "Keepers of the light\n\nPARAGRAPH See ORIGIN/story.\n\nPARAGRAPH\n" },
    };
    for (const auto &[name, text] : files) {
        QFile file(corpus + u'/' + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(text).replace("ORIGIN", server.origin()).replace("PARAGRAPH", paragraph));
    }

    // Imported by dossier-cli.
    const QString library = dir.filePath(QStringLiteral("library.dossier"));
    const CliRun imported = runCli({ QStringLiteral("import"), QStringLiteral("--library"), library, corpus });
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QCOMPARE(imported.lastLine().value(QLatin1String("imported")).toInt(), 3);
    QCOMPARE(server.connections(), 1);

    // A passage of each, so the packs carry quotes as well as the full texts.
    {
        Core::Library store(library);
        QVERIFY(store.open());
        const auto rows = store.documents().list({});
        QVERIFY(rows && rows->size() == 3);
        for (const Core::ArticleSummary &row : *rows) {
            const QString body = store.articles().get(row.id)->body;
            const qsizetype at = body.indexOf(QLatin1String("lighthouse keepers"));
            QVERIFY2(at >= 0, qPrintable(body));
            QVERIFY(store.annotations().annotate(
                row.id, at, at + 18, { QStringLiteral("Coast") }, QStringLiteral("check")));
        }
    }

    // Read in the window: every article, as text and as source.
    {
        Ui::MainWindow window;
        QVERIFY(window.openLibrary(library));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.documentModel()->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            window.documentView()->selectRow(row);
            QVERIFY(window.reader()->textEdit()->toPlainText().contains(QLatin1String("lighthouse keepers")));
            window.reader()->setShowSource(true);
            QTRY_VERIFY(window.reader()->textEdit()->toPlainText().contains(QString::fromLatin1(server.origin())));
            window.reader()->setShowSource(false);
        }
        QTest::qWait(200);
    }
    QCOMPARE(server.connections(), 1);

    // Exported, in this process and by dossier-cli, with the full texts.
    {
        Core::Library store(library);
        QVERIFY(store.open());
        Core::ExportSelection selection;
        selection.fullText = true;
        QString error;
        const auto pack = Core::collectEvidence(store, selection, &error);
        QVERIFY2(pack, qPrintable(error));
        QCOMPARE(pack->articles.size(), 3);
        for (const char *format : { "pdf", "md", "jsonld" }) {
            const QString out = dir.filePath(QStringLiteral("pack.") + QLatin1String(format));
            QVERIFY2(Core::writePack(*pack, *Core::exportFormatFromName(QString::fromLatin1(format)), out, &error),
                qPrintable(error));
            QVERIFY(QFileInfo(out).size() > 0);
            const CliRun exported = runCli({ QStringLiteral("export"), QStringLiteral("--library"), library,
                QStringLiteral("--format"), QLatin1String(format), QStringLiteral("--full-text"),
                QStringLiteral("--out"), dir.filePath(QStringLiteral("cli.") + QLatin1String(format)) });
            QVERIFY2(exported.exitCode == 0, exported.err.constData());
        }
    }
    QTest::qWait(200);
    QCOMPARE(server.connections(), 1);
}

QTEST_MAIN(NoNetworkTest)
#include "nonetwork_test.moc"
