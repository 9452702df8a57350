#include "store/integrity.h"

#include "store/connection_p.h"

#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

namespace Dossier::Core
{

namespace
{

using Kind = IntegrityProblem::Kind;

// Rows that belong to another row which is not there, one query per relation of the schema
// (core/store/migrations.cpp). Each counts the rows left behind.
struct OrphanQuery {
    const char *table;
    const char *needs; //!< the table the query reads besides \c table
    const char *detail;
    const char *sql;
};

constexpr OrphanQuery orphanQueries[] = {
    { "article_texts", "articles", "article texts whose article is missing",
        "SELECT count(*) FROM article_texts t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.id)" },
    { "articles", "article_texts", "articles whose texts are missing",
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_texts t WHERE t.id = a.id)" },
    { "article_entities", "articles", "entity links of articles that are missing",
        "SELECT count(*) FROM article_entities x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = "
        "x.article_id)" },
    { "article_entities", "entities", "entity links to entities that are missing",
        "SELECT count(*) FROM article_entities x WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = "
        "x.entity_id)" },
    { "article_aliases", "articles", "aliases of articles that are missing",
        "SELECT count(*) FROM article_aliases x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = "
        "x.article_id)" },
    { "article_aliases", "entities", "aliases of entities that are missing",
        "SELECT count(*) FROM article_aliases x WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = x.entity_id)" },
    { "mentions", "articles", "mentions in articles that are missing",
        "SELECT count(*) FROM mentions x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id)" },
    { "mentions", "entities", "mentions of entities that are missing",
        "SELECT count(*) FROM mentions x WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = x.entity_id)" },
    { "entities", "article_entities", "entities no article mentions",
        "SELECT count(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM article_entities x WHERE x.entity_id = "
        "e.id)" },
    { "article_tags", "articles", "tags on articles that are missing",
        "SELECT count(*) FROM article_tags x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id)" },
    { "article_tags", "tags", "article tags that are missing from the codebook",
        "SELECT count(*) FROM article_tags x WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.id = x.tag_id)" },
    { "annotations", "articles", "annotations of articles that are missing",
        "SELECT count(*) FROM annotations x WHERE x.article_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a "
        "WHERE a.id = x.article_id)" },
    { "annotations", "annotations", "annotations without an article that are not marked orphaned",
        "SELECT count(*) FROM annotations WHERE article_id IS NULL AND state <> 'orphaned'" },
    { "annotation_tags", "annotations", "tags of annotations that are missing",
        "SELECT count(*) FROM annotation_tags x WHERE NOT EXISTS (SELECT 1 FROM annotations n WHERE n.id = "
        "x.annotation_id)" },
    { "annotation_tags", "tags", "annotation tags that are missing from the codebook",
        "SELECT count(*) FROM annotation_tags x WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.id = x.tag_id)" },
    { "retag_queue", "articles", "re-tagging requests for articles that are missing",
        "SELECT count(*) FROM retag_queue x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id)" },
};

class Checker
{
public:
    explicit Checker(const QString &path)
        : m_path(path)
        , m_connection(path, Connection::Mode::ReadOnly)
    {
        m_report.library = path;
    }

    IntegrityReport run()
    {
        if (!m_connection.isOpen()) {
            add(Kind::Integrity, {}, QStringLiteral("cannot open the file: %1").arg(m_connection.openError()));
            return m_report;
        }
        if (!readSchema()) {
            return m_report;
        }
        checkIntegrity();
        checkForeignKeys();
        checkOrphans();
        checkSearchIndex();
        m_report.articles = count(QStringLiteral("articles"));
        m_report.annotations = count(QStringLiteral("annotations"));
        return m_report;
    }

private:
    void add(Kind kind, const QString &table, const QString &detail, qint64 count = 1)
    {
        m_report.problems.append(IntegrityProblem { kind, table, detail, count });
    }

    bool readSchema()
    {
        QSqlQuery query = m_connection.query();
        QString error;
        if (!m_connection.exec(query, QStringLiteral("SELECT name, rootpage FROM sqlite_master"), {}, &error)) {
            add(Kind::Integrity, QStringLiteral("sqlite_master"),
                QStringLiteral("cannot read the schema: %1").arg(error));
            return false;
        }
        while (query.next()) {
            m_names.insert(query.value(0).toString());
            if (const qint64 root = query.value(1).toLongLong(); root > 0) {
                m_roots.insert(root, query.value(0).toString());
            }
        }
        if (query.lastError().isValid()) {
            add(Kind::Integrity, QStringLiteral("sqlite_master"),
                QStringLiteral("cannot read the schema: %1").arg(Connection::errorText(query)));
            return false;
        }
        return true;
    }

    // The table or index a message of PRAGMA integrity_check is about, when it names one.
    QString tableOf(const QString &message) const
    {
        static const QRegularExpression tree(QStringLiteral("\\bTree (\\d+)\\b"));
        static const QRegularExpression index(QStringLiteral("\\bindex (\\w+)"));
        static const QRegularExpression column(QStringLiteral("\\bvalue in (\\w+)\\."));
        if (const auto match = tree.match(message); match.hasMatch()) {
            return m_roots.value(match.captured(1).toLongLong());
        }
        for (const QRegularExpression *pattern : { &index, &column }) {
            if (const auto match = pattern->match(message); match.hasMatch() && m_names.contains(match.captured(1))) {
                return match.captured(1);
            }
        }
        return {};
    }

