#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <utility>

namespace Dossier::Core
{

/*! \brief The rows of one table a copy wrote, or a check found. */
struct TableCount {
    QString table;
    qint64 rows = 0;

    friend bool operator==(const TableCount &, const TableCount &) = default;
};

/*! \brief What LibraryCopy::copy() did. */
struct CopyReport {
    QString from;
    QString to;
    QList<TableCount> tables; //!< rows copied per table, in the order they were written
    QString error; //!< the copy failed (or was refused) and the target was left as it was
    bool refused = false; //!< the target was not empty: nothing was written
    bool canceled = false; //!< stopped by the caller; the target was left as it was

    bool ok() const { return error.isEmpty() && !canceled; }
    /*! The rows copied of \a table, 0 when it was not copied. */
    qint64 rowsOf(const QString &table) const
    {
        for (const TableCount &count : tables) {
            if (count.table == table) {
                return count.rows;
            }
        }
        return 0;
    }
};

/*! \brief A table whose rows differ between two libraries. */
struct TableDifference {
    QString table;
    qint64 onlyInFrom = 0; //!< rows of the first library the second lacks (or has otherwise)
    qint64 onlyInTo = 0; //!< rows of the second library the first lacks
    QStringList examples; //!< a few of those rows' keys ("from: id 3", "to: id 4")
};

/*! \brief What LibraryCopy::compare() found. */
struct CopyCheck {
    QString from;
    QString to;
    QList<TableCount> tables; //!< rows of each compared table in the first library
    QList<TableDifference> differences;
    QString error; //!< the comparison could not be made

    bool ok() const { return error.isEmpty() && differences.isEmpty(); }
};

/*!
    \brief Copies a whole library into a new one, between SQLite files and team libraries on
    PostgreSQL in any direction, and compares two libraries row by row.

    Every table both libraries' schemas have is copied (so a table a later migration adds is
    copied too), its rows as they are, ids included, so anchors, links and the stores' references
    stay valid. Tables are written in the order their foreign keys need, in one transaction on
    the target, with the target's triggers suspended (what they would add is in the copied rows):
    a file's are dropped and made again and its FTS5 indexes rebuilt once (PostgreSQL's tsvector
    columns are generated); PostgreSQL's identity sequences then start after the largest id. On a
    team library the authors stay those of the source: the server's author triggers and
    row-level security are suspended for the copy's transaction, which takes the owner of the
    target's tables (the role that made the library, or a server administrator). Reading a team library copies what the
   connected role may see: other members' private highlights only for a role that bypasses row-level security.
*/
class LibraryCopy
{
public:
    /*! Called with the rows written so far and the rows to write; returning false cancels. */
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    /*! Copies the library at \a from into \a to (a file path or a postgresql:// URL each), which must
        be new or hold an empty library: a target with any article, tag, rule or other row of its own
        is refused (CopyReport::refused) untouched. A failed or canceled copy leaves the target as it
        was (a file it made is removed). */
    static CopyReport copy(const QString &from, const QString &to, const Progress &progress = {});

    /*! Compares every table of \a from and \a to row by row (the exports are made of these rows):
        CopyCheck::differences lists the tables whose rows are not the same. */
    static CopyCheck compare(const QString &from, const QString &to);
};

} // namespace Dossier::Core
