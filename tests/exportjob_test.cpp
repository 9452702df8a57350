#include "export/exportjob.h"
#include "store/library.h"
#include "testarticles.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;

class ExportJobTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void exportFinishesAndWritesTheFile_data();
    void exportFinishesAndWritesTheFile();
    void cancelLeavesNoFile_data();
    void cancelLeavesNoFile();
    void badOutputFolderIsReported();
    void unopenableLibraryIsReported();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString libraryPath() const { return path(QStringLiteral("job.dossier")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

constexpr int articleCount = 120;

// Our own words: a council's week of small decisions, one article per meeting.
QString body(int n)
{
    QString text
        = QStringLiteral("The harbour council met for session %1 and agreed to repaint the pier railings. ").arg(n);
    for (int i = 0; i < 12; ++i) {
        text += QStringLiteral("Members argued at length about the cost of paint, the colour of the benches and "
                               "whether the ferry timetable should be printed in larger type. ");
    }
    return text;
}

bool waitFinished(QSignalSpy &spy)
{
    return spy.size() > 0 || spy.wait(120000);
}

} // namespace

void ExportJobTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Library library(libraryPath());
    QVERIFY(library.open());
    QVERIFY(library.articles().beginBatch());
    QList<qint64> ids;
    for (int n = 0; n < articleCount; ++n) {
        Article article
            = Dossier::Test::makeArticle(QStringLiteral("session-%1").arg(n, 3, 10, QLatin1Char('0')), body(n));
        article.meta.date = QStringLiteral("2026-03-%1").arg(1 + n % 28, 2, 10, QLatin1Char('0'));
        qint64 id = -1;
        QVERIFY(library.articles().store(article, &id));
        ids.append(id);
    }
    QVERIFY(library.articles().commitBatch());
    for (int n = 0; n < articleCount; n += 3) {
        QVERIFY2(library.annotations().annotate(
                     ids.at(n), 4, 27, { QStringLiteral("Council") }, QStringLiteral("who chairs it?")),
            qPrintable(library.errorString()));
    }
}

void ExportJobTest::exportFinishesAndWritesTheFile_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("start");
    QTest::newRow("pdf") << int(ExportFormat::Pdf) << QStringLiteral("pack.pdf") << QByteArray("%PDF");
    QTest::newRow("markdown") << int(ExportFormat::Markdown) << QStringLiteral("pack.md")
                              << QByteArray("# Council passages");
    QTest::newRow("json-ld") << int(ExportFormat::JsonLd) << QStringLiteral("pack.jsonld") << QByteArray("{");
}

void ExportJobTest::exportFinishesAndWritesTheFile()
{
    QFETCH(int, format);
    QFETCH(QString, fileName);
    QFETCH(QByteArray, start);
    ExportJob job;
    QSignalSpy progress(&job, &ExportJob::progress);
    QSignalSpy finished(&job, &ExportJob::finished);
    ExportSelection selection;
    selection.tags = { QStringLiteral("council") };
    selection.title = QStringLiteral("Council passages");
    const QString out = path(fileName);
    job.start(libraryPath(), selection, ExportFormat(format), out);
    QVERIFY(waitFinished(finished));
    QCOMPARE(finished.size(), 1);
    const QList<QVariant> args = finished.takeFirst();
    QVERIFY2(args.at(0).toBool(), qPrintable(args.at(1).toString()));
    QVERIFY(args.at(1).toString().isEmpty());
    QCOMPARE(args.at(2).toString(), out);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(64).startsWith(start));
    QVERIFY(!progress.isEmpty());
    // The last step of the last phase is complete.
    const QList<QVariant> last = progress.last();
    QCOMPARE(last.at(0).toInt(), last.at(1).toInt());
    QVERIFY(!last.at(2).toString().isEmpty());
    QVERIFY(!job.isRunning());
}

void ExportJobTest::cancelLeavesNoFile_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("pdf") << int(ExportFormat::Pdf);
    QTest::newRow("markdown") << int(ExportFormat::Markdown);
}

void ExportJobTest::cancelLeavesNoFile()
{
    QFETCH(int, format);
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    ExportSelection selection;
    selection.fullText = true;
    const QString out = path(QStringLiteral("cancelled.out"));
    job.start(libraryPath(), selection, ExportFormat(format), out);
    job.cancel();
    job.waitForFinished();
    QVERIFY(waitFinished(finished));
    const QList<QVariant> args = finished.takeFirst();
    QVERIFY(!args.at(0).toBool());
    QVERIFY(args.at(1).toString().contains(QLatin1String("cancel")));
    QVERIFY(!QFileInfo::exists(out));
    // Nothing else was left behind either (QSaveFile's temporary file).
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files);
    for (const QString &name : left) {
        QVERIFY2(name.startsWith(QLatin1String("job.dossier")), qPrintable(name));
    }
}

void ExportJobTest::badOutputFolderIsReported()
{
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    const QString out = path(QStringLiteral("no/such/folder/pack.md"));
    job.start(libraryPath(), {}, ExportFormat::Markdown, out);
    QVERIFY(waitFinished(finished));
    const QList<QVariant> args = finished.takeFirst();
    QVERIFY(!args.at(0).toBool());
    QVERIFY2(args.at(1).toString().contains(out), qPrintable(args.at(1).toString()));
    QCOMPARE(args.at(2).toString(), out);
    QVERIFY(!QFileInfo::exists(out));
}

void ExportJobTest::unopenableLibraryIsReported()
{
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    // A folder is not a library.
    job.start(m_dir->path(), {}, ExportFormat::JsonLd, path(QStringLiteral("pack.jsonld")));
    QVERIFY(waitFinished(finished));
    const QList<QVariant> args = finished.takeFirst();
    QVERIFY(!args.at(0).toBool());
    QVERIFY(!args.at(1).toString().isEmpty());
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("pack.jsonld"))));
}

QTEST_MAIN(ExportJobTest)
#include "exportjob_test.moc"
