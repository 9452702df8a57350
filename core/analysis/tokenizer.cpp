#include "analysis/tokenizer.h"

namespace Dossier::Core
{

namespace
{

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == u'\u2019';
}

bool isLetter(QChar c)
{
    return c.isLetter() || c.isMark();
}

// Abbreviations whose final dot belongs to the word ('Mr.', 'Sept.', 'Inc.'): a dot after them does
// not end the sentence unless a line break follows.
bool keepsDot(QStringView word)
{
    static const char *const abbreviations[] = {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Sen",
        "Rep",
        "Gov",
        "Gen",
        "Lt",
        "Col",
        "Maj",
        "Capt",
        "Cmdr",
        "Adm",
        "Sgt",
        "Rev",
        "St",
        "Jr",
        "Sr",
        "Inc",
        "Corp",
        "Co",
        "Ltd",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Mt",
        "Ft",
        "No",
        "Vol",
        "vs",
        "etc",
        "approx",
    };
    for (const char *abbreviation : abbreviations) {
        if (word == QLatin1StringView(abbreviation)) {
            return true;
        }
    }
    return false;
}

} // namespace

QList<Token> tokenize(QStringView text)
{
    QList<Token> tokens;
    tokens.reserve(text.size() / 5);
    const qsizetype n = text.size();
    bool sentenceStart = true;
    bool lineStart = true;
    qsizetype i = 0;
    qsizetype blanks = 0; // spaces in a row before the token
    bool columnGap = false;
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            if (c == u'\n' || c == u'\r' || c == u'\u2029') {
                lineStart = true;
                sentenceStart = true;
            } else if (c == u'\t' || ++blanks == 2) {
                columnGap = true;
            }
            ++i;
            continue;
        }
        blanks = 0;
        Token token;
        token.start = i;
        if (isLetter(c) || c.isDigit()) {
            const bool number = c.isDigit();
            qsizetype j = i + 1;
            qsizetype part = i; // start of the current hyphen-separated part
            while (j < n) {
                const QChar d = text[j];
                if (isLetter(d) || d.isDigit()) {
                    ++j;
                    continue;
                }
                const QChar next = j + 1 < n ? text[j + 1] : QChar();
                if ((d == u'-' || d == u'\u2010' || d == u'\u2011') && (isLetter(next) || next.isDigit())) {
                    token.flags |= Token::Hyphenated;
                    part = j + 1;
                    j += 2;
                    continue;
                }
                if (isApostrophe(d) && isLetter(next)) {
                    // Possessive 's stays outside the word: "Japan's" is Japan + 's.
                    const QChar after = j + 2 < n ? text[j + 2] : QChar();
                    if ((next == u's' || next == u'S') && !isLetter(after)) {
                        break;
                    }
                    j += 2;
                    continue;
                }
                if (number && (d == u'.' || d == u',' || d == u':' || d == u'/') && next.isDigit()) {
                    j += 2;
                    continue;
                }
                // 'U.S.', 'U.K.', 'D.C.': single letters joined by dots, the last dot included.
                if (!number && d == u'.' && j - part == 1 && isLetter(next) && j + 2 < n && text[j + 2] == u'.') {
                    j += 3;
                    while (j + 1 < n && isLetter(text[j]) && text[j + 1] == u'.') {
                        j += 2;
                    }
                    continue;
                }
                break;
            }
            if (!number && j < n && text[j] == u'.' && keepsDot(text.sliced(i, j - i))) {
                ++j;
            }
            token.end = j;
            token.flags |= number ? Token::Number : Token::Word;
            if (!number) {
                int upper = 0;
                int letters = 0;
                for (qsizetype k = i; k < j; ++k) {
                    if (text[k].isLetter()) {
                        ++letters;
                        upper += text[k].isUpper() ? 1 : 0;
                    }
                }
                if (c.isUpper() || c.isTitleCase()) {
                    token.flags |= Token::Cap;
                }
                if (letters >= 2 && upper == letters) {
                    token.flags |= Token::AllCaps;
                }
            }
            i = j;
        } else {
            token.end = i + 1;
            token.flags |= Token::Punct;
            if (isApostrophe(c) && i + 1 < n && (text[i + 1] == u's' || text[i + 1] == u'S') && !tokens.isEmpty()
                && tokens.last().end == i) {
                token.end = i + 2;
                tokens.last().flags |= Token::Possessive;
            }
            i = token.end;
        }
        if (sentenceStart) {
            token.flags |= Token::SentenceStart;
        }
        if (lineStart) {
            token.flags |= Token::LineStart;
        } else if (columnGap) {
            token.flags |= Token::ColumnGap;
        }
        lineStart = false;
        columnGap = false;
        // What may start a sentence after this token.
        if (token.is(Token::Punct)) {
            const QChar p = text[token.start];
            sentenceStart = p == u'.' || p == u'!' || p == u'?' || p == u':' || p == u'"' || p == u'\u201c'
                || p == u'\u2022' || p == u'*' || p == u'|' || (sentenceStart && !p.isLetterOrNumber());
        } else {
            sentenceStart = false;
        }
        tokens.append(token);
    }
    return tokens;
}

QString tokenKey(QStringView text, const QList<Token> &tokens, qsizetype first, qsizetype last)
{
    QString key;
    for (qsizetype t = first; t < last; ++t) {
        if (t > first) {
            key.append(u' ');
        }
        key.append(text.sliced(tokens[t].start, tokens[t].size()).toString().toCaseFolded());
    }
    return key;
}

} // namespace Dossier::Core
