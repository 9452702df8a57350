#pragma once

#include <QByteArray>
#include <QString>

namespace Dossier::Core
{

/*! \brief Bytes turned into text, with the encoding that was used, or an error. */
struct DecodeResult {
    QString text;
    QString encoding; //!< canonical name, e.g. "UTF-8", "UTF-16LE", "windows-1252", "Shift_JIS"
    QString error; //!< non-empty when the bytes are not text
    bool ok() const { return error.isEmpty(); }
};

/*!
    \brief Decodes article files: BOMs first, then strict UTF-8, then UTF-8 with stray
    windows-1252 bytes, then a declared charset (HTML meta) when the bytes are valid in it, then
    detection with uchardet. ISO-8859-1 is read as windows-1252, as browsers do.
*/
class TextDecoder
{
public:
    /*! Decodes \a bytes. \a declared is a charset the file itself names (e.g. from <meta>); it is
        trusted only when the bytes are valid in it. */
    static DecodeResult decode(const QByteArray &bytes, const QByteArray &declared = {});
    /*! The charset an HTML page declares in its first bytes (<meta charset> or http-equiv), or empty. */
    static QByteArray htmlDeclaredCharset(QByteArrayView head);
    /*! True when \a bytes are valid UTF-8. */
    static bool isValidUtf8(QByteArrayView bytes);
};

} // namespace Dossier::Core
