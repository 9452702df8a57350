#include "export/exporters.h"
#include "exportdialog.h"
#include "store/library.h"
#include "testarticles.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Dossier;

class ExportDialogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void exportsEachFormat_data();
    void exportsEachFormat();
    void suffixFollowsTheFormat();
    void choicesMakeTheSelection();
    void cancelLeavesNoFile();
    void badFolderIsReported();
    void printsThePack();
    void hiddenPassagesOnlyWhenAsked();
    void printPreviewShowsPages();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Core::Library> m_library;
    qint64 m_first = -1;
};

namespace
{

constexpr int articleCount = 150;

// Our own words: minutes of a small town's harbour committee.
QString minutes(int n)
{
    QString text
        = QStringLiteral("Minutes of harbour committee meeting %1. The committee reviewed the mooring fees. ").arg(n);
    for (int i = 0; i < 10; ++i) {
        text += QStringLiteral("A member asked whether the slipway could be resurfaced before the regatta, and the "
                               "chair promised a costed plan at the next meeting. ");
    }
    return text;
}

} // namespace

void ExportDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<Core::Library>(path(QStringLiteral("export.dossier")));
    QVERIFY(m_library->open());
    QVERIFY(m_library->articles().beginBatch());
    QList<qint64> ids;
    for (int n = 0; n < articleCount; ++n) {
        Core::Article article
            = Dossier::Test::makeArticle(QStringLiteral("meeting-%1").arg(n, 3, 10, QLatin1Char('0')), minutes(n));
        qint64 id = -1;
        QVERIFY(m_library->articles().store(article, &id));
        ids.append(id);
    }
    QVERIFY(m_library->articles().commitBatch());
    m_first = ids.first();
    const QString quote = QStringLiteral("mooring fees");
    for (int n = 0; n < articleCount; n += 10) {
        const qsizetype at = minutes(n).indexOf(quote);
        QVERIFY(m_library->annotations().annotate(ids.at(n), at, at + quote.size(),
            { n % 20 == 0 ? QStringLiteral("Fees") : QStringLiteral("Works") },
            QStringLiteral("compare with last year")));
    }
}

void ExportDialogTest::cleanup()
{
    m_library.reset();
    m_dir.reset();
}

void ExportDialogTest::exportsEachFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("start");
    QTest::newRow("pdf") << int(Core::ExportFormat::Pdf) << QStringLiteral(".pdf") << QByteArray("%PDF");
    QTest::newRow("markdown") << int(Core::ExportFormat::Markdown) << QStringLiteral(".md")
                              << QByteArray("# Fees and works");
    QTest::newRow("json-ld") << int(Core::ExportFormat::JsonLd) << QStringLiteral(".jsonld") << QByteArray("{");
    QTest::newRow("ris citations") << int(Core::ExportFormat::Ris) << QStringLiteral(".ris") << QByteArray("TY  - ");
}

void ExportDialogTest::exportsEachFormat()
{
    QFETCH(int, format);
    QFETCH(QString, suffix);
    QFETCH(QByteArray, start);
    Ui::ExportDialog dialog(m_library.get());
    QSignalSpy finished(&dialog, &Ui::ExportDialog::exportFinished);
    dialog.setFormat(Core::ExportFormat(format));
    dialog.setCheckedTags({ QStringLiteral("Fees"), QStringLiteral("Works") });
    QCOMPARE(dialog.scope(), Ui::ExportDialog::Scope::Tags);
    dialog.setPackTitle(QStringLiteral("Fees and works"));
    dialog.setOutputPath(path(QStringLiteral("pack")));
    const QString out = path(QStringLiteral("pack") + suffix);
    QCOMPARE(dialog.outputPath(), out);
    dialog.startExport();
    QVERIFY(dialog.isExporting());
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(finished.first().at(2).toString(), out);
    QVERIFY(!dialog.isExporting());
    QVERIFY(dialog.statusText().contains(QLatin1String("Exported")));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(64).startsWith(start));
}

void ExportDialogTest::suffixFollowsTheFormat()
{
    Ui::ExportDialog dialog(m_library.get());
    dialog.setFormat(Core::ExportFormat::Pdf);
    dialog.setOutputPath(path(QStringLiteral("notes.pdf")));
    dialog.setFormat(Core::ExportFormat::Markdown);
    QCOMPARE(dialog.outputPath(), path(QStringLiteral("notes.md")));
    dialog.setFormat(Core::ExportFormat::JsonLd);
    QCOMPARE(dialog.outputPath(), path(QStringLiteral("notes.jsonld")));
    // A suffix that is not an export format's is kept, the format's added.
    dialog.setOutputPath(path(QStringLiteral("notes.v2")));
    QCOMPARE(dialog.outputPath(), path(QStringLiteral("notes.v2.jsonld")));
    dialog.setFormat(Core::ExportFormat::BibTex);
    QCOMPARE(dialog.outputPath(), path(QStringLiteral("notes.v2.bib")));
    dialog.setFormat(Core::ExportFormat::CslJson);
    QCOMPARE(dialog.outputPath(), path(QStringLiteral("notes.v2.json")));
}

