// MainWindow: the story views that follow the list's filter in docks of their own — View › Timeline
// and View › Who Appears with Whom.

#include "cooccurrencepanel.h"
#include "entitysidebar.h"
#include "filterstate.h"
#include "mainwindow.h"
#include "timelinepanel.h"

#include <QDockWidget>

namespace Dossier::Ui
{

void MainWindow::createTimeline()
{
    // View › Timeline: the listed articles by publication period and the events they report. It
    // reads the window's filter (without its range) and brushing sets the range through it.
    m_timeline = new TimelinePanel(this);
    m_timelineDock = new QDockWidget(tr("Timeline"), this);
    m_timelineDock->setObjectName(QStringLiteral("timelineDock"));
    m_timelineDock->setWidget(m_timeline);
    m_timelineDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    m_timelineDock->hide();
    m_timeline->setSession(m_session);
    m_timeline->setFilter(m_filter->filter());
    connect(m_timeline, &TimelinePanel::rangeChosen, m_filter, &FilterState::setPeriod);
    connect(m_timeline, &TimelinePanel::eventActivated, this, &MainWindow::revealBodyRange);
}

void MainWindow::createCooccurrence()
{
    // View › Who Appears with Whom: the pairs of entities of the listed articles. Choosing a pair ticks
    // both in the sidebar, which narrows the list to the articles naming both and emphasises both in
    // the reader.
    m_cooccurrence = new CooccurrencePanel(this);
    m_cooccurrenceDock = new QDockWidget(tr("Who Appears with Whom"), this);
    m_cooccurrenceDock->setObjectName(QStringLiteral("cooccurrenceDock"));
    m_cooccurrenceDock->setWidget(m_cooccurrence);
    m_cooccurrenceDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::BottomDockWidgetArea, m_cooccurrenceDock);
    m_cooccurrenceDock->hide();
    m_cooccurrence->setSession(m_session);
    m_cooccurrence->setFilter(m_filter->filter());
    connect(m_cooccurrence, &CooccurrencePanel::pairActivated, this,
        [this](const Core::EntitySummary &a, const Core::EntitySummary &b) { m_sidebar->includeAll({ a, b }); });
}

} // namespace Dossier::Ui
