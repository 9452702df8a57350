#include "formats/pdflayout.h"

#include "analysis/textcleaning.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Dossier::Core::PdfLayout
{

namespace
{

// Columns inside columns are looked for this deep; more is a table, read row by row.
constexpr int maxColumnDepth = 3;
// Rows at the top and at the foot of a page where running headers, footers and page numbers sit.
constexpr int marginRows = 2;

struct Line {
    QString text;
    QRectF box;
    qreal height = 0; //!< the words' median height: what stands in for the type size
    qreal secondWordX = -1; //!< where the text after a bullet starts
    int page = 0;
    int row = 0; //!< the row of the page (top = 0) the line sits in
    int region = 0; //!< its column, numbered across the document in reading order
    bool dropped = false; //!< a running header or footer, or a page number
    bool title = false;
};

qreal median(QList<qreal> values)
{
    if (values.isEmpty()) {
        return 0;
    }
    const auto middle = values.begin() + values.size() / 2;
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

bool usable(const QRectF &box)
{
    constexpr qreal limit = 1e6;
    return std::isfinite(box.x()) && std::isfinite(box.y()) && std::isfinite(box.width()) && std::isfinite(box.height())
        && std::abs(box.x()) < limit && std::abs(box.y()) < limit && box.width() >= 0 && box.width() < limit
        && box.height() > 0 && box.height() < limit;
}

Line makeLine(const QList<const Word *> &words, int page, int row)
{
    Line line;
    line.page = page;
    line.row = row;
    QList<qreal> heights;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const Word *word = words[i];
        if (i > 0) {
            const Word *previous = words[i - 1];
            const qreal gap = word->box.left() - previous->box.right();
            if (previous->spaceAfter || gap > 0.15 * word->box.height()) {
                line.text += u' ';
            }
        }
        line.text += cleanWord(word->text);
        line.box = line.box.isNull() ? word->box : line.box.united(word->box);
        heights.append(word->box.height());
    }
    line.height = median(heights);
    line.secondWordX = words.size() > 1 ? words[1]->box.left() : -1;
    line.text = line.text.simplified();
    return line;
}

// A page's words into lines: rows of words whose middles lie within half a word's height of each
// other, cut where the horizontal gap is wider than a space (a column gutter, a table's cells).
QList<Line> pageLines(const Page &page, int pageIndex)
{
    QList<const Word *> words;
    for (const Word &word : page.words) {
        if (usable(word.box) && !cleanWord(word.text).trimmed().isEmpty()) {
            words.append(&word);
        }
    }
    std::stable_sort(words.begin(), words.end(),
        [](const Word *a, const Word *b) { return a->box.center().y() < b->box.center().y(); });
    QList<Line> lines;
    int row = 0;
    for (qsizetype i = 0; i < words.size(); ++row) {
        const qreal anchor = words[i]->box.center().y();
        const qreal tolerance = words[i]->box.height() / 2;
        qsizetype end = i + 1;
        while (end < words.size() && words[end]->box.center().y() - anchor <= tolerance) {
            ++end;
        }
        QList<const Word *> rowWords = words.mid(i, end - i);
        std::stable_sort(rowWords.begin(), rowWords.end(),
            [](const Word *a, const Word *b) { return a->box.left() < b->box.left(); });
        QList<const Word *> current;
        for (const Word *word : rowWords) {
            if (!current.isEmpty()) {
                const Word *previous = current.back();
                const qreal gap = word->box.left() - previous->box.right();
                const qreal height = std::max(previous->box.height(), word->box.height());
                if (gap > height || (previous->lineEnd && gap > 0.35 * height)) {
                    lines.append(makeLine(current, pageIndex, row));
                    current.clear();
                }
            }
            current.append(word);
        }
        if (!current.isEmpty()) {
            lines.append(makeLine(current, pageIndex, row));
        }
        i = end;
    }
    return lines;
}

// "3", "Page 3", "p. 3", "3 of 10", "3/10", "- 3 -".
bool isPageNumber(const QString &text)
{
    static const QRegularExpression number(
        QStringLiteral(
            R"(^(?:page|p\.|pg\.?|seite|pagina|página)?\s*[-–—]?\s*\d{1,4}\s*(?:[-–—]|(?:of|/|von|de|sur)\s*\d{1,4})?$)"),
        QRegularExpression::CaseInsensitiveOption);
    return number.match(text).hasMatch();
}

// The text of a line with its digits as one '#': 'Page 3 of 10' and 'Page 4 of 10' are the same footer.
QString repeatKey(const QString &text)
{
    QString key;
    for (const QChar c : text) {
        if (c.isDigit()) {
            if (!key.endsWith(u'#')) {
                key += u'#';
            }
        } else if (!c.isSpace()) {
            key += c.toLower();
        }
    }
    return key;
}

// Drops bare page numbers and the lines repeated in the same place (from the top or from the foot) on
// most pages: running headers and footers.
void dropPageFurniture(QList<Line> &lines, const QList<Page> &pages)
{
    QHash<int, int> rowsOfPage;
    for (const Line &line : lines) {
        rowsOfPage[line.page] = std::max(rowsOfPage.value(line.page), line.row + 1);
    }
    struct Candidate {
        qsizetype line;
        bool top;
        qreal position;
    };
    QHash<QString, QList<Candidate>> byKey;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        Line &line = lines[i];
        const int rows = rowsOfPage.value(line.page);
        const bool top = line.row < marginRows;
        if (!top && line.row < rows - marginRows) {
            continue;
        }
        if (isPageNumber(line.text)) {
            line.dropped = true;
            continue;
        }
        const qreal y = line.box.center().y();
        byKey[repeatKey(line.text)].append({ i, top, top ? y : pages[line.page].size.height() - y });
    }
    const qsizetype pagesWithText = rowsOfPage.size();
    for (const QList<Candidate> &candidates : std::as_const(byKey)) {
        for (const Candidate &candidate : candidates) {
            const qreal tolerance = std::max<qreal>(4, lines[candidate.line].height);
            QSet<int> pagesSeen;
            for (const Candidate &other : candidates) {
                if (other.top == candidate.top && std::abs(other.position - candidate.position) <= tolerance) {
                    pagesSeen.insert(lines[other.line].page);
                }
            }
            if (pagesSeen.size() >= 2 && pagesSeen.size() * 2 > pagesWithText) {
                lines[candidate.line].dropped = true;
            }
        }
    }
}

// The middle of the widest gap, away from the edges, that few lines cross and with text on both sides:
// the gutter between two columns.
std::optional<qreal> findGutter(const QList<Line *> &lines)
{
    if (lines.size() < 4) {
        return std::nullopt;
    }
    qreal left = lines.front()->box.left();
    qreal right = lines.front()->box.right();
    qreal total = 0;
    QList<std::pair<qreal, qreal>> events; // x, change of the height of the lines crossing it
    for (const Line *line : lines) {
        left = std::min(left, line->box.left());
        right = std::max(right, line->box.right());
        total += line->height;
        events.append({ line->box.left(), line->height });
        events.append({ line->box.right(), -line->height });
    }
    const qreal width = right - left;
    if (width <= 0 || total <= 0) {
        return std::nullopt;
    }
    std::sort(events.begin(), events.end());
    const qreal from = left + 0.15 * width;
    const qreal to = right - 0.15 * width;
    qreal covered = 0;
    qreal bestCover = total;
    qreal bestWidth = 0;
    qreal gutter = 0;
    for (qsizetype i = 0; i + 1 < events.size(); ++i) {
        covered += events[i].second;
        const qreal a = std::max(events[i].first, from);
        const qreal b = std::min(events[i + 1].first, to);
        if (b <= a) {
            continue;
        }
        // Rounding: what is left of the sums of heights is not a line.
        const qreal cover = covered < 1e-6 ? 0 : covered;
        if (cover < bestCover - 1e-6 || (std::abs(cover - bestCover) <= 1e-6 && b - a > bestWidth)) {
            bestCover = cover;
            bestWidth = b - a;
            gutter = (a + b) / 2;
        }
    }
    if (bestWidth <= 0 || bestCover > 0.25 * total) {
        return std::nullopt;
    }
    qreal leftText = 0;
    qreal rightText = 0;
    for (const Line *line : lines) {
        if (line->box.right() <= gutter) {
            leftText += line->height;
        } else if (line->box.left() >= gutter) {
            rightText += line->height;
        }
    }
    if (leftText < 0.2 * total || rightText < 0.2 * total) {
        return std::nullopt;
    }
    return gutter;
}

bool byRowThenX(const Line *a, const Line *b)
{
    return a->row != b->row ? a->row < b->row : a->box.left() < b->box.left();
}

// Appends \a lines to \a out in reading order: column by column between the lines that span the
// gutter, each column its own region.
void orderRegion(QList<Line *> lines, int depth, int &region, QList<Line *> &out)
{
    std::sort(lines.begin(), lines.end(), byRowThenX);
    const std::optional<qreal> gutter = depth < maxColumnDepth ? findGutter(lines) : std::nullopt;
    if (!gutter) {
        ++region;
        for (Line *line : lines) {
            line->region = region;
            out.append(line);
        }
        return;
    }
    QList<Line *> leftColumn;
    QList<Line *> rightColumn;
    bool spanning = false;
    const auto flush = [&] {
        if (!leftColumn.isEmpty()) {
            orderRegion(leftColumn, depth + 1, region, out);
        }
        if (!rightColumn.isEmpty()) {
            orderRegion(rightColumn, depth + 1, region, out);
        }
        leftColumn.clear();
        rightColumn.clear();
    };
    for (Line *line : lines) {
        if (line->box.right() <= *gutter) {
            leftColumn.append(line);
            spanning = false;
        } else if (line->box.left() >= *gutter) {
            rightColumn.append(line);
            spanning = false;
        } else {
            flush();
            if (!spanning) {
                ++region;
            }
            spanning = true;
            line->region = region;
            out.append(line);
        }
    }
    flush();
}

struct RegionShape {
    qreal left = 0;
    qreal right = 0;
    qreal pitch = 0; //!< the usual distance from one line to the next
};

QHash<int, RegionShape> regionShapes(const QList<Line *> &ordered)
{
    QHash<int, RegionShape> shapes;
    QHash<int, QList<qreal>> steps;
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const Line *line = ordered[i];
        auto found = shapes.find(line->region);
        if (found == shapes.end()) {
            shapes.insert(line->region, { line->box.left(), line->box.right(), 0 });
        } else {
            found->left = std::min(found->left, line->box.left());
            found->right = std::max(found->right, line->box.right());
        }
        if (i > 0 && ordered[i - 1]->region == line->region) {
            const qreal step = line->box.center().y() - ordered[i - 1]->box.center().y();
            if (step > 0) {
                steps[line->region].append(step);
            }
        }
    }
    for (auto it = steps.cbegin(); it != steps.cend(); ++it) {
        shapes[it.key()].pitch = median(it.value());
    }
    return shapes;
}

