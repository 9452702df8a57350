#include "cooccurrencepanel.h"

#include "cooccurrencemodel.h"
#include "export/entitygraph.h"
#include "roles.h"
#include "store/library.h"
#include "store/libraryreader.h"
#include "store/librarysession.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

struct PairsResult {
    quint64 generation = 0;
    std::optional<Core::Cooccurrences> cooccurrences;
    CooccurrenceGraph::Drawing drawing;
    QString error;
};

} // namespace

CooccurrencePanel::CooccurrencePanel(QWidget *parent)
    : QWidget(parent)
    , m_scope(new QComboBox(this))
    , m_minCount(new QSpinBox(this))
    , m_summary(new QLabel(this))
    , m_export(new QToolButton(this))
    , m_model(new CooccurrenceModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_graph(new CooccurrenceGraph(this))
    , m_changeDelay(new QTimer(this))
{
    m_scope->setAccessibleName(tr("Co-occurrence scope"));
    m_scope->addItem(tr("Same article"), int(Core::CooccurrenceScope::Article));
    m_scope->addItem(tr("Same sentence"), int(Core::CooccurrenceScope::Sentence));
    m_scope->setToolTip(tr("Count two entities as appearing together when one article, or one sentence, names both"));
    m_minCount->setAccessibleName(tr("Minimum count"));
    m_minCount->setRange(1, 1000);
    m_minCount->setValue(Core::CooccurrenceOptions().minCount);
    m_minCount->setPrefix(tr("at least "));
    m_minCount->setToolTip(tr("Leave out pairs that appear together fewer times than this"));
    m_summary->setAccessibleName(tr("Co-occurrence summary"));
    m_summary->setWordWrap(true);
    m_export->setText(tr("Export Graph…"));
    m_export->setToolTip(tr("Save the pairs as a GraphML or GEXF graph (for Gephi, Cytoscape or NetworkX)"));

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(PairSortRole);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_sorted);
    m_table->setAccessibleName(tr("Pairs"));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the query's ranking until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(CooccurrenceModel::EntityAColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(CooccurrenceModel::EntityBColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(CooccurrenceModel::TogetherColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CooccurrenceModel::NpmiColumn, QHeaderView::ResizeToContents);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_scope);
    bar->addWidget(m_minCount);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_export);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_graph);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, &CooccurrencePanel::changedOption);
    connect(m_minCount, &QSpinBox::valueChanged, this, &CooccurrencePanel::changedOption);
    connect(m_export, &QToolButton::clicked, this, &CooccurrencePanel::chooseExport);
    const auto activateRow = [this](const QModelIndex &index) {
        const QModelIndex source = m_sorted->mapToSource(index);
        if (source.isValid()) {
            const Core::CooccurrencePair &pair = m_model->pair(source.row());
            Q_EMIT pairActivated(pair.a, pair.b);
        }
    };
    connect(m_table, &QTableView::clicked, this, activateRow);
    connect(m_table, &QTableView::activated, this, activateRow);
    connect(m_graph, &CooccurrenceGraph::pairActivated, this, &CooccurrencePanel::pairActivated);
    // An import announces its articles a few times a second: read once they pause.
    m_changeDelay->setSingleShot(true);
    m_changeDelay->setInterval(300);
    connect(m_changeDelay, &QTimer::timeout, this, &CooccurrencePanel::refresh);
    showSummary();
}

void CooccurrencePanel::setSession(Core::LibrarySession *session)
{
    m_session = session;
    const auto later = [this] { m_changeDelay->start(); };
    connect(session, &Core::LibrarySession::libraryChanged, this, &CooccurrencePanel::refresh);
    connect(session, &Core::LibrarySession::articlesChanged, this, later);
    connect(session, &Core::LibrarySession::entitiesChanged, this, later);
    connect(session, &Core::LibrarySession::tagsChanged, this, later);
    refresh();
}

void CooccurrencePanel::setFilter(const Core::DocumentFilter &filter)
{
    if (filter != m_filter) {
        m_filter = filter;
        refresh();
    }
}

Core::CooccurrenceScope CooccurrencePanel::scope() const
{
    return Core::CooccurrenceScope(m_scope->currentData().toInt());
}

