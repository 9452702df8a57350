#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

namespace Dossier::Core
{

/*! \brief The rows an upgraded library lacks and is given in the background, article by article. */
enum class FillKind {
    Stories, //!< near-duplicate signatures and stories (DuplicateStore::fillMissingStories())
    Sentences, //!< mentions by sentence and dated sentences (TimelineQuery::fillSentenceRows())
};

/*! \brief What a fill did. */
struct FillSummary {
    qint64 filled = 0; //!< articles given their rows (0: every article had them)
    bool canceled = false; //!< stopped: what was written stays, the next fill goes on from there
    QString error; //!< the library could not be opened or written
};

/*!
    Gives the articles of the library at \a libraryPath the rows of \a kind they lack, until done,
    \a cancel is set or an error occurs. \a progress gets (done, total) before each transaction (a
    story fill then gets (0, 0) as the stories are grouped and written). A canceled fill keeps
    what it wrote (for stories, the signatures computed; the stories are written at the end).
*/
FillSummary fillLibrary(FillKind kind, const QString &libraryPath,
    const std::function<void(qint64 done, qint64 total)> &progress, const std::atomic_bool &cancel);

/*! \brief Runs fillLibrary() off the calling thread, with progress and cancel. */
class FillJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FillJob)
public:
    FillJob(FillKind kind, const QString &libraryPath, QObject *parent = nullptr);
    /*! Cancels a running fill and waits for it. */
    ~FillJob() override;

    void start();
    void cancel();
    bool isRunning() const;
    /*! Blocks until the job has finished (for tests and shutdown). */
    void waitForFinished();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const Dossier::Core::FillSummary &summary);

private:
    FillKind m_kind;
    QString m_libraryPath;
    std::atomic_bool m_cancel { false };
    QFuture<void> m_future;
};

} // namespace Dossier::Core
