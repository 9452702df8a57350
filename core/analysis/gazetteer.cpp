#include "analysis/gazetteer.h"

#include "analysis/featurelexicon.h"

#include <QFile>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

bool hasLower(QStringView s)
{
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.isLower(); });
}

} // namespace

const Gazetteer &Gazetteer::instance()
{
    static const Gazetteer gazetteer; // C++11 guarantees thread-safe initialisation
    return gazetteer;
}

QStringList Gazetteer::readLines(const QString &file)
{
    QFile in(QStringLiteral(":/dossier/gazetteers/") + file);
    if (!in.open(QIODevice::ReadOnly)) {
        qWarning("gazetteer %s is missing", qPrintable(file));
        return {};
    }
    QStringList lines;
    const QString all = QString::fromUtf8(in.readAll());
    for (QStringView line : QStringTokenizer(all, u'\n')) {
        line = line.trimmed();
        if (!line.isEmpty() && !line.startsWith(u'#')) {
            lines.append(line.toString());
        }
    }
    return lines;
}

Gazetteer::Gazetteer()
{
    // Earlier files win where two list the same name.
    loadEntries(QStringLiteral("countries.txt"), EntityType::Location, false);
    loadEntries(QStringLiteral("organisations.txt"), EntityType::Org, false);
    loadEntries(QStringLiteral("cities.txt"), EntityType::Location, false);
    loadEntries(QStringLiteral("regions.txt"), EntityType::Location, false);
    loadEntries(QStringLiteral("demonyms.txt"), EntityType::Location, true);
    loadEntries(QStringLiteral("subdivisions.txt"), EntityType::Location, false);
    m_firstTokens.assign(1024, 0); // 65,536 bits for about 4,000 first tokens: 1 false pass in 200
    const size_t bits = m_firstTokens.size() * 64;
    for (auto it = m_maxTokens.cbegin(); it != m_maxTokens.cend(); ++it) {
        const quint64 h = foldedHash(it.key());
        for (const quint64 probe : { h, h >> 21, h >> 42 }) {
            const size_t bit = size_t(probe) % bits;
            m_firstTokens[bit / 64] |= quint64(1) << (bit % 64);
        }
    }

    const auto words = [](const QStringList &lines, QSet<QString> *set) {
        for (const QString &line : lines) {
            for (QStringView word : QStringTokenizer(line, u' ', Qt::SkipEmptyParts)) {
                set->insert(word.toString().toCaseFolded());
            }
        }
    };
    words(readLines(QStringLiteral("firstnames.txt")), &m_firstNames);
    words(readLines(QStringLiteral("commonwords.txt")), &m_commonWords);

    for (const QString &line : readLines(QStringLiteral("titles.txt"))) {
        if (line.startsWith(u'+')) {
            words({ line.mid(1) }, &m_titleModifiers);
            continue;
        }
        const QStringList parts = line.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
        const qsizetype of = parts.indexOf(QStringLiteral("of"));
        const qsizetype head = of > 0 ? of - 1 : parts.size() - 1;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (i == head) {
                m_titleHeads.insert(parts[i]);
            } else if (i != of) {
                m_titleModifiers.insert(parts[i]);
            }
        }
    }
    const auto flag = [this](const QSet<QString> &set, quint8 bit) {
        for (const QString &word : set) {
            m_wordFlags[FeatureLexicon::tokenHash(word)] |= bit;
        }
    };
    flag(m_firstNames, 1);
    flag(m_commonWords, 2);
    flag(m_titleHeads, 4);
    flag(m_titleModifiers, 4);
}

