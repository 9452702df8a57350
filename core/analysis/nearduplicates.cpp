#include "analysis/nearduplicates.h"

#include "analysis/tokenhash_p.h"

#include <QSet>
#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>

namespace Dossier::Core::NearDuplicates
{

namespace
{

// SplitMix64's finaliser: a fixed, well-mixing function of 64 bits (no per-process seed, unlike qHash).
constexpr quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The seeds of the hashCount functions: the SplitMix64 sequence from a fixed start.
constexpr std::array<quint64, hashCount> makeSeeds()
{
    std::array<quint64, hashCount> seeds {};
    quint64 state = 0x446f7373'44757073ULL; // "DossDups"
    for (quint64 &seed : seeds) {
        state += 0x9e3779b97f4a7c15ULL;
        seed = mix(state);
    }
    return seeds;
}
constexpr std::array<quint64, hashCount> seeds = makeSeeds();

// The hashes of the body's words: case-folded runs of letters and digits.
QList<quint64> wordHashes(QStringView body)
{
    QList<quint64> words;
    words.reserve(body.size() / 6);
    QVarLengthArray<char16_t, 64> word;
    const auto flush = [&] {
        if (!word.isEmpty()) {
            words.append(hashUnits(word.constData(), word.size()));
            word.clear();
        }
    };
    for (const QChar c : body) {
        if (c.isLetterOrNumber() || c.isMark()) {
            word.append(foldCase(c));
        } else {
            flush();
        }
    }
    flush();
    return words;
}

} // namespace

std::optional<Signature> signature(QStringView body)
{
    const QList<quint64> words = wordHashes(body);
    if (words.isEmpty()) {
        return std::nullopt;
    }
    const qsizetype width = std::min<qsizetype>(shingleWords, words.size());
    QSet<quint64> shingles;
    shingles.reserve(words.size());
    for (qsizetype i = 0; i + width <= words.size(); ++i) {
        quint64 h = quint64(width);
        for (qsizetype k = 0; k < width; ++k) {
            h = mix(h ^ words[i + k]);
        }
        shingles.insert(h);
    }
    Signature minima;
    minima.fill(0xffffffffU);
    for (const quint64 shingle : shingles) {
        for (int j = 0; j < hashCount; ++j) {
            const auto value = quint32(mix(shingle ^ seeds[size_t(j)]) >> 32);
            minima[size_t(j)] = std::min(minima[size_t(j)], value);
        }
    }
    return minima;
}

double similarity(const Signature &a, const Signature &b)
{
    int agree = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        agree += a[i] == b[i] ? 1 : 0;
    }
    return double(agree) / double(hashCount);
}

std::array<qint64, bandCount> bandKeys(const Signature &signature)
{
    std::array<qint64, bandCount> keys {};
    for (int band = 0; band < bandCount; ++band) {
        quint64 h = mix(quint64(band) + 1);
        for (int row = 0; row < bandRows; ++row) {
            h = mix(h ^ signature[size_t(band) * bandRows + size_t(row)]);
        }
        keys[size_t(band)] = qint64(h >> 32);
    }
    return keys;
}

QByteArray encode(const Signature &signature)
{
    QByteArray bytes(qsizetype(sizeof(quint32)) * hashCount, Qt::Uninitialized);
    for (int i = 0; i < hashCount; ++i) {
        qToLittleEndian(signature[size_t(i)], bytes.data() + i * qsizetype(sizeof(quint32)));
    }
    return bytes;
}

std::optional<Signature> decode(const QByteArray &bytes)
{
    if (bytes.size() != qsizetype(sizeof(quint32)) * hashCount) {
        return std::nullopt;
    }
    Signature signature;
    for (int i = 0; i < hashCount; ++i) {
        signature[size_t(i)] = qFromLittleEndian<quint32>(bytes.constData() + i * qsizetype(sizeof(quint32)));
    }
    return signature;
}

Grouper::Grouper(double threshold, std::function<const Signature *(qint64)> lookup)
    : m_threshold(threshold)
    , m_lookup(std::move(lookup))
{
}

qint64 Grouper::find(qint64 id)
{
    auto it = m_parent.find(id);
    if (it == m_parent.end()) {
        m_parent.insert(id, id);
        return id;
    }
    qint64 root = id;
    while (m_parent.value(root) != root) {
        root = m_parent.value(root);
    }
    // Path compression.
    while (id != root) {
        const qint64 next = m_parent.value(id);
        m_parent[id] = root;
        id = next;
    }
    return root;
}

void Grouper::compare(qint64 a, qint64 b)
{
    if (a == b) {
        return;
    }
    const qint64 ra = find(a);
    const qint64 rb = find(b);
    if (ra == rb) {
        return; // already connected: no need to confirm this pair
    }
    const Signature *sa = m_lookup(a);
    const Signature *sb = m_lookup(b);
    if (!sa || !sb) {
        return;
    }
    ++m_compared;
    if (similarity(*sa, *sb) >= m_threshold) {
        ++m_confirmed;
        m_parent[std::max(ra, rb)] = std::min(ra, rb);
    }
}

void Grouper::addBucket(const QList<qint64> &ids)
{
    if (ids.size() <= maxPairwise) {
        for (qsizetype i = 0; i < ids.size(); ++i) {
            for (qsizetype j = i + 1; j < ids.size(); ++j) {
                compare(ids[i], ids[j]);
            }
        }
        return;
    }
    for (qsizetype i = 1; i < ids.size(); ++i) {
        compare(ids.front(), ids[i]);
        compare(ids[i - 1], ids[i]);
    }
}

QList<QList<qint64>> Grouper::groups(int minSize) const
{
    QHash<qint64, QList<qint64>> byRoot;
    for (auto it = m_parent.cbegin(); it != m_parent.cend(); ++it) {
        qint64 root = it.key();
        while (m_parent.value(root) != root) {
            root = m_parent.value(root);
        }
        byRoot[root].append(it.key());
    }
    QList<QList<qint64>> result;
    for (auto &members : byRoot) {
        if (members.size() >= std::max(minSize, 1)) {
            std::sort(members.begin(), members.end());
            result.append(members);
        }
    }
    std::sort(result.begin(), result.end(), [](const auto &a, const auto &b) { return a.front() < b.front(); });
    return result;
}

} // namespace Dossier::Core::NearDuplicates
