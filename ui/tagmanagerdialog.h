#pragma once

#include <QDialog>
#include <QPointer>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Dossier::Ui
{

class AnnotationController;
class HistoryDialog;

/*!
    \brief The codebook: every tag with its colour and how many articles and passages carry it;
    new, rename, recolour, merge into another tag and delete. Every change goes through the
    AnnotationController (so Edit › Undo takes it back); failures are shown in the dialog.
    History… lists every change to the codebook, who made it and when, and restores a version.
    Where the codebook may not be changed (setEditable()), it is shown read-only.
*/
class TagManagerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagManagerDialog)
public:
    enum Column { Name, Articles, Passages, ColumnCount };

    explicit TagManagerDialog(AnnotationController *controller, QWidget *parent = nullptr);
    ~TagManagerDialog() override;

    /*! Whether the codebook may be changed (a library open for writing, and in a team library the
        editor's role); when not, the tags, their counts and their history are shown and nothing
        else is offered. True by default. */
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    /*! The selected tag's id, or -1. */
    qint64 currentTag() const;
    void selectTag(qint64 tagId);

    // For tests and automation.
    QTreeWidget *tagList() const { return m_list; }
    /*! The last error shown (empty when none). */
    QString errorText() const;

public Q_SLOTS:
    /*! Re-reads the codebook (the controller's tagsChanged() calls it). */
    void refresh();
    void newTag();
    void renameCurrent();
    void recolourCurrent();
    void mergeCurrent();
    void deleteCurrent();
    /*! Opens the codebook's history (non-modal, closed with this dialog); nullptr without a library. */
    HistoryDialog *showHistory();

private:
    struct Current {
        qint64 id = -1;
        QString name;
        QString color;
        int articles = 0;
        int passages = 0;
        qint64 version = 0;
    };
    Current current() const;
    void updateButtons();
    void showError(const QString &message);
    /*! Runs \a edit, showing a generic message when it fails without saying why; whether it was done. */
    bool run(const std::function<bool()> &edit, const QString &fallback);
    qint64 tagIdByName(const QString &name) const;

    QPointer<AnnotationController> m_controller;
    QTreeWidget *m_list = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_rename = nullptr;
    QPushButton *m_recolour = nullptr;
    QPushButton *m_merge = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_history = nullptr;
    bool m_errorShown = false;
    bool m_editable = true;
};

} // namespace Dossier::Ui
