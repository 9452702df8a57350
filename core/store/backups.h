#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

namespace Dossier::Core
{

/*! \brief Where the backup settings are read from: QSettings keys (the window's Preferences write
    them), each overridden by an environment variable when that is set. */
namespace BackupSettings
{
inline constexpr char folderKey[] = "Backups/folder"; //!< empty: <library>.backups beside the library
inline constexpr char keepKey[] = "Backups/keep"; //!< how many to keep; 0 turns automatic backups off
inline constexpr char folderVariable[] = "DOSSIER_BACKUP_FOLDER";
inline constexpr char keepVariable[] = "DOSSIER_BACKUP_KEEP";
inline constexpr int defaultKeep = 7;
/*! An import that adds or changes at least this many articles is followed by a backup. */
inline constexpr int largeImport = 100;
} // namespace BackupSettings

/*! \brief One backup of a library. */
struct BackupInfo {
    QString path;
    QDateTime made; //!< local time, from its name
    qint64 size = 0;
};

/*!
    \brief Rolling automatic backups of a library: at most one a day, plus one after each large
    import, the newest \c keep kept.

    A backup is a complete library file named \c <library>-YYYYMMDD-HHMMSS.dossier, written with
    VACUUM INTO (a consistent snapshot, taken on a read-only connection of its own while other
    connections go on reading and writing) under a temporary name, synced, then renamed, so a
    backup is never seen half-written.
*/
class Backups
{
public:
    enum class Reason {
        Daily, //!< made only when there is none from today
        LargeImport, //!< always made (an import changed many articles)
    };

    /*! Made when it was due and succeeded (path set); error set when it was due and failed. */
    struct Result {
        bool made = false;
        QString path;
        QString error;
    };

    /*! What restoreLatest() did: restored (from \c backup, the replaced file kept as \c keptAside),
        or not, with \c error, and then nothing was changed. */
    struct RestoreResult {
        bool restored = false;
        QString backup;
        QString keptAside; //!< empty when there was no library file to keep
        QString error;
    };

    explicit Backups(const QString &libraryPath);

    /*! Backups of \a libraryPath as the user's settings and the environment say. */
    static Backups fromSettings(const QString &libraryPath);
    /*! <library>.backups, beside the library. */
    static QString defaultFolder(const QString &libraryPath);

    QString libraryPath() const { return m_library; }
    QString folder() const;
    /*! An empty folder means defaultFolder(). */
    void setFolder(const QString &folder);
    int keep() const { return m_keep; }
    /*! How many backups to keep; 0 turns backupIfDue() off. */
    void setKeep(int keep);
    /*! The clock deciding what "today" is (tests move it). */
    void setClock(std::function<QDateTime()> now);

    /*! Makes a backup when \a reason calls for one. A missing or empty library is not backed up. */
    Result backupIfDue(Reason reason);
    /*! The backups there are, newest first. */
    QList<BackupInfo> latest() const;
    /*! Puts the newest backup that passes LibraryCheck in the library's place. The library file
        there (with its -wal and -journal) is first renamed to \c <library>.damaged-YYYYMMDD-HHMMSS,
        never deleted; the backup is copied under a temporary name, synced, then renamed into
        place, so the library is whole at every moment. No connection may have the library open. */
    RestoreResult restoreLatest();

private:
    Result backupNow();
    void prune();

    QString m_library;
    QString m_folder;
    int m_keep = BackupSettings::defaultKeep;
    std::function<QDateTime()> m_now;
};

} // namespace Dossier::Core
