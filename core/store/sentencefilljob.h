#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

namespace Dossier::Core
{

/*! \brief What a sentence-row fill did. */
struct SentenceFillSummary {
    qint64 filled = 0; //!< articles given their sentence rows (0: every article had them)
    bool canceled = false; //!< stopped: the rows written so far stay
    QString error; //!< the library could not be opened or written
};

/*!
    Writes the sentence rows of the articles of the library at \a libraryPath that have none
    (TimelineQuery::fillSentenceRows(): an upgraded library's timeline events and co-occurrence by
    sentence), until done, \a cancel is set or an error occurs. \a progress gets (done, total)
    before each transaction. A canceled fill keeps the rows it wrote: the next one goes on from there.
*/
SentenceFillSummary fillSentences(const QString &libraryPath,
    const std::function<void(qint64 done, qint64 total)> &progress, const std::atomic_bool &cancel);

/*! \brief Runs fillSentences() off the calling thread, with progress and cancel. */
class SentenceFillJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SentenceFillJob)
public:
    explicit SentenceFillJob(const QString &libraryPath, QObject *parent = nullptr);
    /*! Cancels a running fill and waits for it. */
    ~SentenceFillJob() override;

    void start();
    void cancel();
    bool isRunning() const;
    /*! Blocks until the job has finished (for tests and shutdown). */
    void waitForFinished();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const Dossier::Core::SentenceFillSummary &summary);

private:
    QString m_libraryPath;
    std::atomic_bool m_cancel { false };
    QFuture<void> m_future;
};

} // namespace Dossier::Core
