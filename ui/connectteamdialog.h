#pragma once

#include "store/teamaddress.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Dossier::Ui
{

/*!
    \brief File › Connect to Team Library: the server (host or socket folder, port), the database,
    the user and libpq's options (sslmode, or a service of the libpq service file), put together
    into the postgresql:// URL the library is opened with. There is no password field: libpq reads
    passwords from ~/.pgpass or the service file, and the dialog says so.
*/
class ConnectTeamDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectTeamDialog)
public:
    explicit ConnectTeamDialog(QWidget *parent = nullptr);

    /*! Fills the fields from \a address (the open or last team library). */
    void setAddress(const Core::TeamAddress &address);
    /*! What the fields say. */
    Core::TeamAddress address() const;
    /*! The URL of address(). */
    QString url() const;

    /*! Readable name of the team library at \a address: "dossier_desk on db.example.org". */
    static QString displayName(const Core::TeamAddress &address);

private:
    void update();

    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_service = nullptr;
    QLabel *m_url = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Dossier::Ui
