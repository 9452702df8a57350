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
    /*! The article with its body, entities and mentions. */
    std::optional<Article> get(qint64 id);
    /*! Removes the article (its entities, tags and mentions with it; its annotations stay, orphaned). */
    bool remove(qint64 id);
    std::optional<qint64> count();

private:
    StoreContext *d;
};

} // namespace Dossier::Core
