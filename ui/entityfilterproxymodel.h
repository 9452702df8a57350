#pragma once

// EntityFilterProxyModel: the entity sidebar's filter on names and aliases.

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Dossier::Ui
{

/*!
    \brief Narrows an EntityFacetModel to the entities whose name or known aliases contain every
    word of the filter text, folded as Core::entityKey() folds names: case, diacritics, dots and
    hyphens do not matter ("ines" finds "Inès", "jean-dupont" finds "Jean Dupont"). A type group
    stays visible while any of its entities does.
*/
class EntityFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityFilterProxyModel)
public:
    explicit EntityFilterProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QStringList m_words; //!< folded words of m_text
};

} // namespace Dossier::Ui
