// Re-tagging: the articles a curation change queued, analysed again under the rules in force.

#include "import/retagger.h"

#include "analysis/analyzer.h"
#include "store/library.h"
#include "store/storecontext_p.h"

#include <QSqlQuery>

namespace Dossier::Core
{

namespace
{

// Re-finds the entities of the stored article \a id under the current curation, inside the
// caller's transaction.
bool retagArticle(StoreContext &context, qint64 id)
{
    StoreContext *d = &context;
    QSqlQuery query(d->db());
    if (!d->run(query,
            QStringLiteral("SELECT t.body, a.title, a.date, a.dateline FROM articles a "
                           "JOIN article_texts t ON t.id = a.id WHERE a.id = ?"),
            { id })) {
        return false;
    }
    if (query.next()) {
        Article article;
        article.body = query.value(0).toString();
        article.meta.title = query.value(1).toString();
        article.meta.date = query.value(2).toString();
        article.meta.dateline = query.value(3).toString(); // the recognizer reads where it ends
        query.finish();
        Analyzer::recognizeEntities(article, &d->nameTypes);
        d->curation.apply(article);
        for (const char *table :
            { "mentions", "article_aliases", "article_entities", "article_sentences", "article_events" }) {
            if (!d->run(
                    query, QStringLiteral("DELETE FROM %1 WHERE article_id = ?").arg(QLatin1String(table)), { id })) {
                return false;
            }
        }
        if (!d->writeEntities(id, article)
            || !d->run(query, QStringLiteral("UPDATE articles SET entity_count = ? WHERE id = ?"),
                { qint64(article.entities.size()), id })) {
            return false;
        }
    }
    return d->run(query, QStringLiteral("DELETE FROM retag_queue WHERE article_id = ?"), { id });
}

} // namespace

Retagger::Retagger(Library &library)
    : m_library(library)
{
}

std::optional<int> Retagger::retagPending(int limit)
{
    StoreContext *d = m_library.d.get();
    int done = 0;
    const bool ok = d->transaction([&] {
        if (!d->refreshCuration()) {
            return false;
        }
        QSqlQuery query(d->db());
        if (!d->run(
                query, QStringLiteral("SELECT article_id FROM retag_queue ORDER BY article_id LIMIT ?"), { limit })) {
            return false;
        }
        QList<qint64> ids;
        while (query.next()) {
            ids.append(query.value(0).toLongLong());
        }
        query.finish();
        if (!ids.isEmpty()) {
            d->changed({ .articles = ids, .entities = true });
        }
        for (qint64 id : std::as_const(ids)) {
            if (!retagArticle(*d, id)) {
                return false;
            }
            ++done;
        }
        return done == 0 || d->removeUnusedEntities();
    });
    return ok ? std::optional(done) : std::nullopt;
}

} // namespace Dossier::Core
