// The search syntax users type (FTS5's: words, "phrases", prefix*, AND/OR/NOT, parentheses,
// NEAR(a b, N), title:/body: column filters) translated into PostgreSQL's to_tsquery() syntax
// for a team library (issue 17). Each word becomes a quoted operand, which to_tsquery() then
// normalises with the index's configuration ('english': stemmed; 'simple': as written).
//
//   a b, a AND b   -> 'a' & 'b'            a OR b        -> 'a' | 'b'
//   a NOT b        -> 'a' & !'b'           "port authority" -> 'port' <-> 'authority'
//   cable*         -> 'cable':*            title: x      -> 'x':A (the title weighs A, the body B)
//   NEAR(a b, N)   -> a and b at most N words apart, either order: ('a' <1> 'b' | ... | 'a' <N+1> 'b'
//                     | 'b' <1> 'a' | ...); with more than two phrases, each neighbouring pair so
//                     (looser than FTS5, which wants all of them inside one window)
//
// Precedence as in FTS5: NOT binds tightest, then AND (written or implied), then OR.

#include "store/searchplan_p.h"

namespace Dossier::Core
{

namespace
{

constexpr int defaultNear = 10; // FTS5's
constexpr int maxNear = 100;

class Translator
{
public:
    explicit Translator(const QString &text)
        : m_text(text)
    {
    }

    std::optional<QString> run(QString *error)
    {
        // PostgreSQL's text holds no NUL (FTS5 refuses one in a query too).
        if (m_text.contains(QChar(0))) {
            *error = QStringLiteral("the query holds a NUL character");
            return std::nullopt;
        }
        std::optional<QString> result = orExpr();
        skipSpaces();
        if (result && m_pos < m_text.size()) {
            fail(QStringLiteral("syntax error near \"%1\"").arg(m_text.mid(m_pos, 10)));
            result.reset();
        }
        if (!result) {
            *error = m_error.isEmpty() ? QStringLiteral("syntax error") : m_error;
        }
        return result;
    }

private:
    static bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c.isMark() || c.unicode() >= 0x80; }

