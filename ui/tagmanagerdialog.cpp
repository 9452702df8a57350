#include "tagmanagerdialog.h"

#include "annotationcontroller.h"
#include "historydialog.h"
#include "swatch.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

constexpr int TagIdRole = Qt::UserRole;
constexpr int TagColorRole = Qt::UserRole + 1;
constexpr int TagVersionRole = Qt::UserRole + 2; // the version shown, which an edit expects to find

} // namespace

TagManagerDialog::TagManagerDialog(AnnotationController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_list(new QTreeWidget(this))
    , m_error(new QLabel(this))
    , m_new(new QPushButton(tr("&New…"), this))
    , m_rename(new QPushButton(tr("&Rename…"), this))
    , m_recolour(new QPushButton(tr("Re&colour…"), this))
    , m_merge(new QPushButton(tr("&Merge Into…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_history(new QPushButton(tr("&History…"), this))
{
    setWindowTitle(tr("Tags"));
    m_list->setAccessibleName(tr("Tags"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({ tr("Tag"), tr("Articles"), tr("Passages") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(Articles, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(Passages, QHeaderView::ResizeToContents);

    m_error->setAccessibleName(tr("Tag error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 3px;"));
    m_error->hide();

    m_new->setAccessibleName(tr("New tag"));
    m_rename->setAccessibleName(tr("Rename tag"));
    m_recolour->setAccessibleName(tr("Recolour tag"));
    m_merge->setAccessibleName(tr("Merge tag into another"));
    m_delete->setAccessibleName(tr("Delete tag"));
    m_history->setAccessibleName(tr("History of the tags"));
    m_history->setToolTip(tr("Every change to the tags: who made it, when, and the version to restore"));
    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : { m_new, m_rename, m_recolour, m_merge, m_delete }) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    m_history->setAutoDefault(false);
    m_history->setEnabled(m_controller && m_controller->session());
    buttons->addWidget(m_history);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *body = new QHBoxLayout;
    body->addWidget(m_list, 1);
    body->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_error);
    layout->addWidget(close);
    resize(520, 380);

    connect(m_new, &QPushButton::clicked, this, &TagManagerDialog::newTag);
    connect(m_rename, &QPushButton::clicked, this, &TagManagerDialog::renameCurrent);
    connect(m_recolour, &QPushButton::clicked, this, &TagManagerDialog::recolourCurrent);
    connect(m_merge, &QPushButton::clicked, this, &TagManagerDialog::mergeCurrent);
    connect(m_delete, &QPushButton::clicked, this, &TagManagerDialog::deleteCurrent);
    connect(m_history, &QPushButton::clicked, this, &TagManagerDialog::showHistory);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &TagManagerDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, &TagManagerDialog::renameCurrent);
    if (m_controller) {
        connect(m_controller, &AnnotationController::tagsChanged, this, &TagManagerDialog::refresh);
        connect(m_controller, &AnnotationController::errorOccurred, this, &TagManagerDialog::showError);
    }
    refresh();
}

TagManagerDialog::~TagManagerDialog() = default;

void TagManagerDialog::setEditable(bool editable)
{
    m_editable = editable;
    updateButtons();
}

HistoryDialog *TagManagerDialog::showHistory()
{
    if (!m_controller || !m_controller->session()) {
        return nullptr;
    }
    Core::HistoryQuery query;
    query.table = QStringLiteral("tags");
    auto *dialog = new HistoryDialog(m_controller->session(), query, this);
    dialog->setRestoreAllowed(m_editable);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void TagManagerDialog::refresh()
{
    const qint64 selected = currentTag();
    const QList<Core::Tag> tags = m_controller ? m_controller->tags() : QList<Core::Tag>();
    m_list->clear();
    QTreeWidgetItem *current = nullptr;
    for (const Core::Tag &tag : tags) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setIcon(Name, colorSwatch(QColor(tag.color)));
        item->setText(Name, tag.name);
        item->setData(Name, TagIdRole, tag.id);
        item->setData(Name, TagColorRole, tag.color);
        item->setData(Name, TagVersionRole, tag.version);
        item->setData(Articles, Qt::DisplayRole, tag.documents);
        item->setData(Passages, Qt::DisplayRole, tag.annotations);
        item->setTextAlignment(Articles, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(Passages, Qt::AlignRight | Qt::AlignVCenter);
        if (tag.id == selected) {
            current = item;
        }
    }
    if (!current && m_list->topLevelItemCount() > 0) {
        current = m_list->topLevelItem(0);
    }
    m_list->setCurrentItem(current);
    updateButtons();
}

qint64 TagManagerDialog::currentTag() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(Name, TagIdRole).toLongLong() : -1;
}

void TagManagerDialog::selectTag(qint64 tagId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(Name, TagIdRole).toLongLong() == tagId) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return;
        }
    }
}

QString TagManagerDialog::errorText() const
{
    return m_errorShown ? m_error->text() : QString();
}

TagManagerDialog::Current TagManagerDialog::current() const
{
    Current tag;
    if (const QTreeWidgetItem *item = m_list->currentItem()) {
        tag.id = item->data(Name, TagIdRole).toLongLong();
        tag.name = item->text(Name);
        tag.color = item->data(Name, TagColorRole).toString();
        tag.version = item->data(Name, TagVersionRole).toLongLong();
        tag.articles = item->data(Articles, Qt::DisplayRole).toInt();
        tag.passages = item->data(Passages, Qt::DisplayRole).toInt();
    }
    return tag;
}

qint64 TagManagerDialog::tagIdByName(const QString &name) const
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->text(Name).compare(name, Qt::CaseInsensitive) == 0) {
            return item->data(Name, TagIdRole).toLongLong();
        }
    }
    return -1;
}

