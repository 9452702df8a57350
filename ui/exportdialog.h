#pragma once

#include "export/evidencepack.h"
#include "export/exporters.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPrinter;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace Dossier::Core
{
class ExportJob;
class Library;
} // namespace Dossier::Core

namespace Dossier::Ui
{

/*!
    \brief Exports an evidence pack: the current article, the articles and passages of chosen
    tags, or the whole library, as PDF, Markdown or JSON-LD, with an optional cover title and the
    articles' full text. The export runs in the background (Core::ExportJob) with progress and
    Cancel; Print Preview lays the same pack out for a printer.
*/
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)
public:
    enum class Scope { CurrentArticle, Tags, Library };

    /*! Exports from \a library (not owned; the job opens its own connection to the same file). */
    explicit ExportDialog(Core::Library *library, QWidget *parent = nullptr);
    ~ExportDialog() override;

    /*! The article open in the reader (-1: none), offered as "the current article". */
    void setCurrentArticle(qint64 articleId, const QString &title = {});
    void setScope(Scope scope);
    Scope scope() const;
    /*! Ticks these tags of the codebook (and the others off); exports by tags when any is ticked. */
    void setCheckedTags(const QStringList &tags);
    QStringList checkedTags() const;
    void setFormat(Core::ExportFormat format);
    Core::ExportFormat format() const;
    void setFullText(bool fullText);
    /*! Passages an editor hid go into the pack too (left out otherwise). */
    void setWithHidden(bool withHidden);
    void setPackTitle(const QString &title);
    /*! The file to write; its suffix follows the format from then on. */
    void setOutputPath(const QString &path);
    QString outputPath() const;
    /*! What the dialog's choices select. */
    Core::ExportSelection selection() const;

    bool isExporting() const;
    /*! The outcome line shown after an export (or its error). */
    QString statusText() const;

    /*! Collects the pack and prints it on \a printer (what Print Preview shows). False with the
        error shown when the pack could not be read. */
    bool printTo(QPrinter *printer);

public Q_SLOTS:
    /*! Starts the export (asking for a file first when none is set). */
    void startExport();
    void cancelExport();
    void printPreview();
    void reject() override;

Q_SIGNALS:
    /*! An export ended: \a ok, or \a error says why (also on cancel); \a path is the file. */
    void exportFinished(bool ok, const QString &error, const QString &path);

private:
    void chooseOutput();
    void formatChanged();
    void updateState();
    void setStatus(const QString &text, bool error);
    void jobFinished(bool ok, const QString &error, const QString &path);

    Core::Library *m_library = nullptr;
    Core::ExportJob *m_job = nullptr;
    qint64 m_currentArticle = -1;
    bool m_busy = false; //!< an export is running or its outcome is not in yet
    bool m_cancelRequested = false;
    QString m_confirmedPath; //!< chosen in the file dialog, which already asked about overwriting

    QRadioButton *m_articleScope = nullptr;
    QRadioButton *m_tagScope = nullptr;
    QRadioButton *m_libraryScope = nullptr;
    QButtonGroup *m_scopes = nullptr;
    QListWidget *m_tags = nullptr;
    QComboBox *m_format = nullptr;
    QLineEdit *m_title = nullptr;
    QCheckBox *m_fullText = nullptr;
    QCheckBox *m_withHidden = nullptr;
    QLineEdit *m_output = nullptr;
    QPushButton *m_browse = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_preview = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Dossier::Ui
