#pragma once

#include "analysis/entityrecognizer.h"
#include "analysis/tokenizer.h"

#include <QList>
#include <QStringView>

#include <functional>

namespace Dossier::Core
{

/*!
    What the document itself says a name is: 'the film studio Neon' and 'Knotel, the flexible office provider,'
    make a name an organisation in every mention of it, unless the document also writes ', who' after it
    or the name is a place the gazetteers know; 'Pipedrive, which sells …' makes a person an organisation
    (not after 'said', 'of', a title or a first name, where the clause may be about something else). Names the tagger
   left out are added where such a phrase stands right beside a capitalised run that is not an ordinary word (\a
   isCommon tells those by token index).
    \a mentions stay sorted by start.
*/
void applyOrganisationCues(QStringView text, const QList<Token> &tokens, const std::function<bool(qsizetype)> &isCommon,
    QList<RawMention> *mentions);

} // namespace Dossier::Core
