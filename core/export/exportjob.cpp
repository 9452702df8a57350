#include "export/exportjob.h"

#include "store/library.h"

#include <QLoggingCategory>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcExport, "dossier.export")

namespace Dossier::Core
{

ExportJob::ExportJob(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const Outcome outcome = m_watcher.future().result();
        if (!outcome.ok) {
            qCInfo(lcExport) << "export to" << outcome.path << "failed:" << outcome.error;
        }
        Q_EMIT finished(outcome.ok, outcome.error, outcome.path);
    });
}

ExportJob::~ExportJob()
{
    cancel();
    waitForFinished();
}

void ExportJob::start(
    const QString &libraryPath, const ExportSelection &selection, ExportFormat format, const QString &outPath)
{
    if (isRunning()) {
        return;
    }
    m_cancel = false;
    // The phase names are made here, on the owning thread, where a translator is installed.
    const QString collecting = tr("Reading articles");
    const QString writing = tr("Writing pages");
    m_future = QtConcurrent::run([this, libraryPath, selection, format, outPath, collecting, writing] {
        // At most about 200 notices per phase: a whole-library export may read 100,000 articles.
        int reported = -1;
        const auto report = [this, &reported](int done, int total, const QString &what) {
            if (done < reported || done == total || done - reported >= qMax(1, total / 200)) {
                reported = done;
                QMetaObject::invokeMethod(
                    this, [this, done, total, what] { Q_EMIT progress(done, total, what); }, Qt::QueuedConnection);
            }
            return !m_cancel.load();
        };
        const QString cancelled = QStringLiteral("the export was cancelled");
        Outcome outcome { false, {}, outPath };

        // One Library per thread: Qt's SQL connections cannot cross threads.
        Library library(libraryPath);
        if (!library.open()) {
            outcome.error = library.errorString();
            return outcome;
        }
        QString error;
        const auto pack = collectEvidence(library, selection, &error,
            [&](qsizetype done, qsizetype total) { return report(int(done), int(total), collecting); });
        if (!pack || m_cancel.load()) {
            outcome.error = m_cancel.load() ? cancelled : error;
            return outcome;
        }
        if (!writePack(
                *pack, format, outPath, &error, [&](int done, int total) { return report(done, total, writing); })) {
            outcome.error = m_cancel.load() ? cancelled : error;
            return outcome;
        }
        outcome.ok = true;
        return outcome;
    });
    m_watcher.setFuture(m_future);
}

void ExportJob::cancel()
{
    m_cancel = true;
}

bool ExportJob::isRunning() const
{
    return m_future.isRunning();
}

void ExportJob::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace Dossier::Core
