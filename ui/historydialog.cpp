#include "historydialog.h"

#include "entitycurator.h"
#include "store/curationstore.h"
#include "store/library.h"
#include "store/librarysession.h"

#include <QDialogButtonBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Dossier::Ui
{

using Core::HistoryEntry;

namespace
{

QString quoted(const QString &text)
{
    const QString line = text.simplified();
    return QStringLiteral("“%1”").arg(line.size() > 60 ? line.left(59) + QChar(0x2026) : line);
}

QString field(const QJsonObject &row, const char *name)
{
    return row.value(QLatin1String(name)).toVariant().toString();
}

} // namespace

namespace
{
Core::HistoryQuery passageHistory(qint64 annotationId)
{
    Core::HistoryQuery query;
    query.annotationId = annotationId;
    return query;
}

bool aboutRules(const Core::HistoryQuery &query)
{
    return query.table == u"entity_rules";
}

bool aboutTags(const Core::HistoryQuery &query)
{
    return query.table == u"tags";
}

// An article's history lists the changes to several passages: each says which.
bool aboutArticle(const Core::HistoryQuery &query)
{
    return query.articleId >= 0 && query.annotationId < 0;
}
} // namespace

HistoryDialog::HistoryDialog(Core::LibrarySession *session, qint64 annotationId, QWidget *parent)
    : HistoryDialog(session, passageHistory(annotationId), parent)
{
}

HistoryDialog::HistoryDialog(Core::LibrarySession *session, const Core::HistoryQuery &query, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_query(query)
    , m_versions(new QTreeWidget(this))
    , m_restore(new QPushButton(tr("Restore This Version"), this))
    , m_error(new QLabel(this))
{
    if (aboutRules(query)) {
        setWindowTitle(tr("History of the Entity Corrections"));
        m_restore->setToolTip(tr("Put the correction back as it was at this change (a new change; its articles are "
                                 "re-tagged)"));
    } else if (aboutTags(query)) {
        setWindowTitle(tr("History of the Tags"));
        m_restore->setToolTip(tr("Put the tag back as it was at this change: its name and colour, or the tag itself "
                                 "once removed (a new change; nothing is lost)"));
    } else if (aboutArticle(query)) {
        setWindowTitle(tr("History of the Article"));
        m_restore->setToolTip(tr("Put the passage or the article's tag back as it was at this change (a new change; "
                                 "nothing is lost)"));
    } else {
        setWindowTitle(tr("History of the Passage"));
        m_restore->setToolTip(tr("Put the passage back as it was at this change (a new change; nothing is lost)"));
    }
    m_versions->setAccessibleName(tr("Versions"));
    m_versions->setRootIsDecorated(false);
    m_versions->setHeaderLabels({ tr("Who"), tr("When"), tr("What") });
    m_versions->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_versions->setSelectionMode(QAbstractItemView::SingleSelection);
    m_error->setAccessibleName(tr("History error"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_restore, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &HistoryDialog::restoreCurrent);
    connect(m_versions, &QTreeWidget::currentItemChanged, this, &HistoryDialog::updateButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_versions, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(640, 320);
    reload();
}

HistoryDialog::~HistoryDialog() = default;

void HistoryDialog::reload()
{
    m_versions->clear();
    m_entries.clear();
    Core::Library *library = m_session ? m_session->library() : nullptr;
    if (!library) {
        updateButton();
        return;
    }
    const auto entries = library->history().list(m_query);
    if (!entries) {
        m_error->setText(library->errorString());
        m_error->show();
        updateButton();
        return;
    }
    m_entries = *entries;
    // In an article's history, each passage named by its text (a change of its tags holds only its id).
    QHash<qint64, QString> passages;
    if (aboutArticle(m_query)) {
        for (const HistoryEntry &entry : std::as_const(m_entries)) {
            if (entry.table == u"annotations") {
                const QString exact = field(entry.after.isEmpty() ? entry.before : entry.after, "exact");
                passages.insert(entry.row, exact);
            }
        }
    }
    const QLocale locale;
    for (const HistoryEntry &entry : std::as_const(m_entries)) {
        auto *item = new QTreeWidgetItem(m_versions);
        item->setText(0, entry.author.isEmpty() ? tr("(unknown)") : entry.author);
        item->setText(1, locale.toString(entry.at.toLocalTime(), QLocale::ShortFormat));
        const auto passage = passages.constFind(entry.row);
        const bool ofPassage = entry.table == u"annotations" || entry.table == u"annotation_tags";
        item->setText(2,
            ofPassage && passage != passages.cend() ? tr("Passage %1: %2").arg(quoted(*passage), describe(entry))
                                                    : describe(entry));
        item->setData(0, Qt::UserRole, entry.id);
    }
    for (int column = 0; column < 2; ++column) {
        m_versions->resizeColumnToContents(column);
    }
    if (m_versions->topLevelItemCount() > 0) {
        m_versions->setCurrentItem(m_versions->topLevelItem(0));
    }
    updateButton();
}

bool HistoryDialog::restoreCurrent()
{
    const int row = m_versions->currentItem() ? m_versions->indexOfTopLevelItem(m_versions->currentItem()) : -1;
    if (!m_session || !m_restoreAllowed || row < 0 || row >= m_entries.size()) {
        return false;
    }
    const HistoryEntry entry = m_entries.at(row);
    Core::LibraryChanges changes;
    if (entry.articleId >= 0) {
        changes.annotationsOf = { entry.articleId };
    } else {
        changes.allAnnotations = true;
    }
    changes.tags = true; // a re-created passage may bring its tags back into the codebook
    changes.rules = entry.table == u"entity_rules";
    // The list shows each article's tags: an article's own, and every article's for a tag's name.
    if (entry.table == u"article_tags") {
        changes.articles = { entry.articleId };
    } else if (entry.table == u"tags") {
        changes.allArticles = true;
    }
    const bool done
        = m_session->write(changes, [&entry](Core::Library &library) { return library.history().restore(entry.id); });
    m_error->setText(done ? QString() : m_session->errorString());
    m_error->setVisible(!done);
    if (done) {
        reload();
        Q_EMIT restored(entry);
    }
    return done;
}

void HistoryDialog::setRestoreAllowed(bool allowed)
{
    m_restoreAllowed = allowed;
    updateButton();
}

void HistoryDialog::updateButton()
{
    m_restore->setEnabled(m_session && m_restoreAllowed && m_versions->currentItem());
}

QString HistoryDialog::describe(const HistoryEntry &entry)
{
    if (entry.table == u"entity_rules") {
        const QString before = EntityCurator::describe(Core::ruleFromHistory(entry.before));
        const QString after = EntityCurator::describe(Core::ruleFromHistory(entry.after));
        switch (entry.action) {
        case HistoryEntry::Action::Insert:
            return tr("Made: %1").arg(after);
        case HistoryEntry::Action::Delete:
            return tr("Taken back: %1").arg(before);
        case HistoryEntry::Action::Update:
            break;
        }
        return tr("Changed: %1 → %2").arg(before, after);
    }
    if (entry.table == u"tags") {
        const QString before = field(entry.before, "name");
        const QString after = field(entry.after, "name");
        switch (entry.action) {
        case HistoryEntry::Action::Insert:
            return tr("Tag %1 made").arg(quoted(after));
        case HistoryEntry::Action::Delete:
            return tr("Tag %1 removed").arg(quoted(before));
        case HistoryEntry::Action::Update:
            break;
        }
        QStringList what;
        if (before != after) {
            what.append(tr("Tag %1 renamed %2").arg(quoted(before), quoted(after)));
        }
        if (field(entry.before, "color") != field(entry.after, "color")) {
            what.append(tr("Tag %1 recoloured %2 → %3")
                    .arg(quoted(after), field(entry.before, "color"), field(entry.after, "color")));
        }
        return what.isEmpty() ? tr("Tag %1 changed").arg(quoted(after)) : what.join(QLatin1String("; "));
    }
    if (entry.table == u"article_tags") {
        return entry.action == HistoryEntry::Action::Delete
            ? tr("Article tag %1 taken off").arg(quoted(field(entry.before, "tag")))
            : tr("Article tagged %1").arg(quoted(field(entry.after, "tag")));
    }
    if (entry.table == u"annotation_tags") {
        return entry.action == HistoryEntry::Action::Delete
            ? tr("Tag %1 taken off").arg(quoted(field(entry.before, "tag")))
            : tr("Tag %1 added").arg(quoted(field(entry.after, "tag")));
    }
    if (entry.action == HistoryEntry::Action::Insert) {
        const QString note = field(entry.after, "note");
        return note.isEmpty() ? tr("Highlighted") : tr("Highlighted, with the note %1").arg(quoted(note));
    }
    if (entry.action == HistoryEntry::Action::Delete) {
        return tr("Removed");
    }
    QStringList what;
    if (field(entry.before, "note") != field(entry.after, "note")) {
        what.append(tr("Note: %1 → %2").arg(quoted(field(entry.before, "note")), quoted(field(entry.after, "note"))));
    }
    if (field(entry.before, "color") != field(entry.after, "color")) {
        const QString color = field(entry.after, "color");
        what.append(color.isEmpty() ? tr("Colour: the tag's") : tr("Colour: %1").arg(color));
    }
    if (field(entry.before, "visibility") != field(entry.after, "visibility")) {
        what.append(field(entry.after, "visibility") == u"private" ? tr("Made private") : tr("Shared"));
    }
    if (field(entry.before, "hidden") != field(entry.after, "hidden")) {
        what.append(field(entry.after, "hidden") == u"1" ? tr("Hidden") : tr("Shown again"));
    }
    return what.isEmpty() ? tr("Changed") : what.join(QLatin1String("; "));
}

} // namespace Dossier::Ui
