#pragma once

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace Dossier::Core
{
class LibrarySession;
}

namespace Dossier::Ui
{

/*!
    \brief File › Watched Folders: the open library's watched folders (path, state, last scan,
    articles), with Add Folder… and Remove. Reads and writes through the session and follows its
    watchedFoldersChanged(); the watching itself is Core::FolderWatcher's.
*/
class WatchedFoldersDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchedFoldersDialog)
public:
    explicit WatchedFoldersDialog(Core::LibrarySession *session, QWidget *parent = nullptr);

    QTreeWidget *folderList() const { return m_list; }
    /*! Re-reads the folders. */
    void refresh();
    /*! Stops watching the selected folder (its articles stay). */
    void removeSelected();

Q_SIGNALS:
    /*! Add Folder… was pressed: the window asks for a folder and watches it. */
    void addRequested();

private:
    Core::LibrarySession *m_session;
    QTreeWidget *m_list;
    QPushButton *m_remove;
};

} // namespace Dossier::Ui
