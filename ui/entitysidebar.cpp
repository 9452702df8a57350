#include "entitysidebar.h"

#include "entitycurator.h"
#include "entityfacetmodel.h"
#include "entityfilterproxymodel.h"
#include "filterstate.h"
#include "roles.h"
#include "store/librarysession.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace Dossier::Ui
{

namespace
{

// Lays its items out left to right, wrapping to a new line when the width runs out (the chips).
class FlowLayout final : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent)
        : QLayout(parent)
    {
        setContentsMargins(0, 0, 0, 0);
        setSpacing(4);
    }
    ~FlowLayout() override
    {
        while (QLayoutItem *item = FlowLayout::takeAt(0)) {
            delete item;
        }
    }
    Q_DISABLE_COPY_MOVE(FlowLayout)

    void addItem(QLayoutItem *item) override { m_items.append(item); }
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem *takeAt(int index) override
    {
        return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
    }
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    QSize sizeHint() const override { return minimumSize(); }
    QSize minimumSize() const override
    {
        QSize size;
        for (const QLayoutItem *item : m_items) {
            size = size.expandedTo(item->minimumSize());
        }
        const QMargins margins = contentsMargins();
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
    }
    void setGeometry(const QRect &rect) override
    {
        QLayout::setGeometry(rect);
        arrange(rect, true);
    }

private:
    // Places the items in \a rect (when \a apply) and returns the height they need.
    int arrange(const QRect &rect, bool apply) const
    {
        const QRect area = rect.marginsRemoved(contentsMargins());
        const int gap = std::max(0, spacing());
        int x = area.x();
        int y = area.y();
        int lineHeight = 0;
        for (QLayoutItem *item : m_items) {
            if (item->isEmpty()) {
                continue;
            }
            const QSize hint = item->sizeHint();
            if (x > area.x() && x + hint.width() > area.right() + 1) {
                x = area.x();
                y += lineHeight + gap;
                lineHeight = 0;
            }
            if (apply) {
                item->setGeometry(QRect(QPoint(x, y), hint));
            }
            x += hint.width() + gap;
            lineHeight = std::max(lineHeight, hint.height());
        }
        return y + lineHeight - rect.y() + contentsMargins().bottom();
    }

    QList<QLayoutItem *> m_items;
};

// Draws excluded entities struck through and groups in bold, and turns a click on the check box
// into include / uncheck, Alt+click into exclude / uncheck (the stock delegate only toggles).
class EntityDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(FilterStateRole).toInt() == int(EntityFilterState::Excluded)) {
            option->font.setStrikeOut(true);
        }
        if (index.data(IsTypeGroupRole).toBool()) {
            option->font.setBold(true);
        }
    }

    bool editorEvent(
        QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option, const QModelIndex &index) override
    {
        const Qt::ItemFlags flags = model->flags(index);
        if (!(flags & Qt::ItemIsUserCheckable) || !(flags & Qt::ItemIsEnabled)) {
            return false;
        }
        Qt::KeyboardModifiers modifiers;
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonRelease:
        case QEvent::MouseButtonDblClick: {
            const auto *mouse = static_cast<QMouseEvent *>(event);
            if (mouse->button() != Qt::LeftButton) {
                return false;
            }
            QStyleOptionViewItem viewOption(option);
            initStyleOption(&viewOption, index);
            const QWidget *widget = option.widget;
            const QStyle *style = widget ? widget->style() : QApplication::style();
            const QRect box = style->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &viewOption, widget);
            if (!box.contains(mouse->position().toPoint())) {
                return false;
            }
            if (event->type() != QEvent::MouseButtonRelease) {
                return true; // the press and double-click on the box are ours too
            }
            modifiers = mouse->modifiers();
            break;
        }
        case QEvent::KeyPress: {
            const auto *key = static_cast<QKeyEvent *>(event);
            if (key->key() != Qt::Key_Space && key->key() != Qt::Key_Select) {
                return false;
            }
            modifiers = key->modifiers();
            break;
        }
        default:
            return false;
        }
        const auto state = EntityFilterState(index.data(FilterStateRole).toInt());
        Qt::CheckState next = Qt::Unchecked;
        if (modifiers & Qt::AltModifier) {
            next = state == EntityFilterState::Excluded ? Qt::Unchecked : Qt::PartiallyChecked;
        } else {
            next = state == EntityFilterState::None ? Qt::Checked : Qt::Unchecked;
        }
        return model->setData(index, int(next), Qt::CheckStateRole);
    }
};

} // namespace

