#pragma once

#include "annotations/anchoring.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Dossier::Core
{

/*! \brief A tag of the library's codebook: a name and the colour its highlights take. */
struct Tag {
    qint64 id = -1;
    QString name;
    QString color; //!< "#rrggbb"
    int documents = 0; //!< articles carrying the tag (filled by TagStore::all())
    int annotations = 0; //!< annotations carrying the tag (filled by TagStore::all())
    QString author; //!< who made it (schema 12; empty for tags made before)
    qint64 version = 0; //!< counts renames and recolourings (schema 13); what an edit of the codebook checks
};

/*! \brief Whether an annotation is attached to its article's current text. */
enum class AnnotationState {
    Anchored, //!< the quote is where the anchor says
    Reattached, //!< re-attached to changed text by approximate match: worth a look
    Orphaned, //!< its quote is no longer in the article (or the article is gone); kept for review
};

QString annotationStateName(AnnotationState state);
AnnotationState annotationStateFromName(QStringView name);

/*! \brief A highlighted passage of an article, with tags and an optional note. */
struct Annotation {
    qint64 id = -1;
    qint64 articleId = -1; //!< -1 once the article was removed from the library
    QString articlePath; //!< where the article came from, to re-attach if it is imported again
    QByteArray articleSha256; //!< the article's file when the anchor was last set (provenance)
    TextAnchor anchor; //!< UTF-16 offsets into the article body
    QString color; //!< its own colour, "#rrggbb"; empty: the first tag's colour
    QString note;
    QStringList tags; //!< in order; the first decides the colour
    AnnotationState state = AnnotationState::Anchored;
    QString previousExact; //!< for Reattached: the quote as it was before the text changed
    QDateTime created;
    QDateTime modified;
    /*! Who made it (schema 12): on a team library the PostgreSQL role that wrote it, set by the
        server; in a library file the local user (localAuthor()). Empty for annotations made before. */
    QString author;
    /*! Seen by its author alone (schema 12; on a team library the server hides it from the others). */
    bool isPrivate = false;
    /*! Hidden by an editor (or its author): kept, but listed only when asked for (AnnotationQuery::withHidden). */
    bool hidden = false;
    /*! The row's version when it was read (schema 13): counted up by every change of its note,
        colour, privacy or hidden flag. An edit that passes it is refused when the row has moved on. */
    qint64 version = 1;
};

/*! \brief The colour an annotation is painted in: its own, its first tag's, or the default. */
QString effectiveColor(const Annotation &annotation, const QList<Tag> &codebook);

/*! The highlight colour of an annotation without colour or tags. */
inline constexpr const char *defaultHighlightColor = "#f5d33b";

/*! \brief Which annotations to list; all given criteria must hold. */
struct AnnotationQuery {
    QList<qint64> articles; //!< of any of these articles; empty for all
    QStringList tags; //!< carrying any of these tags; empty for all
    QString text; //!< quote or note contains this (case-insensitive); empty for all
    bool orphanedOnly = false;
    QString author; //!< made by this author (exactly); empty for all
    bool withHidden = false; //!< hidden annotations too
};

} // namespace Dossier::Core
