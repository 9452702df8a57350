#pragma once

#include <QList>
#include <QStringView>

namespace Dossier::Core
{

/*! \brief A token of news text, as the rule recognizer sees it. Offsets are UTF-16 indices. */
struct Token {
    enum Flag : quint16 {
        Word = 0x1, //!< letters (with inner hyphens, apostrophes, and dots of 'U.S.'-like abbreviations)
        Number = 0x2, //!< starts with a digit
        Punct = 0x4, //!< anything else, one character
        Cap = 0x8, //!< a word whose first letter is upper case
        AllCaps = 0x10, //!< a word of two or more letters, all upper case
        SentenceStart = 0x20, //!< first token of a sentence, line or quotation
        LineStart = 0x40, //!< first token after a line break
        Possessive = 0x80, //!< the word was followed by 's / ’s (not part of the token)
        Hyphenated = 0x100, //!< a word with an inner hyphen
        ColumnGap = 0x200, //!< after a tab or two spaces or more on its line: the next column of a table or form
    };
    qsizetype start = 0;
    qsizetype end = 0;
    quint16 flags = 0;

    bool is(Flag flag) const { return flags & flag; }
    /*! Whether no name runs on into this token from the one before: it starts a line or a column. */
    bool breaksName() const { return flags & (LineStart | ColumnGap); }
    qsizetype size() const { return end - start; }
};

/*! Splits \\a text into tokens in one pass. Possessive 's is a Punct token of its own ("'s" spans two
    characters there). */
QList<Token> tokenize(QStringView text);

/*! Case-folded text of tokens [first, last) joined by single spaces: the gazetteers' key. */
QString tokenKey(QStringView text, const QList<Token> &tokens, qsizetype first, qsizetype last);

} // namespace Dossier::Core
