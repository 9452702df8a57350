#include "analysis/plaintextextractor.h"

#include "analysis/dates.h"

namespace Dossier::Core {

Extraction PlainTextExtractor::extract(const QString &text)
{
    Extraction result;
    QStringList paragraphs;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString simple = line.trimmed();
        if (simple.isEmpty()) {
            continue;
        }
        if (result.meta.title.isEmpty()) {
            result.meta.title = simple;
            continue;
        }
        paragraphs.append(simple);
    }
    result.meta.date = Dates::parse(text);
    result.body = paragraphs.join(QStringLiteral("\n\n"));
    return result;
}

} // namespace Dossier::Core
