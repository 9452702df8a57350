#include "copiespanel.h"

#include "copylistmodel.h"
#include "roles.h"
#include "store/library.h"
#include "store/libraryreader.h"
#include "store/librarysession.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

static_assert(CopiesPanel::diffMarkProperty == QTextFormat::UserProperty + 1);

struct ClusterResult {
    quint64 generation = 0;
    std::optional<Core::DuplicateCluster> cluster;
    QString error;
};

struct DiffResult {
    quint64 generation = 0;
    std::optional<Core::CopyDiff> diff;
    QString error;
};

// The colours of the marks: light backgrounds with dark text, legible in light and dark themes.
QColor markColor(CopiesPanel::Mark mark)
{
    switch (mark) {
    case CopiesPanel::Mark::Added:
        return QColor(0xc6, 0xef, 0xc6);
    case CopiesPanel::Mark::Cut:
        return QColor(0xf7, 0xc5, 0xc5);
    case CopiesPanel::Mark::ChangedFrom:
    case CopiesPanel::Mark::ChangedTo:
        return QColor(0xfb, 0xe2, 0x9f);
    default:
        return {};
    }
}

QTextCharFormat markFormat(CopiesPanel::Mark mark)
{
    QTextCharFormat format;
    format.setProperty(CopiesPanel::diffMarkProperty, int(mark));
    if (mark == CopiesPanel::Mark::Same) {
        return format;
    }
    format.setBackground(markColor(mark));
    format.setForeground(QColor(0x1a, 0x1a, 0x1a));
    // What the copy no longer has is struck through, so the view reads as the copy's text.
    format.setFontStrikeOut(mark == CopiesPanel::Mark::Cut || mark == CopiesPanel::Mark::ChangedFrom);
    return format;
}

QLabel *legendEntry(const QString &text, CopiesPanel::Mark mark, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("background: %1; color: #1a1a1a; padding: 1px 6px;%2")
            .arg(markColor(mark).name(),
                mark == CopiesPanel::Mark::Cut ? QStringLiteral(" text-decoration: line-through;") : QString()));
    return label;
}

} // namespace

CopiesPanel::CopiesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new CopyListModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_diffTitle(new QLabel(this))
    , m_diff(new QTextEdit(this))
    , m_changeDelay(new QTimer(this))
{
    m_summary->setAccessibleName(tr("Copies summary"));
    m_summary->setWordWrap(true);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Copies"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(CopyListModel::Title, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(CopyListModel::Date, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(CopyListModel::Similarity, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->resizeSection(CopyListModel::Source, 100);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_diffTitle->setAccessibleName(tr("Compared copies"));
    m_diffTitle->setWordWrap(true);
    m_diff->setReadOnly(true);
    m_diff->setAcceptRichText(false);
    m_diff->setAccessibleName(tr("Word differences"));

    auto *legend = new QHBoxLayout;
    legend->setContentsMargins(0, 0, 0, 0);
    legend->addWidget(new QLabel(tr("Against the earliest copy:"), this));
    legend->addWidget(legendEntry(tr("added"), Mark::Added, this));
    legend->addWidget(legendEntry(tr("cut"), Mark::Cut, this));
    legend->addWidget(legendEntry(tr("changed"), Mark::ChangedTo, this));
    legend->addStretch(1);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_diffTitle);
    lowerLayout->addLayout(legend);
    lowerLayout->addWidget(m_diff, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(lower);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (current.isValid()) {
                startDiff(current.data(CopyArticleIdRole).toLongLong());
            }
        });
    connect(m_view, &QTableView::activated, this,
        [this](const QModelIndex &index) { Q_EMIT copyActivated(index.data(CopyArticleIdRole).toLongLong()); });
    // An import announces its articles a few times a second: read once they pause.
    m_changeDelay->setSingleShot(true);
    m_changeDelay->setInterval(300);
    connect(m_changeDelay, &QTimer::timeout, this, &CopiesPanel::refresh);
}

