#include "store/backupjob.h"

#include <QtConcurrent>

namespace Dossier::Core
{

BackupJob::BackupJob(QObject *parent)
    : QObject(parent)
{
}

BackupJob::~BackupJob()
{
    waitForFinished();
}

void BackupJob::request(const QString &libraryPath, Backups::Reason reason)
{
    if (isRunning()) {
        return;
    }
    m_future = QtConcurrent::run([this, libraryPath, reason] {
        const Backups::Result result = Backups::fromSettings(libraryPath).backupIfDue(reason);
        if (result.made || !result.error.isEmpty()) {
            QMetaObject::invokeMethod(this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
        }
    });
}

bool BackupJob::isRunning() const
{
    return m_future.isRunning();
}

void BackupJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
