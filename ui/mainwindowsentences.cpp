// MainWindow: the sentence rows of an upgraded library (schema 14) written in the background when
// it opens, with progress in the status bar. Until they land, the timeline's events and
// co-occurrence by sentence read the bodies (the same answers, slower).

#include "mainwindow.h"
#include "store/library.h"
#include "store/sentencefilljob.h"
#include "store/timelinequery.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

namespace Dossier::Ui
{

void MainWindow::createSentenceFillStatus()
{
    m_sentenceFillStatus = new QWidget(this);
    m_sentenceFillStatus->setObjectName(QStringLiteral("sentenceFillStatus"));
    auto *layout = new QHBoxLayout(m_sentenceFillStatus);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Indexing sentences"), m_sentenceFillStatus);
    m_sentenceFillProgress = new QProgressBar(m_sentenceFillStatus);
    m_sentenceFillProgress->setMaximumWidth(160);
    m_sentenceFillProgress->setAccessibleName(tr("Sentence indexing progress"));
    m_sentenceFillProgress->setRange(0, 0);
    auto *stop = new QToolButton(m_sentenceFillStatus);
    stop->setObjectName(QStringLiteral("stopSentenceFill"));
    stop->setText(tr("Stop"));
    stop->setToolTip(tr("Stop indexing sentences; it goes on from where it stopped the next time the library opens"));
    layout->addWidget(label);
    layout->addWidget(m_sentenceFillProgress);
    layout->addWidget(stop);
    statusBar()->addPermanentWidget(m_sentenceFillStatus);
    m_sentenceFillStatus->hide();
    connect(stop, &QToolButton::clicked, this, [this] {
        if (m_sentenceFill) {
            m_sentenceFill->cancel();
        }
    });
}

void MainWindow::startSentenceFill()
{
    if (m_sentenceFill || !library() || library()->isReadOnly()) {
        return;
    }
    const std::optional<qint64> missing = library()->timeline().missingSentenceRows();
    if (!missing || *missing == 0) {
        return;
    }
    m_sentenceFill = new Core::SentenceFillJob(library()->path(), this);
    connect(m_sentenceFill, &Core::SentenceFillJob::progress, this, [this](qint64 done, qint64 total) {
        m_sentenceFillProgress->setRange(0, int(total));
        m_sentenceFillProgress->setValue(int(done));
        m_sentenceFillProgress->setFormat(tr("%1 of %2").arg(done).arg(total));
    });
    connect(m_sentenceFill, &Core::SentenceFillJob::finished, this, [this](const Core::SentenceFillSummary &summary) {
        m_sentenceFill->deleteLater();
        m_sentenceFill = nullptr;
        m_sentenceFillStatus->hide();
        if (!summary.error.isEmpty()) {
            statusBar()->showMessage(tr("Cannot index sentences: %1").arg(summary.error));
        } else if (summary.canceled) {
            statusBar()->showMessage(tr("Indexing sentences stopped; the timeline's events read the articles"), 5000);
        }
    });
    m_sentenceFillProgress->setRange(0, int(*missing));
    m_sentenceFillProgress->setValue(0);
    m_sentenceFillStatus->show();
    m_sentenceFill->start();
}

void MainWindow::stopSentenceFill()
{
    // The fill of the library closing is dropped: the rows written stay, its next open goes on.
    if (!m_sentenceFill) {
        return;
    }
    Core::SentenceFillJob *job = m_sentenceFill;
    m_sentenceFill = nullptr;
    job->cancel();
    disconnect(job, nullptr, this, nullptr);
    connect(job, &Core::SentenceFillJob::finished, job, &QObject::deleteLater);
    m_sentenceFillStatus->hide();
}

bool MainWindow::isFillingSentences() const
{
    return m_sentenceFill != nullptr;
}

} // namespace Dossier::Ui
