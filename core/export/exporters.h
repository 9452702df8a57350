#pragma once

#include "export/evidencepack.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QTextDocument;
class QPagedPaintDevice;

namespace Dossier::Core
{

enum class ExportFormat { Pdf, Markdown, JsonLd, CslJson, Ris, BibTex, Qdpx, Qdc };

/*! "pdf", "md" (or "markdown"), "jsonld" (or "json-ld"), "csl-json" (or "csljson"), "ris",
    "bibtex" (or "bib"), "qdpx" (REFI-QDA project), "qdc" (REFI-QDA codebook). */
std::optional<ExportFormat> exportFormatFromName(QStringView name);
/*! The usual file suffix of \a format, without the dot. */
QString exportSuffix(ExportFormat format);
/*! The name exportFormatFromName() reads for \a format ("pdf", "md", "jsonld", "csl-json", "ris", "bibtex",
    "qdpx", "qdc"). */
QString exportFormatName(ExportFormat format);
/*! True for the formats that cite articles (CSL-JSON, RIS, BibTeX) rather than carry passages. */
bool isCitationFormat(ExportFormat format);
/*! True for the formats that carry each article's whole text whatever the selection asks (REFI-QDA
    projects) or no text at all (citations, codebooks): the "full text" choice does not apply. */
bool fullTextIsFixed(ExportFormat format);

/*! The pack as Markdown: cover lines, contents, then per article its metadata and passages as quotes. */
QString toMarkdown(const EvidencePack &pack);

/*!
    The pack as JSON-LD in the W3C Web Annotation model: an AnnotationCollection whose first page
    holds one Annotation per passage, each targeting its article with a TextQuoteSelector and a
    TextPositionSelector (Unicode code points), its body the note (commenting) and the tags (tagging).
*/
QByteArray toJsonLd(const EvidencePack &pack);

/*!
    Lays the pack out in \a document for \a device's pages: cover, contents with page numbers,
    then per article its heading, metadata, provenance and passages as quote blocks in their
    highlight colours (and the full text with highlights when the pack asks for it). Used for the
    PDF and for the GUI's print preview.
*/
void layOutPack(const EvidencePack &pack, QTextDocument *document, QPagedPaintDevice *device);

/*! Called with (done, total) pages while printing; return false to cancel. */
using PageProgress = std::function<bool(int done, int total)>;

/*! Prints \a document (laid out by layOutPack() for \a device) on \a device, one page at a time,
    with page numbers. False when cancelled. */
bool printPack(QTextDocument *document, QPagedPaintDevice *device, const PageProgress &progress = {});

/*! Writes \a pack to \a path as \a format, atomically (nothing is left behind on failure or
    cancel). False with \a error set. */
bool writePack(const EvidencePack &pack, ExportFormat format, const QString &path, QString *error,
    const PageProgress &progress = {});

} // namespace Dossier::Core
