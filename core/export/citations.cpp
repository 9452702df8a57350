#include "export/citations.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

namespace Dossier::Core
{

namespace
{

// Lower-case words that belong to the family name that follows them ("van der Berg", "de la Cruz").
bool isParticle(const QString &word)
{
    static const QSet<QString> particles { QStringLiteral("van"), QStringLiteral("von"), QStringLiteral("der"),
        QStringLiteral("den"), QStringLiteral("de"), QStringLiteral("del"), QStringLiteral("della"),
        QStringLiteral("di"), QStringLiteral("da"), QStringLiteral("du"), QStringLiteral("la"), QStringLiteral("le"),
        QStringLiteral("ten"), QStringLiteral("ter"), QStringLiteral("bin"), QStringLiteral("al") };
    return particles.contains(word);
}

CitationName splitName(const QString &name)
{
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() < 2) {
        return { {}, {}, name };
    }
    qsizetype familyStart = words.size() - 1;
    // Suffixes stay with the family name: "Martin Luther King Jr."
    static const QRegularExpression suffix(QStringLiteral("^(Jr|Sr|II|III|IV)\\.?$"));
    if (familyStart > 1 && suffix.match(words.last()).hasMatch()) {
        --familyStart;
    }
    while (familyStart > 1 && isParticle(words[familyStart - 1])) {
        --familyStart;
    }
    return { words.mid(familyStart).join(QLatin1Char(' ')), words.mid(0, familyStart).join(QLatin1Char(' ')), {} };
}

// A part of a byline that names a person: two to five words, each starting with a capital letter
// or a particle; anything else (an outlet, a role) is kept as a literal name.
bool looksLikePersonName(const QString &part)
{
    const QStringList words = part.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() < 2 || words.size() > 5) {
        return false;
    }
    for (const QString &word : words) {
        if (!word.front().isUpper() && !isParticle(word)) {
            return false;
        }
    }
    return true;
}

QString foldedWord(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_KD)) {
        if (c.unicode() < 128 && c.isLetterOrNumber()) {
            out += c.toLower();
        } else if (!out.isEmpty() && (c.isSpace() || c == u'-')) {
            break;
        }
    }
    return out;
}

// The first word of \a text (ASCII-folded) that is not a stop word, or "".
QString keyWord(const QString &text)
{
    static const QSet<QString> stopWords { QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("the"),
        QStringLiteral("of"), QStringLiteral("on"), QStringLiteral("in"), QStringLiteral("at"), QStringLiteral("to"),
        QStringLiteral("for"), QStringLiteral("and"), QStringLiteral("by") };
    for (const QString &word :
        text.split(QRegularExpression(QStringLiteral("[\\s\\-\\x{2013}\\x{2014}/]+")), Qt::SkipEmptyParts)) {
        const QString folded = foldedWord(word);
        if (!folded.isEmpty() && !stopWords.contains(folded)) {
            return folded;
        }
    }
    return {};
}

// Year, month and day of an ISO 8601 date ("2026-03-14", "2026-03", "2026-03-14T08:00:00Z"); the
// parts not given are 0. All 0 when the text holds no date.
struct DateParts {
    int year = 0;
    int month = 0;
    int day = 0;
};

DateParts dateParts(const QString &iso)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?"));
    const QRegularExpressionMatch match = pattern.match(iso);
    if (!match.hasMatch()) {
        return {};
    }
    return { match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt() };
}

DateParts accessedParts(const Article &article)
{
    if (article.importedAt <= 0) {
        return {};
    }
    const QDate date = QDateTime::fromMSecsSinceEpoch(article.importedAt, QTimeZone::UTC).date();
    return { date.year(), date.month(), date.day() };
}

QJsonObject cslDate(const DateParts &date)
{
    QJsonArray parts { date.year };
    if (date.month > 0) {
        parts.append(date.month);
        if (date.day > 0) {
            parts.append(date.day);
        }
    }
    return QJsonObject { { QLatin1String("date-parts"), QJsonArray { parts } } };
}

QString isoDate(const DateParts &date)
{
    QString out = QString::number(date.year);
    if (date.month > 0) {
        out += QStringLiteral("-%1").arg(date.month, 2, 10, QLatin1Char('0'));
        if (date.day > 0) {
            out += QStringLiteral("-%1").arg(date.day, 2, 10, QLatin1Char('0'));
        }
    }
    return out;
}

// RIS writes dates as YYYY/MM/DD/ with empty parts left empty.
QString risDate(const DateParts &date)
{
    const auto part
        = [](int value) { return value > 0 ? QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0')) : QString(); };
    return QStringLiteral("%1/%2/%3/").arg(QString::number(date.year), part(date.month), part(date.day));
}

// A value inside BibTeX braces: LaTeX's special characters escaped, so braces stay balanced.
QString bibEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\':
            out += QStringLiteral("\\textbackslash{}");
            break;
        case '{':
        case '}':
        case '%':
        case '&':
        case '$':
        case '#':
        case '_':
            out += QLatin1Char('\\') + c;
            break;
        case '^':
            out += QStringLiteral("\\textasciicircum{}");
            break;
        case '~':
            out += QStringLiteral("\\textasciitilde{}");
            break;
        case '\n':
        case '\r':
        case '\t':
            out += QLatin1Char(' ');
            break;
        default:
            out += c;
        }
    }
    return out;
}

