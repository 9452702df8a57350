#pragma once

#include "import/importjob.h"
#include "store/storetypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <atomic>
#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace Dossier::Core
{

class Library;

/*!
    \brief Imports the new and changed files of the library's watched folders as they appear.

    Lives in one thread (the CLI's main thread, or a thread of its own under the window) and does
    all its work there: a QFileSystemWatcher on the watched folders and their subfolders (and on
    files waiting to settle) asks for a check soon after a change, and a periodic rescan catches
    what notifications miss (a file rewritten in place, more folders than the system lets one
    watch). A check compares every article file in the folders with what the library stored (size
    and modification time); a new or changed file is imported only once two checks at least
    settleTime() apart found it the same size and modification time, so a file still being written
    is never imported half-done. Imports go through importFiles(): the same readers, and files
    whose content did not change stay as they are.

    A watched folder that is gone is marked missing (nothing of it is removed from the library);
    its nearest existing parent is watched, and watching resumes when it is back.

    An article whose file is gone from a watched folder (or whose folder is gone) is marked missing
    (ArticleStore::setMissing(): only the mark; its text, entities, tags and annotations stay), and
    the mark goes when the file is there again. A new file whose bytes are those of a missing
    article is that article renamed or moved: the article takes the new path (ArticleStore::move())
    instead of a new one being imported beside it.
*/
class FolderWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FolderWatcher)
public:
    explicit FolderWatcher(const QString &libraryPath, QObject *parent = nullptr);
    ~FolderWatcher() override;

    void setOptions(const AnalyzeOptions &options);
    /*! How long a new or changed file must keep its size and modification time before it is
        imported (default 2000 ms). */
    void setSettleTime(int milliseconds);
    int settleTime() const;
    /*! How often every folder is scanned whatever the notifications say (default 60,000 ms; 0: never). */
    void setRescanInterval(int milliseconds);

    /*! Starts watching from the thread the watcher lives in: opens the library, checks every
        folder at once, then checks again on notifications and rescans. False, with errorString(),
        when the library cannot be opened. */
    bool start();
    /*! Asks for a check soon (after a folder was added or removed, say). */
    void scheduleCheck();
    /*! One check of every watched folder: marks missing and returned folders and files, notes
        new and changed files, follows the settled ones that are missing articles moved, imports
        the other settled ones. Returns what this check imported. */
    ImportSummary checkNow();
    /*! Checks until no file is waiting to settle (or \a maxWaitMs has passed: files still changing
        then are left for later, see pendingFiles()), and returns what was imported. */
    ImportSummary scanOnce(int maxWaitMs = 30000);
    /*! Stops: an import running stops between articles, and no check starts. Safe from any thread
        and from a signal handler. */
    void requestStop();
    bool isStopRequested() const;

    /*! The watched folders as the last check found them. */
    QList<WatchedFolder> folders() const;
    /*! Files seen new or changed that wait to settle. */
    QStringList pendingFiles() const;
    QString errorString() const;

Q_SIGNALS:
    /*! A new or changed file was seen; it is imported once it has settled. */
    void filePending(const QString &path);
    void progress(int done, int total, const QString &current);
    void articleStored(qint64 id, Dossier::Core::StoreOutcome outcome);
    /*! A check imported files (or tried to): what it did. */
    void imported(const Dossier::Core::ImportSummary &summary);
    /*! A watched folder went missing or came back. */
    void folderStateChanged(qint64 folderId, const QString &path, Dossier::Core::WatchedFolder::State state);
    /*! A check marked \a marked articles missing or back (their files gone from a watched folder,
        or there again) and followed \a moved files renamed or moved within the watched folders. */
    void filesFollowed(int marked, int moved);
    /*! The file of article \a id was found at \a newPath: the article took its new path. */
    void articleMoved(qint64 id, const QString &oldPath, const QString &newPath);
    /*! A check is done (the folders' states and scan times are stored). */
    void checked();
    /*! An import waits for another program that is writing to the library. */
    void waiting();

private:
    struct Signature {
        qint64 size = -1;
        qint64 modified = 0;
        bool operator==(const Signature &other) const = default;
    };
    struct Pending {
        Signature signature;
        qint64 since = 0; //!< m_clock time when the file was first seen with this signature
    };

    bool ensureLibrary();
    bool seedSettled();
    /*! Marks the articles whose files are gone from the watched folders missing and clears the
        marks of those back; returns how many changed. \a storedPaths receives the stored paths inside them. */
    int markMissing(const QSet<QString> &seen, const QStringList &unreadable, qint64 now, QSet<QString> *storedPaths);
    /*! Takes out of \a ready the new files that are missing articles moved (the same bytes) and
        moves those articles there; returns how many. */
    int followMoves(QStringList *ready, const QHash<QString, Signature> &signatures, const QSet<QString> &storedPaths);
    void watchPaths(const QSet<QString> &paths);

    QString m_libraryPath;
    AnalyzeOptions m_options;
    int m_settleTime = 2000;
    int m_rescanInterval = 60000;
    std::unique_ptr<Library> m_library;
    QList<WatchedFolder> m_folders;
    QHash<QString, Signature> m_settled; //!< files as they were last imported or found unchanged
    QHash<QString, Pending> m_pending;
    bool m_seeded = false; //!< m_settled holds what the library stored
    QSet<qint64> m_recorded; //!< folders whose state and scan time this watcher stored
    QElapsedTimer m_clock;
    QFileSystemWatcher *m_fileSystem = nullptr;
    QTimer *m_soon = nullptr;
    QTimer *m_rescan = nullptr;
    QString m_error;
    std::atomic_bool m_stop { false };
};

} // namespace Dossier::Core
