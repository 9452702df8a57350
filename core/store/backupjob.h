#pragma once

#include "store/backups.h"

#include <QFuture>
#include <QObject>

namespace Dossier::Core
{

/*!
    \brief Makes the automatic backup of a library off the calling thread (Backups::fromSettings(),
    then backupIfDue()), telling the thread that owns the job when it is done. One at a time: a
    request while one runs is dropped (the running one is as recent).
*/
class BackupJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupJob)
public:
    explicit BackupJob(QObject *parent = nullptr);
    /*! Waits for a running backup: its file is whole or not there. */
    ~BackupJob() override;

    void request(const QString &libraryPath, Dossier::Core::Backups::Reason reason);
    bool isRunning() const;
    void waitForFinished();

Q_SIGNALS:
    /*! Only when a backup was due: made, or failed with its error. */
    void finished(const Dossier::Core::Backups::Result &result);

private:
    QFuture<void> m_future;
};

} // namespace Dossier::Core
