#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

namespace Dossier::Core
{

/*! \brief What a re-tag run did. */
struct RetagSummary {
    int retagged = 0;
    bool canceled = false;
    QString error; //!< the library could not be opened or written; what was done stays done
};

/*!
    Re-tags the articles an entity curation change queued in the library at \a libraryPath, a few
    (\a articlesPerStep) per transaction, until none wait, \a cancel is set or an error occurs. \a progress gets
    (done, total) after each step; total grows when another change queues more meanwhile. A
    canceled run leaves the rest queued: the next run (or the next start of the GUI) resumes.
*/
RetagSummary retagQueued(const QString &libraryPath, const std::function<void(int done, int total)> &progress,
    const std::atomic_bool &cancel, int articlesPerStep = 32);

/*! \brief Runs retagQueued() off the calling thread, with progress and cancel. */
class RetagJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetagJob)
public:
    explicit RetagJob(const QString &libraryPath, QObject *parent = nullptr);
    ~RetagJob() override;

    void start();
    void cancel();
    bool isRunning() const;
    /*! Blocks until the job has finished (for tests and shutdown). */
    void waitForFinished();

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const Dossier::Core::RetagSummary &summary);

private:
    QString m_libraryPath;
    std::atomic_bool m_cancel { false };
    QFuture<void> m_future;
};

} // namespace Dossier::Core
