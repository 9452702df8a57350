#pragma once

// Helpers for the reliability tests (crash safety, concurrency, resource faults): generated
// articles, running dossier-cli, and an audit of a library that every article in it is whole.

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace Dossier::Test
{

/*! The word that only article \a n of generateArticles() contains (one FTS token). */
inline QString articleMarker(int n)
{
    return QStringLiteral("dossiermark%1x").arg(n);
}

/*! Writes \a count short plain-text news reports, numbered from \a first, into \a dir (created as
    needed) as report-NNNNN.txt; each names people, organisations and places, and carries its
    articleMarker(). Returns their paths. */
inline QStringList generateArticles(const QString &dir, int count, int first = 0)
{
    static const char *const people[] = { "Maren Holt", "Tobias Renner", "Ines Okafor", "Lucia Ferrand", "Pieter Vos",
        "Hana Sato", "Omar Castell", "Greta Lind" };
    static const char *const places[]
        = { "Lisbon", "Rotterdam", "Nairobi", "Osaka", "Valparaiso", "Tallinn", "Dundee", "Porto" };
    static const char *const bodies[] = { "the Harbour Authority", "the Ministry of Transport", "the City Council",
        "the Port Workers Union", "the National Rail Company" };
    QDir().mkpath(dir);
    QStringList paths;
    for (int n = first; n < first + count; ++n) {
        const QString person = QString::fromLatin1(people[n % 8]);
        const QString other = QString::fromLatin1(people[(n * 3 + 1) % 8]);
        const QString place = QString::fromLatin1(places[(n / 8) % 8]);
        const QString body = QString::fromLatin1(bodies[n % 5]);
        QString text
            = QStringLiteral("Report %1: %2 visits %3\n\nMarch %4, 2026\n\n").arg(n).arg(person, place).arg(n % 28 + 1);
        text += QStringLiteral("%1 — %2 of %3 said on Tuesday that the new ferry terminal would open in the "
                               "spring, after two years of delays. Reference %4.\n\n")
                    .arg(place.toUpper(), person, body, articleMarker(n));
        for (int p = 0; p < 1 + n % 4; ++p) {
            text += QStringLiteral("%1 told reporters that %2 had asked for a review of the budget, which rose by "
                                   "%3 million euros. Residents in %4 have waited for the terminal since %5.\n\n")
                        .arg(other, body)
                        .arg(10 + p * 7 + n % 13)
                        .arg(place)
                        .arg(2000 + n % 20);
        }
        const QString path = QStringLiteral("%1/report-%2.txt").arg(dir).arg(n, 5, 10, QLatin1Char('0'));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0) {
            qFatal("cannot write %s", qPrintable(path));
        }
        paths.append(path);
    }
    return paths;
}

/*! What one finished run of dossier-cli left. */
struct CliRun {
    int exitCode = -1; //!< -1 when it crashed or did not finish
    QByteArray out;
    QByteArray err;
    QJsonObject lastLine() const
    {
        const QList<QByteArray> lines = out.trimmed().split('\n');
        return QJsonDocument::fromJson(lines.last()).object();
    }
};

