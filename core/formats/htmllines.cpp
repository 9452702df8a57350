#include "formats/htmllines.h"

#include "analysis/dates.h"

#include <QRegularExpression>

namespace Dossier::Core::Html
{

namespace
{

// Lines that frame an article rather than belong to it: a byline, a bare date.
bool isFramingLine(const QString &line)
{
    if (line.size() > 60) {
        return false;
    }
    static const QRegularExpression byline(
        QStringLiteral("^(?:By|Posted by|Written by|From)\\s+\\S"), QRegularExpression::CaseInsensitiveOption);
    if (byline.match(line).hasMatch() && !line.endsWith(QLatin1Char('.'))) {
        return true;
    }
    // A date or time and little else: "Nov. 20, 2019, 9:28 AM UTC", "Updated 14 March 2024".
    static const QRegularExpression letters(QStringLiteral("\\p{L}{4,}"));
    return line.size() <= 40 && !Dates::parse(line).isEmpty() && line.count(letters) <= 3;
}

} // namespace

// Ads markers anywhere; framing lines only at the start and the end of the body.
void trimBoilerplateLines(QStringList *paragraphs)
{
    static const QRegularExpression advert(
        QStringLiteral("^(?:advertisement|advertising|sponsored|anzeige|publicité|publicidad|werbung|"
                       "story continues below(?: advertisement)?|continue reading below)$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    // The labels of widgets left between paragraphs: share buttons, teaser boxes' titles.
    static const QRegularExpression label(
        QStringLiteral("^(?:share|share this(?: article| story| post)?|email|print|"
                       "copy link|save|related|related (?:content|articles|stories|posts|links|coverage)|recommended|"
                       "recommended (?:for you|stories|articles|reading)|you (?:may|might) also like|read more|"
                       "read next|up next|most (?:popular|read|viewed|shared)|trending(?: now)?|"
                       "newsletters?|sign up|subscribe(?: now)?|swipe to scroll horizontally|article continues below"
                       "(?: this)? (?:ad|advertisement))\\s*:?$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    paragraphs->removeIf(
        [](const QString &p) { return p.size() <= 40 && (advert.match(p).hasMatch() || label.match(p).hasMatch()); });
    for (int n = 0; n < 3 && !paragraphs->isEmpty() && isFramingLine(paragraphs->first()); ++n) {
        paragraphs->removeFirst();
    }
    for (int n = 0; n < 3 && !paragraphs->isEmpty() && isFramingLine(paragraphs->last()); ++n) {
        paragraphs->removeLast();
    }
}

} // namespace Dossier::Core::Html
