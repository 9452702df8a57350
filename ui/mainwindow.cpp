#include "mainwindow.h"

#include "annotationcontroller.h"
#include "annotationspanel.h"
#include "cooccurrencepanel.h"
#include "copiespanel.h"
#include "documentlistmodel.h"
#include "documentlistview.h"
#include "entitycurator.h"
#include "entitysidebar.h"
#include "filterstate.h"
#include "import/importjob.h"
#include "librarycheckdialog.h"
#include "preferencesdialog.h"
#include "readerview.h"
#include "savedsearchlist.h"
#include "store/backupjob.h"
#include "store/librarysession.h"
#include "tagfacetlist.h"
#include "timelinepanel.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{
const QString settingsGeometry = QStringLiteral("window/geometry");
const QString settingsState = QStringLiteral("window/state");
const QString settingsSplitter = QStringLiteral("window/splitter");
const QString settingsLibrary = QStringLiteral("library/last");
const QString settingsTheme = QLatin1String(Settings::theme);
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new Core::LibrarySession(this))
    , m_filter(new FilterState(this))
    , m_model(new DocumentListModel(this))
    , m_splitter(new QSplitter(this))
    , m_sidebar(new EntitySidebar(this))
    , m_search(new QLineEdit(this))
    , m_searchError(new QLabel(this))
    , m_list(new DocumentListView(this))
    , m_reader(new ReaderView(this))
    , m_failures(new QWidget(this))
    , m_failureList(new QListWidget(this))
    , m_countLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_cancel(new QToolButton(this))
    , m_searchDelay(new QTimer(this))
    , m_refreshDelay(new QTimer(this))
    , m_readOnlyNotice(new QLabel(this))
    , m_annotations(new AnnotationController(this))
    , m_tagFacets(new TagFacetList(this))
    , m_savedSearches(new SavedSearchList(this))
    , m_annotationsPanel(new AnnotationsPanel(this))
    , m_curator(new EntityCurator(this))
{
    setWindowTitle(tr("Dossier"));
    setAcceptDrops(true);

    m_search->setPlaceholderText(tr("Search: words, \"phrases\", prefix*, AND / OR / NOT, NEAR(a b)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search articles"));
    m_searchError->setAccessibleName(tr("Search error"));
    m_searchError->setWordWrap(true);
    m_searchError->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 3px;"));
    m_searchError->hide();
    m_readOnlyNotice->setAccessibleName(tr("Read-only library"));
    m_readOnlyNotice->setWordWrap(true);
    m_readOnlyNotice->setText(tr("This library is read-only (its file or folder cannot be written): you can read, "
                                 "search and export, but not import, highlight or tag."));
    m_readOnlyNotice->setStyleSheet(QStringLiteral("background: #fff4ce; color: #3b2f00; padding: 4px;"));
    m_readOnlyNotice->hide();

    m_list->setModel(m_model);
    m_model->setReader(m_session->reader()); // copy counts off the GUI thread
    m_list->setAccessibleName(tr("Documents"));
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(DocumentListModel::Date, Qt::DescendingOrder);
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setRootIsDecorated(false); // until the list is grouped and a story has copies
    setUpDocumentColumns();

    auto *failuresLayout = new QVBoxLayout(m_failures);
    failuresLayout->setContentsMargins(0, 0, 0, 0);
    auto *failuresHeader = new QHBoxLayout;
    auto *failuresTitle = new QLabel(tr("Some files could not be imported:"), m_failures);
    auto *dismiss = new QPushButton(tr("Dismiss"), m_failures);
    failuresHeader->addWidget(failuresTitle, 1);
    failuresHeader->addWidget(dismiss);
    failuresLayout->addLayout(failuresHeader);
    failuresLayout->addWidget(m_failureList);
    m_failureList->setAccessibleName(tr("Import failures"));
    m_failureList->setMaximumHeight(120);
    m_failures->hide();
    connect(dismiss, &QPushButton::clicked, this, [this] {
        m_failureList->clear();
        m_failures->hide();
    });

    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(m_readOnlyNotice);
    centreLayout->addWidget(m_search);
    centreLayout->addWidget(m_searchError);
    centreLayout->addWidget(m_list, 1);
    centreLayout->addWidget(m_failures);

    // Left: the saved searches (hidden while there are none) above the entity facets above the tag facet.
    auto *facets = new QSplitter(Qt::Vertical, this);
    facets->setObjectName(QStringLiteral("facetSplitter"));
    facets->addWidget(m_savedSearches);
    facets->addWidget(m_sidebar);
    facets->addWidget(m_tagFacets);
    facets->setStretchFactor(0, 1);
    facets->setStretchFactor(1, 4);
    facets->setStretchFactor(2, 1);
    facets->setChildrenCollapsible(false);
    m_splitter->addWidget(facets);
    m_splitter->addWidget(centre);
    m_splitter->addWidget(m_reader);
    // A wider or narrower window is shared by the list and the reader.
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 1);
    // The list gets the room its titles need; the reader keeps a comfortable line length.
    m_splitter->setSizes({ 260, 600, 540 });
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_countLabel->setAccessibleName(tr("Document count"));
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    statusBar()->addPermanentWidget(m_countLabel);
    m_progress->setMaximumWidth(220);
    m_progress->setAccessibleName(tr("Import progress"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel the import; articles already stored stay"));
    for (QWidget *w : { static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
             static_cast<QWidget *>(m_cancel) }) {
        w->hide();
    }
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_import) {
            m_import->cancel();
            m_progressLabel->setText(tr("Cancelling…"));
        }
    });

    // Typing is debounced so a query runs once the user pauses, not per keystroke.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_filter->setText(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        // Enter runs the query again even when it did not change (after a failed one, say).
        if (m_filter->filter().text == m_search->text().trimmed()) {
            applyFilter();
        } else {
            m_filter->setText(m_search->text());
        }
    });
    // New articles show up while an import runs, at most a few times a second.
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(400);
    connect(m_refreshDelay, &QTimer::timeout, this, [this] {
        refreshList();
        m_sidebar->refresh();
    });

    m_annotations->setSession(m_session);
    m_curator->setSession(m_session);
    m_sidebar->setSession(m_session);
    m_savedSearches->setSession(m_session);
    connect(m_savedSearches, &SavedSearchList::searchActivated, this, &MainWindow::applySavedSearch);
    // Every change to the library, whoever made it (this window, a background job, another program
    // the session's poll noticed), reaches the views through the session's signals.
    connect(m_session, &Core::LibrarySession::libraryAboutToChange, this, [this] {
        stopWatching();
        stopStoryFill();
        stopSentenceFill();
        m_model->setLibrary(nullptr);
    });
    connect(m_session, &Core::LibrarySession::articlesChanged, this, [this](const QList<qint64> &ids) {
        if (ids.isEmpty()) {
            refreshList(); // any article, new ones too: keep the analyst's place
        } else {
            m_model->refreshArticles(ids); // their rows only, where they stay
            updateStatus();
        }
        refreshTagFacets();
        refreshCopyAnnotations(); // a new copy may have highlights
    });
    connect(m_session, &Core::LibrarySession::membersChanged, this, &MainWindow::applyPermissions);
    connect(m_session, &Core::LibrarySession::tagsChanged, this, [this] {
        refreshAnnotations();
        refreshTagFacets();
    });
    connect(m_session, &Core::LibrarySession::annotationsChanged, this, [this](const QList<qint64> &articles) {
        if (articles.isEmpty()) {
            // Passages of any article: re-imported articles may have moved or orphaned some.
            m_annotationsPanel->articlesChanged();
        }
        if (articles.isEmpty() || articles.contains(m_currentId)) {
            refreshAnnotations();
        }
        refreshCopyAnnotations(); // a copy's may land in the open article
    });

    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);
    connect(m_model, &DocumentListModel::queryFailed, this, [this](const QString &message) {
        if (m_model->lastError().kind != Core::StoreError::Kind::BadQuery) {
            statusBar()->showMessage(tr("Cannot read the article list: %1").arg(message), 10000);
        }
    });
    // A new order moves the open article's row (the model keeps it current): follow it.
    connect(m_list->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int column) {
        if (column == DocumentListModel::Copies) {
            // Not sortable: the indicator goes back to the order the list has.
            m_list->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
            return;
        }
        revealCurrentArticle(QAbstractItemView::PositionAtCenter);
    });
    connect(
        m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (current.isValid() && !m_selectingCurrent) {
                showArticle(current.data(DocumentListModel::IdRole).toLongLong());
            }
        });
    // The search field, the sidebar and the tag facets each set their part of one filter; the list
    // (and the sidebar's and tag facets' counts) follow it.
    m_sidebar->setFilterState(m_filter);
    connect(m_filter, &FilterState::changed, this, &MainWindow::applyFilter);
    connect(m_sidebar, &EntitySidebar::filterChanged, this, [this](const Core::DocumentFilter &filter) {
        m_reader->setEmphasisedEntities(QSet<qint64>(filter.entities.cbegin(), filter.entities.cend()));
    });
    connect(m_sidebar, &EntitySidebar::entityActivated, m_reader, &ReaderView::jumpToNextMention);
    connect(m_tagFacets, &TagFacetList::checkedTagsChanged, m_filter, &FilterState::setTags);

    createAnnotationActions();
    createTimeline();
    createCooccurrence();
    createCopies();
    createRetagStatus();
    createMenus();
    restoreSettings();
}