void TagManagerDialog::updateButtons()
{
    const bool library = m_controller && m_controller->library() && m_editable;
    const bool selected = library && m_list->currentItem();
    m_new->setEnabled(library);
    m_rename->setEnabled(selected);
    m_recolour->setEnabled(selected);
    m_merge->setEnabled(selected && m_list->topLevelItemCount() > 1);
    m_delete->setEnabled(selected);
}

void TagManagerDialog::showError(const QString &message)
{
    m_errorShown = !message.isEmpty();
    m_error->setText(message);
    m_error->setVisible(m_errorShown);
}

bool TagManagerDialog::run(const std::function<bool()> &edit, const QString &fallback)
{
    showError({});
    if (!m_controller) {
        return false;
    }
    if (edit()) {
        return true;
    }
    if (!m_errorShown) {
        // The controller reports failures through errorOccurred(); this is for one that did not.
        showError(fallback);
    }
    if (m_controller->lastErrorKind() == Core::StoreError::Kind::Conflict) {
        refresh(); // show the codebook as the colleague left it, next to the message saying so
    }
    return false;
}

void TagManagerDialog::newTag()
{
    if (!m_editable) {
        return;
    }
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("New Tag"), tr("Name of the new tag:"), QLineEdit::Normal, {}, &ok)
              .simplified();
    if (!ok || name.isEmpty()) {
        return;
    }
    if (tagIdByName(name) >= 0) {
        showError(tr("A tag called \"%1\" already exists.").arg(name));
        return;
    }
    run([&] { return m_controller->createTag(name); }, tr("Could not create the tag \"%1\".").arg(name));
    selectTag(tagIdByName(name));
}

void TagManagerDialog::renameCurrent()
{
    const Current tag = current();
    if (tag.id < 0 || !m_editable) {
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Rename Tag"), tr("New name for \"%1\":").arg(tag.name), QLineEdit::Normal, tag.name, &ok)
                             .simplified();
    if (!ok || name == tag.name) {
        return;
    }
    if (name.isEmpty()) {
        showError(tr("A tag needs a name."));
        return;
    }
    const qint64 clash = tagIdByName(name);
    if (clash >= 0 && clash != tag.id) {
        showError(tr("A tag called \"%1\" already exists. Use Merge Into… to combine the two.").arg(name));
        return;
    }
    run([&] { return m_controller->renameTag(tag.id, name, tag.version); },
        tr("Could not rename \"%1\" to \"%2\".").arg(tag.name, name));
}

void TagManagerDialog::recolourCurrent()
{
    const Current tag = current();
    if (tag.id < 0 || !m_editable) {
        return;
    }
    const QColor color = QColorDialog::getColor(QColor(tag.color), this, tr("Colour of \"%1\"").arg(tag.name));
    if (!color.isValid() || color.name() == tag.color) {
        return;
    }
    run([&] { return m_controller->setTagColor(tag.id, color.name(), tag.version); },
        tr("Could not change the colour of \"%1\".").arg(tag.name));
}

void TagManagerDialog::mergeCurrent()
{
    const Current tag = current();
    if (tag.id < 0 || !m_editable) {
        return;
    }
    QStringList others;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(Name, TagIdRole).toLongLong() != tag.id) {
            others.append(item->text(Name));
        }
    }
    if (others.isEmpty()) {
        return;
    }
    bool ok = false;
    const QString into = QInputDialog::getItem(this, tr("Merge Tag"),
        tr("Merge \"%1\" into:\n(every article and passage tagged \"%1\" gets the chosen tag; \"%1\" is deleted)")
            .arg(tag.name),
        others, 0, false, &ok);
    const qint64 intoId = tagIdByName(into);
    if (!ok || intoId < 0) {
        return;
    }
    if (run([&] { return m_controller->mergeTags(tag.id, intoId, tag.version); },
            tr("Could not merge \"%1\" into \"%2\".").arg(tag.name, into))) {
        selectTag(intoId);
    }
}

void TagManagerDialog::deleteCurrent()
{
    const Current tag = current();
    if (tag.id < 0 || !m_editable) {
        return;
    }
    QMessageBox box(QMessageBox::Warning, tr("Delete Tag"), tr("Delete the tag \"%1\"?").arg(tag.name),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setInformativeText(tr("%1 and %2 will lose the tag. The passages themselves stay.")
            .arg(tr("%n article(s)", nullptr, tag.articles), tr("%n passage(s)", nullptr, tag.passages)));
    box.button(QMessageBox::Yes)->setText(tr("Delete"));
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes) {
        return;
    }
    run([&] { return m_controller->removeTag(tag.id, tag.version); },
        tr("Could not delete the tag \"%1\".").arg(tag.name));
}

} // namespace Dossier::Ui
