#include "teammembermodel.h"

#include <algorithm>

namespace Dossier::Ui
{

TeamMemberModel::TeamMemberModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TeamMemberModel::setMembers(QList<Core::TeamMember> members)
{
    const auto byName = [](const Core::TeamMember &a, const Core::TeamMember &b) { return a.name < b.name; };
    std::sort(members.begin(), members.end(), byName);
    // Those who left, from the bottom up so the rows above keep their numbers.
    for (int row = int(m_members.size()) - 1; row >= 0; --row) {
        const QString &name = m_members.at(row).name;
        if (std::none_of(members.cbegin(), members.cend(), [&](const auto &m) { return m.name == name; })) {
            beginRemoveRows({}, row, row);
            m_members.removeAt(row);
            endRemoveRows();
        }
    }
    // Those who came, where their names sort; a changed role, in its row.
    for (const Core::TeamMember &member : std::as_const(members)) {
        const auto at = std::lower_bound(m_members.begin(), m_members.end(), member, byName);
        const int row = int(at - m_members.begin());
        if (at != m_members.end() && at->name == member.name) {
            if (at->role != member.role) {
                at->role = member.role;
                Q_EMIT dataChanged(index(row, Role), index(row, Role));
            }
            continue;
        }
        beginInsertRows({}, row, row);
        m_members.insert(row, member);
        endInsertRows();
    }
}

QList<Core::TeamMember> TeamMemberModel::members() const
{
    return m_members;
}

int TeamMemberModel::rowOf(const QString &name) const
{
    for (qsizetype row = 0; row < m_members.size(); ++row) {
        if (m_members.at(row).name == name) {
            return int(row);
        }
    }
    return -1;
}

QString TeamMemberModel::roleText(Core::TeamRole role)
{
    switch (role) {
    case Core::TeamRole::Reader:
        return tr("Reader");
    case Core::TeamRole::Annotator:
        return tr("Annotator");
    case Core::TeamRole::Editor:
        return tr("Editor");
    case Core::TeamRole::Admin:
        return tr("Admin");
    }
    return {};
}

int TeamMemberModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int TeamMemberModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TeamMemberModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Core::TeamMember &member = m_members.at(index.row());
    if (role == TeamRoleRole) {
        return int(member.role);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    return index.column() == Name ? member.name : roleText(member.role);
}

QVariant TeamMemberModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == Name ? tr("Member") : tr("Role");
}

} // namespace Dossier::Ui
