#pragma once

// A TCP listener on 127.0.0.1 that counts the connections made to it: tests point remote URLs at it
// and check that nothing was fetched. Plain sockets, so the tests need no QtNetwork.

#include <QByteArray>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Dossier::Test
{

class ConnectionCounter
{
public:
    ConnectionCounter()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0; // any free port
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || ::listen(m_fd, 64) != 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0
            || ::fcntl(m_fd, F_SETFL, O_NONBLOCK) != 0) {
            return;
        }
        m_port = ntohs(address.sin_port);
    }
    ~ConnectionCounter()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    ConnectionCounter(const ConnectionCounter &) = delete;
    ConnectionCounter &operator=(const ConnectionCounter &) = delete;

    bool isListening() const { return m_port != 0; }
    /*! "http://127.0.0.1:PORT" */
    QByteArray origin() const { return QByteArray("http://127.0.0.1:").append(QByteArray::number(m_port)); }
    quint16 port() const { return m_port; }

    /*! Opens and closes one connection to 127.0.0.1:\a port, as a fetch would; true when it connected. */
    static bool connectTo(int port)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(quint16(port));
        const bool connected = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
        if (fd >= 0) {
            ::close(fd);
        }
        return connected;
    }

    /*! Accepts (and closes) whatever connected since the last call; returns the total so far. */
    int connections()
    {
        for (int client; (client = ::accept(m_fd, nullptr, nullptr)) >= 0;) {
            ::close(client);
            ++m_connections;
        }
        return m_connections;
    }

private:
    int m_fd = -1;
    quint16 m_port = 0;
    int m_connections = 0;
};

} // namespace Dossier::Test
