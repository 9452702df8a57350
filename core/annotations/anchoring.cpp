#include "annotations/anchoring.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace Dossier::Core
{

namespace
{

// Quotes shorter than this are re-attached only exactly: a fuzzy 'Abe' would land on 'Able'.
constexpr qsizetype minimumFuzzyLength = 8;
// The fuzzy search compares at most this many (quote unit × text unit) pairs.
constexpr qint64 fuzzyBudget = 40'000'000;

qsizetype commonSuffix(QStringView a, QStringView b)
{
    qsizetype n = 0;
    while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) {
        ++n;
    }
    return n;
}

qsizetype commonPrefix(QStringView a, QStringView b)
{
    qsizetype n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) {
        ++n;
    }
    return n;
}

// How well the text around [start, end) agrees with the anchor's context.
qsizetype contextScore(QStringView text, qsizetype start, qsizetype end, const TextAnchor &anchor)
{
    return commonSuffix(text.first(start), anchor.prefix) + commonPrefix(text.sliced(end), anchor.suffix);
}

// The ends of the best approximate occurrences of quote in text[from, to) (Sellers' algorithm:
// edit distance with a free start in the text), and their distance.
int bestEnds(QStringView text, qsizetype from, qsizetype to, QStringView quote, std::vector<qsizetype> *ends)
{
    const qsizetype m = quote.size();
    std::vector<int> column(size_t(m + 1));
    for (qsizetype i = 0; i <= m; ++i) {
        column[size_t(i)] = int(i);
    }
    int best = std::numeric_limits<int>::max();
    for (qsizetype j = from; j < to; ++j) {
        int diagonal = 0; // D[0][j - 1]: a free start
        column[0] = 0;
        const QChar c = text[j];
        for (qsizetype i = 1; i <= m; ++i) {
            const int above = column[size_t(i)];
            const int value
                = std::min({ diagonal + (quote[i - 1] == c ? 0 : 1), above + 1, column[size_t(i - 1)] + 1 });
            diagonal = above;
            column[size_t(i)] = value;
        }
        const int distance = column[size_t(m)];
        if (distance < best) {
            best = distance;
            ends->clear();
        }
        if (distance == best) {
            ends->push_back(j + 1);
        }
    }
    return best;
}

// The starts of the best alignments of the whole quote with text ending exactly at \a end.
void bestStarts(QStringView text, qsizetype end, QStringView quote, int maxErrors, std::vector<qsizetype> *starts)
{
    const qsizetype m = quote.size();
    const qsizetype span = std::min<qsizetype>(end, m + maxErrors);
    // Rows: reversed quote prefixes; columns: text units walking back from end (a fixed end).
    std::vector<int> column(size_t(m + 1));
    for (qsizetype i = 0; i <= m; ++i) {
        column[size_t(i)] = int(i);
    }
    int best = column[size_t(m)];
    starts->assign(1, end);
    for (qsizetype k = 1; k <= span; ++k) {
        int diagonal = column[0];
        column[0] = int(k);
        const QChar c = text[end - k];
        for (qsizetype i = 1; i <= m; ++i) {
            const int above = column[size_t(i)];
            const int value
                = std::min({ diagonal + (quote[m - i] == c ? 0 : 1), above + 1, column[size_t(i - 1)] + 1 });
            diagonal = above;
            column[size_t(i)] = value;
        }
        const int distance = column[size_t(m)];
        if (distance < best) {
            best = distance;
            starts->clear();
        }
        if (distance == best) {
            starts->push_back(end - k);
        }
    }
}

} // namespace

TextAnchor anchorAt(QStringView text, qsizetype start, qsizetype end)
{
    TextAnchor anchor;
    if (start < 0 || end > text.size() || start >= end) {
        anchor.start = start;
        anchor.end = start - 1;
        return anchor;
    }
    anchor.start = start;
    anchor.end = end;
    anchor.exact = text.sliced(start, end - start).toString();
    const qsizetype before = std::max<qsizetype>(0, start - anchorContextLength);
    anchor.prefix = text.sliced(before, start - before).toString();
    anchor.suffix = text.sliced(end, std::min(anchorContextLength, text.size() - end)).toString();
    return anchor;
}

