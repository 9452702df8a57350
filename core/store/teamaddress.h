#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Dossier::Core
{

/*!
    \brief Where a team library is: the parts of its postgresql:// URL (host, port, database,
    user and libpq's other settings such as sslmode or service), read from a URL or put together
    into one. Never a password: libpq reads it from ~/.pgpass, the service file or PGPASSFILE, so
    a URL holding one is refused.
*/
struct TeamAddress {
    QString host; //!< a name, an address or a Unix socket folder (starting with '/'); empty: libpq's default
    int port = -1; //!< -1: libpq's default (5432)
    QString database;
    QString user; //!< empty: libpq's default (the login name)
    QList<std::pair<QString, QString>> options; //!< other libpq settings (sslmode, service, ...), in order

    /*! The value of libpq setting \a key among options(), or an empty string. */
    QString option(const QString &key) const;
    /*! Sets libpq setting \a key to \a value (an empty value removes it). */
    void setOption(const QString &key, const QString &value);
    /*! True when a socket folder, not a network host, is named. */
    bool isLocalSocket() const;

    /*! The postgresql:// URL: postgresql://[user@]host[:port]/database[?options], or, for a socket
        folder or no host, postgresql:///database?host=…&port=…&user=… (the forms libpq reads). */
    QString url() const;
    /*! The parts of \a url (postgresql:// or postgres://); nullopt with \a error set when it is not
        such a URL, holds a password or a port that is not a number. */
    static std::optional<TeamAddress> fromUrl(const QString &url, QString *error = nullptr);

    friend bool operator==(const TeamAddress &, const TeamAddress &) = default;
};

} // namespace Dossier::Core
