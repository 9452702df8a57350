#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Dossier::Core
{

class Library;

/*! \brief What importing a REFI-QDA project brought in, and what it left out and why. */
struct QdpxImportReport {
    QList<qint64> articles; //!< one per text source, in project order
    int passages = 0; //!< text selections become highlights
    int codes = 0; //!< codable codes, now tags of the codebook
    int articleTags = 0; //!< codings of a whole source, now article tags
    int notes = 0; //!< notes attached to passages
    QStringList skipped; //!< one line per thing not imported, saying why
};

/*!
    Imports the text sources of the REFI-QDA project \a qdpxPath into \a library: each text source's
    text is written to a file in \a sourcesDir (created as needed; a file already there with the same
    text is reused) and stored as an article read as-is (no cleaning, so the project's positions
    hold), titled with the source's name; codable codes become tags with their colours (a code
    inside another is "Parent/Child"); each text selection becomes a highlight with one tag per
    coding and its notes as its note; codings of a whole source become article tags. Picture, PDF,
    audio and video sources, cases, variables, sets, links and graphs are listed in
    QdpxImportReport::skipped. nullopt with \a error set when the project cannot be read or the
    library refuses a write (what was stored before stays).
*/
std::optional<QdpxImportReport> importQdpx(
    Library &library, const QString &qdpxPath, const QString &sourcesDir, QString *error);

} // namespace Dossier::Core
