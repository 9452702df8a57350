#pragma once

#include "store/teamstore.h"

#include <QAbstractTableModel>

namespace Dossier::Ui
{

/*!
    \brief The members of a team library and their roles, by name (File › Team Members…).

    setMembers() takes the members as Core::TeamStore::members() reads them and changes only the
    rows that differ: a member who left is a removed row, a new one an inserted row, a new role a
    dataChanged() of that row.
*/
class TeamMemberModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamMemberModel)
public:
    enum Column { Name, Role, ColumnCount };
    enum { TeamRoleRole = Qt::UserRole + 1 }; //!< the member's Core::TeamRole, as an int

    explicit TeamMemberModel(QObject *parent = nullptr);

    /*! The members, in place of those shown. */
    void setMembers(QList<Core::TeamMember> members);
    QList<Core::TeamMember> members() const;
    /*! The row of the member \a name, -1 when there is none. */
    int rowOf(const QString &name) const;

    /*! A role as the window names it ("Annotator"). */
    static QString roleText(Core::TeamRole role);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Core::TeamMember> m_members;
};

} // namespace Dossier::Ui