// RIS values are one line each.
QString risValue(const QString &text)
{
    QString out = text;
    out.replace(QRegularExpression(QStringLiteral("[\\r\\n\\t]+")), QStringLiteral(" "));
    return out.trimmed();
}

} // namespace

QList<CitationName> citationNames(const QString &byline)
{
    QString text = byline.simplified();
    static const QRegularExpression by(QStringLiteral("^(?:by|from)\\s+"), QRegularExpression::CaseInsensitiveOption);
    text.remove(by);
    if (text.isEmpty()) {
        return {};
    }
    // "Ruiz, Ana": one name written family first.
    static const QRegularExpression inverted(QStringLiteral("^([\\w'\\-]+), ([\\w'\\-. ]+)$"));
    if (const QRegularExpressionMatch match = inverted.match(text); match.hasMatch()
        && !match.captured(2).contains(QLatin1Char(' ')) && match.captured(1).front().isUpper()
        && match.captured(2).front().isUpper()) {
        return { CitationName { match.captured(1), match.captured(2), {} } };
    }
    static const QRegularExpression separators(QStringLiteral("\\s*(?:;|,|&|\\band\\b|\\bund\\b|\\bet\\b)\\s*"));
    QList<CitationName> people;
    QList<CitationName> others;
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        if (looksLikePersonName(trimmed)) {
            people.append(splitName(trimmed));
        } else {
            others.append(CitationName { {}, {}, trimmed });
        }
    }
    // Beside people, the other parts are roles and outlets ("Ana Ruiz, Reuters"); alone they are the author.
    return people.isEmpty() ? others : people;
}

QStringList citationKeys(const EvidencePack &pack)
{
    QStringList keys;
    QHash<QString, int> uses;
    for (const PackArticle &item : pack.articles) {
        const Article &article = item.article;
        const QList<CitationName> names = citationNames(article.meta.author);
        QString who;
        if (!names.isEmpty()) {
            who = keyWord(names.front().literal.isEmpty() ? names.front().family : names.front().literal);
        }
        if (who.isEmpty()) {
            who = keyWord(article.meta.source);
        }
        const DateParts date = dateParts(article.meta.date);
        QString key = who + (date.year > 0 ? QString::number(date.year) : QString()) + keyWord(article.meta.title);
        if (key.isEmpty()) {
            key = QStringLiteral("article%1").arg(article.id);
        }
        keys.append(key);
        ++uses[key];
    }
    // Keys that several articles share get a, b, c, … in pack order.
    QHash<QString, int> seen;
    for (QString &key : keys) {
        if (uses.value(key) > 1) {
            const int n = seen[key]++;
            key += n < 26 ? QString(QChar(u'a' + n)) : QStringLiteral("-%1").arg(n + 1);
        }
    }
    return keys;
}

QByteArray toCslJson(const EvidencePack &pack)
{
    const QStringList keys = citationKeys(pack);
    QJsonArray items;
    for (qsizetype i = 0; i < pack.articles.size(); ++i) {
        const PackArticle &item = pack.articles[i];
        const ArticleMetadata &meta = item.article.meta;
        QJsonObject object { { QLatin1String("id"), keys[i] },
            { QLatin1String("type"),
                meta.source.isEmpty() ? QLatin1String("article") : QLatin1String("article-newspaper") },
            { QLatin1String("title"), meta.title } };
        QJsonArray authors;
        for (const CitationName &name : citationNames(meta.author)) {
            authors.append(name.literal.isEmpty()
                    ? QJsonObject { { QLatin1String("family"), name.family }, { QLatin1String("given"), name.given } }
                    : QJsonObject { { QLatin1String("literal"), name.literal } });
        }
        if (!authors.isEmpty()) {
            object.insert(QLatin1String("author"), authors);
        }
        if (!meta.source.isEmpty()) {
            object.insert(QLatin1String("container-title"), meta.source);
        }
        if (const DateParts issued = dateParts(meta.date); issued.year > 0) {
            object.insert(QLatin1String("issued"), cslDate(issued));
        }
        if (!meta.url.isEmpty()) {
            object.insert(QLatin1String("URL"), meta.url);
        }
        if (const DateParts accessed = accessedParts(item.article); accessed.year > 0) {
            object.insert(QLatin1String("accessed"), cslDate(accessed));
        }
        if (!meta.language.isEmpty()) {
            object.insert(QLatin1String("language"), meta.language);
        }
        if (!meta.dateline.isEmpty()) {
            object.insert(QLatin1String("event-place"), meta.dateline);
        }
        if (!item.tags.isEmpty()) {
            object.insert(QLatin1String("keyword"), item.tags.join(QStringLiteral(", ")));
        }
        items.append(object);
    }
    return QJsonDocument(items).toJson(QJsonDocument::Indented);
}