    void checkIntegrity()
    {
        QSqlQuery query = m_connection.query();
        QString error;
        // Every message, not SQLite's default first 100.
        if (!m_connection.exec(query, QStringLiteral("PRAGMA integrity_check(1000000)"), {}, &error)) {
            add(Kind::Integrity, {}, QStringLiteral("the integrity check failed: %1").arg(error));
            return;
        }
        while (query.next()) {
            QString message = query.value(0).toString();
            if (message == u"ok") {
                continue;
            }
            message.remove(QStringLiteral("*** in database main ***\n"));
            add(Kind::Integrity, tableOf(message), message);
        }
        if (query.lastError().isValid()) {
            add(Kind::Integrity, {},
                QStringLiteral("the integrity check stopped: %1").arg(Connection::errorText(query)));
        }
    }

    void checkForeignKeys()
    {
        QSqlQuery query = m_connection.query();
        QString error;
        if (!m_connection.exec(query, QStringLiteral("PRAGMA foreign_key_check"), {}, &error)) {
            add(Kind::Integrity, {}, QStringLiteral("the foreign-key check failed: %1").arg(error));
            return;
        }
        // One problem per (table, parent), counting the rows.
        QMap<std::pair<QString, QString>, qint64> dangling;
        while (query.next()) {
            ++dangling[{ query.value(0).toString(), query.value(2).toString() }];
        }
        if (query.lastError().isValid()) {
            add(Kind::Integrity, {},
                QStringLiteral("the foreign-key check failed: %1").arg(Connection::errorText(query)));
        }
        for (auto it = dangling.cbegin(); it != dangling.cend(); ++it) {
            add(Kind::ForeignKey, it.key().first,
                QStringLiteral("rows referring to a missing row of %1").arg(it.key().second), it.value());
        }
    }

    void checkOrphans()
    {
        for (const OrphanQuery &orphans : orphanQueries) {
            const QString table = QString::fromLatin1(orphans.table);
            if (!m_names.contains(table) || !m_names.contains(QString::fromLatin1(orphans.needs))) {
                continue;
            }
            QSqlQuery query = m_connection.query();
            QString error;
            if (!m_connection.exec(query, QString::fromLatin1(orphans.sql), {}, &error) || !query.next()) {
                add(Kind::Integrity, table,
                    QStringLiteral("cannot be read: %1").arg(error.isEmpty() ? Connection::errorText(query) : error));
                continue;
            }
            if (const qint64 n = query.value(0).toLongLong(); n > 0) {
                add(Kind::Orphan, table, QString::fromLatin1(orphans.detail), n);
            }
        }
    }

    void checkSearchIndex()
    {
        if (!m_names.contains(QStringLiteral("articles_fts"))) {
            return;
        }
        const bool damaged = !m_report.problems.isEmpty();
        const auto cannotCheck = [&](const QString &why) {
            // A damaged file often cannot be copied; the problems already found say why.
            if (!damaged) {
                add(Kind::Fts, QStringLiteral("articles_fts"), QStringLiteral("could not be checked: %1").arg(why));
            }
        };
        QTemporaryDir scratch;
        if (!scratch.isValid()) {
            cannotCheck(QStringLiteral("no temporary folder (%1)").arg(scratch.errorString()));
            return;
        }
        const QString snapshot = scratch.filePath(QStringLiteral("check.dossier"));
        QSqlQuery vacuum = m_connection.query();
        QString error;
        if (!m_connection.exec(vacuum, QStringLiteral("VACUUM INTO ?"), { snapshot }, &error)) {
            cannotCheck(error);
            return;
        }
        vacuum.finish();
        const Connection copy(snapshot, Connection::Mode::ReadWrite);
        if (!copy.isOpen()) {
            cannotCheck(copy.openError());
            return;
        }
        // rank = 1: compare each index with the content table (article_texts) too, not only with itself.
        for (const QString &index : { QStringLiteral("articles_fts"), QStringLiteral("articles_stem") }) {
            if (m_names.contains(index)
                && !copy.exec(
                    QStringLiteral("INSERT INTO %1(%1, rank) VALUES ('integrity-check', 1)").arg(index), &error)) {
                add(Kind::Fts, index,
                    QStringLiteral("the search index does not match the article texts (%1)").arg(error));
            }
        }
    }

    std::optional<qint64> count(const QString &table)
    {
        if (!m_names.contains(table)) {
            return std::nullopt;
        }
        QSqlQuery query = m_connection.query();
        if (!m_connection.exec(query, QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !query.next()) {
            return std::nullopt;
        }
        return query.value(0).toLongLong();
    }

    QString m_path;
    Connection m_connection;
    IntegrityReport m_report;
    QSet<QString> m_names;
    QHash<qint64, QString> m_roots;
};

} // namespace

QString problemKindName(IntegrityProblem::Kind kind)
{
    switch (kind) {
    case Kind::Integrity:
        return QStringLiteral("integrity");
    case Kind::Fts:
        return QStringLiteral("fts");
    case Kind::ForeignKey:
        return QStringLiteral("foreign_key");
    case Kind::Orphan:
        return QStringLiteral("orphan");
    }
    return {};
}

bool IntegrityReport::has(IntegrityProblem::Kind kind) const
{
    return std::any_of(
        problems.cbegin(), problems.cend(), [kind](const IntegrityProblem &problem) { return problem.kind == kind; });
}

IntegrityReport LibraryCheck::run(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || info.isDir()) {
        IntegrityReport report;
        report.library = path;
        report.error = info.isDir() ? QStringLiteral("%1 is a directory, not a library file").arg(path)
                                    : QStringLiteral("there is no library at %1").arg(path);
        return report;
    }
    return Checker(path).run();
}

} // namespace Dossier::Core