void CooccurrencePanel::setScope(Core::CooccurrenceScope scope)
{
    m_scope->setCurrentIndex(m_scope->findData(int(scope)));
}

int CooccurrencePanel::minCount() const
{
    return m_minCount->value();
}

void CooccurrencePanel::setMinCount(int count)
{
    m_minCount->setValue(count);
}

void CooccurrencePanel::changedOption()
{
    refresh();
}

void CooccurrencePanel::refresh()
{
    m_changeDelay->stop();
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    start();
}

bool CooccurrencePanel::isLoading() const
{
    return m_pending || m_changeDelay->isActive() || (m_stale && isVisible());
}

void CooccurrencePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refresh();
    }
}

void CooccurrencePanel::start()
{
    m_stale = false;
    const quint64 generation = ++m_generation;
    if (!m_session || !m_session->isOpen()) {
        m_pending = false;
        m_model->setCooccurrences({});
        m_graph->setDrawing({});
        showSummary();
        return;
    }
    m_pending = true;
    Core::CooccurrenceOptions options;
    options.scope = scope();
    options.minCount = minCount();
    // Sentence scope reads the articles' texts: the bulk lane, behind the sidebar's quick reads.
    const Core::LibraryReader::Lane lane = options.scope == Core::CooccurrenceScope::Sentence
        ? Core::LibraryReader::Lane::Bulk
        : Core::LibraryReader::Lane::Interactive;
    const QFuture<PairsResult> future = m_session->reader()->read<PairsResult>(
        [filter = m_filter, options, generation](Core::Library *library, const QString &openError) {
            PairsResult result { generation, std::nullopt, {}, openError };
            if (library) {
                result.cooccurrences = library->cooccurrence().pairs(filter, options);
                if (result.cooccurrences) {
                    result.drawing = CooccurrenceGraph::layout(*result.cooccurrences, kMaxGraphPairs);
                } else {
                    result.error = library->errorString();
                }
            }
            return result;
        },
        lane);
    auto *watcher = new QFutureWatcher<PairsResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<PairsResult> done = watcher->future();
        if (done.resultCount() == 0 || done.result().generation != m_generation) {
            return; // a newer query is on its way
        }
        const PairsResult result = done.result();
        m_pending = false;
        if (result.cooccurrences) {
            m_model->setCooccurrences(*result.cooccurrences);
            m_graph->setDrawing(result.drawing);
            showSummary();
        } else {
            m_model->setCooccurrences({});
            m_graph->setDrawing({});
            m_summary->setText(tr("Cannot count who appears with whom: %1").arg(result.error));
        }
        Q_EMIT loaded();
    });
    watcher->setFuture(future);
}

void CooccurrencePanel::showSummary()
{
    const Core::Cooccurrences &shown = m_model->cooccurrences();
    const QString pairs = tr("%n pair(s)", nullptr, int(shown.pairs.size()));
    const QString articles = tr("%n article(s)", nullptr, shown.articles);
    QString text = tr("%1 in %2").arg(pairs, articles);
    if (shown.truncated) {
        text += QLatin1Char(' ') + tr("(the newest %1 of %2 listed)").arg(shown.articles).arg(shown.filtered);
    }
    m_summary->setText(text);
    m_export->setEnabled(!shown.pairs.isEmpty());
}

bool CooccurrencePanel::exportTo(const QString &path)
{
    m_error.clear();
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray data;
    if (suffix == QLatin1String("graphml")) {
        data = Core::EntityGraph::toGraphMl(m_model->cooccurrences());
    } else if (suffix == QLatin1String("gexf")) {
        data = Core::EntityGraph::toGexf(m_model->cooccurrences());
    } else {
        m_error = tr("Choose a file ending in .graphml or .gexf");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        m_error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void CooccurrencePanel::chooseExport()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Graph"), QString(), tr("GraphML (*.graphml);;GEXF, for Gephi (*.gexf)"), &selected);
    if (path.isEmpty()) {
        return;
    }
    QString file = path;
    if (QFileInfo(file).suffix().isEmpty()) {
        file += selected.contains(QLatin1String("*.gexf")) ? QStringLiteral(".gexf") : QStringLiteral(".graphml");
    }
    if (!exportTo(file)) {
        QMessageBox::warning(this, tr("Graph Not Exported"), m_error);
    }
}

} // namespace Dossier::Ui
