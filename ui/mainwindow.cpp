#include "mainwindow.h"

#include "documentlistmodel.h"
#include "import/importjob.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>

namespace Dossier::Ui
{

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new DocumentListModel(this))
    , m_list(new QTableView(this))
    , m_reader(new QTextBrowser(this))
{
    setWindowTitle(tr("Dossier"));
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->horizontalHeader()->setSectionResizeMode(DocumentListModel::Title, QHeaderView::Stretch);
    m_list->verticalHeader()->hide();
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setAccessibleName(tr("Documents"));
    m_reader->setAccessibleName(tr("Reader"));
    m_reader->setOpenLinks(false);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_reader);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 480, 720 });
    setCentralWidget(splitter);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Import Files or Folder…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::chooseImport);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    connect(
        m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (current.isValid()) {
                showArticle(current.data(DocumentListModel::IdRole).toLongLong());
            }
        });
    resize(1200, 760);
}

MainWindow::~MainWindow() = default;

bool MainWindow::openLibrary(const QString &path)
{
    auto library = std::make_unique<Core::Library>(path.isEmpty() ? Core::Library::defaultPath() : path);
    if (!library->open()) {
        QMessageBox::warning(this, tr("Cannot open the library"), library->errorString());
        return false;
    }
    m_library = std::move(library);
    m_model->setLibrary(m_library.get());
    statusBar()->showMessage(tr("%n article(s)", nullptr, m_model->rowCount()));
    setWindowTitle(tr("%1 — Dossier").arg(m_library->path()));
    return true;
}

void MainWindow::importPaths(const QStringList &paths)
{
    if (!m_library || m_import) {
        return;
    }
    m_import = new Core::ImportJob(m_library->path(), paths, this);
    connect(m_import, &Core::ImportJob::progress, this, [this](int done, int total, const QString &current) {
        statusBar()->showMessage(tr("Importing %1 of %2: %3").arg(done).arg(total).arg(current));
    });
    connect(m_import, &Core::ImportJob::finished, this, [this](const Core::ImportSummary &summary) {
        m_import->deleteLater();
        m_import = nullptr;
        m_model->refresh();
        QString message = tr("Imported %1, updated %2, unchanged %3")
                              .arg(summary.imported)
                              .arg(summary.updated)
                              .arg(summary.unchanged);
        if (!summary.failed.isEmpty()) {
            message += tr("; %n file(s) failed", nullptr, int(summary.failed.size()));
        }
        statusBar()->showMessage(message);
        if (!summary.fatalError.isEmpty()) {
            QMessageBox::warning(this, tr("Import stopped"), summary.fatalError);
        }
    });
    m_import->start();
}

void MainWindow::chooseImport()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a Folder"));
    if (!dir.isEmpty()) {
        importPaths({ dir });
    }
}

void MainWindow::showArticle(qint64 id)
{
    const auto article = m_library ? m_library->article(id) : std::nullopt;
    if (!article) {
        m_reader->setPlainText(m_library ? m_library->errorString() : QString());
        return;
    }
    QString html = QStringLiteral("<h2>%1</h2>").arg(article->meta.title.toHtmlEscaped());
    QStringList meta;
    for (const QString &part : { article->meta.source, article->meta.date, article->meta.dateline, article->path }) {
        if (!part.isEmpty()) {
            meta.append(part.toHtmlEscaped());
        }
    }
    html += QStringLiteral("<p><i>%1</i></p>").arg(meta.join(QStringLiteral(" · ")));
    for (const QString &paragraph : article->body.split(QStringLiteral("\n\n"))) {
        html += QStringLiteral("<p>%1</p>").arg(paragraph.toHtmlEscaped());
    }
    m_reader->setHtml(html);
}

} // namespace Dossier::Ui
