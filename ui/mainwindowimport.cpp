// MainWindow: importing files and folders (chosen, dropped or given), with progress, cancel and
// the failures panel.

#include "documentlistmodel.h"
#include "import/importjob.h"
#include "import/qdpximport.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "store/backupjob.h"
#include "store/librarysession.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QtConcurrent>

namespace Dossier::Ui
{

namespace
{

const QString settingsImportFolder = QStringLiteral("import/lastFolder");

// What a project import ended with: its report, or why it failed.
struct ProjectImport {
    std::optional<Core::QdpxImportReport> report;
    QString error;
};

} // namespace

bool MainWindow::isImporting() const
{
    return m_import != nullptr || m_projectImport != nullptr;
}

void MainWindow::chooseProject()
{
    auto *dialog = new QFileDialog(
        this, tr("Import a REFI-QDA Project"), lastImportFolder(), tr("REFI-QDA projects (*.qdpx);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importProjectDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::fileSelected, this, [this, dialog](const QString &path) {
        QSettings().setValue(settingsImportFolder, dialog->directory().absolutePath());
        importProject(path);
    });
    dialog->open();
}

void MainWindow::importProject(const QString &project, const QString &into)
{
    if (!library()) {
        return;
    }
    if (isImporting()) {
        statusBar()->showMessage(tr("An import is already running; wait for it or cancel it first."), 5000);
        return;
    }
    if (library()->isReadOnly()) {
        statusBar()->showMessage(tr("This library is read-only: nothing can be imported into it."), 5000);
        return;
    }
    const QFileInfo info(project);
    const QString folder
        = into.isEmpty() ? info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral(" sources")) : into;
    const QString libraryPath = library()->path();
    auto *watcher = new QFutureWatcher<ProjectImport>(this);
    m_projectImport = watcher;
    connect(watcher, &QFutureWatcher<ProjectImport>::finished, this, [this, watcher, info, folder] {
        const ProjectImport outcome = watcher->result();
        watcher->deleteLater();
        m_projectImport = nullptr;
        m_progress->hide();
        m_progressLabel->hide();
        // Whatever was stored before a failure stays, so the views follow either way.
        Core::LibraryChanges changes;
        changes.allArticles = true;
        changes.allAnnotations = true;
        changes.tags = true;
        changes.entities = true;
        m_session->announce(changes);
        auto *box = new QMessageBox(this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setObjectName(QStringLiteral("projectImportReport"));
        if (!outcome.report) {
            box->setIcon(QMessageBox::Warning);
            box->setWindowTitle(tr("Project Not Imported"));
            box->setText(tr("%1 could not be imported: %2").arg(info.fileName(), outcome.error));
        } else {
            const Core::QdpxImportReport &report = *outcome.report;
            box->setIcon(report.skipped.isEmpty() ? QMessageBox::Information : QMessageBox::Warning);
            box->setWindowTitle(tr("Project Imported"));
            box->setText(tr("From %1: %n article(s)", nullptr, int(report.articles.size())).arg(info.fileName())
                + tr(", %n highlight(s)", nullptr, report.passages) + tr(", %n code(s)", nullptr, report.codes)
                + QLatin1Char('.'));
            box->setInformativeText(report.skipped.isEmpty()
                    ? tr("The texts are in %1.").arg(folder)
                    : tr("The texts are in %1. %n part(s) of the project were left out (see the details).", nullptr,
                          int(report.skipped.size()))
                          .arg(folder));
            box->setDetailedText(report.skipped.join(QLatin1Char('\n')));
            statusBar()->showMessage(box->text(), 10000);
        }
        box->open();
    });
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Importing %1…").arg(info.fileName()));
    m_progress->show();
    m_progressLabel->show();
    // A connection of its own, off the GUI thread; the session hears of it when it is done.
    watcher->setFuture(QtConcurrent::run([libraryPath, project = info.absoluteFilePath(), folder] {
        ProjectImport outcome;
        Core::Library target(libraryPath);
        if (!target.open()) {
            outcome.error = target.errorString();
            return outcome;
        }
        outcome.report = Core::importQdpx(target, project, folder, &outcome.error);
        return outcome;
    }));
}

void MainWindow::importPaths(const QStringList &paths)
{
    if (!library() || paths.isEmpty()) {
        return;
    }
    if (m_import) {
        statusBar()->showMessage(tr("An import is already running; wait for it or cancel it first."), 5000);
        return;
    }
    if (library()->isReadOnly()) {
        statusBar()->showMessage(tr("This library is read-only: nothing can be imported into it."), 5000);
        return;
    }
    m_import = new Core::ImportJob(library()->path(), paths, this);
    Core::AnalyzeOptions options;
    options.maxFileSize
        = qint64(QSettings().value(QLatin1String(Settings::maxFileSizeMb), Settings::defaultMaxFileSizeMb).toInt())
        * 1024 * 1024;
    m_import->setOptions(options);
    connect(m_import, &Core::ImportJob::progress, this, [this](int done, int total, const QString &current) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_progressLabel->setText(tr("Importing %1 of %2: %3").arg(done).arg(total).arg(QFileInfo(current).fileName()));
    });
    connect(m_import, &Core::ImportJob::articleStored, m_refreshDelay, qOverload<>(&QTimer::start));
    connect(m_import, &Core::ImportJob::waiting, this,
        [this] { m_progressLabel->setText(tr("Waiting for the library (another program is writing)…")); });
    connect(m_import, &Core::ImportJob::finished, this, &MainWindow::importFinished);
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Importing…"));
    for (QWidget *w : { static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
             static_cast<QWidget *>(m_cancel) }) {
        w->show();
    }
    m_import->start();
}

