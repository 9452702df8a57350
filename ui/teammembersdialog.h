#pragma once

#include "store/teamstore.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Dossier::Core
{
class LibrarySession;
}

namespace Dossier::Ui
{

class TeamMemberModel;

/*!
    \brief File › Team Members…: the members of the open team library and their roles.

    An admin adds a member (a role name of the server and a role), removes one, or gives one
    another role; everything goes through Core::TeamStore, so the server decides, and what it
    refuses is shown in the dialog with the reason, the name typed kept. Anyone else sees the list
    read-only, with a note saying why. Changes another admin makes meanwhile (the server announces
    them, Core::LibrarySession::membersChanged()) show as they land, the user's own role included.
*/
class TeamMembersDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamMembersDialog)
public:
    explicit TeamMembersDialog(Core::LibrarySession *session, QWidget *parent = nullptr);

    TeamMemberModel *model() const { return m_model; }
    /*! True when the connected user is an admin of the library and may change its members. */
    bool isEditable() const { return m_editable; }
    /*! What the last change or read failed with, as shown; empty after a success. */
    QString errorText() const;
    /*! Reads the members again. */
    void refresh();

private:
    // Asks the server for the user's role: whether they may change the members, and the note that says so.
    void readRole();
    void add();
    void changeRole();
    void remove();
    void selectionChanged();
    // Shows that the change failed (\a what, the library's error) or clears the message.
    void report(bool ok, const QString &what);
    std::optional<Core::TeamRole> chosenRole() const;
    QString selectedName() const;

    Core::LibrarySession *m_session = nullptr;
    TeamMemberModel *m_model = nullptr;
    bool m_editable = false;
    QLabel *m_note = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_changeRole = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Dossier::Ui
