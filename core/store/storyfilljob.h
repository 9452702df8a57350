#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

namespace Dossier::Core
{

/*! \brief What a story fill did. */
struct StoryFillSummary {
    qint64 filled = 0; //!< articles given a story (0: every article had one)
    bool canceled = false; //!< stopped: the signatures computed stay, the stories were not written
    QString error; //!< the library could not be opened or written
};

/*!
    Gives the articles of the library at \a libraryPath that have no story yet theirs
    (DuplicateStore::fillMissingStories(): an upgraded library's first grouping), until done,
    \a cancel is set or an error occurs. \a progress gets (done, total) before each transaction of
    missing signatures, then (0, 0) as the stories are grouped and written. A canceled fill keeps
    the signatures it computed: the next one goes on from there.
*/
StoryFillSummary fillStories(const QString &libraryPath, const std::function<void(qint64 done, qint64 total)> &progress,
    const std::atomic_bool &cancel);

/*! \brief Runs fillStories() off the calling thread, with progress and cancel. */
class StoryFillJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoryFillJob)
public:
    explicit StoryFillJob(const QString &libraryPath, QObject *parent = nullptr);
    /*! Cancels a running fill and waits for it. */
    ~StoryFillJob() override;

    void start();
    void cancel();
    bool isRunning() const;
    /*! Blocks until the job has finished (for tests and shutdown). */
    void waitForFinished();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const Dossier::Core::StoryFillSummary &summary);

private:
    QString m_libraryPath;
    std::atomic_bool m_cancel { false };
    QFuture<void> m_future;
};

} // namespace Dossier::Core
