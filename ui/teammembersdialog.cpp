#include "teammembersdialog.h"

#include "store/librarysession.h"
#include "teammembermodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{
constexpr Core::TeamRole roles[]
    = { Core::TeamRole::Reader, Core::TeamRole::Annotator, Core::TeamRole::Editor, Core::TeamRole::Admin };
} // namespace

TeamMembersDialog::TeamMembersDialog(Core::LibrarySession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_model(new TeamMemberModel(this))
{
    setWindowTitle(tr("Team Members"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("membersNote"));
    m_note->setWordWrap(true);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("membersView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("memberName"));
    m_name->setPlaceholderText(tr("Role name on the server, e.g. ana"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("memberRole"));
    for (const Core::TeamRole role : roles) {
        m_role->addItem(TeamMemberModel::roleText(role), int(role));
    }
    m_role->setCurrentIndex(1); // most members annotate
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("addMemberButton"));
    m_changeRole = new QPushButton(tr("&Change Role"), this);
    m_changeRole->setObjectName(QStringLiteral("changeRoleButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeMemberButton"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("membersError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto *edit = new QGridLayout;
    edit->addWidget(new QLabel(tr("&Name:"), this), 0, 0);
    edit->addWidget(m_name, 0, 1);
    edit->addWidget(m_add, 0, 2);
    auto *roleLabel = new QLabel(tr("R&ole:"), this);
    roleLabel->setBuddy(m_role);
    edit->addWidget(roleLabel, 1, 0);
    edit->addWidget(m_role, 1, 1);
    edit->addWidget(m_changeRole, 1, 2);
    edit->addWidget(m_remove, 2, 2);
    qobject_cast<QLabel *>(edit->itemAtPosition(0, 0)->widget())->setBuddy(m_name);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    layout->addLayout(edit);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_add, &QPushButton::clicked, this, &TeamMembersDialog::add);
    connect(m_name, &QLineEdit::returnPressed, this, &TeamMembersDialog::add);
    connect(m_changeRole, &QPushButton::clicked, this, &TeamMembersDialog::changeRole);
    connect(m_remove, &QPushButton::clicked, this, &TeamMembersDialog::remove);
    connect(m_name, &QLineEdit::textChanged, this, &TeamMembersDialog::selectionChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        // The chosen member's role, ready to be changed.
        const QString name = selectedName();
        if (!name.isEmpty()) {
            const int row = m_model->rowOf(name);
            m_role->setCurrentIndex(m_role->findData(m_model->index(row, 0).data(TeamMemberModel::TeamRoleRole)));
        }
        selectionChanged();
    });

    if (m_session) {
        // What another admin changes meanwhile (the server announces it): the list, and what the
        // user may do when it is their own role that changed.
        connect(m_session, &Core::LibrarySession::membersChanged, this, [this] {
            readRole();
            refresh();
        });
    }
    readRole();
    refresh();
    selectionChanged();
    resize(480, 420);
}

void TeamMembersDialog::readRole()
{
    Core::Library *library = m_session ? m_session->library() : nullptr;
    const bool team = library && library->backend() == Core::Library::Backend::PostgreSQL;
    const std::optional<Core::TeamRole> mine = team ? library->team().myRole() : std::nullopt;
    m_editable = mine == Core::TeamRole::Admin;
    if (!team) {
        m_note->setText(tr("Only a team library has members."));
    } else if (m_editable) {
        m_note->setText(tr("Each member signs in to the server as a role of its own. A new member needs "
                           "a password set on the server (or a client certificate) before they can connect."));
    } else {
        m_note->setText(tr("You are %1 in this library: only its admins can add and remove members or change "
                           "their roles.")
                .arg(mine ? TeamMemberModel::roleText(*mine).toLower() : tr("no member")));
    }
    m_name->setEnabled(m_editable);
    m_role->setEnabled(m_editable);
    selectionChanged();
}

QString TeamMembersDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void TeamMembersDialog::refresh()
{
    Core::Library *library = m_session ? m_session->library() : nullptr;
    if (!library || library->backend() != Core::Library::Backend::PostgreSQL) {
        m_model->setMembers({});
        return;
    }
    const std::optional<QList<Core::TeamMember>> members = library->team().members();
    if (!members) {
        report(false, tr("Cannot read the members"));
        return;
    }
    m_model->setMembers(*members);
}

void TeamMembersDialog::add()
{
    const QString name = m_name->text().trimmed();
    const std::optional<Core::TeamRole> role = chosenRole();
    if (!m_editable || name.isEmpty() || !role) {
        return;
    }
    const bool ok = m_session->library()->team().add(name, *role);
    report(ok, tr("Cannot add %1").arg(name));
    refresh();
    if (ok) {
        m_name->clear();
        m_view->selectRow(m_model->rowOf(name));
    }
}

void TeamMembersDialog::changeRole()
{
    const QString name = selectedName();
    const std::optional<Core::TeamRole> role = chosenRole();
    if (!m_editable || name.isEmpty() || !role) {
        return;
    }
    report(m_session->library()->team().setRole(name, *role), tr("Cannot change the role of %1").arg(name));
    refresh();
}

void TeamMembersDialog::remove()
{
    const QString name = selectedName();
    if (!m_editable || name.isEmpty()) {
        return;
    }
    report(m_session->library()->team().remove(name), tr("Cannot remove %1").arg(name));
    refresh();
}

void TeamMembersDialog::selectionChanged()
{
    const bool selected = !selectedName().isEmpty();
    m_add->setEnabled(m_editable && !m_name->text().trimmed().isEmpty());
    m_changeRole->setEnabled(m_editable && selected);
    m_remove->setEnabled(m_editable && selected);
}

void TeamMembersDialog::report(bool ok, const QString &what)
{
    if (ok) {
        m_error->clear();
        m_error->hide();
        return;
    }
    m_error->setText(tr("%1: %2").arg(what, m_session->library()->errorString()));
    m_error->show();
}

std::optional<Core::TeamRole> TeamMembersDialog::chosenRole() const
{
    const QVariant data = m_role->currentData();
    return data.isValid() ? std::optional(Core::TeamRole(data.toInt())) : std::nullopt;
}

QString TeamMembersDialog::selectedName() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(TeamMemberModel::Name);
    return rows.isEmpty() ? QString() : rows.first().data().toString();
}

} // namespace Dossier::Ui
