// MainWindow: the sentence rows of an upgraded library (schema 14) written in the background when
// it opens, with progress in the status bar. Until they land, the timeline's events and
// co-occurrence by sentence read the bodies (the same answers, slower).

#include "fillstatus.h"
#include "mainwindow.h"
#include "store/library.h"
#include "store/timelinequery.h"

#include <QStatusBar>

namespace Dossier::Ui
{

void MainWindow::createSentenceFillStatus()
{
    m_sentenceFill = new FillStatus(Core::FillKind::Sentences, tr("Indexing sentences"),
        tr("Stop indexing sentences; it goes on from where it stopped the next time the library opens"), this);
    m_sentenceFill->setObjectName(QStringLiteral("sentenceFillStatus"));
    statusBar()->addPermanentWidget(m_sentenceFill);
    connect(m_sentenceFill, &FillStatus::finished, this, [this](const Core::FillSummary &summary) {
        if (!summary.error.isEmpty()) {
            statusBar()->showMessage(tr("Cannot index sentences: %1").arg(summary.error));
        } else if (summary.canceled) {
            statusBar()->showMessage(tr("Indexing sentences stopped; the timeline's events read the articles"), 5000);
        }
    });
}

void MainWindow::startSentenceFill()
{
    if (m_sentenceFill->isRunning() || !library() || library()->isReadOnly()) {
        return;
    }
    const std::optional<qint64> missing = library()->timeline().missingSentenceRows();
    if (missing && *missing > 0) {
        m_sentenceFill->start(library()->path(), *missing);
    }
}

void MainWindow::stopSentenceFill()
{
    // The fill of the library closing is dropped: the rows written stay, its next open goes on.
    m_sentenceFill->drop();
}

bool MainWindow::isFillingSentences() const
{
    return m_sentenceFill->isRunning();
}

} // namespace Dossier::Ui
