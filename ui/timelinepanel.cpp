#include "timelinepanel.h"

#include "export/timelineexport.h"
#include "roles.h"
#include "store/library.h"
#include "store/libraryreader.h"
#include "store/librarysession.h"
#include "timelinechart.h"
#include "timelineeventmodel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QSaveFile>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

using Core::Dates::Precision;

struct CountsResult {
    quint64 generation = 0;
    std::optional<Core::TimelineCounts> counts;
    QString error;
};

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

struct TimelinePanel::EventsResult {
    quint64 generation = 0;
    std::optional<QList<Core::EventDate>> dates; //!< set when the dates were read (a first page), else a next page
    std::optional<QList<Core::TimelineEvent>> events;
    QString error;
};

TimelinePanel::TimelinePanel(QWidget *parent)
    : QWidget(parent)
    , m_precision(new QComboBox(this))
    , m_rangeLabel(new QLabel(this))
    , m_clearRange(new QToolButton(this))
    , m_undatedLabel(new QLabel(this))
    , m_export(new QToolButton(this))
    , m_chart(new TimelineChart(this))
    , m_events(new TimelineEventModel(this))
    , m_eventView(new QListView(this))
    , m_status(new QLabel(this))
    , m_changeDelay(new QTimer(this))
{
    m_precision->setAccessibleName(tr("Timeline scale"));
    m_precision->addItem(tr("Year"), int(Precision::Year));
    m_precision->addItem(tr("Month"), int(Precision::Month));
    m_precision->addItem(tr("Week"), int(Precision::Week));
    m_precision->addItem(tr("Day"), int(Precision::Day));
    m_precision->setCurrentIndex(1);
    m_precision->setToolTip(tr("Count the articles by year, month, ISO week or day"));
    m_rangeLabel->setAccessibleName(tr("Publication range"));
    m_clearRange->setText(tr("Clear Range"));
    m_clearRange->setToolTip(tr("List the articles of every publication date again"));
    m_clearRange->setEnabled(false);
    m_undatedLabel->setAccessibleName(tr("Undated articles"));
    m_export->setText(tr("Export Timeline…"));
    m_export->setToolTip(tr("Save the timeline as a PNG or SVG image, or as CSV"));
    m_status->setAccessibleName(tr("Timeline status"));
    m_status->setWordWrap(true);
    m_status->hide();
    m_eventView->setModel(m_events);
    connect(m_events, &TimelineEventModel::pageWanted, this, &TimelinePanel::startPage);
    m_eventView->setAccessibleName(tr("Events"));
    // Rows of two lines each, elided: with uniform sizes the view measures one row, not thousands.
    m_eventView->setUniformItemSizes(true);
    m_eventView->setWordWrap(false);
    m_eventView->setTextElideMode(Qt::ElideRight);
    m_eventView->setAlternatingRowColors(true);
    m_eventView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_chart->setToolTip(QString()); // per bar, from the chart's own tooltip event

    // The scale and the export above; the range the list is narrowed to on a line of its own.
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_precision);
    bar->addWidget(m_undatedLabel);
    bar->addStretch(1);
    bar->addWidget(m_export);
    auto *range = new QHBoxLayout;
    range->setContentsMargins(0, 0, 0, 0);
    range->addWidget(m_rangeLabel, 1);
    range->addWidget(m_clearRange);
    m_eventView->setSpacing(2);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_eventView);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addLayout(range);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    updateRangeLabel();

    connect(m_precision, &QComboBox::currentIndexChanged, this, [this] {
        if (isVisible()) {
            startCounts();
        } else {
            m_stale = true;
        }
    });
    connect(m_chart, &TimelineChart::rangeChosen, this, &TimelinePanel::rangeChosen);
    connect(m_clearRange, &QToolButton::clicked, this, [this] { Q_EMIT rangeChosen(QDate(), QDate()); });
    connect(m_export, &QToolButton::clicked, this, &TimelinePanel::chooseExport);
    connect(m_eventView, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT eventActivated(index.data(EventArticleIdRole).toLongLong(), index.data(EventStartRole).toLongLong(),
            index.data(EventEndRole).toLongLong());
    });
    // An import announces its articles a few times a second: read once they pause.
    m_changeDelay->setSingleShot(true);
    m_changeDelay->setInterval(300);
    connect(m_changeDelay, &QTimer::timeout, this, &TimelinePanel::refresh);
}

