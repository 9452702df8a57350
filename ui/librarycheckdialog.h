#pragma once

#include "store/backups.h"
#include "store/integrity.h"
#include "store/recovery.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace Dossier::Core
{
class RepairJob;
} // namespace Dossier::Core

namespace Dossier::Ui
{

/*!
    \brief Checks a library and helps with a damaged one: the report of File › Check Library
    (sound, or the problems found), and the choices offered when a library cannot be read —
    restore its latest backup (the damaged file is kept aside) or recover what can be read into a
    new library. The work runs off the GUI thread (Core::RepairJob); the dialog shows it as busy.
*/
class LibraryCheckDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibraryCheckDialog)
public:
    explicit LibraryCheckDialog(QWidget *parent = nullptr);
    ~LibraryCheckDialog() override;

    /*! Checks \a libraryPath and shows what was found; a damaged library can then be recovered. */
    void check(const QString &libraryPath);
    /*! Says that \a libraryPath could not be opened (\a error) and offers to restore its latest
        backup, when there is one, or to recover what can be read. */
    void offerRepair(const QString &libraryPath, const QString &error);

    bool isBusy() const;
    // For tests and automation: the parts a user reads and drives.
    QLabel *message() const { return m_message; }
    /*! The problems a check found, or what a recovery lost. */
    QTreeWidget *details() const { return m_details; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *recoverButton() const { return m_recover; }
    QPushButton *openRecoveredButton() const { return m_openRecovered; }

public Q_SLOTS:
    /*! Not while a recovery or restore runs: it cannot be stopped half way. */
    void reject() override;

Q_SIGNALS:
    /*! The user chose to open \a path (a recovered or restored library). */
    void openLibraryRequested(const QString &path);

private:
    void setBusy(const QString &message);
    void chooseRecoveryFile();
    void restore();
    void showReport(const Core::IntegrityReport &report);
    void showRecovery(const Core::RecoveryReport &report);
    void showRestore(const Core::Backups::RestoreResult &result);

    QString m_library;
    QString m_recovered;
    Core::RepairJob *m_job = nullptr;
    QLabel *m_message = nullptr;
    QProgressBar *m_progress = nullptr;
    QTreeWidget *m_details = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_recover = nullptr;
    QPushButton *m_openRecovered = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Dossier::Ui
