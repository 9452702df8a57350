// LibraryCopy: a library copied table by table, ids kept, between SQLite files and team libraries
// on PostgreSQL (issue 17, "moving between them"), and two libraries compared row by row. The
// tables are read from the schemas themselves, not listed here, so a table a later migration adds
// is copied and compared as well.

#include "store/librarycopy.h"

#include "store/storecontext_p.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>
#include <optional>

namespace Dossier::Core
{

namespace
{

// Rows a fresh library already has (the curation version): replaced by the source's, not a sign
// that the target is in use.
bool isStateTable(const QString &table)
{
    return table == QLatin1String("curation_state");
}

QString quotedName(const QString &name)
{
    return u'"' + QString(name).replace(QLatin1String("\""), QLatin1String("\"\"")) + u'"';
}

// One statement with positional binds; the first column of every row.
std::optional<QVariantList> column(StoreContext &ctx, const QString &sql, const QVariantList &binds = {})
{
    QSqlQuery query(ctx.db());
    if (!ctx.run(query, sql, binds)) {
        return std::nullopt;
    }
    QVariantList values;
    while (query.next()) {
        values.append(query.value(0));
    }
    return values;
}

std::optional<QStringList> names(StoreContext &ctx, const QString &sql, const QVariantList &binds = {})
{
    const std::optional<QVariantList> values = column(ctx, sql, binds);
    if (!values) {
        return std::nullopt;
    }
    QStringList result;
    for (const QVariant &value : *values) {
        result.append(value.toString());
    }
    return result;
}

// The library's tables of data: not the identity (dossier_meta), nor SQLite's own tables and the
// full-text tables, which each backend fills itself from article_texts.
std::optional<QStringList> tablesOf(StoreContext &ctx)
{
    if (ctx.onServer()) {
        return names(ctx,
            QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                           "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND "
                           "c.relname <> 'dossier_meta' ORDER BY c.relname"));
    }
    return names(ctx,
        QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT "
                       "LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
}

// The columns a row is written with: generated ones (PostgreSQL's tsvectors) are the server's.
std::optional<QStringList> columnsOf(StoreContext &ctx, const QString &table)
{
    if (ctx.onServer()) {
        return names(ctx,
            QStringLiteral("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                           "AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position"),
            { table });
    }
    return names(
        ctx, QStringLiteral("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid"), { table });
}

// The tables \a table refers to by foreign key.
std::optional<QStringList> referencedBy(StoreContext &ctx, const QString &table)
{
    if (ctx.onServer()) {
        return names(ctx,
            QStringLiteral("SELECT DISTINCT p.relname FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class p ON "
                           "p.oid = c.confrelid WHERE c.contype = 'f' AND c.conrelid = to_regclass(?)"),
            { quotedName(table) });
    }
    return names(ctx, QStringLiteral("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)"), { table });
}

// \a tables ordered so that every table comes after those it refers to (by name otherwise).
std::optional<QStringList> inReferenceOrder(StoreContext &ctx, const QStringList &tables)
{
    QHash<QString, QSet<QString>> needs;
    for (const QString &table : tables) {
        const std::optional<QStringList> referenced = referencedBy(ctx, table);
        if (!referenced) {
            return std::nullopt;
        }
        for (const QString &other : *referenced) {
            if (other != table && tables.contains(other)) {
                needs[table].insert(other);
            }
        }
    }
    QStringList ordered;
    QStringList left = tables;
    while (!left.isEmpty()) {
        const auto ready = std::find_if(left.begin(), left.end(), [&](const QString &table) {
            const QSet<QString> wanted = needs.value(table);
            return std::all_of(
                wanted.cbegin(), wanted.cend(), [&](const QString &other) { return ordered.contains(other); });
        });
        if (ready == left.end()) {
            ctx.error = QStringLiteral("the tables %1 refer to each other in a circle").arg(left.join(u", "));
            return std::nullopt;
        }
        ordered.append(*ready);
        left.erase(ready);
    }
    return ordered;
}

// Tables of \a tables holding rows of their own (a state table's are the fresh library's).
std::optional<QStringList> tablesInUse(StoreContext &ctx, const QStringList &tables)
{
    QStringList used;
    for (const QString &table : tables) {
        if (isStateTable(table)) {
            continue;
        }
        const std::optional<QVariantList> any
            = column(ctx, QStringLiteral("SELECT 1 FROM %1 LIMIT 1").arg(quotedName(table)));
        if (!any) {
            return std::nullopt;
        }
        if (!any->isEmpty()) {
            used.append(table);
        }
    }
    return used;
}

std::optional<qint64> rowCount(StoreContext &ctx, const QString &table)
{
    const std::optional<QVariantList> count
        = column(ctx, QStringLiteral("SELECT count(*) FROM %1").arg(quotedName(table)));
    if (!count || count->isEmpty()) {
        return std::nullopt;
    }
    return count->constFirst().toLongLong();
}

// A read of the source that sees one state of it, whatever is written meanwhile.
bool beginSnapshot(StoreContext &ctx)
{
    if (!ctx.exec(ctx.onServer() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                 : QStringLiteral("BEGIN"))) {
        return false;
    }
    // SQLite's snapshot starts with the transaction's first read.
    return ctx.onServer() || column(ctx, QStringLiteral("SELECT count(*) FROM sqlite_schema")).has_value();
}

} // namespace

// The copy, over the two libraries' contexts: the tables, the target's transaction, the rows.
class CopyRun
{
public:
    CopyRun(StoreContext &source, StoreContext &target, CopyReport &report, const LibraryCopy::Progress &progress)
        : m_source(source)
        , m_target(target)
        , m_report(report)
        , m_progress(progress)
    {
    }

