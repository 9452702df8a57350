#include "analysis/plaintextextractor.h"

#include "analysis/dates.h"
#include "analysis/plaintextlines_p.h"
#include "analysis/textcleaning.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Dossier::Core
{

using namespace TextCleaning;
using namespace PlainText;

namespace
{

constexpr auto unicode = QRegularExpression::UseUnicodePropertiesOption;
constexpr auto caseless = QRegularExpression::CaseInsensitiveOption;

// How far from the body the header search looks, in non-empty lines.
constexpr qsizetype titleWindow = 25;
constexpr qsizetype headerWithoutTitle = 30;
// The first run scoring at least this share of the best one is the article (comments come after it).
constexpr double runnerUpShare = 0.5;
constexpr qsizetype headerLines = 8; // how far above a run its byline may be
constexpr qsizetype trailerLines = 15; // how far under a run the chrome ending it may be

// Runs of lines with a high total score (Kadane): the article is a dense stretch of prose, and the
// chrome around it scores below zero. Comment threads under an article can outscore it, so the
// first run that comes close to the best wins.
std::pair<qsizetype, qsizetype> densestRun(const QList<Line> &lines)
{
    struct Run {
        qsizetype start = -1;
        qsizetype end = -1;
        double score = 0;
    };
    QList<Run> runs;
    Run current;
    double sum = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (sum <= 0) {
            if (current.end >= 0) {
                runs.append(current);
            }
            current = Run { i, -1, 0 };
            sum = 0;
        }
        sum += lines.at(i).score;
        if (sum > current.score) {
            current.score = sum;
            current.end = i;
        }
    }
    if (current.end >= 0) {
        runs.append(current);
    }
    qsizetype best = -1;
    for (qsizetype r = 0; r < runs.size(); ++r) {
        if (runs.at(r).score > 0 && (best < 0 || runs.at(r).score > runs.at(best).score)) {
            best = r;
        }
    }
    if (best < 0) {
        return { -1, -1 };
    }
    // An earlier run close to the best wins when chrome that ends articles (a comments heading,
    // "Most read", a newsletter box) stands between them: the best one is then the comments.
    for (qsizetype r = 0; r < best; ++r) {
        const Run &run = runs.at(r);
        if (run.score < runnerUpShare * runs.at(best).score) {
            continue;
        }
        // A byline just above the best run, and none above this one, makes this one a teaser or a promo
        // in the page's header (unless chrome that ends articles stands between them).
        const auto byline = [&](qsizetype at) {
            return std::any_of(lines.cbegin() + std::max<qsizetype>(0, at - headerLines), lines.cbegin() + at,
                [](const Line &line) { return line.byline; });
        };
        const bool ended = std::any_of(lines.cbegin() + run.end + 1,
            lines.cbegin() + std::min(runs.at(best).start, run.end + 1 + trailerLines),
            [](const Line &line) { return line.hardStop || line.boilerplate >= consentWeight; });
        if (ended || !byline(runs.at(best).start) || byline(run.start)) {
            return { run.start, run.end };
        }
    }
    return { runs.at(best).start, runs.at(best).end };
}

bool isDateLine(const Line &line)
{
    return line.words <= 10 && !Dates::parse(line.text).isEmpty();
}

bool isBreadcrumb(QStringView text)
{
    static const QRegularExpression separators(QStringLiteral(u"\\s[>»›|]\\s|\\s/\\s.*\\s/\\s"));
    return separators.matchView(text).hasMatch();
}

bool looksLikeHeadline(const Line &line)
{
    if (line.words < 2 || line.words > 30 || line.debris || line.boilerplate > 0 || line.bullet || line.byline
        || line.credit || line.caption || isBreadcrumb(line.text) || isStampLine(line) || isLogoLine(line)
        || (line.words <= 16 && !Dates::parse(line.text).isEmpty())) {
        return false;
    }
    // Standfirsts and captions end with a full stop; headlines seldom do (but may ask or exclaim).
    const QChar last = line.text.back();
    return last != u'.' && last != u':' && last != u',' && last != u';';
}

// Lower-cased words of four letters or more: what a headline and its article share.
QSet<QString> contentWords(QStringView text)
{
    static const QRegularExpression word(QStringLiteral(R"(\w{4,})"), unicode);
    static const QSet<QString> stopWords = {
        QStringLiteral("that"),
        QStringLiteral("with"),
        QStringLiteral("from"),
        QStringLiteral("this"),
        QStringLiteral("have"),
        QStringLiteral("will"),
        QStringLiteral("said"),
        QStringLiteral("about"),
        QStringLiteral("which"),
        QStringLiteral("their"),
        QStringLiteral("more"),
        QStringLiteral("than"),
        QStringLiteral("been"),
        QStringLiteral("were"),
        QStringLiteral("into"),
        QStringLiteral("after"),
        QStringLiteral("over"),
        QStringLiteral("also"),
        QStringLiteral("they"),
        QStringLiteral("what"),
    };
    QSet<QString> words;
    for (auto it = word.globalMatchView(text); it.hasNext();) {
        QString w = it.next().captured().toLower();
        if (!stopWords.contains(w)) {
            words.insert(std::move(w));
        }
    }
    return words;
}

// The headline: among the headline-shaped lines just above the article, the one sharing most words
// with the article's opening ("Latest Headlines", "Key Points" and section names share none); the
// nearest one when none shares any.
qsizetype findTitle(const QList<Line> &lines, qsizetype before, qsizetype bodyStart, qsizetype bodyEnd)
{
    QString opening;
    for (qsizetype i = bodyStart; i <= bodyEnd && opening.size() < 3000; ++i) {
        opening += lines.at(i).text + QLatin1Char(' ');
    }
    const QSet<QString> bodyWords = contentWords(opening);
    qsizetype nearest = -1;
    qsizetype best = -1;
    double bestScore = 0;
    for (qsizetype i = before - 1; i >= 0 && i >= before - titleWindow; --i) {
        // The line under a byline names the author's outlet, not the story.
        if (!looksLikeHeadline(lines.at(i)) || (i > 0 && lines.at(i - 1).byline) || namesByline(lines, i)) {
            continue;
        }
        if (nearest < 0) {
            nearest = i;
        }
        const QSet<QString> words = contentWords(lines.at(i).text);
        qsizetype shared = 0;
        for (const QString &w : words) {
            shared += bodyWords.contains(w) ? 1 : 0;
        }
        if (shared == 0) {
            continue;
        }
        const double score = double(shared) / double(words.size()) + 0.1 * double(std::min<qsizetype>(shared, 5))
            - 0.02 * double(before - 1 - i) - (lines.at(i).words < 3 ? 0.3 : 0.0);
        if (score > bestScore) {
            bestScore = score;
            best = i;
        }
    }
    return best >= 0 ? best : nearest;
}

// The publication date: in the header (masthead, byline) between a little above the headline and the
// article, else a "Published …" line under it. Dates further up belong to menus and teasers.
QString findDate(const QList<Line> &lines, qsizetype titleIndex, qsizetype bodyStart, qsizetype bodyEnd)
{
    const qsizetype headerStart = titleIndex >= 0 ? titleIndex - headerAboveTitle : bodyStart - headerWithoutTitle;
    for (qsizetype i = bodyStart; i >= 0 && i >= headerStart; --i) {
        const Line &line = lines.at(i);
        if (line.words <= 15 && !line.bullet) {
            QString date = Dates::parse(line.text);
            if (!date.isEmpty()) {
                return date;
            }
        }
    }
    // Some pages put "Published …" under the article.
    static const QRegularExpression stamp(
        QStringLiteral(R"(\b(?:published|posted|updated|first published)\b)"), caseless);
    for (qsizetype i = bodyEnd + 1; i < lines.size() && i <= bodyEnd + trailerWindow; ++i) {
        const Line &line = lines.at(i);
        if (line.words <= 15 && stamp.matchView(line.text).hasMatch()) {
            QString date = Dates::parse(line.text);
            if (!date.isEmpty()) {
                return date;
            }
        }
    }
    return {};
}

// Lines that may be cut from either end of the run: bylines, credits, captions, chrome.
bool isEdgeNoise(const Line &line)
{
    static const QRegularExpression notice(QStringLiteral(R"(©|\bcopyright\b|\ball rights reserved\b)"), caseless);
    // How to reach the author: "Contact Jane Doe at jane@example.com. Follow her on X …", "Staff
    // writer Jane Doe can be reached at …", "Write to Jane Doe at …".
    static const QRegularExpression contact(
        QStringLiteral(
            R"(\bcan be reached at\b|^\W*(?:contact|write to|reach) \p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*)* )"
            R"((?:at|via|on) |\bfollow (?:him|her|them|me) on\b|)"
            // "Follow the Example News page on Facebook", "Follow our editor on Instagram at @…".
            R"(^\W*follow (?:[\w@.'’-]+ ){0,8}on (?:facebook|instagram|twitter|x|tiktok|threads|linkedin|youtube|)"
            R"(bluesky|mastodon)\b|)"
            // A call for tips: "Have a tip? Send it to us! Email …", "… let us know at: tips@example.com".
            R"(^\W*(?:got|have) a (?:news )?tip\b|\b(?:tip|tips|correction)\b.{0,80}\blet us know at\b)"),
        unicode | caseless);
    constexpr int maxContactWords = 40;
    if (line.words <= 80 && notice.matchView(line.text).hasMatch()) {
        return true;
    }
    if (line.words <= maxContactWords && contact.matchView(line.text).hasMatch()) {
        return true;
    }
    // Tags run together in lower case: "music industrypay gapfestivals".
    constexpr int maxTagWords = 10;
    if (!line.sentence && line.words <= maxTagWords
        && std::none_of(line.text.begin(), line.text.end(), [](QChar c) { return c.isUpper(); })
        && std::any_of(line.text.begin(), line.text.end(), [](QChar c) { return c.isLower(); })) {
        return true;
    }
    return line.debris || line.byline || line.credit || line.caption || (line.boilerplate > 0 && line.words <= 12)
        || isDisclosure(line.text) || (line.words <= 12 && isDateLine(line) && standaloneDateline(line.text).isEmpty())
        || isStampLine(line);
}

QStringView withoutBullet(QStringView text)
{
    static const QRegularExpression bullet(QStringLiteral(u"^(?:[*+•·▪■►‣◦–—-]|\\d{1,3}[.)])\\s+"), unicode);
    const auto m = bullet.matchView(text);
    return m.hasMatch() ? text.mid(m.capturedEnd()) : text;
}

// \a text without the placeholders a text browser leaves for inline images ("[photo.jpg?w=640] Text") and
// without its marks around struck-out and inserted words.
QString withoutBrowserMarks(QStringView text)
{
    static const QRegularExpression image(
        QStringLiteral(R"(\[[^\[\]\s]{0,300}\.(?:jpe?g|png|gif|svg|webp)(?:[?#][^\[\]\s]{0,300})?\]\s*)"), caseless);
    // "[DEL: Was $199 :DEL] Now $159": the words stay, the marks go.
    static const QRegularExpression marks(QStringLiteral(R"(\[(?:DEL|INS): ?| ?:(?:DEL|INS)\])"));
    if (!text.contains(u'[')) {
        return text.toString();
    }
    return text.toString().remove(image).remove(marks).trimmed();
}

// The place of a picture in a gallery or slideshow: "2 of 57", "Image 3 of 5", "Slide 3/12" -> {2, 57};
// {0, 0} for other lines.
std::pair<int, int> galleryCounter(QStringView text)
{
    static const QRegularExpression counter(
        QStringLiteral(R"(^(?:(?:image|photo|picture|slide)s?\s+)?(\d{1,3})\s*(?:of|/)\s*(\d{1,3})$)"), caseless);
    if (text.size() > 24) {
        return { 0, 0 };
    }
    const auto m = counter.matchView(text);
    const int index = m.hasMatch() ? m.capturedView(1).toInt() : 0;
    const int total = m.hasMatch() ? m.capturedView(2).toInt() : 0;
    return index >= 1 && index <= total ? std::pair { index, total } : std::pair { 0, 0 };
}

// A link to another story on a line of its own: "Related: …", "READ MORE: …", "(MORE: …)". (Not an
// encyclopedia's "See also: …", which points to more on the same subject.)
bool isRelatedLink(const Line &line)
{
    constexpr int maxWords = 25;
    static const QRegularExpression link(
        QStringLiteral(R"(^\W*(?:related|read more|more|also read|read also|read next|up next|must read|)"
                       R"(don['’]t miss)\s*:\s*\S)"),
        caseless);
    return line.words <= maxWords && link.matchView(line.text).hasMatch();
}

// A label of a chart laid out as text: a number, a year, a share ("$915", "’17", "13.0%", "600").
bool isChartLabel(const Line &line)
{
    static const QRegularExpression label(QStringLiteral(R"(^[$£€]?[’'‘]?\d[\d.,]*\s*(?:%|[kmb]n?)?$)"), caseless);
    return line.words <= 1 && label.matchView(line.text).hasMatch();
}

// A label of a chart next to another: the axis and the values of a chart laid out as text.
bool inChart(const QList<Line> &lines, qsizetype i)
{
    return isChartLabel(lines.at(i))
        && ((i > 0 && isChartLabel(lines.at(i - 1))) || (i + 1 < lines.size() && isChartLabel(lines.at(i + 1))));
}

bool isCurrencySign(QChar c)
{
    return c == u'$' || c == u'£' || c == u'€';
}

// Lines inside the run that are not article text: leftovers of images and buttons, short chrome,
// captions, gallery counters, bylines, prices on their own (a shop's), and headlines of other stories
// in capitals.
bool isInnerNoise(const Line &line)
{
    if (line.debris || (line.boilerplate > 0 && line.words <= 6 && !line.sentence) || line.caption || line.byline
        || (line.credit && line.words <= 12) || (line.words <= 8 && isDateLine(line)) || isStampLine(line)
        || (line.words <= 4 && galleryCounter(line.text).first > 0) || isDisclosure(line.text)
        || (isChartLabel(line) && isCurrencySign(line.text.front()))) {
        return true;
    }
    return line.words >= 6 && isAllCaps(line.text);
}

// The sizes of the galleries laid out in full on the page: those with a counter past the first picture.
// (A carousel inside an article shows only "Image 1 of 4"; a lone picture says "Image 1 of 1".)
QSet<int> laidOutGalleries(const QList<Line> &lines)
{
    QSet<int> totals;
    for (const Line &line : lines) {
        if (line.words <= 4) {
            if (const auto [index, total] = galleryCounter(line.text); index >= 2) {
                totals.insert(total);
            }
        }
    }
    return totals;
}

// Whether the article's prose resumes at line \a i: two paragraphs in a row, or one long one
// (teasers have one short paragraph under each headline).
bool proseResumes(const QList<Line> &lines, qsizetype i)
{
    constexpr int longParagraph = 40;
    const auto prose = [&](qsizetype k) {
        const Line &line = lines.at(k);
        return line.score > 0 && line.sentence && line.words >= 8 && !line.bullet && line.boilerplate == 0;
    };
    return prose(i) && (lines.at(i).words >= longParagraph || (i + 1 < lines.size() && prose(i + 1)));
}

// The label of a box of links to other stories set inside an article: "Related", "Read more",
// "See also", "Recommended".
bool isInsertLabel(QStringView text)
{
    static const QRegularExpression label(
        QStringLiteral(R"(^(?:related|read (?:more|also|next)|see also|also read|recommended|more from)\b)"), caseless);
    return label.matchView(text).hasMatch();
}

// Where the article's prose resumes after a box of links opened by the label at \a label: within a
// few lines that hold no date, byline, credit or chrome that ends articles; -1 when it does not.
qsizetype insertEnd(const QList<Line> &lines, qsizetype label)
{
    constexpr qsizetype maxInsert = 6;
    constexpr qsizetype teaserDateLines = 2;
    for (qsizetype k = label + 1; k < lines.size() && k <= label + maxInsert; ++k) {
        if (proseResumes(lines, k)) {
            // A paragraph with a date under it is the teaser of the next story.
            const bool dated = std::any_of(
                lines.cbegin() + k + 1, lines.cbegin() + std::min(lines.size(), k + 1 + teaserDateLines), isDateLine);
            return dated ? -1 : k;
        }
        const Line &line = lines.at(k);
        if ((line.hardStop && !isInsertLabel(line.text)) || line.byline || line.credit || isDateLine(line)
            || line.boilerplate >= consentWeight) {
            return -1;
        }
    }
    return -1;
}

// The article's end, moved past lists, tables and subheads (which the scoring cannot tell from menus)
// when its prose resumes after them. A gap that holds chrome ending articles ("Comments", "Share
// this story", "Most read"), a cookie banner or more than a little site furniture ends the article.
qsizetype extendOverLists(const QList<Line> &lines, qsizetype end)
{
    const QSet<int> galleries = laidOutGalleries(lines);
    constexpr qsizetype maxGap = 40;
    constexpr int maxChrome = 2;
    constexpr int maxInlineChrome = 3;
    while (true) {
        int chrome = 0;
        qsizetype i = end + 1;
        qsizetype widgets = 0; // the article goes on across a repeated widget as if it were not there
        for (; i < lines.size() && !proseResumes(lines, i); ++i) {
            const Line &line = lines.at(i);
            if (line.widget || isChartLabel(line)) {
                ++widgets;
                continue;
            }
            // A short box of related links ("Related From Example", a headline, "Read More") may sit
            // between two paragraphs; comments, newsletters and copyright may not.
            if (line.hardStop && isInsertLabel(line.text)) {
                const qsizetype resumes = insertEnd(lines, i);
                if (resumes > i) {
                    i = resumes - 1;
                    continue;
                }
            }
            // A date, a byline or a credit in the gap is the header or footer of another story; a
            // gallery's counter ("1 of 57") opens its pictures and captions, which are not the article.
            if (line.hardStop || line.boilerplate >= consentWeight || i - end - widgets > maxGap || line.byline
                || line.credit || isDateLine(line) || galleries.contains(galleryCounter(line.text).second)) {
                return end;
            }
            // "Advertisement" or a share button may sit inside an article; a subscription box may not
            // (but prose that names such a thing, "one of the most popular styles", is no box).
            if (line.boilerplate > 0 && line.score <= 0 && (line.words > maxInlineChrome || ++chrome > maxChrome)) {
                return end;
            }
        }
        if (i >= lines.size()) {
            return end;
        }
        end = i;
        while (end + 1 < lines.size() && lines.at(end + 1).score > 0) {
            ++end;
        }
    }
}

// The article's start, moved back past lists, tables and subheads above it when its prose goes on
// above them: the mirror of extendOverLists (a recipe's first dishes above the one that scores
// best). A byline or a date in the gap is the article's header and stops it there.
qsizetype extendBackOverLists(const QList<Line> &lines, qsizetype start)
{
    constexpr qsizetype maxGap = 40;
    constexpr int maxChrome = 2;
    constexpr int maxInlineChrome = 3;
    constexpr int longParagraph = 40;
    constexpr int maxDatelineWords = 20; // "Jane Doe · Example News · Posted: Dec 22, 2023 8:25 AM EST"
    const auto prose = [&](qsizetype k) {
        const Line &line = lines.at(k);
        return k >= 0 && line.score > 0 && line.sentence && line.words >= 8 && !line.bullet && line.boilerplate == 0;
    };
    const auto proseEnds
        = [&](qsizetype k) { return prose(k) && (lines.at(k).words >= longParagraph || (k > 0 && prose(k - 1))); };
    while (true) {
        int chrome = 0;
        qsizetype i = start - 1;
        qsizetype widgets = 0;
        for (; i >= 0 && !proseEnds(i); --i) {
            const Line &line = lines.at(i);
            if (line.widget || isChartLabel(line)) {
                ++widgets;
                continue;
            }
            if (line.hardStop || line.boilerplate >= consentWeight || start - i - widgets > maxGap || line.byline
                || line.credit || galleryCounter(line.text).first > 0
                || (line.words <= maxDatelineWords && !Dates::parse(line.text).isEmpty())) {
                return start;
            }
            if (line.boilerplate > 0 && line.score <= 0 && (line.words > maxInlineChrome || ++chrome > maxChrome)) {
                return start;
            }
        }
        if (i < 0) {
            return start;
        }
        start = i;
        while (start > 0 && lines.at(start - 1).score > 0) {
            --start;
        }
    }
}

// Whether the lines from \a from on are cards of other stories: a paragraph at most, then a stretch
// with a date ("Feb 16, 2024 | Science"), twice or more.
bool datedCardsFollow(const QList<Line> &lines, qsizetype from, qsizetype end)
{
    constexpr int minCards = 2;
    int cards = 0;
    for (qsizetype i = from; i <= end && cards < minCards;) {
        qsizetype j = i;
        while (j <= end && lines.at(j).score > 0) {
            ++j;
        }
        if (j - i > 1 || j > end) {
            return false;
        }
        bool date = false;
        for (; j <= end && lines.at(j).score <= 0; ++j) {
            date = date || isDateLine(lines.at(j));
        }
        if (!date) {
            return false;
        }
        ++cards;
        i = j;
    }
    return cards >= minCards;
}

// Where the run takes in the next story of an endless page or a teaser with its own header: after
// some prose, a stretch without prose that holds a date and a byline or closing chrome ("Share",
// "Comments"), or closing chrome followed by dated cards ("Latest News", then a caption, a headline
// and a date for each story), starts another article. Returns the run's last line before it.
qsizetype nextArticleHeader(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    constexpr int proseBefore = 80;
    // The prose before a header must be a story's, not the preamble of the article that goes on under it:
    // a headline, a standfirst and a long caption above the article's own byline and date, a few words
    // that are less than a quarter of the prose after them.
    constexpr int maxPreamble = 200;
    constexpr int preambleShare = 4;
    int total = 0;
    for (qsizetype i = start; i <= end; ++i) {
        total += lines.at(i).score > 0 ? lines.at(i).words : 0;
    }
    int prose = 0;
    for (qsizetype i = start; i <= end; ++i) {
        if (lines.at(i).score > 0) {
            prose += lines.at(i).words;
            continue;
        }
        bool date = false;
        bool header = false;
        qsizetype j = i;
        for (; j <= end && lines.at(j).score <= 0; ++j) {
            date = date || isDateLine(lines.at(j));
            header = header || lines.at(j).hardStop || lines.at(j).byline;
        }
        if (prose >= proseBefore && header && j <= end && (date || datedCardsFollow(lines, j, end))
            && (prose >= maxPreamble || prose * preambleShare >= total - prose)) {
            return i - 1;
        }
        i = j - 1;
    }
    return end;
}

// A headline of another story: a few words, capitalised as titles are, with no full stop.
bool isHeadlineCase(const Line &line)
{
    constexpr int minWords = 4;
    constexpr int maxWords = 20;
    if (line.words < minWords || line.words > maxWords || line.bullet || line.tableRow || line.text.back() == u'.') {
        return false;
    }
    int capitalised = 0;
    int cased = 0;
    for (const QStringView word : line.text.tokenize(u' ', Qt::SkipEmptyParts)) {
        const QChar first = word.front();
        if (first.isUpper()) {
            ++capitalised;
            ++cased;
        } else if (first.isLower()) {
            ++cased;
        }
    }
    // Short words (of, the, a) stay lower case in titles.
    return cased >= minWords && capitalised * 10 >= cased * 6;
}

// Where a list of other stories starts in the run after some prose: three headlines or more, each
// with a one-sentence standfirst under it, in a row (but not questions: an FAQ's questions and short
// answers). Returns the run's last line before it.
qsizetype teaserList(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    constexpr int proseBefore = 80;
    constexpr int minPairs = 3;
    constexpr int maxStandfirstWords = 25;
    const auto standfirst = [&](qsizetype k) {
        const Line &line = lines.at(k);
        return line.sentence && !line.bullet && line.words >= 3 && line.words <= maxStandfirstWords;
    };
    int prose = 0;
    for (qsizetype i = start; i < end; ++i) {
        int pairs = 0;
        // Questions with short answers are an FAQ of the article.
        for (qsizetype k = i; k < end && pairs < minPairs && isHeadlineCase(lines.at(k))
            && !lines.at(k).text.endsWith(u'?') && standfirst(k + 1);
            k += 2) {
            ++pairs;
        }
        if (pairs >= minPairs && prose >= proseBefore) {
            return i - 1;
        }
        prose += lines.at(i).score > 0 ? lines.at(i).words : 0;
    }
    return end;
}

// Lines of the run that belong to a list of other stories' headlines: three or more headline-cased
// lines in a row, and the short label above them ("Editor's picks", "More for you").
QList<bool> headlineLists(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    constexpr qsizetype minHeadlines = 3;
    constexpr int maxLabelWords = 4;
    QList<bool> listed(end - start + 1, false);
    for (qsizetype i = start; i <= end;) {
        qsizetype j = i;
        while (j <= end && isHeadlineCase(lines.at(j))) {
            ++j;
        }
        if (j - i >= minHeadlines) {
            for (qsizetype k = i; k < j; ++k) {
                listed[k - start] = true;
            }
            if (i > start && lines.at(i - 1).words <= maxLabelWords && !lines.at(i - 1).sentence) {
                listed[i - 1 - start] = true;
            }
        }
        i = std::max(j, i + 1);
    }
    return listed;
}

// The text of a newsletter or subscription box: a line with several chrome words ("Get the news in
// your inbox. Subscribe.") beside a button or a short prompt. Alone, such words are prose
// ("shares fell after comments by …").
bool isPromptBox(const QList<Line> &lines, qsizetype i)
{
    constexpr int maxWords = 40;
    const auto prompt = [&](qsizetype k) {
        return k >= 0 && k < lines.size()
            && (lines.at(k).debris || (lines.at(k).boilerplate > 0 && lines.at(k).words <= 10));
    };
    const Line &line = lines.at(i);
    return line.boilerplate >= 2 && line.words <= maxWords && (prompt(i - 1) || prompt(i + 1));
}

// A line of a widget repeated on the page ("Advertisement", a shop's name, "Most Popular" and its
// headlines), unless it opens a list of links or is a field of a list that recurs in the article
// ("* Status: Steady").
bool isWidget(const QList<Line> &lines, qsizetype i)
{
    const Line &line = lines.at(i);
    if (!line.widget || line.sentence || line.hardStop) {
        return false;
    }
    const bool inBlock = (i > 0 && lines.at(i - 1).widget) || (i + 1 < lines.size() && lines.at(i + 1).widget);
    return !line.bullet || inBlock;
}

// Lines of the run that belong to a widget between its paragraphs (a video player with its buttons,
// share links and the titles of other videos): short lines of a stretch without prose that holds
// three pieces of chrome or more. Lists and subheads between paragraphs hold none, and the items of
// a list are kept unless they are as short as a menu's.
QList<bool> widgetStretches(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    constexpr int minChrome = 3;
    constexpr int maxWords = 12;
    constexpr int maxItemWords = 3; // a player's menu ("* English"), not a list of the article
    QList<bool> dropped(end - start + 1, false);
    for (qsizetype i = start; i <= end;) {
        if (lines.at(i).score > 0) {
            ++i;
            continue;
        }
        qsizetype j = i;
        int chrome = 0;
        for (; j <= end && lines.at(j).score <= 0; ++j) {
            // Buttons and form fields count; a picture ("[photo.jpg]") or "[section]" of a config file does not.
            const Line &line = lines.at(j);
            chrome += (line.debris && !line.text.startsWith(u'[')) || line.boilerplate > 0 || line.hardStop ? 1 : 0;
        }
        if (chrome >= minChrome) {
            for (qsizetype k = i; k < j; ++k) {
                dropped[k - start] = lines.at(k).words <= (lines.at(k).bullet ? maxItemWords : maxWords);
            }
        }
        i = j;
    }
    return dropped;
}

} // namespace