Core::Library *MainWindow::library() const
{
    return m_session->library();
}

MainWindow::~MainWindow()
{
    stopWatching();
    if (m_import) {
        m_import->cancel();
        m_import->waitForFinished();
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Library…"), QKeySequence::Open, this, &MainWindow::chooseLibrary);
    createRecentMenu(file);
    file->addSeparator();
    QAction *importFiles
        = file->addAction(tr("&Import Files…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::chooseImportFiles);
    importFiles->setObjectName(QStringLiteral("importFilesAction"));
    QAction *importFolder = file->addAction(
        tr("Import &Folder…"), QKeySequence(tr("Ctrl+Shift+I")), this, &MainWindow::chooseImportFolder);
    importFolder->setObjectName(QStringLiteral("importFolderAction"));
    QAction *importProject = file->addAction(tr("Import REFI-QDA &Project…"), this, &MainWindow::chooseProject);
    importProject->setObjectName(QStringLiteral("importProjectAction"));
    m_writeActions.append({ importFiles, importFolder, importProject });
    m_editorActions.append({ importFiles, importFolder, importProject });
    QAction *watch = file->addAction(tr("&Watch Folder…"), this, &MainWindow::chooseWatchFolder);
    watch->setObjectName(QStringLiteral("watchFolderAction"));
    m_writeActions.append(watch);
    m_editorActions.append(watch);
    QAction *watched = file->addAction(tr("Watc&hed Folders…"), this, &MainWindow::showWatchedFolders);
    watched->setObjectName(QStringLiteral("watchedFoldersAction"));
    file->addSeparator();
    file->addAction(tr("&Export Evidence Pack…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportPack);
    file->addAction(tr("Export &Timeline…"), this, [this] {
        m_timelineDock->show();
        if (m_timeline->isLoading()) {
            // Export what the dock shows once it has read it.
            connect(
                m_timeline, &TimelinePanel::loaded, m_timeline, &TimelinePanel::chooseExport, Qt::SingleShotConnection);
        } else {
            m_timeline->chooseExport();
        }
    });
    m_checkLibrary = file->addAction(tr("&Check Library…"), this, &MainWindow::checkLibrary);
    m_checkLibrary->setObjectName(QStringLiteral("checkLibraryAction"));
    m_checkLibrary->setEnabled(false);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_annotations->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_annotations->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // The reader's own action, so Ctrl+F has one owner, window-wide.
    QAction *find = m_reader->findAction();
    find->setShortcutContext(Qt::WindowShortcut);
    edit->addAction(find);
    // F3 / Shift+F3: the list's search hits in the open article (or the find bar's matches).
    for (QAction *hit : { m_reader->nextHitAction(), m_reader->previousHitAction() }) {
        hit->setShortcutContext(Qt::WindowShortcut);
        edit->addAction(hit);
    }
    connect(m_reader, &ReaderView::searchHitChanged, this, [this](int current, int count) {
        if (current > 0) {
            statusBar()->showMessage(tr("Search hit %1 of %2").arg(current).arg(count), 5000);
        }
    });
    edit->addAction(tr("&Search Articles"), QKeySequence(tr("Ctrl+K")), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    edit->addSeparator();
    edit->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, [this] {
        PreferencesDialog dialog(m_reader->themeNames(), m_reader->theme(), this);
        if (dialog.exec() == QDialog::Accepted) {
            dialog.save();
            m_reader->setTheme(dialog.theme());
        }
    });

    QMenu *annotate = menuBar()->addMenu(tr("&Annotate"));
    annotate->addAction(m_highlight);
    annotate->addAction(m_highlightWith);
    annotate->addAction(m_editHighlight);
    annotate->addAction(m_removeHighlight);
    annotate->addSeparator();
    annotate->addAction(m_tagArticle);
    annotate->addAction(m_articleHistory);
    QAction *manageTags = annotate->addAction(tr("&Manage Tags…"), this, &MainWindow::manageTags);
    manageTags->setObjectName(QStringLiteral("manageTagsAction"));

    QMenu *entities = menuBar()->addMenu(tr("E&ntities"));
    QAction *watchName = entities->addAction(tr("&Watch a Name…"), m_curator, [this] { m_curator->watch(); });
    watchName->setObjectName(QStringLiteral("watchNameAction"));
    m_writeActions.append(watchName);
    m_editorActions.append(watchName);
    entities->addAction(tr("Entity &Corrections…"), m_curator, &EntityCurator::manageRules);

    createSavedSearchMenu();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_reader, &ReaderView::zoomIn);
    view->addAction(tr("Zoom In"), QKeySequence(tr("Ctrl+=")), m_reader, &ReaderView::zoomIn);
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_reader, &ReaderView::zoomOut);
    view->addAction(tr("&Actual Size"), QKeySequence(tr("Ctrl+0")), m_reader, &ReaderView::resetZoom);
    view->addSeparator();
    QAction *panel = m_annotationsDock->toggleViewAction();
    panel->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    view->addAction(panel);
    QAction *timeline = m_timelineDock->toggleViewAction();
    timeline->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    timeline->setObjectName(QStringLiteral("timelineAction"));
    view->addAction(timeline);
    QAction *cooccurrence = m_cooccurrenceDock->toggleViewAction();
    cooccurrence->setShortcut(QKeySequence(tr("Ctrl+Shift+W")));
    cooccurrence->setObjectName(QStringLiteral("cooccurrenceAction"));
    view->addAction(cooccurrence);
    QAction *copies = m_copiesDock->toggleViewAction();
    copies->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    copies->setObjectName(QStringLiteral("copiesAction"));
    view->addAction(copies);
    addGroupCopiesAction(view);
    m_resetColumns = view->addAction(tr("Reset &Columns"), this, &MainWindow::resetDocumentColumns);
    m_resetColumns->setObjectName(QStringLiteral("resetColumnsAction"));
    m_resetColumns->setToolTip(tr("Give the document list's columns their first widths and order again"));
    QAction *source = view->addAction(tr("Show &Source"));
    source->setCheckable(true);
    source->setShortcut(QKeySequence(tr("Ctrl+U")));
    connect(source, &QAction::toggled, m_reader, &ReaderView::setShowSource);
    QMenu *themes = view->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(themes);
    for (const QString &name : m_reader->themeNames()) {
        QAction *action = themes->addAction(name);
        action->setCheckable(true);
        action->setChecked(name == m_reader->theme());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, name] {
            m_reader->setTheme(name);
            QSettings().setValue(settingsTheme, name);
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Dossier"), this, [this] {
        QMessageBox::about(this, tr("About Dossier"),
            tr("<p><b>Dossier</b> %1</p><p>A research browser for news articles.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(settingsGeometry).toByteArray());
    restoreState(settings.value(settingsState).toByteArray());
    m_splitter->restoreState(settings.value(settingsSplitter).toByteArray());
    restoreLayoutSettings();
    const QString theme = settings.value(settingsTheme).toString();
    if (!theme.isEmpty() && m_reader->themeNames().contains(theme)) {
        m_reader->setTheme(theme);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(settingsGeometry, saveGeometry());
    settings.setValue(settingsState, saveState());
    settings.setValue(settingsSplitter, m_splitter->saveState());
    saveLayoutSettings();
    if (library()) {
        settings.setValue(settingsLibrary, library()->path());
    }
    if (m_import) {
        m_import->cancel();
    }
    m_curator->cancelRetag();
    event->accept();
}

void MainWindow::adoptMovedData(const Core::DataLocations::LegacyMove &moved)
{
    QSettings settings;
    for (const Core::DataLocations::Move &move : moved.library) {
        if (settings.value(settingsLibrary).toString() == move.from) {
            settings.setValue(settingsLibrary, move.to);
        }
    }
}

void MainWindow::reportMovedData(const Core::DataLocations::LegacyMove &moved)
{
    const QStringList messages = moved.messages();
    if (messages.isEmpty()) {
        return;
    }
    auto *box = new QMessageBox(moved.errors.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
        tr("Library Moved"), messages.join(u'\n'), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("movedDataMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool MainWindow::openLibrary(const QString &path)
{
    QString file = path;
    if (file.isEmpty()) {
        const QSettings settings;
        file = settings.value(QLatin1String(Settings::reopenLastLibrary), true).toBool()
            ? settings.value(settingsLibrary, Core::Library::defaultPath()).toString()
            : Core::Library::defaultPath();
    }
    if (Core::Library::isServerLocation(file) && isVisible()) {
        // Reaching a server may take up to its connect_timeout: the window stays in use meanwhile
        // (see connectInBackground()).
        connectInBackground(file);
        return true;
    }
    hideConnecting(); // a file chosen now wins over a team library still being connected to
    if (Core::Library::isServerLocation(file)) {
        QApplication::setOverrideCursor(Qt::WaitCursor); // at start, before the window shows
    }
    const bool opened = m_session->open(file);
    if (Core::Library::isServerLocation(file)) {
        QApplication::restoreOverrideCursor();
    }
    if (!opened) {
        refuseLibrary(file);
        return false;
    }
    startOnLibrary();
    return true;
}

void MainWindow::startOnLibrary()
{
    m_currentId = -1;
    m_annotationsPanel->setCurrentArticle(-1);
    m_reader->clear();
    prepareStories();
    startSentenceFill();
    m_model->setLibrary(library());
    m_tagFacets->clearChecked();
    refreshTagFacets();
    QSettings().setValue(settingsLibrary, library()->path());
    rememberLibrary(library()->path());
    const bool readOnly = library()->isReadOnly();
    m_readOnlyNotice->setVisible(readOnly);
    m_annotationUnderCursor = -1;
    applyPermissions();
    showLibraryName();
    updateStatus();
    backUp(false);
    if (!readOnly) {
        startWatching();
    }
}

void MainWindow::checkLibrary()
{
    if (library()) {
        openCheckDialog(QStringLiteral("libraryCheckDialog"))->check(library()->path());
    }
}

LibraryCheckDialog *MainWindow::openCheckDialog(const QString &name)
{
    // Window-modal and not blocking: the check runs in the background while the window paints.
    auto *dialog = new LibraryCheckDialog(this);
    dialog->setObjectName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(
        dialog, &LibraryCheckDialog::openLibraryRequested, this, [this](const QString &path) { openLibrary(path); });
    dialog->open();
    return dialog;
}

void MainWindow::backUp(bool afterLargeImport)
{
    // A team library is backed up on its server (pg_dump), not copied as a file.
    if (library()->backend() != Core::Library::Backend::Sqlite) {
        return;
    }
    if (!m_backups) {
        m_backups = new Core::BackupJob(this);
        connect(m_backups, &Core::BackupJob::finished, this, [this](const Core::Backups::Result &result) {
            statusBar()->showMessage(result.made
                    ? tr("Library backed up to %1").arg(QDir::toNativeSeparators(result.path))
                    : tr("The automatic backup failed: %1").arg(result.error),
                10000);
        });
    }
    m_backups->request(
        library()->path(), afterLargeImport ? Core::Backups::Reason::LargeImport : Core::Backups::Reason::Daily);
}

void MainWindow::applyFilter()
{
    m_model->setFilter(m_filter->filter());
    // Without a query the list is as it always was; with one it shows what matched and how well.
    const bool searching = !m_filter->filter().text.isEmpty();
    m_list->setColumnHidden(DocumentListModel::Match, !searching);
    m_list->setColumnHidden(DocumentListModel::Relevance, !searching);
    // The analyst's query is wrong: say so under the field. Other failures reach the status bar.
    if (m_model->lastError().kind == Core::StoreError::Kind::BadQuery) {
        m_searchError->setText(m_model->errorString());
        m_searchError->show();
    } else {
        m_searchError->hide();
    }
    // Keep the open article selected, in view, if it is still listed.
    revealCurrentArticle(QAbstractItemView::PositionAtCenter);
    refreshTagFacets();
    updateSearchHits();
    m_timeline->setFilter(m_filter->filter());
    m_cooccurrence->setFilter(m_filter->filter());
}

void MainWindow::revealBodyRange(qint64 articleId, qsizetype start, qsizetype end)
{
    if (!library() || articleId < 0) {
        return;
    }
    showArticle(articleId); // also when the list's filter hides it
    if (m_currentId != articleId) {
        return;
    }
    revealCurrentArticle(QAbstractItemView::EnsureVisible);
    m_reader->revealBodyRange(start, end);
}

void MainWindow::revealCurrentArticle(QAbstractItemView::ScrollHint hint)
{
    const QModelIndex current = selectCurrentArticle();
    if (current.isValid()) {
        scrollListTo(current, hint);
    }
}

void MainWindow::scrollListTo(const QModelIndex &index, QAbstractItemView::ScrollHint hint)
{
    m_list->doItemsLayout(); // after a reset or new rows, the scroll range must cover them first
    m_list->scrollTo(index, hint);
}

QModelIndex MainWindow::selectCurrentArticle()
{
    const int row = m_currentId >= 0 ? m_model->rowOfId(m_currentId) : -1;
    if (row < 0) {
        return {};
    }
    const QModelIndex current = m_list->selectionModel()->currentIndex();
    if (current.parent().row() == row && current.data(DocumentListModel::IdRole).toLongLong() == m_currentId) {
        return current; // the open copy, chosen under its story's row
    }
    const QModelIndex index = m_model->index(row, 0);
    if (current.row() != row || !m_list->selectionModel()->isRowSelected(row)) {
        // Grouped, the row may be the open copy's story, shown as another copy: the open one stays.
        const QScopedValueRollback selecting(m_selectingCurrent, true);
        m_list->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    return index;
}

void MainWindow::refreshList()
{
    // The analyst's place: the open article's row where it was in the view when it was in view,
    // else the article at the top of the view (unless the view is at the very top, where new
    // articles should show up).
    const int top = m_list->rowAt(0);
    const int bottom = m_list->rowAt(m_list->viewport()->height() - 1);
    const QModelIndex currentIndex = m_list->currentIndex();
    const int current = (currentIndex.parent().isValid() ? currentIndex.parent() : currentIndex).row();
    qint64 anchor = -1;
    int offset = 0;
    if (current >= 0 && top >= 0 && current >= top && (bottom < 0 || current <= bottom)) {
        // The open article by its id, not through the model: while an import commits, a page the
        // view fetched since the last refresh reads rows the count does not have yet, so the id
        // under a row may be an article further down (the list then jumped back by that many).
        anchor = m_currentId >= 0 ? m_currentId : m_list->currentIndex().data(DocumentListModel::IdRole).toLongLong();
        offset = current - top;
    } else if (top > 0) {
        anchor = m_model->index(top, 0).data(DocumentListModel::IdRole).toLongLong();
    }
    m_model->refresh();
    selectCurrentArticle();
    const int row = anchor >= 0 ? m_model->rowOfId(anchor) : -1;
    if (row >= 0) {
        scrollListTo(m_model->index(std::max(row - offset, 0), 0), QAbstractItemView::PositionAtTop);
    }
    updateStatus();
}

void MainWindow::refreshTagFacets()
{
    if (!library()) {
        m_tagFacets->setTags({});
        return;
    }
    if (const auto tags = library()->tags().facets(m_filter->filter())) {
        m_tagFacets->setTags(*tags);
    }
}

void MainWindow::showArticle(qint64 id)
{
    if (!library() || id == m_currentId) {
        return;
    }
    const auto article = library()->articles().get(id);
    if (!article) {
        statusBar()->showMessage(tr("Cannot read the article: %1").arg(library()->errorString()), 5000);
        return;
    }
    m_currentId = id;
    m_reader->showArticle(*article);
    updateMissingBanner();
    m_annotationsPanel->setCurrentArticle(id);
    m_copies->setCurrentArticle(id);
    refreshAnnotations();
    refreshCopyAnnotations();
    updateSearchHits();
}

void MainWindow::updateSearchHits()
{
    const QString text = m_filter->filter().text.trimmed();
    if (!library() || m_currentId < 0 || text.isEmpty()) {
        m_reader->setSearchHits({});
        return;
    }
    // A query the index refuses marks nothing; the search field already says what is wrong.
    m_reader->setSearchHits(
        library()->documents().hits(m_currentId, text).value_or(QList<std::pair<qsizetype, qsizetype>>()));
}

void MainWindow::chooseLibrary()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Open or Create a Library"),
        library() ? library()->path() : Core::Library::defaultPath(),
        tr("Dossier libraries (*.dossier);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty()) {
        openLibrary(file);
    }
}

} // namespace Dossier::Ui
