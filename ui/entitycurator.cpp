#include "entitycurator.h"

#include "analysis/entityrecognizer.h"
#include "historydialog.h"
#include "store/library.h"
#include "store/librarysession.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Dossier::Ui
{

using Core::EntityType;

namespace
{

QString typeLabel(EntityType type)
{
    switch (type) {
    case EntityType::Person:
        return EntityCurator::tr("person");
    case EntityType::Org:
        return EntityCurator::tr("organisation");
    case EntityType::Location:
        return EntityCurator::tr("place");
    case EntityType::Date:
        return EntityCurator::tr("date");
    case EntityType::Money:
        return EntityCurator::tr("amount");
    }
    return {};
}

// One line describing a rule, as the rules dialog lists it.
QString describeRule(const Core::EntityRule &rule)
{
    if (rule.action == Core::EntityRule::Action::Suppress) {
        return EntityCurator::tr("Suppress the %1 “%2”").arg(typeLabel(rule.type), rule.label);
    }
    if (rule.scope == Core::EntityRule::Scope::Form) {
        return EntityCurator::tr("“%1” is an entity of its own (%2)").arg(rule.label, typeLabel(rule.targetType));
    }
    if (rule.type != rule.targetType && Core::entityKey(rule.label) == Core::entityKey(rule.targetName)) {
        return EntityCurator::tr("“%1” is a %2, not a %3")
            .arg(rule.label, typeLabel(rule.targetType), typeLabel(rule.type));
    }
    return EntityCurator::tr("“%1” (%2) → “%3” (%4)")
        .arg(rule.label, typeLabel(rule.type), rule.targetName, typeLabel(rule.targetType));
}

} // namespace

EntityCurator::EntityCurator(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_parent(dialogParent)
{
}

void EntityCurator::setEditable(bool editable)
{
    m_editable = editable;
}

Core::Library *EntityCurator::editableLibrary() const
{
    return m_editable ? library() : nullptr;
}

EntityCurator::~EntityCurator()
{
    if (m_job) {
        m_job->cancel();
        m_job->waitForFinished();
    }
}

void EntityCurator::setSession(Core::LibrarySession *session)
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    stopRetag();
    m_session = session;
    if (!session) {
        return;
    }
    connect(session, &Core::LibrarySession::libraryAboutToChange, this, &EntityCurator::stopRetag);
    connect(session, &Core::LibrarySession::libraryChanged, this, &EntityCurator::resumeRetag);
    resumeRetag();
}

Core::Library *EntityCurator::library() const
{
    return m_session ? m_session->library() : nullptr;
}

void EntityCurator::stopRetag()
{
    if (m_job) {
        m_job->cancel();
        m_job->waitForFinished();
        delete m_job;
    }
}

void EntityCurator::resumeRetag()
{
    if (library() && library()->curation().pendingRetags().value_or(0) > 0) {
        startRetag();
    }
}

bool EntityCurator::write(const std::function<bool(Core::Library &)> &change)
{
    Core::LibraryChanges changes;
    changes.rules = true;
    return m_session && m_session->write(changes, change);
}

bool EntityCurator::stored(bool ok)
{
    if (!ok) {
        QMessageBox::warning(
            m_parent, tr("Entity Not Changed"), library() ? library()->errorString() : tr("No library is open."));
        return false;
    }
    Q_EMIT changed();
    startRetag();
    return true;
}

bool EntityCurator::rename(qint64 entityId, const QString &given)
{
    if (!editableLibrary()) {
        return false;
    }
    QString name = given;
    if (name.isEmpty()) {
        const auto entity = library()->entities().get(entityId);
        if (!entity) {
            return stored(false);
        }
        bool ok = false;
        name = QInputDialog::getText(m_parent, tr("Rename Entity"),
            tr("New name for the %1 “%2” (an existing name merges the two):")
                .arg(typeLabel(entity->type), entity->name),
            QLineEdit::Normal, entity->name, &ok);
        if (!ok || name == entity->name) {
            return false;
        }
    }
    return stored(
        write([&](Core::Library &target) { return target.curation().renameEntity(entityId, name).has_value(); }));
}

bool EntityCurator::mergeInto(qint64 entityId, qint64 intoId)
{
    if (!editableLibrary()) {
        return false;
    }
    if (intoId < 0) {
        const auto entity = library()->entities().get(entityId);
        const auto candidates = library()->entities().facets({}, 2000);
        if (!entity || !candidates) {
            return stored(false);
        }
        QStringList items;
        QList<qint64> ids;
        // Same type first: that is what a merge usually joins.
        for (const bool sameType : { true, false }) {
            for (const Core::EntitySummary &c : *candidates) {
                if (c.id != entityId && Core::isNameType(c.type) && (c.type == entity->type) == sameType) {
                    items.append(tr("%1 (%2, %n article(s))", nullptr, c.documents).arg(c.name, typeLabel(c.type)));
                    ids.append(c.id);
                }
            }
        }
        if (items.isEmpty()) {
            QMessageBox::information(m_parent, tr("Merge Entity"), tr("There is no other entity to merge with."));
            return false;
        }
        bool ok = false;
        const QString chosen = QInputDialog::getItem(m_parent, tr("Merge Entity"),
            tr("Merge the %1 “%2” into:").arg(typeLabel(entity->type), entity->name), items, 0, true, &ok);
        if (!ok) {
            return false;
        }
        const qsizetype index = items.indexOf(chosen);
        if (index >= 0) {
            intoId = ids[index];
        } else if (const auto typed = library()->entities().find(entity->type, chosen)) {
            intoId = typed->id;
        } else {
            QMessageBox::warning(m_parent, tr("Entity Not Changed"), tr("There is no entity called “%1”.").arg(chosen));
            return false;
        }
    }
    return stored(
        write([&](Core::Library &target) { return target.curation().mergeEntities(entityId, intoId).has_value(); }));
}

bool EntityCurator::splitAlias(qint64 entityId, const QString &alias)
{
    return editableLibrary()
        && stored(
            write([&](Core::Library &target) { return target.curation().splitAlias(entityId, alias).has_value(); }));
}

bool EntityCurator::changeType(qint64 entityId, Core::EntityType type)
{
    return editableLibrary()
        && stored(
            write([&](Core::Library &target) { return target.curation().setEntityType(entityId, type).has_value(); }));
}

bool EntityCurator::suppress(qint64 entityId)
{
    return editableLibrary()
        && stored(write([&](Core::Library &target) { return target.curation().suppressEntity(entityId).has_value(); }));
}

bool EntityCurator::watch(const Core::WatchEntry &given)
{
    if (!editableLibrary()) {
        return false;
    }
    Core::WatchEntry entry = given;
    if (entry.name.trimmed().isEmpty()) {
        QDialog dialog(m_parent);
        dialog.setWindowTitle(tr("Watch a Name"));
        auto *form = new QFormLayout;
        auto *name = new QLineEdit(&dialog);
        name->setAccessibleName(tr("Name"));
        name->setPlaceholderText(tr("e.g. Blue Lantern"));
        auto *type = new QComboBox(&dialog);
        type->setAccessibleName(tr("Type"));
        for (const EntityType t : { EntityType::Person, EntityType::Org, EntityType::Location }) {
            type->addItem(typeLabel(t), int(t));
        }
        type->setCurrentIndex(int(entry.type == EntityType::Org ? 1 : entry.type == EntityType::Location ? 2 : 0));
        auto *aliases = new QLineEdit(&dialog);
        aliases->setAccessibleName(tr("Other spellings"));
        aliases->setPlaceholderText(tr("comma-separated, optional"));
        form->addRow(tr("&Name:"), name);
        form->addRow(tr("&Type:"), type);
        form->addRow(tr("&Other spellings:"), aliases);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        connect(name, &QLineEdit::textChanged, &dialog, [buttons](const QString &text) {
            buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
        });
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        auto *layout = new QVBoxLayout(&dialog);
        auto *hint = new QLabel(tr("The name is found in every article, whole words and in any case, and wins over "
                                   "what the tagger found there."),
            &dialog);
        hint->setWordWrap(true);
        layout->addWidget(hint);
        layout->addLayout(form);
        layout->addWidget(buttons);
        if (dialog.exec() != QDialog::Accepted) {
            return false;
        }
        entry.name = name->text();
        entry.type = EntityType(type->currentData().toInt());
        entry.aliases.clear();
        for (const QString &alias : aliases->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            entry.aliases.append(alias.trimmed());
        }
    }
    return stored(write([&](Core::Library &target) { return target.curation().watch(entry).has_value(); }));
}

void EntityCurator::manageRules()
{
    if (!library()) {
        return;
    }
    QDialog dialog(m_parent);
    dialog.setWindowTitle(tr("Entity Corrections"));
    auto *list = new QTreeWidget(&dialog);
    list->setAccessibleName(tr("Corrections"));
    list->setHeaderLabels({ tr("Correction"), tr("Made") });
    list->setRootIsDecorated(false);
    list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto *takeBack = new QPushButton(tr("&Take Back"), &dialog);
    takeBack->setEnabled(false);
    auto *history = new QPushButton(tr("&History…"), &dialog);
    history->setToolTip(tr("Every correction made, changed or taken back, by whom and when; any can be restored"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    buttons->addButton(takeBack, QDialogButtonBox::ActionRole);
    buttons->addButton(history, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(
        new QLabel(tr("Every correction applies to all articles, including those imported later."), &dialog));
    layout->addWidget(list);
    layout->addWidget(buttons);
    enum Kind { RuleKind = 1, WatchKind = 2 };
    const auto fill = [&] {
        list->clear();
        for (const Core::EntityRule &rule : library()->curation().rules().value_or(QList<Core::EntityRule> {})) {
            auto *item = new QTreeWidgetItem(list,
                { describeRule(rule),
                    QLocale().toString(QDateTime::fromMSecsSinceEpoch(rule.createdAt), QLocale::ShortFormat) });
            item->setData(0, Qt::UserRole, rule.id);
            item->setData(0, Qt::UserRole + 1, RuleKind);
        }
        for (const Core::WatchEntry &entry : library()->curation().watchlist().value_or(QList<Core::WatchEntry> {})) {
            QString text = tr("Watch the %1 “%2”").arg(typeLabel(entry.type), entry.name);
            if (!entry.aliases.isEmpty()) {
                text += tr(" (also %1)").arg(entry.aliases.join(QLatin1String(", ")));
            }
            auto *item = new QTreeWidgetItem(list, { text, QString() });
            item->setData(0, Qt::UserRole, entry.id);
            item->setData(0, Qt::UserRole + 1, WatchKind);
        }
    };
    fill();
    connect(list, &QTreeWidget::currentItemChanged, takeBack,
        [this, takeBack](QTreeWidgetItem *current) { takeBack->setEnabled(m_editable && current != nullptr); });
    connect(takeBack, &QPushButton::clicked, &dialog, [&] {
        const QTreeWidgetItem *item = list->currentItem();
        if (!item) {
            return;
        }
        const qint64 id = item->data(0, Qt::UserRole).toLongLong();
        const bool rule = item->data(0, Qt::UserRole + 1).toInt() == RuleKind;
        const bool ok = write([&](Core::Library &target) {
            return rule ? target.curation().removeRule(id) : target.curation().unwatch(id);
        });
        stored(ok);
        fill();
    });
    connect(history, &QPushButton::clicked, &dialog, [&] {
        Core::HistoryQuery query;
        query.table = QStringLiteral("entity_rules");
        HistoryDialog changes(m_session.data(), query, &dialog);
        changes.setRestoreAllowed(m_editable);
        // A restored correction applies at once, as a new one does.
        connect(&changes, &HistoryDialog::restored, this, [this, &fill] {
            stored(true);
            fill();
        });
        changes.exec();
    });
    dialog.resize(560, 360);
    dialog.exec();
}

QString EntityCurator::describe(const Core::EntityRule &rule)
{
    return describeRule(rule);
}

bool EntityCurator::isRetagging() const
{
    return m_job && m_job->isRunning();
}

void EntityCurator::cancelRetag()
{
    m_again = false;
    if (m_job) {
        m_job->cancel();
    }
}

void EntityCurator::waitForRetag()
{
    if (m_job) {
        m_job->waitForFinished();
    }
}

void EntityCurator::startRetag()
{
    if (!library()) {
        return;
    }
    // A running job works until the queue is empty, but may be past its last look at it.
    if (m_job) {
        m_again = true;
        return;
    }
    m_job = new Core::RetagJob(library()->path(), this);
    connect(m_job, &Core::RetagJob::progress, this, &EntityCurator::retagProgress);
    connect(m_job, &Core::RetagJob::finished, this, [this](const Core::RetagSummary &summary) {
        m_job->deleteLater();
        m_job = nullptr;
        if (m_again && !summary.canceled && summary.error.isEmpty()) {
            m_again = false;
            startRetag();
            return;
        }
        m_again = false;
        // The job wrote on its own connection: the session tells every view.
        if (m_session) {
            Core::LibraryChanges changes;
            changes.allArticles = true;
            changes.entities = true;
            m_session->announce(changes);
        }
        Q_EMIT retagFinished(summary);
    });
    m_job->start();
}

} // namespace Dossier::Ui
