#pragma once

// Helpers for the tests of damaged libraries (integrity_test, recovery_test): a library of
// generated articles, and the pages of a table's b-tree read from the file itself (SQLite's file
// format, https://sqlite.org/fileformat2.html) so that a test damages exactly the page it means to.

#include "import/importjob.h"
#include "safetyhelpers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QList>
#include <QSet>

namespace Dossier::Test
{

/*! Imports \a count generated articles (written under \a articlesDir) into the library at \a library. */
inline Core::ImportSummary importGenerated(const QString &library, const QString &articlesDir, int count)
{
    Core::ImportRequest request;
    request.libraryPath = library;
    request.paths = generateArticles(articlesDir, count);
    const std::atomic_bool cancel { false };
    return Core::importFiles(request, cancel);
}

/*! Moves everything from the write-ahead log into the library file (no connection may be open). */
inline void checkpoint(const QString &library)
{
    const RawLibrary raw(library);
    raw.value(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

/*! The pages of a library file, as SQLite lays them out. */
class PageFile
{
public:
    explicit PageFile(const QString &path)
        : m_path(path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            qFatal("cannot read %s", qPrintable(path));
        }
        m_bytes = file.readAll();
        // Bytes 16–17 of the header, big-endian; 1 stands for 65536.
        const int size = (quint8(m_bytes.at(16)) << 8) | quint8(m_bytes.at(17));
        m_pageSize = size == 1 ? 65536 : size;
    }

    int pageSize() const { return m_pageSize; }
    int pageCount() const { return int(m_bytes.size() / m_pageSize); }

    /*! The leaf pages of the b-tree rooted at \a root, left to right. */
    QList<int> leaves(int root) const
    {
        QList<int> found;
        walk(root, &found, 0);
        return found;
    }

    /*! The rowids stored on table leaf page \a page. */
    QList<qint64> rowids(int page) const
    {
        QList<qint64> ids;
        const qsizetype base = qsizetype(page - 1) * m_pageSize;
        const qsizetype header = base + (page == 1 ? 100 : 0);
        if (quint8(m_bytes.at(header)) != 0x0d) {
            return ids;
        }
        const int cells = u16(header + 3);
        for (int i = 0; i < cells; ++i) {
            qsizetype at = base + u16(header + 8 + 2 * i);
            varint(&at); // payload size
            ids.append(varint(&at));
        }
        return ids;
    }

    /*! Overwrites page \a page of the file at \a path with a byte pattern SQLite cannot take for a page. */
    static void overwrite(const QString &path, int page, int pageSize)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadWrite) || !file.seek(qint64(page - 1) * pageSize)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        QByteArray garbage(pageSize, '\0');
        for (int i = 0; i < pageSize; ++i) {
            garbage[i] = char(0xa5 ^ (i * 7));
        }
        file.write(garbage);
    }

private:
    int u16(qsizetype at) const { return (quint8(m_bytes.at(at)) << 8) | quint8(m_bytes.at(at + 1)); }
    quint32 u32(qsizetype at) const
    {
        return (quint32(quint8(m_bytes.at(at))) << 24) | (quint32(quint8(m_bytes.at(at + 1))) << 16)
            | (quint32(quint8(m_bytes.at(at + 2))) << 8) | quint32(quint8(m_bytes.at(at + 3)));
    }
    qint64 varint(qsizetype *at) const
    {
        quint64 value = 0;
        for (int i = 0; i < 9; ++i) {
            const quint8 byte = quint8(m_bytes.at((*at)++));
            if (i == 8) {
                return qint64((value << 8) | byte);
            }
            value = (value << 7) | (byte & 0x7f);
            if (!(byte & 0x80)) {
                break;
            }
        }
        return qint64(value);
    }
    void walk(int page, QList<int> *found, int depth) const
    {
        if (page < 1 || page > pageCount() || depth > 20) {
            return;
        }
        const qsizetype base = qsizetype(page - 1) * m_pageSize;
        const qsizetype header = base + (page == 1 ? 100 : 0);
        const quint8 type = quint8(m_bytes.at(header));
        if (type == 0x0d || type == 0x0a) {
            found->append(page);
            return;
        }
        if (type != 0x05 && type != 0x02) {
            return;
        }
        const int cells = u16(header + 3);
        for (int i = 0; i < cells; ++i) {
            // Each interior cell starts with its left child's page number.
            walk(int(u32(base + u16(header + 12 + 2 * i))), found, depth + 1);
        }
        walk(int(u32(header + 8)), found, depth + 1);
    }

    QString m_path;
    QByteArray m_bytes;
    int m_pageSize = 4096;
};

/*! The root page of table or index \a name. */
inline int rootPage(const QString &library, const QString &name)
{
    const RawLibrary raw(library);
    return raw.value(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = ?"), { name }).toInt();
}

/*! Damages the leaf page of \a table nearest the middle of its leaves; returns the rowids that were on it. */
inline QList<qint64> damageMiddleLeaf(const QString &library, const QString &table)
{
    checkpoint(library);
    const int root = rootPage(library, table);
    const PageFile file(library);
    const QList<int> leaves = file.leaves(root);
    if (leaves.size() < 3) {
        qFatal("%s has only %d leaf pages", qPrintable(table), int(leaves.size()));
    }
    const int page = leaves.at(leaves.size() / 2);
    const QList<qint64> ids = file.rowids(page);
    PageFile::overwrite(library, page, file.pageSize());
    return ids;
}

/*! Damages the first page of the library (its header and schema): SQLite then cannot open it at
    all ("file is not a database"). */
inline void damageFirstPage(const QString &library)
{
    checkpoint(library);
    PageFile::overwrite(library, 1, PageFile(library).pageSize());
}

/*! The SHA-256 of the file at \a path (empty when it cannot be read). */
inline QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                          : QByteArray();
}

} // namespace Dossier::Test
