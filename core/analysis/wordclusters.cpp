#include "analysis/wordclusters.h"

#include "analysis/modelfile_p.h"

#include <QtEndian>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

constexpr char Magic[4] = { 'D', 'W', 'C', 'L' };
constexpr quint32 FormatVersion = 1;
constexpr quint64 KeyMask = ~quint64(0xffff); // the top 48 bits of a word's hash
constexpr qsizetype HeaderSize = 4 + 3 * 4;

// Spreads the key's bits over the table index (the word hash is FNV-1a, weak in its top bits).
quint64 slotOf(quint64 key)
{
    key ^= key >> 31;
    key *= 0x7fb5d329728ea185ULL;
    key ^= key >> 27;
    return key;
}

} // namespace

const WordClusters &WordClusters::instance()
{
    static const WordClusters clusters
        = loadCompiledModel<WordClusters>(QStringLiteral(":/dossier/models/clusters.bin"), "the word classes are",
            "the entity tagger works without them");
    return clusters;
}

bool WordClusters::load(const QByteArray &data, QString *error)
{
    m_slots.clear();
    m_middle.clear();
    m_coarse.clear();
    m_shift = 64;
    m_count = 0;
    const auto fail = [&](const char *why) {
        *error = QString::fromLatin1(why);
        m_slots.clear();
        m_middle.clear();
        m_coarse.clear();
        m_count = 0;
        return false;
    };
    if (data.size() < HeaderSize || !data.startsWith(QByteArrayView(Magic, 4))) {
        return fail("not a word class file");
    }
    const char *p = data.constData() + 4;
    if (qFromLittleEndian<quint32>(p) != FormatVersion) {
        return fail("unknown format");
    }
    const quint32 fine = qFromLittleEndian<quint32>(p + 4);
    const quint32 words = qFromLittleEndian<quint32>(p + 8);
    if (fine == 0 || fine >= 0xffff || words == 0 || words > (1u << 24)) {
        return fail("bad header");
    }
    if (data.size() != HeaderSize + qsizetype(fine) * 4 + qsizetype(words) * 8) {
        return fail("truncated");
    }
    p = data.constData() + HeaderSize;
    m_middle.resize(fine);
    m_coarse.resize(fine);
    for (quint32 c = 0; c < fine; ++c, p += 4) {
        m_middle[c] = qFromLittleEndian<quint16>(p);
        m_coarse[c] = qFromLittleEndian<quint16>(p + 2);
        if (m_middle[c] >= 0xffff || m_coarse[c] >= 0xffff) {
            return fail("bad classes");
        }
    }
    int bits = 1;
    while ((quint64(1) << bits) < quint64(words) * 2) {
        ++bits;
    }
    m_shift = 64 - bits;
    m_slots.assign(size_t(1) << bits, 0);
    quint64 previous = 0;
    for (quint32 w = 0; w < words; ++w, p += 8) {
        const quint64 entry = qFromLittleEndian<quint64>(p);
        const quint64 key = entry & KeyMask;
        const quint16 cls = quint16(entry & 0xffff);
        if ((w > 0 && key <= previous) || cls >= fine) {
            return fail("bad entries");
        }
        previous = key;
        size_t slot = size_t(slotOf(key) >> m_shift);
        while (m_slots[slot]) {
            slot = (slot + 1) & (m_slots.size() - 1);
        }
        m_slots[slot] = key | quint64(cls + 1);
    }
    m_count = int(words);
    return true;
}

WordClusters::Classes WordClusters::classOf(quint64 wordHash) const
{
    if (m_slots.empty()) {
        return {};
    }
    const quint64 key = wordHash & KeyMask;
    for (size_t slot = size_t(slotOf(key) >> m_shift);; slot = (slot + 1) & (m_slots.size() - 1)) {
        const quint64 entry = m_slots[slot];
        if (!entry) {
            return {};
        }
        if ((entry & KeyMask) == key) {
            const quint16 fine = quint16((entry & 0xffff) - 1);
            return { quint16(fine + 1), quint16(m_middle[fine] + 1), quint16(m_coarse[fine] + 1) };
        }
    }
}

QByteArray WordClusters::build(const std::vector<std::pair<quint64, quint16>> &words,
    const std::vector<quint16> &middle, const std::vector<quint16> &coarse)
{
    if (middle.empty() || middle.size() != coarse.size() || middle.size() >= 0xffff || words.empty()) {
        return {};
    }
    std::vector<quint64> entries;
    entries.reserve(words.size());
    for (const auto &[hash, cls] : words) {
        if (cls >= middle.size()) {
            return {};
        }
        entries.push_back((hash & KeyMask) | cls);
    }
    std::sort(entries.begin(), entries.end());
    // Two words whose hashes agree in 48 bits: the first keeps the key (a one-in-10^6 chance at 50,000 words).
    entries.erase(std::unique(entries.begin(), entries.end(),
                      [](quint64 a, quint64 b) { return (a & KeyMask) == (b & KeyMask); }),
        entries.end());
    QByteArray out(Magic, 4);
    appendU32(&out, FormatVersion);
    appendU32(&out, quint32(middle.size()));
    appendU32(&out, quint32(entries.size()));
    for (size_t c = 0; c < middle.size(); ++c) {
        char bytes[4];
        qToLittleEndian(middle[c], bytes);
        qToLittleEndian(coarse[c], bytes + 2);
        out.append(bytes, 4);
    }
    for (const quint64 entry : entries) {
        char bytes[8];
        qToLittleEndian(entry, bytes);
        out.append(bytes, 8);
    }
    return out;
}

} // namespace Dossier::Core
