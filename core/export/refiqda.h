#pragma once

#include "export/evidencepack.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QUuid>

namespace Dossier::Core
{

/*!
    \brief The REFI-QDA exchange standard (QDA-XML 1.0), as MAXQDA, NVivo, ATLAS.ti and QualCoder
    read it.

    Tags become codes: a tag named "Safety/Fire" is the code "Fire" inside the code "Safety" (a
    parent that is not itself a tag is not codable). Every GUID is derived from what it names (a
    code from its path, a source from its article's SHA-256, a selection from its source and
    offsets), so the same library exports the same GUIDs every time.
*/
namespace RefiQda
{

/*! The GUID of \a kind named \a name ("code", "Safety/Fire"): a name-based (version 5) UUID. */
QUuid guid(QStringView kind, const QString &name);

/*! The codebook as a .qdc file (urn:QDA-XML:codebook:1.0). */
QByteArray codebook(const QList<Tag> &tags);

/*! \brief A project.qde and the plain-text source files it refers to (by "internal://" path). */
struct Project {
    QByteArray qde;
    QMap<QString, QByteArray> sources; //!< "Sources/<guid>.txt" → UTF-8 text with LF line ends
};

/*!
    The pack as a REFI-QDA project: each article a TextSource (its body, line ends normalised to LF),
    each passage a PlainTextSelection (code-point offsets into that text) with one Coding per tag
    and its note as a Note, each article tag a Coding of the whole source. Passages no longer in
    their article are left out. \a user names the one user every item is credited to.
*/
Project project(const EvidencePack &pack, const QString &user);

/*! The project packed as a .qdpx (a zip of project.qde and Sources/). Empty with \a error set on failure. */
QByteArray qdpx(const EvidencePack &pack, const QString &user, QString *error);

} // namespace RefiQda

} // namespace Dossier::Core
