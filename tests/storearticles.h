#pragma once

// Articles for the store tests (library_test, documentquery_test): a news report with entities
// and a mention of each surface form found in its body.

#include "store/library.h"

#include <QCryptographicHash>

namespace Dossier::Test
{

using namespace Dossier::Core;

inline Article makeArticle(const QString &path, const QString &title, const QString &body, QByteArray sha)
{
    Article article;
    article.path = path;
    article.format = QStringLiteral("text");
    article.encoding = QStringLiteral("UTF-8");
    article.sha256 = std::move(sha);
    article.rawText = title + QStringLiteral("\n\n") + body;
    article.body = body;
    article.meta.title = title;
    article.meta.date = QStringLiteral("2026-03-04");
    article.meta.source = QStringLiteral("Harbor Ledger");
    return article;
}

// Stores an article of \a title and \a body (its hash from the body) with \a date and \a source; its id,
// or -1 with a warning.
inline qint64 storeArticle(Library &library, const QString &path, const QString &title, const QString &body,
    const QString &date, const QString &source)
{
    Article article
        = makeArticle(path, title, body, QCryptographicHash::hash(body.toUtf8(), QCryptographicHash::Sha256).toHex());
    article.meta.date = date;
    article.meta.source = source;
    qint64 id = -1;
    if (!library.articles().store(article, &id)) {
        qWarning("store failed: %s", qPrintable(library.errorString()));
    }
    return id;
}

// Adds an entity with one mention per surface form found in the body.
inline void addEntity(Article &article, EntityType type, const QString &name, const QStringList &aliases)
{
    const int index = int(article.entities.size());
    article.entities.append(Entity { name, type, aliases, 0 });
    for (const QString &form : QStringList { name } + aliases) {
        const qsizetype at = article.body.indexOf(form);
        if (at >= 0) {
            article.mentions.append(Mention { at, at + form.size(), type, index });
            ++article.entities.last().count;
        }
    }
}

inline Article tokyoArticle(const QString &path, QByteArray sha = "aaaa")
{
    Article article = makeArticle(path, QStringLiteral("Tokyo hosts cyber talks"),
        QStringLiteral("Foreign Minister Aiko Tanabe met U.S. envoys in Tokyo. Tanabe said the "
                       "talks with the United States were frank."),
        std::move(sha));
    addEntity(article, EntityType::Person, QStringLiteral("Aiko Tanabe"), { QStringLiteral("Tanabe") });
    addEntity(article, EntityType::Location, QStringLiteral("United States"), { QStringLiteral("U.S.") });
    addEntity(article, EntityType::Location, QStringLiteral("Tokyo"), {});
    return article;
}

inline Article manilaArticle(const QString &path)
{
    Article article = makeArticle(path, QStringLiteral("Manila weighs new maritime patrols"),
        QStringLiteral("Officials in Manila said the US would join patrols near the reef."), "bbbb");
    addEntity(article, EntityType::Location, QStringLiteral("Manila"), {});
    addEntity(article, EntityType::Location, QStringLiteral("US"), {});
    return article;
}

// Three articles: Tokyo (Tanabe, United States, Tokyo), Manila (Manila, US), and a third naming
// Tokyo and Manila both.
struct Fixture {
    qint64 tanabe = -1;
    qint64 tokyo = -1;
    qint64 manila = -1;
};

inline Fixture storeThree(Library &library)
{
    Article third
        = makeArticle(QStringLiteral("/corpus/both.txt"), QStringLiteral("Ferry link between Tokyo and Manila"),
            QStringLiteral("A new ferry will link Tokyo and Manila from May."), "eeee");
    third.meta.date = QStringLiteral("2026-05-01");
    third.meta.source = QStringLiteral("Archipelago Post");
    addEntity(third, EntityType::Location, QStringLiteral("Tokyo"), {});
    addEntity(third, EntityType::Location, QStringLiteral("Manila"), {});
    Article manila = manilaArticle(QStringLiteral("/corpus/manila.txt"));
    manila.meta.date = QStringLiteral("2026-01-15");
    library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt")));
    library.articles().store(manila);
    library.articles().store(third);
    Fixture ids;
    const auto entities = library.entities().all();
    for (const EntitySummary &entity : entities.value_or(QList<EntitySummary> {})) {
        if (entity.name == u"Aiko Tanabe") {
            ids.tanabe = entity.id;
        } else if (entity.name == u"Tokyo") {
            ids.tokyo = entity.id;
        } else if (entity.name == u"Manila") {
            ids.manila = entity.id;
        }
    }
    return ids;
}

inline QStringList paths(const QList<ArticleSummary> &rows)
{
    QStringList out;
    for (const ArticleSummary &row : rows) {
        out.append(row.path.section(u'/', -1));
    }
    return out;
}

} // namespace Dossier::Test
