#include "store/copyjob.h"

#include <QtConcurrent>

namespace Dossier::Core
{

CopyJob::CopyJob(QObject *parent)
    : QObject(parent)
{
}

CopyJob::~CopyJob()
{
    cancel();
    waitForFinished();
}

bool CopyJob::start(const QString &from, const QString &to)
{
    if (isRunning()) {
        return false;
    }
    m_cancel = false;
    m_future = QtConcurrent::run([this, from, to] {
        const CopyReport report = LibraryCopy::copy(from, to, [this](qint64 done, qint64 total) {
            // Delivered in the job's thread; a job deleted meanwhile waited for this run to end first.
            QMetaObject::invokeMethod(
                this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
            return !m_cancel.load();
        });
        QMetaObject::invokeMethod(this, [this, report] { Q_EMIT finished(report); }, Qt::QueuedConnection);
    });
    return true;
}

void CopyJob::cancel()
{
    m_cancel = true;
}

bool CopyJob::isRunning() const
{
    return m_future.isRunning();
}

void CopyJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
