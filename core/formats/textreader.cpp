#include "formats/textreader.h"

#include "analysis/plaintextextractor.h"
#include "formats/textdecoder.h"

namespace Dossier::Core
{

QString TextReader::format() const
{
    return QStringLiteral("text");
}

int TextReader::confidence(QStringView suffix, QByteArrayView) const
{
    return suffix == u"txt" || suffix == u"text" ? 80 : 10;
}

ReadResult TextReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    ReadResult result;
    DecodeResult decoded = TextDecoder::decode(bytes);
    if (!decoded.ok()) {
        result.error = decoded.error;
        return result;
    }
    result.encoding = decoded.encoding;
    result.rawText = std::move(decoded.text);
    if (options.raw) {
        result.body = result.rawText;
        return result;
    }
    Extraction extraction = PlainTextExtractor::extract(result.rawText);
    result.body = std::move(extraction.body);
    result.meta = std::move(extraction.meta);
    return result;
}

} // namespace Dossier::Core
