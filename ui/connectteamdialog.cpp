#include "connectteamdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{
const QString sslModeKey = QStringLiteral("sslmode");
const QString serviceKey = QStringLiteral("service");
} // namespace

ConnectTeamDialog::ConnectTeamDialog(QWidget *parent)
    : QDialog(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_service(new QLineEdit(this))
    , m_url(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to Team Library"));
    m_host->setObjectName(QStringLiteral("teamHost"));
    m_host->setPlaceholderText(tr("db.example.org, or a socket folder (empty: this computer)"));
    m_host->setAccessibleName(tr("Server"));
    m_port->setObjectName(QStringLiteral("teamPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Default (5432)"));
    m_port->setAccessibleName(tr("Port"));
    m_database->setObjectName(QStringLiteral("teamDatabase"));
    m_database->setPlaceholderText(tr("dossier_desk"));
    m_database->setAccessibleName(tr("Database"));
    m_user->setObjectName(QStringLiteral("teamUser"));
    m_user->setPlaceholderText(tr("Your login name"));
    m_user->setAccessibleName(tr("User"));
    m_sslMode->setObjectName(QStringLiteral("teamSslMode"));
    m_sslMode->setAccessibleName(tr("Encryption (sslmode)"));
    m_sslMode->addItem(tr("libpq's default (prefer)"), QString());
    for (const QString &mode : { QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
             QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full") }) {
        m_sslMode->addItem(mode, mode);
    }
    m_service->setObjectName(QStringLiteral("teamService"));
    m_service->setPlaceholderText(tr("A service of ~/.pg_service.conf (optional)"));
    m_service->setAccessibleName(tr("Service"));
    m_url->setObjectName(QStringLiteral("teamUrl"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_url->setWordWrap(true);
    m_url->setAccessibleName(tr("Library URL"));

    auto *note = new QLabel(tr("Dossier never asks for or keeps a password: the server's password comes from "
                               "~/.pgpass, the libpq service file or a client certificate."),
        this);
    note->setObjectName(QStringLiteral("teamPasswordNote"));
    note->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Encryption:"), m_sslMode);
    form->addRow(tr("Ser&vice:"), m_service);
    form->addRow(tr("URL:"), m_url);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_buttons);

    for (QLineEdit *field : { m_host, m_database, m_user, m_service }) {
        connect(field, &QLineEdit::textChanged, this, &ConnectTeamDialog::update);
    }
    connect(m_port, &QSpinBox::valueChanged, this, &ConnectTeamDialog::update);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ConnectTeamDialog::update);
    update();
}

void ConnectTeamDialog::setAddress(const Core::TeamAddress &address)
{
    m_host->setText(address.host);
    m_port->setValue(std::max(address.port, 0));
    m_database->setText(address.database);
    m_user->setText(address.user);
    const int mode = m_sslMode->findData(address.option(sslModeKey));
    m_sslMode->setCurrentIndex(std::max(mode, 0));
    m_service->setText(address.option(serviceKey));
}

Core::TeamAddress ConnectTeamDialog::address() const
{
    Core::TeamAddress address;
    address.host = m_host->text().trimmed();
    address.port = m_port->value() > 0 ? m_port->value() : -1;
    address.database = m_database->text().trimmed();
    address.user = m_user->text().trimmed();
    address.setOption(sslModeKey, m_sslMode->currentData().toString());
    address.setOption(serviceKey, m_service->text().trimmed());
    return address;
}

QString ConnectTeamDialog::url() const
{
    return address().url();
}

QString ConnectTeamDialog::displayName(const Core::TeamAddress &address)
{
    const QString service = address.option(serviceKey);
    const QString database = address.database.isEmpty() ? service : address.database;
    if (!address.host.isEmpty() && !address.isLocalSocket()) {
        const QString host
            = address.port > 0 ? QStringLiteral("%1:%2").arg(address.host).arg(address.port) : address.host;
        return tr("%1 on %2").arg(database, host);
    }
    if (address.host.isEmpty() && !service.isEmpty()) {
        return tr("%1 (service %2)").arg(database, service);
    }
    return tr("%1 on this computer").arg(database);
}

void ConnectTeamDialog::update()
{
    // A database or a service that names one: without either there is nothing to connect to.
    const bool complete = !m_database->text().trimmed().isEmpty() || !m_service->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
    m_url->setText(complete ? url() : tr("(enter a database or a service)"));
}

} // namespace Dossier::Ui
