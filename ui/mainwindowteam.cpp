// The main window's team libraries and recent libraries (issue 17): File › Connect to Team
// Library…, File › Open Recent, a team library reached in the background, what a library that
// cannot be opened shows, and the title and status that say a team library is open.

#include "connectteamdialog.h"
#include "entitycurator.h"
#include "librarycheckdialog.h"
#include "mainwindow.h"
#include "store/librarysession.h"
#include "teammembersdialog.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QToolButton>

namespace Dossier::Ui
{

namespace
{
const QString settingsRecent = QStringLiteral("library/recent");
constexpr qsizetype recentCount = 8;

// The team library at \a location, when it is one.
std::optional<Core::TeamAddress> teamAddress(const QString &location)
{
    return Core::Library::isServerLocation(location) ? Core::TeamAddress::fromUrl(location) : std::nullopt;
}
} // namespace

QString MainWindow::libraryName(const QString &location)
{
    if (const auto team = teamAddress(location)) {
        return ConnectTeamDialog::displayName(*team);
    }
    return QFileInfo(location).fileName();
}

QStringList MainWindow::recentLibraries()
{
    return QSettings().value(settingsRecent).toStringList();
}

ConnectTeamDialog *MainWindow::connectToTeamLibrary()
{
    auto *dialog = new ConnectTeamDialog(this);
    dialog->setObjectName(QStringLiteral("connectTeamDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    // The open team library, else the last one, is where the user most likely goes again.
    QStringList candidates = recentLibraries();
    if (library()) {
        candidates.prepend(library()->path());
    }
    for (const QString &location : std::as_const(candidates)) {
        if (const auto team = teamAddress(location)) {
            dialog->setAddress(*team);
            break;
        }
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openLibrary(dialog->url()); });
    dialog->open();
    return dialog;
}

TeamMembersDialog *MainWindow::showTeamMembers()
{
    if (!library() || library()->backend() != Core::Library::Backend::PostgreSQL) {
        return nullptr;
    }
    auto *dialog = new TeamMembersDialog(m_session, this);
    dialog->setObjectName(QStringLiteral("teamMembersDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    // The members are those of the library open when it was opened.
    connect(m_session, &Core::LibrarySession::libraryAboutToChange, dialog, &QDialog::reject);
    dialog->open();
    return dialog;
}

void MainWindow::createRecentMenu(QMenu *file)
{
    QAction *connectTeam = file->addAction(tr("Connect to &Team Library…"), this, [this] { connectToTeamLibrary(); });
    connectTeam->setObjectName(QStringLiteral("connectTeamAction"));
    m_teamMembers = file->addAction(tr("Team &Members…"), this, [this] { showTeamMembers(); });
    m_teamMembers->setObjectName(QStringLiteral("teamMembersAction"));
    m_teamMembers->setEnabled(false);
    m_recent = file->addMenu(tr("Open &Recent"));
    m_recent->setObjectName(QStringLiteral("recentLibrariesMenu"));
    updateRecentMenu();
}

void MainWindow::rememberLibrary(const QString &location)
{
    QStringList recent = recentLibraries();
    recent.removeAll(location);
    recent.prepend(location);
    QSettings().setValue(settingsRecent, recent.mid(0, recentCount));
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recent->clear();
    const QStringList recent = recentLibraries();
    for (const QString &location : recent) {
        // A file shows its folder too, as two libraries may share a name; a URL holds no password.
        const QString text = Core::Library::isServerLocation(location)
            ? tr("%1 (team library)").arg(libraryName(location))
            : tr("%1 in %2").arg(libraryName(location), QDir::toNativeSeparators(QFileInfo(location).absolutePath()));
        QAction *action = m_recent->addAction(text, this, [this, location] { openLibrary(location); });
        action->setData(location);
        action->setStatusTip(location);
    }
    m_recent->addSeparator();
    QAction *clear = m_recent->addAction(tr("&Clear List"), this, [this] {
        QSettings().remove(settingsRecent);
        updateRecentMenu();
    });
    clear->setEnabled(!recent.isEmpty());
    m_recent->setEnabled(!recent.isEmpty());
}

void MainWindow::connectInBackground(const QString &location)
{
    if (!m_connecting) {
        // The status bar says which team library is being reached, with a way to stop waiting.
        m_connecting = new QWidget(this);
        m_connecting->setObjectName(QStringLiteral("connectingStatus"));
        auto *layout = new QHBoxLayout(m_connecting);
        layout->setContentsMargins(0, 0, 0, 0);
        m_connectingLabel = new QLabel(m_connecting);
        auto *busy = new QProgressBar(m_connecting);
        busy->setRange(0, 0);
        busy->setMaximumWidth(120);
        busy->setAccessibleName(tr("Connecting"));
        auto *cancel = new QToolButton(m_connecting);
        cancel->setObjectName(QStringLiteral("cancelConnectButton"));
        cancel->setText(tr("Cancel"));
        cancel->setToolTip(tr("Stop waiting for the server; the library open now stays open"));
        layout->addWidget(m_connectingLabel);
        layout->addWidget(busy);
        layout->addWidget(cancel);
        statusBar()->addPermanentWidget(m_connecting);
        connect(cancel, &QToolButton::clicked, this, [this] {
            hideConnecting();
            statusBar()->showMessage(tr("Stopped connecting."), 4000);
        });
        connect(m_session, &Core::LibrarySession::openFinished, this, [this](const QString &path, bool ok) {
            m_connecting->hide();
            if (ok) {
                startOnLibrary();
            } else {
                refuseLibrary(path);
            }
        });
    }
    m_session->openInBackground(location);
    m_connectingLabel->setText(tr("Connecting to %1…").arg(libraryName(location)));
    m_connecting->setToolTip(location);
    m_connecting->show();
}

void MainWindow::hideConnecting()
{
    m_session->cancelOpen();
    if (m_connecting) {
        m_connecting->hide();
    }
}

bool MainWindow::isConnecting() const
{
    return m_session->isOpening();
}

void MainWindow::refuseLibrary(const QString &file)
{
    // A damaged library can be restored from a backup or recovered; other refusals (another
    // program's file, a newer Dossier, read-only, an unreachable server) leave nothing to repair.
    if (m_session->openFailure() == Core::Library::OpenFailure::Damaged) {
        openCheckDialog(QStringLiteral("damagedLibraryDialog"))->offerRepair(file, m_session->errorString());
    } else {
        QMessageBox::warning(this, tr("Cannot Open the Library"), m_session->errorString());
    }
}

bool MainWindow::isOfferingRepair() const
{
    const auto *dialog = findChild<LibraryCheckDialog *>(QStringLiteral("damagedLibraryDialog"));
    return dialog && dialog->isVisible();
}

void MainWindow::showLibraryName()
{
    const bool team = library()->backend() == Core::Library::Backend::PostgreSQL;
    const QString name = libraryName(library()->path());
    if (library()->isReadOnly()) {
        setWindowTitle(
            team ? tr("%1 (team library, read-only) — Dossier").arg(name) : tr("%1 (read-only) — Dossier").arg(name));
    } else {
        setWindowTitle(team ? tr("%1 (team library) — Dossier").arg(name) : tr("%1 — Dossier").arg(name));
    }
    if (!m_teamNotice) {
        m_teamNotice = new QLabel(this);
        m_teamNotice->setObjectName(QStringLiteral("teamLibraryNotice"));
        m_teamNotice->setAccessibleName(tr("Team library"));
        statusBar()->insertPermanentWidget(0, m_teamNotice);
    }
    m_teamNotice->setText(tr("Team library: %1 (PostgreSQL)").arg(name));
    m_teamNotice->setToolTip(library()->path());
    m_teamNotice->setVisible(team);
    // A team library is checked and backed up on its server (pg_dump), not as a file.
    m_checkLibrary->setEnabled(!team);
    m_teamMembers->setEnabled(team);
}

void MainWindow::applyPermissions()
{
    if (!library()) {
        return;
    }
    m_role.reset();
    if (library()->backend() == Core::Library::Backend::PostgreSQL) {
        // Not a member (or the roles unreadable): a reader, who may change nothing. The server enforces the
        // roles; this only keeps the window from offering what it would refuse.
        m_role = library()->team().myRole().value_or(Core::TeamRole::Reader);
    }
    const bool readOnly = library()->isReadOnly();
    for (QAction *action : std::as_const(m_writeActions)) {
        action->setEnabled(
            !readOnly && allows(m_editorActions.contains(action) ? Core::TeamRole::Editor : Core::TeamRole::Annotator));
    }
    // Entity corrections are an editor's (the sidebar's menu asks the curator).
    m_curator->setEditable(!readOnly && allows(Core::TeamRole::Editor));
    updateAnnotationActions(m_annotationUnderCursor);
}

} // namespace Dossier::Ui