/*! Runs dossier-cli with \a arguments to the end (at most \a timeoutMs). */
inline CliRun runCli(const QStringList &arguments, int timeoutMs = 120000)
{
    QProcess process;
    process.start(QStringLiteral(DOSSIER_CLI), arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    } else if (process.exitStatus() == QProcess::NormalExit) {
        run.exitCode = process.exitCode();
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

/*! What a whole article leaves in the library, to compare a library against one made without faults. */
struct ArticleFacts {
    qint64 id = -1;
    QString title;
    int entityCount = 0;
    int links = 0; //!< article_entities rows
    int mentions = 0;
    int aliases = 0;
    int bodyLength = -1; //!< -1: no article_texts row
    bool operator==(const ArticleFacts &other) const
    {
        return title == other.title && entityCount == other.entityCount && links == other.links
            && mentions == other.mentions && aliases == other.aliases && bodyLength == other.bodyLength;
    }
};

/*! A plain SQLite connection to a library (no Library: that would migrate or repair it) for as
    long as it lives. */
class RawLibrary
{
public:
    explicit RawLibrary(const QString &path)
        : m_name(QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawLibrary()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawLibrary(const RawLibrary &) = delete;
    RawLibrary &operator=(const RawLibrary &) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    /*! The first column of each row of \a sql (with \a binds); a failure is one row "error: …". */
    QVariantList column(const QString &sql, const QVariantList &binds = {}) const
    {
        QSqlQuery query(db());
        query.prepare(sql);
        for (const QVariant &value : binds) {
            query.addBindValue(value);
        }
        if (!query.exec()) {
            return { QStringLiteral("error: %1").arg(query.lastError().text()) };
        }
        QVariantList values;
        while (query.next()) {
            values.append(query.value(0));
        }
        return values;
    }
    QVariant value(const QString &sql, const QVariantList &binds = {}) const
    {
        const QVariantList values = column(sql, binds);
        return values.isEmpty() ? QVariant() : values.front();
    }

    bool hasSchema() const
    {
        return value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'articles'")).toInt() == 1;
    }

    /*! Path → facts of every article in the library. */
    QHash<QString, ArticleFacts> articles() const
    {
        QHash<QString, ArticleFacts> facts;
        QSqlQuery query(db());
        query.exec(
            QStringLiteral("SELECT a.path, a.id, a.title, a.entity_count, "
                           "(SELECT count(*) FROM article_entities WHERE article_id = a.id), "
                           "(SELECT count(*) FROM mentions WHERE article_id = a.id), "
                           "(SELECT count(*) FROM article_aliases WHERE article_id = a.id), "
                           "coalesce((SELECT length(body) FROM article_texts WHERE id = a.id), -1) FROM articles a"));
        while (query.next()) {
            facts.insert(query.value(0).toString(),
                ArticleFacts { query.value(1).toLongLong(), query.value(2).toString(), query.value(3).toInt(),
                    query.value(4).toInt(), query.value(5).toInt(), query.value(6).toInt(), query.value(7).toInt() });
        }
        return facts;
    }

    /*! What is wrong with the library, measured against \a reference (path → facts of the same
        articles imported without faults) and \a markers (path → the word only that article has):
        SQLite's and FTS5's integrity checks, and every article either whole — the same rows as in
        the reference, found by a search for its marker — or absent without a trace. Empty when all is well. */
    QStringList audit(const QHash<QString, ArticleFacts> &reference, const QHash<QString, QString> &markers) const
    {
        QStringList problems;
        const QVariantList integrity = column(QStringLiteral("PRAGMA integrity_check"));
        if (integrity != QVariantList { QStringLiteral("ok") }) {
            problems.append(QStringLiteral("integrity_check: %1").arg(integrity.value(0).toString()));
        }
        if (!hasSchema()) {
            // Killed before the schema was committed: then there is nothing at all.
            if (value(QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt() != 0) {
                problems.append(QStringLiteral("a half-made schema"));
            }
            return problems;
        }
        if (!column(QStringLiteral("PRAGMA foreign_key_check")).isEmpty()) {
            problems.append(QStringLiteral("foreign_key_check found dangling rows"));
        }
        QSqlQuery fts(db());
        if (!fts.exec(QStringLiteral("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"))) {
            problems.append(QStringLiteral("FTS index out of step: %1").arg(fts.lastError().text()));
        }
        for (const char *orphans : { "SELECT count(*) FROM article_texts WHERE id NOT IN (SELECT id FROM articles)",
                 "SELECT count(*) FROM article_entities WHERE article_id NOT IN (SELECT id FROM articles)",
                 "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)",
                 "SELECT count(*) FROM article_aliases WHERE article_id NOT IN (SELECT id FROM articles)",
                 "SELECT count(*) FROM entities WHERE id NOT IN (SELECT entity_id FROM article_entities)" }) {
            if (const int n = value(QString::fromLatin1(orphans)).toInt(); n != 0) {
                problems.append(QStringLiteral("%1 rows left behind: %2").arg(n).arg(QString::fromLatin1(orphans)));
            }
        }
        const QHash<QString, ArticleFacts> stored = articles();
        for (auto it = markers.cbegin(); it != markers.cend(); ++it) {
            const QVariantList found
                = column(QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"), { it.value() });
            const auto present = stored.constFind(it.key());
            if (present == stored.cend()) {
                if (!found.isEmpty()) {
                    problems.append(QStringLiteral("%1 is absent but its text is still indexed").arg(it.key()));
                }
                continue;
            }
            if (!(*present == reference.value(it.key()))) {
                problems.append(QStringLiteral("%1 is not whole (entities %2/%3, links %4/%5, mentions %6/%7, "
                                               "aliases %8/%9, body %10/%11)")
                        .arg(it.key())
                        .arg(present->entityCount)
                        .arg(reference.value(it.key()).entityCount)
                        .arg(present->links)
                        .arg(reference.value(it.key()).links)
                        .arg(present->mentions)
                        .arg(reference.value(it.key()).mentions)
                        .arg(present->aliases)
                        .arg(reference.value(it.key()).aliases)
                        .arg(present->bodyLength)
                        .arg(reference.value(it.key()).bodyLength));
            }
            if (found != QVariantList { present->id }) {
                problems.append(QStringLiteral("%1 is stored but a search for its marker finds %2 rows")
                        .arg(it.key())
                        .arg(found.size()));
            }
        }
        if (stored.size() > markers.size()) {
            problems.append(QStringLiteral("%1 articles that were never imported").arg(stored.size() - markers.size()));
        }
        return problems;
    }

private:
    QString m_name;
};

/*! Path → marker of the articles generateArticles() wrote at \a paths, numbered from \a first. */
inline QHash<QString, QString> markersOf(const QStringList &paths, int first = 0)
{
    QHash<QString, QString> markers;
    for (qsizetype i = 0; i < paths.size(); ++i) {
        markers.insert(paths[i], articleMarker(int(first + i)));
    }
    return markers;
}

} // namespace Dossier::Test
