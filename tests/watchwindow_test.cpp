// The window's watched folders, driven offscreen: File › Watch Folder… through its real dialog,
// new files appearing in the list while the window is open, File › Watched Folders… showing the
// folder's state and removing it.

#include "documentlistmodel.h"
#include "import/folderwatcher.h"
#include "mainwindow.h"
#include "readerview.h"
#include "store/library.h"
#include "store/librarysession.h"
#include "translations.h"
#include "watchedfoldersdialog.h"

#include <QAction>
#include <QBrush>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeWidget>

using namespace Dossier;

class WatchWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void watchFolderActionImportsNewFiles();
    void removedFileIsShownMissing();

private:
    QTemporaryDir m_work;
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

// The list's row of the article at \a path; invalid while it is not listed.
QModelIndex rowOf(const Ui::DocumentListModel *model, const QString &path)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, Ui::DocumentListModel::Title);
        if (index.data(Ui::DocumentListModel::PathRole).toString() == path) {
            return index;
        }
    }
    return {};
}

qint64 missingSince(const Ui::DocumentListModel *model, const QString &path)
{
    return rowOf(model, path).data(Ui::DocumentListModel::MissingSinceRole).toLongLong();
}

} // namespace

void WatchWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QVERIFY(m_work.isValid());
    QSettings().remove(QStringLiteral("import/lastFolder"));
    // Its fixtures are near-duplicates of one another: one row per article (View › Group Copies off).
    QSettings().setValue(QStringLiteral("list/groupCopies"), false);
}

void WatchWindowTest::watchFolderActionImportsNewFiles()
{
    const QString folder = m_work.filePath(QStringLiteral("inbox"));
    QVERIFY(QDir().mkpath(folder));
    writeArticle(folder + QStringLiteral("/first.txt"), QStringLiteral("Ferry terminal plans approved"));
    Ui::MainWindow window;
    QVERIFY(window.openLibrary(m_work.filePath(QStringLiteral("window.dossier"))));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The watcher runs off the GUI thread.
    QVERIFY(window.folderWatcher());
    QVERIFY(window.folderWatcher()->thread() != QThread::currentThread());

    // File › Watch Folder…, the folder chosen in its dialog.
    auto *action = window.findChild<QAction *>(QStringLiteral("watchFolderAction"));
    QVERIFY(action && action->isEnabled());
    action->trigger();
    auto *dialog = window.findChild<QFileDialog *>(QStringLiteral("watchFolderDialog"));
    QVERIFY(dialog && dialog->isVisible());
    dialog->setDirectory(folder);
    QMetaObject::invokeMethod(dialog, "accept");
    {
        const auto watched = window.librarySession()->library()->watchedFolders().all();
        QVERIFY(watched);
        QCOMPARE(watched->size(), 1);
        QCOMPARE(watched->front().path, folder);
    }
    // What was there, then what arrives while the window is open.
    QTRY_COMPARE_WITH_TIMEOUT(window.documentModel()->rowCount(), 1, 30000);
    writeArticle(folder + QStringLiteral("/second.txt"), QStringLiteral("Second ferry report"));
    QTRY_COMPARE_WITH_TIMEOUT(window.documentModel()->rowCount(), 2, 30000);

    // File › Watched Folders…: the folder, its state and its articles.
    auto *list = window.findChild<QAction *>(QStringLiteral("watchedFoldersAction"));
    QVERIFY(list);
    list->trigger();
    auto *folders = window.findChild<Ui::WatchedFoldersDialog *>(QStringLiteral("watchedFoldersDialog"));
    QVERIFY(folders && folders->isVisible());
    QTreeWidget *rows = folders->folderList();
    QCOMPARE(rows->topLevelItemCount(), 1);
    QCOMPARE(rows->topLevelItem(0)->text(0), QDir::toNativeSeparators(folder));
    QCOMPARE(rows->topLevelItem(0)->text(1), QStringLiteral("OK"));
    QTRY_COMPARE_WITH_TIMEOUT(rows->topLevelItem(0)->text(3), QStringLiteral("2"), 30000);

    // The folder gone: missing, its articles still listed.
    QVERIFY(QDir(folder).removeRecursively());
    QTRY_COMPARE_WITH_TIMEOUT(rows->topLevelItem(0)->text(1), QStringLiteral("Missing"), 30000);
    QCOMPARE(window.documentModel()->rowCount(), 2);

    // Removed from the watched folders: the articles stay.
    rows->setCurrentItem(rows->topLevelItem(0));
    auto *remove = folders->findChild<QPushButton *>(QStringLiteral("removeWatchedFolderButton"));
    QVERIFY(remove && remove->isEnabled());
    remove->click();
    QCOMPARE(rows->topLevelItemCount(), 0);
    QCOMPARE(window.librarySession()->library()->watchedFolders().all()->size(), 0);
    QCOMPARE(window.documentModel()->rowCount(), 2);
}

