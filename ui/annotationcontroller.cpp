#include "annotationcontroller.h"

#include "store/library.h"
#include "store/librarysession.h"

#include <QPointer>
#include <QUndoCommand>
#include <QUndoStack>

#include <functional>
#include <memory>
#include <utility>

namespace Dossier::Ui
{

using Core::Annotation;
using Core::AnnotationQuery;
using Core::Library;

struct AnnotationController::Private {
    QPointer<Core::LibrarySession> session;
    Library *library() const { return session ? session->library() : nullptr; }
    QUndoStack *stack = nullptr;
    bool lastOk = false;
    qint64 lastId = -1;
    Core::StoreError::Kind lastErrorKind = Core::StoreError::Kind::Other;
};

namespace
{

// What a command changed, so the controller can tell the views.
struct Touched {
    qint64 annotationsOf = -2; // -2: none, -1: several
    qint64 tagsOf = -2;
    bool codebook = false;

    Core::LibraryChanges changes() const
    {
        Core::LibraryChanges changes;
        changes.allAnnotations = annotationsOf == -1;
        if (annotationsOf >= 0) {
            changes.annotationsOf = { annotationsOf };
        }
        // The list shows each article's tags.
        changes.allArticles = tagsOf == -1;
        if (tagsOf >= 0) {
            changes.articles = { tagsOf };
        }
        changes.tags = codebook;
        return changes;
    }
};

using AnnotationCommandStep = std::function<bool(Library &)>;

std::optional<qint64> tagIdByName(Library &library, const QString &name)
{
    const auto tags = library.tags().all();
    if (!tags) {
        return std::nullopt;
    }
    for (const Core::Tag &tag : *tags) {
        if (tag.name.compare(name, Qt::CaseInsensitive) == 0) {
            return tag.id;
        }
    }
    return std::nullopt;
}

// The tag \a tagId as the codebook has it now (id -1 when it is gone).
Core::Tag tagById(Library &library, qint64 tagId)
{
    if (const auto tags = library.tags().all()) {
        for (const Core::Tag &tag : *tags) {
            if (tag.id == tagId) {
                return tag;
            }
        }
    }
    return {};
}

// A step that edits tag \a tagId's name or colour to \a value, expecting to find it at *version
// (the one the user read, then the one the last step left).
AnnotationCommandStep tagEdit(qint64 tagId, const QString &value, bool colour, const std::shared_ptr<qint64> &version)
{
    return [=](Library &library) {
        const bool ok
            = colour ? library.tags().setColor(tagId, value, *version) : library.tags().rename(tagId, value, *version);
        if (ok) {
            *version = tagById(library, tagId).version;
        }
        return ok;
    };
}

} // namespace

/*! A step on the undo stack: a pair of library writes. A write that fails reports the library's
    error; a failed first redo makes the command obsolete, so it never enters the stack. */
class AnnotationCommand : public QUndoCommand
{
public:
    using Step = std::function<bool(Library &)>;
    AnnotationCommand(AnnotationController *controller, const QString &text, Step redo, Step undo, Touched touched)
        : QUndoCommand(text)
        , m_controller(controller)
        , m_redo(std::move(redo))
        , m_undo(std::move(undo))
        , m_touched(touched)
    {
    }
    void redo() override { run(m_redo, true); }
    void undo() override { run(m_undo, false); }

private:
    void run(const Step &step, bool forward)
    {
        // The session announces what the step changed to every view.
        Core::LibrarySession *session = m_controller->d->session.data();
        const bool ok = session && session->write(m_touched.changes(), step);
        if (!m_done) {
            m_controller->d->lastOk = ok;
        }
        if (!ok) {
            if (!m_done) {
                setObsolete(true);
            }
            m_controller->d->lastErrorKind = session ? session->lastError().kind : Core::StoreError::Kind::Other;
            Q_EMIT m_controller->errorOccurred(
                session ? session->errorString() : AnnotationController::tr("No library is open."));
            return;
        }
        m_done = m_done || forward;
    }