bool endsWithHyphen(QStringView text)
{
    return text.size() >= 2 && (text.back() == u'-' || text.back() == QChar(0x2010))
        && text[text.size() - 2].isLetter();
}

// Whether a paragraph runs on from the end of one column or page to the start of the next: a word
// hyphenated across, a lower-case start, or a line that fills its column ('… the contract with' over
// 'Nordkyst Marine …') without ending a sentence.
bool runsOn(const Line &previous, const RegionShape &previousShape, const Line &line)
{
    if (std::abs(previous.height - line.height) > 0.2 * std::max(previous.height, line.height)) {
        return false;
    }
    if (endsWithHyphen(previous.text) && line.text.front().isLetter()) {
        return true;
    }
    if (TextCleaning::endsSentence(previous.text)) {
        return false;
    }
    const qreal width = previousShape.right - previousShape.left;
    const bool fills = width > 0 && previousShape.right - previous.box.right() < 0.15 * width;
    return line.text.front().isLower() || (fills && line.text.front().isLetterOrNumber());
}

// Whether \a line starts a new paragraph after \a previous; \a paragraphLines counts the lines of the
// paragraph so far.
bool startsParagraph(const Line &previous, const RegionShape &previousShape, const Line &line, const RegionShape &shape,
    int paragraphLines)
{
    if (TextCleaning::isBullet(line.text)) {
        return true;
    }
    if (previous.page != line.page || previous.region != line.region) {
        return !runsOn(previous, previousShape, line);
    }
    const qreal height = std::max(previous.height, line.height);
    if (std::abs(previous.height - line.height) > 0.2 * height) {
        return true; // a heading, or back to the body after one
    }
    const qreal step = line.box.center().y() - previous.box.center().y();
    const qreal pitch = shape.pitch > 0 ? std::min(shape.pitch, 1.6 * height) : 1.25 * height;
    if (step <= 0 || step > 1.3 * pitch) {
        return true;
    }
    const qreal indent = 0.8 * height;
    const bool bulletRunsOn
        = TextCleaning::isBullet(previous.text) && std::abs(line.box.left() - previous.secondWordX) < 0.5 * height;
    if (line.box.left() - previous.box.left() > indent && line.box.left() - shape.left > indent && !bulletRunsOn) {
        return true; // an indented first line
    }
    if (paragraphLines >= 2 && previous.box.left() - line.box.left() > indent) {
        return true; // the end of an indented block
    }
    const qreal width = shape.right - shape.left;
    return previous.box.right() < shape.right - 0.3 * width && TextCleaning::endsSentence(previous.text);
}