void Gazetteer::loadEntries(const QString &file, EntityType type, bool demonyms)
{
    for (const QString &line : readLines(file)) {
        const QStringList names = line.split(u'|', Qt::SkipEmptyParts);
        if (names.isEmpty()) {
            continue;
        }
        for (const QString &name : names) {
            const QList<Token> tokens = tokenize(name);
            if (tokens.isEmpty()) {
                continue;
            }
            GazetteerEntry entry;
            entry.canonical = names.first();
            entry.surface = name;
            entry.type = type;
            entry.demonym = demonyms;
            // 'US', 'WHO', 'BoJ': only as written; 'Tokyo' also as 'TOKYO'.
            entry.exactCase = name.size() <= 6 && tokens.size() == 1 && !hasLower(QStringView(name).sliced(1));
            for (qsizetype t = 0; t < tokens.size() && t < 32; ++t) {
                entry.capitalised |= tokens[t].is(Token::Cap) ? 1u << t : 0u;
            }
            const QString key = tokenKey(name, tokens, 0, tokens.size());
            QList<GazetteerEntry> &list = m_entries[key];
            list.append(entry);
            const QString first = tokenKey(name, tokens, 0, 1);
            int &max = m_maxTokens[first];
            max = std::max(max, int(tokens.size()));
        }
    }
}

quint64 Gazetteer::foldedHash(QStringView word)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (const QChar c : word) {
        h = (h ^ c.toCaseFolded().unicode()) * 0x100000001b3ULL;
    }
    return h ^ (h >> 31);
}

bool Gazetteer::mayStartEntry(QStringView word) const
{
    const bool surrogates = std::any_of(word.begin(), word.end(), [](QChar c) { return c.isSurrogate(); });
    if (m_firstTokens.empty() || surrogates) {
        return true; // folded code point by code point, as QString::toCaseFolded() does: look it up
    }
    const quint64 h = foldedHash(word);
    const size_t bits = m_firstTokens.size() * 64;
    for (const quint64 probe : { h, h >> 21, h >> 42 }) {
        const size_t bit = size_t(probe) % bits;
        if (!(m_firstTokens[bit / 64] & (quint64(1) << (bit % 64)))) {
            return false;
        }
    }
    return true;
}

int Gazetteer::match(
    QStringView text, const QList<Token> &tokens, qsizetype first, bool allCaps, const GazetteerEntry **entry) const
{
    const Token &head = tokens[first];
    if (!head.is(Token::Cap)) {
        return 0;
    }
    if (!mayStartEntry(text.sliced(head.start, head.size()))) {
        return 0;
    }
    QString key = text.sliced(head.start, head.size()).toString().toCaseFolded();
    const auto maxIt = m_maxTokens.constFind(key);
    if (maxIt == m_maxTokens.constEnd()) {
        return 0;
    }
    // Candidate lengths: tokens on one line, not past a sentence end.
    qsizetype last = first + 1;
    QList<QString> keys { key };
    while (last < tokens.size() && last - first < *maxIt && !tokens[last].breaksName()) {
        key.append(u' ');
        key.append(text.sliced(tokens[last].start, tokens[last].size()).toString().toCaseFolded());
        keys.append(key);
        ++last;
    }
    for (qsizetype length = keys.size(); length >= 1; --length) {
        const auto it = m_entries.constFind(keys[length - 1]);
        if (it == m_entries.constEnd()) {
            continue;
        }
        for (const GazetteerEntry &candidate : *it) {
            bool ok = true;
            if (candidate.exactCase) {
                const QStringView surface = text.sliced(head.start, head.size());
                ok = surface == candidate.surface && !(allCaps && m_commonWords.contains(keys.first()));
            } else if (!allCaps) {
                // Every capitalised word of the entry must be capitalised in the text.
                for (qsizetype t = 0; t < length && t < 32 && ok; ++t) {
                    ok = !(candidate.capitalised & (1u << t)) || tokens[first + t].is(Token::Cap);
                }
            }
            if (ok) {
                *entry = &candidate;
                return int(length);
            }
        }
    }
    return 0;
}

QString Gazetteer::stripTitles(const QString &name) const
{
    const QList<Token> tokens = tokenize(name);
    qsizetype t = 0;
    while (t < tokens.size()) {
        const QString word = name.sliced(tokens[t].start, tokens[t].size()).toCaseFolded();
        if (!isTitleHead(word) && !isTitleModifier(word) && word != u"of") {
            break;
        }
        ++t;
    }
    if (t == 0 || t == tokens.size()) {
        return name;
    }
    return name.sliced(tokens[t].start);
}

} // namespace Dossier::Core
