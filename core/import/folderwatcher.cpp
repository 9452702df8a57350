#include "import/folderwatcher.h"

#include "store/library.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcWatch, "dossier.watch")

namespace Dossier::Core
{

namespace
{

// inotify watches are a per-user resource shared with every other program: past this many
// folders and files, the rescan alone finds changes.
constexpr int maxWatches = 4096;
constexpr qint64 recordInterval = 60000;

// The nearest folder above \a path that exists, to hear of \a path coming back.
QString existingAncestor(const QString &path)
{
    QString dir = path;
    while (!dir.isEmpty()) {
        const QString parent = QFileInfo(dir).absolutePath();
        if (parent == dir) {
            return QFileInfo(parent).isDir() ? parent : QString();
        }
        dir = parent;
        if (QFileInfo(dir).isDir()) {
            return dir;
        }
    }
    return {};
}

// Whether the file of the article at \a path is there: the path itself, or for an article that
// came in another file ("FILE#PART", a message's attachment) that file. \a seen: the files the
// check found, looked up before asking the disk.
bool fileIsThere(const QString &path, const QSet<QString> &seen)
{
    if (seen.contains(path)) {
        return true;
    }
    for (qsizetype hash = path.lastIndexOf(u'#'); hash > 0; hash = path.lastIndexOf(u'#', hash - 1)) {
        if (seen.contains(path.left(hash))) {
            return true;
        }
    }
    // Files the walk leaves out (hidden ones, say) were imported by hand: the disk says.
    if (QFileInfo::exists(path)) {
        return true;
    }
    for (qsizetype hash = path.lastIndexOf(u'#'); hash > 0; hash = path.lastIndexOf(u'#', hash - 1)) {
        if (QFileInfo(path.left(hash)).isFile()) {
            return true;
        }
    }
    return false;
}

QByteArray fileSha256(const QString &path, qint64 maxSize)
{
    QFile file(path);
    if ((maxSize > 0 && file.size() > maxSize) || !file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        return {};
    }
    return hash.result().toHex();
}

} // namespace

FolderWatcher::FolderWatcher(const QString &libraryPath, QObject *parent)
    : QObject(parent)
    , m_libraryPath(libraryPath)
{
    qRegisterMetaType<Dossier::Core::ImportSummary>();
    qRegisterMetaType<Dossier::Core::StoreOutcome>();
    qRegisterMetaType<Dossier::Core::WatchedFolder::State>();
    m_clock.start();
}

FolderWatcher::~FolderWatcher() = default;

void FolderWatcher::setOptions(const AnalyzeOptions &options)
{
    m_options = options;
}

void FolderWatcher::setSettleTime(int milliseconds)
{
    m_settleTime = std::max(milliseconds, 0);
}

int FolderWatcher::settleTime() const
{
    return m_settleTime;
}

void FolderWatcher::setRescanInterval(int milliseconds)
{
    m_rescanInterval = std::max(milliseconds, 0);
    if (m_rescan) {
        if (m_rescanInterval > 0) {
            m_rescan->start(m_rescanInterval);
        } else {
            m_rescan->stop();
        }
    }
}

bool FolderWatcher::ensureLibrary()
{
    if (m_library) {
        return true;
    }
    auto library = std::make_unique<Library>(m_libraryPath);
    if (!library->open()) {
        m_error = library->errorString();
        return false;
    }
    if (library->isReadOnly()) {
        m_error
            = QStringLiteral("the library is read-only (its file or folder cannot be written); nothing is imported");
        return false;
    }
    m_library = std::move(library);
    return true;
}

bool FolderWatcher::seedSettled()
{
    if (m_seeded) {
        return true;
    }
    // What the library already holds counts as settled: an unchanged file is not even read.
    const auto stored = m_library->articles().storedFiles();
    if (!stored) {
        m_error = m_library->errorString();
        return false;
    }
    for (auto it = stored->cbegin(); it != stored->cend(); ++it) {
        if (!m_settled.contains(it.key())) {
            m_settled.insert(it.key(), Signature { it->size, it->modified });
        }
    }
    m_seeded = true;
    return true;
}

bool FolderWatcher::start()
{
    if (!ensureLibrary()) {
        return false;
    }
    if (!m_fileSystem) {
        m_fileSystem = new QFileSystemWatcher(this);
        m_soon = new QTimer(this);
        m_soon->setSingleShot(true);
        m_rescan = new QTimer(this);
        connect(m_fileSystem, &QFileSystemWatcher::directoryChanged, this, &FolderWatcher::scheduleCheck);
        connect(m_fileSystem, &QFileSystemWatcher::fileChanged, this, &FolderWatcher::scheduleCheck);
        connect(m_soon, &QTimer::timeout, this, &FolderWatcher::checkNow);
        connect(m_rescan, &QTimer::timeout, this, &FolderWatcher::checkNow);
    }
    if (m_rescanInterval > 0) {
        m_rescan->start(m_rescanInterval);
    }
    checkNow();
    return true;
}

void FolderWatcher::scheduleCheck()
{
    // A burst of notifications (a folder copied in) makes one check, a settle time after the last.
    if (m_soon && !m_stop.load()) {
        m_soon->start(std::max(m_settleTime, 50));
    }
}

void FolderWatcher::requestStop()
{
    m_stop.store(true);
}

bool FolderWatcher::isStopRequested() const
{
    return m_stop.load();
}

QList<WatchedFolder> FolderWatcher::folders() const
{
    return m_folders;
}

QStringList FolderWatcher::pendingFiles() const
{
    QStringList files = m_pending.keys();
    files.sort();
    return files;
}

QString FolderWatcher::errorString() const
{
    return m_error;
}

void FolderWatcher::watchPaths(const QSet<QString> &wanted)
{
    if (!m_fileSystem) {
        return;
    }
    QStringList watched = m_fileSystem->directories() + m_fileSystem->files();
    QStringList drop;
    for (const QString &path : std::as_const(watched)) {
        if (!wanted.contains(path)) {
            drop.append(path);
        }
    }
    if (!drop.isEmpty()) {
        m_fileSystem->removePaths(drop);
    }
    const QSet<QString> kept(watched.cbegin(), watched.cend());
    QStringList add;
    for (const QString &path : wanted) {
        if (!kept.contains(path)) {
            add.append(path);
        }
    }
    if (!add.isEmpty()) {
        m_fileSystem->addPaths(add);
    }
}

ImportSummary FolderWatcher::checkNow()
{
    ImportSummary summary;
    if (m_stop.load()) {
        return summary;
    }
    if (!ensureLibrary()) {
        summary.fatalError = m_error;
        return summary;
    }
    const auto folders = m_library->watchedFolders().all();
    if (!folders) {
        summary.fatalError = m_library->errorString();
        m_error = summary.fatalError;
        return summary;
    }
    m_folders = *folders;
    // Read only once there is something to watch: a library without watched folders costs nothing.
    if (!m_folders.isEmpty() && !seedSettled()) {
        summary.fatalError = m_error;
        return summary;
    }
    QSet<QString> watches;
    QSet<QString> seen;
    QStringList unreadableFolders; // what is under them is neither there nor gone: it cannot be told
    QStringList ready;
    QHash<QString, Signature> readySignatures;
    const qint64 scanTime = QDateTime::currentMSecsSinceEpoch();
    for (WatchedFolder &folder : m_folders) {
        const bool present = QFileInfo(folder.path).isDir();
        const WatchedFolder::State state = present ? WatchedFolder::State::Ok : WatchedFolder::State::Missing;
        // A write tells every open window to look again: the scan time is kept at most once a
        // minute (and at a watcher's first check of the folder), a change of state at once.
        const bool record
            = state != folder.state || !m_recorded.contains(folder.id) || scanTime - folder.lastScan >= recordInterval;
        if (record && !m_library->watchedFolders().update(folder.id, state, present ? scanTime : 0)) {
            qCWarning(lcWatch) << "cannot record the state of" << folder.path << ":" << m_library->errorString();
        } else if (record) {
            m_recorded.insert(folder.id);
        }
        if (state != folder.state) {
            folder.state = state;
            Q_EMIT folderStateChanged(folder.id, folder.path, state);
        }
        if (!present) {
            if (const QString ancestor = existingAncestor(folder.path); !ancestor.isEmpty()) {
                watches.insert(ancestor);
            }
            continue;
        }
        if (record) {
            folder.lastScan = scanTime;
        }
        watches.insert(folder.path);
        QDirIterator dirs(folder.path, QDir::Dirs | QDir::NoDotAndDotDot,
            QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
        while (dirs.hasNext() && watches.size() < maxWatches) {
            watches.insert(dirs.next());
        }
        QList<ImportFailure> unreadable; // folders that cannot be listed: nothing to import from them
        const QStringList files = collectImportFiles({ folder.path }, &unreadable);
        for (const ImportFailure &failure : std::as_const(unreadable)) {
            unreadableFolders.append(failure.path + u'/');
        }
        for (const QString &file : files) {
            if (seen.contains(file)) {
                continue; // inside two watched folders
            }
            seen.insert(file);
            const QFileInfo info(file);
            const Signature now { info.size(), info.lastModified().toMSecsSinceEpoch() };
            const auto settled = m_settled.constFind(file);
            if (settled != m_settled.constEnd() && *settled == now) {
                m_pending.remove(file);
                continue;
            }
            auto pending = m_pending.find(file);
            if (pending == m_pending.end()) {
                m_pending.insert(file, Pending { now, m_clock.elapsed() });
                Q_EMIT filePending(file);
            } else if (pending->signature != now) {
                *pending = Pending { now, m_clock.elapsed() }; // still being written
            } else if (m_clock.elapsed() - pending->since >= m_settleTime) {
                ready.append(file);
                readySignatures.insert(file, now);
            }
        }
    }
    // Files gone (or no longer in a watched folder) wait no more.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        it = seen.contains(it.key()) ? std::next(it) : m_pending.erase(it);
    }
    for (auto it = m_pending.cbegin(); it != m_pending.cend() && watches.size() < maxWatches; ++it) {
        if (!readySignatures.contains(it.key())) {
            watches.insert(it.key());
        }
    }
    watchPaths(watches);

    QSet<QString> storedPaths;
    const int marked = markMissing(seen, unreadableFolders, scanTime, &storedPaths);
    const int moved = followMoves(&ready, readySignatures, storedPaths);
    if (marked != 0 || moved != 0) {
        Q_EMIT filesFollowed(marked, moved);
    }

    if (!ready.isEmpty() && !m_stop.load()) {
        ImportRequest request;
        request.libraryPath = m_libraryPath;
        request.paths = ready;
        request.options = m_options;
        request.progress
            = [this](int done, int total, const QString &current) { Q_EMIT progress(done, total, current); };
        request.stored = [this](qint64 id, StoreOutcome outcome) { Q_EMIT articleStored(id, outcome); };
        request.waiting = [this] { Q_EMIT waiting(); };
        summary = importFiles(request, m_stop);
        if (summary.fatalError.isEmpty() && !summary.canceled) {
            // Imported, unchanged or failed: looked at again only when it changes again.
            for (const QString &file : std::as_const(ready)) {
                m_settled.insert(file, readySignatures.value(file));
                m_pending.remove(file);
            }
        }
        Q_EMIT imported(summary);
    }
    if (!m_pending.isEmpty()) {
        scheduleCheck();
    }
    Q_EMIT checked();
    return summary;
}

int FolderWatcher::markMissing(
    const QSet<QString> &seen, const QStringList &unreadable, qint64 now, QSet<QString> *storedPaths)
{
    QList<qint64> gone;
    QList<qint64> back;
    QSet<qint64> looked;
    for (const WatchedFolder &folder : std::as_const(m_folders)) {
        const auto stored = m_library->articles().storedFilesUnder(folder.path);
        if (!stored) {
            qCWarning(lcWatch) << "cannot read the articles of" << folder.path << ":" << m_library->errorString();
            continue;
        }
        for (auto it = stored->cbegin(); it != stored->cend(); ++it) {
            storedPaths->insert(it.key());
            if (looked.contains(it->id)) {
                continue; // inside two watched folders
            }
            looked.insert(it->id);
            const QString &path = it.key();
            if (std::any_of(unreadable.cbegin(), unreadable.cend(),
                    [&path](const QString &folder) { return path.startsWith(folder); })) {
                continue;
            }
            const bool there = fileIsThere(path, seen);
            if (!there && it->missingSince == 0) {
                gone.append(it->id);
            } else if (there && it->missingSince != 0) {
                back.append(it->id);
            }
        }
    }
    // Nothing of a missing file's article is removed: only the mark says it is gone.
    if (!m_library->articles().setMissing(gone, now) || !m_library->articles().setMissing(back, 0)) {
        qCWarning(lcWatch) << "cannot mark missing files:" << m_library->errorString();
        return 0;
    }
    if (!gone.isEmpty()) {
        qCInfo(lcWatch) << gone.size() << "article files are missing";
    }
    return int(gone.size() + back.size());
}

int FolderWatcher::followMoves(
    QStringList *ready, const QHash<QString, Signature> &signatures, const QSet<QString> &storedPaths)
{
    if (ready->isEmpty()) {
        return 0;
    }
    const auto missing = m_library->articles().missingFiles();
    if (!missing || missing->isEmpty()) {
        return 0;
    }
    // The missing articles by their file's bytes, the oldest first.
    QHash<QByteArray, QList<std::pair<qint64, QString>>> byContent;
    for (auto it = missing->cbegin(); it != missing->cend(); ++it) {
        byContent[it->sha256].append({ it->id, it.key() });
    }
    for (auto &candidates : byContent) {
        std::sort(candidates.begin(), candidates.end());
    }
    int moved = 0;
    for (auto file = ready->begin(); file != ready->end();) {
        // A new path with the bytes of a missing article is that article, renamed or moved.
        auto candidates
            = storedPaths.contains(*file) ? byContent.end() : byContent.find(fileSha256(*file, m_options.maxFileSize));
        if (candidates == byContent.end() || candidates->isEmpty()) {
            ++file;
            continue;
        }
        const auto [id, oldPath] = candidates->takeFirst();
        if (!m_library->articles().move(id, *file)) {
            qCWarning(lcWatch) << "cannot follow" << oldPath << "to" << *file << ":" << m_library->errorString();
            ++file;
            continue;
        }
        qCInfo(lcWatch) << "followed" << oldPath << "to" << *file;
        Q_EMIT articleMoved(id, oldPath, *file);
        m_settled.insert(*file, signatures.value(*file));
        m_settled.remove(oldPath);
        m_pending.remove(*file);
        ++moved;
        file = ready->erase(file);
    }
    return moved;
}

ImportSummary FolderWatcher::scanOnce(int maxWaitMs)
{
    ImportSummary total;
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        const ImportSummary round = checkNow();
        total.imported += round.imported;
        total.updated += round.updated;
        total.unchanged += round.unchanged;
        total.failed += round.failed;
        total.canceled = total.canceled || round.canceled;
        if (!round.fatalError.isEmpty()) {
            total.fatalError = round.fatalError;
            break;
        }
        if (m_pending.isEmpty() || m_stop.load() || waited.elapsed() >= maxWaitMs) {
            break;
        }
        // The next look is a settle time after the file that waits longest was last seen changing.
        qint64 oldest = m_clock.elapsed();
        for (const Pending &pending : std::as_const(m_pending)) {
            oldest = std::min(oldest, pending.since);
        }
        const qint64 wait = std::clamp<qint64>(oldest + m_settleTime - m_clock.elapsed(), 10, m_settleTime + 10);
        QThread::msleep(static_cast<unsigned long>(wait));
    }
    return total;
}

} // namespace Dossier::Core
