#include "analysis/sequencetagger.h"

#include "analysis/modelfile_p.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>

namespace Dossier::Core
{

namespace
{

constexpr quint32 FormatVersion = 2;
// The largest row scale: 64 features × 127 × 2^MaxShift stays well inside 32 bits.
constexpr int MaxShift = 16;
constexpr char Magic[4] = { 'D', 'T', 'A', 'G' };
// The lead given to a label the rules impose: as sure as the tagger's surest.
constexpr float ImposedMargin = 100;

// A name starts and ends with a word and holds only joining words inside: where the tagger's label would
// make 'AI tools with OpenAI-powered' or 'Maverick, only' one name, the name ends before the token instead
// (and before the joining words it ended on), and the token is outside any name.
quint8 keepNameShape(TaggerFeatures &features, qsizetype i, quint8 previous, quint8 label)
{
    if (label == TaggerLabel::Outside) {
        return label;
    }
    const TaggerFeatures::NameRole role = features.nameRole(i);
    if (role == TaggerFeatures::NameRole::Word) {
        return label;
    }
    const bool open = previous != TaggerLabel::Outside
        && (TaggerLabel::positionOf(previous) == SpanPosition::Begin
            || TaggerLabel::positionOf(previous) == SpanPosition::Inside);
    if (!open) {
        return TaggerLabel::Outside; // nothing but a word starts a name
    }
    if (role == TaggerFeatures::NameRole::Joiner && TaggerLabel::positionOf(label) == SpanPosition::Inside
        && (TaggerLabel::kindOf(label) != TaggerLabel::Person || features.joinsPersonName(i))) {
        return label;
    }
    qsizetype j = i - 1;
    while (j > 0 && TaggerLabel::positionOf(features.label(j)) == SpanPosition::Inside
        && features.nameRole(j) == TaggerFeatures::NameRole::Joiner) {
        features.assign(j, TaggerLabel::Outside);
        --j;
    }
    const quint8 last = features.label(j);
    features.assign(j,
        TaggerLabel::make(TaggerLabel::kindOf(last),
            TaggerLabel::positionOf(last) == SpanPosition::Begin ? SpanPosition::Unit : SpanPosition::Last));
    return TaggerLabel::Outside;
}

// 'Derek C' + 'Bok' → 'Derek C. Bok': a person's name that ends in a middle initial goes on over its dot and the
// capitalised word after it (and the rest of a name starting there, whatever the tagger took it for).
void joinMiddleInitials(TaggerFeatures &features, std::vector<float> &margins)
{
    using TaggerLabel::kindOf;
    using TaggerLabel::make;
    using TaggerLabel::positionOf;
    for (qsizetype i = 1; i + 2 < features.size(); ++i) {
        const quint8 label = features.label(i);
        if (label == TaggerLabel::Outside || kindOf(label) != TaggerLabel::Person
            || (positionOf(label) != SpanPosition::Last && positionOf(label) != SpanPosition::Unit)
            || !features.isInitialBeforeName(i)) {
            continue;
        }
        const quint8 inside = make(TaggerLabel::Person, SpanPosition::Inside);
        features.assign(
            i, positionOf(label) == SpanPosition::Unit ? make(TaggerLabel::Person, SpanPosition::Begin) : inside);
        features.assign(i + 1, inside);
        margins[size_t(i + 1)] = margins[size_t(i)];
        qsizetype k = i + 2;
        const quint8 next = features.label(k);
        if (next != TaggerLabel::Outside && positionOf(next) == SpanPosition::Begin) {
            // The name that starts there becomes the rest of this one.
            while (k + 1 < features.size() && features.label(k) != TaggerLabel::Outside
                && positionOf(features.label(k)) != SpanPosition::Last) {
                features.assign(k, inside);
                ++k;
            }
        }
        features.assign(k, make(TaggerLabel::Person, SpanPosition::Last));
        margins[size_t(k)] = std::min(margins[size_t(k)], margins[size_t(i)]);
        i = k;
    }
}

// 'N', 'A N' of 'N / A N / A', the 'I' of a quote: a name of single letters (and marks) alone is none.
void dropLetterNames(TaggerFeatures &features)
{
    for (qsizetype i = 0; i < features.size(); ++i) {
        if (features.label(i) == TaggerLabel::Outside) {
            continue;
        }
        qsizetype end = i;
        bool letters = true;
        while (true) {
            letters = letters && (features.isSingleLetter(end) || features.isMark(end));
            const SpanPosition position = TaggerLabel::positionOf(features.label(end));
            if (position == SpanPosition::Last || position == SpanPosition::Unit || end + 1 >= features.size()) {
                break;
            }
            ++end;
        }
        if (letters) {
            for (qsizetype k = i; k <= end; ++k) {
                features.assign(k, TaggerLabel::Outside);
            }
        }
        i = end;
    }
}

// 'Aaron Moten's Maximus. Maximus is a squire', 'The Ghoul (Walton Goggins). Ghouls in Fallout': a name does not
// go on over the end of a sentence. It ends at its last word before the stop (marks such as an unopened ')' let
// go), and what follows the stop is a name of its own only when it is clearly one.
void splitAtSentenceEnds(TaggerFeatures &features)
{
    using TaggerLabel::kindOf;
    using TaggerLabel::make;
    using TaggerLabel::positionOf;
    for (qsizetype i = 1; i + 1 < features.size(); ++i) {
        const quint8 label = features.label(i);
        if (label == TaggerLabel::Outside || positionOf(label) != SpanPosition::Inside || !features.endsSentence(i)) {
            continue;
        }
        const int kind = kindOf(label);
        qsizetype last = i - 1; // the name's last word before the stop
        while (last >= 0 && features.isMark(last) && positionOf(features.label(last)) == SpanPosition::Inside) {
            --last;
        }
        for (qsizetype k = last + 1; k <= i; ++k) {
            features.assign(k, TaggerLabel::Outside);
        }
        if (last >= 0) {
            const quint8 before = features.label(last);
            features.assign(
                last, make(kind, positionOf(before) == SpanPosition::Begin ? SpanPosition::Unit : SpanPosition::Last));
        }
        // The tagger took the rest for part of the name before: a weak sign that it is one of its own. Only a
        // rest of several words that starts with no ordinary word stays a name ('Thank God', 'It' do not).
        if (positionOf(features.label(i + 1)) == SpanPosition::Last || features.isCommon(i + 1)) {
            for (qsizetype k = i + 1; k < features.size() && features.label(k) != TaggerLabel::Outside; ++k) {
                const SpanPosition position = positionOf(features.label(k));
                features.assign(k, TaggerLabel::Outside);
                if (position == SpanPosition::Last || position == SpanPosition::Unit || features.lastOfLine(k)) {
                    break;
                }
            }
        } else {
            features.assign(i + 1, make(kind, SpanPosition::Begin));
        }
    }
}

// 'Kevin (Zac Efron)', 'Mike (Stanley Simons)': a name holds a bracket only whole ('Mladost (L)', 'Azad (free)
// Kashmir'). One it opens and does not close ends it, and so does one it closes and did not open ('Kauri
// (Tekaurinui Robert) Parata'); what follows the bracket is a name of its own.
void splitAtOpenBrackets(TaggerFeatures &features)
{
    using TaggerLabel::kindOf;
    using TaggerLabel::make;
    using TaggerLabel::positionOf;
    const auto relabel = [&](qsizetype first, qsizetype last, int kind) { // tokens [first, last] one name
        while (first <= last && (features.isMark(first) || features.isLowerWord(first))) {
            features.assign(first++, TaggerLabel::Outside);
        }
        for (qsizetype k = first; k <= last; ++k) {
            features.assign(k,
                make(kind,
                    first == last    ? SpanPosition::Unit
                        : k == first ? SpanPosition::Begin
                        : k == last  ? SpanPosition::Last
                                     : SpanPosition::Inside));
        }
    };
    for (qsizetype i = 0; i < features.size(); ++i) {
        if (features.label(i) == TaggerLabel::Outside) {
            continue;
        }
        const int kind = kindOf(features.label(i));
        qsizetype end = i;
        while (end + 1 < features.size() && features.label(end + 1) != TaggerLabel::Outside
            && positionOf(features.label(end)) != SpanPosition::Last
            && positionOf(features.label(end)) != SpanPosition::Unit && !features.lastOfLine(end)) {
            ++end;
        }
        qsizetype unclosed = -1; // the last bracket opened in the name and not closed in it
        qsizetype unopened = -1; // the first bracket closed in the name and not opened in it
        int depth = 0;
        for (qsizetype k = i; k <= end; ++k) {
            const int b = features.bracket(k);
            if (b > 0 && depth == 0) {
                unclosed = k;
            } else if (b < 0 && depth == 0 && unopened < 0) {
                unopened = k;
            }
            depth = std::max(0, depth + b);
        }
        const qsizetype stray = depth > 0 && unclosed >= 0 ? unclosed : unopened;
        if (stray >= 0) {
            features.assign(stray, TaggerLabel::Outside);
            if (stray > i) {
                relabel(i, stray - 1, kind);
            }
            if (stray < end) {
                relabel(stray + 1, end, kind);
            }
        }
        i = end;
    }
}

} // namespace

bool TaggerLabel::allowed(quint8 previous, quint8 next, bool lastOfLine)
{
    const bool open = previous != Outside
        && (positionOf(previous) == SpanPosition::Begin || positionOf(previous) == SpanPosition::Inside);
    if (next == Outside) {
        return !open;
    }
    const SpanPosition position = positionOf(next);
    if (open) {
        return kindOf(next) == kindOf(previous)
            && (position == SpanPosition::Last || (position == SpanPosition::Inside && !lastOfLine));
    }
    return position == SpanPosition::Unit || (position == SpanPosition::Begin && !lastOfLine);
}

const SequenceTagger &SequenceTagger::instance()
{
    static const SequenceTagger tagger = loadCompiledModel<SequenceTagger>(
        QStringLiteral(":/dossier/models/tagger.bin"), "the entity tagger model is", "names come from the rules alone");
    return tagger;
}

bool SequenceTagger::load(const QByteArray &data, QString *error)
{
    const auto fail = [&](const char *why) {
        *error = QString::fromLatin1(why);
        m_bits = 0;
        m_rows.clear();
        return false;
    };
    constexpr qsizetype header = 4 + 5 * 4;
    if (data.size() < header || !data.startsWith(QByteArrayView(Magic, 4))) {
        return fail("not a tagger model");
    }
    const char *p = data.constData() + 4;
    const quint32 format = qFromLittleEndian<quint32>(p);
    const quint32 bits = qFromLittleEndian<quint32>(p + 4);
    const quint32 labels = qFromLittleEndian<quint32>(p + 8);
    const quint32 features = qFromLittleEndian<quint32>(p + 12);
    const quint32 rows = qFromLittleEndian<quint32>(p + 16);
    if (format != FormatVersion || labels != quint32(TaggerLabel::Count)) {
        return fail("unknown format");
    }
    if (features != TaggerFeatures::Version) {
        return fail("trained on other features");
    }
    if (bits < 8 || bits > 26) {
        return fail("bad header");
    }
    m_bits = int(bits);
    m_rows.assign(size_t(1) << bits, Row {});
    const char *end = data.constData() + data.size();
    p = data.constData() + header;
    quint64 bucket = 0;
    for (quint32 r = 0; r < rows; ++r) {
        quint64 delta = 0;
        int shift = 0;
        while (true) {
            if (p >= end || shift > 35) {
                return fail("truncated");
            }
            const quint8 byte = quint8(*p++);
            delta |= quint64(byte & 0x7f) << shift;
            shift += 7;
            if (!(byte & 0x80)) {
                break;
            }
        }
        bucket += delta;
        if (bucket >= (quint64(1) << bits) || end - p < 1 + TaggerLabel::Count) {
            return fail("truncated");
        }
        Row &row = m_rows[size_t(bucket)];
        row.shift = quint8(*p);
        if (row.shift > MaxShift) {
            return fail("bad weights");
        }
        std::copy(p + 1, p + 1 + TaggerLabel::Count, row.weights);
        p += 1 + TaggerLabel::Count;
    }
    if (p != end) {
        return fail("trailing data");
    }
    return true;
}

QByteArray SequenceTagger::serialize(const std::vector<float> &weights, int bits)
{
    QByteArray rows;
    quint32 count = 0;
    quint64 last = 0;
    const size_t buckets = size_t(1) << bits;
    qint8 q[TaggerLabel::Count];
    for (size_t b = 0; b < buckets; ++b) {
        // One scale per row: a row is (mostly) one feature, and features' weights differ by orders of magnitude.
        const float *w = weights.data() + b * TaggerLabel::Count;
        float largest = 0;
        for (int l = 0; l < TaggerLabel::Count; ++l) {
            largest = std::max(largest, std::abs(w[l]) * float(1 << FractionBits));
        }
        int shift = 0;
        while (shift < MaxShift && largest / float(1 << shift) > 127.0f) {
            ++shift;
        }
        const float step = float(1 << shift) / float(1 << FractionBits);
        bool zero = true;
        for (int l = 0; l < TaggerLabel::Count; ++l) {
            q[l] = qint8(std::lround(std::clamp(w[l] / step, -127.0f, 127.0f)));
            zero = zero && q[l] == 0;
        }
        if (zero) {
            continue;
        }
        quint64 delta = b - last;
        last = b;
        do {
            const quint8 byte = quint8(delta & 0x7f);
            delta >>= 7;
            rows.append(char(delta ? byte | 0x80 : byte));
        } while (delta);
        rows.append(char(shift));
        rows.append(reinterpret_cast<const char *>(q), TaggerLabel::Count);
        ++count;
    }
    QByteArray out(Magic, 4);
    appendU32(&out, FormatVersion);
    appendU32(&out, quint32(bits));
    appendU32(&out, quint32(TaggerLabel::Count));
    appendU32(&out, TaggerFeatures::Version);
    appendU32(&out, count);
    out.append(rows);
    return out;
}

QList<TaggedSpan> SequenceTagger::tag(TaggerFeatures &features, std::vector<float> *tokenMargins) const
{
    const qsizetype n = features.size();
    std::vector<float> own;
    std::vector<float> &margins = tokenMargins ? *tokenMargins : own;
    margins.assign(size_t(n), 0.0f);
    if (!isLoaded()) {
        return {};
    }
    TaggerFeatureList list;
    QVarLengthArray<const Row *, 64> rows;
    for (qsizetype i = 0; i < n; ++i) {
        const quint8 previous = i == 0 || features.lastOfLine(i - 1) ? TaggerLabel::Outside : features.label(i - 1);
        const bool closed = previous == TaggerLabel::Outside || TaggerLabel::positionOf(previous) == SpanPosition::Last
            || TaggerLabel::positionOf(previous) == SpanPosition::Unit;
        if (closed && features.isPlain(i) && features.imposed(i) == TaggerFeatures::NoLabel) {
            // Most tokens: a comma, 'the', '1996' start no name (on CoNLL-2003 dev, scoring them changes no label).
            features.assign(i, TaggerLabel::Outside);
            margins[size_t(i)] = ImposedMargin;
            continue;
        }
        list.clear();
        features.features(i, &list);
        rows.clear();
        for (const quint64 f : std::as_const(list)) {
            const Row *row = &m_rows[bucket(f, m_bits)];
#if defined(__GNUC__)
            __builtin_prefetch(row);
            __builtin_prefetch(&row->shift);
#endif
            rows.append(row);
        }
        qint32 scores[TaggerLabel::Count] = {};
        for (const Row *row : std::as_const(rows)) {
            const int shift = row->shift;
            for (int l = 0; l < TaggerLabel::Count; ++l) {
                scores[l] += qint32(row->weights[l]) << shift;
            }
        }
        qint32 lead = 0;
        quint8 label = best(scores, previous, features.lastOfLine(i), &lead);
        float margin = float(lead) / float(1 << FractionBits);
        const quint8 imposed = features.imposed(i);
        if (imposed != TaggerFeatures::NoLabel && imposed != label) {
            label = imposed;
            margin = ImposedMargin;
            if (!TaggerLabel::allowed(previous, label, features.lastOfLine(i))) {
                // A name left open before the title ends where the title starts.
                const SpanPosition position = TaggerLabel::positionOf(previous);
                features.assign(i - 1,
                    TaggerLabel::make(TaggerLabel::kindOf(previous),
                        position == SpanPosition::Begin ? SpanPosition::Unit : SpanPosition::Last));
            }
        }
        label = keepNameShape(features, i, previous, label);
        features.assign(i, label);
        margins[size_t(i)] = margin;
    }
    settleNames(features, margins);
    return spans(features, margins);
}

void SequenceTagger::settleNames(TaggerFeatures &features, std::vector<float> &margins)
{
    splitAtSentenceEnds(features);
    joinMiddleInitials(features, margins);
    splitAtOpenBrackets(features);
    dropLetterNames(features);
}

QList<TaggedSpan> SequenceTagger::spans(const TaggerFeatures &features, const std::vector<float> &margins)
{
    QList<TaggedSpan> out;
    TaggedSpan open;
    bool isOpen = false;
    const auto close = [&](qsizetype end) {
        if (isOpen) {
            open.last = end;
            out.append(open);
        }
        isOpen = false;
    };
    for (qsizetype i = 0; i < features.size(); ++i) {
        const quint8 label = features.label(i);
        if (label == TaggerLabel::Outside) {
            close(i);
            continue;
        }
        const int kind = TaggerLabel::kindOf(label);
        const SpanPosition position = TaggerLabel::positionOf(label);
        const bool starts = position == SpanPosition::Begin || position == SpanPosition::Unit;
        if (!isOpen || starts || open.kind != kind || (i > 0 && features.lastOfLine(i - 1))) {
            close(i);
            open = TaggedSpan { i, i + 1, kind, margins[size_t(i)] };
            isOpen = true;
        }
        open.margin = std::min(open.margin, margins[size_t(i)]);
        if (position == SpanPosition::Last || position == SpanPosition::Unit || features.lastOfLine(i)) {
            close(i + 1);
        }
    }
    close(features.size());
    return out;
}

} // namespace Dossier::Core
