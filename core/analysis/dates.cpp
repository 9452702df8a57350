#include "analysis/dates.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace Dossier::Core::Dates
{

namespace
{

// Month names (and their usual abbreviations) in the languages our sources use most; keys are lower case.
const QHash<QString, int> &monthNames()
{
    static const QHash<QString, int> names = [] {
        QHash<QString, int> map;
        const std::array<const char16_t *, 12> lists = {
            u"january jan janvier janv januar enero ene janeiro januari gennaio gen",
            u"february feb febr février févr fevrier februar febrero fevereiro fev februari febbraio",
            u"march mar mars märz maerz marzo março marco maart",
            u"april apr avril abril abr aprile",
            u"may mai mayo maio mei maggio mag",
            u"june jun juin juni junio junho giugno giu",
            u"july jul juillet juil juli julio julho luglio lug",
            u"august aug août aout agosto ago augustus",
            u"september sep sept septembre septiembre setiembre setembro set settembre",
            u"october oct octobre oktober okt octubre outubro out ottobre ott",
            u"november nov novembre noviembre novembro",
            u"december dec décembre decembre dezember dez diciembre dic dezembro dicembre",
        };
        for (int month = 0; month < 12; ++month) {
            const QString list = QString::fromUtf16(lists[month]);
            for (const QString &name : list.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                map.insert(name, month + 1);
            }
        }
        return map;
    }();
    return names;
}

QString monthAlternation()
{
    QStringList names = monthNames().keys();
    // Longest first, so that "sept" wins over "sep" and "september" over both.
    std::sort(names.begin(), names.end(),
        [](const QString &a, const QString &b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
    for (QString &name : names) {
        name = QRegularExpression::escape(name);
    }
    return names.join(QLatin1Char('|'));
}

int monthNumber(QStringView name)
{
    return monthNames().value(name.toString().toLower(), 0);
}

bool plausibleYear(int year)
{
    return year >= 1900 && year <= 2100;
}

QString isoDate(int year, int month, int day)
{
    if (!plausibleYear(year)) {
        return {};
    }
    const QDate date(year, month, day);
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

// One candidate: where it starts in the text and the ISO string it stands for.
struct Candidate {
    qsizetype position = -1;
    QString iso;
};

void consider(Candidate *best, qsizetype position, const QString &iso)
{
    if (!iso.isEmpty() && (best->position < 0 || position < best->position)) {
        best->position = position;
        best->iso = iso;
    }
}

constexpr auto unicode = QRegularExpression::UseUnicodePropertiesOption;
constexpr auto caseless = QRegularExpression::CaseInsensitiveOption;

// 2021-07-06, 2021-07-06T10:00:00Z, 2021-07-06T10:00+09:00, 2024/11/13, 2024.11.13
QString matchNumericYearFirst(const QRegularExpressionMatch &m)
{
    QString date = isoDate(m.captured(1).toInt(), m.captured(3).toInt(), m.captured(4).toInt());
    if (date.isEmpty() || m.captured(2) != u"-" || m.capturedLength(5) == 0) {
        return date;
    }
    // An ISO 8601 date-time: keep the time and the zone, normalised to hh:mm:ss and ±hh:mm.
    const int hour = m.captured(5).toInt();
    const int minute = m.captured(6).toInt();
    const int second = m.capturedLength(7) ? m.captured(7).toInt() : 0;
    if (hour > 23 || minute > 59 || second > 60) {
        return date;
    }
    QString zone = m.captured(8);
    if (zone.size() == 5) { // +0900
        zone.insert(3, QLatin1Char(':'));
    } else if (zone.size() == 3) { // +09
        zone.append(QStringLiteral(":00"));
    }
    return QStringLiteral("%1T%2:%3:%4%5")
        .arg(date)
        .arg(hour, 2, 10, QLatin1Char('0'))
        .arg(minute, 2, 10, QLatin1Char('0'))
        .arg(second, 2, 10, QLatin1Char('0'))
        .arg(zone);
}

} // namespace

QDate parseDate(QStringView text)
{
    const QString iso = parse(text);
    return iso.isEmpty() ? QDate() : QDate::fromString(iso.left(10), Qt::ISODate);
}

QString parse(QStringView text)
{
    static const QRegularExpression yearFirst(
        QStringLiteral(R"((?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]))"
                       R"((?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)"),
        unicode);
    // Sep. 30, 2013 / September 30th 2013 / Nov 19, 2019
    static const QRegularExpression monthFirst(
        QStringLiteral(R"(\b(%1)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b)").arg(monthAlternation()),
        unicode | caseless);
    // 13 November 2024 / 13. November 2024 / 22 de outubro de 2010 / 1er janvier 2020 / 13-Nov-2024
    static const QRegularExpression dayFirst(
        QStringLiteral(
            R"(\b(\d{1,2})(?:st|nd|rd|th|er|e|º)?\.?(?:\s+de|\s+of)?[\s-]+(%1)\.?,?(?:\s+de)?[\s-]+(\d{4})\b)")
            .arg(monthAlternation()),
        unicode | caseless);
    // 30/09/2013, 30.09.2013, 30-09-2013: day first unless that is impossible (then month first).
    static const QRegularExpression numericDayFirst(
        QStringLiteral(R"((?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d))"));
    // 2024年11月13日 (Japanese, Chinese), 2024년 11월 13일 (Korean)
    static const QRegularExpression cjk(
        QStringLiteral(u"(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일]"));

    // Each pattern's first match that is a real date; the earliest of those wins.
    Candidate best;
    const auto firstValid = [&](const QRegularExpression &re, auto &&toIso) {
        for (auto it = re.globalMatchView(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (best.position >= 0 && m.capturedStart() >= best.position) {
                return;
            }
            const QString iso = toIso(m);
            if (!iso.isEmpty()) {
                consider(&best, m.capturedStart(), iso);
                return;
            }
        }
    };
    firstValid(yearFirst, matchNumericYearFirst);
    firstValid(monthFirst, [](const QRegularExpressionMatch &m) {
        return isoDate(m.captured(3).toInt(), monthNumber(m.capturedView(1)), m.captured(2).toInt());
    });
    firstValid(dayFirst, [](const QRegularExpressionMatch &m) {
        return isoDate(m.captured(3).toInt(), monthNumber(m.capturedView(2)), m.captured(1).toInt());
    });
    firstValid(numericDayFirst, [](const QRegularExpressionMatch &m) {
        const int first = m.captured(1).toInt();
        const int second = m.captured(3).toInt();
        const int year = m.captured(4).toInt();
        const QString iso = isoDate(year, second, first);
        return iso.isEmpty() ? isoDate(year, first, second) : iso;
    });
    firstValid(cjk, [](const QRegularExpressionMatch &m) {
        return isoDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    });
    return best.iso;
}

Period period(QStringView iso)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})(?:-(?:W(\\d{2})|(\\d{2})(?:-(\\d{2})(?:T.*)?)?))?$"));
    const QRegularExpressionMatch m = pattern.matchView(iso.trimmed());
    Period result;
    if (!m.hasMatch()) {
        return result;
    }
    const int year = m.capturedView(1).toInt();
    if (m.hasCaptured(2)) {
        // ISO week 1 holds the year's first Thursday; its Monday is the week's first day.
        const QDate january4(year, 1, 4);
        const int week = m.capturedView(2).toInt();
        const int weeksInYear = QDate(year, 12, 28).weekNumber(); // 28 December is always in the last week
        if (week < 1 || week > weeksInYear) {
            return result;
        }
        result.first = january4.addDays(1 - january4.dayOfWeek() + 7 * (week - 1));
        result.last = result.first.addDays(6);
        result.precision = Precision::Week;
    } else if (m.hasCaptured(4)) {
        result.first = QDate(year, m.capturedView(3).toInt(), m.capturedView(4).toInt());
        result.last = result.first;
        result.precision = Precision::Day;
    } else if (m.hasCaptured(3)) {
        result.first = QDate(year, m.capturedView(3).toInt(), 1);
        result.last = result.first.isValid() ? result.first.addMonths(1).addDays(-1) : QDate();
        result.precision = Precision::Month;
    } else {
        result.first = QDate(year, 1, 1);
        result.last = QDate(year, 12, 31);
        result.precision = Precision::Year;
    }
    if (!result.isValid()) {
        return {};
    }
    return result;
}

QString periodName(QDate day, Precision precision)
{
    switch (precision) {
    case Precision::Year:
        return QString::number(day.year());
    case Precision::Month:
        return day.toString(QStringLiteral("yyyy-MM"));
    case Precision::Week: {
        int year = 0;
        const int week = day.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }
    case Precision::Day:
        break;
    }
    return day.toString(Qt::ISODate);
}

QString precisionName(Precision precision)
{
    switch (precision) {
    case Precision::Year:
        return QStringLiteral("year");
    case Precision::Month:
        return QStringLiteral("month");
    case Precision::Week:
        return QStringLiteral("week");
    case Precision::Day:
        break;
    }
    return QStringLiteral("day");
}

bool precisionFromName(QStringView name, Precision *precision)
{
    for (Precision p : { Precision::Year, Precision::Month, Precision::Week, Precision::Day }) {
        if (name.compare(precisionName(p), Qt::CaseInsensitive) == 0) {
            *precision = p;
            return true;
        }
    }
    return false;
}

} // namespace Dossier::Core::Dates