    // False with the report's error (or canceled) set; the target's transaction is rolled back.
    bool run()
    {
        const std::optional<QStringList> targetTables = tablesOf(m_target);
        const std::optional<QStringList> sourceTables = tablesOf(m_source);
        if (!targetTables || !sourceTables) {
            return fail(QStringLiteral("cannot read the libraries' tables: %1")
                    .arg((!targetTables ? m_target : m_source).error.message));
        }
        const std::optional<QStringList> used = tablesInUse(m_target, *targetTables);
        if (!used) {
            return fail(m_target.error.message);
        }
        if (!used->isEmpty()) {
            m_report.refused = true;
            return fail(
                QStringLiteral("%1 is not empty (it holds rows in %2); copy into a new library or an empty one; "
                               "nothing was changed")
                    .arg(m_report.to, used->join(QLatin1String(", "))));
        }
        for (const QString &table : *sourceTables) {
            if (!targetTables->contains(table)) {
                return fail(QStringLiteral("%1 has a table %2 that %3 does not; open both with this build first")
                        .arg(m_report.from, table, m_report.to));
            }
        }
        const std::optional<QStringList> order = inReferenceOrder(m_target, *sourceTables);
        if (!order) {
            return fail(m_target.error.message);
        }
        if (!beginSnapshot(m_source)) {
            return fail(QStringLiteral("cannot read %1: %2").arg(m_report.from, m_source.error.message));
        }
        const auto endSnapshot = qScopeGuard([this] { m_source.exec(QStringLiteral("ROLLBACK")); });
        QList<QStringList> columns;
        for (const QString &table : *order) {
            const std::optional<qint64> rows = rowCount(m_source, table);
            const std::optional<QStringList> written = columnsOf(m_target, table);
            const std::optional<QStringList> read = columnsOf(m_source, table);
            if (!rows || !written || !read) {
                return fail(QStringLiteral("cannot read the table %1: %2")
                        .arg(table, (!written ? m_target : m_source).error.message));
            }
            for (const QString &name : *read) {
                if (!written->contains(name)) {
                    return fail(QStringLiteral("the table %1 of %2 has a column %3 that %4 lacks")
                            .arg(table, m_report.from, name, m_report.to));
                }
            }
            columns.append(*read);
            m_total += *rows;
        }
        if (!m_target.beginImmediate()) {
            return fail(QStringLiteral("cannot write %1: %2").arg(m_report.to, m_target.error.message));
        }
        const bool copied
            = suspendTriggers(true) && copyTables(*order, columns) && resetSequences() && suspendTriggers(false);
        if (!copied || !m_target.exec(QStringLiteral("COMMIT"))) {
            const StoreError failure = m_target.error;
            m_target.exec(QStringLiteral("ROLLBACK"));
            if (!m_report.canceled && m_report.error.isEmpty()) {
                fail(QStringLiteral("cannot write %1: %2").arg(m_report.to, failure.message));
            }
            m_report.tables.clear();
            return false;
        }
        // Fresh statistics for the server's planner, which has none for tables filled in one go.
        if (m_target.onServer() && !m_target.exec(QStringLiteral("ANALYZE"))) {
            qCWarning(lcStore) << "cannot analyze the copied team library:" << m_target.error.message;
        }
        return true;
    }

private:
    bool fail(const QString &message)
    {
        m_report.error = message;
        return false;
    }

