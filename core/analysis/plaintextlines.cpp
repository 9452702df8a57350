#include "analysis/dates.h"
#include "analysis/plaintextlines_p.h"
#include "analysis/textcleaning.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Dossier::Core::PlainText
{

using namespace TextCleaning;

namespace
{

// Scoring of lines (see scoreLine): a prose line scores its words up to maxLineScore, so that one
// long comment cannot outweigh an article; the n-th line of a stretch without prose costs
// 1 + (n - 1) / 2 times its own (negative) score, up to maxGapFactor times.
constexpr int maxLineScore = 40;
constexpr double maxGapFactor = 10;
constexpr qsizetype repeatWindow = 3;
constexpr int templateRepeats = 3;
constexpr int widgetRepeats = 3;
constexpr int minColonWords = 8;
constexpr qsizetype minTwinLength = 40; // characters of a caption found again in its doubled twin

double scoreLine(const Line &line)
{
    const int w = line.words;
    if (line.debris) {
        return -5;
    }
    // Site furniture: a short line with one chrome word, a longer one with several, a cookie banner.
    if ((line.boilerplate >= 1 && w <= 10) || (line.boilerplate >= 2 && w <= 40) || line.boilerplate >= consentWeight) {
        return -12;
    }
    if (line.byline || line.credit || line.caption) {
        return -4;
    }
    if (line.tableRow) {
        return 1;
    }
    if (line.bullet) {
        return w >= 15 && line.sentence ? 0.5 * w : -4;
    }
    if (line.sentence) {
        if (w >= 8) {
            return std::min(w, maxLineScore);
        }
        return w >= 4 ? 1 : -2;
    }
    // Headlines, subheads, menu entries: no sentence punctuation. A long one is prose cut short
    // unless it reads like a menu: entries split by bars or bullets, nearly every word capitalised.
    return w >= 20 && !line.menu ? 0.5 * w : -3;
}

// A line of menu entries or headlines run together: several separators ("News | Sport | …"), or
// capitalised words in nearly every place where prose has lower-case ones.
bool isMenuLine(QStringView text, int words)
{
    constexpr int maxSeparators = 3;
    int separators = 0;
    int lower = 0;
    bool wordStart = true;
    for (const QChar c : text) {
        if (c == u'|' || c == u'·' || c == u'•') {
            if (++separators >= maxSeparators) {
                return true;
            }
        }
        if (c.isSpace()) {
            wordStart = true;
        } else if (wordStart) {
            lower += c.isLower() ? 1 : 0;
            wordStart = false;
        }
        if (c.isLetter() && !c.isLower() && !c.isUpper()) {
            return false; // scripts without case (Japanese, Chinese) say nothing here
        }
    }
    return lower * 4 < words;
}

// Cells aligned with runs of spaces; prose typed with two spaces after each full stop has long cells.
bool isTableRow(QStringView text)
{
    constexpr int maxCellWords = 12;
    int columns = 0;
    int cellWords = 0;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u' ') {
            cellWords += inWord ? 0 : 1;
            inWord = true;
            continue;
        }
        inWord = false;
        if (i > 0 && text.at(i - 1) == u' ' && (i + 1 >= text.size() || text.at(i + 1) != u' ')) {
            ++columns;
            if (cellWords > maxCellWords) {
                return false;
            }
            cellWords = 0;
        }
    }
    return columns >= 2 && cellWords <= maxCellWords;
}

// A line's shape with every run of digits replaced by one '0'; empty when it has no digit.
QString digitShape(QStringView text)
{
    QString shape;
    shape.reserve(text.size());
    bool digits = false;
    bool any = false;
    for (const QChar c : text) {
        if (c.isDigit()) {
            if (!digits) {
                shape.append(QLatin1Char('0'));
            }
            digits = true;
            any = true;
        } else {
            shape.append(c);
            digits = false;
        }
    }
    return any ? shape : QString();
}

} // namespace

