#include "analysis/quantities.h"

namespace Dossier::Core
{

namespace
{

struct Scanner {
    QStringView text;
    const QList<Token> &tokens;
    QDate articleDate;
    QList<RawMention> *out;

    QStringView word(qsizetype t) const
    {
        return t >= 0 && t < tokens.size() ? text.sliced(tokens[t].start, tokens[t].size()) : QStringView();
    }
    bool wordIs(qsizetype t, const char *w) const
    {
        return word(t).compare(QLatin1StringView(w), Qt::CaseInsensitive) == 0;
    }
    bool adjacent(qsizetype a, qsizetype b) const { return tokens[a].end == tokens[b].start; }

    void emit(qsizetype first, qsizetype last, EntityType type, const QString &canonical)
    {
        out->append(RawMention { tokens[first].start, tokens[last - 1].end, type, canonical, MentionConfidence::Sure });
    }

    int month(qsizetype t) const;
    int weekday(qsizetype t) const;
    int day(qsizetype t) const;
    int year(qsizetype t) const;
    qsizetype date(qsizetype t);
    qsizetype money(qsizetype t);
};

int Scanner::month(qsizetype t) const
{
    static const char *const names[] = { "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december" };
    QStringView w = word(t);
    if (w.size() < 3 || !w[0].isUpper()) {
        return 0;
    }
    const bool dotted = w.endsWith(u'.');
    if (dotted) {
        w.chop(1);
    }
    for (int m = 0; m < 12; ++m) {
        const QLatin1StringView name(names[m]);
        if (w.compare(name, Qt::CaseInsensitive) == 0) {
            return m + 1;
        }
        // 'Sept', 'Sep.', 'Oct.'; 'Mar' and 'Jun' only with their dot (they are words and names too).
        if (w.size() >= 3 && w.size() < name.size() && name.startsWith(w, Qt::CaseInsensitive)
            && (dotted || (m != 2 && m != 4 && m != 5))) {
            return m + 1;
        }
    }
    return 0;
}

int Scanner::weekday(qsizetype t) const
{
    static const char *const names[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
    const QStringView w = word(t);
    if (w.isEmpty() || !w[0].isUpper()) {
        return 0;
    }
    for (int d = 0; d < 7; ++d) {
        if (w.compare(QLatin1StringView(names[d]), Qt::CaseInsensitive) == 0) {
            return d + 1;
        }
    }
    return 0;
}

// '7', '7th', '21st', '12-15' (a range: its first day).
int Scanner::day(qsizetype t) const
{
    if (t < 0 || t >= tokens.size() || !tokens[t].is(Token::Number)) {
        return 0;
    }
    const QStringView w = word(t);
    qsizetype digits = 0;
    while (digits < w.size() && w[digits].isDigit()) {
        ++digits;
    }
    const QStringView rest = w.sliced(digits);
    if (digits == 0 || digits > 2
        || !(rest.isEmpty() || rest == u"st" || rest == u"nd" || rest == u"rd" || rest == u"th"
            || (rest.startsWith(u'-') && rest.size() <= 3))) {
        return 0;
    }
    const int d = w.first(digits).toInt();
    return d >= 1 && d <= 31 ? d : 0;
}

int Scanner::year(qsizetype t) const
{
    const QStringView w = word(t);
    if (w.size() != 4 || !tokens[t].is(Token::Number)) {
        return 0;
    }
    for (QChar c : w) {
        if (!c.isDigit()) {
            return 0;
        }
    }
    const int y = w.toInt();
    return y >= 1800 && y <= 2199 ? y : 0;
}

// The year that puts month/day nearest the article date.
QDate nearest(QDate reference, int month, int day)
{
    QDate best;
    for (int y = reference.year() - 1; y <= reference.year() + 1; ++y) {
        const QDate candidate(y, month, day);
        if (candidate.isValid()
            && (!best.isValid() || qAbs(candidate.daysTo(reference)) < qAbs(best.daysTo(reference)))) {
            best = candidate;
        }
    }
    return best;
}

QString isoMonth(int year, int month)
{
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
}

// Returns the token after the date found at t, or t when there is none.
qsizetype Scanner::date(qsizetype t)
{
    const QStringView w = word(t);
    // 2021-07-06
    if (tokens[t].is(Token::Number) && w.size() == 10 && w[4] == u'-' && w[7] == u'-') {
        const QDate d = QDate::fromString(w.toString(), Qt::ISODate);
        if (d.isValid()) {
            emit(t, t + 1, EntityType::Date, d.toString(Qt::ISODate));
            return t + 1;
        }
        return t;
    }
    const auto preposition = [this](qsizetype p) {
        static const char *const words[] = { "in", "since", "until", "till", "by", "from", "during", "before", "after",
            "through", "of", "early", "late", "mid", "end", "last", "next", "this", "on", "to" };
        for (const char *word : words) {
            if (wordIs(p, word)) {
                return true;
            }
        }
        return false;
    };
    // Month [day[,] [year]] | Month year | (in|since…) Month
    if (const int m = month(t)) {
        if (const int d = day(t + 1)) {
            qsizetype end = t + 2;
            int y = year(end);
            if (!y && word(end) == u"," && year(end + 1)) {
                y = year(end + 1);
                ++end;
            }
            if (y) {
                const QDate date(y, m, d);
                if (date.isValid()) {
                    emit(t, end + 1, EntityType::Date, date.toString(Qt::ISODate));
                }
                return end + 1;
            }
            if (articleDate.isValid()) {
                const QDate date = nearest(articleDate, m, d);
                if (date.isValid()) {
                    emit(t, t + 2, EntityType::Date, date.toString(Qt::ISODate));
                }
            }
            return t + 2;
        }
        if (const int y = year(t + 1)) {
            emit(t, t + 2, EntityType::Date, isoMonth(y, m));
            return t + 2;
        }
        if (preposition(t - 1) && articleDate.isValid()) {
            const int delta = m - articleDate.month();
            int y = articleDate.year();
            if (wordIs(t - 1, "last")) {
                y -= delta >= 0 ? 1 : 0;
            } else if (wordIs(t - 1, "next")) {
                y += delta <= 0 ? 1 : 0;
            } else if (delta > 6) {
                y -= 1;
            } else if (delta < -6) {
                y += 1;
            }
            const bool relative = wordIs(t - 1, "last") || wordIs(t - 1, "next") || wordIs(t - 1, "this");
            emit(relative ? t - 1 : t, t + 1, EntityType::Date, isoMonth(y, m));
            return t + 1;
        }
        return t;
    }
    // day Month [year]: '13 November 2024', '12-15 November'
    if (const int d = day(t)) {
        if (const int m = month(t + 1)) {
            if (const int y = year(t + 2)) {
                const QDate date(y, m, d);
                if (date.isValid()) {
                    emit(t, t + 3, EntityType::Date, date.toString(Qt::ISODate));
                }
                return t + 3;
            }
            if (articleDate.isValid()) {
                const QDate date = nearest(articleDate, m, d);
                if (date.isValid()) {
                    emit(t, t + 2, EntityType::Date, date.toString(Qt::ISODate));
                }
            }
            return t + 2;
        }
        return t;
    }
    // A year after a preposition: 'in 2007', 'since 1997'.
    if (const int y = year(t)) {
        if (preposition(t - 1) && !wordIs(t - 1, "to")) {
            emit(t, t + 1, EntityType::Date, QString::number(y));
            return t + 1;
        }
        return t;
    }
    if (!articleDate.isValid() || !tokens[t].is(Token::Word)) {
        return t;
    }
    const bool last = wordIs(t - 1, "last");
    const bool next = wordIs(t - 1, "next");
    const bool thisOne = wordIs(t - 1, "this") || wordIs(t - 1, "coming");
    // Weekdays: past unless the sentence speaks of the future ('will meet on Thursday').
    if (const int wd = weekday(t)) {
        if (word(t + 1) == u"," && (day(t + 2) || month(t + 2))) {
            return t; // 'Wednesday, 13 November 2024': the date itself follows
        }
        bool future = next || thisOne;
        if (!last && !future) {
            for (qsizetype p = t - 1; p >= 0 && p >= t - 12 && !tokens[p + 1].is(Token::SentenceStart); --p) {
                if (wordIs(p, "will") || wordIs(p, "shall") || wordIs(p, "expected") || wordIs(p, "scheduled")
                    || wordIs(p, "plans") || wordIs(p, "upcoming") || wordIs(p, "to")) {
                    future = true;
                    break;
                }
                if (wordIs(p, "said") || wordIs(p, "was") || wordIs(p, "were") || wordIs(p, "had")) {
                    break;
                }
            }
        }
        const int today = articleDate.dayOfWeek();
        qint64 offset = future ? (wd - today + 7) % 7 : -((today - wd + 7) % 7);
        if (next && offset == 0) {
            offset = 7;
        }
        if (last && offset == 0) {
            offset = -7;
        }
        emit(last || next || thisOne ? t - 1 : t, t + 1, EntityType::Date,
            articleDate.addDays(offset).toString(Qt::ISODate));
        return t + 1;
    }
    if (wordIs(t, "today") || wordIs(t, "yesterday") || wordIs(t, "tomorrow")) {
        const int offset = wordIs(t, "today") ? 0 : wordIs(t, "yesterday") ? -1 : 1;
        emit(t, t + 1, EntityType::Date, articleDate.addDays(offset).toString(Qt::ISODate));
        return t + 1;
    }
    if (last || next || thisOne) {
        const int step = last ? -1 : next ? 1 : 0;
        QString value;
        if (wordIs(t, "week")) {
            int weekYear = 0;
            const int week = articleDate.addDays(7 * step).weekNumber(&weekYear);
            value = QStringLiteral("%1-W%2").arg(weekYear).arg(week, 2, 10, QLatin1Char('0'));
        } else if (wordIs(t, "month")) {
            const QDate d = articleDate.addMonths(step);
            value = isoMonth(d.year(), d.month());
        } else if (wordIs(t, "year")) {
            value = QString::number(articleDate.year() + step);
        }
        if (!value.isEmpty()) {
            emit(t - 1, t + 1, EntityType::Date, value);
            return t + 1;
        }
    }
    return t;
}

// Currency of a sign or code at t (with 'US' + '$' as one): returns the code and the token after it.
QString currencyBefore(const Scanner &s, qsizetype t, qsizetype *after)
{
    static const struct {
        const char *prefix;
        const char *code;
    } dollars[] = { { "US", "USD" }, { "A", "AUD" }, { "AU", "AUD" }, { "C", "CAD" }, { "CA", "CAD" }, { "HK", "HKD" },
        { "S", "SGD" }, { "NZ", "NZD" }, { "NT", "TWD" }, { "R", "BRL" } };
    const QStringView w = s.word(t);
    if (s.tokens[t].is(Token::Word) && t + 1 < s.tokens.size() && s.word(t + 1) == u"$" && s.adjacent(t, t + 1)) {
        for (const auto &d : dollars) {
            if (w == QLatin1StringView(d.prefix)) {
                *after = t + 2;
                return QLatin1StringView(d.code).toString();
            }
        }
        return {};
    }
    static const struct {
        char16_t sign;
        const char *code;
    } signs[]
        = { { u'$', "USD" }, { u'€', "EUR" }, { u'£', "GBP" }, { u'¥', "JPY" }, { u'₩', "KRW" }, { u'₹', "INR" } };
    if (w.size() == 1) {
        for (const auto &sign : signs) {
            if (w[0] == QChar(sign.sign)) {
                *after = t + 1;
                return QLatin1StringView(sign.code).toString();
            }
        }
    }
    static const char *const codes[]
        = { "USD", "EUR", "JPY", "GBP", "CNY", "RMB", "KRW", "INR", "AUD", "CAD", "CHF", "RUB", "HKD", "SGD", "TWD" };
    for (const char *code : codes) {
        if (w == QLatin1StringView(code) && t + 1 < s.tokens.size() && s.tokens[t + 1].is(Token::Number)) {
            *after = t + 1;
            return w == u"RMB" ? QStringLiteral("CNY") : w.toString();
        }
    }
    return {};
}

int multiplier(QStringView w)
{
    static const struct {
        const char *word;
        int exponent;
    } words[] = { { "thousand", 3 }, { "k", 3 }, { "million", 6 }, { "mln", 6 }, { "mn", 6 }, { "m", 6 },
        { "billion", 9 }, { "bln", 9 }, { "bn", 9 }, { "b", 9 }, { "trillion", 12 }, { "tn", 12 }, { "trn", 12 } };
    for (const auto &entry : words) {
        if (w.compare(QLatin1StringView(entry.word), Qt::CaseInsensitive) == 0) {
            return entry.exponent;
        }
    }
    return -1;
}

QString currencyWord(QStringView w, bool large)
{
    static const struct {
        const char *word;
        const char *code;
    } words[] = { { "dollars", "USD" }, { "dollar", "USD" }, { "euros", "EUR" }, { "euro", "EUR" }, { "yen", "JPY" },
        { "yuan", "CNY" }, { "renminbi", "CNY" }, { "rupees", "INR" }, { "rubles", "RUB" }, { "roubles", "RUB" },
        { "pesos", "MXN" }, { "ringgit", "MYR" }, { "baht", "THB" }, { "francs", "CHF" }, { "won", "KRW" },
        { "sterling", "GBP" } };
    for (const auto &entry : words) {
        if (w.compare(QLatin1StringView(entry.word), Qt::CaseInsensitive) == 0) {
            // 'won' is also a verb: only after a large amount.
            return qstrcmp(entry.word, "won") == 0 && !large ? QString() : QLatin1StringView(entry.code).toString();
        }
    }
    return {};
}

qsizetype Scanner::money(qsizetype t)
{
    qsizetype n = t;
    QString code = currencyBefore(*this, t, &n);
    if (n >= tokens.size() || !tokens[n].is(Token::Number)) {
        if (!code.isEmpty() || !tokens[t].is(Token::Number)) {
            return t;
        }
        n = t;
    }
    // The number, maybe with a glued multiplier ('5m', '2.8bn').
    QStringView number = word(n);
    qsizetype digits = 0;
    while (digits < number.size() && (number[digits].isDigit() || number[digits] == u'.' || number[digits] == u',')) {
        ++digits;
    }
    int exponent = 0;
    if (digits < number.size()) {
        exponent = multiplier(number.sliced(digits));
        if (exponent < 0) {
            return t;
        }
        number.truncate(digits);
    }
    qsizetype end = n + 1;
    if (exponent == 0 && end < tokens.size()) {
        if (const int e = multiplier(word(end)); e > 0 && (word(end).size() > 1 || adjacent(n, end))) {
            exponent = e;
            ++end;
        }
    }
    if (code.isEmpty()) {
        // '5 million yen', '100 U.S. dollars'
        if (word(end) == u"U.S." || word(end) == u"US") {
            ++end;
        }
        code = currencyWord(word(end), exponent > 0 || number.size() > 3);
        if (code.isEmpty()) {
            return t;
        }
        ++end;
    }
    const QString amount = scaleAmount(number, exponent);
    if (amount.isEmpty()) {
        return t;
    }
    emit(t, end, EntityType::Money, amount + QLatin1Char(' ') + code);
    return end;
}

} // namespace

QString scaleAmount(QStringView number, int exponent)
{
    QString whole;
    QString fraction;
    bool point = false;
    for (QChar c : number) {
        // Digits of any script ('٣', '߆') are written as ASCII: the canonical amount is one key.
        if (c.isDigit()) {
            (point ? fraction : whole).append(QLatin1Char(char('0' + c.digitValue())));
        } else if (c == u'.' && !point) {
            point = true;
        } else if (c != u',' || point) {
            return {};
        }
    }
    if (whole.isEmpty() && fraction.isEmpty()) {
        return {};
    }
    while (exponent > 0) {
        whole.append(fraction.isEmpty() ? u'0' : fraction[0]);
        if (!fraction.isEmpty()) {
            fraction.remove(0, 1);
        }
        --exponent;
    }
    while (fraction.endsWith(u'0')) {
        fraction.chop(1);
    }
    while (whole.size() > 1 && whole.startsWith(u'0')) {
        whole.remove(0, 1);
    }
    if (whole.isEmpty()) {
        whole = QStringLiteral("0");
    }
    return fraction.isEmpty() ? whole : whole + QLatin1Char('.') + fraction;
}

void recognizeQuantities(QStringView text, const QList<Token> &tokens, QDate articleDate, QList<RawMention> *out)
{
    Scanner scanner { text, tokens, articleDate, out };
    qsizetype t = 0;
    while (t < tokens.size()) {
        qsizetype next = scanner.money(t);
        if (next == t) {
            next = scanner.date(t);
        }
        t = next > t ? next : t + 1;
    }
}

} // namespace Dossier::Core