void TimelinePanel::setSession(Core::LibrarySession *session)
{
    m_session = session;
    const auto later = [this] { m_changeDelay->start(); };
    connect(session, &Core::LibrarySession::libraryChanged, this, &TimelinePanel::refresh);
    connect(session, &Core::LibrarySession::articlesChanged, this, later);
    connect(session, &Core::LibrarySession::entitiesChanged, this, later);
    connect(session, &Core::LibrarySession::tagsChanged, this, later);
    refresh();
}

void TimelinePanel::setFilter(const Core::DocumentFilter &filter)
{
    Core::DocumentFilter counted = filter;
    counted.from = QDate();
    counted.to = QDate();
    m_from = filter.from;
    m_to = filter.to;
    m_chart->setRange(m_from, m_to);
    updateRangeLabel();
    if (counted != m_filter) {
        m_filter = counted;
        refresh();
    }
}

Precision TimelinePanel::precision() const
{
    return Precision(m_precision->currentData().toInt());
}

void TimelinePanel::setPrecision(Precision precision)
{
    m_precision->setCurrentIndex(m_precision->findData(int(precision)));
}

void TimelinePanel::refresh()
{
    m_changeDelay->stop();
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    startCounts();
    startEvents();
}

bool TimelinePanel::isLoading() const
{
    return m_countsPending || m_eventsPending || m_pagePending || m_exportPending || m_changeDelay->isActive()
        || (m_stale && isVisible());
}

void TimelinePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refresh();
    }
}

void TimelinePanel::startCounts()
{
    m_stale = false;
    m_status->hide();
    const quint64 generation = ++m_countsGeneration;
    if (!m_session || !m_session->isOpen()) {
        m_chart->setCounts({});
        m_undatedLabel->clear();
        return;
    }
    m_countsPending = true;
    const QFuture<CountsResult> future = m_session->reader()->read<CountsResult>(
        [filter = m_filter, precision = precision(), generation](Core::Library *library, const QString &openError) {
            CountsResult result { generation, std::nullopt, openError };
            if (library) {
                result.counts = library->timeline().counts(filter, precision);
                if (!result.counts) {
                    result.error = library->errorString();
                }
            }
            return result;
        });
    auto *watcher = new QFutureWatcher<CountsResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<CountsResult> done = watcher->future();
        if (done.resultCount() == 0 || done.result().generation != m_countsGeneration) {
            return; // a newer query is on its way
        }
        const CountsResult result = done.result();
        m_countsPending = false;
        if (result.counts) {
            m_chart->setCounts(*result.counts);
            m_undatedLabel->setText(tr("%n undated", nullptr, result.counts->undated));
            m_undatedLabel->setToolTip(
                tr("%n listed article(s) without a publication date (in no bar)", nullptr, result.counts->undated));
        } else {
            showError(result.error);
        }
        finishedOne();
    });
    watcher->setFuture(future);
}

void TimelinePanel::startEvents()
{
    const quint64 generation = ++m_eventsGeneration;
    m_pagePending = false;
    if (!m_session || !m_session->isOpen()) {
        m_events->setEvents({});
        return;
    }
    m_eventsPending = true;
    // The dates first (one grouped query), then the events of the first page of them.
    readEvents([filter = m_filter, generation, reports = m_events->pageReports()](
                   Core::Library *library, const QString &openError) {
        EventsResult result { generation, std::nullopt, std::nullopt, openError };
        if (library) {
            result.dates = library->timeline().eventDates(filter);
            if (result.dates) {
                result.events = library->timeline().events(filter, Core::eventDatesPage(*result.dates, 0, reports));
            }
            if (!result.events) {
                result.error = library->errorString();
            }
        }
        return result;
    });
}

void TimelinePanel::startPage()
{
    if (!m_session || !m_session->isOpen() || m_events->isComplete()) {
        return;
    }
    m_pagePending = true;
    readEvents([filter = m_filter, generation = m_eventsGeneration, page = m_events->nextPage()](
                   Core::Library *library, const QString &openError) {
        EventsResult result { generation, std::nullopt, std::nullopt, openError };
        if (library) {
            result.events = library->timeline().events(filter, page);
            if (!result.events) {
                result.error = library->errorString();
            }
        }
        return result;
    });
}

void TimelinePanel::readEvents(std::function<EventsResult(Core::Library *, const QString &)> read)
{
    const QFuture<EventsResult> future
        = m_session->reader()->read<EventsResult>(std::move(read), Core::LibraryReader::Lane::Bulk);
    auto *watcher = new QFutureWatcher<EventsResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<EventsResult> done = watcher->future();
        if (done.resultCount() == 0 || done.result().generation != m_eventsGeneration) {
            return;
        }
        const EventsResult result = done.result();
        const bool first = result.dates.has_value();
        (first ? m_eventsPending : m_pagePending) = false;
        if (result.events) {
            if (first) {
                m_events->setDates(*result.dates);
            }
            m_events->addPage(*result.events);
        } else {
            showError(result.error);
        }
        if (first) {
            finishedOne();
        }
    });
    watcher->setFuture(future);
}

