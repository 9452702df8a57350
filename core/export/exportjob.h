#pragma once

#include "export/evidencepack.h"
#include "export/exporters.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>

namespace Dossier::Core
{

/*!
    \brief Collects an evidence pack and writes it (collectEvidence() + writePack()) off the
    calling thread, with its own Library opened on the worker thread. Progress and the outcome are
    signalled, queued to the thread that owns the job. Cancelling is cooperative and leaves no file.
*/
class ExportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportJob)
public:
    explicit ExportJob(QObject *parent = nullptr);
    ~ExportJob() override;

    /*! Exports what \a selection chooses from the library at \a libraryPath to \a outPath as
        \a format. Does nothing while a previous export is running. */
    void start(
        const QString &libraryPath, const ExportSelection &selection, ExportFormat format, const QString &outPath);
    /*! Asks the running export to stop at its next step; finished() follows with ok false. */
    void cancel();
    bool isRunning() const;
    /*! Blocks until the export has finished (for tests and shutdown). Queued signals are still
        delivered later, by the owning thread's event loop. */
    void waitForFinished();

Q_SIGNALS:
    /*! \a done of \a total steps of the current phase; \a what names the phase. */
    void progress(int done, int total, const QString &what);
    /*! The export ended; on failure or cancel \a error says why and no file was written. */
    void finished(bool ok, const QString &error, const QString &outPath);

private:
    struct Outcome {
        bool ok = false;
        QString error;
        QString path;
    };
    std::atomic_bool m_cancel { false };
    QFuture<Outcome> m_future;
    // finished() is sent from the watcher, so it comes after the worker let go of its Library and
    // isRunning() is already false when it arrives.
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace Dossier::Core
