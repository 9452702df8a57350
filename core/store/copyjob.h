#pragma once

#include "store/librarycopy.h"

#include <QFuture>
#include <QObject>

#include <atomic>

namespace Dossier::Core
{

/*!
    \brief Copies a library into a new one off the calling thread (LibraryCopy::copy()), telling
    the thread that owns the job how far it got and when it is done. One copy at a time: start()
    while one runs is refused (returns false). cancel() stops it between two writes; the target is
    then left as it was.
*/
class CopyJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyJob)
public:
    explicit CopyJob(QObject *parent = nullptr);
    /*! Cancels and waits for a running copy: it is rolled back, never left half written. */
    ~CopyJob() override;

    bool start(const QString &from, const QString &to);
    void cancel();
    bool isRunning() const;
    void waitForFinished();

Q_SIGNALS:
    /*! Rows written so far out of \a total. */
    void progress(qint64 done, qint64 total);
    void finished(const Dossier::Core::CopyReport &report);

private:
    QFuture<void> m_future;
    std::atomic<bool> m_cancel { false };
};

} // namespace Dossier::Core