// Every pair of parts of a word with a hyphen written mid-line ('well-known' gives "well-known"): a
// hyphen at a line end between the same parts is a real one.
QSet<QString> hyphenatedWords(const QList<Line> &lines)
{
    QSet<QString> words;
    for (const Line &line : lines) {
        const QStringList tokens = line.text.split(u' ', Qt::SkipEmptyParts);
        for (const QString &token : tokens) {
            const QStringList parts = token.toLower().split(u'-');
            for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
                QString a = parts[i];
                QString b = parts[i + 1];
                while (!a.isEmpty() && !a.front().isLetter()) {
                    a.remove(0, 1);
                }
                while (!b.isEmpty() && !b.back().isLetter()) {
                    b.chop(1);
                }
                if (!a.isEmpty() && !b.isEmpty()) {
                    words.insert(a + u'-' + b);
                }
            }
        }
    }
    return words;
}

// Appends a line to the paragraph ending \a text: after a space, or right after a hyphen at the line
// end (dropped when it only broke a word: 'recon-' + 'struction').
void joinLine(QString &text, const QString &line, const QSet<QString> &hyphenated)
{
    if (endsWithHyphen(text) && line.front().isLetter()) {
        if (line.front().isLower()) {
            qsizetype stemStart = text.size() - 1;
            while (stemStart > 0 && text[stemStart - 1].isLetter()) {
                --stemStart;
            }
            qsizetype firstEnd = 0;
            while (firstEnd < line.size() && line[firstEnd].isLetter()) {
                ++firstEnd;
            }
            const QString word
                = (text.mid(stemStart, text.size() - 1 - stemStart) + u'-' + line.first(firstEnd)).toLower();
            if (!hyphenated.contains(word)) {
                text.chop(1);
            }
        }
        return;
    }
    text += u' ';
}

