#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Dossier::Core::PlainText
{

// How far from the body the header and source searches look, in non-empty lines (shared by the
// extractor and the source search, which must agree).
constexpr qsizetype headerAboveTitle = 12;
constexpr qsizetype trailerWindow = 60;
constexpr int consentWeight = 10; // a cookie banner counts as this many chrome words

/*! \brief One non-empty line of raw text with the signals the article search reads from it. */
struct Line {
    QStringView text; //!< trimmed
    int words = 0;
    int boilerplate = 0;
    bool bullet = false;
    bool sentence = false;
    bool debris = false;
    bool byline = false;
    bool credit = false;
    bool caption = false;
    bool menu = false; //!< long, but entries run together rather than a sentence
    bool widget = false; //!< found three times or more on the page: part of a repeated widget
    bool tableRow = false; //!< cells aligned with runs of spaces, as text browsers render tables
    bool hardStop = false; //!< chrome that ends an article: comments, copyright, newsletter, "most read"
    double score = 0;
};

// Whether \a text is written in capitals (and so has cased letters at all, unlike Japanese).
inline bool isAllCaps(QStringView text)
{
    bool upper = false;
    for (const QChar c : text) {
        if (c.isLower()) {
            return false;
        }
        upper = upper || c.isUpper();
    }
    return upper;
}

/*!
    The non-empty lines of \a text with their signals and scores: prose scores above zero, chrome below
    it, and each further line of a stretch without prose costs more than the one before.
*/
QList<Line> splitLines(const QString &text);

/*! A publication stamp, perhaps with the outlet or the author ("CBC Arts · Posted: Dec 20, 2023 10:27 AM
    EST"), the counters beside a byline ("2 Shares 1530 Views") or the reading time ("• 8 min read"). */
bool isStampLine(const Line &line);

/*! Lines that are never a headline: a logo's alt text ('National Geographic Logo - Home'), and the author's name
    over their byline ('Patrick Healy', then 'By Patrick Healy'). */
bool isLogoLine(const Line &line);
bool namesByline(const QList<Line> &lines, qsizetype index);

/*! Whether the line at \a index is found again within a few lines (an image's alt text, then its caption). */
bool repeatedNearby(const QList<Line> &lines, qsizetype index);

/*!
    Where a list of other stories' cards starts in the run from \a start to \a end after some prose: three
    or more cards close together, each a headline, a one-sentence standfirst and the author's name.
    Returns the run's last line before it (\a end when there is none).
*/
qsizetype authorCards(const QList<Line> &lines, qsizetype start, qsizetype end);

/*!
    Where a box that closes the article starts in the run from \a start to \a end: a short label that ends
    articles ("Support Example News", "Comments") over prose that is chrome, two sentences or more
    with chrome words within a few lines ("… give as little as $1 a month."). Returns the run's last
    line before it (\a end when there is none).
*/
qsizetype closingBox(const QList<Line> &lines, qsizetype start, qsizetype end);

/*!
    Where the article signs off in the run from \a start to \a end, after some prose: a note of where it first
    appeared ("This article was originally published with the title …", "A version of this story appeared in
    …") or its DOI. Returns the run's last line before it and before the author's bio, the credits and a "More
    by Jane Roe" just above it (\a end when there is none).
*/
qsizetype signOff(const QList<Line> &lines, qsizetype start, qsizetype end);

/*!
    The article's end moved over the list its last sentence introduces ("The full list of winners is
    below:" and the items under it), when the run ends at that sentence or just before it; \a end when
    there is no such list.
*/
qsizetype introducedList(const QList<Line> &lines, qsizetype end);

/*!
    Lines of the run from \a start to \a end that are a box of links to other stories: a short label that
    says so ("People are also reading…", "More by Jane Roe", "The latest Harbour news") over two
    headlines or more as list items, and the box's "More" under them.
*/
QList<bool> linkBoxes(const QList<Line> &lines, qsizetype start, qsizetype end);

/*!
    The outlet that published the article between \a bodyStart and \a bodyEnd of \a lines: a masthead,
    an agency in the dateline, a wire credit, a byline's agency, a copyright holder, site chrome.
*/
QString findSource(const QList<Line> &lines, qsizetype titleIndex, qsizetype bodyStart, qsizetype bodyEnd);

} // namespace Dossier::Core::PlainText
