#include "savedsearchlist.h"

#include "store/libraryreader.h"
#include "store/librarysession.h"

#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

constexpr int SearchIdRole = Qt::UserRole + 1;

struct Loaded {
    quint64 generation = 0;
    std::optional<QList<Core::SavedSearch>> searches;
    QString error;
};

} // namespace

SavedSearchList::SavedSearchList(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Saved searches"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    m_list->setAccessibleName(tr("Saved searches"));
    m_list->setToolTip(tr("Click a saved search (or press Enter on it) to list its articles; the new ones were "
                          "imported since you last opened it"));
    m_list->setUniformItemSizes(true);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    // A click, or Enter on the current one (applying a search twice changes nothing).
    const auto activate = [this](QListWidgetItem *item) {
        if (const Core::SavedSearch *search = searchOf(item)) {
            Q_EMIT searchActivated(*search);
        }
    };
    connect(m_list, &QListWidget::itemClicked, this, activate);
    connect(m_list, &QListWidget::itemActivated, this, activate);
    connect(m_list, &QWidget::customContextMenuRequested, this, &SavedSearchList::showContextMenu);
    hide();
}

SavedSearchList::~SavedSearchList() = default;

void SavedSearchList::setSession(Core::LibrarySession *session)
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    if (session) {
        // Counts follow the articles and what the filters name; the list follows the searches.
        for (const auto signal : { &Core::LibrarySession::libraryChanged, &Core::LibrarySession::tagsChanged,
                 &Core::LibrarySession::entitiesChanged, &Core::LibrarySession::savedSearchesChanged }) {
            connect(session, signal, this, &SavedSearchList::refresh);
        }
        connect(session, &Core::LibrarySession::articlesChanged, this, &SavedSearchList::refresh);
    }
    refresh();
}

void SavedSearchList::refresh()
{
    const quint64 generation = ++m_generation;
    if (!m_session || !m_session->isOpen()) {
        m_pending = false;
        showSearches({});
        return;
    }
    m_pending = true;
    const QFuture<Loaded> future
        = m_session->reader()->read<Loaded>([generation](Core::Library *library, const QString &openError) {
              Loaded result { generation, std::nullopt, openError };
              if (library) {
                  result.searches = library->savedSearches().all();
                  if (!result.searches) {
                      result.error = library->errorString();
                  }
              }
              return result;
          });
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<Loaded> done = watcher->future();
        if (done.resultCount() == 0 || done.result().generation != m_generation) {
            return; // a newer read is on its way
        }
        const Loaded result = done.result();
        m_pending = false;
        showSearches(result.searches.value_or(QList<Core::SavedSearch> {}));
        if (!result.searches) {
            m_list->setToolTip(tr("Cannot read the saved searches: %1").arg(result.error));
        }
        Q_EMIT loaded();
    });
    watcher->setFuture(future);
}

void SavedSearchList::showSearches(const QList<Core::SavedSearch> &searches)
{
    m_searches = searches;
    m_list->clear();
    for (const Core::SavedSearch &search : searches) {
        const QString text = search.fresh > 0
            ? tr("%1 (%2, %n new)", nullptr, int(search.fresh)).arg(search.name).arg(search.count)
            : tr("%1 (%2)").arg(search.name).arg(search.count);
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(SearchIdRole, search.id);
        if (search.fresh > 0) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        QStringList parts;
        if (!search.query.isEmpty()) {
            parts.append(tr("Query: %1").arg(search.query));
        }
        for (const Core::EntityFilter &entity : search.entities) {
            parts.append(tr("Entity: %1").arg(entity.name));
        }
        for (const Core::EntityFilter &entity : search.excluded) {
            parts.append(tr("Not: %1").arg(entity.name));
        }
        for (const QString &tag : search.tags) {
            parts.append(tr("Tag: %1").arg(tag));
        }
        parts.append(tr("%n article(s), %1 new since last opened", nullptr, int(search.count)).arg(search.fresh));
        item->setToolTip(parts.join(u'\n'));
    }
    setVisible(!searches.isEmpty());
}

const Core::SavedSearch *SavedSearchList::searchOf(const QListWidgetItem *item) const
{
    if (!item) {
        return nullptr;
    }
    const qint64 id = item->data(SearchIdRole).toLongLong();
    for (const Core::SavedSearch &search : m_searches) {
        if (search.id == id) {
            return &search;
        }
    }
    return nullptr;
}

bool SavedSearchList::renameSearch(qint64 searchId, const QString &name)
{
    if (!m_session) {
        return false;
    }
    Core::LibraryChanges changes;
    changes.searches = true;
    if (!m_session->write(
            changes, [&](Core::Library &library) { return library.savedSearches().rename(searchId, name); })) {
        QMessageBox::warning(this, tr("Rename Saved Search"), m_session->errorString());
        return false;
    }
    return true;
}

bool SavedSearchList::removeSearch(qint64 searchId)
{
    if (!m_session) {
        return false;
    }
    Core::LibraryChanges changes;
    changes.searches = true;
    if (!m_session->write(changes, [&](Core::Library &library) { return library.savedSearches().remove(searchId); })) {
        QMessageBox::warning(this, tr("Delete Saved Search"), m_session->errorString());
        return false;
    }
    return true;
}

void SavedSearchList::showContextMenu(const QPoint &position)
{
    const Core::SavedSearch *search = searchOf(m_list->itemAt(position));
    if (!search) {
        return;
    }
    const Core::SavedSearch chosen = *search;
    QMenu menu(this);
    menu.addAction(tr("&Apply"), this, [this, chosen] { Q_EMIT searchActivated(chosen); });
    menu.addAction(tr("&Rename…"), this, [this, chosen] {
        auto *dialog = new QInputDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(tr("Rename Saved Search"));
        dialog->setLabelText(tr("New name:"));
        dialog->setTextValue(chosen.name);
        connect(dialog, &QInputDialog::textValueSelected, this,
            [this, id = chosen.id](const QString &name) { renameSearch(id, name); });
        dialog->open();
    });
    menu.addAction(tr("&Delete"), this, [this, id = chosen.id] { removeSearch(id); });
    menu.exec(m_list->viewport()->mapToGlobal(position));
}

} // namespace Dossier::Ui
