// MainWindow: the stories of an upgraded library (schema 11) filled in the background before the
// list is grouped by story (View › Group Copies), with progress in the status bar.

#include "documentlistmodel.h"
#include "mainwindow.h"
#include "store/duplicatestore.h"
#include "store/storyfilljob.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

namespace Dossier::Ui
{

void MainWindow::createStoryFillStatus()
{
    m_storyFillStatus = new QWidget(this);
    m_storyFillStatus->setObjectName(QStringLiteral("storyFillStatus"));
    auto *layout = new QHBoxLayout(m_storyFillStatus);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Grouping copies"), m_storyFillStatus);
    m_storyFillProgress = new QProgressBar(m_storyFillStatus);
    m_storyFillProgress->setMaximumWidth(160);
    m_storyFillProgress->setAccessibleName(tr("Grouping progress"));
    m_storyFillProgress->setRange(0, 0);
    auto *stop = new QToolButton(m_storyFillStatus);
    stop->setObjectName(QStringLiteral("stopStoryFill"));
    stop->setText(tr("Stop"));
    stop->setToolTip(tr("Stop grouping copies; it goes on from where it stopped the next time copies are grouped"));
    layout->addWidget(label);
    layout->addWidget(m_storyFillProgress);
    layout->addWidget(stop);
    statusBar()->addPermanentWidget(m_storyFillStatus);
    m_storyFillStatus->hide();
    connect(stop, &QToolButton::clicked, this, [this] {
        if (m_storyFill) {
            m_storyFill->cancel();
        }
    });
}

void MainWindow::prepareStories()
{
    // A library upgraded to schema 11 has articles without a story: the list stays ungrouped (no
    // wait on this thread) until a job has given them theirs.
    const std::optional<qint64> missing = library()->duplicates().missingStories();
    m_storiesReady = missing && *missing == 0;
    m_model->setGroupCopies(m_groupCopies->isChecked() && m_storiesReady);
    if (!m_storiesReady && m_groupCopies->isChecked()) {
        startStoryFill();
    }
}

void MainWindow::startStoryFill()
{
    if (m_storyFill || !library()) {
        return;
    }
    m_storyFill = new Core::StoryFillJob(library()->path(), this);
    connect(m_storyFill, &Core::StoryFillJob::progress, this, [this](qint64 done, qint64 total) {
        // The signatures article by article, then the grouping itself (no measure: busy).
        m_storyFillProgress->setRange(0, int(total));
        m_storyFillProgress->setValue(int(done));
        m_storyFillProgress->setFormat(total > 0 ? tr("%1 of %2").arg(done).arg(total) : QString());
    });
    connect(m_storyFill, &Core::StoryFillJob::finished, this, [this](const Core::StoryFillSummary &summary) {
        m_storyFill->deleteLater();
        m_storyFill = nullptr;
        m_storyFillStatus->hide();
        if (!summary.error.isEmpty()) {
            statusBar()->showMessage(tr("Cannot group copies: %1").arg(summary.error));
            return;
        }
        if (summary.canceled) {
            statusBar()->showMessage(tr("Grouping copies stopped; the list shows every copy"), 5000);
            return;
        }
        m_storiesReady = true;
        m_model->setGroupCopies(m_groupCopies->isChecked());
        // The open article stays selected: its story's row now.
        revealCurrentArticle(QAbstractItemView::PositionAtCenter);
        updateStatus();
    });
    m_storyFillProgress->setRange(0, 0);
    m_storyFillStatus->show();
    m_storyFill->start();
}

void MainWindow::stopStoryFill()
{
    // The fill of the library closing is dropped: its signatures stay, its next open goes on.
    if (!m_storyFill) {
        return;
    }
    Core::StoryFillJob *job = m_storyFill;
    m_storyFill = nullptr;
    job->cancel();
    disconnect(job, nullptr, this, nullptr);
    connect(job, &Core::StoryFillJob::finished, job, &QObject::deleteLater);
    m_storyFillStatus->hide();
    m_storiesReady = false;
}

bool MainWindow::isFillingStories() const
{
    return m_storyFill != nullptr;
}

} // namespace Dossier::Ui
