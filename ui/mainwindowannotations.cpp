// MainWindow: highlighting, tagging and annotating the open article, and exporting.

#include "annotatedialog.h"
#include "annotationcontroller.h"
#include "annotationspanel.h"
#include "exportdialog.h"
#include "historydialog.h"
#include "mainwindow.h"
#include "readerview.h"
#include "store/librarysession.h"
#include "tagmanagerdialog.h"

#include <QDockWidget>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace Dossier::Ui
{

void MainWindow::createAnnotationActions()
{
    m_annotationsPanel->setController(m_annotations);
    m_annotationsDock = new QDockWidget(tr("Annotations"), this);
    m_annotationsDock->setObjectName(QStringLiteral("annotationsDock"));
    m_annotationsDock->setWidget(m_annotationsPanel);
    m_annotationsDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea | Qt::LeftDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_annotationsDock);
    connect(m_annotationsPanel, &AnnotationsPanel::annotationActivated, this, &MainWindow::revealAnnotation);
    connect(m_annotationsPanel, &AnnotationsPanel::emptyChanged, this, &MainWindow::fitAnnotationsDock);

    m_highlight = new QAction(tr("&Highlight Selection"), this);
    m_highlight->setShortcut(QKeySequence(tr("Ctrl+H")));
    m_highlight->setToolTip(tr("Highlight the selected passage (Ctrl+H)"));
    connect(m_highlight, &QAction::triggered, this, [this] { highlightSelection(); });
    m_highlightWith = new QAction(tr("Highlight with &Tags and Note…"), this);
    m_highlightWith->setShortcut(QKeySequence(tr("Ctrl+Shift+H")));
    connect(m_highlightWith, &QAction::triggered, this, &MainWindow::highlightWithDialog);
    m_editHighlight = new QAction(tr("&Edit Highlight…"), this);
    m_editHighlight->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    connect(m_editHighlight, &QAction::triggered, this, &MainWindow::editHighlight);
    m_removeHighlight = new QAction(tr("&Remove Highlight"), this);
    m_removeHighlight->setShortcut(QKeySequence(tr("Ctrl+Shift+Backspace")));
    connect(m_removeHighlight, &QAction::triggered, this, [this] {
        if (m_annotationUnderCursor >= 0) {
            m_annotations->removeAnnotation(m_annotationUnderCursor);
        }
    });
    m_tagArticle = new QAction(tr("Tag &Article…"), this);
    m_tagArticle->setShortcut(QKeySequence(tr("Ctrl+T")));
    connect(m_tagArticle, &QAction::triggered, this, &MainWindow::tagArticle);
    m_articleHistory = new QAction(tr("Article &History…"), this);
    m_articleHistory->setObjectName(QStringLiteral("articleHistoryAction"));
    m_articleHistory->setToolTip(tr("Every change to this article's passages and tags: who, when, and the "
                                    "version to restore"));
    connect(m_articleHistory, &QAction::triggered, this, &MainWindow::showArticleHistory);
    for (QAction *action : { m_highlight, m_highlightWith, m_editHighlight, m_removeHighlight, m_tagArticle }) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    m_reader->setContextActions({ m_highlight, m_highlightWith, m_editHighlight, m_removeHighlight });

    auto *toolbar = addToolBar(tr("Annotate"));
    toolbar->setObjectName(QStringLiteral("annotateToolbar"));
    toolbar->setAccessibleName(tr("Annotation tools"));
    toolbar->addAction(m_highlight);
    toolbar->addAction(m_highlightWith);
    toolbar->addAction(m_removeHighlight);
    toolbar->addAction(m_tagArticle);

    connect(m_reader, &ReaderView::annotationContextChanged, this, &MainWindow::updateAnnotationActions);
    connect(m_annotations, &AnnotationController::errorOccurred, this,
        [this](const QString &message) { QMessageBox::warning(this, tr("Annotation Not Saved"), message); });
    updateAnnotationActions(-1);
}

void MainWindow::refreshAnnotations()
{
    if (!library() || m_currentId < 0) {
        m_reader->setAnnotations({}, {});
        updateAnnotationActions(-1);
        return;
    }
    Core::AnnotationQuery query;
    query.articles = { m_currentId };
    const auto annotations = library()->annotations().list(query);
    const auto codebook = library()->tags().all();
    if (!annotations || !codebook) {
        statusBar()->showMessage(tr("Cannot read the annotations: %1").arg(library()->errorString()), 5000);
        return;
    }
    m_reader->setAnnotations(*annotations, *codebook);
    updateAnnotationActions(m_reader->annotationAtCursor());
}

void MainWindow::updateAnnotationActions(qint64 annotationUnderCursor)
{
    m_annotationUnderCursor = annotationUnderCursor;
    const bool article = library() && !library()->isReadOnly() && allows(Core::TeamRole::Annotator) && m_currentId >= 0;
    const auto [start, end] = m_reader->selectedBodyRange();
    m_highlight->setEnabled(article && end > start);
    m_highlightWith->setEnabled(article && end > start);
    m_editHighlight->setEnabled(article && annotationUnderCursor >= 0);
    m_removeHighlight->setEnabled(article && annotationUnderCursor >= 0);
    m_tagArticle->setEnabled(article);
    m_articleHistory->setEnabled(library() && m_currentId >= 0);
}

