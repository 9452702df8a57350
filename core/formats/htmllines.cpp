#include "formats/htmllines.h"

#include "analysis/dates.h"

#include <QRegularExpression>

#include <algorithm>

namespace Dossier::Core::Html
{

namespace
{

constexpr auto caseless = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

// Lines that frame an article rather than belong to it: a byline, a bare date.
bool isFramingLine(const QString &line)
{
    if (line.size() > 60) {
        return false;
    }
    static const QRegularExpression byline(
        QStringLiteral("^(?:By|Posted by|Written by|From)\\s+\\S"), QRegularExpression::CaseInsensitiveOption);
    // "ByThe Associated Press": the byline's "By" and the name in two elements, with no space between.
    static const QRegularExpression gluedByline(QStringLiteral("^By\\p{Lu}\\p{Ll}"));
    if ((byline.match(line).hasMatch() || gluedByline.match(line).hasMatch()) && !line.endsWith(QLatin1Char('.'))) {
        return true;
    }
    // The label of a date left on its own line ("Updated", "Published"), a reading time.
    static const QRegularExpression stamp(
        QStringLiteral("^(?:(?:last )?updated|published|posted)(?: on)?:?$|^\\d+\\s*min(?:ute)?s?\\.? read\\b"),
        caseless);
    if (line.size() <= 40 && stamp.match(line).hasMatch()) {
        return true;
    }
    // A date or time and little else: "Nov. 20, 2019, 9:28 AM UTC", "Updated 14 March 2024".
    static const QRegularExpression letters(QStringLiteral("\\p{L}{4,}"));
    return line.size() <= 40 && !Dates::parse(line).isEmpty() && line.count(letters) <= 3;
}

// Prompts and notices that publishers put between or after the paragraphs of any article: a
// newsletter sign-up, an affiliate-link disclosure, a photo credit left when its caption went.
bool isNotice(const QString &line)
{
    static const QRegularExpression newsletter(
        QStringLiteral("\\b(?:sign(?:ing)? up|subscribe|subscribing)\\b.{0,100}\\bnewsletters?\\b|"
                       "\\bnewsletters?\\b.{0,80}\\b(?:sign up|subscribe|inbox)\\b|"
                       "\\b(?:delivered|direct|straight|right) (?:straight |right |directly )?to your inbox"),
        caseless);
    static const QRegularExpression affiliate(
        QStringLiteral("\\b(?:we|us|site) (?:may |might |could )?(?:earn|receive|get|make)s? (?:a |an )?"
                       "(?:small |affiliate )?(?:commission|compensation|share of (?:the )?(?:sales?|revenue))|"
                       "\\baffiliate (?:links?|commission|partnerships?)\\b"),
        caseless);
    static const QRegularExpression credit(
        QStringLiteral("^[(\\[]?(?:photo|image|picture|video)?\\s*(?:credits?|via|source)\\s*:|"
                       "^[(\\[]?(?:photo|image|picture|video)s?\\s*(?:credits?)?\\s*(?::|via\\b)|"
                       "\\b(?:photo|image)?\\s*credit:\\s*[^.]{1,60}$"),
        caseless);
    // (A bare "Sign up for our newsletter" is a button's label: see trimBoilerplateLines().)
    return (line.size() > 40 && line.size() <= 250 && newsletter.match(line).hasMatch())
        || (line.size() <= 400 && affiliate.match(line).hasMatch())
        || (line.size() <= 120 && credit.match(line).hasMatch());
}

// Where the story first appeared: "This article was originally published in …", "A version of this
// story appeared in …". Under the article or above it.
bool isOriginNote(const QString &line)
{
    static const QRegularExpression origin(
        QStringLiteral("^\\W*(?:this (?:article|story|post|piece)(?: was)? (?:originally|first)|"
                       "a version of this (?:article|story)|read the original (?:article|story)|cross-?posted from|"
                       "editor['’]s note: this (?:article|story)(?: was)? (?:originally|first))"),
        caseless);
    return line.size() <= 200 && origin.match(line).hasMatch();
}

// Lines that follow an article's last paragraph: copyright, how to reach or follow the author, the
// author, where the story first appeared, a call for tips. Body text elsewhere may read
// like them, so they are only dropped at the end.
bool isTrailer(const QString &line)
{
    static const QRegularExpression copyright(
        QStringLiteral("^\\W*(?:copyright\\s*)?(?:©|\\(c\\)|copyright\\b)|\\ball rights reserved\\b"), caseless);
    static const QRegularExpression contact(
        QStringLiteral("\\b(?:reached|contact\\w*|reach (?:him|her|them)|email "
                       "(?:him|her|them))\\b.{0,60}[\\w.+-]+@[\\w-]+\\.[\\w.]+|"
                       "^\\W*(?:contact|follow|email|reach)\\b.{0,80}\\b(?:on|at|via)\\b"
                       ".{0,60}\\b(?:twitter|instagram|facebook|threads|tiktok|snapchat|linkedin|bluesky|x|email|"
                       "signal)\\b"),
        caseless);
    static const QRegularExpression tip(QStringLiteral("^got a (?:news )?tip\\b"), caseless);
    // The label of a box of links left without its links.
    static const QRegularExpression moreLabel(
        QStringLiteral("^(?:for )?more (?:information|info|details)\\s*:?$"), caseless);
    // The author's bio: "Jane Roe is a reporter covering…", "John Doe writes about…".
    static const QRegularExpression bio(
        QStringLiteral(
            "^\\W*\\p{Lu}[\\w.'’-]*(?: \\p{Lu}[\\w.'’-]*){0,3},? (?:(?:is|was|has been|writes|covers|reports)\\b"
            ".{0,120}\\b(?:reporter|writer|editor|correspondent|contributor|freelancer|journalist|columnist|"
            "critic|blogger|intern|covering|writes about|reports on)\\b|writes (?:about|for|on)\\b|reports on\\b)"),
        QRegularExpression::UseUnicodePropertiesOption);
    // What was corrected, where an excerpt comes from, what the publisher stands for.
    static const QRegularExpression credits(
        QStringLiteral("^\\W*(?:correction|clarification)\\b[^:]{0,60}:|"
                       "^\\W*(?:an? )?(?:earlier|previous) versions? of this (?:article|story|post|report)|"
                       "^\\W*(?:reprinted|excerpted|adapted) (?:with permission )?(?:by permission )?(?:from|of)\\b|"
                       "['’]s (?:primary |journalistic )*mission is\\b"),
        caseless);
    return (line.size() <= 100 && copyright.match(line).hasMatch())
        || (line.size() <= 400 && credits.match(line).hasMatch()) || (line.size() <= 600 && bio.match(line).hasMatch())
        || (line.size() <= 150 && contact.match(line).hasMatch()) || isOriginNote(line)
        || (line.size() <= 120 && tip.match(line).hasMatch()) || moreLabel.match(line).hasMatch();
}

} // namespace

// Ads markers and notices anywhere; framing lines only at the start and the end of the body,
// trailers only at the end.
void trimBoilerplateLines(QStringList *paragraphs)
{
    static const QRegularExpression advert(
        QStringLiteral("^(?:advertisement|advertising|sponsored|anzeige|publicité|publicidad|werbung|"
                       "story continues below(?: advertisement)?|continue reading below)"
                       "(?:\\W+(?:page|story|article) continues below)?$"),
        caseless);
    // The labels of widgets left between paragraphs: share buttons, teaser boxes' titles.
    static const QRegularExpression label(
        QStringLiteral(
            "^(?:share|share this(?: article| story| post)?|email|print|"
            "copy link|save|related|related (?:content|articles|stories|posts|links|coverage|topics|videos?)|"
            "recommended|recommended (?:for you|stories|articles|reading)|editors['’] (?:picks|recommendations)|"
            "you (?:may|might) also like|you might like|read more|read next|next read this|up next|"
            "keep reading|more about|must (?:read|watch)|most (?:popular|read|viewed|shared)|trending(?: now)?|"
            "newsletters?|sign up|subscribe(?: now)?|(?:advertiser |affiliate )?disclosure|"
            "swipe to scroll horizontally|article continues below(?: this)? (?:ad|advertisement))\\s*:?$"),
        caseless);
    // A gallery's counter ("12 of 57").
    static const QRegularExpression counter(
        QStringLiteral("^(?:(?:image|photo|picture|slide)s? )?\\d+ (?:of|/) \\d+$"), caseless);
    // "- Advertisement -": the label between dashes.
    static const QRegularExpression dashes(QStringLiteral("^[-–—•*]+\\s*|\\s*[-–—•*]+$"));
    // The title of an embedded video or podcast player: "Watch: …", "WATCH | …", "Listen to the
    // podcast:".
    static const QRegularExpression player(
        QStringLiteral("^(?:watch(?: this| now| the video)?|video)\\s*[:|]|^listen to the podcast\\b|"
                       "^(?:also )?available on apple podcasts\\b"),
        caseless);
    // A link to another story set in brackets between the paragraphs: "[Related: …]", "[Read more: …]".
    static const QRegularExpression bracketedLink(
        QStringLiteral("^\\[\\s*(?:related|read more|read also|also read|see also|more)\\s*:[^\\[\\]]*\\]$"), caseless);
    paragraphs->removeIf([](const QString &p) {
        if (p.size() <= 150 && player.match(p).hasMatch()) {
            return true;
        }
        if (p.size() <= 300 && bracketedLink.match(p).hasMatch()) {
            return true;
        }
        if (p.size() <= 40) {
            const QString bare = p.trimmed().remove(dashes);
            if (advert.match(bare).hasMatch() || label.match(bare).hasMatch() || counter.match(p).hasMatch()) {
                return true;
            }
        }
        return isNotice(p);
    });
    // The head of the body: framing lines among its first lines (a standfirst may come before the
    // byline), and an author's name above a job title ("Jane Roe" / "Senior Editor").
    static const QRegularExpression role(
        QStringLiteral("^(?:[\\w&-]+ ){0,3}(?:co-)?(?:editor|reporter|writer|correspondent|contributor|columnist|"
                       "producer|intern|journalist)s?$"),
        caseless);
    static const QRegularExpression name(QStringLiteral("^\\p{Lu}[\\w.'’-]*(?: \\p{Lu}[\\w.'’-]*){1,3}$"),
        QRegularExpression::UseUnicodePropertiesOption);
    for (qsizetype i = 0; i < std::min<qsizetype>(4, paragraphs->size());) {
        const QString &line = paragraphs->at(i);
        const bool framing
            = isFramingLine(line) || (line.size() <= 40 && role.match(line).hasMatch()) || isOriginNote(line);
        // A name over its role ('Jane Roe', then 'Senior Editor'): the name goes, the role next.
        const bool nameOverRole = line.size() <= 40 && i + 1 < paragraphs->size() && paragraphs->at(i + 1).size() <= 40
            && name.match(line).hasMatch() && role.match(paragraphs->at(i + 1)).hasMatch();
        if (framing || nameOverRole) {
            paragraphs->removeAt(i);
        } else {
            ++i;
        }
    }
    // Numbered notes under their heading at the end ("Footnotes", then "[1] …", "[2] …").
    static const QRegularExpression notesHeading(
        QStringLiteral("^(?:foot ?notes|end ?notes|notes|references|sources)\\s*:?$"), caseless);
    static const QRegularExpression note(QStringLiteral("^\\[\\d+\\]"));
    for (qsizetype i = paragraphs->size() - 2; i >= 0 && note.match(paragraphs->at(i + 1)).hasMatch(); --i) {
        if (notesHeading.match(paragraphs->at(i)).hasMatch()) {
            paragraphs->resize(i);
            break;
        }
    }
    // The credits of a photo shoot or a video at the end: "Photo Credits", then "Stylist: Jane Roe",
    // "Makeup Artist: John Doe" and more of them.
    static const QRegularExpression creditsHeading(
        QStringLiteral("^(?:photo|photography|video|editorial|production|image)? ?credits\\s*:?$"), caseless);
    static const QRegularExpression creditLine(
        QStringLiteral("^\\p{Lu}[\\w&,.'’ -]{0,40}: \\p{Lu}[\\w.'’-]*(?:,? \\p{Lu}[\\w.'’-]*){0,5}$"),
        QRegularExpression::UseUnicodePropertiesOption);
    constexpr qsizetype minCredits = 3;
    qsizetype creditsStart = paragraphs->size();
    while (creditsStart > 0
        && (creditLine.match(paragraphs->at(creditsStart - 1)).hasMatch()
            || creditsHeading.match(paragraphs->at(creditsStart - 1)).hasMatch())) {
        --creditsStart;
    }
    if (paragraphs->size() - creditsStart >= minCredits) {
        paragraphs->resize(creditsStart);
    }
    for (int n = 0;
        n < 6 && !paragraphs->isEmpty() && (isFramingLine(paragraphs->last()) || isTrailer(paragraphs->last())); ++n) {
        paragraphs->removeLast();
    }
}

} // namespace Dossier::Core::Html