void ExportDialogTest::choicesMakeTheSelection()
{
    Ui::ExportDialog dialog(m_library.get());
    QCOMPARE(dialog.scope(), Ui::ExportDialog::Scope::Library);
    QVERIFY(dialog.selection().isEmpty());

    dialog.setCurrentArticle(m_first, QStringLiteral("meeting-000"));
    dialog.setScope(Ui::ExportDialog::Scope::CurrentArticle);
    QCOMPARE(dialog.selection().articles, QList<qint64>({ m_first }));

    dialog.setCheckedTags({ QStringLiteral("works") });
    dialog.setScope(Ui::ExportDialog::Scope::Tags);
    QCOMPARE(dialog.checkedTags(), QStringList({ QStringLiteral("Works") }));
    QCOMPARE(dialog.selection().tags, QStringList({ QStringLiteral("Works") }));
    QVERIFY(dialog.selection().articles.isEmpty());

    // Hidden passages only when asked for.
    QVERIFY(!dialog.selection().withHidden);
    dialog.setWithHidden(true);
    QVERIFY(dialog.selection().withHidden);
    dialog.setWithHidden(false);

    dialog.setFullText(true);
    dialog.setPackTitle(QStringLiteral("  Works only "));
    QVERIFY(dialog.selection().fullText);
    QCOMPARE(dialog.selection().title, QStringLiteral("Works only"));
    // JSON-LD carries passages only.
    dialog.setFormat(Core::ExportFormat::JsonLd);
    QVERIFY(!dialog.selection().fullText);
    // Citations cite articles: no full text, no cover title.
    dialog.setFormat(Core::ExportFormat::Ris);
    QVERIFY(!dialog.selection().fullText);
    dialog.setFormat(Core::ExportFormat::JsonLd);

    // Exporting by tags with none ticked is not possible (it would mean the whole library).
    QSignalSpy finished(&dialog, &Ui::ExportDialog::exportFinished);
    dialog.setCheckedTags({});
    dialog.setOutputPath(path(QStringLiteral("nothing.jsonld")));
    dialog.startExport();
    QVERIFY(!dialog.isExporting());
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("nothing.jsonld"))));

    // No current article: the scope falls back to the whole library.
    dialog.setScope(Ui::ExportDialog::Scope::CurrentArticle);
    dialog.setCurrentArticle(-1);
    QCOMPARE(dialog.scope(), Ui::ExportDialog::Scope::Library);
}

void ExportDialogTest::cancelLeavesNoFile()
{
    Ui::ExportDialog dialog(m_library.get());
    QSignalSpy finished(&dialog, &Ui::ExportDialog::exportFinished);
    dialog.setFormat(Core::ExportFormat::Pdf);
    dialog.setFullText(true);
    dialog.setOutputPath(path(QStringLiteral("everything.pdf")));
    dialog.startExport();
    QVERIFY(dialog.isExporting());
    dialog.cancelExport();
    QVERIFY(finished.wait(120000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("everything.pdf"))));
    QVERIFY(dialog.statusText().contains(QLatin1String("cancelled")));
    QVERIFY(!dialog.isExporting());
}

void ExportDialogTest::badFolderIsReported()
{
    Ui::ExportDialog dialog(m_library.get());
    QSignalSpy finished(&dialog, &Ui::ExportDialog::exportFinished);
    dialog.setFormat(Core::ExportFormat::Markdown);
    dialog.setOutputPath(path(QStringLiteral("missing/folder/pack.md")));
    dialog.startExport();
    QVERIFY(finished.wait(120000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(dialog.statusText().contains(QLatin1String("failed")));
    QVERIFY(dialog.statusText().contains(QLatin1String("missing/folder")));
}

void ExportDialogTest::hiddenPassagesOnlyWhenAsked()
{
    const auto passages = m_library->annotations().list();
    QVERIFY(passages && !passages->isEmpty());
    QVERIFY(m_library->annotations().setHidden(passages->front().id, true));
    const qsizetype shown = passages->size() - 1;
    for (const bool withHidden : { false, true }) {
        Ui::ExportDialog dialog(m_library.get());
        dialog.setFormat(Core::ExportFormat::JsonLd);
        dialog.setWithHidden(withHidden);
        const QString out = path(withHidden ? QStringLiteral("with.jsonld") : QStringLiteral("without.jsonld"));
        dialog.setOutputPath(out);
        QSignalSpy finished(&dialog, &Ui::ExportDialog::exportFinished);
        dialog.startExport();
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.front().at(0).toBool(), qPrintable(finished.front().at(1).toString()));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject pack = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonArray items = pack.value(QLatin1String("first")).toObject().value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), withHidden ? shown + 1 : shown);
    }
}

void ExportDialogTest::printsThePack()
{
    Ui::ExportDialog dialog(m_library.get());
    dialog.setCheckedTags({ QStringLiteral("Fees") });
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString out = path(QStringLiteral("printed.pdf"));
    printer.setOutputFileName(out);
    QVERIFY(dialog.printTo(&printer));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(8).startsWith("%PDF"));
}

void ExportDialogTest::printPreviewShowsPages()
{
    Ui::ExportDialog dialog(m_library.get());
    dialog.setCheckedTags({ QStringLiteral("Works") });
    int pages = -1;
    auto *timer = new QTimer(&dialog);
    timer->setInterval(20);
    connect(timer, &QTimer::timeout, &dialog, [&pages, timer] {
        auto *preview = qobject_cast<QPrintPreviewDialog *>(QApplication::activeModalWidget());
        if (!preview) {
            return;
        }
        auto *widget = preview->findChild<QPrintPreviewWidget *>();
        if (widget && widget->pageCount() > 0) {
            timer->stop();
            pages = widget->pageCount();
            preview->reject();
        }
    });
    timer->start();
    dialog.printPreview();
    QVERIFY(pages > 0);
}

QTEST_MAIN(ExportDialogTest)
#include "exportdialog_test.moc"
