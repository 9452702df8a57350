#pragma once

#include "store/librarychanges.h"

#include <QObject>
#include <QSqlDriver>
#include <QStringList>

class QTimer;

namespace Dossier::Core
{

/*!
    \brief Hears what the other members of a team library change, as it is committed.

    Every write transaction on a team library sends a ChangeNotice (PostgreSQL's NOTIFY, delivered
    at commit). The listener subscribes to them on a connection of its own (QSqlDriver's
    subscribeToNotification, on the thread that calls listen(), whose event loop delivers them): a
    connection that runs no query of its own, so a notice never waits in the client library behind
    another statement's reply. Notices arriving within delay() of each other are merged into one
    changed(); those of the connection given to listen() (the session's own writes, which it
    announces itself) are left out. The library is not polled: only the connection is checked,
    every checkInterval() (SELECT 1), since a lost connection says nothing. When it is lost (the
    server restarted, the network dropped, an administrator ended it) the listener connects again
    at each check until it can, then announces that anything may have changed (the notices of the
    time between are lost) and reconnected().
*/
class ChangeListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeListener)
public:
    explicit ChangeListener(QObject *parent = nullptr);
    ~ChangeListener() override;

    /*! Listens to the team library at \a location (a postgresql:// URL), leaving out the notices of
        the server process \a ownConnection (Library::connectionId()). False, with errorString()
        set, when it cannot connect or subscribe. */
    bool listen(const QString &location, qint64 ownConnection);
    /*! Stops listening (a pending changed() is dropped). */
    void stop();
    bool isListening() const;
    QString errorString() const;
    /*! How long notices are gathered into one changed() (250 ms by default). */
    void setDelay(int milliseconds);
    int delay() const;
    /*! How often the connection is checked, and a lost one connected again (10 s by default). */
    void setCheckInterval(int milliseconds);
    int checkInterval() const;
    /*! Checks the connection now, connecting again when it is lost; true when it is listening after. */
    bool checkConnection();

Q_SIGNALS:
    /*! Others changed the library: what (the notices since the last changed(), merged) and who
        (their authors, each once, in the order heard; none after a reconnection, when anything
        may have changed). */
    void changed(const Dossier::Core::LibraryChanges &changes, const QStringList &authors);
    /*! The connection was lost (\a error says how): the listener connects again at each check. */
    void connectionLost(const QString &error);
    /*! Listening again after the connection was lost. */
    void reconnected();

private:
    bool connectTo(const QString &location);
    void closeConnection();
    void received(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void flush();

    QString m_location; //!< what listen() was given, until stop()
    QString m_connection; //!< empty while not connected
    qint64 m_ownConnection = -1;
    QString m_error;
    LibraryChanges m_pending;
    QStringList m_authors;
    QTimer *m_delay = nullptr;
    QTimer *m_check = nullptr;
};

} // namespace Dossier::Core
