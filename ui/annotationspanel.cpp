#include "annotationspanel.h"

#include "annotationcontroller.h"
#include "annotationlistmodel.h"
#include "historydialog.h"
#include "roles.h"
#include "store/library.h"
#include "swatch.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace Dossier::Ui
{

namespace
{

constexpr int filterDelayMs = 250;

} // namespace

AnnotationsPanel::AnnotationsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new AnnotationListModel(this))
    , m_filter(new QLineEdit(this))
    , m_tags(new QComboBox(this))
    , m_authors(new QComboBox(this))
    , m_thisArticle(new QCheckBox(tr("This article only"), this))
    , m_orphaned(new QCheckBox(tr("Orphaned only"), this))
    , m_showHidden(new QCheckBox(tr("Show hidden"), this))
    , m_view(new QTableView(this))
    , m_error(new QLabel(this))
    , m_count(new QLabel(this))
    , m_body(new QWidget(this))
    , m_emptyNotice(new QLabel(this))
    , m_filterDelay(new QTimer(this))
    , m_refreshDelay(new QTimer(this))
    , m_goTo(new QAction(tr("Go to Passage"), this))
    , m_editNote(new QAction(tr("Edit Note…"), this))
    , m_editTags(new QAction(tr("Edit Tags…"), this))
    , m_history(new QAction(tr("History…"), this))
    , m_hide(new QAction(tr("Hide"), this))
    , m_remove(new QAction(tr("Remove"), this))
{
    m_filter->setPlaceholderText(tr("Filter quotes and notes"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter annotations"));
    m_tags->setAccessibleName(tr("Tag filter"));
    m_tags->setToolTip(tr("Only passages carrying this tag"));
    m_tags->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_authors->setAccessibleName(tr("Author filter"));
    m_authors->setToolTip(tr("Only passages this person made"));
    m_authors->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_authors->hide();
    m_thisArticle->setAccessibleName(tr("Only annotations of this article"));
    m_orphaned->setAccessibleName(tr("Only orphaned annotations"));
    m_orphaned->setToolTip(tr("Passages whose quote is no longer in their article's text"));
    m_showHidden->setAccessibleName(tr("Show hidden annotations"));
    m_showHidden->setToolTip(tr("Also list the passages an editor hid"));
    m_hide->setToolTip(tr("Hide the passage from the list, the reader and exports (its text is kept)"));
    m_error->setAccessibleName(tr("Annotations error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 3px;"));
    m_error->hide();
    m_count->setAccessibleName(tr("Annotation count"));
    m_emptyNotice->setObjectName(QStringLiteral("annotationsEmptyNotice"));
    m_emptyNotice->setAccessibleName(tr("No annotations"));
    m_emptyNotice->setWordWrap(true);
    m_emptyNotice->setText(tr("No annotations yet — select text in the reader and press Ctrl+H to highlight it, or "
                              "Ctrl+Shift+H to give it tags and a note."));
    m_emptyNotice->setContentsMargins(6, 4, 6, 4);
    m_emptyNotice->setForegroundRole(QPalette::PlaceholderText);

    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Annotations"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // No sort indicator at first: the library's order (by article, then position) until a header is clicked.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(AnnotationListModel::Quote, QHeaderView::Stretch);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->installEventFilter(this);

    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_remove);
    for (QAction *action : { m_goTo, m_editNote, m_editTags, m_history, m_hide, m_remove }) {
        action->setEnabled(false);
    }

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_tags);
    filters->addWidget(m_authors);
    auto *checks = new QHBoxLayout;
    checks->setContentsMargins(0, 0, 0, 0);
    checks->addWidget(m_thisArticle);
    checks->addWidget(m_orphaned);
    checks->addWidget(m_showHidden);
    checks->addStretch(1);
    checks->addWidget(m_count);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(filters);
    bodyLayout->addLayout(checks);
    bodyLayout->addWidget(m_error);
    bodyLayout->addWidget(m_view, 1);
    // Until the library has a passage, one line says how to make one instead of an empty table.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_emptyNotice);
    layout->addWidget(m_body, 1);
    m_body->hide();

    reloadTags();

    // Typing is debounced so the list is read once the user pauses, not per keystroke.
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(filterDelayMs);
    connect(m_filterDelay, &QTimer::timeout, this, &AnnotationsPanel::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &AnnotationsPanel::applyFilter);
    connect(m_tags, &QComboBox::activated, this, &AnnotationsPanel::applyFilter);
    connect(m_authors, &QComboBox::activated, this, &AnnotationsPanel::applyFilter);
    connect(m_thisArticle, &QCheckBox::toggled, this, &AnnotationsPanel::applyFilter);
    connect(m_orphaned, &QCheckBox::toggled, this, &AnnotationsPanel::applyFilter);
    connect(m_showHidden, &QCheckBox::toggled, this, &AnnotationsPanel::applyFilter);

    // Several edits in a row (a multi-row removal, an undo macro) make one re-read.
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(0);
    connect(m_refreshDelay, &QTimer::timeout, this, &AnnotationsPanel::refresh);

    connect(m_view, &QTableView::clicked, this, &AnnotationsPanel::activate);
    connect(m_view, &QTableView::activated, this, &AnnotationsPanel::activate);
    connect(m_view, &QTableView::customContextMenuRequested, this, &AnnotationsPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AnnotationsPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &AnnotationsPanel::updateActions);
    connect(m_model, &AnnotationListModel::queryFailed, this, &AnnotationsPanel::showError);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AnnotationsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AnnotationsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AnnotationsPanel::updateActions);

    connect(m_goTo, &QAction::triggered, this, [this] { activate(m_view->currentIndex()); });
    connect(m_editNote, &QAction::triggered, this, &AnnotationsPanel::editNote);
    connect(m_editTags, &QAction::triggered, this, &AnnotationsPanel::editTags);
    connect(m_history, &QAction::triggered, this, &AnnotationsPanel::showHistory);
    connect(m_hide, &QAction::triggered, this, &AnnotationsPanel::toggleHidden);
    connect(m_remove, &QAction::triggered, this, &AnnotationsPanel::removeSelected);
    updateActions();
}

