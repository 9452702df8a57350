#pragma once

// A throwaway PostgreSQL server for tests (issue 17's team library runs on PostgreSQL): a cluster made by
// initdb in a temporary folder and started on a Unix socket in that folder only (no TCP port), stopped
// and deleted with the object. PostgreSQL refuses to run as root, so when the tests run as root (inside
// the build root) the server runs as the unprivileged 'postgres' user its package creates; the tests
// connect as the cluster's superuser through Qt's QPSQL driver. The scripts install PostgreSQL 17 and
// the driver (scripts/lib/env.sh).

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

namespace Dossier::Test
{

class PgServer
{
public:
    static constexpr int Port = 5432; // names the socket file; nothing listens on TCP

    /*! A server for tests (no fsync: the cluster dies with the test), or with \a durable one that
        syncs its commits as a real server does (for benchmarks, beside SQLite's synced commits);
        \a settings are more of the server's -c settings ("-c name=value ..."). */
    explicit PgServer(bool durable = false, const QString &settings = {})
    {
        m_bin = binDir();
        if (m_bin.isEmpty()) {
            m_error = QStringLiteral("PostgreSQL's initdb is not installed (scripts/lib/env.sh installs it)");
            return;
        }
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("cannot make a temporary folder: ") + m_dir.errorString();
            return;
        }
        if (::geteuid() == 0) {
            const passwd *user = ::getpwnam("postgres");
            if (user == nullptr) {
                m_error = QStringLiteral("running as root and there is no 'postgres' user to run the server as");
                return;
            }
            if (::chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid) != 0) {
                m_error = QStringLiteral("cannot give the server's folder to the 'postgres' user");
                return;
            }
            m_asPostgres = true;
        }
        // -N: no fsync; the cluster dies with the test.
        QStringList initdb { QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
            QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
            QStringLiteral("--no-locale") };
        if (!durable) {
            initdb.append(QStringLiteral("-N"));
        }
        if (!run(QStringLiteral("initdb"), initdb)) {
            return;
        }
        const QString options = QStringLiteral("-c listen_addresses='' -k %1 -p %2%3")
                                    .arg(m_dir.path())
                                    .arg(Port)
                                    .arg((durable ? QString() : QStringLiteral(" -c fsync=off"))
                                        + (settings.isEmpty() ? QString() : u' ' + settings));
        if (!run(QStringLiteral("pg_ctl"),
                { QStringLiteral("-D"), dataDir(), QStringLiteral("-o"), options, QStringLiteral("-l"),
                    m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-w"), QStringLiteral("start") })) {
            return;
        }
        m_running = true;
    }

    ~PgServer() { stop(); }

    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    bool isRunning() const { return m_running; }
    /*! Why the server is not running, with the end of its log when it got that far. */
    QString error() const { return m_error; }
    /*! The folder of the server's socket: the host to give libpq. */
    QString socketDir() const { return m_dir.path(); }
    QString socketPath() const { return m_dir.filePath(QStringLiteral(".s.PGSQL.%1").arg(Port)); }
    /*! The server's log. */
    QString logPath() const { return m_dir.filePath(QStringLiteral("server.log")); }

    /*! A QPSQL connection named \a name to database \a database, as the superuser or as \a user
        (any role of the cluster that may log in: the socket trusts every one); open() it. */
    QSqlDatabase connection(const QString &name, const QString &database = QStringLiteral("postgres"),
        const QString &user = QStringLiteral("postgres")) const
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(socketDir());
        db.setPort(Port);
        db.setUserName(user);
        db.setDatabaseName(database);
        return db;
    }

    /*! Stops the server now (fast shutdown); the destructor does it otherwise. */
    bool stop()
    {
        if (!m_running) {
            return true;
        }
        m_running = false;
        return run(QStringLiteral("pg_ctl"),
            { QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                QStringLiteral("stop") });
    }

private:
    static QString binDir()
    {
        // Debian keeps the server's programs per major version; the newest wins.
        QDir versions(QStringLiteral("/usr/lib/postgresql"));
        const QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (auto it = found.crbegin(); it != found.crend(); ++it) {
            const QString bin = versions.filePath(*it + QStringLiteral("/bin"));
            if (QFile::exists(bin + QStringLiteral("/initdb"))) {
                return bin;
            }
        }
        const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
        return onPath.isEmpty() ? QString() : QFileInfo(onPath).absolutePath();
    }

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    bool run(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        const QString path = m_bin + u'/' + program;
        if (m_asPostgres) {
            process.start(QStringLiteral("setpriv"),
                QStringList { QStringLiteral("--reuid=postgres"), QStringLiteral("--regid=postgres"),
                    QStringLiteral("--init-groups"), QStringLiteral("--"), path }
                    + arguments);
        } else {
            process.start(path, arguments);
        }
        constexpr int timeoutMs = 120000;
        if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            QFile log(m_dir.filePath(QStringLiteral("server.log")));
            m_error = program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(process.readAll()).trimmed()
                + (log.open(QIODevice::ReadOnly)
                        ? QStringLiteral("\nserver log: ") + QString::fromLocal8Bit(log.readAll().right(2000))
                        : QString());
            return false;
        }
        return true;
    }

    QString m_bin;
    QTemporaryDir m_dir;
    QString m_error;
    bool m_asPostgres = false;
    bool m_running = false;
};

} // namespace Dossier::Test