    AnnotationController *m_controller;
    Step m_redo;
    Step m_undo;
    Touched m_touched;
    bool m_done = false;
};

AnnotationController::AnnotationController(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->stack = new QUndoStack(this);
}

AnnotationController::~AnnotationController() = default;

void AnnotationController::setSession(Core::LibrarySession *session)
{
    if (d->session) {
        disconnect(d->session, nullptr, this, nullptr);
    }
    d->session = session;
    if (session) {
        // Another library: the history of the last one does not apply to it.
        connect(session, &Core::LibrarySession::libraryChanged, this, [this] {
            d->stack->clear();
            Q_EMIT tagsChanged();
            Q_EMIT annotationsChanged(-1);
        });
        connect(session, &Core::LibrarySession::membersChanged, this, &AnnotationController::membersChanged);
        connect(session, &Core::LibrarySession::annotationsChanged, this, [this](const QList<qint64> &articles) {
            Q_EMIT annotationsChanged(articles.size() == 1 ? articles.first() : -1);
        });
        connect(session, &Core::LibrarySession::tagsChanged, this, &AnnotationController::tagsChanged);
    }
    d->stack->clear();
    Q_EMIT tagsChanged();
    Q_EMIT annotationsChanged(-1);
}

Core::LibrarySession *AnnotationController::session() const
{
    return d->session;
}

Library *AnnotationController::library() const
{
    return d->library();
}

QUndoStack *AnnotationController::undoStack() const
{
    return d->stack;
}

Core::StoreError::Kind AnnotationController::lastErrorKind() const
{
    return d->lastErrorKind;
}

QList<Core::Tag> AnnotationController::tags() const
{
    if (!d->library()) {
        return {};
    }
    return d->library()->tags().all().value_or(QList<Core::Tag> {});
}

qint64 AnnotationController::annotate(qint64 articleId, qsizetype start, qsizetype end, const QStringList &tags,
    const QString &note, const QString &color)
{
    // The first redo creates the annotation; later redos restore it under the same id.
    auto stored = std::make_shared<std::optional<Annotation>>();
    d->lastId = -1;
    auto redo = [=, this](Library &library) {
        if (*stored) {
            return library.annotations().restore(**stored);
        }
        *stored = library.annotations().annotate(articleId, start, end, tags, note, color);
        if (*stored) {
            d->lastId = (*stored)->id;
        }
        return stored->has_value();
    };
    auto undo = [stored](Library &library) { return *stored && library.annotations().remove((*stored)->id); };
    d->stack->push(new AnnotationCommand(this, tr("Highlight"), redo, undo, { articleId, -2, !tags.isEmpty() }));
    return d->lastOk ? d->lastId : -1;
}

bool AnnotationController::editAnnotation(const Annotation &annotation, qint64 readVersion)
{
    if (!d->library()) {
        return false;
    }
    const auto before = d->library()->annotations().get(annotation.id);
    if (!before) {
        d->lastErrorKind = d->library()->lastError().kind;
        Q_EMIT errorOccurred(d->library()->errorString());
        return false;
    }
    const Annotation &old = *before;
    // The version each step expects to find: the one the caller read, then the one the last step
    // left; the check is the UPDATE's own (AnnotationStore::update()).
    auto version = std::make_shared<qint64>(readVersion > 0 ? readVersion : old.version);
    const auto writing = [version](const Annotation &target) {
        return [version, target](Library &library) {
            if (!library.annotations().update(target, *version)) {
                return false;
            }
            if (const auto now = library.annotations().get(target.id)) {
                *version = now->version;
            }
            return true;
        };
    };
    d->stack->push(new AnnotationCommand(
        this, tr("Edit Highlight"), writing(annotation), writing(old), { old.articleId, -2, true }));
    return d->lastOk;
}

bool AnnotationController::removeAnnotation(qint64 annotationId)
{
    if (!d->library()) {
        return false;
    }
    const auto before = d->library()->annotations().get(annotationId);
    if (!before) {
        Q_EMIT errorOccurred(d->library()->errorString());
        return false;
    }
    const Annotation &old = *before;
    d->stack->push(new AnnotationCommand(
        this, tr("Remove Highlight"),
        [annotationId](Library &library) { return library.annotations().remove(annotationId); },
        [old](Library &library) { return library.annotations().restore(old); }, { old.articleId, -2, true }));
    return d->lastOk;
}

bool AnnotationController::setAnnotationHidden(qint64 annotationId, bool hidden)
{
    if (!d->library()) {
        return false;
    }
    const auto before = d->library()->annotations().get(annotationId);
    if (!before) {
        d->lastErrorKind = d->library()->lastError().kind;
        Q_EMIT errorOccurred(d->library()->errorString());
        return false;
    }
    if (before->hidden == hidden) {
        return true;
    }
    d->stack->push(new AnnotationCommand(
        this, hidden ? tr("Hide Passage") : tr("Show Passage"),
        [=](Library &library) { return library.annotations().setHidden(annotationId, hidden); },
        [=](Library &library) { return library.annotations().setHidden(annotationId, !hidden); },
        { before->articleId, -2, false }));
    return d->lastOk;
}

bool AnnotationController::tagArticle(qint64 articleId, const QStringList &tags)
{
    if (!d->library()) {
        return false;
    }
    const QStringList before = d->library()->tags().ofArticle(articleId).value_or(QStringList {});
    QStringList added;
    for (const QString &tag : tags) {
        const QString name = tag.simplified();
        if (!name.isEmpty() && !before.contains(name, Qt::CaseInsensitive)
            && !added.contains(name, Qt::CaseInsensitive)) {
            added.append(name);
        }
    }
    if (added.isEmpty()) {
        return true;
    }
    d->stack->push(new AnnotationCommand(
        this, tr("Tag Article"), [=](Library &library) { return library.tags().tagArticle(articleId, added); },
        [=](Library &library) {
            bool ok = true;
            for (const QString &name : added) {
                ok = library.tags().untagArticle(articleId, name) && ok;
            }
            return ok;
        },
        { -2, articleId, true }));
    return d->lastOk;
}

bool AnnotationController::untagArticle(qint64 articleId, const QString &tag)
{
    if (!d->library()) {
        return false;
    }
    if (!d->library()
            ->tags()
            .ofArticle(articleId)
            .value_or(QStringList {})
            .contains(tag.simplified(), Qt::CaseInsensitive)) {
        return true;
    }
    d->stack->push(new AnnotationCommand(
        this, tr("Untag Article"), [=](Library &library) { return library.tags().untagArticle(articleId, tag); },
        [=](Library &library) { return library.tags().tagArticle(articleId, { tag }); }, { -2, articleId, true }));
    return d->lastOk;
}

bool AnnotationController::createTag(const QString &name, const QString &color)
{
    if (!d->library()) {
        return false;
    }
    if (tagIdByName(*d->library(), name.simplified())) {
        return true;
    }
    d->stack->push(new AnnotationCommand(
        this, tr("New Tag"), [=](Library &library) { return library.tags().ensure(name, color).has_value(); },
        [=](Library &library) {
            const auto id = tagIdByName(library, name.simplified());
            return id && library.tags().remove(*id);
        },
        { -2, -2, true }));
    return d->lastOk;
}

bool AnnotationController::renameTag(qint64 tagId, const QString &name, qint64 readVersion)
{
    if (!d->library()) {
        return false;
    }
    const Core::Tag old = tagById(*d->library(), tagId);
    auto version = std::make_shared<qint64>(readVersion > 0 ? readVersion : old.version);
    d->stack->push(new AnnotationCommand(this, tr("Rename Tag"), tagEdit(tagId, name, false, version),
        tagEdit(tagId, old.name, false, version), { -1, -1, true }));
    return d->lastOk;
}

bool AnnotationController::setTagColor(qint64 tagId, const QString &color, qint64 readVersion)
{
    if (!d->library()) {
        return false;
    }
    const Core::Tag old = tagById(*d->library(), tagId);
    auto version = std::make_shared<qint64>(readVersion > 0 ? readVersion : old.version);
    d->stack->push(new AnnotationCommand(this, tr("Recolour Tag"), tagEdit(tagId, color, true, version),
        tagEdit(tagId, old.color, true, version), { -1, -2, true }));
    return d->lastOk;
}

namespace
{

// Everything a tag is attached to, to put it back after a merge or a deletion.
struct TagUses {
    Core::Tag tag;
    QList<Annotation> annotations; // as they were, with their full tag lists
    QList<qint64> articles;
};

std::optional<TagUses> tagUses(Library &library, qint64 tagId)
{
    TagUses uses;
    const auto tags = library.tags().all();
    if (!tags) {
        return std::nullopt;
    }
    for (const Core::Tag &tag : *tags) {
        if (tag.id == tagId) {
            uses.tag = tag;
        }
    }
    if (uses.tag.id < 0) {
        return std::nullopt;
    }
    AnnotationQuery query;
    query.tags = { uses.tag.name };
    const auto annotations = library.annotations().list(query);
    const auto articles = library.tags().articlesTagged({ uses.tag.name });
    if (!annotations || !articles) {
        return std::nullopt;
    }
    uses.annotations = *annotations;
    uses.articles = *articles;
    return uses;
}

// Brings a merged or deleted tag back with its uses; \a withoutTarget lists the articles the
// merge tagged with the target, which lose it again.
bool restoreUses(Library &library, const TagUses &uses, const QString &target, const QList<qint64> &targetBefore)
{
    if (!library.tags().ensure(uses.tag.name, uses.tag.color)) {
        return false;
    }
    for (const Annotation &a : uses.annotations) {
        if (!library.annotations().update(a)) {
            return false;
        }
    }
    for (qint64 article : uses.articles) {
        if (!library.tags().tagArticle(article, { uses.tag.name })) {
            return false;
        }
        if (!target.isEmpty() && !targetBefore.contains(article) && !library.tags().untagArticle(article, target)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool AnnotationController::mergeTags(qint64 fromId, qint64 intoId, qint64 fromVersion)
{
    if (!d->library()) {
        return false;
    }
    const auto from = tagUses(*d->library(), fromId);
    const auto into = tagUses(*d->library(), intoId);
    if (!from || !into) {
        Q_EMIT errorOccurred(tr("No such tag."));
        return false;
    }
    const TagUses &fromUses = *from;
    const QString intoName = into->tag.name;
    const QList<qint64> intoArticles = into->articles;
    // The first merge checks the version the user saw; a redo after an undo merges the tag the
    // undo made again.
    auto version = std::make_shared<qint64>(fromVersion);
    d->stack->push(new AnnotationCommand(
        this, tr("Merge Tags"),
        [=](Library &library) {
            const auto source = tagIdByName(library, fromUses.tag.name);
            const auto target = tagIdByName(library, intoName);
            const qint64 expected = std::exchange(*version, 0);
            return source && target && library.tags().merge(*source, *target, expected);
        },
        [=](Library &library) { return restoreUses(library, fromUses, intoName, intoArticles); }, { -1, -1, true }));
    return d->lastOk;
}

bool AnnotationController::removeTag(qint64 tagId, qint64 readVersion)
{
    if (!d->library()) {
        return false;
    }
    const auto uses = tagUses(*d->library(), tagId);
    if (!uses) {
        Q_EMIT errorOccurred(tr("No such tag."));
        return false;
    }
    const TagUses &saved = *uses;
    auto version = std::make_shared<qint64>(readVersion);
    d->stack->push(new AnnotationCommand(
        this, tr("Delete Tag"),
        [=](Library &library) {
            const auto id = tagIdByName(library, saved.tag.name);
            return id && library.tags().remove(*id, std::exchange(*version, 0));
        },
        [=](Library &library) { return restoreUses(library, saved, QString(), {}); }, { -1, -1, true }));
    return d->lastOk;
}

} // namespace Dossier::Ui