void CopiesPanel::setSession(Core::LibrarySession *session)
{
    m_session = session;
    connect(session, &Core::LibrarySession::libraryChanged, this, [this] { setCurrentArticle(-1); });
    connect(session, &Core::LibrarySession::articlesChanged, this, [this] { m_changeDelay->start(); });
    refresh();
}

void CopiesPanel::setCurrentArticle(qint64 id)
{
    if (id == m_current && !m_stale) {
        return;
    }
    m_current = id;
    refresh();
}

void CopiesPanel::refresh()
{
    m_changeDelay->stop();
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    startCluster();
}

bool CopiesPanel::isLoading() const
{
    return m_clusterPending || m_diffPending || m_changeDelay->isActive() || (m_stale && isVisible());
}

void CopiesPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refresh();
    }
}

void CopiesPanel::startCluster()
{
    m_stale = false;
    const quint64 generation = ++m_clusterGeneration;
    // A diff of the last cluster still on its way is not shown over this one; reads that have
    // not started yet need not run.
    ++m_diffGeneration;
    m_diffPending = false;
    m_diffRead.cancel();
    m_clusterRead.cancel();
    if (!m_session || !m_session->isOpen() || m_current < 0) {
        m_clusterPending = false;
        m_model->setCluster({});
        m_summary->setText(tr("Open an article to see the copies of its story."));
        showDiff({});
        return;
    }
    m_clusterPending = true;
    const QFuture<ClusterResult> future = m_session->reader()->read<ClusterResult>(
        [id = m_current, generation](Core::Library *library, const QString &openError) {
            ClusterResult result { generation, std::nullopt, openError };
            if (library) {
                result.cluster = library->duplicates().copiesOf(id);
                if (!result.cluster) {
                    result.error = library->errorString();
                }
            }
            return result;
        });
    m_clusterRead = QFuture<void>(future);
    auto *watcher = new QFutureWatcher<ClusterResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<ClusterResult> done = watcher->future();
        if (done.resultCount() == 0 || done.result().generation != m_clusterGeneration) {
            return; // a newer read is on its way
        }
        const ClusterResult result = done.result();
        m_clusterPending = false;
        if (!result.cluster) {
            m_model->setCluster({});
            m_summary->setText(tr("Cannot read the copies: %1").arg(result.error));
            showDiff({});
        } else if (result.cluster->members.size() < 2) {
            m_model->setCluster({});
            m_summary->setText(tr("No other article of the library is a copy of this story."));
            showDiff({});
        } else {
            m_model->setCluster(*result.cluster);
            m_summary->setText(
                tr("The story is in %n article(s); each copy is compared with the earliest, listed first.", nullptr,
                    int(result.cluster->members.size())));
            // The open article's row; for the earliest, the first copy (its own diff is empty).
            const int row = m_model->rowOfId(m_current);
            selectRow(row <= 0 ? 1 : row);
        }
        Q_EMIT clusterLoaded();
    });
    watcher->setFuture(future);
}

void CopiesPanel::selectRow(int row)
{
    const QModelIndex index = m_model->index(row, 0);
    if (m_view->currentIndex().row() == row) {
        startDiff(index.data(CopyArticleIdRole).toLongLong()); // the same row of a new cluster
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void CopiesPanel::chooseCopy(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row >= 0) {
        selectRow(row);
    }
}

void CopiesPanel::startDiff(qint64 copy)
{
    const quint64 generation = ++m_diffGeneration;
    m_diffRead.cancel();
    if (!m_session || !m_session->isOpen() || m_model->rowCount() < 2) {
        m_diffPending = false;
        showDiff({});
        return;
    }
    const qint64 original = m_model->cluster().members.front().article.id;
    m_diffPending = true;
    const QFuture<DiffResult> future = m_session->reader()->read<DiffResult>(
        [copy, original, generation](Core::Library *library, const QString &openError) {
            DiffResult result { generation, std::nullopt, openError };
            if (library) {
                result.diff = library->duplicates().diff(copy, original);
                if (!result.diff) {
                    result.error = library->errorString();
                }
            }
            return result;
        },
        Core::LibraryReader::Lane::Bulk);
    m_diffRead = QFuture<void>(future);
    auto *watcher = new QFutureWatcher<DiffResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<DiffResult> done = watcher->future();
        if (done.resultCount() == 0 || done.result().generation != m_diffGeneration) {
            return;
        }
        const DiffResult result = done.result();
        m_diffPending = false;
        if (result.diff) {
            showDiff(*result.diff);
        } else {
            showDiff({});
            m_diffTitle->setText(tr("Cannot compare the copies: %1").arg(result.error));
        }
        Q_EMIT diffLoaded();
    });
    watcher->setFuture(future);
}