QString sameWords(const QString &text)
{
    QString words;
    for (const QChar c : text) {
        if (c.isLetterOrNumber()) {
            words += c.toLower();
        } else if (!words.isEmpty() && !words.endsWith(u' ')) {
            words += u' ';
        }
    }
    return words.trimmed();
}

// Marks the largest type near the top of the first page, when it stands out from the body's type;
// returns its text.
QString markTitle(const QList<Line *> &ordered, const QList<Page> &pages, const QString &knownTitle)
{
    QList<qreal> heights;
    qreal largest = 0;
    for (const Line *line : ordered) {
        for (qsizetype i = 0; i < line->text.size(); i += 16) {
            heights.append(line->height); // weighted by length: the body's type wins
        }
        if (line->page == 0 && line->box.center().y() < pages[0].size.height() / 2) {
            largest = std::max(largest, line->height);
        }
    }
    if (largest < 1.3 * median(heights)) {
        return {};
    }
    QList<Line *> titleLines;
    for (Line *line : ordered) {
        if (line->page != 0) {
            break;
        }
        if (line->height >= 0.85 * largest && line->box.center().y() < pages[0].size.height() / 2) {
            titleLines.append(line);
        } else if (!titleLines.isEmpty()) {
            break;
        }
    }
    if (titleLines.isEmpty() || titleLines.size() > 4) {
        return {};
    }
    QString title;
    for (const Line *line : std::as_const(titleLines)) {
        if (!title.isEmpty()) {
            joinLine(title, line->text, {});
        }
        title += line->text;
    }
    if (title.size() > 300 || (!knownTitle.isEmpty() && sameWords(title) != sameWords(knownTitle))) {
        return {};
    }
    for (Line *line : std::as_const(titleLines)) {
        line->title = true;
    }
    return title;
}

} // namespace

