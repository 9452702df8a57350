#include "store/changelistener.h"

#include "store/storecontext_p.h"

#include <QSqlDatabase>
#include <QTimer>

#include <atomic>

namespace Dossier::Core
{

ChangeListener::ChangeListener(QObject *parent)
    : QObject(parent)
    , m_delay(new QTimer(this))
{
    // A colleague's import sends a notice per article: a burst becomes one refresh.
    m_delay->setSingleShot(true);
    m_delay->setInterval(250);
    connect(m_delay, &QTimer::timeout, this, &ChangeListener::flush);
}

ChangeListener::~ChangeListener()
{
    stop();
}

bool ChangeListener::listen(const QString &location, qint64 ownConnection)
{
    stop();
    static std::atomic<int> counter { 0 };
    const QString name = QStringLiteral("dossier-listen-%1").arg(counter.fetch_add(1));
    StoreError error;
    bool unreachable = false;
    if (!connectServer(location, name, &error, &unreachable)) {
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
    m_ownConnection = ownConnection;
    m_error.clear();
    return true;
}

void ChangeListener::stop()
{
    m_delay->stop();
    m_pending = {};
    m_authors.clear();
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
