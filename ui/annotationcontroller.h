#pragma once

#include "annotations/annotation.h"
#include "store/storetypes.h"

#include <QObject>
#include <QStringList>

class QUndoStack;

namespace Dossier::Core
{
class Library;
class LibrarySession;
} // namespace Dossier::Core

namespace Dossier::Ui
{

/*!
    \brief Every edit an analyst makes to annotations and tags, as undoable commands on one
    QUndoStack: highlight, edit, remove; tag and untag an article; create, rename, recolour,
    merge and delete tags. Each command writes to the library when it is done, undone or redone;
    a write that fails is reported by errorOccurred() and leaves the stack as it was.
*/
class AnnotationController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnotationController)
public:
    explicit AnnotationController(QObject *parent = nullptr);
    ~AnnotationController() override;

    /*! The session edits go through (owned elsewhere; may be null): each command is one
        LibrarySession::write(), which announces what it changed. Clears the undo history, as
        does opening another library in the session. */
    void setSession(Core::LibrarySession *session);
    Core::LibrarySession *session() const;
    /*! The session's open library, for reading; null when none is open. */
    Core::Library *library() const;
    QUndoStack *undoStack() const;

    /*! Highlights [start, end) of the article's body (UTF-16 offsets). Returns the new annotation's
        id, or -1 (with errorOccurred()) when it could not be stored. */
    qint64 annotate(qint64 articleId, qsizetype start, qsizetype end, const QStringList &tags = {},
        const QString &note = {}, const QString &color = {});
    /*! Saves the tags, note and colour of \a annotation (by id). With \a readVersion (the
        Annotation::version the caller read; 0: the current one) an annotation someone changed
        since is left as it is: errorOccurred() says who changed it and when, lastErrorKind() is
        Conflict, and nothing enters the undo stack. Undoing and redoing the edit are refused the
        same way when someone changed the annotation after it. */
    bool editAnnotation(const Core::Annotation &annotation, qint64 readVersion = 0);
    bool removeAnnotation(qint64 annotationId);
    /*! Hides the annotation (kept; listed only when hidden ones are asked for) or shows it again;
        its text is not changed. On a team library its author or an editor may. */
    bool setAnnotationHidden(qint64 annotationId, bool hidden);

    bool tagArticle(qint64 articleId, const QStringList &tags);
    bool untagArticle(qint64 articleId, const QString &tag);

    /*! Creates a tag (no-op when it exists). */
    bool createTag(const QString &name, const QString &color = {});
    /*! Edits of the codebook. With \a readVersion (the Core::Tag::version the user saw), a tag a
        colleague renamed or recoloured since is left as it is and the edit refused
        (lastErrorKind() Conflict; errorOccurred() says who and when); undo and redo check the
        version their step left. */
    bool renameTag(qint64 tagId, const QString &name, qint64 readVersion = 0);
    bool setTagColor(qint64 tagId, const QString &color, qint64 readVersion = 0);
    bool mergeTags(qint64 fromId, qint64 intoId, qint64 fromVersion = 0);
    bool removeTag(qint64 tagId, qint64 readVersion = 0);

    /*! The kind of the last failed edit (Conflict: someone changed the row since it was read). */
    Core::StoreError::Kind lastErrorKind() const;

    /*! The codebook (tags with colours and counts); empty without a library. */
    QList<Core::Tag> tags() const;

Q_SIGNALS:
    /*! Annotations of \a articleId changed (-1: of several or unknown articles). */
    void annotationsChanged(qint64 articleId);
    /*! The codebook changed (names, colours, counts). */
    void tagsChanged();
    /*! The library's members or their roles changed (a team library; the user's own role may be among them). */
    void membersChanged();
    void errorOccurred(const QString &message);

private:
    friend class AnnotationCommand;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Dossier::Ui
