#include "analysis/plaintextlines_p.h"

#include <QRegularExpression>

namespace Dossier::Core::PlainText
{

namespace
{

constexpr int proseBefore = 80; // words of the article before a block may end it

// An author's name on a line of its own: "Jane Roe", "Mary-Ann de Vries".
bool isNameLine(const Line &line)
{
    static const QRegularExpression name(
        QStringLiteral(R"(^\p{Lu}[\p{L}.'’-]*(?: (?:\p{Lu}[\p{L}.'’-]*|de|van|von|da|del|di|le|la)){1,3}$)"),
        QRegularExpression::UseUnicodePropertiesOption);
    return line.words >= 2 && line.words <= 5 && !line.sentence && !line.bullet && name.matchView(line.text).hasMatch();
}

// "More by Jane Roe": the way to the author's other stories (a label, so not matched caselessly).
bool isMoreByLabel(const Line &line)
{
    static const QRegularExpression moreBy(
        QStringLiteral(R"(^(?:More|MORE) (?:by|BY) \p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}$)"),
        QRegularExpression::UseUnicodePropertiesOption);
    return moreBy.matchView(line.text).hasMatch();
}

// Walks back from \a cut over the lines without prose above it (a caption, "More on this topic"),
// not past \a start.
qsizetype backOverChrome(const QList<Line> &lines, qsizetype start, qsizetype cut)
{
    while (cut > start && lines.at(cut - 1).score <= 0) {
        --cut;
    }
    return cut;
}

} // namespace

qsizetype authorCards(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    constexpr int minCards = 3;
    constexpr qsizetype maxCardGap = 8;
    constexpr int maxStandfirstWords = 45;
    // A card: a headline, a one-sentence standfirst, the author's name.
    const auto card = [&](qsizetype k) {
        const Line &line = lines.at(k);
        return k > start && k + 1 < lines.size() && line.sentence && !line.bullet && line.words >= 4
            && line.words <= maxStandfirstWords && isNameLine(lines.at(k + 1)) && !lines.at(k - 1).sentence
            && lines.at(k - 1).words >= 3;
    };
    int prose = 0;
    for (qsizetype i = start; i <= end; ++i) {
        if (card(i) && prose >= proseBefore) {
            int cards = 1;
            qsizetype last = i;
            for (qsizetype k = i + 1; k < lines.size() && k - last <= maxCardGap && cards < minCards; ++k) {
                if (card(k)) {
                    ++cards;
                    last = k;
                }
            }
            if (cards >= minCards) {
                return backOverChrome(lines, start, i - 1) - 1;
            }
        }
        prose += lines.at(i).score > 0 ? lines.at(i).words : 0;
    }
    return end;
}

qsizetype closingBox(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    constexpr qsizetype boxLines = 8;
    constexpr int minPrompts = 2;
    constexpr int maxLabelWords = 4;
    constexpr int minPromptWords = 8;
    int prose = 0;
    for (qsizetype i = start; i <= end; ++i) {
        const Line &line = lines.at(i);
        if (prose >= proseBefore && line.hardStop && line.words <= maxLabelWords && !line.sentence) {
            // Most sentences under the label are prompts (a "Subscribe" box inside an
            // article has one, and the article's paragraphs go on under it).
            int prompts = 0;
            int sentences = 0;
            for (qsizetype k = i + 1; k <= end && k <= i + boxLines; ++k) {
                const Line &next = lines.at(k);
                if (next.sentence && next.words >= minPromptWords) {
                    ++sentences;
                    prompts += next.boilerplate > 0 ? 1 : 0;
                }
            }
            if (prompts >= minPrompts && 2 * prompts > sentences) {
                return backOverChrome(lines, start, i) - 1;
            }
        }
        prose += line.score > 0 ? line.words : 0;
    }
    return end;
}

qsizetype signOff(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    // "This article was originally published with the title …", "A version of this story appeared in …", a DOI.
    static const QRegularExpression note(
        QStringLiteral(
            R"((?:^|\s)(?:this (?:article|story|post|piece)(?: was)? (?:originally|first) )"
            R"((?:published|appeared|ran)\b|a version of this (?:article|story) (?:was published|appeared|ran)\b)|)"
            R"(^doi:\s*10\.\d{4,}/\S+$)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    constexpr int maxNoteWords = 60;
    int prose = 0;
    for (qsizetype i = start; i <= end; ++i) {
        const Line &line = lines.at(i);
        if (prose >= proseBefore && line.words <= maxNoteWords && note.matchView(line.text).hasMatch()) {
            // The author's bio and the credits above it, and a way to the author's other stories between them.
            qsizetype cut = i;
            while (cut > start
                && (lines.at(cut - 1).credit || lines.at(cut - 1).byline || isMoreByLabel(lines.at(cut - 1)))) {
                --cut;
            }
            return cut - 1;
        }
        prose += line.score > 0 ? line.words : 0;
    }
    return end;
}

qsizetype introducedList(const QList<Line> &lines, qsizetype end)
{
    constexpr int minIntroWords = 4;
    constexpr int maxItemWords = 30;
    constexpr qsizetype maxItems = 100;
    qsizetype intro = end;
    if (!lines.at(intro).text.endsWith(u':') && intro + 1 < lines.size()) {
        ++intro;
    }
    const Line &line = lines.at(intro);
    if (!line.text.endsWith(u':') || line.bullet || line.words < minIntroWords || line.hardStop || line.boilerplate > 0
        || line.byline || line.credit) {
        return end;
    }
    qsizetype last = intro;
    while (last + 1 < lines.size() && last - intro < maxItems) {
        const Line &item = lines.at(last + 1);
        if (!item.bullet || item.words > maxItemWords || item.hardStop || item.boilerplate > 0 || item.debris) {
            break;
        }
        ++last;
    }
    return last > intro ? last : end;
}

QList<bool> linkBoxes(const QList<Line> &lines, qsizetype start, qsizetype end)
{
    constexpr int maxLabelWords = 8;
    constexpr int minLinks = 2;
    constexpr int minLinkWords = 5; // a headline, not an item of a list of features or ingredients
    constexpr int maxLinkWords = 30;
    constexpr int maxMoreWords = 2;
    // "People are also reading…", "More by Jane Roe", "The latest Harbour news", "Related stories". A
    // list the article introduces ends its label with a colon ("The changes are:").
    static const QRegularExpression label(
        QStringLiteral(R"(\b(?:more|also|latest|related|reading|popular|recommended|stories|headlines|trending|)"
                       R"(must[- ]reads?)\b)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    const auto link = [&](qsizetype k) {
        const Line &line = lines.at(k);
        return line.bullet && line.words >= minLinkWords && line.words <= maxLinkWords && !line.text.endsWith(u':');
    };
    QList<bool> boxed(end - start + 1, false);
    for (qsizetype i = start; i < end; ++i) {
        const Line &line = lines.at(i);
        if (line.bullet || line.words > maxLabelWords || line.text.endsWith(u':')
            || !label.matchView(line.text).hasMatch()) {
            continue;
        }
        qsizetype j = i + 1;
        while (j <= end && link(j)) {
            ++j;
        }
        if (j - i - 1 < minLinks) {
            continue;
        }
        // The box's "More" button under its links.
        if (j <= end && lines.at(j).words <= maxMoreWords && !lines.at(j).sentence) {
            ++j;
        }
        for (qsizetype k = i; k < j; ++k) {
            boxed[k - start] = true;
        }
        i = j - 1;
    }
    return boxed;
}

} // namespace Dossier::Core::PlainText
