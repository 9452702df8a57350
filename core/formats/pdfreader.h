#pragma once

#include "formats/articlereader.h"

namespace Dossier::Core
{

/*!
    \brief Reads PDF files through Poppler: the text layer in reading order (columns, paragraphs and
    hyphenation rebuilt from the words' positions, running headers, footers and page numbers dropped),
    title, author and date from the document information or its XMP metadata, else the title from the
    first page's largest type, and where each page begins in the body. A PDF without any text (scanned
    pages) or that needs a password is an error; nothing is rendered and nothing fetched.
*/
class PdfReader final : public ArticleReader
{
public:
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;
};

} // namespace Dossier::Core
