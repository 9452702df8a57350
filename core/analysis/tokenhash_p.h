#pragma once

#include <QChar>

namespace Dossier::Core
{

/*! A unit of a word, case-folded: the name lexicon's key. */
inline char16_t foldCase(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80) { // ASCII, most of the time
        return u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u;
    }
    return c.toCaseFolded().unicode();
}

/*! A unit of a word as the tagger's case-folded features see it: case-folded, any digit as '0' ('Q3' and
    'q4' are alike). For a word without digits the same as foldCase(). */
inline char16_t foldForHash(QChar c)
{
    return c.isDigit() ? u'0' : foldCase(c);
}

/*! FNV-1a over \a n units, with the length mixed in. */
inline quint64 hashUnits(const char16_t *units, qsizetype n)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (qsizetype i = 0; i < n; ++i) {
        h = (h ^ units[i]) * 0x100000001b3ULL;
    }
    return h ^ quint64(n);
}

} // namespace Dossier::Core