    // What the target's triggers would do to the copied rows is already in them: an author
    // written as the copying role, a history row per insert, the search index row by row. They are
    // suspended inside the copy's transaction and back before it commits. On a team library that is
    // ALTER TABLE (taking the tables' owner), with the row-level security that would refuse another
    // member's private highlight; on a file the triggers are dropped and made again, and the
    // full-text indexes rebuilt once from the copied texts.
    bool suspendTriggers(bool suspend)
    {
        return m_target.onServer() ? suspendServerRules(suspend) : suspendSqliteTriggers(suspend);
    }

    bool suspendSqliteTriggers(bool suspend)
    {
        if (suspend) {
            QSqlQuery triggers(m_target.db());
            if (!m_target.run(triggers,
                    QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"), {})) {
                return false;
            }
            while (triggers.next()) {
                m_sqliteTriggers.append({ triggers.value(0).toString(), triggers.value(1).toString() });
            }
            triggers.finish();
            for (const auto &[name, sql] : std::as_const(m_sqliteTriggers)) {
                if (!m_target.exec(QStringLiteral("DROP TRIGGER %1").arg(quotedName(name)))) {
                    return false;
                }
            }
            return true;
        }
        for (const auto &[name, sql] : std::as_const(m_sqliteTriggers)) {
            if (!m_target.exec(sql)) {
                return false;
            }
        }
        const std::optional<QStringList> indexes = names(m_target,
            QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' "
                           "AND sql LIKE '%fts5%' ORDER BY name"));
        if (!indexes) {
            return false;
        }
        for (const QString &index : *indexes) {
            if (!m_target.exec(QStringLiteral("INSERT INTO %1(%1) VALUES ('rebuild')").arg(quotedName(index)))) {
                return false;
            }
        }
        return true;
    }

    bool suspendServerRules(bool suspend)
    {
        if (suspend) {
            const auto triggered = names(m_target,
                QStringLiteral("SELECT DISTINCT c.relname FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON "
                               "c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE NOT "
                               "t.tgisinternal AND n.nspname = current_schema() ORDER BY 1"));
            const auto forced = names(m_target,
                QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                               "c.relnamespace WHERE c.relforcerowsecurity AND n.nspname = current_schema() ORDER BY "
                               "1"));
            if (!triggered || !forced) {
                return false;
            }
            m_triggered = *triggered;
            m_forced = *forced;
        }
        for (const QString &table : std::as_const(m_triggered)) {
            if (!alter(table, suspend ? "DISABLE TRIGGER USER" : "ENABLE TRIGGER USER")) {
                return false;
            }
        }
        for (const QString &table : std::as_const(m_forced)) {
            if (!alter(table, suspend ? "NO FORCE ROW LEVEL SECURITY" : "FORCE ROW LEVEL SECURITY")) {
                return false;
            }
        }
        return true;
    }