qint64 MainWindow::highlightSelection(const QStringList &tags, const QString &note, const QString &color)
{
    const auto [start, end] = m_reader->selectedBodyRange();
    if (!library() || m_currentId < 0 || end <= start) {
        statusBar()->showMessage(tr("Select a passage of the article first."), 4000);
        return -1;
    }
    if (library()->isReadOnly()) {
        statusBar()->showMessage(tr("This library is read-only: highlights cannot be saved in it."), 4000);
        return -1;
    }
    return m_annotations->annotate(m_currentId, start, end, tags, note, color);
}

void MainWindow::highlightWithDialog()
{
    const auto [start, end] = m_reader->selectedBodyRange();
    if (!library() || m_currentId < 0 || end <= start) {
        statusBar()->showMessage(tr("Select a passage of the article first."), 4000);
        return;
    }
    const QString quote = m_reader->textEdit()->textCursor().selectedText().replace(QChar::ParagraphSeparator, u'\n');
    AnnotateDialog dialog(quote.trimmed(), m_annotations->tags(), this);
    if (dialog.exec() == QDialog::Accepted) {
        m_annotations->annotate(m_currentId, start, end, dialog.tags(), dialog.note(), dialog.color());
    }
}

void MainWindow::editHighlight()
{
    if (!library() || m_annotationUnderCursor < 0) {
        return;
    }
    const auto annotation = library()->annotations().get(m_annotationUnderCursor);
    if (!annotation) {
        statusBar()->showMessage(library()->errorString(), 5000);
        return;
    }
    AnnotateDialog dialog(annotation->anchor.exact, m_annotations->tags(), this);
    dialog.setWindowTitle(tr("Edit Highlight"));
    dialog.setTags(annotation->tags);
    dialog.setNote(annotation->note);
    dialog.setColor(annotation->color);
    if (dialog.exec() == QDialog::Accepted) {
        Core::Annotation edited = *annotation;
        edited.tags = dialog.tags();
        edited.note = dialog.note();
        edited.color = dialog.color();
        // Refused, and said so, when someone changed the highlight while the dialog was open.
        if (!m_annotations->editAnnotation(edited, annotation->version)
            && m_annotations->lastErrorKind() == Core::StoreError::Kind::Conflict) {
            refreshAnnotations();
        }
    }
}

void MainWindow::tagArticle()
{
    if (!library() || m_currentId < 0) {
        return;
    }
    const auto tags = library()->tags().ofArticle(m_currentId);
    if (!tags) {
        QMessageBox::warning(this, tr("Cannot Tag the Article"),
            tr("The article's tags cannot be read: %1").arg(library()->errorString()));
        return;
    }
    const QStringList &current = *tags;
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Tag Article"), tr("Tags of this article, comma-separated:"),
        QLineEdit::Normal, current.join(QStringLiteral(", ")), &ok);
    if (!ok) {
        return;
    }
    QStringList wanted;
    for (const QString &part : text.split(u',')) {
        if (!part.simplified().isEmpty()) {
            wanted.append(part.simplified());
        }
    }
    m_annotations->undoStack()->beginMacro(tr("Tag Article"));
    for (const QString &tag : current) {
        if (!wanted.contains(tag, Qt::CaseInsensitive)) {
            m_annotations->untagArticle(m_currentId, tag);
        }
    }
    m_annotations->tagArticle(m_currentId, wanted);
    m_annotations->undoStack()->endMacro();
}

void MainWindow::showArticleHistory()
{
    if (!library() || m_currentId < 0) {
        return;
    }
    Core::HistoryQuery query;
    query.articleId = m_currentId;
    auto *dialog = new HistoryDialog(m_session, query, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::manageTags()
{
    if (!library()) {
        return;
    }
    TagManagerDialog dialog(m_annotations, this);
    // Everyone may read the codebook and its history; only an editor changes it.
    dialog.setEditable(!library()->isReadOnly() && allows(Core::TeamRole::Editor));
    dialog.exec();
}

void MainWindow::exportPack()
{
    if (!library()) {
        return;
    }
    ExportDialog dialog(library(), this);
    if (m_currentId >= 0) {
        const auto article = library()->articles().get(m_currentId);
        dialog.setCurrentArticle(m_currentId, article ? article->meta.title : QString());
    }
    dialog.exec();
}

void MainWindow::revealAnnotation(qint64 articleId, qint64 annotationId)
{
    if (!library()) {
        return;
    }
    showArticle(articleId); // also when the list's filter hides it
    revealCurrentArticle(QAbstractItemView::EnsureVisible);
    const auto annotation = library()->annotations().get(annotationId);
    if (annotation && annotation->state != Core::AnnotationState::Orphaned) {
        m_reader->revealBodyRange(annotation->anchor.start, annotation->anchor.end);
    }
}

} // namespace Dossier::Ui
