#include "analysis/metadatatext.h"

namespace Dossier::Core
{

QString plainMetadataText(const QString &text)
{
    const auto isBidiFormat = [](char16_t c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
            || c == 0x061C;
    };
    const auto isBreak = [](char16_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029; };
    QString out;
    out.reserve(text.size());
    bool changed = false;
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (isBidiFormat(c)) {
            changed = true;
        } else if (isBreak(c)) {
            out.append(u' ');
            changed = true;
        } else {
            out.append(ch);
        }
    }
    return changed ? out.simplified() : text;
}

void sanitizeMetadata(ArticleMetadata &meta)
{
    for (QString *field :
        { &meta.title, &meta.date, &meta.source, &meta.dateline, &meta.author, &meta.url, &meta.language }) {
        *field = plainMetadataText(*field);
    }
}

} // namespace Dossier::Core