    bool alter(const QString &table, const char *change)
    {
        if (m_target.exec(QStringLiteral("ALTER TABLE %1 %2").arg(quotedName(table), QLatin1String(change)))) {
            return true;
        }
        return fail(QStringLiteral("cannot keep the authors of what %1 holds: only the owner of the team library's "
                                   "tables or a server administrator may copy into it (%2)")
                .arg(m_report.from, m_target.error.message));
    }

    bool copyTables(const QStringList &order, const QList<QStringList> &columns)
    {
        for (qsizetype i = 0; i < order.size(); ++i) {
            const QString &table = order.at(i);
            if (isStateTable(table) && !m_target.exec(QStringLiteral("DELETE FROM %1").arg(quotedName(table)))) {
                return false;
            }
            const std::optional<qint64> rows = copyTable(table, columns.at(i));
            if (!rows) {
                return false;
            }
            m_report.tables.append(TableCount { table, *rows });
        }
        return true;
    }

    // The rows of \a table, read in one go and written many to a statement.
    std::optional<qint64> copyTable(const QString &table, const QStringList &columns)
    {
        QStringList quoted;
        for (const QString &name : columns) {
            quoted.append(quotedName(name));
        }
        QSqlQuery read(m_source.db());
        if (!m_source.run(read,
                QStringLiteral("SELECT %1 FROM %2").arg(quoted.join(QLatin1String(", ")), quotedName(table)), {})) {
            fail(
                QStringLiteral("cannot read the table %1 of %2: %3").arg(table, m_report.from, m_source.error.message));
            return std::nullopt;
        }
        const QString head
            = QStringLiteral("INSERT INTO %1 (%2)").arg(quotedName(table), quoted.join(QLatin1String(", ")));
        const int width = int(columns.size());
        // Written every few hundred rows or megabytes of text, whichever comes first.
        constexpr qsizetype rowsPerWrite = 500;
        constexpr qsizetype bytesPerWrite = 8 << 20;
        QVariantList values;
        qsizetype bytes = 0;
        qint64 copied = 0;
        const auto flush = [&] {
            if (values.isEmpty()) {
                return true;
            }
            const qint64 rows = values.size() / width;
            if (!m_target.insertRows(head, width, values)) {
                return false;
            }
            values.clear();
            bytes = 0;
            copied += rows;
            m_done += rows;
            if (m_progress && !m_progress(m_done, m_total)) {
                m_report.canceled = true;
                m_report.error.clear();
                return false;
            }
            return true;
        };
        while (read.next()) {
            for (int c = 0; c < width; ++c) {
                const QVariant value = read.value(c);
                if (value.metaType().id() == QMetaType::QString || value.metaType().id() == QMetaType::QByteArray) {
                    bytes += value.metaType().id() == QMetaType::QString ? value.toString().size() * 2
                                                                         : value.toByteArray().size();
                }
                values.append(value);
            }
            if ((values.size() / width >= rowsPerWrite || bytes >= bytesPerWrite) && !flush()) {
                return std::nullopt;
            }
        }
        if (!flush()) {
            return std::nullopt;
        }
        return copied;
    }

