// The main window's side of entity corrections: the status of their re-tagging and what it changed.

#include "entitycurator.h"
#include "entitysidebar.h"
#include "mainwindow.h"
#include "readerview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QStatusBar>
#include <QToolButton>

namespace Dossier::Ui
{

void MainWindow::createRetagStatus()
{
    // Entity corrections re-tag the articles they touch in the background; the status bar shows
    // how far that is, and it can be stopped (the rest is done on the next start).
    m_sidebar->setCurator(m_curator);
    m_retagStatus = new QWidget(this);
    auto *layout = new QHBoxLayout(m_retagStatus);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Applying entity corrections"), m_retagStatus);
    m_retagProgress = new QProgressBar(m_retagStatus);
    m_retagProgress->setMaximumWidth(160);
    m_retagProgress->setAccessibleName(tr("Entity correction progress"));
    m_retagProgress->setRange(0, 0);
    auto *stop = new QToolButton(m_retagStatus);
    stop->setText(tr("Stop"));
    stop->setToolTip(tr("Stop re-tagging; the remaining articles are done the next time the library opens"));
    layout->addWidget(label);
    layout->addWidget(m_retagProgress);
    layout->addWidget(stop);
    statusBar()->addPermanentWidget(m_retagStatus);
    m_retagStatus->hide();
    connect(stop, &QToolButton::clicked, m_curator, &EntityCurator::cancelRetag);
    // A rename shows at once; the rest once the articles are re-tagged.
    connect(m_curator, &EntityCurator::changed, this, [this] {
        m_sidebar->entitiesChanged();
        m_retagProgress->setRange(0, 0);
        m_retagStatus->show();
    });
    connect(m_curator, &EntityCurator::retagProgress, this, [this](int done, int total) {
        m_retagStatus->show();
        m_retagProgress->setRange(0, total);
        m_retagProgress->setValue(done);
        m_retagProgress->setFormat(tr("%1 of %2").arg(done).arg(total));
    });
    connect(m_curator, &EntityCurator::retagFinished, this, [this](const Core::RetagSummary &summary) {
        m_retagStatus->hide();
        if (!summary.error.isEmpty()) {
            QMessageBox::warning(this, tr("Entity Corrections Not Applied"),
                tr("Re-tagging stopped: %1\nThe corrections are kept and applied the next time the library opens.")
                    .arg(summary.error));
        } else if (summary.canceled) {
            statusBar()->showMessage(
                tr("Stopped applying entity corrections; the rest is done the next time the library opens."), 10000);
        }
        entitiesRetagged();
    });
}

void MainWindow::entitiesRetagged()
{
    // The list and the counts were refreshed by the session (EntityCurator announced the re-tag);
    // names and aliases may have changed too.
    m_sidebar->entitiesChanged();
    // The open article's mentions may have changed: show it again where the reader was.
    if (m_currentId >= 0) {
        const qint64 id = m_currentId;
        const int scroll = m_reader->textEdit()->verticalScrollBar()->value();
        m_currentId = -1;
        showArticle(id);
        m_reader->textEdit()->verticalScrollBar()->setValue(scroll);
    }
}

} // namespace Dossier::Ui
