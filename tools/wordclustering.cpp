#include "wordclustering.h"

#include "analysis/tokenhash_p.h"
#include "analysis/tokenizer.h"
#include "analysis/wordclusters.h"

#include <QElapsedTimer>
#include <QHash>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>

using namespace Dossier::Core;

namespace
{

// Unit-length vectors in compressed rows.
struct Rows {
    int dims = 0;
    std::vector<size_t> offsets { 0 };
    std::vector<quint32> columns;
    std::vector<float> values;

    size_t count() const { return offsets.size() - 1; }
    void append(const std::vector<std::pair<quint32, float>> &row)
    {
        double norm = 0;
        for (const auto &[c, v] : row) {
            norm += double(v) * v;
        }
        const float scale = norm > 0 ? float(1 / std::sqrt(norm)) : 0.0f;
        for (const auto &[c, v] : row) {
            columns.push_back(c);
            values.push_back(v * scale);
        }
        offsets.push_back(columns.size());
    }
};

// Spherical k-means: \a k classes of \a rows (each of weight \a weights), seeded by k-means++ from \a seed.
std::vector<quint16> sphericalKMeans(const Rows &rows, const std::vector<float> &weights, int k, int iterations,
    quint32 seed, std::vector<float> *centres)
{
    const size_t n = rows.count();
    const size_t dims = size_t(rows.dims);
    k = int(std::min<size_t>(size_t(k), n));
    // Centres stored by dimension (dims × k), so that a sparse row meets each centre in one pass.
    std::vector<float> byDim(dims * size_t(k), 0.0f);
    const auto setCentre = [&](int c, const std::vector<double> &sum) {
        double norm = 0;
        for (size_t d = 0; d < dims; ++d) {
            norm += sum[d] * sum[d];
        }
        const double scale = norm > 0 ? 1 / std::sqrt(norm) : 0;
        for (size_t d = 0; d < dims; ++d) {
            byDim[d * size_t(k) + size_t(c)] = float(sum[d] * scale);
        }
    };
    const auto rowAsDense = [&](size_t r) {
        std::vector<double> dense(dims, 0.0);
        for (size_t j = rows.offsets[r]; j < rows.offsets[r + 1]; ++j) {
            dense[rows.columns[j]] = rows.values[j];
        }
        return dense;
    };
    const auto similarity = [&](size_t r, int c) {
        float s = 0;
        for (size_t j = rows.offsets[r]; j < rows.offsets[r + 1]; ++j) {
            s += rows.values[j] * byDim[size_t(rows.columns[j]) * size_t(k) + size_t(c)];
        }
        return s;
    };

    // k-means++ (distance 1 - cosine), with the generator's own integers so every platform draws the same.
    std::mt19937 random(seed);
    std::vector<double> distance(n, 2.0);
    for (int c = 0; c < k; ++c) {
        double total = 0;
        for (size_t r = 0; r < n; ++r) {
            total += distance[r] * weights[r];
        }
        const double target = total * (double(random()) / 4294967296.0);
        size_t chosen = 0;
        double running = 0;
        for (size_t r = 0; r < n; ++r) {
            running += distance[r] * weights[r];
            if (running > target) {
                chosen = r;
                break;
            }
        }
        setCentre(c, rowAsDense(chosen));
        for (size_t r = 0; r < n; ++r) {
            distance[r] = std::min(distance[r], std::max(0.0, 1.0 - double(similarity(r, c))));
        }
    }

    std::vector<quint16> assigned(n, 0);
    std::vector<float> scores(static_cast<size_t>(k));
    for (int iteration = 0; iteration < iterations; ++iteration) {
        size_t moved = 0;
        std::vector<float> fit(n);
        for (size_t r = 0; r < n; ++r) {
            std::fill(scores.begin(), scores.end(), 0.0f);
            for (size_t j = rows.offsets[r]; j < rows.offsets[r + 1]; ++j) {
                const float v = rows.values[j];
                const float *centre = &byDim[size_t(rows.columns[j]) * size_t(k)];
                for (int c = 0; c < k; ++c) {
                    scores[size_t(c)] += v * centre[c];
                }
            }
            const auto best = quint16(std::max_element(scores.begin(), scores.end()) - scores.begin());
            moved += best != assigned[r] || iteration == 0;
            assigned[r] = best;
            fit[r] = scores[best];
        }
        std::vector<std::vector<double>> sums(size_t(k), std::vector<double>(dims, 0.0));
        std::vector<double> mass(size_t(k), 0.0);
        for (size_t r = 0; r < n; ++r) {
            std::vector<double> &sum = sums[assigned[r]];
            for (size_t j = rows.offsets[r]; j < rows.offsets[r + 1]; ++j) {
                sum[rows.columns[j]] += double(rows.values[j]) * weights[r];
            }
            mass[assigned[r]] += weights[r];
        }
        for (int c = 0; c < k; ++c) {
            if (mass[size_t(c)] == 0) {
                // An empty class takes the word its own class fits worst.
                const size_t worst = size_t(std::min_element(fit.begin(), fit.end()) - fit.begin());
                fit[worst] = 2;
                assigned[worst] = quint16(c);
                sums[size_t(c)] = rowAsDense(worst);
            }
            setCentre(c, sums[size_t(c)]);
        }
        if (moved == 0) {
            break;
        }
    }
    if (centres) {
        centres->assign(size_t(k) * dims, 0.0f);
        for (int c = 0; c < k; ++c) {
            for (size_t d = 0; d < dims; ++d) {
                (*centres)[size_t(c) * dims + d] = byDim[d * size_t(k) + size_t(c)];
            }
        }
    }
    return assigned;
}

// The centres of one level as the rows of the next.
Rows centresAsRows(const std::vector<float> &centres, int dims)
{
    Rows rows;
    rows.dims = dims;
    const size_t count = centres.size() / size_t(dims);
    std::vector<std::pair<quint32, float>> row;
    for (size_t c = 0; c < count; ++c) {
        row.clear();
        for (int d = 0; d < dims; ++d) {
            const float v = centres[c * size_t(dims) + size_t(d)];
            if (v != 0) {
                row.emplace_back(quint32(d), v);
            }
        }
        rows.append(row);
    }
    return rows;
}

} // namespace

