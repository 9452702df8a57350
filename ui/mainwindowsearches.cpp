// MainWindow: saved searches. The list's filter is saved under a name; choosing a saved search
// sets the search field, the sidebar's entities, the tags and the period to it, and marks it opened.

#include "entitysidebar.h"
#include "filterstate.h"
#include "mainwindow.h"
#include "savedsearchlist.h"
#include "store/librarysession.h"
#include "tagfacetlist.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTimer>

namespace Dossier::Ui
{

void MainWindow::createSavedSearchMenu()
{
    QMenu *search = menuBar()->addMenu(tr("&Search"));
    QAction *save
        = search->addAction(tr("&Save Search…"), QKeySequence(tr("Ctrl+Shift+S")), this, &MainWindow::chooseSaveSearch);
    save->setObjectName(QStringLiteral("saveSearchAction"));
    save->setToolTip(tr("Save the search and the ticked entities and tags under a name, to see later what is new"));
    m_writeActions.append(save);
}

void MainWindow::chooseSaveSearch()
{
    if (!library()) {
        return;
    }
    // What the field shows is what is saved, also while its query waits for the user's pause.
    if (m_searchDelay->isActive()) {
        m_searchDelay->stop();
        m_filter->setText(m_search->text());
    }
    // Not modal to the application: the dialog is a child the tests (and the user) answer in place.
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("saveSearchDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save Search"));
    dialog->setLabelText(tr("Name of the saved search (a saved search of that name is replaced):"));
    dialog->setTextValue(m_filter->filter().text);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) { saveSearch(name); });
    dialog->open();
}

bool MainWindow::saveSearch(const QString &name)
{
    if (!library()) {
        return false;
    }
    auto search = library()->savedSearches().fromFilter(m_filter->filter());
    if (!search) {
        QMessageBox::warning(this, tr("Save Search"), library()->errorString());
        return false;
    }
    search->name = name;
    Core::LibraryChanges changes;
    changes.searches = true;
    if (!m_session->write(
            changes, [&](Core::Library &open) { return open.savedSearches().save(*search).has_value(); })) {
        QMessageBox::warning(this, tr("Save Search"), m_session->errorString());
        return false;
    }
    statusBar()->showMessage(tr("Saved the search \u201c%1\u201d").arg(name.trimmed()), 5000);
    return true;
}

void MainWindow::applySavedSearch(const Core::SavedSearch &search)
{
    if (!library()) {
        return;
    }
    const auto filter = library()->savedSearches().filterOf(search);
    if (!filter) {
        statusBar()->showMessage(tr("Cannot open the saved search: %1").arg(library()->errorString()), 10000);
        return;
    }
    // What the chips name: the entities as the library knows them (an unlisted one is not in the facets).
    QList<Core::EntitySummary> known;
    for (const qint64 id : filter->entities + filter->excluded) {
        if (id < 0) {
            continue;
        }
        if (const auto entity = library()->entities().get(id)) {
            known.append(*entity);
        }
    }
    // The whole filter in one change (one list query), then the widgets that show its parts,
    // which find the filter already as they would set it.
    m_searchDelay->stop();
    m_filter->setFilter(*filter);
    {
        const QSignalBlocker quiet(m_search);
        m_search->setText(filter->text);
    }
    m_sidebar->setEntitySelection(*filter, known);
    m_tagFacets->setCheckedTags(filter->tags);
    Core::LibraryChanges changes;
    changes.searches = true;
    if (!m_session->write(
            changes, [&](Core::Library &open) { return open.savedSearches().markOpened(search.id).has_value(); })) {
        statusBar()->showMessage(tr("Cannot mark the saved search opened: %1").arg(m_session->errorString()), 10000);
        return;
    }
    statusBar()->showMessage(tr("Saved search \u201c%1\u201d").arg(search.name), 5000);
}

} // namespace Dossier::Ui
