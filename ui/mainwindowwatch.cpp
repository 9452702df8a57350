// MainWindow: watched folders. The watcher (Core::FolderWatcher) runs on a thread of its own while
// a writable library is open; what it imports reaches the views through the session.

#include "import/folderwatcher.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "readerview.h"
#include "store/librarysession.h"
#include "watchedfoldersdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QThread>
#include <QTimer>

namespace Dossier::Ui
{

void MainWindow::startWatching()
{
    stopWatching();
    if (!library() || library()->isReadOnly()) {
        return;
    }
    m_watchThread = new QThread(this);
    m_watchThread->setObjectName(QStringLiteral("folderWatcher"));
    m_watcher = new Core::FolderWatcher(library()->path());
    Core::AnalyzeOptions options;
    options.maxFileSize
        = qint64(QSettings().value(QLatin1String(Settings::maxFileSizeMb), Settings::defaultMaxFileSizeMb).toInt())
        * 1024 * 1024;
    m_watcher->setOptions(options);
    m_watcher->moveToThread(m_watchThread);
    // Everything the watcher does happens on its thread; it is deleted there when the thread ends.
    connect(m_watchThread, &QThread::started, m_watcher, [watcher = m_watcher] {
        if (!watcher->start()) {
            qWarning("cannot watch the folders: %s", qPrintable(watcher->errorString()));
        }
    });
    connect(m_watchThread, &QThread::finished, m_watcher, &QObject::deleteLater);
    connect(m_watcher, &Core::FolderWatcher::articleStored, m_refreshDelay, qOverload<>(&QTimer::start));
    connect(m_watcher, &Core::FolderWatcher::imported, this, &MainWindow::watchImported);
    connect(m_watcher, &Core::FolderWatcher::filesFollowed, this, &MainWindow::watchFollowed);
    // A folder's state and scan time reach the views through the session's poll of the data
    // version (announcing them here would take commits of other programs made meanwhile as seen).
    connect(m_watcher, &Core::FolderWatcher::folderStateChanged, this,
        [this](qint64, const QString &path, Core::WatchedFolder::State state) {
            statusBar()->showMessage(state == Core::WatchedFolder::State::Missing
                    ? tr("The watched folder %1 is missing; its articles stay in the library.")
                          .arg(QDir::toNativeSeparators(path))
                    : tr("The watched folder %1 is back.").arg(QDir::toNativeSeparators(path)),
                10000);
        });
    m_watchThread->start();
}

void MainWindow::stopWatching()
{
    if (!m_watchThread) {
        return;
    }
    m_watcher->requestStop(); // an import running stops between articles
    disconnect(m_watcher, nullptr, this, nullptr);
    m_watchThread->quit();
    m_watchThread->wait();
    delete m_watchThread;
    m_watchThread = nullptr;
    m_watcher = nullptr;
}

void MainWindow::watchImported(const Core::ImportSummary &summary)
{
    m_refreshDelay->stop();
    Core::LibraryChanges changes;
    changes.allArticles = true;
    changes.entities = true;
    changes.allAnnotations = true;
    changes.tags = true;
    changes.folders = true;
    m_session->announce(changes);
    if (summary.imported + summary.updated > 0 || !summary.failed.isEmpty()) {
        statusBar()->showMessage(tr("Watched folders: %n new article(s)", nullptr, summary.imported)
                + tr(", %n updated", nullptr, summary.updated) + tr(", %n failed", nullptr, int(summary.failed.size())),
            10000);
    }
    for (const Core::ImportFailure &failure : summary.failed) {
        m_failureList->addItem(tr("%1 — %2").arg(failure.path, failure.error));
    }
    m_failures->setVisible(m_failureList->count() > 0);
    if (!summary.fatalError.isEmpty()) {
        statusBar()->showMessage(tr("Importing from the watched folders failed: %1").arg(summary.fatalError), 10000);
    }
}

void MainWindow::watchFollowed(int marked, int moved)
{
    Core::LibraryChanges changes;
    changes.allArticles = true;
    changes.allAnnotations = true;
    changes.folders = true;
    m_session->announce(changes);
    updateMissingBanner();
    updateStatus();
    if (moved > 0) {
        statusBar()->showMessage(tr("Watched folders: %n renamed or moved file(s) followed", nullptr, moved), 10000);
    } else if (marked > 0) {
        statusBar()->showMessage(
            tr("Watched folders: %n article(s) whose file went missing or came back", nullptr, marked), 10000);
    }
}

void MainWindow::updateMissingBanner()
{
    m_reader->setMissingSince(
        library() && m_currentId >= 0 ? library()->articles().missingSince(m_currentId).value_or(0) : 0);
}

void MainWindow::chooseWatchFolder()
{
    auto *dialog = new QFileDialog(this, tr("Watch a Folder"), lastImportFolder());
    dialog->setObjectName(QStringLiteral("watchFolderDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &folder) { watchFolder(folder); });
    dialog->open();
}

bool MainWindow::watchFolder(const QString &folder)
{
    Core::LibraryChanges changes;
    changes.folders = true;
    if (!m_session->write(
            changes, [&folder](Core::Library &library) { return library.watchedFolders().add(folder).has_value(); })) {
        QMessageBox::warning(this, tr("Cannot Watch the Folder"), m_session->errorString());
        return false;
    }
    statusBar()->showMessage(
        tr("Watching %1: its new and changed files are imported.").arg(QDir::toNativeSeparators(folder)), 10000);
    if (m_watcher) {
        QMetaObject::invokeMethod(m_watcher, &Core::FolderWatcher::scheduleCheck, Qt::QueuedConnection);
    }
    return true;
}

WatchedFoldersDialog *MainWindow::showWatchedFolders()
{
    if (!m_watchedFolders) {
        m_watchedFolders = new WatchedFoldersDialog(m_session, this);
        m_watchedFolders->setObjectName(QStringLiteral("watchedFoldersDialog"));
        connect(m_watchedFolders, &WatchedFoldersDialog::addRequested, this, &MainWindow::chooseWatchFolder);
    }
    m_watchedFolders->refresh();
    m_watchedFolders->show();
    m_watchedFolders->raise();
    return m_watchedFolders;
}

} // namespace Dossier::Ui