QByteArray makeWordClusters(const QStringList &texts, const ClusterOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    // The corpus as word ids, -1 between lines; ids in order of first use.
    QHash<quint64, int> ids;
    std::vector<quint64> hashes;
    std::vector<QString> spelling;
    std::vector<qint64> counts;
    std::vector<bool> classable; // words and numbers; punctuation is only a neighbour
    std::vector<int> corpus;
    QVarLengthArray<char16_t, 64> folded;
    for (const QString &text : texts) {
        const QList<Token> tokens = tokenize(text);
        for (const Token &token : tokens) {
            if (token.is(Token::LineStart)) {
                corpus.push_back(-1);
            }
            folded.clear();
            for (qsizetype i = token.start; i < token.end; ++i) {
                folded.append(foldForHash(text[i]));
            }
            const quint64 hash = hashUnits(folded.constData(), folded.size());
            auto it = ids.find(hash);
            if (it == ids.end()) {
                it = ids.insert(hash, int(hashes.size()));
                hashes.push_back(hash);
                spelling.push_back(QString(reinterpret_cast<const QChar *>(folded.constData()), folded.size()));
                counts.push_back(0);
                classable.push_back(token.is(Token::Word) || token.is(Token::Number));
            }
            ++counts[size_t(*it)];
            corpus.push_back(*it);
        }
        corpus.push_back(-1);
    }
    // By frequency, ties by first use: the neighbours that describe, and the words to class.
    std::vector<int> byCount(hashes.size());
    std::iota(byCount.begin(), byCount.end(), 0);
    std::stable_sort(
        byCount.begin(), byCount.end(), [&](int a, int b) { return counts[size_t(a)] > counts[size_t(b)]; });
    const int contexts = std::min(options.contexts, int(byCount.size()));
    std::vector<int> contextOf(hashes.size(), -1);
    for (int c = 0; c < contexts; ++c) {
        contextOf[size_t(byCount[size_t(c)])] = c;
    }
    std::vector<int> rowOf(hashes.size(), -1);
    std::vector<int> words; // row → word id
    for (const int w : byCount) {
        if (counts[size_t(w)] < options.minCount || int(words.size()) >= options.maxWords) {
            break;
        }
        if (classable[size_t(w)]) {
            rowOf[size_t(w)] = int(words.size());
            words.push_back(w);
        }
    }
    // Co-occurrence counts: (row, column) pairs. A column is a neighbour at one offset (one block of columns
    // per offset, -window … -1, 1 … window), or the line's end in that direction.
    const int window = std::clamp(options.window, 1, 3);
    const quint32 block = quint32(contexts + 1);
    std::vector<quint64> pairs;
    for (size_t i = 0; i < corpus.size(); ++i) {
        const int w = corpus[i];
        if (w < 0 || rowOf[size_t(w)] < 0) {
            continue;
        }
        const quint64 row = quint64(rowOf[size_t(w)]) << 32;
        for (int side = 0; side < 2; ++side) {
            for (int distance = 1; distance <= window; ++distance) {
                const qint64 at = side == 0 ? qint64(i) - distance : qint64(i) + distance;
                const int neighbour = at >= 0 && at < qint64(corpus.size()) ? corpus[size_t(at)] : -1;
                const quint32 first = quint32(side * window + distance - 1) * block;
                if (neighbour < 0) {
                    pairs.push_back(row | (first + quint32(contexts)));
                    break;
                }
                if (contextOf[size_t(neighbour)] >= 0) {
                    pairs.push_back(row | (first + quint32(contextOf[size_t(neighbour)])));
                }
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    const int dims = 2 * window * (contexts + 1);
    std::vector<double> columnTotal(size_t(dims), 0);
    std::vector<double> rowTotal(words.size(), 0);
    for (const quint64 p : pairs) {
        columnTotal[p & 0xffffffff] += 1;
        rowTotal[p >> 32] += 1;
    }
    // Positive PMI, with the neighbours' distribution smoothed (counts to the power 0.75).
    double smoothed = 0;
    for (double &t : columnTotal) {
        t = std::pow(t, 0.75);
        smoothed += t;
    }
    Rows rows;
    rows.dims = dims;
    std::vector<std::pair<quint32, float>> row;
    size_t p = 0;
    for (size_t r = 0; r < words.size(); ++r) {
        row.clear();
        while (p < pairs.size() && (pairs[p] >> 32) == r) {
            const quint32 column = quint32(pairs[p] & 0xffffffff);
            size_t q = p;
            while (q < pairs.size() && pairs[q] == pairs[p]) {
                ++q;
            }
            const double pmi = std::log(double(q - p) / rowTotal[r] / (columnTotal[column] / smoothed));
            if (pmi > 0) {
                row.emplace_back(column, float(pmi));
            }
            p = q;
        }
        rows.append(row);
    }
    std::printf("word classes: %zu texts, %zu tokens, %zu words to class (seen %d times or more), %d neighbours, "
                "%zu pairs; %.1f s\n",
        size_t(texts.size()), corpus.size(), words.size(), options.minCount, contexts, pairs.size(),
        double(timer.elapsed()) / 1000);
    std::fflush(stdout);

    // Frequent words weigh more, but not in proportion: the classes are for the many rare names too.
    std::vector<float> weights(words.size());
    for (size_t r = 0; r < words.size(); ++r) {
        weights[r] = float(std::log(1.0 + double(counts[size_t(words[r])])));
    }
    std::vector<float> centres;
    const std::vector<quint16> fine
        = sphericalKMeans(rows, weights, options.fine, options.iterations, options.seed, &centres);
    const int fineCount = int(centres.size() / size_t(dims));
    std::vector<float> fineMass(size_t(fineCount), 0.0f);
    for (size_t r = 0; r < words.size(); ++r) {
        fineMass[fine[r]] += weights[r];
    }
    std::vector<float> middleCentres;
    const std::vector<quint16> middleOfFine = sphericalKMeans(
        centresAsRows(centres, dims), fineMass, options.middle, options.iterations, options.seed + 1, &middleCentres);
    const int middleCount = int(middleCentres.size() / size_t(dims));
    std::vector<float> middleMass(size_t(middleCount), 0.0f);
    for (int c = 0; c < fineCount; ++c) {
        middleMass[middleOfFine[size_t(c)]] += fineMass[size_t(c)];
    }
    const std::vector<quint16> coarseOfMiddle = sphericalKMeans(
        centresAsRows(middleCentres, dims), middleMass, options.coarse, options.iterations, options.seed + 2, nullptr);
    std::vector<quint16> coarseOfFine(static_cast<size_t>(fineCount));
    for (int c = 0; c < fineCount; ++c) {
        coarseOfFine[size_t(c)] = coarseOfMiddle[middleOfFine[size_t(c)]];
    }

    // A sample of each coarse class: its most frequent words, to see what was learned.
    std::vector<QStringList> samples(static_cast<size_t>(options.coarse));
    for (size_t r = 0; r < words.size(); ++r) {
        QStringList &sample = samples[coarseOfFine[fine[r]]];
        if (sample.size() < 12) {
            sample.append(spelling[size_t(words[r])]);
        }
    }
    for (size_t c = 0; c < samples.size(); ++c) {
        if (!samples[c].isEmpty()) {
            std::printf("  class %zu: %s\n", c, qPrintable(samples[c].join(u' ')));
        }
    }
    std::vector<std::pair<quint64, quint16>> entries;
    entries.reserve(words.size());
    for (size_t r = 0; r < words.size(); ++r) {
        entries.emplace_back(hashes[size_t(words[r])], fine[r]);
    }
    std::printf("word classes: %d fine, %d middle, %d coarse; %.1f s\n", fineCount, middleCount, options.coarse,
        double(timer.elapsed()) / 1000);
    std::fflush(stdout);
    return WordClusters::build(entries, middleOfFine, coarseOfFine);
}
