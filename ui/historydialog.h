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
    \brief The versions of one highlighted passage (the Annotations dock's History…), of an article's
    passages and tags (Annotate › Article History…), of the tag codebook (Manage Tags' History…) or of
    the entity corrections (Entity Corrections' History…): each change, newest first, with who made
    it, when and what it changed, read from the library's history (Core::HistoryStore). Restore This
    Version writes the chosen version back through the session, as a new change by the current
    user; the list then shows it too.
*/
class HistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDialog)
public:
    /*! The history of annotation \a annotationId of the session's open library. */
    HistoryDialog(Core::LibrarySession *session, qint64 annotationId, QWidget *parent = nullptr);
    /*! The changes \a query selects (Core::HistoryQuery::table "entity_rules": the corrections';
        "tags": the codebook's; Core::HistoryQuery::articleId: an article's passages and tags). */
    HistoryDialog(Core::LibrarySession *session, const Core::HistoryQuery &query, QWidget *parent = nullptr);
    ~HistoryDialog() override;

    /*! Reads the history again. */
    void reload();
    /*! Whether a version may be restored (false where the user may only read, e.g. a team library's
        corrections for an annotator); true by default. */
    void setRestoreAllowed(bool allowed);

    /*! Restores the version of the current row; false (the error shown) when it could not. */
    bool restoreCurrent();

    // For tests and automation.
    QTreeWidget *versions() const { return m_versions; }
    QPushButton *restoreButton() const { return m_restore; }
    QLabel *errorLabel() const { return m_error; }

    /*! What \a entry changed, in words ("Note: “a” → “b”", "Tag “Port” added", "Removed", "Tag
        “Port” renamed “Harbour”", "Article tagged “Port”", "Taken back: Suppress the person “Marta
        Okonjo”"). */
    static QString describe(const Core::HistoryEntry &entry);

Q_SIGNALS:
    /*! \a entry was restored (a correction restored re-tags the articles it changes). */
    void restored(const Dossier::Core::HistoryEntry &entry);

private:
    void updateButton();

    Core::LibrarySession *m_session = nullptr;
    Core::HistoryQuery m_query;
    QList<Core::HistoryEntry> m_entries;
    QTreeWidget *m_versions = nullptr;
    QPushButton *m_restore = nullptr;
    QLabel *m_error = nullptr;
    bool m_restoreAllowed = true;
};

} // namespace Dossier::Ui
