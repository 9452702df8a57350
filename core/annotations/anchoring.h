#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Dossier::Core
{

/*!
    \brief Where a passage is and what it says: the W3C Web Annotation TextQuoteSelector
    (exact, prefix, suffix) together with its TextPositionSelector (start, end; UTF-16 offsets
    into the article body).
*/
struct TextAnchor {
    qsizetype start = 0;
    qsizetype end = 0;
    QString exact;
    QString prefix;
    QString suffix;
};

/*! How much context (UTF-16 units) is kept before and after a quote. */
constexpr qsizetype anchorContextLength = 32;

/*! The anchor of [\a start, \a end) in \a text, with its context; nullopt-like (end < start) when out of range. */
TextAnchor anchorAt(QStringView text, qsizetype start, qsizetype end);

/*! Every position where \a quote occurs in \a text, in order. */
QList<qsizetype> findQuote(QStringView text, QStringView quote);

/*! \brief How an anchor was re-attached to changed text. */
enum class AnchorMatch {
    Position, //!< the quote is still at its old offsets
    Exact, //!< the quote was found elsewhere, unchanged
    Fuzzy, //!< text close to the quote was found near the old place
    None, //!< nothing close enough: the annotation is orphaned
};

struct Reanchored {
    AnchorMatch match = AnchorMatch::None;
    TextAnchor anchor; //!< the new anchor (for None, the old one)
};

/*!
    Re-attaches \a anchor to \a text after the text changed: at the old offsets when the quote is
    still there; else at the exact occurrence whose context and position agree best; else at the
    closest approximate match (edit distance at most a quarter of the quote) near the old
    position. Deterministic; bounded work for any input.
*/
Reanchored reanchor(QStringView text, const TextAnchor &anchor);

} // namespace Dossier::Core
