#pragma once

// Reading a damaged library for LibraryRecovery: each table's readable keys, read past damaged pages, and its rows.

#include "store/connection_p.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <optional>
#include <unordered_map>

namespace Dossier::Core
{

using Rows = QList<QVariantList>;

/*! The keys of a table that could be read, and the ranges of keys that could not. */
struct KeyScan {
    QList<qint64> keys; // sorted
    QList<std::pair<qint64, qint64>> unreadable; // inclusive ranges
    bool damaged = false;
};

// Reads a damaged library: every read may fail, and each says so instead of giving up.
class Source
{
public:
    explicit Source(const QString &path)
        : m_connection(path, Connection::Mode::ReadOnly)
    {
    }

    QString open();

    bool has(const QString &name) const { return m_names.contains(name); }
    int version() const { return m_version; }

    QStringList columns(const QString &table) const { return columnsOf(m_connection, table); }

    static QStringList columnsOf(const Connection &connection, const QString &table);

    /*! The rows of \a table whose \a key is \a value; nullopt when they cannot be read. */
    std::optional<Rows> lookup(const QString &table, const QStringList &columns, const QString &key, qint64 value);

    /*! Every readable \a key of rowid table \a table, in order, read past damaged pages. */
    KeyScan scanKeys(const QString &table, const QString &key);

    /*! The ids index \a index holds for \a table, as far as it can be read. */
    QList<qint64> indexIds(const QString &table, const QString &index);

    std::optional<qint64> curationVersion();

private:
    Connection m_connection;
    QSet<QString> m_names;
    int m_version = 0;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_lookups;
};

} // namespace Dossier::Core
