#include "analysis/sentences.h"

#include <QSet>
#include <QString>

namespace Dossier::Core
{

namespace
{

// Words a dot follows without ending the sentence: titles, months, and the usual abbreviations of
// news text (lower case, without the dot).
bool isAbbreviation(QStringView word)
{
    static const QSet<QString> words = [] {
        QSet<QString> set;
        const QString list = QStringLiteral(
            "mr mrs ms dr prof st sr jr gen lt col maj capt cmdr adm sgt cpl gov sen rep rev hon pres supt "
            "insp det amb jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat "
            "sun no nos vs etc inc corp co ltd bros dept est approx fig vol ed eds op cf al ft mt");
        for (const QString &word : list.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            set.insert(word);
        }
        return set;
    }();
    if (word.size() == 1 && word.front().isLetter()) {
        return true; // an initial: 'Derek C. Bok'
    }
    if (word.contains(u'.')) {
        return true; // 'U.S.', 'a.m.'
    }
    return words.contains(word.toString().toLower());
}

bool isClosing(QChar c)
{
    return c == u'"' || c == u'\'' || c == u')' || c == u']' || c == u'\u201d' || c == u'\u2019' || c == u'\u00bb';
}

bool opensSentence(QChar c)
{
    return c.isUpper() || c.isDigit() || c == u'"' || c == u'\u201c' || c == u'\u2018' || c == u'(' || c == u'\u00ab'
        || (c.isLetter() && !c.isLower()); // scripts without case
}

// Whether a sentence ends at the mark at \a i; \a after gets the offset just past it (and its closing quotes).
bool endsAt(QStringView text, qsizetype i, qsizetype *after)
{
    const QChar mark = text[i];
    if (mark != u'.' && mark != u'!' && mark != u'?') {
        return false;
    }
    qsizetype j = i + 1;
    while (j < text.size() && (isClosing(text[j]) || text[j] == u'.' || text[j] == u'!' || text[j] == u'?')) {
        ++j;
    }
    *after = j;
    if (j >= text.size() || text[j] == u'\n') {
        return true;
    }
    if (!text[j].isSpace()) {
        return false; // '3.5', 'U.S.-led', 'example.com'
    }
    qsizetype k = j;
    while (k < text.size() && text[k].isSpace() && text[k] != u'\n') {
        ++k;
    }
    if (k < text.size() && text[k] != u'\n' && !opensSentence(text[k])) {
        return false;
    }
    if (mark == u'.') {
        qsizetype w = i;
        while (w > 0 && (text[w - 1].isLetterOrNumber() || text[w - 1] == u'.')) {
            --w;
        }
        if (w < i && isAbbreviation(text.sliced(w, i - w))) {
            return false;
        }
    }
    return true;
}

} // namespace

std::pair<qsizetype, qsizetype> sentenceAround(QStringView text, qsizetype start, qsizetype end)
{
    start = std::clamp<qsizetype>(start, 0, text.size());
    end = std::clamp<qsizetype>(end, start, text.size());
    qsizetype lineStart = start;
    while (lineStart > 0 && text[lineStart - 1] != u'\n') {
        --lineStart;
    }
    qsizetype lineEnd = end;
    while (lineEnd < text.size() && text[lineEnd] != u'\n') {
        ++lineEnd;
    }
    // Walk the line once: the last sentence end at or before start begins ours, the first after end closes it.
    qsizetype begin = lineStart;
    qsizetype finish = lineEnd;
    for (qsizetype i = lineStart; i < lineEnd; ++i) {
        qsizetype after = 0;
        if (!endsAt(text, i, &after)) {
            continue;
        }
        after = std::min(after, lineEnd);
        if (after <= start) {
            begin = after;
        } else if (i >= end) {
            finish = after;
            break;
        }
        i = after - 1;
    }
    while (begin < finish && text[begin].isSpace()) {
        ++begin;
    }
    while (finish > begin && text[finish - 1].isSpace()) {
        --finish;
    }
    return { begin, finish };
}

} // namespace Dossier::Core
