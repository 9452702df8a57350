#pragma once

#include "analysis/nearduplicates.h"
#include "analysis/worddiff.h"
#include "store/storetypes.h"

#include <functional>

namespace Dossier::Core
{

struct StoreContext;

/*! \brief An article of a cluster and its estimated similarity to the cluster's original. */
struct ClusterMember {
    ArticleSummary article;
    double similarity = 1.0; //!< estimated Jaccard similarity of shingles to the original (1 for the original)
};

/*! \brief The copies of one story: connected articles, the original (the earliest by date, then
    by import order; undated articles after dated ones) first, the others in the same order. */
struct DuplicateCluster {
    QList<ClusterMember> members;
};

/*! \brief What a copy added, cut and changed against an original, word by word. */
struct CopyDiff {
    ArticleSummary original;
    ArticleSummary copy;
    double similarity = 0;
    QString originalBody;
    QString copyBody;
    QList<DiffRun> runs; //!< offsets into originalBody and copyBody
};

/*! \brief An annotation made on another copy of an article, re-attached to that article's text. */
struct CopyAnnotation {
    Annotation annotation; //!< as stored on its own copy (id, tags, note, colour); anchor: where it lands here
    ArticleSummary from; //!< the copy it was made on
    AnchorMatch match = AnchorMatch::None; //!< how it was found here (never None)
};

/*!
    \brief Near-duplicates of a library: the same story published by several outlets. Each stored
    article has a MinHash signature and its LSH band keys (written with the article; those of a
    library upgraded from schema 8 or older are computed the first time they are needed, see
    fillMissingSignatures()). Obtained from Library::duplicates().
*/
class DuplicateStore
{
public:
    explicit DuplicateStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(DuplicateStore)

    /*! Told how far a fill has come: \a done of \a total articles have their signature (total 0
        while the stories are being grouped); returns false to stop the fill there. */
    using FillProgress = std::function<bool(qint64 done, qint64 total)>;

    /*! Computes and stores the signatures of the articles that have none (an upgraded library),
        a few hundred per transaction; returns how many it computed. clusters() and copiesOf()
        call it first. On a read-only library with articles missing one it fails, saying so. With
        \a progress, it counts them first and, when there are any, reports before each transaction; when \a progress
        returns false it fails ("canceled"), keeping the signatures computed so far. */
    std::optional<qint64> fillMissingSignatures(const FillProgress &progress = {});
    /*! Gives the articles that have no story yet theirs (an upgraded library; schema 11), after
        fillMissingSignatures(); returns how many it assigned. Every later store() and remove()
        keeps the stories, so the grouped document list (DocumentFilter::groupCopies) calls it
        first and it looks once per connection (the window runs it as a FillJob instead). On
        a read-only library with articles missing one it fails, saying so. \a progress as for
        fillMissingSignatures(): a fill stopped while the signatures are computed keeps those done
        (the next fill goes on from there); the stories themselves are written in one transaction
        at the end, or not at all. */
    std::optional<qint64> fillMissingStories(const FillProgress &progress = {});
    /*! How many articles have no story yet (0 when fillMissingStories() has nothing to do), without
        filling any: two counts. */
    std::optional<qint64> missingStories();
    /*! Every cluster of at least \a minSize articles (at least 2), largest first, then by the
        original's id. At the default threshold these are the stories (fillMissingStories() first). */
    std::optional<QList<DuplicateCluster>> clusters(
        int minSize = 2, double threshold = NearDuplicates::defaultThreshold);
    /*! The cluster of article \a id (only that article when it has no copies). */
    std::optional<DuplicateCluster> copiesOf(qint64 id, double threshold = NearDuplicates::defaultThreshold);
    /*! The number of other articles in the cluster of \a id (0 when it has no copies). */
    std::optional<int> copyCount(qint64 id, double threshold = NearDuplicates::defaultThreshold);
    /*! The number of other articles in the cluster of each of \a ids (0 for one without copies,
        and for an id that is no article), as copyCount() counts them, in a few statements for all
        of them: the clusters are explored together, one breadth-first level at a time. It does not
        compute missing signatures (an article without one counts as having no copies until
        clusters() or copiesOf() filled them in), so that a page of the document list never waits
        for a whole library's signatures. */
    std::optional<QHash<qint64, int>> copyCounts(
        const QList<qint64> &ids, double threshold = NearDuplicates::defaultThreshold);
    /*! The annotations made on the other articles of the cluster of \a id, each re-attached to the
        text of \a id by its quote and context (core/annotations/anchoring.h) and left out where the
        passage is not found there; orphaned ones are left out too. In body order. */
    std::optional<QList<CopyAnnotation>> annotationsFromCopies(
        qint64 id, double threshold = NearDuplicates::defaultThreshold);
    /*! What \a copy changed against \a original; when \a original is not given, against the
        original of its cluster (an error when \a copy is that original or has no copies). */
    std::optional<CopyDiff> diff(qint64 copy, std::optional<qint64> original = std::nullopt,
        double threshold = NearDuplicates::defaultThreshold);

private:
    // clusters() from the stories (at the default threshold), or from one pass over the band buckets.
    std::optional<QList<DuplicateCluster>> storyClusters(int minSize);
    std::optional<QList<DuplicateCluster>> scanClusters(int minSize, double threshold);
    // The clusters of \a groups of article ids, their summaries read.
    std::optional<QList<DuplicateCluster>> makeClusters(
        const QList<QList<qint64>> &groups, const QHash<qint64, NearDuplicates::Signature> &signatures);
    // The clusters of \a groups, largest first, then by the original's id.
    static QList<DuplicateCluster> sortedClusters(const QList<QList<qint64>> &groups,
        const QHash<qint64, ArticleSummary> &summaries, const QHash<qint64, NearDuplicates::Signature> &signatures);

    StoreContext *d;
};

} // namespace Dossier::Core