AnnotationsPanel::~AnnotationsPanel() = default;

void AnnotationsPanel::setController(AnnotationController *controller)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections)) {
        disconnect(connection);
    }
    m_connections.clear();
    m_controller = controller;
    if (controller) {
        m_connections = {
            connect(controller, &AnnotationController::annotationsChanged, this, &AnnotationsPanel::scheduleRefresh),
            connect(controller, &AnnotationController::tagsChanged, this, &AnnotationsPanel::scheduleRefresh),
            connect(controller, &AnnotationController::errorOccurred, this, &AnnotationsPanel::showError),
            connect(controller, &AnnotationController::membersChanged, this, &AnnotationsPanel::readRole),
        };
    }
    refresh();
}

AnnotationController *AnnotationsPanel::controller() const
{
    return m_controller;
}

void AnnotationsPanel::setCurrentArticle(qint64 articleId)
{
    if (m_currentArticle == articleId) {
        return;
    }
    m_currentArticle = articleId;
    if (m_thisArticle->isChecked()) {
        applyFilter();
    }
}

qint64 AnnotationsPanel::currentArticle() const
{
    return m_currentArticle;
}

qint64 AnnotationsPanel::currentAnnotation() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(AnnotationIdRole).toLongLong() : -1;
}

void AnnotationsPanel::refresh()
{
    m_refreshDelay->stop();
    m_error->hide();
    Core::Library *library = m_controller ? m_controller->library() : nullptr;
    if (m_model->library() != library) {
        m_model->setLibrary(library);
        readRole();
        reloadTags();
        reloadAuthors();
    } else {
        // Either may set a new query (which re-reads the list); else the list is read again here.
        const bool tagsChanged = reloadTags();
        const bool authorsChanged = reloadAuthors();
        if (!tagsChanged && !authorsChanged) {
            m_model->refresh();
        }
    }
    updateCount();
}

