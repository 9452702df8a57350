#pragma once

#include "documentlistview.h"
#include "store/datalocations.h"
#include "store/library.h"
#include "store/teamstore.h"

#include <QAbstractItemView>
#include <QFuture>
#include <QMainWindow>

#include <memory>
#include <optional>

class QDockWidget;
class QFileDialog;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QProgressBar;
class QSplitter;
class QThread;
class QTimer;
class QToolButton;

namespace Dossier::Core
{
class BackupJob;
class FolderWatcher;
class ImportJob;
class LibrarySession;
struct ImportSummary;
} // namespace Dossier::Core

namespace Dossier::Ui
{

class AnnotationController;
class AnnotationsPanel;
class CooccurrencePanel;
class ConnectTeamDialog;
class CopiesPanel;
class DocumentListModel;
class EntityCurator;
class EntitySidebar;
class FillStatus;
class FilterState;
class LibraryCheckDialog;
class ReaderView;
class SavedSearchList;
class TagFacetList;
class TeamMembersDialog;
class TimelinePanel;
class WatchedFoldersDialog;

/*!
    \brief The main window: the entity sidebar (left), the document list with its search field
    (centre) and the reader (right), in splitters; import with progress, cancel and a failures
    panel; settings remembered between runs.
*/
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /*! Opens the library at \a path (the last one, else the default library, when empty). */
    /*! Follows a library moved from an old place (Core::DataLocations::moveLegacyData()): the
        remembered last library is updated when it was the moved file. */
    void adoptMovedData(const Core::DataLocations::LegacyMove &moved);
    /*! Tells the user, in a message box that does not block, what was moved and from where. */
    void reportMovedData(const Core::DataLocations::LegacyMove &moved);
    /*! A library that exists but cannot be read (Core::Library::OpenFailure::Damaged) is not
        opened either: a dialog offers to restore its latest backup or to recover it (see
        isOfferingRepair()). */
    bool openLibrary(const QString &path);
    /*! True while a team library is being reached in the background: once the window is shown,
        openLibrary() of a team library returns at once (true: started), the status bar says
        "Connecting to …" with Cancel, and the library open before stays in use until the
        server answers; a refusal is reported then. A library opened meanwhile wins. */
    bool isConnecting() const;
    /*! File › Connect to Team Library: the dialog (not blocking) that puts a postgresql:// URL
        together from host, port, database, user and options; accepting it opens that library in
        place of the open one, which stays open when the team library cannot be opened. */
    ConnectTeamDialog *connectToTeamLibrary();
    /*! File › Team Members…: the dialog (not blocking) listing the open team library's members and
        their roles, where an admin adds and removes members and changes roles; nullptr when the
        open library is no team library (the action is disabled then). */
    TeamMembersDialog *showTeamMembers();
    /*! File › Open Recent: the libraries opened last, files and team library URLs, newest first. */
    static QStringList recentLibraries();
    QMenu *recentMenu() const { return m_recent; }
    /*! How a library is named in the title and the recent list: a file's name, or a team
        library's database and server ("dossier_desk on db.example.org"). */
    static QString libraryName(const QString &location);
    /*! Shown in the status bar while a team library is open. */
    QLabel *teamNotice() const { return m_teamNotice; }
    /*! True while the dialog offering to repair a library that could not be opened is shown. */
    bool isOfferingRepair() const;
    /*! File › Check Library: checks the open library in the background and shows the report. */
    void checkLibrary();
    /*! Imports \a paths (files and folders) into the open library in the background. */
    void importPaths(const QStringList &paths);
    bool isImporting() const;
    /*! File › Import REFI-QDA Project: brings in the project's text sources, codes, codings and
        notes in the background (Core::importQdpx()), their texts written to \a into (by default
        "<project> sources" beside it), then reports what came in and what was left out. */
    void importProject(const QString &project, const QString &into = QString());

    /*! File › Watch Folder: adds \a folder to the open library's watched folders; its new and
        changed files are imported while the window is open. False (and a message) when it cannot. */
    bool watchFolder(const QString &folder);
    /*! File › Watched Folders: the dialog listing them (opened when needed). */
    WatchedFoldersDialog *showWatchedFolders();
    /*! The watcher of the open library's watched folders, running on a thread of its own; null
        when no library is open or it is read-only. Only its signals are for other threads. */
    Core::FolderWatcher *folderWatcher() const { return m_watcher; }

    /*! Search › Save Search: saves the list's whole filter (query, entities, tags, period) as the
        saved search \a name (replacing one of that name); false (and a message) when it cannot. */
    bool saveSearch(const QString &name);
    /*! Lists what saved search \a search finds: sets the search field, the ticked entities and
        tags and the period to it, and marks it opened (its articles are no longer new). */
    void applySavedSearch(const Core::SavedSearch &search);

