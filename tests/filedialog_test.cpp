#include "documentlistmodel.h"
#include "mainwindow.h"
#include "store/library.h"
#include "translations.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;

// The window's import dialogs reach the user's folders wherever they are: under the home folder
// and under /var/tmp (outside the repository, the working directory and /tmp, the only places a
// build root used to see). scripts/test's host checks run this test with DOSSIER_TEST_HOST_DIRS
// naming folders it made on the host; under plain ctest it makes its own in the same places.
class FileDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dialogsStartAtHome();
    void folderDialogSeesAndImportsAFolder_data();
    void folderDialogSeesAndImportsAFolder();
    void filesDialogSeesAndImportsFiles_data();
    void filesDialogSeesAndImportsFiles();

private:
    QFileDialog *openDialog(const char *action, const char *dialog);
    void addRows();
    QTemporaryDir m_work;
    std::vector<std::unique_ptr<QTemporaryDir>> m_made;
    QStringList m_folders;
    int m_round = 0;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace
{

void writeArticle(const QString &path, const QString &title)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((title
        + QStringLiteral("\n\nHarbour Desk, 4 March 2026\n\nMaren Holt of the Harbour Authority said on "
                         "Tuesday that the ferry terminal would open in the spring.\n"))
            .toUtf8());
}

// The names a file dialog lists for the folder it shows, once its model has read the folder.
QStringList listed(QFileDialog *dialog)
{
    auto *model = dialog->findChild<QFileSystemModel *>();
    if (!model) {
        return {};
    }
    const QModelIndex folder = model->index(dialog->directory().absolutePath());
    QStringList names;
    for (int row = 0; row < model->rowCount(folder); ++row) {
        names.append(model->index(row, 0, folder).data().toString());
    }
    names.sort();
    return names;
}

} // namespace

void FileDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QVERIFY(m_work.isValid());
    const QString given = qEnvironmentVariable("DOSSIER_TEST_HOST_DIRS");
    if (!given.isEmpty()) {
        m_folders = given.split(u':', Qt::SkipEmptyParts);
    } else {
        for (const QString &parent : { QDir::homePath(), QStringLiteral("/var/tmp") }) {
            auto dir = std::make_unique<QTemporaryDir>(parent + QStringLiteral("/dossier-dialog-test-XXXXXX"));
            QVERIFY2(dir->isValid(), qPrintable(parent));
            m_folders.append(dir->path());
            m_made.push_back(std::move(dir));
        }
    }
    // Each folder gets a sub-folder of articles of its own, so the imports do not overlap.
    for (const QString &folder : std::as_const(m_folders)) {
        const QString articles = folder + QStringLiteral("/dialog-articles");
        QVERIFY(QDir().mkpath(articles));
        writeArticle(articles + QStringLiteral("/first.txt"), QStringLiteral("First report from %1").arg(folder));
        writeArticle(articles + QStringLiteral("/second.md"), QStringLiteral("Second report from %1").arg(folder));
    }
}

void FileDialogTest::init()
{
    // Where the last import dialog was left (a folder of an earlier run may still exist).
    QSettings().remove(QStringLiteral("import/lastFolder"));
    // Its fixtures are near-duplicates of one another: one row per article (View › Group Copies off).
    QSettings().setValue(QStringLiteral("list/groupCopies"), false);
    m_window = std::make_unique<Ui::MainWindow>();
    // A new library for each test and row, so that what a row imports is all the list shows.
    QVERIFY(m_window->openLibrary(m_work.filePath(QStringLiteral("dialogs-%1.dossier").arg(++m_round))));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void FileDialogTest::cleanup()
{
    m_window.reset();
}

void FileDialogTest::addRows()
{
    QTest::addColumn<QString>("folder");
    for (const QString &folder : std::as_const(m_folders)) {
        QTest::newRow(qPrintable(folder)) << folder;
    }
}

QFileDialog *FileDialogTest::openDialog(const char *action, const char *dialog)
{
    auto *trigger = m_window->findChild<QAction *>(QLatin1StringView(action));
    if (!trigger) {
        return nullptr;
    }
    trigger->trigger();
    auto *opened = m_window->findChild<QFileDialog *>(QLatin1StringView(dialog));
    return opened && opened->isVisible() ? opened : nullptr;
}

void FileDialogTest::dialogsStartAtHome()
{
    QFileDialog *dialog = openDialog("importFolderAction", "importFolderDialog");
    QVERIFY(dialog);
    // The home folder is the user's (not a build root's own /root), and it is where the dialog starts.
    QCOMPARE(dialog->directory().absolutePath(), QDir::homePath());
    QVERIFY(QDir::home().exists());
    QTRY_VERIFY(!listed(dialog).isEmpty());
    dialog->reject();
}

void FileDialogTest::folderDialogSeesAndImportsAFolder_data()
{
    addRows();
}

void FileDialogTest::folderDialogSeesAndImportsAFolder()
{
    QFETCH(QString, folder);
    QFileDialog *dialog = openDialog("importFolderAction", "importFolderDialog");
    QVERIFY(dialog);
    dialog->setDirectory(folder);
    QTRY_VERIFY2(listed(dialog).contains(QLatin1String("dialog-articles")), qPrintable(listed(dialog).join(u' ')));
    // Into the folder, as a double click does, then Choose: the dialog picks the folder it shows.
    dialog->setDirectory(folder + QStringLiteral("/dialog-articles"));
    QMetaObject::invokeMethod(dialog, "accept"); // a slot; protected as a function
    QTRY_COMPARE_WITH_TIMEOUT(m_window->documentModel()->rowCount(), 2, 20000);
    for (int row = 0; row < 2; ++row) {
        const QString path = m_window->documentModel()->index(row, 0).data(Ui::DocumentListModel::PathRole).toString();
        QVERIFY2(path.startsWith(folder + QStringLiteral("/dialog-articles/")), qPrintable(path));
    }
    // The next dialog starts where this one left.
    QFileDialog *again = openDialog("importFilesAction", "importFilesDialog");
    QVERIFY(again);
    QVERIFY2(again->directory().absolutePath().startsWith(folder), qPrintable(again->directory().absolutePath()));
    again->reject();
}

void FileDialogTest::filesDialogSeesAndImportsFiles_data()
{
    addRows();
}

void FileDialogTest::filesDialogSeesAndImportsFiles()
{
    QFETCH(QString, folder);
    QFileDialog *dialog = openDialog("importFilesAction", "importFilesDialog");
    QVERIFY(dialog);
    dialog->setDirectory(folder + QStringLiteral("/dialog-articles"));
    const QStringList expected { QStringLiteral("first.txt"), QStringLiteral("second.md") };
    QTRY_COMPARE(listed(dialog), expected);
    // Typed into the file name field, as a user picking both would see them written there.
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    QVERIFY(name);
    name->clear();
    QTest::keyClicks(name, QStringLiteral("\"first.txt\" \"second.md\""));
    QMetaObject::invokeMethod(dialog, "accept"); // a slot; protected as a function
    QTRY_COMPARE_WITH_TIMEOUT(m_window->documentModel()->rowCount(), 2, 20000);
    for (int row = 0; row < 2; ++row) {
        const QString path = m_window->documentModel()->index(row, 0).data(Ui::DocumentListModel::PathRole).toString();
        QVERIFY2(path.startsWith(folder + QStringLiteral("/dialog-articles/")), qPrintable(path));
    }
}

QTEST_MAIN(FileDialogTest)
#include "filedialog_test.moc"
