#include "analysis/worddiff.h"

#include <algorithm>
#include <vector>

namespace Dossier::Core
{

namespace
{

struct Word {
    qsizetype start;
    qsizetype end;
};

std::vector<Word> words(QStringView text)
{
    std::vector<Word> result;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i].isSpace()) {
            ++i;
        }
        const qsizetype start = i;
        while (i < text.size() && !text[i].isSpace()) {
            ++i;
        }
        if (i > start) {
            result.push_back({ start, i });
        }
    }
    return result;
}

enum class Op { Equal, Insert, Delete };

// The edit script between a[aFrom, aTo) and b[bFrom, bTo) by Myers' greedy algorithm, keeping the
// furthest reaching paths of each step (k in [-d-1, d+1]) to walk back; empty optional past maxEdits.
template<typename Same> std::optional<std::vector<Op>> myers(int n, int m, int maxEdits, Same same)
{
    const int max = std::min(n + m, maxEdits);
    const int offset = max + 1;
    std::vector<int> v(size_t(2 * max + 3), 0);
    std::vector<std::vector<int>> trace;
    const auto at = [&](int k) -> int & { return v[size_t(qsizetype(k) + offset)]; };
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.emplace_back(v.begin() + (offset - d - 1), v.begin() + (offset + d + 2));
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
            int y = x - k;
            while (x < n && y < m && same(x, y)) {
                ++x;
                ++y;
            }
            at(k) = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0) {
        return std::nullopt;
    }
    std::vector<Op> ops;
    int x = n;
    int y = m;
    for (int d = found; d >= 0; --d) {
        const std::vector<int> &saved = trace[size_t(d)];
        const auto was = [&](int k) { return saved[size_t(qsizetype(k) + d + 1)]; };
        const int k = x - y;
        const int previousK = (k == -d || (k != d && was(k - 1) < was(k + 1))) ? k + 1 : k - 1;
        const int previousX = d == 0 ? 0 : was(previousK);
        const int previousY = previousX - previousK;
        while (x > previousX && y > previousY && x > 0 && y > 0) {
            ops.push_back(Op::Equal);
            --x;
            --y;
        }
        if (d > 0) {
            ops.push_back(x == previousX ? Op::Insert : Op::Delete);
        }
        x = previousX;
        y = previousY;
    }
    std::reverse(ops.begin(), ops.end());
    return ops;
}

} // namespace

QList<DiffRun> wordDiff(QStringView original, QStringView copy, int maxEdits)
{
    const std::vector<Word> a = words(original);
    const std::vector<Word> b = words(copy);
    const auto same = [&](size_t i, size_t j) {
        return original.sliced(a[i].start, a[i].end - a[i].start) == copy.sliced(b[j].start, b[j].end - b[j].start);
    };
    // The common beginning and end need no search.
    size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && same(prefix, prefix)) {
        ++prefix;
    }
    size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && same(a.size() - 1 - suffix, b.size() - 1 - suffix)) {
        ++suffix;
    }
    const int n = int(a.size() - prefix - suffix);
    const int m = int(b.size() - prefix - suffix);
    std::vector<Op> ops(prefix, Op::Equal);
    const auto middle
        = myers(n, m, maxEdits, [&](int x, int y) { return same(prefix + size_t(x), prefix + size_t(y)); });
    if (middle) {
        ops.insert(ops.end(), middle->begin(), middle->end());
    } else {
        ops.insert(ops.end(), size_t(n), Op::Delete);
        ops.insert(ops.end(), size_t(m), Op::Insert);
    }
    ops.insert(ops.end(), suffix, Op::Equal);

    QList<DiffRun> runs;
    size_t i = 0;
    size_t j = 0;
    const auto originalAt = [&](size_t index) { return index < a.size() ? a[index].start : original.size(); };
    const auto copyAt = [&](size_t index) { return index < b.size() ? b[index].start : copy.size(); };
    for (const Op op : ops) {
        const DiffRun::Kind kind = op == Op::Equal ? DiffRun::Kind::Equal
            : op == Op::Insert                     ? DiffRun::Kind::Inserted
                                                   : DiffRun::Kind::Deleted;
        if (runs.isEmpty() || runs.last().kind != kind) {
            DiffRun run;
            run.kind = kind;
            run.originalStart = run.originalEnd = originalAt(i);
            run.copyStart = run.copyEnd = copyAt(j);
            runs.append(run);
        }
        DiffRun &run = runs.last();
        ++run.words;
        if (op != Op::Insert) {
            run.originalEnd = a[i].end;
            ++i;
        }
        if (op != Op::Delete) {
            run.copyEnd = b[j].end;
            ++j;
        }
    }
    return runs;
}

} // namespace Dossier::Core
