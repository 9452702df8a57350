// Fuzzes the encoding detector and decoder (core/formats/textdecoder.*): BOMs, UTF-16 sniffing,
// strict and mixed UTF-8, declared charsets (any label a page may carry) and uchardet.

#include "formats/textdecoder.h"
#include "fuzzsupport.h"

#include <QStringDecoder>

#include <iterator>

using namespace Dossier;

namespace
{

// 64 KB is enough for every path (uchardet, the binary and UTF-16 sniffers look at less).
constexpr size_t maxInput = 64 * 1024;

// Labels a page may declare; the first byte of the input picks one, or the page's own <meta>.
constexpr const char *labels[] = { "utf-8", "windows-1252", "iso-8859-1", "shift_jis", "euc-jp", "utf-16le", "utf-16be",
    "gb18030", "koi8-r", "big5", "x-no-such-charset", "" };

bool hasBom(const QByteArray &bytes)
{
    return bytes.startsWith("\xEF\xBB\xBF") || bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")
        || bytes.startsWith(QByteArrayView("\x00\x00\xFE\xFF", 4));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > maxInput) {
        return Fuzz::reject;
    }
    const QByteArray input = Fuzz::bytes(data, size);
    const QByteArray declared = Core::TextDecoder::htmlDeclaredCharset(input);
    const Core::DecodeResult fromPage = Core::TextDecoder::decode(input, declared);
    const QByteArray label = size == 0 ? QByteArray() : QByteArray(labels[data[0] % std::size(labels)]);
    const Core::DecodeResult result = Core::TextDecoder::decode(input, label);
    Fuzz::check(result.ok() == fromPage.ok(), "a declared charset never makes bytes unreadable");
    Fuzz::check(result.ok() || result.text.isEmpty(), "a failed decode returns no text");
    Fuzz::check(!result.ok() || !result.encoding.isEmpty(), "a decode names its encoding");

    const bool utf8 = Core::TextDecoder::isValidUtf8(input);
    QStringDecoder strict(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString decoded = strict.decode(input); // converts only when made a QString
    Fuzz::check(utf8 == !strict.hasError(), "isValidUtf8 agrees with Qt's UTF-8 decoder");
    // Valid UTF-8 without a BOM or NUL bytes (which UTF-16 sniffing looks for) is read as UTF-8,
    // whatever the page declares.
    if (result.ok() && utf8 && !hasBom(input) && !input.contains('\0')) {
        Fuzz::check(result.encoding == u"UTF-8" && fromPage.encoding == u"UTF-8", "valid UTF-8 is read as UTF-8");
        Fuzz::check(result.text == decoded, "valid UTF-8 decodes unchanged");
    }
    return 0;
}