void WatchWindowTest::removedFileIsShownMissing()
{
    const QString folder = m_work.filePath(QStringLiteral("desk"));
    QVERIFY(QDir().mkpath(folder));
    const QString gone = folder + QStringLiteral("/gone.txt");
    const QString kept = folder + QStringLiteral("/kept.txt");
    writeArticle(gone, QStringLiteral("Ferry terminal plans approved"));
    writeArticle(kept, QStringLiteral("Harbour dredging resumes"));
    const QString libraryPath = m_work.filePath(QStringLiteral("missing.dossier"));
    {
        Core::Library library(libraryPath);
        QVERIFY(library.open());
        QVERIFY(library.watchedFolders().add(folder));
    }
    Ui::MainWindow window;
    QVERIFY(window.openLibrary(libraryPath));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Ui::DocumentListModel *model = window.documentModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(model, gone).isValid(), 30000);
    window.documentView()->setCurrentIndex(rowOf(model, gone));
    QLabel *banner = window.reader()->missingBanner();
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    QVERIFY(!rowOf(model, gone).data(Qt::ForegroundRole).isValid());
    QLabel *count = nullptr;
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Document count")) {
            count = label;
        }
    }
    QVERIFY(count);
    QVERIFY2(!count->text().contains(QLatin1String("missing")), qPrintable(count->text()));

    // Deleted on disk: the row stays, greyed, saying since when; the reader says so above the article.
    QVERIFY(QFile::remove(gone));
    QTRY_VERIFY_WITH_TIMEOUT(missingSince(model, gone) > 0, 30000);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(missingSince(model, kept), 0);
    const QModelIndex row = rowOf(model, gone);
    QCOMPARE(row.data(Qt::ForegroundRole).value<QBrush>(),
        QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text));
    QVERIFY2(row.data(Qt::ToolTipRole).toString().startsWith(QLatin1String("Missing since ")),
        qPrintable(row.data(Qt::ToolTipRole).toString()));
    QVERIFY(!rowOf(model, kept).data(Qt::ForegroundRole).isValid());
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
    QVERIFY2(banner->text().startsWith(QLatin1String("Missing since ")), qPrintable(banner->text()));
    QTRY_VERIFY2_WITH_TIMEOUT(count->text().endsWith(QLatin1String("1 missing")), qPrintable(count->text()), 30000);

    // Back: shown as before.
    writeArticle(gone, QStringLiteral("Ferry terminal plans approved"));
    QTRY_COMPARE_WITH_TIMEOUT(missingSince(model, gone), 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 30000);
    QVERIFY(!rowOf(model, gone).data(Qt::ForegroundRole).isValid());
    QTRY_VERIFY2_WITH_TIMEOUT(!count->text().contains(QLatin1String("missing")), qPrintable(count->text()), 30000);
}

QTEST_MAIN(WatchWindowTest)
#include "watchwindow_test.moc"
