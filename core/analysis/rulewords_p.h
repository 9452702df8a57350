#pragma once

#include <QSet>
#include <QString>

/*! The closed word lists the rule recognizer reads (case-folded): what ends or starts an organisation's or a
    place's name, event words, directions, function words, name particles and verbs of speech. */
namespace Dossier::Core::RuleWords
{
const QSet<QString> &orgSuffixes();
const QSet<QString> &orgHeads();
const QSet<QString> &locationSuffixes();
const QSet<QString> &locationHeads();
const QSet<QString> &eventWords();
const QSet<QString> &directions();
const QSet<QString> &functionWords();
const QSet<QString> &particles();
const QSet<QString> &speechVerbs();
} // namespace Dossier::Core::RuleWords
