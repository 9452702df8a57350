#pragma once

#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace Dossier::Core::PdfLayout
{

/*! \brief One word of a PDF page's text layer, as the PDF library found it. */
struct Word {
    QString text;
    QRectF box; //!< in points, y growing downwards
    bool spaceAfter = false;
    bool lineEnd = false; //!< the PDF library's own line ends here
};

/*! \brief The words of one page. */
struct Page {
    QSizeF size;
    QList<Word> words;
};

/*! \brief The article text rebuilt from the pages' geometry. */
struct Result {
    QString body; //!< paragraphs separated by blank lines, without running headers, footers and page numbers
    QList<qsizetype> pageStarts; //!< the body offset where each page begins
    QString title; //!< the largest type near the top of the first page (not part of \c body), or empty
};

/*!
    Rebuilds the text of \a pages in reading order: words into lines, lines into columns (a vertical
    gutter across most of the page's text splits it) and paragraphs (a gap larger than the line spacing,
    an indented first line, a change of type size, a bullet), hyphenation at line ends undone. Lines
    repeated at the same place on most pages (digits aside) and bare page numbers at a page's top or
    foot are dropped. When \a knownTitle is given, a first-page headline saying the same is left out of
    the body; otherwise the largest type near the top of the first page becomes Result::title.
*/
Result rebuild(const QList<Page> &pages, const QString &knownTitle);

/*! The page's words in the PDF library's order, one line of text per line it found. */
QString rawPageText(const Page &page);

/*! Light cleaning of a word: ligatures spelled out, no-break spaces made spaces, control characters dropped. */
QString cleanWord(const QString &text);

} // namespace Dossier::Core::PdfLayout
