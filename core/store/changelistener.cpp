#include "store/changelistener.h"

#include "store/storecontext_p.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <atomic>

namespace Dossier::Core
{

ChangeListener::ChangeListener(QObject *parent)
    : QObject(parent)
    , m_delay(new QTimer(this))
    , m_check(new QTimer(this))
{
    // A colleague's import sends a notice per article: a burst becomes one refresh.
    m_delay->setSingleShot(true);
    m_delay->setInterval(250);
    connect(m_delay, &QTimer::timeout, this, &ChangeListener::flush);
    m_check->setInterval(10000);
    connect(m_check, &QTimer::timeout, this, &ChangeListener::checkConnection);
}

ChangeListener::~ChangeListener()
{
    stop();
}

bool ChangeListener::listen(const QString &location, qint64 ownConnection)
{
    stop();
    if (!connectTo(location)) {
        return false;
    }
    m_location = location;
    m_ownConnection = ownConnection;
    m_check->start();
    return true;
}

bool ChangeListener::connectTo(const QString &location)
{
    static std::atomic<int> counter { 0 };
    const QString name = QStringLiteral("dossier-listen-%1").arg(counter.fetch_add(1));
    StoreError error;
    bool unreachable = false;
    // Over TCP, a connection whose network is gone fails a check within about 15 s instead of
    // hanging the window's thread until the system gives up on it (libpq ignores these on a socket).
    static const QStringList liveness { QStringLiteral("keepalives=1"), QStringLiteral("keepalives_idle=10"),
        QStringLiteral("keepalives_interval=5"), QStringLiteral("keepalives_count=2"),
        QStringLiteral("tcp_user_timeout=15000") };
    if (!connectServer(location, name, &error, &unreachable, liveness)) {
        m_error = error.message;
        QSqlDatabase::removeDatabase(name);
        return false;
    }
    QSqlDriver *driver = QSqlDatabase::database(name, false).driver();
    if (!driver->subscribeToNotification(ChangeNotice::channel())) {
        m_error = QStringLiteral("cannot listen to the team library %1: %2")
                      .arg(location, driver->lastError().databaseText().trimmed());
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
        return false;
    }
    connect(driver, &QSqlDriver::notification, this, &ChangeListener::received);
    m_connection = name;
    m_error.clear();
    return true;
}

void ChangeListener::closeConnection()
{
    if (m_connection.isEmpty()) {
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        disconnect(db.driver(), nullptr, this, nullptr);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

void ChangeListener::stop()
{
    m_check->stop();
    m_delay->stop();
    m_pending = {};
    m_authors.clear();
    m_location.clear();
    closeConnection();
}

bool ChangeListener::checkConnection()
{
    if (m_location.isEmpty()) {
        return false;
    }
    if (!m_connection.isEmpty()) {
        QString why;
        {
            const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            if (db.isOpen()) {
                QSqlQuery query(db);
                if (query.exec(QStringLiteral("SELECT 1"))) {
                    return true;
                }
                why = query.lastError().databaseText().trimmed();
                if (why.isEmpty()) {
                    why = query.lastError().text().trimmed();
                }
            }
        }
        // The driver closes a connection the server ended when it next reads from it.
        m_error = QStringLiteral("lost the team library's connection: %1")
                      .arg(why.isEmpty() ? QStringLiteral("the server closed it") : why);
        qCWarning(lcStore) << m_error;
        closeConnection();
        Q_EMIT connectionLost(m_error);
    }
    if (!connectTo(m_location)) {
        return false; // tried again at the next check
    }
    // What colleagues committed meanwhile was announced to nobody.
    m_pending.merge(LibraryChanges::everything());
    flush();
    Q_EMIT reconnected();
    return true;
}

bool ChangeListener::isListening() const
{
    return !m_connection.isEmpty();
}

QString ChangeListener::errorString() const
{
    return m_error;
}

void ChangeListener::setDelay(int milliseconds)
{
    m_delay->setInterval(std::max(milliseconds, 0));
}

int ChangeListener::delay() const
{
    return m_delay->interval();
}

void ChangeListener::setCheckInterval(int milliseconds)
{
    m_check->setInterval(std::max(milliseconds, 1));
}

int ChangeListener::checkInterval() const
{
    return m_check->interval();
}

void ChangeListener::received(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name != ChangeNotice::channel()) {
        return;
    }
    const std::optional<ChangeNotice> notice = ChangeNotice::fromPayload(payload.toString().toUtf8());
    if (!notice) {
        qCWarning(lcStore) << "a notice on" << name << "that is not Dossier's:" << payload.toString().left(200);
        return;
    }
    if (notice->connection == m_ownConnection) {
        return;
    }
    m_pending.merge(notice->changes);
    if (!m_authors.contains(notice->author)) {
        m_authors.append(notice->author);
    }
    if (!m_delay->isActive()) {
        m_delay->start();
    }
}

void ChangeListener::flush()
{
    const LibraryChanges changes = std::exchange(m_pending, {});
    const QStringList authors = std::exchange(m_authors, {});
    if (!changes.isEmpty()) {
        Q_EMIT changed(changes, authors);
    }
}

} // namespace Dossier::Core