void AnnotationsPanel::readRole()
{
    Core::Library *library = m_model->library();
    m_role.reset();
    if (library && Core::Library::isServerLocation(library->path())) {
        // Not a member (or unreadable): a reader, who may change nothing.
        m_role = library->team().myRole().value_or(Core::TeamRole::Reader);
    }
    updateActions();
}

void AnnotationsPanel::articlesChanged()
{
    m_model->articlesChanged();
    updateCount();
}

bool AnnotationsPanel::isEmpty() const
{
    return m_empty;
}

void AnnotationsPanel::updateCount()
{
    m_count->setText(tr("%n passage(s)", nullptr, m_model->rowCount()));
    updateActions();
    // Empty: nothing listed although nothing narrows the list (and no error to show), so the
    // library has no passage at all.
    const bool filtered = !m_filter->text().trimmed().isEmpty() || m_tags->currentIndex() > 0
        || m_authors->currentIndex() > 0 || m_thisArticle->isChecked() || m_orphaned->isChecked()
        || m_showHidden->isChecked();
    const bool empty = m_model->rowCount() == 0 && !filtered && m_error->isHidden();
    if (empty == m_empty) {
        return;
    }
    m_empty = empty;
    m_emptyNotice->setVisible(empty);
    m_body->setVisible(!empty);
    // The dock around the panel reads the new size hint now, not at the next layout pass.
    updateGeometry();
    Q_EMIT emptyChanged(empty);
}

void AnnotationsPanel::scheduleRefresh()
{
    m_refreshDelay->start();
}

bool AnnotationsPanel::reloadTags()
{
    // The selection is kept by tag id, so a renamed tag stays selected under its new name.
    const qint64 selected = m_tags->currentIndex() > 0 ? m_tags->currentData().toLongLong() : -1;
    const QString selectedName = m_tags->currentIndex() > 0 ? m_tags->currentText() : QString();
    const QList<Core::Tag> codebook = m_controller ? m_controller->tags() : QList<Core::Tag>();
    const QSignalBlocker blocker(m_tags);
    m_tags->clear();
    m_tags->addItem(tr("All tags"), qint64(-1));
    int current = 0;
    for (const Core::Tag &tag : codebook) {
        m_tags->addItem(colorSwatch(QColor(tag.color)), tag.name, tag.id);
        if (tag.id == selected) {
            current = m_tags->count() - 1;
        }
    }
    m_tags->setCurrentIndex(current);
    if (selected >= 0 && (current == 0 || m_tags->currentText() != selectedName)) {
        // The tag filtered by was deleted, merged or renamed: the query follows.
        Core::AnnotationQuery query = m_model->query();
        query.tags = current > 0 ? QStringList { m_tags->currentText() } : QStringList();
        m_model->setQuery(query);
        return true;
    }
    return false;
}

bool AnnotationsPanel::reloadAuthors()
{
    const QString selected = m_authors->currentIndex() > 0 ? m_authors->currentText() : QString();
    // Read from the library's annotations (thousands at most, as the list itself), hidden ones too.
    Core::Library *library = m_controller ? m_controller->library() : nullptr;
    Core::AnnotationQuery everything;
    everything.withHidden = true;
    QStringList authors;
    for (const Core::Annotation &annotation : library
            ? library->annotations().list(everything).value_or(QList<Core::Annotation> {})
            : QList<Core::Annotation> {}) {
        if (!annotation.author.isEmpty() && !authors.contains(annotation.author)) {
            authors.append(annotation.author);
        }
    }
    authors.sort(Qt::CaseInsensitive);
    const QSignalBlocker blocker(m_authors);
    m_authors->clear();
    m_authors->addItem(tr("All authors"));
    m_authors->addItems(authors);
    const int current = selected.isEmpty() ? 0 : std::max(0, m_authors->findText(selected));
    m_authors->setCurrentIndex(current);
    // One author (a personal library) has nothing to choose between.
    m_authors->setVisible(authors.size() > 1 || current > 0);
    if (!selected.isEmpty() && current == 0) {
        // The author's last passage went: the query follows.
        Core::AnnotationQuery query = m_model->query();
        query.author.clear();
        m_model->setQuery(query);
        return true;
    }
    return false;
}

