#include "formats/textdecoder.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <uchardet.h>

namespace Dossier::Core
{

namespace
{

struct Bom {
    QByteArrayView bytes;
    QStringConverter::Encoding encoding;
    const char *name;
};

// UTF-32LE's BOM starts with UTF-16LE's, so the longer ones come first.
constexpr Bom boms[] = {
    { QByteArrayView("\xFF\xFE\x00\x00", 4), QStringConverter::Utf32LE, "UTF-32LE" },
    { QByteArrayView("\x00\x00\xFE\xFF", 4), QStringConverter::Utf32BE, "UTF-32BE" },
    { QByteArrayView("\xEF\xBB\xBF", 3), QStringConverter::Utf8, "UTF-8" },
    { QByteArrayView("\xFF\xFE", 2), QStringConverter::Utf16LE, "UTF-16LE" },
    { QByteArrayView("\xFE\xFF", 2), QStringConverter::Utf16BE, "UTF-16BE" },
};

// Canonical names for what uchardet and <meta charset> say, so reports are stable.
QString canonicalName(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().trimmed().toLower();
    if (lower == "utf-8" || lower == "utf8" || lower == "ascii" || lower == "us-ascii") {
        return QStringLiteral("UTF-8");
    }
    if (lower == "iso-8859-1" || lower == "latin1" || lower == "latin-1" || lower == "iso8859-1") {
        return QStringLiteral("ISO-8859-1");
    }
    if (lower == "windows-1252" || lower == "cp1252") {
        return QStringLiteral("windows-1252");
    }
    if (lower == "shift_jis" || lower == "shift-jis" || lower == "sjis" || lower == "cp932" || lower == "windows-31j") {
        return QStringLiteral("Shift_JIS");
    }
    if (lower == "euc-jp" || lower == "eucjp") {
        return QStringLiteral("EUC-JP");
    }
    return QString::fromLatin1(name.toByteArray().trimmed());
}

// Decodes strictly: returns false when the bytes are not valid in the encoding.
bool decodeStrict(const QByteArray &bytes, const QString &encoding, QString *out)
{
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    if (!decoder.isValid()) {
        return false;
    }
    *out = decoder.decode(bytes);
    return !decoder.hasError();
}

bool looksBinary(QByteArrayView bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 8192);
    int controls = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == 0) {
            return true;
        }
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b) {
            ++controls;
        }
    }
    return n > 0 && controls * 20 > n; // more than 5% control characters
}

// UTF-16 without a BOM: every other byte of ASCII text is zero.
const char *sniffUtf16(QByteArrayView bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size() & ~qsizetype(1), 4096);
    if (n < 4) {
        return nullptr;
    }
    int evenZero = 0;
    int oddZero = 0;
    for (qsizetype i = 0; i < n; i += 2) {
        evenZero += bytes[i] == 0;
        oddZero += bytes[i + 1] == 0;
    }
    const int pairs = int(n / 2);
    if (oddZero * 10 > pairs * 7 && evenZero * 10 < pairs) {
        return "UTF-16LE";
    }
    if (evenZero * 10 > pairs * 7 && oddZero * 10 < pairs) {
        return "UTF-16BE";
    }
    return nullptr;
}

QString detect(const QByteArray &bytes)
{
    uchardet_t detector = uchardet_new();
    // uchardet needs no more than a generous sample to decide.
    const qsizetype sample = std::min<qsizetype>(bytes.size(), 256 * 1024);
    QString result;
    if (uchardet_handle_data(detector, bytes.constData(), size_t(sample)) == 0) {
        uchardet_data_end(detector);
        result = canonicalName(QByteArrayView(uchardet_get_charset(detector)));
    }
    uchardet_delete(detector);
    return result;
}

} // namespace

bool TextDecoder::isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}

QByteArray TextDecoder::htmlDeclaredCharset(QByteArrayView head)
{
    static const QRegularExpression meta(QStringLiteral(R"(<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+))"),
        QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromLatin1(head.first(std::min<qsizetype>(head.size(), 4096)));
    const auto match = meta.match(text);
    return match.hasMatch() ? match.captured(1).toLatin1() : QByteArray();
}

DecodeResult TextDecoder::decode(const QByteArray &bytes, const QByteArray &declared)
{
    DecodeResult result;
    for (const Bom &bom : boms) {
        if (bytes.startsWith(bom.bytes)) {
            QStringDecoder decoder(bom.encoding, QStringConverter::Flag::Stateless);
            result.text = decoder.decode(QByteArrayView(bytes).sliced(bom.bytes.size()));
            result.encoding = QString::fromLatin1(bom.name);
            return result;
        }
    }
    if (bytes.isEmpty()) {
        result.encoding = QStringLiteral("UTF-8");
        return result;
    }
    if (const char *utf16 = sniffUtf16(bytes)) {
        result.encoding = QString::fromLatin1(utf16);
        if (decodeStrict(bytes, result.encoding, &result.text)) {
            return result;
        }
    }
    if (looksBinary(bytes)) {
        result.error = QStringLiteral("not a text file (binary data)");
        return result;
    }
    if (!declared.isEmpty()) {
        const QString name = canonicalName(declared);
        // A page that declares UTF-8 but is not valid UTF-8 lies; one that declares a legacy
        // encoding but is valid non-ASCII UTF-8 most likely lies too (re-saved by an editor).
        const bool validUtf8 = isValidUtf8(bytes);
        if (name == QLatin1String("UTF-8") ? validUtf8 : !validUtf8) {
            if (decodeStrict(bytes, name, &result.text)) {
                result.encoding = name;
                return result;
            }
        }
    }
    if (decodeStrict(bytes, QStringLiteral("UTF-8"), &result.text)) {
        result.encoding = QStringLiteral("UTF-8");
        return result;
    }
    QString detected = detect(bytes);
    // uchardet says ISO-8859-1 for most Western text; windows-1252 is its superset in practice
    // (curly quotes and dashes in 0x80-0x9F), and what a browser does.
    if (detected == QLatin1String("ISO-8859-1")) {
        detected = QStringLiteral("windows-1252");
    }
    if (!detected.isEmpty() && detected != QLatin1String("UTF-8") && decodeStrict(bytes, detected, &result.text)) {
        result.encoding = detected;
        return result;
    }
    // Mostly UTF-8 with a few broken bytes: keep the text, mark what was lost.
    QStringDecoder utf8(QStringConverter::Utf8);
    result.text = utf8.decode(bytes);
    result.encoding = QStringLiteral("UTF-8 (invalid bytes replaced)");
    return result;
}

} // namespace Dossier::Core
