#pragma once

#include "store/annotationstore.h"
#include "store/articlestore.h"
#include "store/cooccurrencequery.h"
#include "store/curationstore.h"
#include "store/documentquery.h"
#include "store/duplicatestore.h"
#include "store/entitystore.h"
#include "store/historystore.h"
#include "store/savedsearchstore.h"
#include "store/storetypes.h"
#include "store/tagstore.h"
#include "store/teamstore.h"
#include "store/timelinequery.h"
#include "store/watchedfolderstore.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace Dossier::Core
{

/*!
    \brief The library: one self-contained SQLite file (WAL, FTS5) holding articles, their
    metadata, entities and mentions, or a database on a PostgreSQL server (a team library, named
    by a postgresql:// URL; see backend()). One Library object per thread (Qt's SQL connections
    are per-thread); several may open the same file or database. Every write is one transaction.

    Library opens the file and owns the connection; what is stored is read and written through its
    stores (articles(), documents(), entities(), tags(), annotations(), curation(),
    duplicates()), which share
    the connection and report their failures through errorString().
*/
class Library
{
public:
    /*! \brief Why open() failed, for the window to offer what fits (errorString() words it). */
    enum class OpenFailure {
        None, //!< open() has not failed
        Damaged, //!< SQLite cannot read the file (a malformed page or header): check, restore a backup or recover it
        Foreign, //!< another program's database, refused untouched
        Newer, //!< a library from a newer Dossier, refused untouched
        ReadOnly, //!< cannot be written, and needs writing (an upgrade) before it can be opened
        Locked, //!< another program kept the library locked for longer than the busy timeout
        Unreachable, //!< a team library whose server cannot be reached or refuses the connection
        Other, //!< a folder, a missing folder that cannot be made, or an error of another kind
    };

    /*! Where the library is kept. */
    enum class Backend {
        Sqlite, //!< one SQLite file
        PostgreSQL, //!< a database on a PostgreSQL server
    };

    /*! \a path is a library file, or a team library's URL:
        postgresql://[user@]host[:port]/dbname, postgresql:///dbname?host=/socket/dir or
        postgresql:///?service=NAME (libpq's service file). Passwords never go in the URL: libpq
        reads them from ~/.pgpass, the service file or PGPASSFILE. */
    explicit Library(const QString &path);
    ~Library();
    Q_DISABLE_COPY_MOVE(Library)

    /*! Opens (creating if needed) and migrates the library. Returns false with errorString() set.
        A library whose file or folder cannot be written is opened read-only (see isReadOnly()). */
    bool open();
    /*! Hands the library's connection to \a thread, from the thread that opened it (a library
        opened off the GUI thread and then used on it; QSqlDatabase::moveToThread()). After it only
        \a thread may use the library. False when a query still holds the connection. */
    bool moveToThread(QThread *thread);
    /*! What kind of failure the last open() was; None after a successful one. */
    OpenFailure openFailure() const;
    bool isOpen() const;
    /*! True when the library was opened read-only: reading works, every write fails with a message
        saying so and changes nothing. */
    bool isReadOnly() const;
    /*! Called once, the first time a write has to wait for another process's transaction (the
        write then waits, up to 30 s, instead of failing). */
    void setWaitNotifier(std::function<void()> notify);
    /*! A number that changes whenever another connection (in this process or another) commits a
        change to the library; cheap enough to poll. */
    std::optional<qint64> dataVersion();
    /*! On a team library, the server's process of this library's connection (PostgreSQL's
        pg_backend_pid()), which the change notices its writes send carry (ChangeNotice); -1 on a
        library file. */
    qint64 connectionId() const;
    /*! The file path or the team library's URL, as given. */
    QString path() const;
    /*! The backend path() names (known before open()). */
    Backend backend() const;
    /*! True when \a location names a team library (a postgresql:// or postgres:// URL) rather
        than a file. */
    static bool isServerLocation(const QString &location);
    /*! What the last failed open(), read or write of this library or its stores was, in words. */
    QString errorString() const;
    /*! The same failure, with its kind. */
    StoreError lastError() const;

    /*! The default library location, in the user's application data folder. */
    static QString defaultPath();

    /*! The schema version this build writes. */
    static int schemaVersion();

    /*! Whom this library's writes are by (the author of annotations, tags, article tags and
        rules): localAuthor() for a library file; for a team library the PostgreSQL role it is
        connected as (known once open), which the server itself writes. */
    QString author() const;

    /*! \name The stores over this library's connection */
    //@{
    ArticleStore &articles();
    DocumentQuery &documents();
    EntityStore &entities();
    TagStore &tags();
    AnnotationStore &annotations();
    CurationStore &curation();
    TimelineQuery &timeline();
    CooccurrenceQuery &cooccurrence();
    WatchedFolderStore &watchedFolders();
    DuplicateStore &duplicates();
    SavedSearchStore &savedSearches();
    TeamStore &team();
    HistoryStore &history();
    //@}

private:
    friend class Retagger;
    friend class LibraryCopy;
    struct Private;
    std::unique_ptr<Private> d;
};

/*! The name a library file records as the author of what this user makes: $DOSSIER_AUTHOR when
    set, else the login name ($USER, $LOGNAME, $USERNAME), else the home folder's name. */
QString localAuthor();

} // namespace Dossier::Core
