#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Dossier::Core
{

/*! \brief One thing wrong with a library file. */
struct IntegrityProblem {
    enum class Kind {
        Integrity, //!< SQLite's own check: a damaged page, a broken b-tree or index, an unreadable table
        Fts, //!< the full-text index does not match the article texts it indexes
        ForeignKey, //!< PRAGMA foreign_key_check: rows whose parent row is missing
        Orphan, //!< rows without the rows they belong to (or entities no article mentions)
    };
    Kind kind = Kind::Integrity;
    QString table; //!< the table (or index) concerned; empty when SQLite does not say
    QString detail;
    qint64 count = 1; //!< how many rows (or messages) the problem stands for

    friend bool operator==(const IntegrityProblem &, const IntegrityProblem &) = default;
};

/*! "integrity", "fts", "foreign_key" or "orphan". */
QString problemKindName(IntegrityProblem::Kind kind);

/*! \brief What LibraryCheck found. */
struct IntegrityReport {
    QString library;
    QList<IntegrityProblem> problems;
    std::optional<qint64> articles; //!< rows of the articles table, when it could be counted
    std::optional<qint64> annotations;
    QString error; //!< the check itself could not run (no such file, ...); problems is then empty

    bool ok() const { return error.isEmpty() && problems.isEmpty(); }
    bool has(IntegrityProblem::Kind kind) const;
};

/*!
    \brief Checks a library file without changing it: SQLite's integrity check (every message),
    FTS5's check of the search index against the article texts, the foreign-key check, and rows
    left without the rows they belong to.

    The library is opened read-only on a connection of its own, so the check may run while the
    window or dossier-cli has it open. FTS5's check is an INSERT (it needs a writable database),
    so it runs on a private snapshot of the library taken with VACUUM INTO in a temporary folder.
*/
class LibraryCheck
{
public:
    static IntegrityReport run(const QString &path);
};

} // namespace Dossier::Core
