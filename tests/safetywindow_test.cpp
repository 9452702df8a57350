#include "documentlistmodel.h"
#include "mainwindow.h"
#include "privatemount.h"
#include "readerview.h"
#include "safetyhelpers.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;
using namespace Dossier::Test;

namespace
{
QString namespaceProblem; // set by main(): why no private mount namespace could be made

bool hasBidiFormatting(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar ch) {
        const char16_t c = ch.unicode();
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
            || (c < 0x20 && c != u'\n');
    });
}
} // namespace

// The real main window, offscreen, on a library that other programs write to, that cannot be
// written, or whose articles carry titles made to deceive.
class SafetyWindowTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void seesArticlesImportedByTheCli();
    void windowAndCliOpenANewLibraryTogether();
    void readOnlyLibraryShowsANoticeAndDisablesWrites();
    void hostileTitlesCannotSpoofTheWindowOrTheCli();

private:
    void openWindow(const QString &library);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ui::MainWindow> m_window;
    QString m_mount;
};

void SafetyWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    // Its fixtures are near-duplicates of one another: one row per article (View › Group Copies off).
    QSettings().setValue(QStringLiteral("list/groupCopies"), false);
}

void SafetyWindowTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void SafetyWindowTest::cleanup()
{
    m_window.reset();
    if (!m_mount.isEmpty()) {
        ::umount2(QFile::encodeName(m_mount).constData(), MNT_DETACH);
        m_mount.clear();
    }
}

void SafetyWindowTest::openWindow(const QString &library)
{
    m_window = std::make_unique<Ui::MainWindow>();
    QVERIFY(m_window->openLibrary(library));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void SafetyWindowTest::seesArticlesImportedByTheCli()
{
    const QString library = m_dir->filePath(QStringLiteral("library.dossier"));
    generateArticles(m_dir->filePath(QStringLiteral("first")), 3, 0);
    generateArticles(m_dir->filePath(QStringLiteral("later")), 40, 3);
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), library,
                        m_dir->filePath(QStringLiteral("first")) })
                 .exitCode,
        0);
    openWindow(library);
    QCOMPARE(m_window->documentModel()->rowCount(), 3);
    m_window->documentView()->selectRow(0);
    const qint64 open = m_window->currentArticleId();
    QVERIFY(open >= 0);

    // Another program imports while the window is open; the window is not restarted.
    QProcess cli;
    cli.start(QStringLiteral(DOSSIER_CLI),
        { QStringLiteral("import"), QStringLiteral("--library"), library, m_dir->filePath(QStringLiteral("later")) });
    QVERIFY(cli.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000); // the window keeps running meanwhile
    QCOMPARE(cli.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->documentModel()->rowCount(), 43, 5000);
    const auto labels = m_window->findChildren<QLabel *>();
    QTRY_VERIFY(std::any_of(labels.cbegin(), labels.cend(),
        [](const QLabel *label) { return label->text() == QLatin1String("43 of 43 articles"); }));
    // The open article stays open and selected.
    QCOMPARE(m_window->currentArticleId(), open);
    QVERIFY(m_window->reader()->textEdit()->toPlainText().startsWith(
        m_window->documentModel()->index(m_window->documentModel()->rowOfId(open), 0).data().toString()));

    // A tag added from the command line shows in the list too.
    QCOMPARE(runCli({ QStringLiteral("tag"), QStringLiteral("--library"), library, QStringLiteral("--doc"),
                        QString::number(open), QStringLiteral("Checked") })
                 .exitCode,
        0);
    const int row = m_window->documentModel()->rowOfId(open);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->documentModel()
                                  ->index(m_window->documentModel()->rowOfId(open), Ui::DocumentListModel::Tags)
                                  .data()
                                  .toString(),
        QStringLiteral("Checked"), 5000);
    QVERIFY(row >= 0);
}

void SafetyWindowTest::windowAndCliOpenANewLibraryTogether()
{
    // The window and dossier-cli set up one new library at the same moment: both open it, the
    // window then shows what the CLI imported. Repeated, each time on a fresh library.
    const QString folder = m_dir->filePath(QStringLiteral("articles"));
    generateArticles(folder, 3, 0);
    for (int round = 0; round < 8; ++round) {
        const QString library = m_dir->filePath(QStringLiteral("together-%1.dossier").arg(round));
        QProcess cli;
        cli.start(
            QStringLiteral(DOSSIER_CLI), { QStringLiteral("import"), QStringLiteral("--library"), library, folder });
        QVERIFY(cli.waitForStarted());
        auto window = std::make_unique<Ui::MainWindow>();
        QVERIFY2(window->openLibrary(library), qPrintable(QStringLiteral("round %1").arg(round)));
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
            qPrintable(QStringLiteral("round %1: %2").arg(round).arg(QString::fromUtf8(cli.readAllStandardError()))));
        QTRY_COMPARE_WITH_TIMEOUT(window->documentModel()->rowCount(), 3, 5000);
    }
}

