#include "fillstatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace Dossier::Ui
{

FillStatus::FillStatus(Core::FillKind kind, const QString &what, const QString &stopTip, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(what, this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setAccessibleName(tr("%1: progress").arg(what));
    auto *stop = new QToolButton(this);
    stop->setObjectName(QStringLiteral("stopFill"));
    stop->setText(tr("Stop"));
    stop->setToolTip(stopTip);
    layout->addWidget(label);
    layout->addWidget(m_progress);
    layout->addWidget(stop);
    hide();
    connect(stop, &QToolButton::clicked, this, [this] {
        if (m_job) {
            m_job->cancel();
        }
    });
}

void FillStatus::start(const QString &libraryPath, qint64 total)
{
    if (m_job) {
        return;
    }
    m_job = new Core::FillJob(m_kind, libraryPath, this);
    connect(m_job, &Core::FillJob::progress, this, [this](qint64 done, qint64 total) {
        // Article by article; a total of 0 is work without a measure (a story fill's grouping): busy.
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
        m_progress->setFormat(total > 0 ? tr("%1 of %2").arg(done).arg(total) : QString());
    });
    connect(m_job, &Core::FillJob::finished, this, [this](const Core::FillSummary &summary) {
        m_job->deleteLater();
        m_job = nullptr;
        hide();
        Q_EMIT finished(summary);
    });
    m_progress->setRange(0, int(total));
    m_progress->setValue(0);
    show();
    m_job->start();
}

void FillStatus::drop()
{
    if (!m_job) {
        return;
    }
    Core::FillJob *job = m_job;
    m_job = nullptr;
    job->cancel();
    disconnect(job, nullptr, this, nullptr);
    connect(job, &Core::FillJob::finished, job, &QObject::deleteLater);
    hide();
}

bool FillStatus::isRunning() const
{
    return m_job != nullptr;
}

} // namespace Dossier::Ui
