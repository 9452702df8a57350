#include "store/searchplan_p.h"

namespace Dossier::Core
{

namespace
{

const QString stemIndex = QStringLiteral("articles_stem");
const QString exactIndex = QStringLiteral("articles_fts");

// A unit of the query at the top level: a word or quote (with its column filter, '^', '*' and
// '+' joins), a parenthesised group or a NEAR group; or an operator between units.
struct Item {
    QString text;
    bool exact = false; // quotes or a prefix somewhere inside: the words as written
    enum class Kind { Unit, And, Or, Not } kind = Kind::Unit;
};

bool isBarewordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c.unicode() >= 0x80 || c.isMark();
}

// Splits \a text into top-level items; false when the query holds something this planner does
// not follow (an unbalanced quote or parenthesis, a stray character), so it is run whole.
bool topLevelItems(const QString &text, QList<Item> *items)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    Item current;
    bool inUnit = false;
    const auto finishUnit = [&] {
        if (inUnit) {
            current.text = current.text.trimmed();
            items->append(current);
            current = Item();
            inUnit = false;
        }
    };
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            // A unit goes on across spaces only into a '+' join or a column filter's ':'.
            qsizetype next = i;
            while (next < n && text[next].isSpace()) {
                ++next;
            }
            if (inUnit && next < n && (text[next] == u'+' || text[next] == u':')) {
                current.text += text.mid(i, next - i);
                i = next;
                continue;
            }
            if (inUnit && current.text.endsWith(u'+')) {
                current.text += text.mid(i, next - i);
                i = next;
                continue;
            }
            if (inUnit && current.text.trimmed().endsWith(u':')) {
                current.text += text.mid(i, next - i);
                i = next;
                continue;
            }
            finishUnit();
            i = next;
            continue;
        }
        if (c == u'"') {
            qsizetype end = i + 1;
            while (true) {
                end = text.indexOf(u'"', end);
                if (end < 0) {
                    return false;
                }
                if (end + 1 < n && text[end + 1] == u'"') {
                    end += 2;
                    continue;
                }
                break;
            }
            current.text += text.mid(i, end + 1 - i);
            current.exact = true;
            inUnit = true;
            i = end + 1;
            continue;
        }
        if (c == u'(') {
            // A group, or NEAR's: to the matching parenthesis, quotes skipped.
            int depth = 0;
            qsizetype end = i;
            for (; end < n; ++end) {
                if (text[end] == u'"') {
                    const qsizetype close = text.indexOf(u'"', end + 1);
                    if (close < 0) {
                        return false;
                    }
                    current.exact = true;
                    end = close;
                    continue;
                }
                if (text[end] == u'*') {
                    current.exact = true;
                }
                if (text[end] == u'(') {
                    ++depth;
                } else if (text[end] == u')' && --depth == 0) {
                    break;
                }
            }
            if (end >= n) {
                return false;
            }
            current.text += text.mid(i, end + 1 - i);
            inUnit = true;
            i = end + 1;
            continue;
        }
        if (c == u')') {
            return false;
        }
        if (c == u'*') {
            if (!inUnit) {
                return false;
            }
            current.text += c;
            current.exact = true;
            ++i;
            continue;
        }
        if (c == u'+' || c == u':' || c == u'^' || c == u'{' || c == u'}' || c == u'-') {
            current.text += c;
            inUnit = true;
            ++i;
            continue;
        }
        if (!isBarewordChar(c)) {
            return false;
        }
        qsizetype end = i;
        while (end < n && isBarewordChar(text[end])) {
            ++end;
        }
        const QString word = text.mid(i, end - i);
        const bool endsUnit = !inUnit || current.text.endsWith(u' ');
        if (endsUnit && (word == u"AND" || word == u"OR" || word == u"NOT")) {
            finishUnit();
            Item op;
            op.kind = word == u"AND" ? Item::Kind::And : word == u"OR" ? Item::Kind::Or : Item::Kind::Not;
            items->append(op);
            i = end;
            continue;
        }
        if (inUnit && !current.text.endsWith(u':') && !current.text.endsWith(u'+') && !current.text.endsWith(u'^')
            && !current.text.endsWith(u'{') && !current.text.endsWith(u'-') && !current.text.endsWith(u' ')
            && word != u"NEAR") {
            // Two words with nothing between cannot happen (spaces end units), but keep it safe.
            finishUnit();
        }
        current.text += word;
        inUnit = true;
        i = end;
    }
    finishUnit();
    return true;
}

} // namespace

// The plan in FTS5's terms (both backends start from it).
SearchPlan ftsPlan(const QString &text);

const SearchPlan::Part *SearchPlan::ranking() const
{
    for (const Part &part : parts) {
        if (!part.negated) {
            return &part;
        }
    }
    return nullptr;
}

QString ftsQuery(const QString &text)
{
    return text.startsWith(u'*') ? QLatin1Char(' ') + text : text;
}

