#pragma once

#include "formats/articlereader.h"

namespace Dossier::Core
{

/*! \brief Reads saved web pages, parsed with gumbo (HTML5); the main article is extracted. */
class HtmlReader final : public ArticleReader
{
public:
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;
};

} // namespace Dossier::Core
