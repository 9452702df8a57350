#pragma once

#include "analysis/entityrecognizer.h"
#include "analysis/tokenizer.h"

namespace Dossier::Core
{

/*!
    Finds DATE and MONEY mentions among \a tokens of \a text and appends them to \a out, normalised:
    absolute dates as ISO 8601 ('13 November 2024' → '2024-11-13', 'July 2018' → '2018-07'), relative ones
    ('next month', 'Saturday', 'May 7') resolved against \a articleDate — and left out when it is invalid —,
    amounts as '<number> <ISO 4217 code>' ('$2.8 billion' → '2800000000 USD').
*/
void recognizeQuantities(QStringView text, const QList<Token> &tokens, QDate articleDate, QList<RawMention> *out);

/*! '2.8' × 10^9 → '2800000000', exactly (no floating point); empty when \a number is not a plain amount
    ('9,000' and '1.5' are; '12-15' is not). */
QString scaleAmount(QStringView number, int exponent);

} // namespace Dossier::Core