bool repeatedNearby(const QList<Line> &lines, qsizetype index)
{
    const QStringView text = lines.at(index).text;
    const qsizetype from = std::max<qsizetype>(0, index - repeatWindow);
    const qsizetype to = std::min(lines.size() - 1, index + repeatWindow);
    for (qsizetype i = from; i <= to; ++i) {
        if (i != index && lines.at(i).text == text) {
            return true;
        }
    }
    return false;
}

namespace
{

// An image's alt text and its caption run together on one line: the line's opening comes again
// later in it ("Skaters on the pond. Skaters on the pond. Photo: …"). Prose does not repeat itself so.
bool repeatsOpening(QStringView text)
{
    // Long enough that a name repeated in a paragraph ("The Startup Challenge is … The Startup
    // Challenge will …") does not count, short enough for a short caption said twice.
    constexpr qsizetype maxOpening = 50;
    constexpr qsizetype minLetters = 15;
    const qsizetype opening = std::min(maxOpening, text.size() / 2);
    const QStringView head = text.left(opening);
    if (std::count_if(head.begin(), head.end(), [](QChar c) { return c.isLetter(); }) < minLetters) {
        return false;
    }
    return text.indexOf(head, opening) > 0;
}

// Chrome words that are the page's topic: found in several of its long sentences ("password" in a
// review of password managers, "shares" in a market report), where they say nothing of chrome. The
// words of legal notices and donation prompts stay chrome: a cookie policy is long sentences too, and
// so is a box asking for "as little as $1" repeated on the page.
QSet<QString> topicTerms(const QList<Line> &lines, const QList<QStringList> &terms)
{
    constexpr int minProseWords = 15;
    constexpr int minProseLines = 3;
    static const QRegularExpression legal(
        QStringLiteral(R"(^(?:©|cookie|privacy|terms|copyright|rights|as little as|support ))"));
    QHash<QString, int> prose;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const Line &line = lines.at(i);
        if (line.sentence && !line.bullet && line.words >= minProseWords) {
            const QStringList &found = line.words <= 100 ? terms.at(i) : boilerplateTerms(line.text);
            for (const QString &term : QSet<QString>(found.cbegin(), found.cend())) {
                ++prose[term];
            }
        }
    }
    QSet<QString> topic;
    for (auto it = prose.cbegin(); it != prose.cend(); ++it) {
        if (it.value() >= minProseLines && !legal.matchView(it.key()).hasMatch()) {
            topic.insert(it.key());
        }
    }
    return topic;
}

// \a text without what follows its last sentence: "… in 2018. WAFB/YouTube" -> "… in 2018.", or
// without its final full stop when it has nothing after it.
QStringView sentenceBody(QStringView text)
{
    for (qsizetype i = text.size() - 1; i > 0; --i) {
        const QChar c = text.at(i);
        if (c == u'.' || c == u'!' || c == u'?') {
            return text.left(i);
        }
    }
    return text;
}

// Two lines that are one caption said twice: the same words, then a different credit or nothing
// ("Boats in the harbour" and "Boats in the harbour.", "… in 2018. 4" and "… in 2018. WAFB/YouTube").
// A paragraph written out twice is the same line twice and is not taken for one.
bool captionTwins(QStringView a, QStringView b)
{
    constexpr qsizetype minLength = 20;
    constexpr int maxCreditWords = 6;
    constexpr int maxCaptionWords = 60;
    if (a == b || a.size() < minLength || b.size() < minLength || wordCount(a) > maxCaptionWords
        || wordCount(b) > maxCaptionWords) {
        return false;
    }
    const QStringView bodyA = sentenceBody(a);
    const QStringView bodyB = sentenceBody(b);
    if (bodyA != bodyB || bodyA.size() < minLength) {
        return false;
    }
    return wordCount(a.mid(bodyA.size())) <= maxCreditWords && wordCount(b.mid(bodyB.size())) <= maxCreditWords;
}

} // namespace

