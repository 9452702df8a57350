#pragma once

#include "store/library.h"
#include "store/librarychanges.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace Dossier::Core
{

class ChangeListener;
class LibraryReader;

/*!
    \brief The open library of the GUI thread, and the one place its changes are announced.

    The session owns the thread's Library: views read through library(); every write goes through
    write(), which announces what it changed with the typed signals below. Changes made by other
    connections are announced too: those of this program's background jobs by the job's owner
    (announce()); anything else (dossier-cli, a second window) on a library file by a poll of
    SQLite's data version, which moves whenever another connection commits, and on a team library
    as the server tells of each commit (ChangeListener: what changed, precisely, and who changed
    it; colleaguesChanged()). Should the listener fail to connect, a team library is polled too.
*/
class LibrarySession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibrarySession)
public:
    explicit LibrarySession(QObject *parent = nullptr);
    ~LibrarySession() override;

    /*! Opens the library at \a path in place of the open one. On failure the open library (if
        any) stays open, and openFailure() and errorString() say why. */
    bool open(const QString &path);
    /*! Opens the library at \a path as open() does, but on a thread of its own, so that a slow or
        silent server (up to its connect_timeout) or a long upgrade does not hold up the GUI thread;
        openFinished() tells how it went. Until then the open library stays open and in use. An
        open(), another openInBackground() or cancelOpen() abandons it: its result is dropped and
        nothing is announced. */
    void openInBackground(const QString &path);
    /*! True while openInBackground() is at work on openingPath(). */
    bool isOpening() const;
    QString openingPath() const;
    /*! Abandons the open in the background (the connection being made is closed when it is). */
    void cancelOpen();
    /*! Closes the library (and announces it with libraryChanged()). */
    void close();
    /*! The open library, for reading; nullptr when none is open. */
    Library *library() const;
    /*! Reads the open library off the GUI thread (a connection of its own, kept open). */
    LibraryReader *reader() const;
    bool isOpen() const;
    /*! Why the last open() failed. */
    Library::OpenFailure openFailure() const;
    /*! The last open() or write() failure, in words. */
    QString errorString() const;
    /*! The same failure, with its kind. */
    StoreError lastError() const;

    /*! Runs \a work (one or more writes) on the open library and, when it succeeds, announces
        \a changes. False, with errorString() set and nothing announced, when no library is open or
        \a work fails. */
    bool write(const LibraryChanges &changes, const std::function<bool(Library &)> &work);
    /*! Announces \a changes another connection of this program made (an import or re-tag job),
        and takes its commits as seen, so the poll does not announce them again. */
    void announce(const LibraryChanges &changes);
    /*! Checks now whether another connection committed to the library since the last check, and
        announces everything when one did. */
    void checkForChanges();
    /*! How often the data version is polled (1000 ms by default; 0 stops the poll). A team library
        is not polled while its changes are heard (isListening()). */
    void setPollInterval(int milliseconds);
    /*! How often a team library's listening connection is checked, and connected again when it is
        lost (ChangeListener::checkInterval(); 10 s by default). */
    void setConnectionCheckInterval(int milliseconds);
    /*! True when the open library is a team library whose changes the server announces. */
    bool isListening() const;

Q_SIGNALS:
    /*! The open library is about to be closed or replaced: let go of it (and of jobs on it). */
    void libraryAboutToChange();
    /*! Another library, or none, is open now: every view starts over. */
    void libraryChanged();
    /*! openInBackground(\a path) is done: \a ok with the library open (libraryChanged() came
        first), else openFailure() and errorString() say why and the library open before stays. */
    void openFinished(const QString &path, bool ok);
    /*! Articles were changed, added or removed; \a ids are those (empty: any). */
    void articlesChanged(const QList<qint64> &ids);
    /*! Annotations of the articles \a articleIds changed (empty: of any article). */
    void annotationsChanged(const QList<qint64> &articleIds);
    void tagsChanged();
    void entitiesChanged();
    void rulesChanged();
    void watchedFoldersChanged();
    /*! Saved searches were saved, renamed, removed or opened (their counts follow articlesChanged()). */
    void savedSearchesChanged();
    /*! A team library's members or their roles changed (the connected user's own role among them). */
    void membersChanged();
    /*! Other members of the team library (\a authors, their role names) changed it; the signals
        above have said what. */
    void colleaguesChanged(const QStringList &authors);

private:
    struct Opening;
    void emitChanges(const LibraryChanges &changes);
    /*! Takes \a library, open, in place of the open one. */
    void adopt(std::unique_ptr<Library> library, const QString &path);
    /*! \a opening's thread is done; m_openings no longer holds it. */
    void finishOpening(const std::shared_ptr<Opening> &opening);

    std::unique_ptr<Library> m_library;
    LibraryReader *m_reader = nullptr;
    Library::OpenFailure m_openFailure = Library::OpenFailure::None;
    StoreError m_error;
    std::optional<qint64> m_dataVersion;
    QTimer *m_poll = nullptr;
    ChangeListener *m_listener = nullptr;
    std::shared_ptr<Opening> m_opening; // the open in the background that counts, if any
    QList<std::shared_ptr<Opening>> m_openings; // every one whose thread still runs
};

} // namespace Dossier::Core
