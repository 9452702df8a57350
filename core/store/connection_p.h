#pragma once

// A plain SQLite connection to a library file, for the tools that must not go through Library:
// the check and the recovery read a library that may be damaged (Library::open() would migrate
// it, switch its journal mode or fail on it), the backups read a library another connection has
// open. One per thread, removed with the object.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <atomic>

namespace Dossier::Core
{

class Connection
{
public:
    enum class Mode { ReadOnly, ReadWrite };

    Connection(const QString &path, Mode mode)
    {
        static std::atomic<int> counter { 0 };
        m_name = QStringLiteral("dossier-raw-%1").arg(counter.fetch_add(1));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000")
            + (mode == Mode::ReadOnly ? QStringLiteral(";QSQLITE_OPEN_READONLY") : QString()));
        if (!db.open()) {
            m_error = db.lastError().text();
        }
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool isOpen() const { return m_error.isEmpty(); }
    QString openError() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    /*! A forward-only query on this connection. */
    QSqlQuery query() const
    {
        QSqlQuery query(db());
        query.setForwardOnly(true);
        return query;
    }

    /*! Runs \a sql with \a binds; false with *error set (when given) on failure. */
    bool exec(QSqlQuery &query, const QString &sql, const QVariantList &binds = {}, QString *error = nullptr) const
    {
        if (!query.prepare(sql)) {
            if (error) {
                *error = errorText(query);
            }
            return false;
        }
        for (const QVariant &value : binds) {
            query.addBindValue(value);
        }
        if (!query.exec()) {
            if (error) {
                *error = errorText(query);
            }
            return false;
        }
        return true;
    }
    bool exec(const QString &sql, QString *error = nullptr) const
    {
        QSqlQuery q = query();
        return exec(q, sql, {}, error);
    }

    static QString errorText(const QSqlQuery &query)
    {
        const QSqlError error = query.lastError();
        return error.databaseText().isEmpty() ? error.text() : error.databaseText();
    }

private:
    QString m_name;
    QString m_error;
};

} // namespace Dossier::Core
