#include "watchedfoldersdialog.h"

#include "store/librarysession.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

constexpr int idRole = Qt::UserRole;

} // namespace

WatchedFoldersDialog::WatchedFoldersDialog(Core::LibrarySession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_list(new QTreeWidget(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Watched Folders"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("New and changed files in these folders are imported while Dossier is open (and by "
                                "dossier-cli import --watch). Removing a folder keeps its articles."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list->setObjectName(QStringLiteral("watchedFolderList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({ tr("Folder"), tr("State"), tr("Last Scan"), tr("Articles") });
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->setAccessibleName(tr("Watched folders"));
    layout->addWidget(m_list);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *add = buttons->addButton(tr("&Add Folder…"), QDialogButtonBox::ActionRole);
    add->setObjectName(QStringLiteral("addWatchedFolderButton"));
    m_remove->setObjectName(QStringLiteral("removeWatchedFolderButton"));
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &WatchedFoldersDialog::addRequested);
    connect(m_remove, &QPushButton::clicked, this, &WatchedFoldersDialog::removeSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] { m_remove->setEnabled(m_list->currentItem()); });
    connect(m_session, &Core::LibrarySession::watchedFoldersChanged, this, &WatchedFoldersDialog::refresh);
    connect(m_session, &Core::LibrarySession::articlesChanged, this, &WatchedFoldersDialog::refresh);
    connect(m_session, &Core::LibrarySession::libraryChanged, this, &WatchedFoldersDialog::refresh);
    resize(640, 300);
    refresh();
}

void WatchedFoldersDialog::refresh()
{
    const qint64 selected = m_list->currentItem() ? m_list->currentItem()->data(0, idRole).toLongLong() : -1;
    m_list->clear();
    Core::Library *library = m_session->library();
    const auto folders = library ? library->watchedFolders().all() : std::nullopt;
    for (const Core::WatchedFolder &folder : folders.value_or(QList<Core::WatchedFolder> {})) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, QDir::toNativeSeparators(folder.path));
        item->setData(0, idRole, folder.id);
        item->setText(1, folder.state == Core::WatchedFolder::State::Missing ? tr("Missing") : tr("OK"));
        item->setText(2,
            folder.lastScan > 0
                ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(folder.lastScan), QLocale::ShortFormat)
                : tr("Never"));
        item->setText(3, QLocale().toString(folder.articles));
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        if (folder.id == selected) {
            m_list->setCurrentItem(item);
        }
    }
    m_remove->setEnabled(m_list->currentItem() && library && !library->isReadOnly());
}

void WatchedFoldersDialog::removeSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item) {
        return;
    }
    const qint64 id = item->data(0, idRole).toLongLong();
    Core::LibraryChanges changes;
    changes.folders = true;
    if (!m_session->write(changes, [id](Core::Library &library) { return library.watchedFolders().remove(id); })) {
        QMessageBox::warning(this, tr("Cannot Remove the Folder"), m_session->errorString());
    }
}

} // namespace Dossier::Ui
