#include "store/librarysession.h"

#include "store/changelistener.h"
#include "store/libraryreader.h"

#include <QThread>
#include <QTimer>

#include <algorithm>

namespace Dossier::Core
{

LibrarySession::LibrarySession(QObject *parent)
    : QObject(parent)
    , m_reader(new LibraryReader(this))
    , m_poll(new QTimer(this))
    , m_listener(new ChangeListener(this))
{
    // SQLite cannot notify across processes: a cheap PRAGMA data_version is polled instead.
    m_poll->setInterval(1000);
    connect(m_poll, &QTimer::timeout, this, &LibrarySession::checkForChanges);
    connect(m_listener, &ChangeListener::changed, this, [this](const LibraryChanges &changes, const QStringList &by) {
        emitChanges(changes);
        if (!by.isEmpty()) {
            Q_EMIT colleaguesChanged(by); // none after a reconnection: nobody to name
        }
    });
}

// An open in the background: its thread, and what it found (written by the thread before it
// finishes, read by the session after).
struct LibrarySession::Opening {
    QString path;
    std::unique_ptr<QThread> thread;
    std::unique_ptr<Library> library; // open, its connection handed to the session's thread
    Library::OpenFailure failure = Library::OpenFailure::None;
    StoreError error;
};

LibrarySession::~LibrarySession()
{
    // A connection still being made is waited for (at most its connect_timeout): its thread and
    // connection cannot outlive the session's.
    m_opening.reset();
    for (const std::shared_ptr<Opening> &opening : std::as_const(m_openings)) {
        opening->thread->wait();
    }
}

bool LibrarySession::open(const QString &path)
{
    cancelOpen();
    auto library = std::make_unique<Library>(path);
    if (!library->open()) {
        m_openFailure = library->openFailure();
        m_error = library->lastError();
        return false;
    }
    adopt(std::move(library), path);
    return true;
}

void LibrarySession::openInBackground(const QString &path)
{
    cancelOpen();
    auto opening = std::make_shared<Opening>();
    opening->path = path;
    Opening *result = opening.get(); // the thread's; the session reads it once the thread is done
    QThread *target = thread();
    opening->thread.reset(QThread::create([result, target] {
        auto library = std::make_unique<Library>(result->path);
        if (!library->open()) {
            result->failure = library->openFailure();
            result->error = library->lastError();
            return; // the connection goes with the library, on this thread
        }
        if (!library->moveToThread(target)) {
            result->failure = Library::OpenFailure::Other;
            result->error = StoreError(tr("cannot hand the library %1 to the window").arg(result->path));
            return;
        }
        result->library = std::move(library);
    }));
    connect(opening->thread.get(), &QThread::finished, this, [this, result] {
        const auto it = std::find_if(m_openings.cbegin(), m_openings.cend(),
            [result](const std::shared_ptr<Opening> &o) { return o.get() == result; });
        if (it != m_openings.cend()) {
            finishOpening(m_openings.takeAt(std::distance(m_openings.cbegin(), it)));
        }
    });
    m_opening = opening;
    m_openings.append(opening);
    opening->thread->start();
}

void LibrarySession::finishOpening(const std::shared_ptr<Opening> &opening)
{
    opening->thread->wait(); // finished() comes just before the thread ends
    if (opening != m_opening) {
        return; // abandoned: its library (if any) closes with it, here on the session's thread
    }
    m_opening.reset();
    if (!opening->library) {
        m_openFailure = opening->failure;
        m_error = opening->error;
        Q_EMIT openFinished(opening->path, false);
        return;
    }
    adopt(std::move(opening->library), opening->path);
    Q_EMIT openFinished(opening->path, true);
}

bool LibrarySession::isOpening() const
{
    return m_opening != nullptr;
}

QString LibrarySession::openingPath() const
{
    return m_opening ? m_opening->path : QString();
}

void LibrarySession::cancelOpen()
{
    m_opening.reset();
}

void LibrarySession::adopt(std::unique_ptr<Library> library, const QString &path)
{
    m_openFailure = Library::OpenFailure::None;
    m_error = {};
    if (m_library) {
        Q_EMIT libraryAboutToChange();
    }
    m_listener->stop();
    m_library = std::move(library);
    m_reader->setPath(path);
    m_dataVersion = m_library->dataVersion();
    // A team library's server says what others commit; a file (or a server that cannot be
    // listened to) is polled.
    if (m_library->backend() == Library::Backend::PostgreSQL && !m_listener->listen(path, m_library->connectionId())) {
        qWarning(
            "cannot hear the team library's changes, polling it instead: %s", qPrintable(m_listener->errorString()));
    }
    if (m_poll->interval() > 0 && !m_listener->isListening()) {
        m_poll->start();
    } else {
        m_poll->stop();
    }
    Q_EMIT libraryChanged();
}

void LibrarySession::close()
{
    if (!m_library) {
        return;
    }
    Q_EMIT libraryAboutToChange();
    m_poll->stop();
    m_listener->stop();
    m_library.reset();
    m_reader->setPath({});
    m_dataVersion.reset();
    Q_EMIT libraryChanged();
}

Library *LibrarySession::library() const
{
    return m_library.get();
}

LibraryReader *LibrarySession::reader() const
{
    return m_reader;
}

bool LibrarySession::isOpen() const
{
    return m_library != nullptr;
}

Library::OpenFailure LibrarySession::openFailure() const
{
    return m_openFailure;
}

QString LibrarySession::errorString() const
{
    return m_error.message;
}

StoreError LibrarySession::lastError() const
{
    return m_error;
}

bool LibrarySession::write(const LibraryChanges &changes, const std::function<bool(Library &)> &work)
{
    if (!m_library) {
        m_error = StoreError(tr("No library is open."), StoreError::Kind::Other);
        return false;
    }
    if (!work(*m_library)) {
        m_error = m_library->lastError();
        return false;
    }
    m_error = {};
    emitChanges(changes);
    return true;
}

void LibrarySession::announce(const LibraryChanges &changes)
{
    if (!m_library) {
        return;
    }
    if (const auto version = m_library->dataVersion()) {
        m_dataVersion = version;
    }
    emitChanges(changes);
}

void LibrarySession::checkForChanges()
{
    if (!m_library) {
        return;
    }
    const auto version = m_library->dataVersion();
    if (!version || version == m_dataVersion) {
        return;
    }
    m_dataVersion = version;
    emitChanges(LibraryChanges::everything());
}

void LibrarySession::setPollInterval(int milliseconds)
{
    m_poll->setInterval(std::max(milliseconds, 0));
    if (milliseconds <= 0) {
        m_poll->stop();
    } else if (m_library && !m_listener->isListening()) {
        m_poll->start();
    }
}

void LibrarySession::setConnectionCheckInterval(int milliseconds)
{
    m_listener->setCheckInterval(milliseconds);
}

bool LibrarySession::isListening() const
{
    return m_listener->isListening();
}

void LibrarySession::emitChanges(const LibraryChanges &changes)
{
    // Rules before entities before articles: a view that shows all three refreshes in that order.
    if (changes.rules) {
        Q_EMIT rulesChanged();
    }
    if (changes.tags) {
        Q_EMIT tagsChanged();
    }
    if (changes.entities) {
        Q_EMIT entitiesChanged();
    }
    if (changes.allArticles || !changes.articles.isEmpty()) {
        Q_EMIT articlesChanged(changes.allArticles ? QList<qint64> {} : changes.articles);
    }
    if (changes.allAnnotations || !changes.annotationsOf.isEmpty()) {
        Q_EMIT annotationsChanged(changes.allAnnotations ? QList<qint64> {} : changes.annotationsOf);
    }
    if (changes.folders) {
        Q_EMIT watchedFoldersChanged();
    }
    if (changes.searches) {
        Q_EMIT savedSearchesChanged();
    }
    if (changes.members) {
        Q_EMIT membersChanged();
    }
}

} // namespace Dossier::Core
