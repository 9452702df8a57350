#include "store/teamaddress.h"

#include <QUrl>
#include <QUrlQuery>

namespace Dossier::Core
{

namespace
{

void setError(QString *error, const QString &text)
{
    if (error) {
        *error = text;
    }
}

QString passwordRefused()
{
    return QStringLiteral("the URL of a team library must not hold a password: put it in ~/.pgpass or a "
                          "libpq service file instead");
}

} // namespace

QString TeamAddress::option(const QString &key) const
{
    for (const auto &[name, value] : options) {
        if (name == key) {
            return value;
        }
    }
    return {};
}

void TeamAddress::setOption(const QString &key, const QString &value)
{
    options.removeIf([&key](const auto &item) { return item.first == key; });
    if (!value.isEmpty()) {
        options.append({ key, value });
    }
}

bool TeamAddress::isLocalSocket() const
{
    return host.startsWith(u'/');
}

QString TeamAddress::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    QUrlQuery query;
    // A socket folder is no URL host, and libpq reads an empty host as its default socket: both
    // go in the query, with the user and port that would otherwise sit beside the host.
    if (host.isEmpty() || isLocalSocket()) {
        url.setHost(QString());
        if (!host.isEmpty()) {
            query.addQueryItem(QStringLiteral("host"), host);
        }
        if (port > 0) {
            query.addQueryItem(QStringLiteral("port"), QString::number(port));
        }
        if (!user.isEmpty()) {
            query.addQueryItem(QStringLiteral("user"), user);
        }
    } else {
        url.setHost(host);
        if (port > 0) {
            url.setPort(port);
        }
        if (!user.isEmpty()) {
            url.setUserName(user);
        }
    }
    url.setPath(u'/' + database);
    for (const auto &[key, value] : options) {
        query.addQueryItem(key, value);
    }
    if (!query.isEmpty()) {
        url.setQuery(query);
    }
    QString text = url.toString(QUrl::FullyEncoded);
    // QUrl leaves out the empty authority's slashes: libpq wants postgresql:///database.
    if (url.host().isEmpty() && !text.startsWith(QLatin1String("postgresql:///"))) {
        text.replace(0, int(QStringLiteral("postgresql:").size()), QStringLiteral("postgresql://"));
    }
    return text;
}

std::optional<TeamAddress> TeamAddress::fromUrl(const QString &location, QString *error)
{
    const QUrl url(location, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres")) {
        setError(error,
            QStringLiteral("%1 is not a valid postgresql:// URL%2")
                .arg(location, url.isValid() ? QString() : QStringLiteral(" (%1)").arg(url.errorString())));
        return std::nullopt;
    }
    if (!url.password().isEmpty()) {
        setError(error, passwordRefused());
        return std::nullopt;
    }
    TeamAddress address;
    address.host = url.host(QUrl::FullyDecoded);
    address.port = url.port(-1);
    address.user = url.userName(QUrl::FullyDecoded);
    address.database = url.path(QUrl::FullyDecoded).mid(1);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"host") {
            address.host = value;
        } else if (key == u"port") {
            bool ok = false;
            address.port = value.toInt(&ok);
            if (!ok) {
                setError(error, QStringLiteral("the port '%1' in %2 is not a number").arg(value, location));
                return std::nullopt;
            }
        } else if (key == u"user") {
            address.user = value;
        } else if (key == u"dbname") {
            address.database = value;
        } else if (key == u"password") {
            setError(error, passwordRefused());
            return std::nullopt;
        } else {
            address.options.append({ key, value });
        }
    }
    return address;
}

} // namespace Dossier::Core
