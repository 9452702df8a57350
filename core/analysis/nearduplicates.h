#pragma once

// Near-duplicate detection: the same story published by several outlets. An article's cleaned body
// becomes a MinHash signature over its word shingles; signatures are split into LSH bands so that
// likely copies meet in a bucket without comparing every pair; a candidate pair is a copy when its
// estimated Jaccard similarity reaches a threshold; copies connected that way form a cluster.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringView>

#include <array>
#include <functional>
#include <optional>

namespace Dossier::Core::NearDuplicates
{

/*! Words per shingle: case-folded runs of letters and digits, five in a row. */
constexpr int shingleWords = 5;
/*! MinHash functions per signature (fixed seeds: the same body gives the same signature in every
    build and on every machine). */
constexpr int hashCount = 128;
/*! LSH banding: the first bandCount * bandRows minima, in bands of bandRows. Two articles become
    candidates when all rows of one band agree: with 42 bands of 3 rows, a pair of similarity 0.5
    becomes one with probability 0.996, 0.4 with 0.94, 0.3 with 0.68, 0.2 with 0.29, 0.1 with 0.04
    (1 - (1 - s^3)^42). Chosen with the threshold by `scripts/bench duplicates`: 32 bands of 4 rows
    missed 14% of the copies there before any threshold, 64 bands of 2 found 1% more than 42 of 3
    for half as many rows again in article_bands. */
constexpr int bandCount = 42;
constexpr int bandRows = 3;
static_assert(bandCount * bandRows <= hashCount);
/*! A candidate pair is a copy at this estimated Jaccard similarity of shingle sets or more, chosen
    by `scripts/bench duplicates` (README, Quality and performance): over its six generated sets,
    0.35 joined no pair of different stories (pair recall 0.922); 0.3 recalled more (0.952) at
    precision 0.9985, 0.4 less (0.845). With another seed (`--seed 7 --sets 1`) 0.3 fell to
    precision 0.81 and 0.35 to 0.957 (two short articles sharing an outlet's boilerplate joined two
    clusters). A wrong join merges whole clusters, so precision weighs more than a missed heavy
    rewrite. */
constexpr double defaultThreshold = 0.35;

using Signature = std::array<quint32, hashCount>;

/*! The MinHash signature of \a body; nullopt when it has no word. A body of fewer than
    shingleWords words is one shingle. */
std::optional<Signature> signature(QStringView body);
/*! The fraction of agreeing minima: an estimate of the Jaccard similarity of the shingle sets. */
double similarity(const Signature &a, const Signature &b);
/*! The band keys of \a signature (bandCount of them, each 32 bits to keep the band table small;
    the band's index is mixed into its key, so keys of different bands rarely meet, and a chance
    meeting only costs one comparison of signatures). */
std::array<qint64, bandCount> bandKeys(const Signature &signature);
/*! A signature as the library stores it (hashCount little-endian 32-bit minima), and back;
    decode() gives nullopt for bytes of another length. */
QByteArray encode(const Signature &signature);
std::optional<Signature> decode(const QByteArray &bytes);

/*!
    \brief Confirms candidate pairs and joins copies into connected groups (union-find).

    Buckets of ids that share a band key are added one by one; every pair in a bucket whose
    signatures reach the threshold is joined (in a bucket of more than maxPairwise ids, each id is
    compared with the bucket's first and with its predecessor, so a bucket of many identical texts
    costs linear time).
*/
class Grouper
{
public:
    static constexpr int maxPairwise = 64;

    /*! \a lookup gives an id's signature (nullptr when it has none). */
    Grouper(double threshold, std::function<const Signature *(qint64)> lookup);
    void addBucket(const QList<qint64> &ids);
    /*! The groups of at least \a minSize ids, each sorted by id, ordered by their first id. */
    QList<QList<qint64>> groups(int minSize = 2) const;
    /*! Candidate pairs compared so far, and those confirmed. */
    qint64 comparedPairs() const { return m_compared; }
    qint64 confirmedPairs() const { return m_confirmed; }

private:
    qint64 find(qint64 id);
    void compare(qint64 a, qint64 b);

    double m_threshold;
    std::function<const Signature *(qint64)> m_lookup;
    QHash<qint64, qint64> m_parent;
    qint64 m_compared = 0;
    qint64 m_confirmed = 0;
};

} // namespace Dossier::Core::NearDuplicates
