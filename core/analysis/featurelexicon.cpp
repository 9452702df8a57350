#include "analysis/featurelexicon.h"

#include <QFile>
#include <QtEndian>

#include <map>

namespace Dossier::Core
{

namespace
{

constexpr char Magic[4] = { 'D', 'L', 'E', 'X' };
constexpr quint32 FormatVersion = 1;
constexpr int HashBits = 40; // 65,000 entries: a false hit about once in 10^7 look-ups

// FNV-1a over the case-folded units of one token, chained token by token: the same on every platform.
quint64 foldToken(quint64 h, QStringView word)
{
    for (const QChar c : word) {
        const char16_t u = c.unicode();
        const char16_t folded = u < 0x80 ? (u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u) : c.toCaseFolded().unicode();
        h = (h ^ folded) * 0x100000001b3ULL;
    }
    return (h ^ 0x1f) * 0x100000001b3ULL; // the separator
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
    static const FeatureLexicon lexicon = [] {
        FeatureLexicon loaded;
        QFile file(QStringLiteral(":/dossier/models/lexicon.bin"));
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            qWarning("the name lexicon is missing: the entity tagger works without it");
        } else if (!loaded.load(file.readAll(), &error)) {
            qWarning("the name lexicon is unusable (%s): the entity tagger works without it", qPrintable(error));
        }
        return loaded;
    }();
    return lexicon;
}

bool FeatureLexicon::load(const QByteArray &data, QString *error)
{
    m_entries.clear();
    const auto fail = [&](const char *why) {
        *error = QString::fromLatin1(why);
        m_entries.clear();
        return false;
    };
    if (data.size() < 12 || !data.startsWith(QByteArrayView(Magic, 4))) {
        return fail("not a lexicon");
    }
    if (qFromLittleEndian<quint32>(data.constData() + 4) != FormatVersion) {
        return fail("unknown format");
    }
    const quint32 count = qFromLittleEndian<quint32>(data.constData() + 8);
    const char *p = data.constData() + 12;
    const char *end = data.constData() + data.size();
    m_entries.reserve(count);
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
        if (p >= end) {
            return fail("truncated");
        }
        key += delta;
        m_entries.insert(key, quint8(*p++));
    }
    if (p != end) {
        return fail("trailing data");
    }
    return true;
}

QByteArray FeatureLexicon::build(const QList<std::pair<List, QStringList>> &lists)
{
    std::map<quint64, quint8> entries; // sorted: the same bytes every time
    for (const auto &[list, names] : lists) {
        for (const QString &name : names) {
            const QList<Token> tokens = tokenize(name);
            if (tokens.isEmpty() || tokens.size() > MaxTokens || !tokens.first().is(Token::Cap)) {
                continue;
            }
            quint64 h = Seed;
            for (const Token &token : tokens) {
                h = foldToken(h, QStringView(name).sliced(token.start, token.size()));
            }
            entries[finish(h)] |= quint8(1u << list);
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
        out.append(char(mask));
    }
    return out;
}

std::vector<FeatureLexicon::Hit> FeatureLexicon::match(QStringView text, const QList<Token> &tokens) const
{
    std::vector<Hit> hits(size_t(tokens.size()));
    if (m_entries.isEmpty()) {
        return hits;
    }
    for (qsizetype first = 0; first < tokens.size(); ++first) {
        if (!tokens[first].is(Token::Cap)) {
            continue;
        }
        quint64 h = Seed;
        for (qsizetype last = first; last < tokens.size() && last - first < MaxTokens; ++last) {
            if (last > first && tokens[last].is(Token::LineStart)) {
                break; // a name does not cross a line
            }
            h = foldToken(h, text.sliced(tokens[last].start, tokens[last].size()));
            const auto it = m_entries.constFind(finish(h));
            if (it == m_entries.cend()) {
                continue;
            }
            if (last == first) {
                hits[size_t(first)].unit |= it.value();
            } else {
                for (qsizetype k = first; k <= last; ++k) {
                    hits[size_t(k)].multi |= it.value();
                }
            }
        }
    }
    return hits;
}

} // namespace Dossier::Core
