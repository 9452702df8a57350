#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*!
    \brief The library's watched folders (schema 8). Obtained from Library::watchedFolders().

    A folder is kept by its absolute path, the form in which imports store the paths of its files,
    so the articles of a folder are those whose path begins with it.
*/
class WatchedFolderStore
{
public:
    explicit WatchedFolderStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(WatchedFolderStore)

    /*! The absolute, cleaned form of \a path in which folders are stored and compared. */
    static QString normalizedPath(const QString &path);

    /*! Every watched folder, by path, with its article count. */
    std::optional<QList<WatchedFolder>> all();
    /*! The folder watched at \a path (any spelling of it), NotFound when none is. */
    std::optional<WatchedFolder> find(const QString &path);
    /*! Watches \a path, which must be an existing folder (Invalid otherwise). A folder already
        watched is returned as it is. */
    std::optional<WatchedFolder> add(const QString &path);
    /*! Stops watching the folder; its articles stay in the library. NotFound when it is not watched. */
    bool remove(qint64 folderId);
    /*! Records the folder's state, and when \a scannedAt is non-zero, that it was scanned then. */
    bool update(qint64 folderId, WatchedFolder::State state, qint64 scannedAt = 0);

private:
    StoreContext *d;
};

/*! "ok" or "missing", as the library and the CLI write a folder's state. */
QString folderStateName(WatchedFolder::State state);

} // namespace Dossier::Core