void MainWindow::importFinished(const Core::ImportSummary &summary)
{
    m_import->deleteLater();
    m_import = nullptr;
    for (QWidget *w : { static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
             static_cast<QWidget *>(m_cancel) }) {
        w->hide();
    }
    m_refreshDelay->stop();
    // The job wrote on its own connection: the session tells every view. Re-imported articles may
    // have moved or orphaned passages, and a new article's tags join the counts.
    Core::LibraryChanges changes;
    changes.allArticles = true;
    changes.entities = true;
    changes.allAnnotations = true;
    changes.tags = true;
    m_session->announce(changes);
    QString message = tr("Import %1: %2 new, %3 updated, %4 unchanged, %5 failed")
                          .arg(summary.canceled ? tr("cancelled") : tr("finished"))
                          .arg(summary.imported)
                          .arg(summary.updated)
                          .arg(summary.unchanged)
                          .arg(summary.failed.size());
    statusBar()->showMessage(message, 10000);
    for (const Core::ImportFailure &failure : summary.failed) {
        m_failureList->addItem(tr("%1 — %2").arg(failure.path, failure.error));
    }
    m_failures->setVisible(m_failureList->count() > 0);
    if (library() && summary.imported + summary.updated >= Core::BackupSettings::largeImport) {
        backUp(true);
    }
    if (!summary.fatalError.isEmpty()) {
        QMessageBox::warning(this, tr("Import Stopped"),
            tr("The import stopped: %1\nArticles stored before that are kept.").arg(summary.fatalError));
    }
}

void MainWindow::chooseImportFiles()
{
    auto *dialog = new QFileDialog(this, tr("Import Files"), lastImportFolder(),
        tr("Articles (*.txt *.text *.html *.htm *.xhtml *.md *.markdown *.pdf *.docx *.odt *.eml *.mbox *.mht "
           "*.mhtml);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importFilesDialog"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    openImportDialog(dialog);
}

void MainWindow::chooseImportFolder()
{
    auto *dialog = new QFileDialog(this, tr("Import a Folder"), lastImportFolder());
    dialog->setObjectName(QStringLiteral("importFolderDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    openImportDialog(dialog);
}

QString MainWindow::lastImportFolder() const
{
    const QString last = QSettings().value(settingsImportFolder).toString();
    return !last.isEmpty() && QFileInfo(last).isDir() ? last : QDir::homePath();
}

void MainWindow::openImportDialog(QFileDialog *dialog)
{
    // Window-modal and not blocking: the window goes on painting an import already running.
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::filesSelected, this, [this, dialog](const QStringList &paths) {
        QSettings().setValue(settingsImportFolder, dialog->directory().absolutePath());
        importPaths(paths);
    });
    dialog->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &url) { return url.isLocalFile(); })) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        importPaths(paths);
    }
}

} // namespace Dossier::Ui
