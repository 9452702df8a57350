#pragma once

#include "store/backups.h"
#include "store/integrity.h"
#include "store/recovery.h"

#include <QFuture>
#include <QObject>

namespace Dossier::Core
{

/*!
    \brief Checks, recovers or restores a library off the calling thread (LibraryCheck::run(),
    LibraryRecovery::recover(), Backups::restoreLatest()), telling the thread that owns the job
    when it is done. One operation at a time: a request while one runs is refused (returns false).
*/
class RepairJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepairJob)
public:
    explicit RepairJob(QObject *parent = nullptr);
    /*! Waits for a running operation: a recovery or restore is never left half done. */
    ~RepairJob() override;

    bool check(const QString &libraryPath);
    bool recover(const QString &damagedPath, const QString &newPath);
    /*! Backups::fromSettings(libraryPath).restoreLatest(). */
    bool restoreLatest(const QString &libraryPath);
    bool isRunning() const;
    void waitForFinished();

Q_SIGNALS:
    void checked(const Dossier::Core::IntegrityReport &report);
    void recovered(const Dossier::Core::RecoveryReport &report);
    void restored(const Dossier::Core::Backups::RestoreResult &result);

private:
    template<typename Work, typename Signal> bool start(const Work &work, Signal signal);

    QFuture<void> m_future;
};

} // namespace Dossier::Core
