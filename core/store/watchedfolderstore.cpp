// Watched folders: the folders FolderWatcher imports from, their state and last scan.

#include "store/watchedfolderstore.h"

#include "store/storecontext_p.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace Dossier::Core
{

namespace
{

const QString selectFolders
    = QStringLiteral("SELECT f.id, f.path, f.state, f.last_scan, f.added_at, "
                     "(SELECT count(*) FROM articles a WHERE a.path >= f.path || '/' AND a.path < f.path || '0') "
                     "FROM watched_folders f ");

WatchedFolder readFolder(const QSqlQuery &query)
{
    WatchedFolder folder;
    folder.id = query.value(0).toLongLong();
    folder.path = query.value(1).toString();
    folder.state = query.value(2).toString() == u"missing" ? WatchedFolder::State::Missing : WatchedFolder::State::Ok;
    folder.lastScan = query.value(3).toLongLong();
    folder.addedAt = query.value(4).toLongLong();
    folder.articles = query.value(5).toLongLong();
    return folder;
}

} // namespace

QString folderStateName(WatchedFolder::State state)
{
    return state == WatchedFolder::State::Missing ? QStringLiteral("missing") : QStringLiteral("ok");
}

WatchedFolderStore::WatchedFolderStore(StoreContext *context)
    : d(context)
{
}

QString WatchedFolderStore::normalizedPath(const QString &path)
{
    if (path.isEmpty()) {
        return {};
    }
    QString cleaned = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // The root is the one folder whose path ends with '/'; its files' paths begin with it.
    if (cleaned.size() > 1 && cleaned.endsWith(u'/')) {
        cleaned.chop(1);
    }
    return cleaned;
}

std::optional<QList<WatchedFolder>> WatchedFolderStore::all()
{
    QSqlQuery query(d->db());
    if (!d->run(query, selectFolders + QStringLiteral("ORDER BY f.path"), {})) {
        return std::nullopt;
    }
    QList<WatchedFolder> folders;
    while (query.next()) {
        folders.append(readFolder(query));
    }
    return folders;
}

std::optional<WatchedFolder> WatchedFolderStore::find(const QString &path)
{
    const QString normalized = normalizedPath(path);
    QSqlQuery query(d->db());
    if (!d->runOne(query, selectFolders + QStringLiteral("WHERE f.path = ?"), { normalized },
            StoreError(QStringLiteral("%1 is not a watched folder").arg(normalized), StoreError::Kind::NotFound))) {
        return std::nullopt;
    }
    return readFolder(query);
}

std::optional<WatchedFolder> WatchedFolderStore::add(const QString &path)
{
    const QString normalized = normalizedPath(path);
    if (normalized.isEmpty() || !QFileInfo(normalized).isDir()) {
        d->error = StoreError(QStringLiteral("%1 is not a folder").arg(normalized.isEmpty() ? path : normalized),
            StoreError::Kind::Invalid);
        return std::nullopt;
    }
    const bool added = d->transaction([&] {
        d->changed({ .folders = true });
        QSqlQuery insert(d->db());
        return d->run(insert,
            QStringLiteral("INSERT INTO watched_folders (path, state, last_scan, added_at) VALUES (?, 'ok', 0, ?) "
                           "ON CONFLICT (path) DO NOTHING"),
            { normalized, now() });
    });
    if (!added) {
        return std::nullopt;
    }
    return find(normalized);
}

bool WatchedFolderStore::remove(qint64 folderId)
{
    return d->transaction([&] {
        d->changed({ .folders = true });
        QSqlQuery query(d->db());
        if (!d->run(query, QStringLiteral("DELETE FROM watched_folders WHERE id = ?"), { folderId })) {
            return false;
        }
        if (query.numRowsAffected() == 0) {
            d->error = StoreError(
                QStringLiteral("no watched folder has the id %1").arg(folderId), StoreError::Kind::NotFound);
            return false;
        }
        return true;
    });
}

bool WatchedFolderStore::update(qint64 folderId, WatchedFolder::State state, qint64 scannedAt)
{
    return d->transaction([&] {
        d->changed({ .folders = true });
        QSqlQuery query(d->db());
        if (scannedAt > 0) {
            return d->run(query, QStringLiteral("UPDATE watched_folders SET state = ?, last_scan = ? WHERE id = ?"),
                { folderStateName(state), scannedAt, folderId });
        }
        return d->run(query, QStringLiteral("UPDATE watched_folders SET state = ? WHERE id = ?"),
            { folderStateName(state), folderId });
    });
}

} // namespace Dossier::Core