SearchPlan searchPlan(const QString &text, Library::Backend backend)
{
    SearchPlan plan = ftsPlan(text);
    if (backend == Library::Backend::Sqlite) {
        return plan;
    }
    plan.backend = backend;
    for (SearchPlan::Part &part : plan.parts) {
        QString why;
        const std::optional<QString> query = tsQuery(part.match, &why);
        if (!query) {
            plan.error = QStringLiteral("bad search query: %1").arg(why);
            plan.parts.clear();
            return plan;
        }
        part.match = *query;
        part.table = part.table == stemIndex ? QStringLiteral("stem") : QStringLiteral("words");
    }
    return plan;
}

MatchSql matchSql(const SearchPlan &plan, const SearchPlan::Part &part)
{
    if (plan.backend == Library::Backend::Sqlite) {
        return { part.table, part.table + QStringLiteral(".rowid"), QStringLiteral("%1 MATCH ?").arg(part.table),
            QStringLiteral("bm25(%1, 5.0, 1.0)").arg(part.table), {}, {} };
    }
    const QString config = part.table == u"stem" ? QStringLiteral("english") : QStringLiteral("simple");
    // The title weighs A, the body B: {D, C, B, A} weights 5 to 1, as bm25(5.0, 1.0) does.
    return { QStringLiteral("article_texts m CROSS JOIN to_tsquery('%1', ?) q").arg(config), QStringLiteral("m.id"),
        QStringLiteral("m.%1 @@ q").arg(part.table),
        QStringLiteral("-ts_rank_cd('{0.1, 0.2, 0.2, 1.0}', m.%1, q)").arg(part.table), QStringLiteral("m.body"),
        config };
}

QString MatchSql::snippet(const QString &open, const QString &close, int words) const
{
    return QStringLiteral("ts_headline('%1', %2, q, 'StartSel=%3, StopSel=%4, MaxWords=%5, MinWords=%6, "
                          "ShortWord=0, MaxFragments=1')")
        .arg(config, body, open, close)
        .arg(words)
        .arg(words / 2);
}

SearchPlan ftsPlan(const QString &text)
{
    SearchPlan plan;
    QList<Item> items;
    const auto whole = [&] {
        const bool exact = text.contains(u'"') || text.contains(u'*');
        plan.parts = { SearchPlan::Part { exact ? exactIndex : stemIndex, ftsQuery(text), false } };
        return plan;
    };
    if (!topLevelItems(text, &items)) {
        return whole();
    }
    QStringList stemPositive;
    QStringList exactPositive;
    QList<SearchPlan::Part> negated;
    bool negateNext = false;
    bool expectUnit = true;
    for (const Item &item : std::as_const(items)) {
        switch (item.kind) {
        case Item::Kind::Or:
            return whole();
        case Item::Kind::And:
        case Item::Kind::Not:
            if (expectUnit) {
                return whole(); // "NOT x", "a AND AND b": FTS5 says what is wrong
            }
            negateNext = item.kind == Item::Kind::Not;
            expectUnit = true;
            break;
        case Item::Kind::Unit:
            if (negateNext) {
                negated.append({ item.exact ? exactIndex : stemIndex, item.text, true });
            } else {
                (item.exact ? exactPositive : stemPositive).append(item.text);
            }
            negateNext = false;
            expectUnit = false;
            break;
        }
    }
    if (expectUnit || (stemPositive.isEmpty() && exactPositive.isEmpty())) {
        return whole();
    }
    // Each index gets its units as one query; a unit may be a group, so each is parenthesised.
    const auto joined = [](const QStringList &units) {
        if (units.size() == 1) {
            return ftsQuery(units.front());
        }
        QStringList wrapped;
        for (const QString &unit : units) {
            wrapped.append(QLatin1Char('(') + unit + QLatin1Char(')'));
        }
        return wrapped.join(QStringLiteral(" AND "));
    };
    if (!stemPositive.isEmpty()) {
        plan.parts.append({ stemIndex, joined(stemPositive), false });
    }
    if (!exactPositive.isEmpty()) {
        plan.parts.append({ exactIndex, joined(exactPositive), false });
    }
    for (SearchPlan::Part &part : negated) {
        part.match = ftsQuery(part.match);
        plan.parts.append(part);
    }
    return plan;
}

QString searchIdSet(const SearchPlan &plan, QVariantList *binds)
{
    QString positive;
    QString negative;
    QVariantList negativeBinds;
    for (const SearchPlan::Part &part : plan.parts) {
        const QString select = plan.backend == Library::Backend::Sqlite
            ? QStringLiteral("SELECT rowid AS id FROM %1 WHERE %1 MATCH ?").arg(part.table)
            : QStringLiteral("SELECT id FROM article_texts WHERE %1 @@ to_tsquery('%2', ?)")
                  .arg(part.table, part.table == u"stem" ? QStringLiteral("english") : QStringLiteral("simple"));
        if (part.negated) {
            negative += QStringLiteral(" EXCEPT ") + select;
            negativeBinds.append(part.match);
        } else {
            positive += (positive.isEmpty() ? QString() : QStringLiteral(" INTERSECT ")) + select;
            binds->append(part.match);
        }
    }
    binds->append(negativeBinds);
    return positive + negative;
}

} // namespace Dossier::Core
