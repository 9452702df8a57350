#pragma once

#include "formats/articlereader.h"

namespace Dossier::Core
{

/*! \brief Reads Markdown notes, with optional YAML front matter (title, date, source, author, url). */
class MarkdownReader final : public ArticleReader
{
public:
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;
};

} // namespace Dossier::Core
