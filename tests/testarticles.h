#pragma once

#include "article.h"

#include <QStringList>

// Article values for tests that fill a library by hand.
namespace Dossier::Test
{

/*! A plain-text article at /corpus/NAME.txt titled \a name, with \a body. */
inline Core::Article makeArticle(const QString &name, const QString &body)
{
    Core::Article article;
    article.path = QStringLiteral("/corpus/%1.txt").arg(name);
    article.format = QStringLiteral("text");
    article.encoding = QStringLiteral("UTF-8");
    article.sha256 = name.toUtf8();
    article.meta.title = name;
    article.rawText = name + QStringLiteral("\n\n") + body;
    article.body = body;
    return article;
}

/*! Adds an entity with a mention at the first occurrence of each of its forms in the body. */
inline void addEntity(
    Core::Article &article, Core::EntityType type, const QString &name, const QStringList &aliases = {})
{
    const int index = int(article.entities.size());
    article.entities.append(Core::Entity { name, type, aliases, 0 });
    for (const QString &form : QStringList { name } + aliases) {
        const qsizetype at = article.body.indexOf(form);
        if (at >= 0) {
            article.mentions.append(Core::Mention { at, at + form.size(), type, index });
            ++article.entities.last().count;
        }
    }
    std::sort(article.mentions.begin(), article.mentions.end(),
        [](const Core::Mention &a, const Core::Mention &b) { return a.start < b.start; });
}

} // namespace Dossier::Test