void SafetyWindowTest::readOnlyLibraryShowsANoticeAndDisablesWrites()
{
    if (!namespaceProblem.isEmpty()) {
        QSKIP(qPrintable(namespaceProblem));
    }
    const QString disk = m_dir->filePath(QStringLiteral("disk"));
    QVERIFY(mountTmpfs(disk, 8 * 1024 * 1024).isEmpty());
    m_mount = disk;
    const QString library = disk + QStringLiteral("/library.dossier");
    generateArticles(m_dir->filePath(QStringLiteral("corpus")), 3, 0);
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), library,
                        m_dir->filePath(QStringLiteral("corpus")) })
                 .exitCode,
        0);
    QVERIFY(mountTmpfs(disk, 8 * 1024 * 1024, true, true).isEmpty());

    openWindow(library);
    QVERIFY(m_window->readOnlyNotice()->isVisible());
    QVERIFY(m_window->readOnlyNotice()->text().contains(QLatin1String("read-only")));
    QVERIFY(m_window->windowTitle().contains(QLatin1String("(read-only)")));
    QCOMPARE(m_window->documentModel()->rowCount(), 3); // reading works
    QVERIFY(!m_window->writeActions().isEmpty());
    for (const QAction *action : m_window->writeActions()) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
    }
    // An open article with a selection still offers no highlighting or tagging.
    m_window->documentView()->selectRow(0);
    QVERIFY(m_window->currentArticleId() >= 0);
    m_window->reader()->textEdit()->selectAll();
    QVERIFY(!m_window->highlightAction()->isEnabled());
    QCOMPARE(m_window->highlightSelection(), -1);
    // Import (as by drag and drop) is refused with a message, not attempted.
    m_window->importPaths({ m_dir->filePath(QStringLiteral("corpus")) });
    QVERIFY(!m_window->isImporting());
    QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("read-only")));

    // A writable library opened next clears the notice.
    QVERIFY(m_window->openLibrary(m_dir->filePath(QStringLiteral("writable.dossier"))));
    QVERIFY(!m_window->readOnlyNotice()->isVisible());
    for (const QAction *action : m_window->writeActions()) {
        QVERIFY(action->isEnabled());
    }
}

void SafetyWindowTest::hostileTitlesCannotSpoofTheWindowOrTheCli()
{
    // Titles, sources and authors with overrides, isolates, marks and control characters.
    const QString corpus = m_dir->filePath(QStringLiteral("corpus"));
    QDir().mkpath(corpus);
    const QByteArray body = "<p>The ferry company said on Friday that the winter timetable would start a week "
                            "early because of the storms forecast for the coast.</p>";
    const QList<std::pair<QString, QByteArray>> pages = {
        { QStringLiteral("override.html"),
            "<html><head><meta charset=\"utf-8\"><title>Timetable \xE2\x80\xAE"
            "fdp.exe</title><meta name=\"author\" "
            "content=\"\xE2\x80\xAE\x1B[31mEditor\"><meta property=\"og:site_name\" content=\"Coast \xE2\x81\xA7Post\">"
            "</head><body><article>"
                + body + body + "</article></body></html>" },
        { QStringLiteral("isolate.html"),
            "<html><head><meta charset=\"utf-8\"><title>\xE2\x81\xA6"
            "Ferry\xE2\x81\xA9 \xE2\x80\x8Fnews</title>"
            "</head><body><article>"
                + body + body + "</article></body></html>" },
    };
    for (const auto &[name, html] : pages) {
        QFile file(corpus + u'/' + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(html);
    }
    const QString library = m_dir->filePath(QStringLiteral("library.dossier"));
    QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("--library"), library, corpus }).exitCode, 0);

    // The CLI prints them clean.
    const CliRun listed = runCli({ QStringLiteral("list"), QStringLiteral("--library"), library });
    QCOMPARE(listed.exitCode, 0);
    QStringList titles;
    for (const QByteArray &line : listed.out.trimmed().split('\n')) {
        const QJsonObject row = QJsonDocument::fromJson(line).object();
        titles.append(row.value(QLatin1String("title")).toString());
        QVERIFY2(!hasBidiFormatting(row.value(QLatin1String("source")).toString()), line.constData());
    }
    titles.sort();
    QCOMPARE(titles, (QStringList { QStringLiteral("Ferry news"), QStringLiteral("Timetable fdp.exe") }));

    // So do the document list and the reader.
    openWindow(library);
    auto *model = m_window->documentModel();
    QCOMPARE(model->rowCount(), 2);
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QString shown = model->index(row, column).data().toString();
            QVERIFY2(!hasBidiFormatting(shown), shown.toUtf8().toPercentEncoding().constData());
        }
        m_window->documentView()->selectRow(row);
        const QString text = m_window->reader()->textEdit()->toPlainText();
        const QString head = text.section(u'\n', 0, 1);
        QVERIFY2(!hasBidiFormatting(head), head.toUtf8().toPercentEncoding().constData());
        QVERIFY(titles.contains(text.section(u'\n', 0, 0)));
    }
}

int main(int argc, char *argv[])
{
    // Before QApplication: unshare() refuses a process with threads.
    namespaceProblem = enterPrivateMountNamespace();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    SafetyWindowTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "safetywindow_test.moc"
