#pragma once

#include "analysis/analyzer.h"
#include "store/library.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>

namespace Dossier::Core
{

/*! \brief A file that could not be imported, and why. */
struct ImportFailure {
    QString path;
    QString error;
};

/*! \brief What an import did. */
struct ImportSummary {
    int imported = 0;
    int updated = 0;
    int unchanged = 0;
    QList<ImportFailure> failed;
    bool canceled = false;
    QString fatalError; //!< the library itself could not be opened or written; nothing after it was stored
};

/*! \brief What an import is told and tells. Callbacks run on the importing thread. */
struct ImportRequest {
    QString libraryPath;
    QStringList paths; //!< files and folders (recursive)
    AnalyzeOptions options;
    int threads = 0; //!< analysis threads; 0 = one per core
    std::function<void(int done, int total, const QString &current)> progress;
    std::function<void(qint64 id, StoreOutcome outcome)> stored;
    std::function<void()> waiting; //!< once, when the import has to wait for another process's write
};

/*! The files an import of \a paths reads: files as given; folders walked recursively (symlinks
    followed, loops cut) for article files (.txt, .html, .htm, .xhtml, .md, .markdown, .pdf, .docx, .odt,
    .eml, .mbox, .mht, .mhtml), hidden entries skipped. Paths that do not exist are returned as failures. */
QStringList collectImportFiles(const QStringList &paths, QList<ImportFailure> *failures);

/*! Imports synchronously on the calling thread (analysis runs on a worker pool). Checks \a cancel
    between articles; an article is either fully stored or not at all. */
ImportSummary importFiles(const ImportRequest &request, const std::atomic_bool &cancel);

/*!
    \brief Runs importFiles() off the calling thread, reporting progress through signals (queued
    to the thread that owns the job).
*/
class ImportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportJob)
public:
    explicit ImportJob(const QString &libraryPath, const QStringList &paths, QObject *parent = nullptr);
    ~ImportJob() override;

    void setOptions(const AnalyzeOptions &options);
    void start();
    void cancel();
    bool isRunning() const;
    /*! Blocks until the job has finished (for tests and shutdown). */
    void waitForFinished();

Q_SIGNALS:
    void progress(int done, int total, const QString &current);
    void articleStored(qint64 id, Dossier::Core::StoreOutcome outcome);
    /*! The import waits for another program that is writing to the library. */
    void waiting();
    void finished(const Dossier::Core::ImportSummary &summary);

private:
    QString m_libraryPath;
    QStringList m_paths;
    AnalyzeOptions m_options;
    std::atomic_bool m_cancel { false };
    QFuture<void> m_future;
};

} // namespace Dossier::Core
