#include "analysis/plaintextlines_p.h"
#include "analysis/textcleaning.h"

#include <QRegularExpression>

namespace Dossier::Core::PlainText
{

using namespace TextCleaning;

namespace
{

constexpr auto unicode = QRegularExpression::UseUnicodePropertiesOption;
constexpr auto caseless = QRegularExpression::CaseInsensitiveOption;

// The source search's own windows, in non-empty lines (the shared ones are in plaintextlines_p.h).
constexpr qsizetype mastheadLines = 3;
constexpr qsizetype creditLines = 6; // wire credits sit right under the article

QString agencyName(QStringView name)
{
    // KYODO -> Kyodo, but AP and AFP stay acronyms.
    const QString simple = name.trimmed().toString();
    bool upper = true;
    int letters = 0;
    for (const QChar c : simple) {
        if (c.isLetter()) {
            ++letters;
            upper = upper && c.isUpper();
        }
    }
    return upper && letters > 4 ? titleCase(simple) : simple;
}

// The outlet named by the page's first line: "Xyz live feed", "Xyz Newswire", "The Xyz Times".
QString mastheadSource(const Line &line, bool firstLine)
{
    static const QRegularExpression feed(
        QStringLiteral(R"(^(\p{Lu}[\p{L}\d.&' -]{1,40}?)\s+(?:live\s*feed|news\s*feed|feed|newswire|wire)$)"),
        unicode | caseless);
    static const QRegularExpression paper(
        QStringLiteral(
            R"(^(?:The\s+|THE\s+)?\p{Lu}[\p{L}.&'-]*(?:\s+\p{Lu}[\p{L}.&'-]*){0,2}\s+(?:News|Times|Post|)"
            R"(Herald|Tribune|Journal|Gazette|Chronicle|Telegraph|Guardian|Observer|Daily|Today|Monitor|)"
            R"(Shimbun|Standard|Independent|Express|Courier|Inquirer|Review|NEWS|TIMES|POST|HERALD|)"
            R"(TRIBUNE|JOURNAL|GAZETTE|CHRONICLE|TELEGRAPH|GUARDIAN|OBSERVER|DAILY|TODAY|MONITOR|SHIMBUN)$)"),
        unicode);
    static const QRegularExpression generic(
        QStringLiteral(R"(^(?:latest|breaking|top|more|world|local|business|sports?|tech|home|other|related|recent|)"
                       R"(national|international|daily|today|good|fake|your|our|all)\b)"),
        caseless);
    if (line.words > 5 || line.boilerplate > 0 || line.bullet) {
        return {};
    }
    if (const auto m = feed.matchView(line.text); m.hasMatch()) {
        return m.captured(1).trimmed();
    }
    if (firstLine && paper.matchView(line.text).hasMatch() && !generic.matchView(line.text).hasMatch()) {
        // THE EXAMPLE TIMES -> The Example Times
        return isAllCaps(line.text) ? titleCase(line.text) : line.text.toString();
    }
    return {};
}

// A wire credit under the article: "© KYODO", "(c) AFP", "— KYODO" (an agency name in capitals, no
// year), or an agency alone in brackets: "(Kyodo)".
QString wireCredit(QStringView text)
{
    static const QRegularExpression wire(
        QStringLiteral(R"(^(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT|—|–|--?)\s*(\p{Lu}[\p{Lu}&.' -]{1,30})$|)"
                       R"(^\((\p{Lu}[\p{L}&.-]{1,20})\)$)"),
        unicode);
    // What text browsers write for buttons and edits, in brackets too.
    static const QRegularExpression markup(QStringLiteral("^(?:BUTTON|IMG|IMAGE|INS|DEL|IFRAME|EMBED|VIDEO)$"));
    const auto m = wire.matchView(text);
    if (!m.hasMatch()) {
        return {};
    }
    const QStringView name = (m.capturedLength(1) ? m.capturedView(1) : m.capturedView(2)).trimmed();
    return name.isEmpty() || markup.matchView(name).hasMatch() ? QString() : agencyName(name);
}

// The holder of a copyright line: "© 2021 Example Media Inc. All rights reserved." -> "Example Media".
QString copyrightHolder(QStringView text)
{
    static const QRegularExpression notice(
        QStringLiteral(R"(^(?:copyright\s*(?:©|\(c\)|@)?|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(.*)$)"),
        caseless);
    static const QRegularExpression cut(
        QStringLiteral(R"(\s[\[(|]|\.\s|\s[-–—]\s|,?\s+(?:inc|ltd|llc|plc|corp|gmbh|limited)\b|\.$)"), caseless);
    static const QRegularExpression generic(
        QStringLiteral(R"(\b(?:policy|notice|information|statement|terms|reserved)\b)"), caseless);
    const auto m = notice.matchView(text);
    if (!m.hasMatch() || m.capturedStart(1) == 0) {
        return {};
    }
    QStringView holder = m.capturedView(1);
    if (const auto c = cut.matchView(holder); c.hasMatch()) {
        holder = holder.left(c.capturedStart());
    }
    holder = holder.trimmed();
    if (holder.isEmpty() || !holder.front().isUpper() || wordCount(holder) > 5
        || generic.matchView(holder).hasMatch()) {
        return {};
    }
    return holder.toString();
}

// Site chrome naming the outlet as one word: "Defensenews TV" -> "Defense News".
QString chromeSource(QStringView text)
{
    static const QRegularExpression chrome(
        QStringLiteral(R"(^(\p{Lu}\p{Ll}{2,})(news|times|post|herald|journal)\s+(?:TV|Radio|Video|Podcast|Live)$)"),
        unicode);
    const auto m = chrome.matchView(text);
    return m.hasMatch() ? m.captured(1) + QLatin1Char(' ') + titleCase(m.capturedView(2)) : QString();
}

// The agency after a byline: "By Jane Doe, Kyodo News", "Jane Doe | AP" (but not "…, Staff Writer").
QString bylineAgency(const Line &line)
{
    static const QRegularExpression agency(
        QStringLiteral(R"(\s*(?:,|\||—|–|-)\s*(\p{Lu}[\p{L}&.' ]{1,30}?)\s*$)"), unicode);
    static const QRegularExpression role(
        QStringLiteral(
            R"(\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|author|journalist)s?\b)"),
        caseless);
    if (!line.byline) {
        return {};
    }
    const auto m = agency.matchView(line.text);
    if (!m.hasMatch() || role.matchView(m.capturedView(1)).hasMatch()) {
        return {};
    }
    return m.captured(1);
}

} // namespace

QString findSource(const QList<Line> &lines, qsizetype titleIndex, qsizetype bodyStart, qsizetype bodyEnd)
{
    // A masthead: the first line, or for "… live feed" / "… newswire" one of the first few above the headline.
    const qsizetype mastheadEnd = std::min<qsizetype>(titleIndex >= 0 ? titleIndex : bodyStart, mastheadLines);
    for (qsizetype i = 0; i < mastheadEnd; ++i) {
        if (QString masthead = mastheadSource(lines.at(i), i == 0); !masthead.isEmpty()) {
            return masthead;
        }
    }
    if (QString agency = leadingAgency(lines.at(bodyStart).text); !agency.isEmpty()) {
        return agency;
    }
    const qsizetype trailerEnd = std::min(lines.size(), bodyEnd + 1 + trailerWindow);
    for (qsizetype i = bodyEnd; i < std::min(trailerEnd, bodyEnd + 1 + creditLines); ++i) {
        if (QString credit = wireCredit(lines.at(i).text); !credit.isEmpty()) {
            return credit;
        }
    }
    for (qsizetype i = std::max<qsizetype>(0, bodyStart - headerAboveTitle); i < bodyStart; ++i) {
        if (QString agency = bylineAgency(lines.at(i)); !agency.isEmpty()) {
            return agency;
        }
    }
    for (qsizetype i = bodyEnd + 1; i < trailerEnd; ++i) {
        if (QString holder = copyrightHolder(lines.at(i).text); !holder.isEmpty()) {
            return holder;
        }
    }
    for (qsizetype i = bodyEnd + 1; i < trailerEnd; ++i) {
        if (QString chrome = chromeSource(lines.at(i).text); !chrome.isEmpty()) {
            return chrome;
        }
    }
    return {};
}

} // namespace Dossier::Core::PlainText
