#pragma once

#include "article.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Dossier::Core
{

/*! \brief A row of the document list: what a list or search shows without the body. */
struct ArticleSummary {
    qint64 id = -1;
    QString title;
    QString date;
    QString source;
    QString path;
    int entityCount = 0;
    QString snippet; //!< search results only: the matching passage, matches in [brackets]
};

/*! \brief A library-wide entity with the surface forms seen and the number of documents. */
struct EntitySummary {
    qint64 id = -1;
    QString name;
    EntityType type = EntityType::Person;
    QStringList aliases;
    int documents = 0;
};

/*! \brief An entity filter: articles that mention the entity of \c type called \c name (or by an alias). */
struct EntityFilter {
    EntityType type = EntityType::Person;
    QString name;
};

/*! \brief What to list: all given filters must hold. */
struct ListQuery {
    QList<EntityFilter> entities; //!< all of them
    QString query; //!< FTS5 query over title and body; empty for none
    int limit = -1;
    int offset = 0;
};

/*! \brief The outcome of storing one article. */
enum class StoreOutcome { Imported, Updated, Unchanged };

/*! \brief What the store knows of a file, to skip unchanged ones before analysing them. */
struct StoredFile {
    qint64 id = -1;
    QByteArray sha256;
};

/*!
    \brief The library: one self-contained SQLite file (WAL, FTS5) holding articles, their
    metadata, entities and mentions. One Library object per thread (Qt's SQL connections are
    per-thread); several may open the same file. Every write is one transaction.
*/
class Library
{
public:
    explicit Library(const QString &path);
    ~Library();
    Q_DISABLE_COPY_MOVE(Library)

    /*! Opens (creating if needed) and migrates the library. Returns false with errorString() set. */
    bool open();
    bool isOpen() const;
    QString path() const;
    QString errorString() const;

    /*! The default library location, in the user's application data folder. */
    static QString defaultPath();

    /*! The schema version this build writes. */
    static int schemaVersion();

    /*! Stores \a article by its path, in one transaction: a new path is imported, a known path
        with other bytes is re-analysed in place (keeping its id), the same bytes are left alone.
        \a id, when given, receives the article's id. */
    std::optional<StoreOutcome> store(const Article &article, qint64 *id = nullptr);
    /*! Groups the following store() calls into one transaction (each article still in its own
        savepoint, so each is stored whole or not at all) until commitBatch(). Many small FTS5
        transactions are what makes an import slow; a batch makes them one. */
    bool beginBatch();
    /*! Commits the batch; on failure nothing of it is stored and errorString() says why. */
    bool commitBatch();
    void rollbackBatch();
    /*! Path → (id, SHA-256) of every stored file. */
    QHash<QString, StoredFile> storedFiles();

    std::optional<Article> article(qint64 id);
    std::optional<QList<ArticleSummary>> list(const ListQuery &query);
    std::optional<QList<ArticleSummary>> search(const QString &query, int limit = 50);
    std::optional<QList<EntitySummary>> entities(std::optional<EntityType> type = std::nullopt);
    std::optional<qint64> articleCount();
    bool removeArticle(qint64 id);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Dossier::Core
