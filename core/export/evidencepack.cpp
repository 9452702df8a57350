#include "export/evidencepack.h"

#include "store/library.h"

#include <QSet>

#include <algorithm>

namespace Dossier::Core
{

QString ExportSelection::describe() const
{
    if (isEmpty()) {
        return QStringLiteral("the whole library");
    }
    QStringList parts;
    const auto ids = [](const QList<qint64> &list) {
        QStringList out;
        for (qint64 id : list) {
            out.append(QString::number(id));
        }
        return out.join(QLatin1String(", "));
    };
    if (!articles.isEmpty()) {
        parts.append(QStringLiteral("articles %1").arg(ids(articles)));
    }
    if (!tags.isEmpty()) {
        parts.append(QStringLiteral("tags %1").arg(tags.join(QLatin1String(", "))));
    }
    if (!annotations.isEmpty()) {
        parts.append(QStringLiteral("passages %1").arg(ids(annotations)));
    }
    return parts.join(QLatin1String("; "));
}

qsizetype EvidencePack::passageCount() const
{
    qsizetype count = orphaned.size();
    for (const PackArticle &a : articles) {
        count += a.annotations.size();
    }
    return count;
}

std::optional<EvidencePack> collectEvidence(
    Library &library, const ExportSelection &selection, QString *error, const ExportProgress &progress)
{
    const auto fail = [&](const QString &message) -> std::optional<EvidencePack> {
        *error = message;
        return std::nullopt;
    };
    EvidencePack pack;
    pack.title = selection.title.isEmpty() ? QStringLiteral("Dossier evidence pack") : selection.title;
    pack.criteria = selection.describe();
    pack.created = QDateTime::currentDateTime();
    pack.fullText = selection.fullText;
    const auto codebook = library.tags().all();
    if (!codebook) {
        return fail(library.errorString());
    }
    pack.codebook = *codebook;

    // Whole articles: chosen, or tagged with a chosen tag.
    QSet<qint64> wholeArticles(selection.articles.begin(), selection.articles.end());
    if (!selection.tags.isEmpty()) {
        const auto tagged = library.tags().articlesTagged(selection.tags);
        if (!tagged) {
            return fail(library.errorString());
        }
        for (qint64 id : *tagged) {
            wholeArticles.insert(id);
        }
    }
    AnnotationQuery everyPassage;
    everyPassage.withHidden = selection.withHidden;
    const auto all = library.annotations().list(everyPassage);
    if (!all) {
        return fail(library.errorString());
    }
    const QSet<qint64> chosenPassages(selection.annotations.begin(), selection.annotations.end());
    QSet<QString> chosenTags;
    for (const QString &tag : selection.tags) {
        chosenTags.insert(tag.simplified().toCaseFolded());
    }
    for (qint64 id : chosenPassages) {
        if (std::none_of(all->begin(), all->end(), [id](const Annotation &a) { return a.id == id; })) {
            return fail(QStringLiteral("no annotation with id %1").arg(id));
        }
    }
    QHash<qint64, QList<Annotation>> passages; // by article
    QSet<qint64> articleIds = wholeArticles;
    for (const Annotation &a : *all) {
        bool chosen = selection.isEmpty() || chosenPassages.contains(a.id) || wholeArticles.contains(a.articleId);
        for (const QString &tag : a.tags) {
            chosen = chosen || chosenTags.contains(tag.toCaseFolded());
        }
        if (!chosen) {
            continue;
        }
        if (a.articleId < 0 || a.state == AnnotationState::Orphaned) {
            pack.orphaned.append(a);
        } else {
            passages[a.articleId].append(a);
            articleIds.insert(a.articleId);
        }
    }
    if (selection.isEmpty()) {
        const auto everything = library.documents().list(ListQuery {});
        if (!everything) {
            return fail(library.errorString());
        }
        for (const ArticleSummary &summary : *everything) {
            articleIds.insert(summary.id);
        }
    }
    QList<qint64> ids(articleIds.begin(), articleIds.end());
    std::sort(ids.begin(), ids.end());
    qsizetype done = 0;
    for (qint64 id : ids) {
        if (progress && !progress(done, ids.size())) {
            return fail(QStringLiteral("the export was cancelled"));
        }
        auto article = library.articles().get(id);
        if (!article) {
            return fail(library.errorString());
        }
        article->rawText.clear();
        article->mentions.clear();
        const auto tags = library.tags().ofArticle(id);
        if (!tags) {
            return fail(library.errorString());
        }
        pack.articles.append(PackArticle { std::move(*article), *tags, passages.value(id) });
        ++done;
    }
    if (progress) {
        progress(done, ids.size());
    }
    std::stable_sort(pack.articles.begin(), pack.articles.end(), [](const PackArticle &a, const PackArticle &b) {
        if (a.article.meta.date != b.article.meta.date) {
            return a.article.meta.date < b.article.meta.date;
        }
        return a.article.meta.title.compare(b.article.meta.title, Qt::CaseInsensitive) < 0;
    });
    return pack;
}

} // namespace Dossier::Core
