#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*!
    \brief The articles of a library: storing analysed articles (whole or not at all), reading
    one back, removing one. Obtained from Library::articles(); shares its connection and error.
*/
class ArticleStore
{
public:
    explicit ArticleStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(ArticleStore)

    /*! Stores \a article by its path, in one transaction: a new path is imported, a known path
        with other bytes is re-analysed in place (keeping its id), the same bytes are left alone.
        The analyst's entity corrections are applied and the article's annotations re-attached.
        \a id, when given, receives the article's id. */
    std::optional<StoreOutcome> store(const Article &article, qint64 *id = nullptr);
    /*! Groups the following store() calls into one transaction (each article still in its own
        savepoint, so each is stored whole or not at all) until commitBatch(). Many small FTS5
        transactions are what makes an import slow; a batch makes them one. */
    bool beginBatch();
    /*! Commits the batch; on failure nothing of it is stored and the error says why. */
    bool commitBatch();
    void rollbackBatch();
    /*! Path → (id, SHA-256) of every stored file. */
    std::optional<QHash<QString, StoredFile>> storedFiles();
    /*! Those of storedFiles() whose path is inside \a folder (an absolute path; subfolders too). */
    std::optional<QHash<QString, StoredFile>> storedFilesUnder(const QString &folder);
    /*! Those of storedFiles() marked missing (schema 15). */
    std::optional<QHash<QString, StoredFile>> missingFiles();
    /*! Marks the articles \a ids missing since \a since (ms since the epoch; an article already
        marked keeps its time), or clears their marks when \a since is 0. Nothing else of them changes. */
    bool setMissing(const QList<qint64> &ids, qint64 since);
    /*! Follows a file renamed or moved on disk: the article \a id and the articles that came in it
        ("PATH#PART") take \a newPath, their missing marks cleared; their texts, entities, tags and
        annotations stay as they are. */
    bool move(qint64 id, const QString &newPath);
    /*! The article with its body, entities and mentions. */
    std::optional<Article> get(qint64 id);
    /*! Removes the article (its entities, tags and mentions with it; its annotations stay, orphaned). */
    bool remove(qint64 id);
    std::optional<qint64> count();
    /*! How many articles are marked missing (schema 15). */
    std::optional<qint64> missingCount();
    /*! When the file of article \a id was found gone (ms since the epoch), 0 while it is there. */
    std::optional<qint64> missingSince(qint64 id);

private:
    StoreContext *d;
};

} // namespace Dossier::Core
