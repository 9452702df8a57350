// MainWindow: the stories of an upgraded library (schema 11) filled in the background before the
// list is grouped by story (View › Group Copies), with progress in the status bar.

#include "documentlistmodel.h"
#include "fillstatus.h"
#include "mainwindow.h"
#include "store/duplicatestore.h"

#include <QAction>
#include <QStatusBar>

namespace Dossier::Ui
{

void MainWindow::createStoryFillStatus()
{
    m_storyFill = new FillStatus(Core::FillKind::Stories, tr("Grouping copies"),
        tr("Stop grouping copies; it goes on from where it stopped the next time copies are grouped"), this);
    m_storyFill->setObjectName(QStringLiteral("storyFillStatus"));
    statusBar()->addPermanentWidget(m_storyFill);
    connect(m_storyFill, &FillStatus::finished, this, [this](const Core::FillSummary &summary) {
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
    if (library()) {
        m_storyFill->start(library()->path());
    }
}

void MainWindow::stopStoryFill()
{
    // The fill of the library closing is dropped: its signatures stay, its next open goes on.
    m_storyFill->drop();
    m_storiesReady = false;
}

bool MainWindow::isFillingStories() const
{
    return m_storyFill->isRunning();
}

} // namespace Dossier::Ui