    // For tests and automation: the parts a user drives.
    DocumentListModel *documentModel() const { return m_model; }
    DocumentListView *documentView() const { return m_list; }
    QLineEdit *searchField() const { return m_search; }
    QLabel *searchError() const { return m_searchError; }
    EntitySidebar *entitySidebar() const { return m_sidebar; }
    ReaderView *reader() const { return m_reader; }
    TagFacetList *tagFacets() const { return m_tagFacets; }
    SavedSearchList *savedSearches() const { return m_savedSearches; }
    AnnotationsPanel *annotationsPanel() const { return m_annotationsPanel; }
    QDockWidget *annotationsDock() const { return m_annotationsDock; }
    /*! View › Reset Columns: the document list's columns back to their first widths and order. */
    QAction *resetColumnsAction() const { return m_resetColumns; }
    /*! View › Timeline: the dock's panel (the dock is hidden until shown). */
    TimelinePanel *timelinePanel() const { return m_timeline; }
    QDockWidget *timelineDock() const { return m_timelineDock; }
    /*! View › Who Appears with Whom: the dock's panel (the dock is hidden until shown). */
    CooccurrencePanel *cooccurrencePanel() const { return m_cooccurrence; }
    QDockWidget *cooccurrenceDock() const { return m_cooccurrenceDock; }
    /*! View › Copies: the dock's panel (the dock is hidden until shown). */
    CopiesPanel *copiesPanel() const { return m_copies; }
    QDockWidget *copiesDock() const { return m_copiesDock; }
    /*! View › Group Copies: one row per story in the document list (checked by default, remembered). */
    QAction *groupCopiesAction() const { return m_groupCopies; }
    /*! True while the stories of an upgraded library are being filled in the background (the list
        is grouped once they are). */
    bool isFillingStories() const;
    /*! True while the sentence rows of an upgraded library (schema 14) are being written. */
    bool isFillingSentences() const;
    /*! True while the highlights of the open article's other copies are being read. */
    bool isReadingCopyAnnotations() const { return m_copyAnnotationsPending; }
    qint64 currentArticleId() const { return m_currentId; }
    AnnotationController *annotationController() const { return m_annotations; }
    /*! The session of the open library: its signals announce every change. */
    Core::LibrarySession *librarySession() const { return m_session; }
    EntityCurator *entityCurator() const { return m_curator; }
    QAction *highlightAction() const { return m_highlight; }
    QAction *removeHighlightAction() const { return m_removeHighlight; }
    /*! Shown while the open library is read-only. */
    QLabel *readOnlyNotice() const { return m_readOnlyNotice; }
    /*! The actions that write to the library (import, tags), disabled while it is read-only and, on a team
        library, for members whose role does not allow them. */
    QList<QAction *> writeActions() const { return m_writeActions; }

    /*! Highlights the reader's selection in the open article with \a tags, \a note and \a color
        (undoable). Returns the new annotation's id, or -1 when nothing is selected or it failed. */
    qint64 highlightSelection(const QStringList &tags = {}, const QString &note = {}, const QString &color = {});
    /*! Opens article \a articleId and selects annotation \a annotationId in the reader. */
    void revealAnnotation(qint64 articleId, qint64 annotationId);
    /*! Opens article \a articleId (also when the list's filter hides it) and selects its body
        [\a start, \a end) in the reader, scrolled into view (a timeline event's sentence). */
    void revealBodyRange(qint64 articleId, qsizetype start, qsizetype end);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    // The first-sight layout (mainwindowlayout.cpp): the list's columns, remembered; empty docks small.
    void setUpDocumentColumns();
    void resetDocumentColumns();
    void restoreLayoutSettings();
    void saveLayoutSettings();
    void fitAnnotationsDock();
    void applyFilter();
    // Re-reads the list after the library changed, keeping the analyst's place.
    void refreshList();
    // Makes the open article the list's current row when it is listed; returns its index.
    QModelIndex selectCurrentArticle();
    // The same, scrolled into view.
    void revealCurrentArticle(QAbstractItemView::ScrollHint hint);
    void scrollListTo(const QModelIndex &index, QAbstractItemView::ScrollHint hint);
    void showArticle(qint64 id);
    // Marks in the reader where the list's search query matches the open article.
    void updateSearchHits();
    void updateStatus();
    void importFinished(const Core::ImportSummary &summary);
    void chooseImportFiles();
    void chooseImportFolder();
    void chooseProject();
    void chooseLibrary();
    // Team and recent libraries (mainwindowteam.cpp).
    void createRecentMenu(QMenu *file);
    void rememberLibrary(const QString &location);
    void updateRecentMenu();
    // The window title and status say which library is open, and whether it is a team library.
    void showLibraryName();
    /*! Enables the actions that write to the library as far as the user may: none while it is read-only; on a
        team library, by their role (read again when the members change). */
    void applyPermissions();
    /*! Whether the user's role allows what \a role may do (always on a library file). */
    bool allows(Core::TeamRole role) const { return !m_role || *m_role >= role; }
    // A team library opened in the background (mainwindowteam.cpp), and what follows any open.
    void connectInBackground(const QString &location);
    void hideConnecting();
    void startOnLibrary();
    void refuseLibrary(const QString &file);
    LibraryCheckDialog *openCheckDialog(const QString &name);
    QString lastImportFolder() const;
    void openImportDialog(QFileDialog *dialog);
    void restoreSettings();
    void createAnnotationActions();
    void createTimeline();
    void createCooccurrence();
    void createCopies();
    void addGroupCopiesAction(QMenu *view);
    // The stories of an upgraded library, filled by a background job (mainwindowstories.cpp).
    void createStoryFillStatus();
    void prepareStories();
    void startStoryFill();
    void stopStoryFill();
    void createSentenceFillStatus();
    void startSentenceFill();
    void stopSentenceFill();
    // Reads, off the GUI thread, the highlights of the open article's other copies that land in
    // its text, and shows them in the reader.
    void refreshCopyAnnotations();
    void createSavedSearchMenu();
    void chooseSaveSearch();
    void refreshAnnotations();
    void refreshTagFacets();
    void updateAnnotationActions(qint64 annotationUnderCursor);
    void highlightWithDialog();
    void editHighlight();
    void tagArticle();
    void showArticleHistory();
    void manageTags();
    void exportPack();
    void createRetagStatus();
    void entitiesRetagged();
    void chooseWatchFolder();
    // The watched folders' watcher, on a thread of its own while a writable library is open.
    void startWatching();
    void stopWatching();
    void watchImported(const Core::ImportSummary &summary);
    /*! The watcher marked files missing or back, or followed renamed ones: the list, the count
        and the reader's banner follow. */
    void watchFollowed(int marked, int moved);
    /*! Shows or hides the reader's banner for the open article's missing file. */
    void updateMissingBanner();
    // The automatic backup of the open library, in the background: once a day, and after a large import.
    void backUp(bool afterLargeImport);