QByteArray toRis(const EvidencePack &pack)
{
    QString out;
    const auto line = [&out](const char *tag, const QString &value) {
        const QString text = risValue(value);
        if (!text.isEmpty()) {
            out += QLatin1String(tag) + QStringLiteral("  - ") + text + QStringLiteral("\r\n");
        }
    };
    const QStringList keys = citationKeys(pack);
    for (qsizetype i = 0; i < pack.articles.size(); ++i) {
        const PackArticle &item = pack.articles[i];
        const ArticleMetadata &meta = item.article.meta;
        out += QStringLiteral("TY  - %1\r\n").arg(meta.source.isEmpty() ? QLatin1String("GEN") : QLatin1String("NEWS"));
        line("ID", keys[i]);
        line("TI", meta.title);
        for (const CitationName &name : citationNames(meta.author)) {
            line("AU", name.literal.isEmpty() ? name.family + QStringLiteral(", ") + name.given : name.literal);
        }
        line("T2", meta.source);
        if (const DateParts issued = dateParts(meta.date); issued.year > 0) {
            line("PY", QString::number(issued.year));
            line("DA", risDate(issued));
        }
        line("UR", meta.url);
        if (const DateParts accessed = accessedParts(item.article); accessed.year > 0) {
            line("Y2", risDate(accessed));
        }
        line("LA", meta.language);
        line("CY", meta.dateline);
        for (const QString &tag : item.tags) {
            line("KW", tag);
        }
        out += QStringLiteral("ER  - \r\n");
        if (i + 1 < pack.articles.size()) {
            out += QStringLiteral("\r\n");
        }
    }
    return out.toUtf8();
}

QByteArray toBibTex(const EvidencePack &pack)
{
    QString out;
    const QStringList keys = citationKeys(pack);
    for (qsizetype i = 0; i < pack.articles.size(); ++i) {
        const PackArticle &item = pack.articles[i];
        const ArticleMetadata &meta = item.article.meta;
        QList<std::pair<QString, QString>> fields;
        // Double braces keep a headline's capitals as written.
        if (!meta.title.isEmpty()) {
            fields.append({ QStringLiteral("title"), QLatin1Char('{') + bibEscaped(meta.title) + QLatin1Char('}') });
        }
        QStringList authors;
        for (const CitationName &name : citationNames(meta.author)) {
            authors.append(name.literal.isEmpty()
                    ? QString(bibEscaped(name.family) + QStringLiteral(", ") + bibEscaped(name.given))
                    : QString(QLatin1Char('{') + bibEscaped(name.literal) + QLatin1Char('}')));
        }
        if (!authors.isEmpty()) {
            fields.append({ QStringLiteral("author"), authors.join(QStringLiteral(" and ")) });
        }
        if (!meta.source.isEmpty()) {
            fields.append({ QStringLiteral("journal"), bibEscaped(meta.source) });
        }
        if (const DateParts issued = dateParts(meta.date); issued.year > 0) {
            fields.append({ QStringLiteral("date"), isoDate(issued) });
            fields.append({ QStringLiteral("year"), QString::number(issued.year) });
            if (issued.month > 0) {
                fields.append({ QStringLiteral("month"), QString::number(issued.month) });
            }
        }
        if (!meta.url.isEmpty()) {
            // biblatex reads url verbatim; only its braces would end the value.
            QString url = meta.url;
            url.replace(QLatin1Char('{'), QStringLiteral("%7B")).replace(QLatin1Char('}'), QStringLiteral("%7D"));
            fields.append({ QStringLiteral("url"), url });
        }
        if (const DateParts accessed = accessedParts(item.article); accessed.year > 0) {
            fields.append({ QStringLiteral("urldate"), isoDate(accessed) });
        }
        if (!meta.language.isEmpty()) {
            fields.append({ QStringLiteral("langid"), bibEscaped(meta.language) });
        }
        if (!item.tags.isEmpty()) {
            fields.append({ QStringLiteral("keywords"), bibEscaped(item.tags.join(QStringLiteral(", "))) });
        }
        out += QStringLiteral("@%1{%2").arg(
            meta.source.isEmpty() ? QLatin1String("misc") : QLatin1String("article"), keys[i]);
        for (const auto &[name, value] : std::as_const(fields)) {
            out += QStringLiteral(",\n  %1 = {%2}").arg(name, value);
        }
        out += QStringLiteral("\n}\n");
        if (i + 1 < pack.articles.size()) {
            out += QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

} // namespace Dossier::Core
