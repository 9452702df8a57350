#include "store/repairjob.h"

#include <QtConcurrent>

namespace Dossier::Core
{

RepairJob::RepairJob(QObject *parent)
    : QObject(parent)
{
}

RepairJob::~RepairJob()
{
    waitForFinished();
}

template<typename Work, typename Signal> bool RepairJob::start(const Work &work, Signal signal)
{
    if (isRunning()) {
        return false;
    }
    m_future = QtConcurrent::run([this, work, signal] {
        auto result = work();
        // Delivered in the job's thread; a job deleted meanwhile waited for this run to end first.
        QMetaObject::invokeMethod(
            this,
            [this, signal, result] {
                Q_EMIT(this->*signal)
                (result);
            },
            Qt::QueuedConnection);
    });
    return true;
}

bool RepairJob::check(const QString &libraryPath)
{
    return start([libraryPath] { return LibraryCheck::run(libraryPath); }, &RepairJob::checked);
}

bool RepairJob::recover(const QString &damagedPath, const QString &newPath)
{
    return start(
        [damagedPath, newPath] { return LibraryRecovery::recover(damagedPath, newPath); }, &RepairJob::recovered);
}

bool RepairJob::restoreLatest(const QString &libraryPath)
{
    return start([libraryPath] { return Backups::fromSettings(libraryPath).restoreLatest(); }, &RepairJob::restored);
}

bool RepairJob::isRunning() const
{
    return m_future.isRunning();
}

void RepairJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
