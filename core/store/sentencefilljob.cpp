#include "store/sentencefilljob.h"

#include "store/library.h"
#include "store/timelinequery.h"

#include <QtConcurrent>

namespace Dossier::Core
{

SentenceFillSummary fillSentences(const QString &libraryPath,
    const std::function<void(qint64 done, qint64 total)> &progress, const std::atomic_bool &cancel)
{
    SentenceFillSummary summary;
    Library library(libraryPath);
    if (!library.open()) {
        summary.error = library.errorString();
        return summary;
    }
    const auto filled = library.timeline().fillSentenceRows([&](qint64 done, qint64 total) {
        if (cancel) {
            return false;
        }
        if (progress) {
            progress(done, total);
        }
        return true;
    });
    if (filled) {
        summary.filled = *filled;
    } else if (cancel) {
        summary.canceled = true;
    } else {
        summary.error = library.errorString();
    }
    return summary;
}

SentenceFillJob::SentenceFillJob(const QString &libraryPath, QObject *parent)
    : QObject(parent)
    , m_libraryPath(libraryPath)
{
}

SentenceFillJob::~SentenceFillJob()
{
    cancel();
    waitForFinished();
}

void SentenceFillJob::start()
{
    if (isRunning()) {
        return;
    }
    m_cancel = false;
    m_future = QtConcurrent::run([this] {
        const SentenceFillSummary summary = fillSentences(
            m_libraryPath,
            [this](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(
                    this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
            },
            m_cancel);
        // Delivered in the job's thread; a job deleted meanwhile waited for this run to end first.
        QMetaObject::invokeMethod(this, [this, summary] { Q_EMIT finished(summary); }, Qt::QueuedConnection);
    });
}

void SentenceFillJob::cancel()
{
    m_cancel = true;
}

bool SentenceFillJob::isRunning() const
{
    return m_future.isRunning();
}

void SentenceFillJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
