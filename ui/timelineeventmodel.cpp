#include "timelineeventmodel.h"

#include "roles.h"

#include <QLocale>

namespace Dossier::Ui
{

namespace
{
constexpr qsizetype maxSentence = 160;
// A tooltip lists this many reports at most: an event of a year many articles name has thousands.
constexpr qsizetype maxTooltipReports = 10;
} // namespace

TimelineEventModel::TimelineEventModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void TimelineEventModel::setEvents(const QList<Core::TimelineEvent> &events)
{
    beginResetModel();
    m_events = events;
    m_dates.clear();
    m_nextDate = 0;
    m_wanted = false;
    endResetModel();
}

void TimelineEventModel::setDates(const QList<Core::EventDate> &dates)
{
    beginResetModel();
    m_events.clear();
    m_dates = dates;
    m_nextDate = 0;
    m_wanted = false;
    endResetModel();
}

QList<Core::EventDate> TimelineEventModel::nextPage() const
{
    return Core::eventDatesPage(m_dates, m_nextDate, m_pageReports);
}

void TimelineEventModel::addPage(const QList<Core::TimelineEvent> &events)
{
    m_nextDate += Core::eventDatesPage(m_dates, m_nextDate, m_pageReports).size();
    m_wanted = false;
    if (events.isEmpty()) {
        // Dates whose sentences reported nothing after all: no rows for a view to scroll to, so the
        // next page is asked for at once.
        if (!isComplete()) {
            m_wanted = true;
            Q_EMIT pageWanted();
        }
        return;
    }
    beginInsertRows({}, int(m_events.size()), int(m_events.size() + events.size() - 1));
    m_events += events;
    endInsertRows();
}

void TimelineEventModel::setPageReports(int reports)
{
    m_pageReports = std::max(1, reports);
}

bool TimelineEventModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !isComplete() && !m_wanted;
}

void TimelineEventModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    m_wanted = true;
    Q_EMIT pageWanted();
}

QString TimelineEventModel::periodText(const Core::TimelineEvent &event)
{
    const QLocale locale;
    const QDate first = event.period.first;
    switch (event.period.precision) {
    case Core::Dates::Precision::Year:
        return QString::number(first.year());
    case Core::Dates::Precision::Month:
        return locale.toString(first, QStringLiteral("MMM yyyy"));
    case Core::Dates::Precision::Week: {
        int year = 0;
        const int week = first.weekNumber(&year);
        return tr("Week %1, %2").arg(week).arg(year);
    }
    case Core::Dates::Precision::Day:
        break;
    }
    return locale.toString(first, QStringLiteral("d MMM yyyy"));
}

int TimelineEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant TimelineEventModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size()) {
        return {};
    }
    const Core::TimelineEvent &event = m_events.at(index.row());
    if (event.reports.isEmpty()) {
        return {};
    }
    const Core::EventReport &first = event.reports.first();
    switch (role) {
    case Qt::DisplayRole: {
        QString sentence = first.sentence.simplified();
        if (sentence.size() > maxSentence) {
            sentence = sentence.left(maxSentence - 1).trimmed() + u'…';
        }
        QStringList names;
        for (const Core::EntitySummary &entity : event.entities) {
            names.append(entity.name);
        }
        QString details = tr("%n article(s)", nullptr, event.articles);
        if (!names.isEmpty()) {
            details += QStringLiteral(" · ") + names.join(QStringLiteral(", "));
        }
        return QString(tr("%1 — %2").arg(periodText(event), sentence) + u'\n' + details);
    }
    case Qt::ToolTipRole: {
        QStringList lines;
        for (const Core::EventReport &report : event.reports.first(std::min(event.reports.size(), maxTooltipReports))) {
            lines.append(tr("%1 (%2, %3): %4")
                    .arg(report.title, report.source, report.published, report.sentence.simplified())
                    .toHtmlEscaped());
        }
        if (event.reports.size() > maxTooltipReports) {
            lines.append(tr("… and %n more report(s)", nullptr, int(event.reports.size() - maxTooltipReports)));
        }
        return QString(QStringLiteral("<p>") + lines.join(QStringLiteral("</p><p>")) + QStringLiteral("</p>"));
    }
    case EventArticleIdRole:
        return first.articleId;
    case EventStartRole:
        return qint64(first.start);
    case EventEndRole:
        return qint64(first.end);
    case EventArticleCountRole:
        return event.articles;
    default:
        break;
    }
    return {};
}

} // namespace Dossier::Ui