QList<qsizetype> findQuote(QStringView text, QStringView quote)
{
    QList<qsizetype> found;
    if (quote.isEmpty()) {
        return found;
    }
    for (qsizetype at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
        found.append(at);
    }
    return found;
}

Reanchored reanchor(QStringView text, const TextAnchor &anchor)
{
    Reanchored result;
    result.anchor = anchor;
    const QStringView quote(anchor.exact);
    const qsizetype m = quote.size();
    if (m == 0) {
        return result;
    }
    // 1. Still in place.
    if (anchor.start >= 0 && anchor.start + m <= text.size() && text.sliced(anchor.start, m) == quote) {
        result.match = AnchorMatch::Position;
        result.anchor = anchorAt(text, anchor.start, anchor.start + m);
        return result;
    }
    // 2. The same words elsewhere: the occurrence whose context agrees best, then the nearest.
    const QList<qsizetype> occurrences = findQuote(text, quote);
    if (!occurrences.isEmpty()) {
        qsizetype best = occurrences.first();
        qsizetype bestScore = -1;
        for (qsizetype at : occurrences) {
            const qsizetype score = contextScore(text, at, at + m, anchor);
            if (score > bestScore
                || (score == bestScore && std::abs(at - anchor.start) < std::abs(best - anchor.start))) {
                best = at;
                bestScore = score;
            }
        }
        result.match = AnchorMatch::Exact;
        result.anchor = anchorAt(text, best, best + m);
        return result;
    }
    // 3. Close to the quote, near where it was.
    if (m < minimumFuzzyLength || text.isEmpty()) {
        return result;
    }
    const int maxErrors = int(std::max<qsizetype>(1, m / 4));
    const qsizetype window = std::max<qsizetype>(4 * m + 4000, qsizetype(fuzzyBudget / m));
    const qsizetype centre = std::clamp<qsizetype>(anchor.start, 0, text.size());
    qsizetype from = std::max<qsizetype>(0, centre - window / 2);
    const qsizetype to = std::min(text.size(), from + window);
    from = std::max<qsizetype>(0, to - window);
    if (qint64(to - from) * m > 4 * fuzzyBudget) {
        return result;
    }
    std::vector<qsizetype> ends;
    if (bestEnds(text, from, to, quote, &ends) > maxErrors) {
        return result;
    }
    // Among equally close matches, the one whose surroundings agree with the anchor's context,
    // then the one nearest the old place.
    std::sort(ends.begin(), ends.end(),
        [&](qsizetype a, qsizetype b) { return std::abs(a - anchor.end) < std::abs(b - anchor.end); });
    const qint64 perEnd = qint64(m) * (m + maxErrors);
    ends.resize(std::min<size_t>(ends.size(), size_t(std::clamp<qint64>(fuzzyBudget / perEnd, 1, 16))));
    qsizetype bestStart = -1;
    qsizetype bestEnd = -1;
    qsizetype bestScore = -1;
    std::vector<qsizetype> starts;
    for (qsizetype end : ends) {
        bestStarts(text, end, quote, maxErrors, &starts);
        for (qsizetype start : starts) {
            if (start >= end) {
                continue;
            }
            const qsizetype score = contextScore(text, start, end, anchor);
            if (score > bestScore) {
                bestScore = score;
                bestStart = start;
                bestEnd = end;
            }
        }
    }
    if (bestStart < 0) {
        return result;
    }
    result.match = AnchorMatch::Fuzzy;
    result.anchor = anchorAt(text, bestStart, bestEnd);
    return result;
}

} // namespace Dossier::Core