    // PostgreSQL's identity columns hand out ids after the largest copied (SQLite does so itself).
    bool resetSequences()
    {
        if (!m_target.onServer()) {
            return true;
        }
        QSqlQuery identities(m_target.db());
        if (!m_target.run(identities,
                QStringLiteral("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                               "current_schema() AND is_identity = 'YES' ORDER BY 1"),
                {})) {
            return false;
        }
        QList<std::pair<QString, QString>> columns;
        while (identities.next()) {
            columns.append({ identities.value(0).toString(), identities.value(1).toString() });
        }
        for (const auto &[table, name] : columns) {
            QSqlQuery reset(m_target.db());
            if (!m_target.run(reset,
                    QStringLiteral("SELECT setval(pg_get_serial_sequence(?, ?), coalesce((SELECT max(%1) FROM %2), 0) "
                                   "+ 1, false)")
                        .arg(quotedName(name), quotedName(table)),
                    { quotedName(table), name })) {
                return false;
            }
        }
        return true;
    }

    StoreContext &m_source;
    StoreContext &m_target;
    CopyReport &m_report;
    const LibraryCopy::Progress &m_progress;
    QStringList m_triggered;
    QList<std::pair<QString, QString>> m_sqliteTriggers; // name, statement
    QStringList m_forced;
    qint64 m_total = 0;
    qint64 m_done = 0;
};

namespace
{

// True when \a location names a library file that is not there (opening it would make one).
bool isMissingFile(const QString &location)
{
    return !Library::isServerLocation(location) && !QFileInfo::exists(location);
}

void removeFile(const QString &path)
{
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        QFile::remove(path + suffix);
    }
}

} // namespace

CopyReport LibraryCopy::copy(const QString &from, const QString &to, const Progress &progress)
{
    CopyReport report;
    report.from = from;
    report.to = to;
    if (isMissingFile(from)) {
        report.error = QStringLiteral("there is no library at %1").arg(from);
        return report;
    }
    if (from == to) {
        report.refused = true;
        report.error = QStringLiteral("%1 is the library to copy; copy into another").arg(to);
        return report;
    }
    // A file the copy makes is removed again when the copy does not complete.
    const bool makesFile = isMissingFile(to) || (!Library::isServerLocation(to) && QFileInfo(to).size() == 0);
    {
        Library source(from);
        Library target(to);
        if (!source.open()) {
            report.error = source.errorString();
        } else if (!target.open()) {
            report.error = target.errorString();
        } else if (target.isReadOnly()) {
            report.error = QStringLiteral("%1 cannot be written; nothing was copied").arg(to);
        } else {
            CopyRun(*source.d, *target.d, report, progress).run();
        }
    }
    if (!report.ok() && makesFile && !Library::isServerLocation(to)) {
        removeFile(to);
    }
    return report;
}

namespace
{

// A row's identity for the comparison: a hash of its values, typed (so 1 and '1' differ).
QByteArray rowHash(const QSqlQuery &query, int width)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int c = 0; c < width; ++c) {
        const QVariant value = query.value(c);
        if (value.isNull()) {
            hash.addData("N|");
            continue;
        }
        switch (value.metaType().id()) {
        case QMetaType::QByteArray:
            hash.addData(QByteArray("B" + QByteArray::number(value.toByteArray().size()) + ':'));
            hash.addData(value.toByteArray());
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            hash.addData(QByteArray("I" + QByteArray::number(value.toLongLong())));
            break;
        case QMetaType::Double:
            hash.addData(QByteArray("D" + QByteArray::number(value.toDouble(), 'g', 17)));
            break;
        default: {
            const QByteArray text = value.toString().toUtf8();
            hash.addData(QByteArray("S" + QByteArray::number(text.size()) + ':'));
            hash.addData(text);
        }
        }
        hash.addData("|");
    }
    return hash.result();
}

struct TableRows {
    QList<std::pair<QByteArray, QString>> rows; // hash, key ("id 3"), sorted by hash
};

std::optional<TableRows> readRows(StoreContext &ctx, const QString &table, const QStringList &columns)
{
    QStringList quoted;
    for (const QString &name : columns) {
        quoted.append(quotedName(name));
    }
    QSqlQuery query(ctx.db());
    if (!ctx.run(
            query, QStringLiteral("SELECT %1 FROM %2").arg(quoted.join(QLatin1String(", ")), quotedName(table)), {})) {
        return std::nullopt;
    }
    TableRows result;
    while (query.next()) {
        result.rows.append({ rowHash(query, int(columns.size())),
            QStringLiteral("%1 %2").arg(columns.constFirst(), query.value(0).toString()) });
    }
    std::sort(result.rows.begin(), result.rows.end());
    return result;
}

} // namespace