void CopiesPanel::showDiff(const Core::CopyDiff &diff)
{
    m_diff->clear();
    m_shownCopy = diff.copy.id;
    if (diff.copy.id < 0) {
        m_diffTitle->clear();
        return;
    }
    if (diff.copy.id == diff.original.id) {
        m_diffTitle->setText(tr("The earliest copy, which the others are compared with."));
    } else {
        m_diffTitle->setText(tr("What this copy added, cut and changed against the earliest (%1% similar):")
                .arg(qRound(diff.similarity * 100)));
    }
    // The copy's text in order, with what it cut from the earliest put back where it was, struck through.
    QTextCursor cursor(m_diff->document());
    const QTextCharFormat same = markFormat(Mark::Same);
    qsizetype position = 0;
    const auto copyText = [&](qsizetype from, qsizetype to, Mark mark) {
        if (position < from) {
            cursor.insertText(diff.copyBody.mid(position, from - position), same);
        }
        cursor.insertText(diff.copyBody.mid(from, to - from), markFormat(mark));
        position = to;
    };
    for (qsizetype i = 0; i < diff.runs.size(); ++i) {
        const Core::DiffRun &run = diff.runs.at(i);
        switch (run.kind) {
        case Core::DiffRun::Kind::Equal:
            copyText(run.copyStart, run.copyEnd, Mark::Same);
            break;
        case Core::DiffRun::Kind::Inserted: {
            const bool changed = i > 0 && diff.runs.at(i - 1).kind == Core::DiffRun::Kind::Deleted;
            copyText(run.copyStart, run.copyEnd, changed ? Mark::ChangedTo : Mark::Added);
            break;
        }
        case Core::DiffRun::Kind::Deleted: {
            const bool changed = i + 1 < diff.runs.size() && diff.runs.at(i + 1).kind == Core::DiffRun::Kind::Inserted;
            copyText(position, run.copyStart, Mark::Same);
            // Set apart from the copy's words before and after it (a cut ending follows the last word).
            const QChar before = cursor.position() > 0 ? m_diff->document()->characterAt(cursor.position() - 1) : u' ';
            if (!before.isSpace()) {
                cursor.insertText(QStringLiteral(" "), same);
            }
            cursor.insertText(diff.originalBody.mid(run.originalStart, run.originalEnd - run.originalStart),
                markFormat(changed ? Mark::ChangedFrom : Mark::Cut));
            if (run.copyStart < diff.copyBody.size()) {
                cursor.insertText(QStringLiteral(" "), same);
            }
            break;
        }
        default:
            break;
        }
    }
    if (position < diff.copyBody.size()) {
        cursor.insertText(diff.copyBody.mid(position), same);
    }
    m_diff->moveCursor(QTextCursor::Start);
}

QString CopiesPanel::markedText(Mark mark) const
{
    QStringList stretches;
    for (QTextBlock block = m_diff->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.isValid() && fragment.charFormat().intProperty(diffMarkProperty) == int(mark)) {
                stretches.append(fragment.text());
            }
        }
    }
    return stretches.join(u'\n');
}

} // namespace Dossier::Ui
