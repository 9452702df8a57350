#pragma once

#include "export/evidencepack.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Dossier::Core
{

/*! \brief One author of an article as citation formats want it. */
struct CitationName {
    QString family;
    QString given;
    QString literal; //!< an organisation or a single word ("Reuters"): no family/given split

    friend bool operator==(const CitationName &, const CitationName &) = default;
};

/*!
    Splits an article's byline into authors: "By Ana Ruiz and Tom Lee" gives two names; beside
    people, roles and outlets ("Ana Ruiz, Reuters") are left out, and alone they are one literal
    name ("Reuters"); particles stay with the family name ("Karin van der Berg" → family
    "van der Berg"); "Ruiz, Ana" is one name written family first.
*/
QList<CitationName> citationNames(const QString &byline);

/*!
    Citation keys for the pack's articles, in pack order: family name of the first author (else the
    first word of the source or the title), year, first word of the title that is not a stop word,
    folded to ASCII ("ruiz2026harbour"); "a", "b", … appended when two articles would share one.
*/
QStringList citationKeys(const EvidencePack &pack);

/*! The pack's articles as CSL-JSON (an array of items, as Zotero and citeproc read them). */
QByteArray toCslJson(const EvidencePack &pack);
/*! The pack's articles as RIS records (TY NEWS, or GEN when no outlet is known). */
QByteArray toRis(const EvidencePack &pack);
/*! The pack's articles as BibTeX/biblatex entries (@article with journal, or @misc). */
QByteArray toBibTex(const EvidencePack &pack);

} // namespace Dossier::Core