CopyCheck LibraryCopy::compare(const QString &from, const QString &to)
{
    CopyCheck check;
    check.from = from;
    check.to = to;
    for (const QString &location : { from, to }) {
        if (isMissingFile(location)) {
            check.error = QStringLiteral("there is no library at %1").arg(location);
            return check;
        }
    }
    Library first(from);
    Library second(to);
    if (!first.open() || !second.open()) {
        check.error = first.isOpen() ? second.errorString() : first.errorString();
        return check;
    }
    StoreContext &left = *first.d;
    StoreContext &right = *second.d;
    const std::optional<QStringList> leftTables = tablesOf(left);
    const std::optional<QStringList> rightTables = tablesOf(right);
    if (!leftTables || !rightTables || !beginSnapshot(left) || !beginSnapshot(right)) {
        check.error = QStringLiteral("cannot read the libraries' tables: %1")
                          .arg(left.error.message.isEmpty() ? right.error.message : left.error.message);
        return check;
    }
    const auto endSnapshots = qScopeGuard([&] {
        left.exec(QStringLiteral("ROLLBACK"));
        right.exec(QStringLiteral("ROLLBACK"));
    });
    QStringList tables = *leftTables;
    for (const QString &table : *rightTables) {
        if (!tables.contains(table)) {
            tables.append(table);
        }
    }
    std::sort(tables.begin(), tables.end());
    for (const QString &table : std::as_const(tables)) {
        if (!leftTables->contains(table) || !rightTables->contains(table)) {
            check.differences.append(TableDifference { table, 0, 0,
                { QStringLiteral("only %1 has this table").arg(leftTables->contains(table) ? from : to) } });
            continue;
        }
        const std::optional<QStringList> leftColumns = columnsOf(left, table);
        const std::optional<QStringList> rightColumns = columnsOf(right, table);
        if (!leftColumns || !rightColumns) {
            check.error = QStringLiteral("cannot read the table %1").arg(table);
            return check;
        }
        if (QSet<QString>(leftColumns->cbegin(), leftColumns->cend())
            != QSet<QString>(rightColumns->cbegin(), rightColumns->cend())) {
            check.differences.append(TableDifference { table, 0, 0,
                { QStringLiteral("the columns differ: %1 against %2")
                        .arg(leftColumns->join(u", "), rightColumns->join(u", ")) } });
            continue;
        }
        const std::optional<TableRows> a = readRows(left, table, *leftColumns);
        const std::optional<TableRows> b = readRows(right, table, *leftColumns);
        if (!a || !b) {
            check.error = QStringLiteral("cannot read the table %1: %2").arg(table, (!a ? left : right).error.message);
            return check;
        }
        check.tables.append(TableCount { table, a->rows.size() });
        TableDifference difference { table, 0, 0, {} };
        constexpr qsizetype shown = 5;
        const auto note = [&](const char *side, const QString &key) {
            if (difference.examples.size() < shown) {
                difference.examples.append(QStringLiteral("%1: %2").arg(QLatin1String(side), key));
            }
        };
        qsizetype i = 0;
        qsizetype j = 0;
        while (i < a->rows.size() || j < b->rows.size()) {
            if (j == b->rows.size() || (i < a->rows.size() && a->rows.at(i).first < b->rows.at(j).first)) {
                ++difference.onlyInFrom;
                note("from", a->rows.at(i++).second);
            } else if (i == a->rows.size() || b->rows.at(j).first < a->rows.at(i).first) {
                ++difference.onlyInTo;
                note("to", b->rows.at(j++).second);
            } else {
                ++i;
                ++j;
            }
        }
        if (difference.onlyInFrom > 0 || difference.onlyInTo > 0) {
            check.differences.append(difference);
        }
    }
    return check;
}

} // namespace Dossier::Core
