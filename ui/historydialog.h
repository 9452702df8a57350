#pragma once

#include "store/storetypes.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Dossier::Core
{
class LibrarySession;
}

namespace Dossier::Ui
{

/*!
    \brief The versions of one highlighted passage (the Annotations dock's History…): each change to
    it and its tags, newest first, with who made it, when and what it changed, read from the
    library's history (Core::HistoryStore). Restore This Version writes the chosen version back
    through the session, as a new change by the current user; the list then shows it too.
*/
class HistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDialog)
public:
    /*! The history of annotation \a annotationId of the session's open library. */
    HistoryDialog(Core::LibrarySession *session, qint64 annotationId, QWidget *parent = nullptr);
    ~HistoryDialog() override;

    /*! Reads the passage's history again. */
    void reload();
    /*! Restores the version of the current row; false (the error shown) when it could not. */
    bool restoreCurrent();

    // For tests and automation.
    QTreeWidget *versions() const { return m_versions; }
    QPushButton *restoreButton() const { return m_restore; }
    QLabel *errorLabel() const { return m_error; }

    /*! What \a entry changed, in words ("Note: “a” → “b”", "Tag “Port” added", "Removed"). */
    static QString describe(const Core::HistoryEntry &entry);

private:
    void updateButton();

    Core::LibrarySession *m_session = nullptr;
    qint64 m_annotationId = -1;
    QList<Core::HistoryEntry> m_entries;
    QTreeWidget *m_versions = nullptr;
    QPushButton *m_restore = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Dossier::Ui