QString cleanWord(const QString &text)
{
    QString clean;
    clean.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const char16_t u = c.unicode();
        if (u >= 0xFB00 && u <= 0xFB06) {
            clean += QString(c).normalized(QString::NormalizationForm_KC); // ﬁ, ﬂ, ﬀ…
        } else if (u == 0xA0 || u == 0x2007 || u == 0x202F) {
            clean += u' ';
        } else if (u == 0xAD) {
            if (i == text.size() - 1) {
                clean += u'-'; // a soft hyphen ending a word ends a line: treated as a hyphen there
            }
        } else if (u >= 0x20 && (u < 0x7F || u >= 0xA0)) {
            clean += c;
        }
    }
    return clean;
}

QString rawPageText(const Page &page)
{
    QString text;
    for (const Word &word : page.words) {
        text += word.text;
        if (word.lineEnd) {
            text += u'\n';
        } else if (word.spaceAfter) {
            text += u' ';
        }
    }
    return text;
}

Result rebuild(const QList<Page> &pages, const QString &knownTitle)
{
    QList<Line> lines;
    for (qsizetype p = 0; p < pages.size(); ++p) {
        lines.append(pageLines(pages[p], int(p)));
    }
    dropPageFurniture(lines, pages);

    QList<Line *> ordered;
    int region = 0;
    for (qsizetype p = 0, i = 0; p < pages.size(); ++p) {
        QList<Line *> pageLines;
        for (; i < lines.size() && lines[i].page == p; ++i) {
            if (!lines[i].dropped) {
                pageLines.append(&lines[i]);
            }
        }
        orderRegion(pageLines, 0, region, ordered);
    }

    Result result;
    const QString title = markTitle(ordered, pages, knownTitle);
    if (knownTitle.isEmpty()) {
        result.title = title;
    }
    const QSet<QString> hyphenated = hyphenatedWords(lines);
    const QHash<int, RegionShape> shapes = regionShapes(ordered);
    QString &body = result.body;
    const Line *previous = nullptr;
    int paragraphLines = 0;
    for (const Line *line : std::as_const(ordered)) {
        if (line->title) {
            continue;
        }
        if (previous == nullptr
            || startsParagraph(
                *previous, shapes.value(previous->region), *line, shapes.value(line->region), paragraphLines)) {
            if (!body.isEmpty()) {
                body += QStringLiteral("\n\n");
            }
            paragraphLines = 0;
        } else {
            joinLine(body, line->text, hyphenated);
        }
        while (result.pageStarts.size() <= line->page) {
            result.pageStarts.append(body.size()); // pages without text begin where the next one does
        }
        body += line->text;
        ++paragraphLines;
        previous = line;
    }
    while (result.pageStarts.size() < pages.size()) {
        result.pageStarts.append(body.size());
    }
    return result;
}

} // namespace Dossier::Core::PdfLayout