void TimelinePanel::showError(const QString &message)
{
    m_status->setText(tr("Cannot read the timeline: %1").arg(message));
    m_status->show();
}

void TimelinePanel::finishedOne()
{
    if (!m_countsPending && !m_eventsPending) {
        Q_EMIT loaded();
    }
}

void TimelinePanel::updateRangeLabel()
{
    const QLocale locale;
    const bool ranged = m_from.isValid() || m_to.isValid();
    m_clearRange->setEnabled(ranged);
    if (!ranged) {
        m_rangeLabel->setText(tr("All dates"));
    } else if (m_from.isValid() && m_to.isValid()) {
        m_rangeLabel->setText(tr("Published %1 – %2")
                .arg(locale.toString(m_from, QLocale::ShortFormat), locale.toString(m_to, QLocale::ShortFormat)));
    } else if (m_from.isValid()) {
        m_rangeLabel->setText(tr("Published from %1").arg(locale.toString(m_from, QLocale::ShortFormat)));
    } else {
        m_rangeLabel->setText(tr("Published up to %1").arg(locale.toString(m_to, QLocale::ShortFormat)));
    }
}

bool TimelinePanel::exportTo(const QString &path)
{
    m_error.clear();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        const QImage image = m_chart->grab().toImage();
        if (image.isNull() || !image.save(path, "PNG")) {
            m_error = tr("Cannot write the image %1").arg(path);
            return false;
        }
        return true;
    }
    if (suffix == QLatin1String("svg")) {
        return writeFile(path,
            Core::TimelineExport::countsSvg(m_chart->counts(), tr("Articles per %1").arg(m_precision->currentText())),
            &m_error);
    }
    if (suffix == QLatin1String("csv")) {
        const QFileInfo info(path);
        const QString eventsPath = info.dir().filePath(info.completeBaseName() + QStringLiteral("-events.csv"));
        if (!writeFile(path, Core::TimelineExport::countsCsv(m_chart->counts()), &m_error)) {
            return false;
        }
        if (m_events->isComplete() || !m_session || !m_session->isOpen()) {
            return writeFile(eventsPath, Core::TimelineExport::eventsCsv(m_events->events()), &m_error);
        }
        // Events the list has not read yet: every one is read off the window's thread, then written.
        m_exportPending = true;
        const QFuture<EventsResult> future = m_session->reader()->read<EventsResult>(
            [filter = m_filter](Core::Library *library, const QString &openError) {
                EventsResult result { 0, std::nullopt, std::nullopt, openError };
                if (library) {
                    result.events = library->timeline().events(filter);
                    if (!result.events) {
                        result.error = library->errorString();
                    }
                }
                return result;
            },
            Core::LibraryReader::Lane::Bulk);
        auto *watcher = new QFutureWatcher<EventsResult>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, eventsPath] {
            watcher->deleteLater();
            m_exportPending = false;
            const QFuture<EventsResult> done = watcher->future();
            const EventsResult result = done.resultCount() > 0 ? done.result() : EventsResult {};
            bool ok = false;
            if (!result.events) {
                m_error = result.error;
            } else {
                ok = writeFile(eventsPath, Core::TimelineExport::eventsCsv(*result.events), &m_error);
            }
            if (!ok) {
                m_status->setText(tr("Cannot export the events: %1").arg(m_error));
                m_status->show();
            }
            Q_EMIT eventsExported(eventsPath, ok);
        });
        watcher->setFuture(future);
        return true;
    }
    m_error = tr("Choose a file ending in .png, .svg or .csv");
    return false;
}

void TimelinePanel::chooseExport()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Timeline"), QString(),
        tr("PNG image (*.png);;SVG image (*.svg);;CSV, with the events beside it (*.csv)"), &selected);
    if (path.isEmpty()) {
        return;
    }
    QString file = path;
    if (QFileInfo(file).suffix().isEmpty()) {
        file += selected.contains(QLatin1String("*.svg")) ? QStringLiteral(".svg")
            : selected.contains(QLatin1String("*.csv"))   ? QStringLiteral(".csv")
                                                          : QStringLiteral(".png");
    }
    if (!exportTo(file)) {
        QMessageBox::warning(this, tr("Timeline Not Exported"), m_error);
    }
}

} // namespace Dossier::Ui
