#include "analysis/featurelexicon.h"

#include "analysis/modelfile_p.h"
#include "analysis/tokenhash_p.h"

#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>
#include <map>

namespace Dossier::Core
{

namespace
{

constexpr char Magic[4] = { 'D', 'L', 'E', 'X' };
constexpr quint32 FormatVersion = 3;
constexpr int HashBits = 40; // 65,000 entries: a false hit about once in 10^7 look-ups

// The hash of an entry's first tokens, one token's hash at a time.
quint64 chain(quint64 h, quint64 token)
{
    h = (h ^ token) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 31);
}

constexpr quint64 Seed = 0xcbf29ce484222325ULL;

quint64 finish(quint64 h)
{
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h & ((quint64(1) << HashBits) - 1);
}

} // namespace

const FeatureLexicon &FeatureLexicon::instance()
{
    static const FeatureLexicon lexicon = loadCompiledModel<FeatureLexicon>(
        QStringLiteral(":/dossier/models/lexicon.bin"), "the name lexicon is", "the entity tagger works without it");
    return lexicon;
}

bool FeatureLexicon::load(const QByteArray &data, QString *error)
{
    m_slots.clear();
    m_shift = 64;
    m_count = 0;
    const auto fail = [&](const char *why) {
        *error = QString::fromLatin1(why);
        m_slots.clear();
        m_count = 0;
        return false;
    };
    if (data.size() < 12 || !data.startsWith(QByteArrayView(Magic, 4))) {
        return fail("not a lexicon");
    }
    if (qFromLittleEndian<quint32>(data.constData() + 4) != FormatVersion) {
        return fail("unknown format");
    }
    const quint32 count = qFromLittleEndian<quint32>(data.constData() + 8);
    if (count > (1u << 24) || quint64(count) * 3 > quint64(data.size())) {
        return fail("truncated");
    }
    int bits = 4;
    while ((quint64(1) << bits) < quint64(count) * 2) {
        ++bits;
    }
    m_shift = 64 - bits;
    m_slots.assign(size_t(1) << bits, 0);
    const char *p = data.constData() + 12;
    const char *end = data.constData() + data.size();
    quint64 key = 0;
    for (quint32 i = 0; i < count; ++i) {
        quint64 delta = 0;
        for (int shift = 0;; shift += 7) {
            if (p >= end || shift > 42) {
                return fail("truncated");
            }
            const quint8 byte = quint8(*p++);
            delta |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80)) {
                break;
            }
        }
        if (end - p < 2) {
            return fail("truncated");
        }
        key += delta;
        const quint16 value = qFromLittleEndian<quint16>(p);
        p += 2;
        if (key == 0 || key >= (quint64(1) << HashBits) || value == 0 || (value & ~(IsPrefix | 0xff))) {
            return fail("bad entry");
        }
        size_t slot = size_t((key * 0x9e3779b97f4a7c15ULL) >> m_shift);
        while (m_slots[slot] != 0) {
            slot = (slot + 1) & (m_slots.size() - 1);
        }
        m_slots[slot] = key | quint64(value) << HashBits;
        m_count += (value & 0xff) ? 1 : 0;
    }
    if (p != end) {
        return fail("trailing data");
    }
    return true;
}

quint16 FeatureLexicon::find(quint64 key) const
{
    if (m_slots.empty()) {
        return 0;
    }
    constexpr quint64 keyMask = (quint64(1) << HashBits) - 1;
    for (size_t slot = size_t((key * 0x9e3779b97f4a7c15ULL) >> m_shift);; slot = (slot + 1) & (m_slots.size() - 1)) {
        const quint64 entry = m_slots[slot];
        if ((entry & keyMask) == key) {
            return quint16(entry >> HashBits);
        }
        if (entry == 0) {
            return 0;
        }
    }
}

QByteArray FeatureLexicon::build(const QList<std::pair<List, QStringList>> &lists)
{
    std::map<quint64, quint16> entries; // sorted: the same bytes every time
    for (const auto &[list, names] : lists) {
        for (const QString &name : names) {
            const QList<Token> tokens = tokenize(name);
            if (tokens.isEmpty() || tokens.size() > MaxTokens || !tokens.first().is(Token::Cap)) {
                continue;
            }
            quint64 h = Seed;
            for (qsizetype t = 0; t < tokens.size(); ++t) {
                h = chain(h, tokenHash(QStringView(name).sliced(tokens[t].start, tokens[t].size())));
                entries[std::max<quint64>(finish(h), 1)] |= t + 1 < tokens.size() ? IsPrefix : quint16(1u << list);
            }
        }
    }
    QByteArray out(Magic, 4);
    char bytes[4];
    qToLittleEndian(FormatVersion, bytes);
    out.append(bytes, 4);
    qToLittleEndian(quint32(entries.size()), bytes);
    out.append(bytes, 4);
    quint64 last = 0;
    for (const auto &[key, mask] : entries) {
        quint64 delta = key - last;
        last = key;
        do {
            const quint8 byte = quint8(delta & 0x7f);
            delta >>= 7;
            out.append(char(delta ? byte | 0x80 : byte));
        } while (delta);
        qToLittleEndian(mask, bytes);
        out.append(bytes, 2);
    }
    return out;
}

quint64 FeatureLexicon::tokenHash(QStringView word)
{
    QVarLengthArray<char16_t, 64> folded;
    for (const QChar c : word) {
        folded.append(foldCase(c));
    }
    return hashUnits(folded.constData(), folded.size());
}

std::vector<FeatureLexicon::Hit> FeatureLexicon::match(QStringView text, const QList<Token> &tokens) const
{
    std::vector<quint64> hashes(size_t(tokens.size()));
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        hashes[size_t(t)] = tokenHash(text.sliced(tokens[t].start, tokens[t].size()));
    }
    return match(tokens, hashes);
}

std::vector<FeatureLexicon::Hit> FeatureLexicon::match(
    const QList<Token> &tokens, const std::vector<quint64> &tokenHashes) const
{
    std::vector<Hit> hits(size_t(tokens.size()));
    if (m_count == 0) {
        return hits;
    }
    for (qsizetype first = 0; first < tokens.size(); ++first) {
        if (!tokens[first].is(Token::Cap)) {
            continue;
        }
        quint64 h = Seed;
        for (qsizetype last = first; last < tokens.size() && last - first < MaxTokens; ++last) {
            if (last > first && tokens[last].breaksName()) {
                break; // a name does not cross a line
            }
            h = chain(h, tokenHashes[size_t(last)]);
            const quint16 value = find(std::max<quint64>(finish(h), 1));
            const quint8 lists = quint8(value & 0xff);
            if (lists && last == first) {
                hits[size_t(first)].unit |= lists;
            } else if (lists) {
                for (qsizetype k = first; k <= last; ++k) {
                    hits[size_t(k)].multi |= lists;
                }
            }
            if (!(value & IsPrefix)) {
                break; // no longer entry starts so
            }
        }
    }
    return hits;
}

} // namespace Dossier::Core