    void skipSpaces()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace()) {
            ++m_pos;
        }
    }
    bool fail(const QString &why)
    {
        if (m_error.isEmpty()) {
            m_error = why;
        }
        return false;
    }
    // The bare word at the cursor, not consumed.
    QString peekWord() const
    {
        qsizetype end = m_pos;
        while (end < m_text.size() && isWordChar(m_text[end])) {
            ++end;
        }
        return m_text.mid(m_pos, end - m_pos);
    }
    bool atKeyword(QStringView keyword)
    {
        skipSpaces();
        const QString word = peekWord();
        return word == keyword;
    }

    std::optional<QString> orExpr()
    {
        std::optional<QString> left = andExpr();
        while (left && atKeyword(u"OR")) {
            m_pos += 2;
            const std::optional<QString> right = andExpr();
            if (!right) {
                return std::nullopt;
            }
            left = *left + QStringLiteral(" | ") + *right;
        }
        return left ? std::optional<QString>(u'(' + *left + u')') : std::nullopt;
    }

    std::optional<QString> andExpr()
    {
        std::optional<QString> left = notExpr();
        while (left) {
            skipSpaces();
            if (m_pos >= m_text.size() || m_text[m_pos] == u')' || atKeyword(u"OR")) {
                break;
            }
            if (atKeyword(u"AND")) {
                m_pos += 3;
            }
            const std::optional<QString> right = notExpr();
            if (!right) {
                return std::nullopt;
            }
            left = *left + QStringLiteral(" & ") + *right;
        }
        return left;
    }

    std::optional<QString> notExpr()
    {
        std::optional<QString> left = primary();
        while (left && atKeyword(u"NOT")) {
            m_pos += 3;
            const std::optional<QString> right = primary();
            if (!right) {
                return std::nullopt;
            }
            left = *left + QStringLiteral(" & !") + *right;
        }
        return left;
    }

    std::optional<QString> primary()
    {
        skipSpaces();
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("the query ends where a word was expected"));
            return std::nullopt;
        }
        // A column filter: title: or body: (the weights of the index), or {title body}:.
        const QString word = peekWord();
        if (!word.isEmpty()) {
            qsizetype after = m_pos + word.size();
            while (after < m_text.size() && m_text[after].isSpace()) {
                ++after;
            }
            if (after < m_text.size() && m_text[after] == u':') {
                QString weight;
                if (word == u"title") {
                    weight = QStringLiteral("A");
                } else if (word == u"body") {
                    weight = QStringLiteral("B");
                } else {
                    fail(QStringLiteral("no such column: %1").arg(word));
                    return std::nullopt;
                }
                m_pos = after + 1;
                const QString saved = m_weight;
                m_weight = weight;
                std::optional<QString> inner = primary();
                m_weight = saved;
                return inner;
            }
        }
        const QChar c = m_text[m_pos];
        if (c == u'(') {
            ++m_pos;
            std::optional<QString> inner = orExpr();
            skipSpaces();
            if (!inner || m_pos >= m_text.size() || m_text[m_pos] != u')') {
                fail(QStringLiteral("unbalanced parenthesis"));
                return std::nullopt;
            }
            ++m_pos;
            return inner;
        }
        if (word == u"NEAR") {
            qsizetype after = m_pos + 4;
            while (after < m_text.size() && m_text[after].isSpace()) {
                ++after;
            }
            if (after < m_text.size() && m_text[after] == u'(') {
                m_pos = after + 1;
                return nearGroup();
            }
        }
        if (word == u"AND" || word == u"OR" || word == u"NOT") {
            fail(QStringLiteral("syntax error near \"%1\"").arg(word));
            return std::nullopt;
        }
        std::optional<QStringList> words = phrase();
        if (!words) {
            return std::nullopt;
        }
        return operand(*words);
    }

    // A phrase: quoted strings and bare words joined by '+', an optional '*' after it. Its words,
    // the last with ":*" when it is a prefix.
    std::optional<QStringList> phrase()
    {
        QStringList words;
        while (true) {
            skipSpaces();
            if (m_pos >= m_text.size()) {
                fail(QStringLiteral("the query ends where a word was expected"));
                return std::nullopt;
            }
            if (m_text[m_pos] == u'"') {
                QString inside;
                qsizetype i = m_pos + 1;
                while (true) {
                    if (i >= m_text.size()) {
                        fail(QStringLiteral("unterminated string"));
                        return std::nullopt;
                    }
                    if (m_text[i] == u'"') {
                        if (i + 1 < m_text.size() && m_text[i + 1] == u'"') {
                            inside += u'"';
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    inside += m_text[i++];
                }
                m_pos = i + 1;
                words += splitWords(inside);
            } else if (isWordChar(m_text[m_pos])) {
                const QString word = peekWord();
                m_pos += word.size();
                words.append(word);
            } else {
                fail(QStringLiteral("syntax error near \"%1\"").arg(m_text.mid(m_pos, 10)));
                return std::nullopt;
            }
            skipSpaces();
            if (m_pos < m_text.size() && m_text[m_pos] == u'+') {
                ++m_pos;
                continue;
            }
            break;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == u'*') {
            ++m_pos;
            if (!words.isEmpty()) {
                words.last() += QStringLiteral(":*");
            }
        }
        if (words.isEmpty()) {
            fail(QStringLiteral("a quoted phrase holds no word"));
            return std::nullopt;
        }
        return words;
    }

    static QStringList splitWords(const QString &text)
    {
        QStringList words;
        QString current;
        for (const QChar c : text) {
            if (isWordChar(c)) {
                current += c;
            } else if (!current.isEmpty()) {
                words.append(current);
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            words.append(current);
        }
        return words;
    }

    // 'w1' <-> 'w2' <-> 'w3':*, each word quoted for to_tsquery(), with the column's weight.
    QString operand(const QStringList &words) const
    {
        QStringList quoted;
        for (QString word : words) {
            const bool prefix = word.endsWith(QLatin1String(":*"));
            if (prefix) {
                word.chop(2);
            }
            word.replace(QLatin1String("\\"), QLatin1String("\\\\"));
            word.replace(QLatin1String("'"), QLatin1String("''"));
            QString label = (prefix ? QStringLiteral("*") : QString()) + m_weight;
            quoted.append(u'\'' + word + u'\'' + (label.isEmpty() ? QString() : u':' + label));
        }
        return quoted.size() == 1 ? quoted.front() : u'(' + quoted.join(QStringLiteral(" <-> ")) + u')';
    }

    std::optional<QString> nearGroup()
    {
        QStringList phrases;
        int distance = defaultNear;
        while (true) {
            skipSpaces();
            if (m_pos >= m_text.size()) {
                fail(QStringLiteral("unbalanced parenthesis in NEAR"));
                return std::nullopt;
            }
            if (m_text[m_pos] == u')') {
                ++m_pos;
                break;
            }
            if (m_text[m_pos] == u',') {
                ++m_pos;
                skipSpaces();
                const QString number = peekWord();
                bool ok = false;
                distance = number.toInt(&ok);
                if (!ok || distance < 0) {
                    fail(QStringLiteral("expected an integer distance in NEAR, got \"%1\"").arg(number));
                    return std::nullopt;
                }
                if (distance > maxNear) {
                    fail(QStringLiteral("NEAR's distance is at most %1 words").arg(maxNear));
                    return std::nullopt;
                }
                m_pos += number.size();
                skipSpaces();
                if (m_pos >= m_text.size() || m_text[m_pos] != u')') {
                    fail(QStringLiteral("expected ')' after NEAR's distance"));
                    return std::nullopt;
                }
                ++m_pos;
                break;
            }
            const std::optional<QStringList> words = phrase();
            if (!words) {
                return std::nullopt;
            }
            phrases.append(operand(*words));
        }
        if (phrases.isEmpty()) {
            fail(QStringLiteral("NEAR holds no phrase"));
            return std::nullopt;
        }
        if (phrases.size() == 1) {
            return phrases.front();
        }
        QStringList pairs;
        for (qsizetype i = 0; i + 1 < phrases.size(); ++i) {
            QStringList either;
            for (int d = 1; d <= distance + 1; ++d) {
                either.append(QStringLiteral("%1 <%2> %3").arg(phrases[i]).arg(d).arg(phrases[i + 1]));
                either.append(QStringLiteral("%1 <%2> %3").arg(phrases[i + 1]).arg(d).arg(phrases[i]));
            }
            pairs.append(u'(' + either.join(QStringLiteral(" | ")) + u')');
        }
        return u'(' + pairs.join(QStringLiteral(" & ")) + u')';
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    QString m_weight;
    QString m_error;
};

} // namespace

std::optional<QString> tsQuery(const QString &text, QString *error)
{
    return Translator(text).run(error);
}

} // namespace Dossier::Core