void AnnotationsPanel::applyFilter()
{
    m_filterDelay->stop();
    Core::AnnotationQuery query;
    query.text = m_filter->text().trimmed();
    if (m_tags->currentIndex() > 0) {
        query.tags = { m_tags->currentText() };
    }
    if (m_thisArticle->isChecked()) {
        // No article open: nothing is "this article's".
        query.articles = { m_currentArticle };
    }
    query.orphanedOnly = m_orphaned->isChecked();
    query.withHidden = m_showHidden->isChecked();
    if (m_authors->currentIndex() > 0) {
        query.author = m_authors->currentText();
    }
    m_error->hide();
    m_model->setQuery(query);
    updateCount();
}

void AnnotationsPanel::selectAnnotation(qint64 annotationId)
{
    const int row = m_model->rowOfAnnotation(annotationId);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_model->index(row, AnnotationListModel::Quote);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void AnnotationsPanel::activate(const QModelIndex &index)
{
    if (!index.isValid()) {
        return;
    }
    const qint64 annotationId = index.data(AnnotationIdRole).toLongLong();
    const qint64 articleId = index.data(ArticleIdRole).toLongLong();
    if (articleId < 0) {
        return; // the article was removed from the library: nothing to show
    }
    if (annotationId == m_lastActivated && m_sinceActivated.isValid()
        && m_sinceActivated.elapsed() < QApplication::doubleClickInterval()) {
        return;
    }
    m_lastActivated = annotationId;
    m_sinceActivated.start();
    Q_EMIT annotationActivated(articleId, annotationId);
}

QList<qint64> AnnotationsPanel::selectedAnnotations() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        ids.append(row.data(AnnotationIdRole).toLongLong());
    }
    if (ids.isEmpty() && m_view->currentIndex().isValid()) {
        ids.append(currentAnnotation());
    }
    return ids;
}

void AnnotationsPanel::removeSelected()
{
    if (!m_controller) {
        return;
    }
    const QList<qint64> ids = selectedAnnotations();
    if (ids.isEmpty()) {
        return;
    }
    QUndoStack *stack = m_controller->undoStack();
    const bool macro = ids.size() > 1 && stack;
    if (macro) {
        stack->beginMacro(tr("Remove %n passage(s)", nullptr, int(ids.size())));
    }
    for (qint64 id : ids) {
        if (!m_controller->removeAnnotation(id)) {
            break; // errorOccurred() has said why
        }
    }
    if (macro) {
        stack->endMacro();
    }
}

void AnnotationsPanel::editNote()
{
    const Core::Annotation *current = m_model->annotationAt(m_view->currentIndex().row());
    if (!m_controller || !current) {
        return;
    }
    Core::Annotation annotation = *current;
    bool ok = false;
    const QString note = QInputDialog::getMultiLineText(this, tr("Edit Note"),
        tr("Note on \"%1\":").arg(m_view->currentIndex().siblingAtColumn(0).data().toString().left(80)),
        annotation.note, &ok);
    if (!ok || note == annotation.note) {
        return;
    }
    annotation.note = note;
    saveEdit(annotation);
}

void AnnotationsPanel::saveEdit(const Core::Annotation &annotation)
{
    // Someone (another window, a colleague on a team library) may have changed it while it was
    // being edited: then the store refuses the edit in the UPDATE itself and nothing is
    // overwritten; the message says who, and the list reloads to show what they made of it.
    QString refusal;
    const QMetaObject::Connection noting = connect(m_controller, &AnnotationController::errorOccurred, this,
        [&refusal](const QString &message) { refusal = message; });
    const bool saved = m_controller->editAnnotation(annotation, annotation.version);
    disconnect(noting);
    if (!saved && m_controller->lastErrorKind() == Core::StoreError::Kind::Conflict) {
        refresh();
        showError(refusal);
    }
}

