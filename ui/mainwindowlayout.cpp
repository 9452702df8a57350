// MainWindow at first sight: the document list's columns (the title takes the spare width; what the
// user sets is remembered) and docks that stay small while they have nothing to show.

#include "annotationspanel.h"
#include "documentlistmodel.h"
#include "documentlistview.h"
#include "mainwindow.h"
#include "matchdelegate.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QFontMetrics>
#include <QHeaderView>
#include <QSettings>
#include <QStyle>

#include <algorithm>

namespace Dossier::Ui
{

namespace
{

const QString settingsColumns = QStringLiteral("documentList/header");
const QString settingsAnnotationsHeight = QStringLiteral("window/annotationsHeight");
constexpr int defaultAnnotationsHeight = 205;

} // namespace

void MainWindow::setUpDocumentColumns()
{
    QHeaderView *header = m_list->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    // The title takes what the other columns leave; they start as wide as what they usually show
    // (measured, not read from the rows: the list may hold 100,000 of them).
    header->setSectionResizeMode(DocumentListModel::Title, QHeaderView::Stretch);
    const QFontMetrics metrics(m_list->font());
    const int padding = 2 * m_list->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 12;
    header->resizeSection(DocumentListModel::Date,
        std::max(header->sectionSizeHint(DocumentListModel::Date),
            metrics.horizontalAdvance(QStringLiteral("2026-12-31")) + padding));
    header->resizeSection(DocumentListModel::Source,
        std::max(header->sectionSizeHint(DocumentListModel::Source), metrics.averageCharWidth() * 11 + padding));
    header->resizeSection(DocumentListModel::Entities, header->sectionSizeHint(DocumentListModel::Entities));
    header->resizeSection(DocumentListModel::Tags,
        std::max(header->sectionSizeHint(DocumentListModel::Tags), metrics.averageCharWidth() * 8 + padding));
    header->resizeSection(DocumentListModel::Copies,
        std::max(header->sectionSizeHint(DocumentListModel::Copies),
            metrics.horizontalAdvance(
                QCoreApplication::translate("Dossier::Ui::DocumentListModel", "%n copy(ies)", nullptr, 99))
                + padding));
    // Under a search query (and only then): each article's best passage (matches in bold) and its relevance.
    m_list->setItemDelegateForColumn(DocumentListModel::Match, new MatchDelegate(m_list));
    header->resizeSection(DocumentListModel::Match, metrics.averageCharWidth() * 40 + padding);
    header->resizeSection(DocumentListModel::Relevance,
        std::max(header->sectionSizeHint(DocumentListModel::Relevance), metrics.averageCharWidth() * 6 + padding));
    header->hideSection(DocumentListModel::Match);
    header->hideSection(DocumentListModel::Relevance);
    // Copies: shown once a listed article has copies (a library without any keeps the width for titles).
    header->hideSection(DocumentListModel::Copies);
    m_defaultColumns = header->saveState();
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &top, const QModelIndex &bottom) {
        QHeaderView *header = m_list->horizontalHeader();
        if (!header->isSectionHidden(DocumentListModel::Copies) || top.column() > DocumentListModel::Copies
            || bottom.column() < DocumentListModel::Copies) {
            return;
        }
        for (int row = top.row(); row <= bottom.row(); ++row) {
            if (m_model->index(row, DocumentListModel::Copies).data(DocumentListModel::CopyCountRole).toInt() > 0) {
                header->showSection(DocumentListModel::Copies);
                return;
            }
        }
    });
}

void MainWindow::resetDocumentColumns()
{
    m_list->horizontalHeader()->restoreState(m_defaultColumns);
}

void MainWindow::restoreLayoutSettings()
{
    const QSettings settings;
    const QByteArray columns = settings.value(settingsColumns).toByteArray();
    // A state another version wrote for other columns is refused: the first layout then.
    if (!columns.isEmpty() && !m_list->horizontalHeader()->restoreState(columns)) {
        resetDocumentColumns();
    }
    m_annotationsDockHeight = std::max(m_annotationsDock->minimumSizeHint().height(),
        settings.value(settingsAnnotationsHeight, defaultAnnotationsHeight).toInt());
    fitAnnotationsDock();
}

void MainWindow::saveLayoutSettings()
{
    QSettings settings;
    settings.setValue(settingsColumns, m_list->horizontalHeader()->saveState());
    const Qt::DockWidgetArea area = dockWidgetArea(m_annotationsDock);
    if (!m_annotationsPanel->isEmpty() && m_annotationsDock->isVisible() && !m_annotationsDock->isFloating()
        && (area == Qt::BottomDockWidgetArea || area == Qt::TopDockWidgetArea)) {
        m_annotationsDockHeight = m_annotationsDock->height();
    }
    settings.setValue(settingsAnnotationsHeight, m_annotationsDockHeight);
}

void MainWindow::fitAnnotationsDock()
{
    // Only a dock above or below the centre has a height to give back; beside it or floating it
    // keeps what the user made of it.
    const Qt::DockWidgetArea area = dockWidgetArea(m_annotationsDock);
    if (m_annotationsDock->isFloating() || (area != Qt::BottomDockWidgetArea && area != Qt::TopDockWidgetArea)) {
        return;
    }
    if (m_annotationsPanel->isEmpty()) {
        // The one line saying how to highlight; the height it had with passages is kept for later.
        const int compact = m_annotationsDock->sizeHint().height();
        if (m_annotationsDock->isVisible() && m_annotationsDock->height() > compact + 40) {
            m_annotationsDockHeight = m_annotationsDock->height();
        }
        resizeDocks({ m_annotationsDock }, { compact }, Qt::Vertical);
    } else {
        resizeDocks(
            { m_annotationsDock }, { std::max(m_annotationsDockHeight, defaultAnnotationsHeight / 2) }, Qt::Vertical);
    }
}

} // namespace Dossier::Ui