QList<Line> splitLines(const QString &text)
{
    QList<Line> lines;
    QList<QStringList> terms;
    for (const QStringView raw : QStringView(text).tokenize(u'\n')) {
        const QStringView trimmed = raw.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        Line line;
        line.text = trimmed;
        line.words = wordCount(trimmed);
        line.bullet = isBullet(trimmed);
        // A long line ending with a colon introduces a list or a code sample: prose too.
        line.sentence = endsSentence(trimmed) || (line.words >= minColonWords && trimmed.endsWith(u':'));
        line.debris = isMarkupDebris(trimmed);
        line.tableRow = isTableRow(trimmed);
        line.menu = line.words >= 20 && !line.sentence && isMenuLine(trimmed, line.words);
        // Long lines are prose whatever words they use; skip the costlier checks for them.
        if (line.words <= 40) {
            line.byline = isByline(trimmed);
            line.hardStop = isHardStop(trimmed);
        }
        if (line.words <= 100) {
            terms.append(boilerplateTerms(trimmed));
            line.boilerplate = isConsentBanner(trimmed) ? consentWeight : 0;
            line.credit = isCredit(trimmed);
            line.caption = isCaption(trimmed) || repeatsOpening(trimmed);
        } else {
            terms.append(QStringList());
            line.caption = repeatsOpening(trimmed);
        }
        lines.append(line);
    }
    // A caption said twice on one line (alt text and caption) next to the caption alone: the lone
    // one is the caption too.
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView text = lines.at(i).text;
        if (!lines.at(i).caption || text.size() < 2 * minTwinLength) {
            continue;
        }
        for (const qsizetype k : { i - 1, i + 1 }) {
            if (k >= 0 && k < lines.size() && lines.at(k).text.size() >= minTwinLength
                && lines.at(k).text.size() < text.size() && text.startsWith(lines.at(k).text)
                && text.indexOf(lines.at(k).text, lines.at(k).text.size()) > 0) {
                lines[k].caption = true;
            }
        }
    }
    // An image's alt text and its caption, or one caption with two credits, on lines side by side:
    // the same words but for a credit or a full stop at the end.
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (captionTwins(lines.at(i).text, lines.at(i + 1).text)) {
            lines[i].caption = true;
            lines[i + 1].caption = true;
        }
    }
    const QSet<QString> topic = topicTerms(lines, terms);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        Line &line = lines[i];
        for (const QString &term : terms.at(i)) {
            line.boilerplate += topic.contains(term) ? 0 : 1;
        }
        line.score = scoreLine(line);
    }
    // An image's alt text, and next to it (or past a button's label) the same words with a credit after
    // them: "Boats in the harbour." and "Boats in the harbour. Photo via Jane Doe". Both go, though they
    // keep the score of the text they look like, so that the article is not cut in two around them.
    constexpr int maxCreditWords = 6;
    constexpr int maxLabelWords = 3; // "toggle caption", "Jane Doe/AP" between the two
    constexpr qsizetype maxLabels = 2;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        for (qsizetype k = i + 1; k < lines.size() && k <= i + 1 + maxLabels; ++k) {
            if (k > i + 1 && lines.at(k - 1).words > maxLabelWords) {
                break;
            }
            const bool shorter = lines.at(i).text.size() < lines.at(k).text.size();
            const QStringView alt = shorter ? lines.at(i).text : lines.at(k).text;
            const QStringView captioned = shorter ? lines.at(k).text : lines.at(i).text;
            const int credit = wordCount(captioned.mid(alt.size()));
            if (alt.size() >= minTwinLength && captioned.startsWith(alt) && credit >= 1 && credit <= maxCreditWords) {
                lines[i].caption = true;
                lines[k].caption = true;
            }
        }
    }
    // A line found three times or more on the page belongs to a widget repeated in it ("Most Popular"
    // and its headlines between the sections of a buying guide, a shop's name under every product).
    QHash<QStringView, int> counts;
    for (const Line &line : std::as_const(lines)) {
        ++counts[line.text];
    }
    for (Line &line : lines) {
        line.widget = counts.value(line.text) >= widgetRepeats;
    }
    // A line repeated within a few lines (an image's alt text, then its caption) is chrome, and so is
    // a short line with digits whose shape recurs ("Rating: 12 Votes", "2 days ago at 07:52 am"):
    // the furniture of comment threads and teaser lists.
    QHash<QString, int> shapes;
    QList<QString> lineShapes(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).words <= 8) {
            lineShapes[i] = digitShape(lines.at(i).text);
            if (!lineShapes.at(i).isEmpty()) {
                ++shapes[lineShapes.at(i)];
            }
        }
    }
    for (qsizetype i = 0; i < lines.size(); ++i) {
        Line &line = lines[i];
        if (line.score > 0 && line.words >= 4 && repeatedNearby(lines, i)) {
            line.score = -3;
        }
        if (!lineShapes.at(i).isEmpty() && shapes.value(lineShapes.at(i)) >= templateRepeats) {
            line.score = std::min(line.score, -12.0);
        }
    }
    // A paragraph wedged between images, links or list items is a teaser rather than article text.
    const auto furniture = [&](qsizetype i) {
        return i < 0 || i >= lines.size() || lines.at(i).debris || lines.at(i).bullet || lines.at(i).boilerplate > 0;
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).score > 0 && furniture(i - 1) && furniture(i + 1)) {
            lines[i].score *= 0.5;
        }
    }
    // Each further line of a stretch without prose costs more than the one before, so that the
    // article may bridge a subhead or a caption but not a menu or a comment thread.
    int gap = 0;
    for (Line &line : lines) {
        if (line.score > 0) {
            gap = 0;
        } else {
            ++gap;
            line.score *= std::min(1 + (gap - 1) * 0.5, maxGapFactor);
        }
    }
    return lines;
}

