#include "exportdialog.h"

#include "export/exportjob.h"
#include "store/library.h"
#include "swatch.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTextDocument>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

bool isExportSuffix(const QString &suffix)
{
    static const QStringList suffixes { QStringLiteral("pdf"), QStringLiteral("md"), QStringLiteral("markdown"),
        QStringLiteral("jsonld"), QStringLiteral("json"), QStringLiteral("ris"), QStringLiteral("bib"),
        QStringLiteral("qdpx"), QStringLiteral("qdc") };
    return suffixes.contains(suffix.toLower());
}

/*! \a path with the suffix of \a format (replacing an export suffix, appending otherwise). */
QString withSuffix(const QString &path, Core::ExportFormat format)
{
    if (path.isEmpty()) {
        return path;
    }
    const QFileInfo info(path);
    const QString suffix = Core::exportSuffix(format);
    if (info.suffix().compare(suffix, Qt::CaseInsensitive) == 0) {
        return path;
    }
    const QString stem = isExportSuffix(info.suffix()) ? path.left(path.size() - info.suffix().size() - 1) : path;
    return stem + QLatin1Char('.') + suffix;
}

} // namespace

ExportDialog::ExportDialog(Core::Library *library, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_job(new Core::ExportJob(this))
    , m_articleScope(new QRadioButton(tr("The current article"), this))
    , m_tagScope(new QRadioButton(tr("Articles and passages with these tags:"), this))
    , m_libraryScope(new QRadioButton(tr("The whole library"), this))
    , m_scopes(new QButtonGroup(this))
    , m_tags(new QListWidget(this))
    , m_format(new QComboBox(this))
    , m_title(new QLineEdit(this))
    , m_fullText(new QCheckBox(tr("Include each article's full text, passages highlighted"), this))
    , m_withHidden(new QCheckBox(tr("Include hidden passages"), this))
    , m_output(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Export Evidence Pack"));

    m_scopes->addButton(m_articleScope, int(Scope::CurrentArticle));
    m_scopes->addButton(m_tagScope, int(Scope::Tags));
    m_scopes->addButton(m_libraryScope, int(Scope::Library));
    m_articleScope->setAccessibleName(tr("Export the current article"));
    m_tagScope->setAccessibleName(tr("Export by tags"));
    m_libraryScope->setAccessibleName(tr("Export the whole library"));
    m_tags->setAccessibleName(tr("Tags to export"));
    m_tags->setMaximumHeight(140);
    if (m_library) {
        if (const auto codebook = m_library->tags().all()) {
            for (const Core::Tag &tag : *codebook) {
                auto *item = new QListWidgetItem(colorSwatch(QColor(tag.color)), tag.name, m_tags);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
                item->setToolTip(tr("%1, %2").arg(
                    tr("%n article(s)", nullptr, tag.documents), tr("%n passage(s)", nullptr, tag.annotations)));
            }
        }
    }
    auto *scopeBox = new QGroupBox(tr("Export"), this);
    auto *scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->addWidget(m_articleScope);
    scopeLayout->addWidget(m_tagScope);
    scopeLayout->addWidget(m_tags);
    scopeLayout->addWidget(m_libraryScope);

    m_format->addItem(tr("PDF"), int(Core::ExportFormat::Pdf));
    m_format->addItem(tr("Markdown"), int(Core::ExportFormat::Markdown));
    m_format->addItem(tr("JSON-LD (W3C Web Annotation)"), int(Core::ExportFormat::JsonLd));
    m_format->addItem(tr("Citations: CSL-JSON (Zotero, citeproc)"), int(Core::ExportFormat::CslJson));
    m_format->addItem(tr("Citations: RIS"), int(Core::ExportFormat::Ris));
    m_format->addItem(tr("Citations: BibTeX"), int(Core::ExportFormat::BibTex));
    m_format->addItem(tr("REFI-QDA project (MAXQDA, NVivo, ATLAS.ti, QualCoder)"), int(Core::ExportFormat::Qdpx));
    m_format->addItem(tr("REFI-QDA codebook (tags)"), int(Core::ExportFormat::Qdc));
    m_format->setAccessibleName(tr("Export format"));
    m_title->setPlaceholderText(tr("Dossier evidence pack"));
    m_title->setAccessibleName(tr("Pack title"));
    m_fullText->setAccessibleName(tr("Include full text"));
    m_withHidden->setAccessibleName(tr("Include hidden passages"));
    m_withHidden->setToolTip(tr("Passages an editor hid are left out unless this is ticked"));
    m_output->setAccessibleName(tr("Output file"));
    m_browse->setAccessibleName(tr("Choose the output file"));
    m_browse->setAutoDefault(false);
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(m_browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(QString(), m_fullText);
    form->addRow(QString(), m_withHidden);
    form->addRow(tr("&Save to:"), outputRow);

    m_progress->setAccessibleName(tr("Export progress"));
    m_progressLabel->setAccessibleName(tr("Export step"));
    m_cancel->setAccessibleName(tr("Cancel the export"));
    m_cancel->setAutoDefault(false);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressLabel);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    for (QWidget *w : { static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
             static_cast<QWidget *>(m_cancel) }) {
        w->hide();
    }
    m_status->setAccessibleName(tr("Export outcome"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_preview = buttons->addButton(tr("Print Pre&view…"), QDialogButtonBox::ActionRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_export->setDefault(true);
    m_preview->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scopeBox);
    layout->addLayout(form);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);

    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_output->setText(QDir(documents.isEmpty() ? QDir::homePath() : documents)
            .filePath(QStringLiteral("evidence-pack.") + Core::exportSuffix(Core::ExportFormat::Pdf)));
    m_libraryScope->setChecked(true);

    connect(m_scopes, &QButtonGroup::idToggled, this, &ExportDialog::updateState);
    connect(m_tags, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        // Ticking a tag means exporting by tags.
        if (item->checkState() == Qt::Checked) {
            m_tagScope->setChecked(true);
        }
        updateState();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_output, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::chooseOutput);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_preview, &QPushButton::clicked, this, &ExportDialog::printPreview);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_job, &Core::ExportJob::progress, this, [this](int done, int total, const QString &what) {
        m_progress->setRange(0, qMax(total, 1));
        m_progress->setValue(done);
        m_progressLabel->setText(what);
    });
    connect(m_job, &Core::ExportJob::finished, this, &ExportDialog::jobFinished);
    updateState();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setCurrentArticle(qint64 articleId, const QString &title)
{
    m_currentArticle = articleId;
    m_articleScope->setText(
        articleId >= 0 && !title.isEmpty() ? tr("The current article: %1").arg(title) : tr("The current article"));
    if (articleId < 0 && m_articleScope->isChecked()) {
        m_libraryScope->setChecked(true);
    }
    updateState();
}

void ExportDialog::setScope(Scope scope)
{
    if (QAbstractButton *button = m_scopes->button(int(scope))) {
        button->setChecked(true);
    }
    updateState();
}

ExportDialog::Scope ExportDialog::scope() const
{
    return Scope(m_scopes->checkedId());
}

void ExportDialog::setCheckedTags(const QStringList &tags)
{
    const QSignalBlocker blocker(m_tags);
    for (int i = 0; i < m_tags->count(); ++i) {
        QListWidgetItem *item = m_tags->item(i);
        item->setCheckState(tags.contains(item->text(), Qt::CaseInsensitive) ? Qt::Checked : Qt::Unchecked);
    }
    if (!checkedTags().isEmpty()) {
        m_tagScope->setChecked(true);
    }
    updateState();
}

QStringList ExportDialog::checkedTags() const
{
    QStringList tags;
    for (int i = 0; i < m_tags->count(); ++i) {
        if (m_tags->item(i)->checkState() == Qt::Checked) {
            tags.append(m_tags->item(i)->text());
        }
    }
    return tags;
}

void ExportDialog::setFormat(Core::ExportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

Core::ExportFormat ExportDialog::format() const
{
    return Core::ExportFormat(m_format->currentData().toInt());
}

void ExportDialog::setWithHidden(bool withHidden)
{
    m_withHidden->setChecked(withHidden);
}

void ExportDialog::setFullText(bool fullText)
{
    m_fullText->setChecked(fullText);
}

void ExportDialog::setPackTitle(const QString &title)
{
    m_title->setText(title);
}

void ExportDialog::setOutputPath(const QString &path)
{
    m_output->setText(withSuffix(path, format()));
}

QString ExportDialog::outputPath() const
{
    return m_output->text().trimmed();
}

Core::ExportSelection ExportDialog::selection() const
{
    Core::ExportSelection selection;
    switch (scope()) {
    case Scope::CurrentArticle:
        selection.articles = { m_currentArticle };
        break;
    case Scope::Tags:
        selection.tags = checkedTags();
        break;
    case Scope::Library:
        break;
    }
    selection.fullText = m_fullText->isChecked() && m_fullText->isEnabled();
    selection.title = m_title->text().trimmed();
    selection.withHidden = m_withHidden->isChecked();
    return selection;
}

bool ExportDialog::isExporting() const
{
    return m_busy;
}

QString ExportDialog::statusText() const
{
    return m_status->text();
}

void ExportDialog::formatChanged()
{
    m_output->setText(withSuffix(outputPath(), format()));
    updateState();
}

void ExportDialog::updateState()
{
    const bool busy = m_busy;
    m_articleScope->setEnabled(!busy && m_currentArticle >= 0);
    m_tagScope->setEnabled(!busy && m_tags->count() > 0);
    m_tags->setEnabled(!busy && m_tags->count() > 0);
    m_libraryScope->setEnabled(!busy);
    m_format->setEnabled(!busy);
    // JSON-LD carries passages, citations and codebooks no text, REFI-QDA projects always whole texts.
    m_fullText->setEnabled(!busy && !Core::fullTextIsFixed(format()));
    m_withHidden->setEnabled(!busy);
    m_title->setEnabled(!busy && !Core::isCitationFormat(format()) && format() != Core::ExportFormat::Qdc);
    m_output->setEnabled(!busy);
    m_browse->setEnabled(!busy);
    const bool chosen = m_library
        && (scope() == Scope::Library || (scope() == Scope::CurrentArticle && m_currentArticle >= 0)
            || (scope() == Scope::Tags && !checkedTags().isEmpty()));
    m_export->setEnabled(!busy && chosen);
    m_preview->setEnabled(!busy && chosen);
    m_export->setToolTip(scope() == Scope::Tags && checkedTags().isEmpty() ? tr("Tick at least one tag") : QString());
}

void ExportDialog::chooseOutput()
{
    const Core::ExportFormat chosen = format();
    QString filter;
    switch (chosen) {
    case Core::ExportFormat::Pdf:
        filter = tr("PDF documents (*.pdf)");
        break;
    case Core::ExportFormat::Markdown:
        filter = tr("Markdown files (*.md *.markdown)");
        break;
    case Core::ExportFormat::JsonLd:
        filter = tr("JSON-LD files (*.jsonld *.json)");
        break;
    case Core::ExportFormat::CslJson:
        filter = tr("CSL-JSON files (*.json)");
        break;
    case Core::ExportFormat::Ris:
        filter = tr("RIS files (*.ris)");
        break;
    case Core::ExportFormat::BibTex:
        filter = tr("BibTeX files (*.bib)");
        break;
    case Core::ExportFormat::Qdpx:
        filter = tr("REFI-QDA projects (*.qdpx)");
        break;
    case Core::ExportFormat::Qdc:
        filter = tr("REFI-QDA codebooks (*.qdc)");
        break;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export To"), outputPath(), filter);
    if (path.isEmpty()) {
        return;
    }
    m_output->setText(withSuffix(path, chosen));
    // The file dialog asked about overwriting only when it chose the very name we use.
    m_confirmedPath = outputPath() == path ? path : QString();
}

void ExportDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(
        error ? QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 3px;") : QString());
    m_status->setVisible(!text.isEmpty());
}

void ExportDialog::startExport()
{
    if (!m_library || isExporting() || !m_export->isEnabled()) {
        return;
    }
    if (outputPath().isEmpty()) {
        chooseOutput();
        if (outputPath().isEmpty()) {
            return;
        }
    }
    const QString path = withSuffix(outputPath(), format());
    m_output->setText(path);
    if (QFileInfo::exists(path) && path != m_confirmedPath) {
        const auto answer = QMessageBox::question(this, tr("Replace File"),
            tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(path)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            return;
        }
    }
    m_busy = true;
    m_cancelRequested = false;
    setStatus({}, false);
    m_progress->setRange(0, 0); // busy until the first step is reported
    m_progressLabel->setText(tr("Starting…"));
    for (QWidget *w : { static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
             static_cast<QWidget *>(m_cancel) }) {
        w->show();
    }
    m_cancel->setEnabled(true);
    updateState();
    m_job->start(m_library->path(), selection(), format(), path);
}

void ExportDialog::cancelExport()
{
    if (!m_busy) {
        return;
    }
    m_cancelRequested = true;
    m_job->cancel();
    m_cancel->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling…"));
}

void ExportDialog::jobFinished(bool ok, const QString &error, const QString &path)
{
    m_busy = false;
    for (QWidget *w : { static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
             static_cast<QWidget *>(m_cancel) }) {
        w->hide();
    }
    if (ok) {
        setStatus(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), false);
    } else if (m_cancelRequested) {
        setStatus(tr("The export was cancelled; no file was written."), false);
    } else {
        setStatus(tr("The export failed: %1").arg(error), true);
    }
    m_confirmedPath.clear();
    updateState();
    Q_EMIT exportFinished(ok, error, path);
}

bool ExportDialog::printTo(QPrinter *printer)
{
    if (!m_library) {
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    const auto pack = Core::collectEvidence(*m_library, selection(), &error);
    bool ok = false;
    if (pack) {
        QTextDocument document;
        Core::layOutPack(*pack, &document, printer);
        ok = Core::printPack(&document, printer);
        if (!ok) {
            error = tr("printing stopped");
        }
    }
    QApplication::restoreOverrideCursor();
    if (!ok) {
        setStatus(tr("The pack could not be printed: %1").arg(error), true);
    }
    return ok;
}

void ExportDialog::printPreview()
{
    if (!m_library || isExporting()) {
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(m_title->text().trimmed().isEmpty() ? m_title->placeholderText() : m_title->text().trimmed());
    QPrintPreviewDialog preview(&printer, this);
    preview.setWindowTitle(tr("Print Preview"));
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, &ExportDialog::printTo);
    preview.exec();
}

void ExportDialog::reject()
{
    // Closing while exporting cancels the export (nothing is left behind) and waits for it.
    if (m_job->isRunning()) {
        cancelExport();
        m_job->waitForFinished();
    }
    QDialog::reject();
}

} // namespace Dossier::Ui
