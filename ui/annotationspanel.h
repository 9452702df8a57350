#pragma once

#include "store/teamstore.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Dossier::Core
{
struct Annotation;
}

namespace Dossier::Ui
{

class AnnotationController;
class AnnotationListModel;
class HistoryDialog;

/*!
    \brief The annotations dock: every highlighted passage of the library in a sortable table,
    narrowed by text (quote or note), by tag, by author, to the current article and to orphaned passages.
    Activating a row asks for the passage to be shown; edits (note, tags, removal) go through the
    AnnotationController, so they are undoable. Follows the controller's change signals.
*/
class AnnotationsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnotationsPanel)
public:
    explicit AnnotationsPanel(QWidget *parent = nullptr);
    ~AnnotationsPanel() override;

    /*! The controller edits go through; its library is the one listed (not owned; may be null). */
    void setController(AnnotationController *controller);
    AnnotationController *controller() const;
    /*! The article open in the reader (-1: none), for "This article only". */
    void setCurrentArticle(qint64 articleId);
    qint64 currentArticle() const;
    /*! The annotation of the current row, or -1. */
    qint64 currentAnnotation() const;
    /*! True while the library has no annotation (nothing listed, nothing narrowing the list): the
        panel then shows one line saying how to make one instead of the filters and the table. */
    bool isEmpty() const;

    // For tests and automation: the parts a user drives.
    AnnotationListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterField() const { return m_filter; }
    QComboBox *tagFilter() const { return m_tags; }
    /*! Shown when the passages have more than one author (a team library, or a file several people wrote in). */
    QComboBox *authorFilter() const { return m_authors; }
    QCheckBox *thisArticleOnly() const { return m_thisArticle; }
    QCheckBox *orphanedOnly() const { return m_orphaned; }
    /*! Lists the passages an editor hid too (marked hidden in the State column). */
    QCheckBox *showHidden() const { return m_showHidden; }
    QAction *historyAction() const { return m_history; }
    /*! Edits the current passage's note: on a team library, enabled for its author when an annotator or more. */
    QAction *editNoteAction() const { return m_editNote; }
    /*! Edits the current passage's tags: on a team library, its author's (an annotator or more) or an editor's. */
    QAction *editTagsAction() const { return m_editTags; }
    /*! Hides the current passage, or shows it again when it is hidden: enabled for its author and,
        on a team library, for editors and admins (the server refuses anyone else). */
    QAction *hideAction() const { return m_hide; }
    /*! Removes the selected passages: on a team library, the current one only when it is the user's. */
    QAction *removeAction() const { return m_remove; }

public Q_SLOTS:
    /*! Reads the annotations and the codebook again (after a library was opened or an import). */
    void refresh();
    /*! Articles were imported again or removed (titles and anchoring states may have changed). */
    void articlesChanged();
    /*! Makes annotation \a id the current row when it is listed (e.g. the reader's cursor is on it). */
    void selectAnnotation(qint64 annotationId);
    /*! Removes the selected annotations through the controller (one undo step). */
    void removeSelected();
    /*! Asks for a new note for the current annotation and saves it through the controller. */
    void editNote();
    /*! Asks for the tags of the current annotation (comma-separated) and saves them. */
    void editTags();
    /*! Hides the current annotation, or shows it again when it is hidden (through the controller). */
    void toggleHidden();
    /*! Opens the history of the current annotation (its versions, with Restore This Version);
        returns the dialog (deleted when closed), or null without a current annotation. */
    HistoryDialog *showHistory();

Q_SIGNALS:
    /*! The user activated a passage (click, Enter, double-click): show \a annotationId in \a articleId. */
    void annotationActivated(qint64 articleId, qint64 annotationId);
    /*! The panel became empty (\a empty) or got its first passage. */
    void emptyChanged(bool empty);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    /*! The count, the actions and the empty state, after the list changed. */
    void updateCount();
    /*! Re-reads the codebook into the tag filter; true when that changed the query (and re-read the list). */
    bool reloadTags();
    /*! Re-reads who made the passages into the author filter; true when that changed the query. */
    bool reloadAuthors();
    void scheduleRefresh();
    void activate(const QModelIndex &index);
    void showContextMenu(const QPoint &pos);
    void updateActions();
    void showError(const QString &message);
    /*! Saves \a annotation's note and tags through the controller, refused when it changed since
        it was read (Annotation::version). */
    void saveEdit(const Core::Annotation &annotation);
    QList<qint64> selectedAnnotations() const;

    QPointer<AnnotationController> m_controller;
    qint64 m_currentArticle = -1;
    AnnotationListModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_tags = nullptr;
    QComboBox *m_authors = nullptr;
    QCheckBox *m_thisArticle = nullptr;
    QCheckBox *m_orphaned = nullptr;
    QCheckBox *m_showHidden = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_count = nullptr;
    QWidget *m_body = nullptr;
    QLabel *m_emptyNotice = nullptr;
    bool m_empty = true;
    QTimer *m_filterDelay = nullptr;
    QTimer *m_refreshDelay = nullptr;
    QAction *m_goTo = nullptr;
    QAction *m_editNote = nullptr;
    QAction *m_editTags = nullptr;
    QAction *m_history = nullptr;
    QAction *m_hide = nullptr;
    /*! Reads what this user may do in the library (their role on a team library). */
    void readRole();
    // This user's role on a team library (none: a library file, where they may do everything); read when
    // the library changes and when the members change. The server enforces it: the actions only keep
    // from promising more.
    std::optional<Core::TeamRole> m_role;
    QAction *m_remove = nullptr;
    QList<QMetaObject::Connection> m_connections;
    // A double-click is a click and an activation: one passage is announced once.
    qint64 m_lastActivated = -1;
    QElapsedTimer m_sinceActivated;
};

} // namespace Dossier::Ui
