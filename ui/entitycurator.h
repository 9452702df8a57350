#pragma once

#include "analysis/curation.h"
#include "import/retagjob.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace Dossier::Core
{
class Library;
class LibrarySession;
} // namespace Dossier::Core

namespace Dossier::Ui
{

/*!
    \brief The analyst's entity corrections, from the GUI: asks what it needs in a dialog (unless
    given), stores the rule in the library and re-tags the affected articles in the background
    (RetagJob), reporting progress. Errors (an unknown alias, an empty name) show in a message box
    and store nothing.

    A re-tag left unfinished (canceled, or the program closed) is resumed when the library is set.
*/
class EntityCurator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityCurator)
public:
    explicit EntityCurator(QWidget *dialogParent);
    ~EntityCurator() override;

    /*! The session whose library is curated (nullptr for none); each correction is one
        LibrarySession::write(). Starts re-tagging when articles wait for it, and again whenever
        the session opens another library. */
    void setSession(Core::LibrarySession *session);

    /*! Whether corrections may be made (a library open for writing, and in a team library the
        editor's role): when not, the correcting calls store nothing and return false, and
        manageRules() only lists. True by default. */
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    /*! Renames the entity; asks for the name when \a name is empty. */
    bool rename(qint64 entityId, const QString &name = {});
    /*! Merges the entity into \a intoId; asks which entity when \a intoId is -1. */
    bool mergeInto(qint64 entityId, qint64 intoId = -1);
    bool splitAlias(qint64 entityId, const QString &alias);
    bool changeType(qint64 entityId, Core::EntityType type);
    bool suppress(qint64 entityId);
    /*! Adds a name to the watchlist; asks for it (type, other spellings) when \a entry's name is empty. */
    bool watch(const Core::WatchEntry &entry = {});
    /*! The rules and watchlist, each of which can be taken back; History… lists the rules'
        changes (HistoryDialog), any of which can be restored, and re-tags after a restore. */
    void manageRules();
    /*! One line describing \a rule, as Entity Corrections and its history list it. */
    static QString describe(const Core::EntityRule &rule);

    bool isRetagging() const;
    void cancelRetag();
    /*! Blocks until the running re-tag (if any) has finished; for tests and shutdown. */
    void waitForRetag();

Q_SIGNALS:
    /*! A rule or watch entry was stored; re-tagging follows. */
    void changed();
    void retagProgress(int done, int total);
    /*! Re-tagging finished (or was canceled or failed): the entities, lists and reader may differ. */
    void retagFinished(const Dossier::Core::RetagSummary &summary);

private:
    Core::Library *library() const;
    Core::Library *editableLibrary() const; // library() if corrections may be made
    bool write(const std::function<bool(Core::Library &)> &change);
    bool stored(bool ok);
    void stopRetag();
    void resumeRetag();
    void startRetag();

    QWidget *m_parent = nullptr;
    QPointer<Core::LibrarySession> m_session;
    QPointer<Core::RetagJob> m_job;
    bool m_again = false;
    bool m_editable = true;
};

} // namespace Dossier::Ui
