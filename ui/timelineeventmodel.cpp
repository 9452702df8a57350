#include "timelineeventmodel.h"

#include "roles.h"

#include <QLocale>

namespace Dossier::Ui
{

namespace
{
constexpr qsizetype maxSentence = 160;
} // namespace

TimelineEventModel::TimelineEventModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void TimelineEventModel::setEvents(const QList<Core::TimelineEvent> &events)
{
    beginResetModel();
    m_events = events;
    endResetModel();
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
        for (const Core::EventReport &report : event.reports) {
            lines.append(tr("%1 (%2, %3): %4")
                    .arg(report.title, report.source, report.published, report.sentence.simplified())
                    .toHtmlEscaped());
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
