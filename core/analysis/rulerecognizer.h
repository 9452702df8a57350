#pragma once

#include "analysis/entityrecognizer.h"
#include "analysis/tokenizer.h"

namespace Dossier::Core
{

/*! Position of a token inside a span: Begin, Inside, Last, or Unit (a one-token span). */
enum class SpanPosition : quint8 { Begin, Inside, Last, Unit };

/*!
    \brief What the rule recognizer found in a text, mention by mention and token by token: the sequence
    tagger reads the per-token codes as features, and the final recognizer takes DATE, MONEY, titles and
    canonical names from the mentions.
*/
struct RuleEvidence {
    QList<RawMention> mentions; //!< what the rule recognizer reports, sorted by start, not overlapping
    /*! Per token: 0, or 1 + (kind × 4 + SpanPosition) of the gazetteer entry covering it, kind 0 place,
        1 organisation, 2 demonym (longest match, left to right, as the rules segment a capitalised run). */
    QList<quint8> gazetteer;
    /*! Per token: 0, or 1 + ((type × 3 + confidence) × 4 + SpanPosition) of the rule mention covering it. */
    QList<quint8> rule;
    /*! Per token: the line's mode, 0 prose, 1 Title Case heading, 2 ALL CAPS. */
    QList<quint8> line;
    /*! Per token: 1 for the words of a title before a name ('Foreign Minister', 'Secretary of State'), 5 +
        SpanPosition for the name after it, else 0. */
    QList<quint8> title;
};

/*! Runs the rules and gazetteers over \a tokens (tokenize(\a text)). Thread-safe. */
RuleEvidence recognizeWithRules(QStringView text, const QList<Token> &tokens, const RecognizeContext &context);

/*! The rule recognizer alone (capitalised runs typed by gazetteers and cues, plus dates and amounts). */
const EntityRecognizer &ruleRecognizer();

} // namespace Dossier::Core
