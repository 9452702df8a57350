// MainWindow: View › Copies (the copies of the open article's story and their word diffs) and the
// highlights of the other copies shown in the reader.

#include "copiespanel.h"
#include "documentlistmodel.h"
#include "documentlistview.h"
#include "mainwindow.h"
#include "readerview.h"
#include "store/libraryreader.h"
#include "store/librarysession.h"

#include <QDockWidget>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>

namespace Dossier::Ui
{

namespace
{

const QString settingsGroupCopies = QStringLiteral("list/groupCopies");

struct CopyAnnotationsResult {
    quint64 generation = 0;
    qint64 articleId = -1;
    std::optional<QList<Core::CopyAnnotation>> annotations;
    std::optional<QList<Core::Tag>> codebook;
    QString error;
};

} // namespace

void MainWindow::createCopies()
{
    m_copies = new CopiesPanel(this);
    m_copiesDock = new QDockWidget(tr("Copies"), this);
    m_copiesDock->setObjectName(QStringLiteral("copiesDock"));
    m_copiesDock->setWidget(m_copies);
    m_copiesDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::RightDockWidgetArea, m_copiesDock);
    // Wide enough for the titles beside source, date and similarity, and for the diff's lines.
    resizeDocks({ m_copiesDock }, { 400 }, Qt::Horizontal);
    m_copiesDock->hide();
    m_copies->setSession(m_session);
    // A copy opens in the reader, also when the list's filter hides it.
    connect(m_copies, &CopiesPanel::copyActivated, this, [this](qint64 id) {
        showArticle(id);
        revealCurrentArticle(QAbstractItemView::EnsureVisible);
    });
}

void MainWindow::addGroupCopiesAction(QMenu *view)
{
    m_groupCopies = view->addAction(tr("&Group Copies"));
    m_groupCopies->setObjectName(QStringLiteral("groupCopiesAction"));
    m_groupCopies->setCheckable(true);
    m_groupCopies->setToolTip(tr("List the copies of one story (the same article from several outlets) as one row"));
    m_groupCopies->setChecked(QSettings().value(settingsGroupCopies, true).toBool());
    m_model->setGroupCopies(false); // until a library with its stories is open (prepareStories())
    createStoryFillStatus();
    createSentenceFillStatus();
    // A story row opens onto its copies: the branch column only while the list is grouped.
    connect(m_model, &QAbstractItemModel::modelReset, this,
        [this] { m_list->setRootIsDecorated(m_model->groupsCopies()); });
    connect(m_groupCopies, &QAction::toggled, this, [this](bool group) {
        QSettings().setValue(settingsGroupCopies, group);
        if (group && !m_storiesReady) {
            startStoryFill();
        }
        m_model->setGroupCopies(group && m_storiesReady);
        // The open article stays selected: its own row, or its story's.
        revealCurrentArticle(QAbstractItemView::PositionAtCenter);
    });
}

void MainWindow::updateStatus()
{
    // What each number counts: grouped, the rows are stories and the articles are counted apart.
    const qint64 total = library() ? library()->articles().count().value_or(0) : 0;
    // Articles whose files went missing from the watched folders, when there are any.
    const qint64 missing = library() ? library()->articles().missingCount().value_or(0) : 0;
    const QString missingNote
        = missing > 0 ? QStringLiteral(" \u00b7 ") + tr("%n missing", nullptr, int(missing)) : QString();
    if (!m_model->groupsCopies() || !library()) {
        m_countLabel->setText(tr("%1 of %n article(s)", nullptr, int(total)).arg(m_model->rowCount()) + missingNote);
        return;
    }
    const qint64 listed = library()->documents().count(m_model->filter()).value_or(0);
    if (listed == m_model->rowCount()) {
        // No listed story has two listed copies: the rows are the articles.
        m_countLabel->setText(tr("%1 of %n article(s)", nullptr, int(total)).arg(listed) + missingNote);
        return;
    }
    m_countLabel->setText(tr("%n story(ies)", nullptr, m_model->rowCount()) + QStringLiteral(" \u00b7 ")
        + tr("%1 of %n article(s)", nullptr, int(total)).arg(listed) + missingNote);
}

void MainWindow::refreshCopyAnnotations()
{
    const quint64 generation = ++m_copyAnnotationsGeneration;
    // One that has not started yet need not run (an import announces articles a few times a second).
    m_copyAnnotationsRead.cancel();
    if (!m_session->isOpen() || m_currentId < 0) {
        m_copyAnnotationsPending = false;
        m_reader->setCopyAnnotations({}, {});
        return;
    }
    m_copyAnnotationsPending = true;
    const QFuture<CopyAnnotationsResult> future = m_session->reader()->read<CopyAnnotationsResult>(
        [id = m_currentId, generation](Core::Library *library, const QString &openError) {
            CopyAnnotationsResult result { generation, id, std::nullopt, std::nullopt, openError };
            if (library) {
                result.annotations = library->duplicates().annotationsFromCopies(id);
                result.codebook = library->tags().all();
                if (!result.annotations || !result.codebook) {
                    result.error = library->errorString();
                }
            }
            return result;
        },
        Core::LibraryReader::Lane::Bulk);
    m_copyAnnotationsRead = QFuture<void>(future);
    auto *watcher = new QFutureWatcher<CopyAnnotationsResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QFuture<CopyAnnotationsResult> done = watcher->future();
        if (done.resultCount() == 0 || done.result().generation != m_copyAnnotationsGeneration) {
            return; // a newer read is on its way
        }
        const CopyAnnotationsResult result = done.result();
        m_copyAnnotationsPending = false;
        if (result.articleId != m_currentId) {
            return;
        }
        if (!result.annotations || !result.codebook) {
            statusBar()->showMessage(tr("Cannot read the highlights of the copies: %1").arg(result.error), 5000);
            return;
        }
        m_reader->setCopyAnnotations(*result.annotations, *result.codebook);
    });
    watcher->setFuture(future);
}

} // namespace Dossier::Ui
