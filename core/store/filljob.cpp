#include "store/filljob.h"

#include "store/duplicatestore.h"
#include "store/library.h"
#include "store/timelinequery.h"

#include <QtConcurrent>

namespace Dossier::Core
{

FillSummary fillLibrary(FillKind kind, const QString &libraryPath,
    const std::function<void(qint64 done, qint64 total)> &progress, const std::atomic_bool &cancel)
{
    FillSummary summary;
    Library library(libraryPath);
    if (!library.open()) {
        summary.error = library.errorString();
        return summary;
    }
    const auto report = [&](qint64 done, qint64 total) {
        if (cancel) {
            return false;
        }
        if (progress) {
            progress(done, total);
        }
        return true;
    };
    const std::optional<qint64> filled = kind == FillKind::Stories ? library.duplicates().fillMissingStories(report)
                                                                   : library.timeline().fillSentenceRows(report);
    if (filled) {
        summary.filled = *filled;
    } else if (cancel) {
        summary.canceled = true;
    } else {
        summary.error = library.errorString();
    }
    return summary;
}

FillJob::FillJob(FillKind kind, const QString &libraryPath, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_libraryPath(libraryPath)
{
}

FillJob::~FillJob()
{
    cancel();
    waitForFinished();
}

void FillJob::start()
{
    if (isRunning()) {
        return;
    }
    m_cancel = false;
    m_future = QtConcurrent::run([this] {
        const FillSummary summary = fillLibrary(
            m_kind, m_libraryPath,
            [this](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(
                    this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
            },
            m_cancel);
        // Delivered in the job's thread; a job deleted meanwhile waited for this run to end first.
        QMetaObject::invokeMethod(this, [this, summary] { Q_EMIT finished(summary); }, Qt::QueuedConnection);
    });
}

void FillJob::cancel()
{
    m_cancel = true;
}

bool FillJob::isRunning() const
{
    return m_future.isRunning();
}

void FillJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