// A publication stamp, perhaps with the outlet or the author: "CBC Arts · Posted: Dec 20, 2023
// 10:27 AM EST | Last Updated: December 21, 2023".
bool isLogoLine(const Line &line)
{
    static const QRegularExpression logo(QStringLiteral(R"(\blogo\b)"), QRegularExpression::CaseInsensitiveOption);
    constexpr int maxWords = 10;
    return line.words <= maxWords && logo.matchView(line.text).hasMatch();
}

bool namesByline(const QList<Line> &lines, qsizetype index)
{
    constexpr qsizetype nearby = 3;
    constexpr int nameWords = 4; // a headline may be written twice; a name is short
    const QStringView name = lines.at(index).text;
    for (qsizetype i = index + 1; i < lines.size() && i <= index + nearby; ++i) {
        if ((lines.at(i).byline && lines.at(i).text.contains(name))
            || (lines.at(index).words <= nameWords && lines.at(i).text == name)) {
            return true;
        }
    }
    return false;
}

bool isStampLine(const Line &line)
{
    constexpr int maxWords = 20;
    static const QRegularExpression stamp(QStringLiteral(R"(\b(?:posted|updated|published)\s*(?:on|at)?\s*:)"),
        QRegularExpression::CaseInsensitiveOption);
    // The counters beside an author's name and the date: "Jane Doe · Dec 05, 2023 · 2 Shares 1530 Views".
    static const QRegularExpression counters(
        QStringLiteral(R"(\d\s*shares?\s*\d[\d,.]*k?\s*views?\b)"), QRegularExpression::CaseInsensitiveOption);
    if (line.words <= maxWords && counters.matchView(line.text).hasMatch()) {
        return true;
    }
    // The reading time beside the byline: "• 8 min read", "5-minute read", "Reading time: 4 minutes".
    constexpr int maxReadingTimeWords = 6;
    static const QRegularExpression readingTime(
        QStringLiteral(R"(^\W*(?:\d+\s*-?\s*min(?:ute)?s?\.?\s+read|reading time\s*:?\s*\d+\s*min(?:ute)?s?)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    if (line.words <= maxReadingTimeWords && readingTime.matchView(line.text).hasMatch()) {
        return true;
    }
    // A stamp may end with a time's full stop: "PUBLISHED: December 22, 2023 at 1:49 p.m.".
    static const QRegularExpression clock(
        QStringLiteral(R"(\d\s*[ap]\.m\.$)"), QRegularExpression::CaseInsensitiveOption);
    return line.words <= maxWords && (!line.sentence || clock.matchView(line.text).hasMatch())
        && stamp.matchView(line.text).hasMatch() && !Dates::parse(line.text).isEmpty();
}

} // namespace Dossier::Core::PlainText
