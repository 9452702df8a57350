#include "formats/textdecoder.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>
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

// windows-1252's characters for bytes 0x80-0x9F (the five it leaves undefined keep their C1 code).
constexpr char16_t windows1252High[32] = { 0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
    0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178 };

// Length of the well-formed UTF-8 sequence at \a p, or 0.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = *p;
    if (c < 0x80) {
        return 1;
    }
    const int length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (length == 0 || end - p < length) {
        return 0;
    }
    for (int k = 1; k < length; ++k) {
        if ((p[k] & 0xC0) != 0x80) {
            return 0;
        }
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) || (c == 0xF0 && p[1] < 0x90)
        || (c == 0xF4 && p[1] > 0x8F)) {
        return 0;
    }
    return length;
}

/*
    UTF-8 text with stray bytes of a legacy encoding (a quote pasted from a word processor, a
    template in windows-1252): well-formed sequences far outnumber the bytes that are not. Text in
    a legacy encoding makes a well-formed multi-byte sequence only by chance, next to broken ones.
*/
bool isMostlyUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    qsizetype multibyte = 0;
    qsizetype invalid = 0;
    while (p < end) {
        const int length = utf8SequenceLength(p, end);
        multibyte += length > 1 ? 1 : 0;
        invalid += length == 0 ? 1 : 0;
        p += std::max(length, 1);
    }
    return invalid > 0 && multibyte >= 2 * invalid;
}

// UTF-8, with each byte that is not part of a well-formed sequence read as windows-1252.
QString decodeUtf8WithWindows1252(QByteArrayView bytes)
{
    QString text;
    text.reserve(bytes.size());
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        const unsigned char *run = p;
        for (int length = 0; p < end && (length = utf8SequenceLength(p, end)) > 0;) {
            p += length;
        }
        text.append(QString::fromUtf8(reinterpret_cast<const char *>(run), p - run));
        if (p < end) {
            text.append(QChar(*p >= 0x80 && *p < 0xA0 ? windows1252High[*p - 0x80] : char16_t(*p)));
            ++p;
        }
    }
    return text;
}

// What a browser decodes a label with: ISO-8859-1 means windows-1252 (WHATWG Encoding Standard).
QString decodingName(const QString &canonical)
{
    return canonical == QLatin1String("ISO-8859-1") ? QStringLiteral("windows-1252") : canonical;
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
    // Not QStringDecoder: its decode() converts lazily, so without building the QString it never
    // looks at the bytes and hasError() stays false.
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        const int length = utf8SequenceLength(p, end);
        if (length == 0) {
            return false;
        }
        p += length;
    }
    return true;
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
    // A page that declares UTF-8 but is not valid UTF-8 lies; one that declares a legacy encoding
    // but is valid non-ASCII UTF-8 most likely lies too (re-saved by an editor). Whether the bytes
    // are UTF-8 is found by decoding them, once.
    if (decodeStrict(bytes, QStringLiteral("UTF-8"), &result.text)) {
        result.encoding = QStringLiteral("UTF-8");
        return result;
    }
    const QString mixed = QStringLiteral("UTF-8 (invalid bytes as windows-1252)");
    if (isMostlyUtf8(bytes)) {
        result.text = decodeUtf8WithWindows1252(bytes);
        result.encoding = mixed;
        return result;
    }
    // ISO-8859-1 is read as windows-1252, its superset in practice (curly quotes and dashes in
    // 0x80-0x9F, which pages declaring Latin-1 use), as browsers do; uchardet also says
    // ISO-8859-1 for most Western text.
    if (!declared.isEmpty()) {
        const QString name = decodingName(canonicalName(declared));
        if (name != QLatin1String("UTF-8") && decodeStrict(bytes, name, &result.text)) {
            result.encoding = name;
            return result;
        }
    }
    const QString detected = decodingName(detect(bytes));
    if (!detected.isEmpty() && detected != QLatin1String("UTF-8") && decodeStrict(bytes, detected, &result.text)) {
        result.encoding = detected;
        return result;
    }
    // Nothing fits: keep the well-formed UTF-8, and read the other bytes as windows-1252 rather
    // than lose them.
    result.text = decodeUtf8WithWindows1252(bytes);
    result.encoding = mixed;
    return result;
}

} // namespace Dossier::Core
