// Fuzzes the re-anchoring of annotations (core/annotations/anchoring.*): an anchor as a library
// may hold it (any offsets, quote and context) re-attached to any changed text.
//
// Input: two little-endian int16 (the anchor's start and end), then UTF-8 parts separated by NUL
// bytes: the new text, the quote, its prefix, its suffix (missing parts are empty).

#include "annotations/anchoring.h"
#include "fuzzsupport.h"

#include <algorithm>
#include <vector>

using namespace Dossier;

namespace
{

// 8 KB of text and quote: the fuzzy search is quadratic (bounded by its own budget), so larger
// inputs only slow the fuzzer down.
constexpr size_t maxInput = 8 * 1024;

qint16 int16At(const uint8_t *data)
{
    return qint16(uint16_t(data[0]) | uint16_t(data[1]) << 8);
}

// Levenshtein distance, for the fuzzy match's promise.
qsizetype editDistance(QStringView a, QStringView b)
{
    std::vector<qsizetype> row(size_t(b.size() + 1));
    for (qsizetype j = 0; j <= b.size(); ++j) {
        row[size_t(j)] = j;
    }
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype above = row[size_t(j)];
            row[size_t(j)] = std::min({ diagonal + (a[i - 1] == b[j - 1] ? 0 : 1), above + 1, row[size_t(j - 1)] + 1 });
            diagonal = above;
        }
    }
    return row[size_t(b.size())];
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > maxInput) {
        return Fuzz::reject;
    }
    if (size < 4) {
        return 0;
    }
    const QList<QByteArray> parts = Fuzz::bytes(data + 4, size - 4).split('\0');
    const auto part = [&](qsizetype i) { return i < parts.size() ? QString::fromUtf8(parts[i]) : QString(); };
    const QString text = part(0);
    Core::TextAnchor anchor;
    anchor.start = int16At(data);
    anchor.end = int16At(data + 2);
    anchor.exact = part(1);
    anchor.prefix = part(2);
    anchor.suffix = part(3);

    const Core::Reanchored result = Core::reanchor(text, anchor);
    if (result.match == Core::AnchorMatch::None) {
        Fuzz::check(result.anchor.exact == anchor.exact && result.anchor.start == anchor.start,
            "an orphaned anchor keeps its old place");
        return 0;
    }
    const Core::TextAnchor &found = result.anchor;
    Fuzz::check(0 <= found.start && found.start < found.end && found.end <= text.size(),
        "a re-attached anchor is a non-empty span of the text");
    const Core::TextAnchor fresh = Core::anchorAt(text, found.start, found.end);
    Fuzz::check(fresh.exact == found.exact && fresh.prefix == found.prefix && fresh.suffix == found.suffix,
        "a re-attached anchor carries the text and context at its place");
    if (result.match == Core::AnchorMatch::Fuzzy) {
        const qsizetype allowed = std::max<qsizetype>(1, anchor.exact.size() / 4);
        Fuzz::check(anchor.exact.size() > 512 || editDistance(anchor.exact, found.exact) <= allowed,
            "a fuzzy match is within a quarter of the quote's length");
    } else {
        Fuzz::check(found.exact == anchor.exact, "a position or exact match is the quote itself");
        Fuzz::check(Core::findQuote(text, anchor.exact).contains(found.start), "findQuote finds the exact match");
        Fuzz::check(result.match == Core::AnchorMatch::Exact || found.start == anchor.start,
            "a position match stays at the old offsets");
    }
    return 0;
}