HistoryDialog *AnnotationsPanel::showHistory()
{
    const qint64 id = currentAnnotation();
    if (!m_controller || !m_controller->session() || id < 0) {
        return nullptr;
    }
    auto *dialog = new HistoryDialog(m_controller->session(), id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void AnnotationsPanel::editTags()
{
    const Core::Annotation *current = m_model->annotationAt(m_view->currentIndex().row());
    if (!m_controller || !current) {
        return;
    }
    Core::Annotation annotation = *current;
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Edit Tags"), tr("Tags, separated by commas:"),
        QLineEdit::Normal, annotation.tags.join(QLatin1String(", ")), &ok);
    if (!ok) {
        return;
    }
    QStringList tags;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString tag = part.simplified();
        if (!tag.isEmpty() && !tags.contains(tag, Qt::CaseInsensitive)) {
            tags.append(tag);
        }
    }
    if (tags == annotation.tags) {
        return;
    }
    annotation.tags = tags;
    saveEdit(annotation);
}

void AnnotationsPanel::toggleHidden()
{
    const Core::Annotation *current = m_model->annotationAt(m_view->currentIndex().row());
    if (!m_controller || !current) {
        return;
    }
    m_controller->setAnnotationHidden(current->id, !current->hidden);
}

void AnnotationsPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid()) {
        return;
    }
    if (!m_view->selectionModel()->isRowSelected(index.row(), {})) {
        m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    updateActions();
    QMenu menu(this);
    menu.addAction(m_goTo);
    menu.addSeparator();
    menu.addAction(m_editNote);
    menu.addAction(m_editTags);
    menu.addAction(m_history);
    menu.addAction(m_hide);
    menu.addSeparator();
    menu.addAction(m_remove);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void AnnotationsPanel::updateActions()
{
    const QModelIndex current = m_view->currentIndex();
    const bool editable = m_controller && current.isValid();
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    m_goTo->setEnabled(current.isValid() && current.data(ArticleIdRole).toLongLong() >= 0);
    const Core::Annotation *annotation = m_model->annotationAt(current.row());
    Core::Library *library = m_controller ? m_controller->library() : nullptr;
    const bool mine
        = annotation && library && (annotation->author.isEmpty() || annotation->author == library->author());
    // On a team library, annotators change their own passages, editors the tags of anyone's and whether it
    // is hidden, nobody another's note or the passage itself (the server's triggers); a file allows all.
    const bool annotates = !m_role || *m_role >= Core::TeamRole::Annotator;
    const bool edits = !m_role || *m_role >= Core::TeamRole::Editor;
    const bool own = !m_role || mine;
    m_editNote->setEnabled(editable && annotates && own);
    m_editTags->setEnabled(editable && ((annotates && own) || edits));
    m_history->setEnabled(editable && m_controller->session());
    m_hide->setEnabled(editable && annotation && library && !library->isReadOnly() && ((annotates && own) || edits));
    m_hide->setText(annotation && annotation->hidden ? tr("Show Again") : tr("Hide"));
    m_remove->setEnabled(m_controller && annotates && (selected > 1 || (current.isValid() && own)));
    m_remove->setText(selected > 1 ? tr("Remove %n Passages", nullptr, selected) : tr("Remove"));
}

void AnnotationsPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    updateCount();
}

bool AnnotationsPanel::eventFilter(QObject *watched, QEvent *event)
{
    // The Delete shortcut only fires in the active window; a key press that reaches the view
    // without it (an inactive window, a test) removes all the same.
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Delete) || key->key() == Qt::Key_Backspace) {
            if (m_remove->isEnabled()) {
                removeSelected();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Dossier::Ui