EntitySidebar::EntitySidebar(QWidget *parent)
    : QWidget(parent)
    , m_model(new EntityFacetModel(this))
    , m_proxy(new EntityFilterProxyModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_allOfButton(new QToolButton(this))
    , m_anyOfButton(new QToolButton(this))
    , m_chipArea(new QWidget(this))
    , m_view(new QTreeView(this))
    , m_ownState(new FilterState(this))
    , m_state(m_ownState)
{
    connect(m_state, &FilterState::changed, this, &EntitySidebar::updateFacetQuery);
    setAccessibleName(tr("Entities"));
    m_proxy->setSourceModel(m_model);

    m_filterEdit->setObjectName(QStringLiteral("entityFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter entities"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter entities"));
    m_filterEdit->setToolTip(tr("Show only entities whose name or alias contains these words"));

    auto *matchLabel = new QLabel(tr("Match:"), this);
    m_allOfButton->setObjectName(QStringLiteral("allOfButton"));
    m_allOfButton->setText(tr("All of"));
    m_allOfButton->setToolTip(tr("List the documents that mention every included entity"));
    m_allOfButton->setAccessibleName(tr("Match all of the included entities"));
    m_anyOfButton->setObjectName(QStringLiteral("anyOfButton"));
    m_anyOfButton->setText(tr("Any of"));
    m_anyOfButton->setToolTip(tr("List the documents that mention at least one included entity"));
    m_anyOfButton->setAccessibleName(tr("Match any of the included entities"));
    for (QToolButton *button : { m_allOfButton, m_anyOfButton }) {
        button->setCheckable(true);
        button->setAutoExclusive(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    m_allOfButton->setChecked(true);
    matchLabel->setBuddy(m_allOfButton);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(matchLabel);
    modeRow->addWidget(m_allOfButton);
    modeRow->addWidget(m_anyOfButton);
    modeRow->addStretch();

    m_chipArea->setObjectName(QStringLiteral("entityChips"));
    m_chipArea->setAccessibleName(tr("Active entity filters"));
    auto *chipLayout = new FlowLayout(m_chipArea);
    m_clearAllButton = new QToolButton(m_chipArea);
    m_clearAllButton->setObjectName(QStringLiteral("clearAllButton"));
    m_clearAllButton->setText(tr("Clear all"));
    m_clearAllButton->setAccessibleName(tr("Clear all entity filters"));
    m_clearAllButton->setAutoRaise(true);
    chipLayout->addWidget(m_clearAllButton);
    m_chipArea->hide();

    m_view->setObjectName(QStringLiteral("entityTree"));
    m_view->setAccessibleName(tr("Entities"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new EntityDelegate(m_view));
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(EntityFacetModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(EntityFacetModel::CountColumn, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterEdit);
    layout->addLayout(modeRow);
    layout->addWidget(m_chipArea);
    layout->addWidget(m_view, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &EntityFilterProxyModel::setFilterText);
    connect(m_anyOfButton, &QToolButton::toggled, m_model, &EntityFacetModel::setAnyOf);
    connect(m_clearAllButton, &QToolButton::clicked, this, &EntitySidebar::clearFilters);
    connect(m_model, &EntityFacetModel::selectionChanged, this, &EntitySidebar::onSelectionChanged);
    // Groups start expanded, also when filtering brings one back.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &EntitySidebar::expandInserted);
    connect(m_proxy, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (!index.data(IsTypeGroupRole).toBool()) {
            Q_EMIT entityActivated(index.data(EntityIdRole).toLongLong());
        }
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &EntitySidebar::showContextMenu);
}

EntitySidebar::~EntitySidebar() = default;

void EntitySidebar::setSession(Core::LibrarySession *session)
{
    if (m_model->session()) {
        disconnect(m_model->session(), nullptr, this, nullptr);
    }
    m_model->setSession(session);
    if (session) {
        connect(session, &Core::LibrarySession::libraryChanged, this, &EntitySidebar::updateFacetQuery);
    }
    updateFacetQuery();
}

void EntitySidebar::setFilterState(FilterState *state)
{
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
    }
    m_state = state ? state : m_ownState;
    connect(m_state, &FilterState::changed, this, &EntitySidebar::updateFacetQuery);
    m_state->setEntities(m_model->entitySelection());
    updateFacetQuery();
}

FilterState *EntitySidebar::filterState() const
{
    return m_state;
}

void EntitySidebar::setSearchText(const QString &text)
{
    m_state->setText(text);
}

void EntitySidebar::setTagFilter(const QList<qint64> &tags)
{
    m_state->setTags(tags);
}

void EntitySidebar::setEntitySelection(const Core::DocumentFilter &selection, const QList<Core::EntitySummary> &known)
{
    m_model->setSelection(selection, known);
}

void EntitySidebar::clearFilters()
{
    m_model->clearSelection();
}

void EntitySidebar::includeAll(const QList<Core::EntitySummary> &entities)
{
    m_model->includeAll(entities);
}

void EntitySidebar::refresh()
{
    m_model->reload();
}

void EntitySidebar::entitiesChanged()
{
    m_model->reloadWithAliases();
}

Core::DocumentFilter EntitySidebar::entityFilter() const
{
    return m_model->entitySelection();
}

EntityFacetModel *EntitySidebar::model() const
{
    return m_model;
}

void EntitySidebar::onSelectionChanged()
{
    rebuildChips();
    const bool anyOf = m_model->anyOf();
    if (m_anyOfButton->isChecked() != anyOf) {
        (anyOf ? m_anyOfButton : m_allOfButton)->setChecked(true);
    }
    // The facets follow the listing, which the selection narrows (the state's change re-queries).
    m_state->setEntities(m_model->entitySelection());
    updateFacetQuery();
    const Core::DocumentFilter filter = entityFilter();
    if (filter != m_lastEmitted) {
        m_lastEmitted = filter;
        Q_EMIT filterChanged(filter);
    }
}

void EntitySidebar::updateFacetQuery()
{
    m_model->setFilter(m_state->filter());
}

void EntitySidebar::rebuildChips()
{
    QLayout *layout = m_chipArea->layout();
    for (QToolButton *chip : std::as_const(m_chips)) {
        layout->removeWidget(chip);
        chip->hide();
        chip->deleteLater(); // may be the chip whose click got us here
    }
    m_chips.clear();
    layout->removeWidget(m_clearAllButton);

    const Core::DocumentFilter selection = m_model->entitySelection();
    const auto addChip = [this, layout](qint64 id, bool excluded) {
        const auto entity = m_model->entity(id);
        const QString name = entity ? entity->name : tr("Entity %1").arg(id);
        auto *chip = new QToolButton(m_chipArea);
        chip->setObjectName(QStringLiteral("entityChip"));
        chip->setProperty("entityId", id);
        // U+2212 MINUS SIGN marks an exclusion, U+00D7 MULTIPLICATION SIGN the way to remove it.
        chip->setText((excluded ? QStringLiteral("\u2212") : QString()) + name + QStringLiteral("  \u00d7"));
        if (excluded) {
            QFont font = chip->font();
            font.setStrikeOut(true);
            chip->setFont(font);
            chip->setToolTip(tr("Documents mentioning %1 are left out. Click to remove this filter.").arg(name));
            chip->setAccessibleName(tr("Remove the exclusion of %1").arg(name));
        } else {
            chip->setToolTip(tr("Documents must mention %1. Click to remove this filter.").arg(name));
            chip->setAccessibleName(tr("Remove the filter %1").arg(name));
        }
        connect(
            chip, &QToolButton::clicked, m_model, [this, id] { m_model->setFilterState(id, EntityFilterState::None); });
        layout->addWidget(chip);
        m_chips.append(chip);
    };
    for (const qint64 id : selection.entities) {
        addChip(id, false);
    }
    for (const qint64 id : selection.excluded) {
        addChip(id, true);
    }
    layout->addWidget(m_clearAllButton);
    m_chipArea->setVisible(!m_chips.isEmpty());
}

void EntitySidebar::setCurator(EntityCurator *curator)
{
    m_curator = curator;
}

void EntitySidebar::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid() || index.data(IsTypeGroupRole).toBool()) {
        if (m_curator) {
            QMenu menu(this);
            QAction *watch = menu.addAction(tr("&Watch a Name…"));
            QAction *corrections = menu.addAction(tr("Entity &Corrections…"));
            const QAction *chosen = menu.exec(m_view->viewport()->mapToGlobal(position));
            if (chosen == watch) {
                m_curator->watch();
            } else if (chosen == corrections) {
                m_curator->manageRules();
            }
        }
        return;
    }
    const qint64 id = index.data(EntityIdRole).toLongLong();
    const auto state = EntityFilterState(index.data(FilterStateRole).toInt());
    QMenu menu(this);
    // Actions of submenus are reported by their menus' triggered(); record whichever fires.
    const QAction *chosen = nullptr;
    const auto record = [&chosen](QAction *action) { chosen = action; };
    connect(&menu, &QMenu::triggered, this, record);
    QAction *include = menu.addAction(tr("&Include"));
    include->setCheckable(true);
    include->setChecked(state == EntityFilterState::Included);
    QAction *exclude = menu.addAction(tr("&Exclude"));
    exclude->setCheckable(true);
    exclude->setChecked(state == EntityFilterState::Excluded);
    QAction *remove = menu.addAction(tr("&Remove from Filters"));
    remove->setEnabled(state != EntityFilterState::None);

    // Corrections, stored in the library and applied to every article.
    QAction *rename = nullptr;
    QAction *merge = nullptr;
    QAction *suppress = nullptr;
    QAction *watch = nullptr;
    QAction *corrections = nullptr;
    QHash<const QAction *, QString> splits;
    QHash<const QAction *, Core::EntityType> types;
    if (m_curator) {
        const auto type = Core::EntityType(index.data(EntityTypeRole).toInt());
        menu.addSeparator();
        if (Core::isNameType(type)) {
            rename = menu.addAction(tr("Re&name…"));
            merge = menu.addAction(tr("&Merge Into…"));
            QMenu *split = menu.addMenu(tr("&Split Alias Off"));
            connect(split, &QMenu::triggered, this, record);
            for (const QString &alias : index.data(AliasesRole).toStringList()) {
                splits.insert(split->addAction(alias), alias);
            }
            split->setEnabled(!splits.isEmpty());
            QMenu *retype = menu.addMenu(tr("Change &Type"));
            connect(retype, &QMenu::triggered, this, record);
            const std::pair<Core::EntityType, QString> choices[] = { { Core::EntityType::Person, tr("&Person") },
                { Core::EntityType::Org, tr("&Organisation") }, { Core::EntityType::Location, tr("P&lace") } };
            for (const auto &[choice, label] : choices) {
                QAction *action = retype->addAction(label);
                action->setEnabled(choice != type);
                types.insert(action, choice);
            }
        }
        suppress = menu.addAction(tr("Su&ppress"));
        suppress->setToolTip(tr("Never show this entity again (Entity Corrections can take it back)"));
        menu.addSeparator();
        watch = menu.addAction(tr("&Watch a Name…"));
        // Where corrections may not be made (a read-only library, a team library's reader or
        // annotator), they are shown but not offered; the list of corrections still opens.
        for (QAction *action : menu.actions().mid(menu.actions().indexOf(remove) + 1)) {
            action->setEnabled(action->isEnabled() && m_curator->isEditable());
        }
        corrections = menu.addAction(tr("Entity &Corrections…"));
    }
    if (const QAction *returned = menu.exec(m_view->viewport()->mapToGlobal(position))) {
        chosen = returned;
    }
    if (!chosen) {
        return;
    }
    if (chosen == include) {
        m_model->setFilterState(id, include->isChecked() ? EntityFilterState::Included : EntityFilterState::None);
    } else if (chosen == exclude) {
        m_model->setFilterState(id, exclude->isChecked() ? EntityFilterState::Excluded : EntityFilterState::None);
    } else if (chosen == remove) {
        m_model->setFilterState(id, EntityFilterState::None);
    } else if (chosen == rename) {
        m_curator->rename(id);
    } else if (chosen == merge) {
        m_curator->mergeInto(id);
    } else if (splits.contains(chosen)) {
        m_curator->splitAlias(id, splits.value(chosen));
    } else if (types.contains(chosen)) {
        m_curator->changeType(id, types.value(chosen));
    } else if (chosen == suppress) {
        m_curator->suppress(id);
    } else if (chosen == watch) {
        m_curator->watch();
    } else if (chosen == corrections) {
        m_curator->manageRules();
    }
}

void EntitySidebar::expandInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid()) {
        return;
    }
    for (int row = first; row <= last; ++row) {
        m_view->expand(m_proxy->index(row, 0));
    }
}

} // namespace Dossier::Ui