    // The open library (null when none): every view reads it, every write goes through the session.
    Core::Library *library() const;

    Core::LibrarySession *m_session = nullptr;
    FilterState *m_filter = nullptr; //!< what the list shows: search text, entities, tags
    qint64 m_currentId = -1;

    DocumentListModel *m_model = nullptr;
    QSplitter *m_splitter = nullptr;
    EntitySidebar *m_sidebar = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_searchError = nullptr;
    DocumentListView *m_list = nullptr;
    ReaderView *m_reader = nullptr;
    QWidget *m_failures = nullptr;
    QListWidget *m_failureList = nullptr;
    QLabel *m_countLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QToolButton *m_cancel = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTimer *m_refreshDelay = nullptr;
    QLabel *m_readOnlyNotice = nullptr;
    QList<QAction *> m_writeActions;
    QList<QAction *> m_editorActions; // of those, the ones a team library's editors may use (import, codebook)
    std::optional<Core::TeamRole> m_role; // the user's on a team library
    QAction *m_checkLibrary = nullptr;
    QMenu *m_recent = nullptr;
    QAction *m_teamMembers = nullptr;
    QLabel *m_teamNotice = nullptr;
    QWidget *m_connecting = nullptr; // "Connecting to …" with Cancel, in the status bar
    QLabel *m_connectingLabel = nullptr;
    Core::ImportJob *m_import = nullptr;
    QObject *m_projectImport = nullptr; //!< the REFI-QDA project import running, if any
    Core::BackupJob *m_backups = nullptr;
    QThread *m_watchThread = nullptr;
    Core::FolderWatcher *m_watcher = nullptr;
    WatchedFoldersDialog *m_watchedFolders = nullptr;

    AnnotationController *m_annotations = nullptr;
    TagFacetList *m_tagFacets = nullptr;
    SavedSearchList *m_savedSearches = nullptr;
    AnnotationsPanel *m_annotationsPanel = nullptr;
    QDockWidget *m_annotationsDock = nullptr;
    int m_annotationsDockHeight = 0; //!< its height when it has passages (docked at the top or bottom)
    QByteArray m_defaultColumns; //!< the list header's first state, for View › Reset Columns
    QAction *m_resetColumns = nullptr;
    TimelinePanel *m_timeline = nullptr;
    QDockWidget *m_timelineDock = nullptr;
    CooccurrencePanel *m_cooccurrence = nullptr;
    QDockWidget *m_cooccurrenceDock = nullptr;
    CopiesPanel *m_copies = nullptr;
    QDockWidget *m_copiesDock = nullptr;
    QAction *m_groupCopies = nullptr;
    bool m_storiesReady = false; //!< every article of the open library has its story: the list may group
    FillStatus *m_storyFill = nullptr;
    FillStatus *m_sentenceFill = nullptr;
    bool m_selectingCurrent = false; //!< the list's current row follows the open article (no new one opens)
    quint64 m_copyAnnotationsGeneration = 0;
    QFuture<void> m_copyAnnotationsRead; //!< the read on its way, canceled by a newer one
    bool m_copyAnnotationsPending = false;
    QAction *m_highlight = nullptr;
    QAction *m_highlightWith = nullptr;
    QAction *m_editHighlight = nullptr;
    QAction *m_removeHighlight = nullptr;
    QAction *m_tagArticle = nullptr;
    QAction *m_articleHistory = nullptr;
    qint64 m_annotationUnderCursor = -1;

    EntityCurator *m_curator = nullptr;
    QWidget *m_retagStatus = nullptr;
    QProgressBar *m_retagProgress = nullptr;
};

} // namespace Dossier::Ui
