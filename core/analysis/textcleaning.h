#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace Dossier::Core
{

/*!
    \brief Line-level signals for telling article text from page chrome in raw scraped text:
    how many words a line has, whether it reads like a sentence, a list item, site furniture
    (login, share, newsletter, cookie, ©…), a byline or a dateline.
*/
namespace TextCleaning
{

/*! Words in \a line; a run of CJK characters counts one word per two characters. */
int wordCount(QStringView line);
/*! Whether \a line (trimmed) is a list item: "* x", "- x", "• x", "+ x", "o x", "1. x". */
bool isBullet(QStringView line);
/*! Whether \a line ends like a sentence: . ! ? … (possibly followed by closing quotes or brackets). */
bool endsSentence(QStringView line);
/*! How many site-furniture words \a line has (login, subscribe, share, comments, cookie, newsletter, ©…). */
int boilerplateHits(QStringView line);
/*!
    The site-furniture words of \a line, lower-cased and without a plural "s" ("comments" -> "comment"),
    as boilerplateHits() counts them.
*/
QStringList boilerplateTerms(QStringView line);
/*! Whether \a line is a cookie or consent banner ("We use cookies to…", "Cookie settings"). */
bool isConsentBanner(QStringView line);
/*!
    Whether \a line discloses that the publisher is paid for links in the article ("We may earn a
    commission from links on this page.", "… include affiliate links"), or is the small print of a sign-up
    form ("By submitting your information you agree to …").
*/
bool isDisclosure(QStringView line);
/*! Whether \a line is chrome that usually ends an article: comments, copyright, newsletter, "most read". */
bool isHardStop(QStringView line);
/*! Whether \a line is what a text browser leaves of images, buttons and forms: "[logo.png]", "(BUTTON)", "____". */
bool isMarkupDebris(QStringView line);
/*! Whether \a line is a byline ("By Jane Doe", "Written by …", "Reporting by …", "Headshot of Jane Doe By
    Jane Doe…", glued: "ByJane Doe", "Jane DoeWriter"). */
bool isByline(QStringView line);
/*! Whether \a word is a weekday, a month, or a word of a date stamp ('today', 'updated'). */
bool isWeekdayOrMonth(QStringView word);
/*! Whether \a line is a credit or copyright line ("© KYODO", "(Reporting by …)", "Photo: …", "Lead
    image: …"), an author's bio, a shoot's credits ("Styling: … Grooming: …") or a numbered note
    under the article ("[2] Minutes of the board, …"). */
bool isCredit(QStringView line);
/*! Whether \a line holds a photo shoot's credits, two roles at least ("Styling: Jane Doe. Grooming:
    John Roe/The Group.", "… and Swarovski jewelry.Photographer: Jane Doe. Creative Director: …"). */
bool isShootCredit(QStringView line);
/*! Whether \a line is an image caption or credit: "… (Image: Getty)", "In this photo…", "… AP Photo/…". */
bool isCaption(QStringView line);
/*!
    When \a text is hard-wrapped (no line longer than 60 to 100 characters, and many lines close to
    that width), the text with each wrapped paragraph joined back into one line; otherwise an empty string.
*/
QString unwrapParagraphs(const QString &text);
/*! \a text with every word capitalised and the rest lower-cased: "NEW YORK" -> "New York". */
QString titleCase(QStringView text);

/*! A place opening an article body, and how many characters of the line it takes. */
struct Dateline {
    QString place; //!< title-cased, empty when there is none
    qsizetype length = 0;
};
/*!
    The dateline at the start of \a line: "WASHINGTON (Reuters) - …", "LONDON, May 5 —…",
    "Pune, Maharashtra, India (Newsflow) – …", "Tokyo,Japan and…", "TOKYO Japan and…", "NEW DELHI: The…".
    \a context is the rest of the article: a place in capitals without a dash after it only counts when
    the sentence starts after it and its title-cased form occurs in \a line or \a context (so "NASA
    said…", "BREAKING: …" and "CHINA has sent…" are not datelines).
*/
Dateline leadingDateline(QStringView line, QStringView context);
/*! The place when \a line is a dateline on its own: "TOKYO", "Tokyo, Wednesday, 13 November 2024." */
QString standaloneDateline(QStringView line);
/*! The news agency credited in parentheses at the start of a body line: "WASHINGTON (AP) — …" -> "AP". */
QString leadingAgency(QStringView line);

} // namespace TextCleaning

} // namespace Dossier::Core
