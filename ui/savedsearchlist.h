#pragma once

#include "store/storetypes.h"

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPoint;

namespace Dossier::Core
{
class LibrarySession;
} // namespace Dossier::Core

namespace Dossier::Ui
{

/*!
    \brief The saved searches of the sidebar: each one's name, how many articles it lists and how
    many of them are new since it was last opened (in bold), read off the GUI thread and read
    again whenever articles, entities, tags or the saved searches change. Clicking one asks for it
    to be applied (searchActivated()); its context menu renames or deletes it. Hidden while the
    library has none.
*/
class SavedSearchList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedSearchList)
public:
    explicit SavedSearchList(QWidget *parent = nullptr);
    ~SavedSearchList() override;

    /*! Shows the saved searches of the session's library, following its changes. */
    void setSession(Core::LibrarySession *session);
    /*! Reads the saved searches and their counts again (in the background). */
    void refresh();
    /*! True from refresh() until its answer is shown. */
    bool isLoading() const { return m_pending; }
    /*! What is shown, by name. */
    QList<Core::SavedSearch> searches() const { return m_searches; }
    QListWidget *list() const { return m_list; }

    /*! Renames saved search \a searchId to \a name; false (and a message) when it cannot. */
    bool renameSearch(qint64 searchId, const QString &name);
    /*! Deletes saved search \a searchId. */
    bool removeSearch(qint64 searchId);

Q_SIGNALS:
    /*! The user chose \a search (a click, or Apply in its context menu). */
    void searchActivated(const Dossier::Core::SavedSearch &search);
    /*! A refresh() was answered and shown. */
    void loaded();

private:
    void showSearches(const QList<Core::SavedSearch> &searches);
    void showContextMenu(const QPoint &position);
    const Core::SavedSearch *searchOf(const QListWidgetItem *item) const;

    Core::LibrarySession *m_session = nullptr;
    QListWidget *m_list = nullptr;
    QList<Core::SavedSearch> m_searches;
    quint64 m_generation = 0;
    bool m_pending = false;
};

} // namespace Dossier::Ui
