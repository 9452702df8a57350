// Reading a damaged library for LibraryRecovery: each table's readable keys, read past damaged pages, and its rows.

#include "store/recoverysource_p.h"

#include <QLoggingCategory>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcRecovery, "dossier.recovery")

namespace Dossier::Core
{

namespace
{

// Past a damaged page, at most this many ids are looked up one by one; a wider gap is reported.
constexpr qint64 maxGapLookups = 1'000'000;

} // namespace

QString Source::open()
{
    if (!m_connection.isOpen()) {
        return m_connection.openError();
    }
    QSqlQuery query = m_connection.query();
    QString error;
    if (!m_connection.exec(query, QStringLiteral("SELECT name FROM sqlite_master"), {}, &error)) {
        return error;
    }
    while (query.next()) {
        m_names.insert(query.value(0).toString());
    }
    if (query.lastError().isValid()) {
        return Connection::errorText(query);
    }
    QSqlQuery version = m_connection.query();
    if (m_connection.exec(version, QStringLiteral("PRAGMA user_version")) && version.next()) {
        m_version = version.value(0).toInt();
    }
    return {};
}

QStringList Source::columnsOf(const Connection &connection, const QString &table)
{
    QStringList names;
    QSqlQuery query = connection.query();
    if (connection.exec(query, QStringLiteral("PRAGMA table_info(%1)").arg(table))) {
        while (query.next()) {
            names.append(query.value(1).toString());
        }
    }
    return names;
}

std::optional<Rows> Source::lookup(const QString &table, const QStringList &columns, const QString &key, qint64 value)
{
    const QString cacheKey = table + u'/' + key;
    auto &query = m_lookups[cacheKey];
    if (!query) {
        query = std::make_unique<QSqlQuery>(m_connection.db());
        query->setForwardOnly(true);
        if (!query->prepare(
                QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?").arg(columns.join(QLatin1String(", ")), table, key))) {
            qCWarning(lcRecovery) << "cannot read" << table << Connection::errorText(*query);
            return std::nullopt;
        }
    }
    query->bindValue(0, value);
    if (!query->exec()) {
        return std::nullopt;
    }
    Rows rows;
    while (query->next()) {
        QVariantList row;
        row.reserve(columns.size());
        for (qsizetype i = 0; i < columns.size(); ++i) {
            row.append(query->value(int(i)));
        }
        rows.append(row);
    }
    const bool failed = query->lastError().isValid();
    query->finish();
    if (failed) {
        return std::nullopt;
    }
    return rows;
}

KeyScan Source::scanKeys(const QString &table, const QString &key)
{
    KeyScan scan;
    if (!has(table)) {
        return scan;
    }
    const QString range = QStringLiteral("SELECT %2 FROM %1 NOT INDEXED WHERE %2 >= ? ORDER BY %2").arg(table, key);
    const QString first = range + QStringLiteral(" LIMIT 1");
    const QString one = QStringLiteral("SELECT %2 FROM %1 NOT INDEXED WHERE %2 = ?").arg(table, key);
    std::optional<qint64> upper;
    {
        QSqlQuery max = m_connection.query();
        if (m_connection.exec(max, QStringLiteral("SELECT max(%2) FROM %1 NOT INDEXED").arg(table, key)) && max.next()
            && !max.value(0).isNull()) {
            upper = max.value(0).toLongLong();
        }
    }
    const auto unreadable = [&](qint64 from, qint64 to) {
        if (!scan.unreadable.isEmpty() && scan.unreadable.last().second == from - 1) {
            scan.unreadable.last().second = to;
        } else {
            scan.unreadable.append({ from, to });
        }
    };
    qint64 from = 0; // Dossier's ids start at 1
    for (;;) {
        QSqlQuery query = m_connection.query();
        bool failed = !m_connection.exec(query, range, { from });
        while (!failed && query.next()) {
            scan.keys.append(query.value(0).toLongLong());
        }
        failed = failed || query.lastError().isValid();
        if (!failed) {
            break;
        }
        scan.damaged = true;
        const qint64 last = scan.keys.isEmpty() || scan.keys.last() < from ? from - 1 : scan.keys.last();
        // Seek ever further past the damage until a read works again...
        std::optional<qint64> resume;
        for (qint64 step = 1; step <= (qint64(1) << 62) && last <= std::numeric_limits<qint64>::max() - step;
            step *= 2) {
            const qint64 probe = last + step;
            if (upper && probe > *upper) {
                break;
            }
            QSqlQuery seek = m_connection.query();
            if (m_connection.exec(seek, first, { probe }) && (seek.next() || !seek.lastError().isValid())
                && !seek.lastError().isValid()) {
                resume = probe;
                break;
            }
        }
        // ...then look up the ids skipped one by one: those outside the damaged pages can be read.
        const std::optional<qint64> gapEnd = resume ? std::optional<qint64>(*resume - 1) : upper;
        if (!gapEnd) {
            unreadable(last + 1, std::numeric_limits<qint64>::max());
            break;
        }
        if (*gapEnd - last > maxGapLookups) {
            unreadable(last + 1, *gapEnd);
        } else {
            for (qint64 id = last + 1; id <= *gapEnd; ++id) {
                QSqlQuery lookup = m_connection.query();
                const bool ran = m_connection.exec(lookup, one, { id });
                if (ran && lookup.next()) {
                    scan.keys.append(id);
                } else if (!ran || lookup.lastError().isValid()) {
                    unreadable(id, id);
                }
            }
        }
        if (!resume) {
            break;
        }
        from = *resume;
    }
    std::sort(scan.keys.begin(), scan.keys.end());
    scan.keys.erase(std::unique(scan.keys.begin(), scan.keys.end()), scan.keys.end());
    return scan;
}

QList<qint64> Source::indexIds(const QString &table, const QString &index)
{
    QList<qint64> ids;
    if (!has(index)) {
        return ids;
    }
    QSqlQuery query = m_connection.query();
    if (m_connection.exec(query, QStringLiteral("SELECT id FROM %1 INDEXED BY %2").arg(table, index))) {
        while (query.next()) {
            ids.append(query.value(0).toLongLong());
        }
    }
    return ids;
}

std::optional<qint64> Source::curationVersion()
{
    QSqlQuery query = m_connection.query();
    if (has(QStringLiteral("curation_state"))
        && m_connection.exec(query, QStringLiteral("SELECT version FROM curation_state")) && query.next()) {
        return query.value(0).toLongLong();
    }
    return std::nullopt;
}

} // namespace Dossier::Core
