#include "import/retagjob.h"

#include "import/retagger.h"
#include "store/library.h"

#include <QtConcurrent>

#include <algorithm>

namespace Dossier::Core
{

RetagSummary retagQueued(const QString &libraryPath, const std::function<void(int done, int total)> &progress,
    const std::atomic_bool &cancel, int articlesPerStep)
{
    RetagSummary summary;
    Library library(libraryPath);
    if (!library.open()) {
        summary.error = library.errorString();
        return summary;
    }
    // Steps of a few dozen articles: each holds the write lock for some 50 ms only, so an import
    // or an annotation in another window never waits long, while the commits (each synced to
    // disk) stay few.
    const int step = std::max(1, articlesPerStep);
    while (!cancel) {
        const auto waiting = library.curation().pendingRetags();
        if (!waiting) {
            summary.error = library.errorString();
            return summary;
        }
        if (*waiting == 0) {
            return summary;
        }
        if (progress) {
            progress(summary.retagged, summary.retagged + int(*waiting));
        }
        const auto done = Retagger(library).retagPending(step);
        if (!done) {
            summary.error = library.errorString();
            return summary;
        }
        summary.retagged += *done;
    }
    summary.canceled = true;
    return summary;
}

RetagJob::RetagJob(const QString &libraryPath, QObject *parent)
    : QObject(parent)
    , m_libraryPath(libraryPath)
{
}

RetagJob::~RetagJob()
{
    cancel();
    waitForFinished();
}

void RetagJob::start()
{
    if (isRunning()) {
        return;
    }
    m_cancel = false;
    m_future = QtConcurrent::run([this] {
        const RetagSummary summary = retagQueued(
            m_libraryPath,
            [this](int done, int total) {
                QMetaObject::invokeMethod(
                    this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
            },
            m_cancel);
        QMetaObject::invokeMethod(this, [this, summary] { Q_EMIT finished(summary); }, Qt::QueuedConnection);
    });
}

void RetagJob::cancel()
{
    m_cancel = true;
}

bool RetagJob::isRunning() const
{
    return m_future.isRunning();
}

void RetagJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