Extraction PlainTextExtractor::extract(const QString &text)
{
    Extraction result;
    // Lines are paragraphs; a hard-wrapped dump is first joined back into paragraphs.
    const QString unwrapped = unwrapParagraphs(text);
    const QList<Line> lines = splitLines(unwrapped.isEmpty() ? text : unwrapped);
    auto [start, end] = densestRun(lines);
    if (start < 0) {
        return result;
    }
    start = extendBackOverLists(lines, start);
    end = teaserList(lines, start, nextArticleHeader(lines, start, extendOverLists(lines, end)));
    end = introducedList(lines, signOff(lines, start, closingBox(lines, start, authorCards(lines, start, end))));
    while (start < end && isEdgeNoise(lines.at(start))) {
        ++start;
    }
    while (end > start && isEdgeNoise(lines.at(end))) {
        --end;
    }

    // The dateline: a line of its own just before the run or opening it, or the start of the first paragraph.
    if (start > 0 && !standaloneDateline(lines.at(start - 1).text).isEmpty()) {
        --start;
    }
    QString dateline = standaloneDateline(lines.at(start).text);
    const bool datelineLine = !dateline.isEmpty();
    if (!datelineLine) {
        QString context;
        for (qsizetype i = start + 1; i <= end && context.size() < 20000; ++i) {
            context += lines.at(i).text + QLatin1Char('\n');
        }
        dateline = leadingDateline(lines.at(start).text, context).place;
    }

    const qsizetype titleIndex = findTitle(lines, start, start, end);
    QStringView title;
    if (titleIndex >= 0) {
        title = lines.at(titleIndex).text;
        result.meta.title = title.toString();
    }

    // Long lines that recur in the article are pinned captions or teasers; questions repeated in an
    // interview series are short and stay.
    QHash<QStringView, int> longLines;
    for (qsizetype i = start; i <= end; ++i) {
        if (lines.at(i).words >= 12) {
            ++longLines[lines.at(i).text];
        }
    }
    const QList<bool> headlines = headlineLists(lines, start, end);
    const QList<bool> boxes = linkBoxes(lines, start, end);
    const QList<bool> widgets = widgetStretches(lines, start, end);
    QStringList paragraphs;
    bool insert = false; // inside "Related articles" and its links, until the prose goes on
    for (qsizetype i = start; i <= end; ++i) {
        const Line &line = lines.at(i);
        if (headlines.at(i - start) || boxes.at(i - start) || widgets.at(i - start) || isPromptBox(lines, i)
            || isWidget(lines, i) || isRelatedLink(line) || inChart(lines, i)) {
            continue;
        }
        if ((line.boilerplate > 0 && isInnerNoise(line)) || (line.hardStop && line.words <= 4 && !line.sentence)) {
            insert = true;
        } else if (line.sentence && line.words >= 8 && !line.bullet) {
            insert = false;
        }
        // A line that opens with the headline and goes on is an image caption or a teaser.
        const QStringView text = withoutBullet(line.text);
        const bool echoesTitle = !title.isEmpty() && text.size() > title.size() && text.startsWith(title);
        if ((i == start && datelineLine)
            || (!isInnerNoise(line) && !repeatedNearby(lines, i) && !echoesTitle && longLines.value(line.text) < 2
                && !insert)) {
            paragraphs.append(withoutBrowserMarks(line.text));
        }
    }
    if (paragraphs.isEmpty()) {
        paragraphs.append(withoutBrowserMarks(lines.at(start).text));
    }
    result.body = paragraphs.join(QStringLiteral("\n\n"));

    result.meta.dateline = dateline;
    result.meta.date = findDate(lines, titleIndex, start, end);
    if (result.meta.date.isEmpty() && !dateline.isEmpty() && !datelineLine) {
        // "TOKYO, Nov. 5, 2024 (Kyodo) - …": a date inside the dateline.
        static const QRegularExpression datelineEnd(QStringLiteral(u"\\s(?:[—–]|--?)\\s"));
        const QStringView first = lines.at(start).text.left(80);
        const auto m = datelineEnd.matchView(first);
        if (m.hasMatch()) {
            result.meta.date = Dates::parse(first.left(m.capturedStart()));
        }
    }
    result.meta.source = findSource(lines, titleIndex, start, end);
    return result;
}

} // namespace Dossier::Core
