#include "tagfacetlist.h"

#include "swatch.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

constexpr int TagIdRole = Qt::UserRole + 1;

} // namespace

TagFacetList::TagFacetList(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_clear(new QToolButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Tags"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title, 1);
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Uncheck every tag"));
    m_clear->setEnabled(false);
    header->addWidget(m_clear);
    layout->addLayout(header);
    layout->addWidget(m_list, 1);
    m_list->setAccessibleName(tr("Tags"));
    m_list->setToolTip(tr("Check tags to list only the documents that carry all of them"));
    m_list->setUniformItemSizes(true);

    connect(m_clear, &QToolButton::clicked, this, &TagFacetList::clearChecked);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_updating) {
            return;
        }
        const qint64 id = item->data(TagIdRole).toLongLong();
        const bool checked = item->checkState() == Qt::Checked;
        if (checked == m_checked.contains(id)) {
            return;
        }
        if (checked) {
            m_checked.append(id);
        } else {
            m_checked.removeAll(id);
        }
        m_clear->setEnabled(!m_checked.isEmpty());
        Q_EMIT checkedTagsChanged(m_checked);
    });
}

TagFacetList::~TagFacetList() = default;

void TagFacetList::setTags(const QList<Core::Tag> &tags)
{
    m_updating = true;
    m_list->clear();
    QList<qint64> stillThere;
    for (const Core::Tag &tag : tags) {
        auto *item = new QListWidgetItem(
            colorSwatch(QColor(tag.color)), tr("%1 (%2)").arg(tag.name).arg(tag.documents), m_list);
        item->setData(TagIdRole, tag.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        const bool checked = m_checked.contains(tag.id);
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        if (checked) {
            stillThere.append(tag.id);
        }
        if (tag.documents == 0 && !checked) {
            item->setForeground(m_list->palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
    m_updating = false;
    if (stillThere.size() != m_checked.size()) { // a checked tag was deleted
        m_checked = stillThere;
        m_clear->setEnabled(!m_checked.isEmpty());
        Q_EMIT checkedTagsChanged(m_checked);
    }
}

QList<qint64> TagFacetList::checkedTags() const
{
    return m_checked;
}

void TagFacetList::setChecked(qint64 tagId, bool checked)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->data(TagIdRole).toLongLong() == tagId) {
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        }
    }
}

void TagFacetList::setCheckedTags(const QList<qint64> &tags)
{
    m_updating = true;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setCheckState(tags.contains(item->data(TagIdRole).toLongLong()) ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;
    m_checked = tags;
    m_clear->setEnabled(!m_checked.isEmpty());
}

void TagFacetList::clearChecked()
{
    if (m_checked.isEmpty()) {
        return;
    }
    m_updating = true;
    for (int row = 0; row < m_list->count(); ++row) {
        m_list->item(row)->setCheckState(Qt::Unchecked);
    }
    m_updating = false;
    m_checked.clear();
    m_clear->setEnabled(false);
    Q_EMIT checkedTagsChanged(m_checked);
}

} // namespace Dossier::Ui
