#pragma once

#include "formats/articlereader.h"

namespace Dossier::Core
{

/*! \brief Reads plain text scrapes (.txt and anything that is not HTML or Markdown). */
class TextReader final : public ArticleReader
{
public:
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;
};

} // namespace Dossier::Core
