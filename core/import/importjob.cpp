#include "import/importjob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcImport, "dossier.import")

namespace Dossier::Core
{

namespace
{

bool isArticleSuffix(const QString &suffix)
{
    static const QSet<QString> suffixes { QStringLiteral("txt"), QStringLiteral("text"), QStringLiteral("html"),
        QStringLiteral("htm"), QStringLiteral("xhtml"), QStringLiteral("md"), QStringLiteral("markdown"),
        QStringLiteral("pdf"), QStringLiteral("docx"), QStringLiteral("odt"), QStringLiteral("eml"),
        QStringLiteral("mbox"), QStringLiteral("mht"), QStringLiteral("mhtml") };
    return suffixes.contains(suffix.toLower());
}

// What one worker made of one file.
struct Analysed {
    QString path;
    AnalyzeResult result;
    bool unchanged = false;
};

constexpr int batchSize = 32;

} // namespace

QStringList collectImportFiles(const QStringList &paths, QList<ImportFailure> *failures)
{
    QStringList files;
    QSet<QString> seenFiles;
    QSet<QString> seenDirs;
    for (const QString &given : paths) {
        const QFileInfo info(given);
        if (!info.exists()) {
            failures->append({ info.absoluteFilePath(), QStringLiteral("file not found") });
            continue;
        }
        if (!info.isDir()) {
            const QString path = info.absoluteFilePath();
            if (!seenFiles.contains(path)) {
                seenFiles.insert(path);
                files.append(path);
            }
            continue;
        }
        // Depth-first walk with an explicit stack; a folder is entered once by its canonical path,
        // which cuts symlink loops.
        QStringList stack { info.absoluteFilePath() };
        while (!stack.isEmpty()) {
            const QString dir = stack.takeLast();
            const QString canonical = QFileInfo(dir).canonicalFilePath();
            if (canonical.isEmpty() || seenDirs.contains(canonical)) {
                continue;
            }
            seenDirs.insert(canonical);
            if (!QFileInfo(dir).isReadable()) {
                failures->append({ dir, QStringLiteral("permission denied: cannot read the folder") });
                continue;
            }
            // System lists FIFOs and dangling symlinks, and unreadable files are listed too: they
            // are reported as failures, never skipped silently.
            const QFileInfoList entries
                = QDir(dir).entryInfoList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
            QStringList subdirs;
            for (const QFileInfo &entry : entries) {
                if (entry.isDir()) {
                    subdirs.append(entry.absoluteFilePath());
                } else if (isArticleSuffix(entry.suffix()) && !seenFiles.contains(entry.absoluteFilePath())) {
                    seenFiles.insert(entry.absoluteFilePath());
                    files.append(entry.absoluteFilePath());
                }
            }
            for (auto it = subdirs.crbegin(); it != subdirs.crend(); ++it) {
                stack.append(*it);
            }
        }
    }
    return files;
}

ImportSummary importFiles(const ImportRequest &request, const std::atomic_bool &cancel)
{
    ImportSummary summary;
    Library library(request.libraryPath);
    if (!library.open()) {
        summary.fatalError = library.errorString();
        return summary;
    }
    if (library.isReadOnly()) {
        summary.fatalError
            = QStringLiteral("the library is read-only (its file or folder cannot be written); nothing was imported");
        return summary;
    }
    library.setWaitNotifier(request.waiting);
    const QStringList files = collectImportFiles(request.paths, &summary.failed);
    const int total = int(files.size());
    const std::optional<QHash<QString, StoredFile>> storedFiles = library.articles().storedFiles();
    // How the library types its names as the import starts: the same for every file of the run, whatever
    // the order the threads finish in.
    std::optional<LibraryTypes> nameTypes = storedFiles ? library.entities().nameTypes() : std::nullopt;
    if (!nameTypes) {
        summary.fatalError
            = QStringLiteral("cannot read the library: %1; nothing was imported").arg(library.errorString());
        return summary;
    }
    const QHash<QString, StoredFile> &stored = *storedFiles;
    AnalyzeOptions options = request.options;
    options.libraryTypes = std::make_shared<const LibraryTypes>(std::move(*nameTypes));
    const Analyzer analyzer(options);

    QThreadPool pool;
    if (request.threads > 0) {
        pool.setMaxThreadCount(request.threads);
    }
    const auto analyse = [&](const QString &path) {
        Analysed out;
        out.path = path;
        QByteArray bytes;
        QString error;
        if (!analyzer.readFile(path, &bytes, &error)) {
            out.result.error = error;
            return out;
        }
        const auto known = stored.constFind(path);
        if (known != stored.constEnd()
            && known->sha256 == QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()) {
            out.unchanged = true;
            return out;
        }
        // The messages of a mailbox are compared one by one: only new and changed ones are read again.
        const auto knownPart = [&stored](const QString &part, const QByteArray &sha256) {
            const auto it = stored.constFind(part);
            return it != stored.constEnd() && it->sha256 == sha256;
        };
        out.result = analyzer.analyzeBytes(path, bytes, knownPart);
        out.result.article.modified = QFileInfo(path).lastModified().toMSecsSinceEpoch();
        for (AnalyzeResult &part : out.result.parts) {
            part.article.modified = out.result.article.modified;
        }
        return out;
    };

    // Analysis of the next batch runs on the pool while this thread stores the current one.
    const auto startBatch
        = [&](qsizetype first) { return QtConcurrent::mapped(&pool, files.mid(first, batchSize), analyse); };
    QFuture<Analysed> next = startBatch(0);
    // The batch in flight uses this frame's locals: wait for it whatever way we leave.
    const auto waitForNext = qScopeGuard([&] {
        next.cancel();
        next.waitForFinished();
    });
    int done = 0;
    for (qsizetype first = 0; first < files.size() && !summary.canceled; first += batchSize) {
        if (cancel.load()) {
            summary.canceled = true;
            break;
        }
        const QList<Analysed> results = next.results();
        if (first + batchSize < files.size()) {
            next = startBatch(first + batchSize);
        }
        // One transaction per batch, one savepoint per article: counts and "stored" notices only
        // take effect once the batch is committed, so nobody hears of an article before it is there.
        if (!library.articles().beginBatch()) {
            summary.fatalError = library.errorString();
            return summary;
        }
        ImportSummary pending;
        QList<std::pair<qint64, StoreOutcome>> stored;
        // Files read unchanged that were marked missing are there again (a stored one loses its mark).
        QList<qint64> returned;
        const auto noteReturned = [&](const QString &path) {
            const auto known = storedFiles->constFind(path);
            if (known != storedFiles->constEnd() && known->missingSince != 0) {
                returned.append(known->id);
            }
        };
        // False when the library itself failed (disk full, locked, read-only): keep what is stored, stop.
        const auto storeOne = [&](const AnalyzeResult &result, const QString &path) {
            if (result.unchanged) {
                noteReturned(path);
                ++pending.unchanged;
            } else if (!result.ok()) {
                pending.failed.append({ path, result.error });
            } else if (qint64 id = -1; const auto outcome = library.articles().store(result.article, &id)) {
                switch (*outcome) {
                case StoreOutcome::Imported:
                    ++pending.imported;
                    break;
                case StoreOutcome::Updated:
                    ++pending.updated;
                    break;
                case StoreOutcome::Unchanged:
                    ++pending.unchanged;
                    break;
                }
                stored.append({ id, *outcome });
            } else {
                summary.fatalError = library.errorString();
                return false;
            }
            return true;
        };
        for (const Analysed &item : results) {
            if (cancel.load()) {
                summary.canceled = true;
                break;
            }
            if (item.unchanged) {
                noteReturned(item.path);
                ++pending.unchanged;
            } else if (!item.result.container || !item.result.ok()) {
                if (!storeOne(item.result, item.path)) {
                    break;
                }
            }
            bool failed = false;
            for (const AnalyzeResult &part : item.result.parts) {
                if (!storeOne(part, part.article.path)) {
                    failed = true;
                    break;
                }
            }
            if (failed) {
                break;
            }
            ++done;
            if (request.progress) {
                request.progress(done, total, item.path);
            }
        }
        if (summary.fatalError.isEmpty() && !library.articles().setMissing(returned, 0)) {
            summary.fatalError = library.errorString();
        }
        if (!library.articles().commitBatch()) {
            if (summary.fatalError.isEmpty()) {
                summary.fatalError = library.errorString();
            }
            qCWarning(lcImport) << "import stopped:" << summary.fatalError;
            return summary;
        }
        summary.imported += pending.imported;
        summary.updated += pending.updated;
        summary.unchanged += pending.unchanged;
        summary.failed += pending.failed;
        if (request.stored) {
            for (const auto &[id, outcome] : std::as_const(stored)) {
                request.stored(id, outcome);
            }
        }
        if (!summary.fatalError.isEmpty()) {
            qCWarning(lcImport) << "import stopped:" << summary.fatalError;
            return summary;
        }
    }
    return summary;
}

ImportJob::ImportJob(const QString &libraryPath, const QStringList &paths, QObject *parent)
    : QObject(parent)
    , m_libraryPath(libraryPath)
    , m_paths(paths)
{
    qRegisterMetaType<Dossier::Core::ImportSummary>();
    qRegisterMetaType<Dossier::Core::StoreOutcome>();
}

ImportJob::~ImportJob()
{
    cancel();
    waitForFinished();
}

void ImportJob::setOptions(const AnalyzeOptions &options)
{
    m_options = options;
}

void ImportJob::start()
{
    if (isRunning()) {
        return;
    }
    m_cancel = false;
    m_future = QtConcurrent::run([this] {
        ImportRequest request;
        request.libraryPath = m_libraryPath;
        request.paths = m_paths;
        request.options = m_options;
        request.progress = [this](int done, int total, const QString &current) {
            QMetaObject::invokeMethod(
                this, [this, done, total, current] { Q_EMIT progress(done, total, current); }, Qt::QueuedConnection);
        };
        request.stored = [this](qint64 id, StoreOutcome outcome) {
            QMetaObject::invokeMethod(
                this, [this, id, outcome] { Q_EMIT articleStored(id, outcome); }, Qt::QueuedConnection);
        };
        request.waiting = [this] { QMetaObject::invokeMethod(this, &ImportJob::waiting, Qt::QueuedConnection); };
        const ImportSummary summary = importFiles(request, m_cancel);
        QMetaObject::invokeMethod(this, [this, summary] { Q_EMIT finished(summary); }, Qt::QueuedConnection);
    });
}

void ImportJob::cancel()
{
    m_cancel = true;
}

bool ImportJob::isRunning() const
{
    return m_future.isRunning();
}

void ImportJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
