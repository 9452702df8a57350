#pragma once

// The values the library's stores take and give: rows of the document list, entities, filters.

#include "analysis/curation.h"
#include "analysis/entityrecognizer.h"
#include "annotations/annotation.h"
#include "article.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <Qt>

#include <optional>

namespace Dossier::Core
{

/*! \brief A row of the document list: what a list or search shows without the body. */
struct ArticleSummary {
    qint64 id = -1;
    QString title;
    QString date;
    QString source;
    QString path;
    int entityCount = 0;
    QStringList tags; //!< document tags, by name (filled by DocumentQuery::window())
    QString snippet; //!< search results only: the matching passage, matches in [brackets]
    double relevance = 0; //!< the document list under a query: SearchMatch::relevance
    /*! A list grouped by story (DocumentFilter::groupCopies): how many articles its story has
        (1 without copies) and how many of them the filter lets through; 0 otherwise. */
    int storySize = 0;
    int storyMatches = 0;
    qint64 parentId = -1; //!< the article it came in (an attachment's message), -1 for none (schema 15)
    qint64 missingSince = 0; //!< when its file was found gone, ms since the epoch; 0: it is there (schema 15)
};

/*! \brief Where a full-text query matches one article, as the document list shows it. */
struct SearchMatch {
    QString snippet; //!< the best passage, each match between U+E000 and U+E001
    double relevance = 0; //!< BM25 (title weighted) turned round: higher is more relevant
};

/*! \brief A library-wide entity with the surface forms seen and the number of documents. */
struct EntitySummary {
    qint64 id = -1;
    QString name;
    EntityType type = EntityType::Person;
    QStringList aliases; //!< most used first
    QList<int> aliasDocuments; //!< for each alias, the number of articles that write it so (when filled)
    int documents = 0;
};

/*! \brief An entity filter: articles that mention the entity of \c type called \c name (or by an alias). */
struct EntityFilter {
    EntityType type = EntityType::Person;
    QString name;
};

/*! \brief What to list: all given filters must hold. */
struct ListQuery {
    QList<EntityFilter> entities; //!< all of them
    QString query; //!< FTS5 query over title and body; empty for none
    int limit = -1;
    int offset = 0;
    QDate from; //!< published from this day on (invalid: no bound)
    QDate to; //!< published up to and including this day (invalid: no bound)
    bool groupCopies = false; //!< one row per story, as DocumentFilter::groupCopies
};

/*! \brief What the document list shows: full-text query and entity filters, combined with AND. */
struct DocumentFilter {
    QString text; //!< FTS5 query over title and body; empty for none
    QList<qint64> entities; //!< checked entity ids (Library-wide ids, as in EntitySummary::id)
    bool anyOf = false; //!< documents mentioning any of \c entities instead of all of them
    QList<qint64> excluded; //!< documents mentioning any of these are left out
    QList<qint64> tags; //!< documents must carry every one of these tags (Tag::id)
    /*! Documents must mention some entity of every group (one group per name the CLI's list was
        given: the entities called so or written so). */
    QList<QList<qint64>> entityGroups;
    /*! Only articles published from this day on (invalid: no bound); undated articles are left out
        when either bound is set. */
    QDate from;
    QDate to; //!< … up to and including this day (invalid: no bound)
    /*! One row per story (schema 11): the copies of one story (DuplicateStore::copiesOf()) are
        listed once, as the earliest of them the filter lets through (the best-ranked under a
        search sorted by relevance), with the story's counts; a story is listed when any copy
        passes. Counts stories, not articles. Not a filter: isEmpty() ignores it. */
    bool groupCopies = false;

    bool isEmpty() const
    {
        return text.isEmpty() && entities.isEmpty() && excluded.isEmpty() && tags.isEmpty() && entityGroups.isEmpty()
            && !from.isValid() && !to.isValid();
    }
    friend bool operator==(const DocumentFilter &, const DocumentFilter &) = default;
};

/*!
    \brief A search kept under a name (schema 10): the query and the rest of the document list's
    filter, entities by type and name and tags by name (so a merge or a re-import that renumbers
    them does not lose them), and what it found since it was last opened.
*/
struct SavedSearch {
    qint64 id = -1;
    QString name;
    QString query; //!< FTS5 query; empty for none
    QList<EntityFilter> entities; //!< ticked entities: all of them, or any of them with \c anyOf
    bool anyOf = false;
    QList<EntityFilter> excluded; //!< articles mentioning any of these are left out
    QStringList tags; //!< articles must carry every one of these
    QDate from; //!< publication period (invalid: no bound)
    QDate to;
    qint64 created = 0; //!< ms since the epoch
    qint64 lastOpened = 0; //!< ms since the epoch; articles imported after it are new
    qint64 lastCount = 0; //!< the articles it listed when it was last opened
    qint64 count = 0; //!< the articles it lists now (filled by SavedSearchStore's reads)
    qint64 fresh = 0; //!< of those, the ones imported since it was last opened (filled likewise)
};

/*! \brief Columns the document list sorts by (in SQL; all but Tags with an index each, Tags by
    the first tag's name, untagged articles last; Relevance by the search query's BM25, descending
    for the most relevant first, and as Date without a query). */
enum class DocumentSort { Title, Date, Source, EntityCount, Tags, Relevance };

/*!
    \brief Why a read or write of the library failed: what kind of failure (for the caller to decide
    what to offer) and what to tell the user. The kind comes from SQLite's result code, never from
    the wording of its message.
*/
struct StoreError {
    enum class Kind {
        None, //!< nothing failed
        Locked, //!< another program kept the library locked for longer than the busy timeout
        DiskFull, //!< the disk (or the file system's quota) is full
        ReadOnly, //!< the library, its folder or the file system cannot be written
        Damaged, //!< SQLite found the file malformed
        BadQuery, //!< the user's full-text query cannot be run as written
        NotFound, //!< no such article, entity, tag or annotation
        Invalid, //!< a value the user gave is not acceptable (an empty name, a colour that is not #RRGGBB)
        Denied, //!< a team library's server refused it: the user's role does not allow it (SQLSTATE 42501)
        Conflict, //!< the row was changed by someone else since the caller read it: nothing was written
        Other, //!< anything else (an I/O error, a statement that failed for another reason)
    };

    StoreError() = default;
    /*! A failure of \a kind (Other unless given) worded as \a message. */
    StoreError(const QString &message, Kind kind = Kind::Other)
        : kind(message.isEmpty() && kind == Kind::Other ? Kind::None : kind)
        , message(message)
    {
    }

    Kind kind = Kind::None;
    QString message;
};

/*! \brief One change to the analyst's work, as the library's history keeps it (schema 13):
    written by the database's triggers, never changed afterwards. */
struct HistoryEntry {
    enum class Action { Insert, Update, Delete };
    qint64 id = -1;
    QString table; //!< annotations, annotation_tags, article_tags, tags or entity_rules
    qint64 row = -1; //!< the row's id (annotation_tags: the annotation's; article_tags: the article's)
    qint64 articleId = -1; //!< the article it is about; -1 for tags and rules
    Action action = Action::Insert;
    QString author; //!< who changed it; empty when a program other than Dossier did
    QDateTime at; //!< when, UTC
    QJsonObject before; //!< the row's fields before the change; empty for an insert
    QJsonObject after; //!< and after it; empty for a delete
};

/*! The action's name as the history and dossier-cli history write it: insert, update, delete. */
QString historyActionName(HistoryEntry::Action action);

/*! \brief Which changes HistoryStore::list() returns, newest first. */
struct HistoryQuery {
    qint64 annotationId = -1; //!< the changes to this annotation and its tags; -1 for any
    qint64 articleId = -1; //!< the changes about this article (its annotations and tags); -1 for any
    int limit = 0; //!< at most this many; 0 for all
    QString table; //!< only the changes to this table ("entity_rules": the correction rules); empty for any
};

/*! \brief The outcome of storing one article. */
enum class StoreOutcome { Imported, Updated, Unchanged };

/*! \brief What the store knows of a file, to skip unchanged ones before analysing them. */
struct StoredFile {
    qint64 id = -1;
    QByteArray sha256;
    qint64 size = 0; //!< the file's size when it was stored, in bytes
    qint64 modified = 0; //!< the file's modification time when it was stored, ms since the epoch
    qint64 missingSince = 0; //!< when the file was found gone, ms since the epoch; 0: it is there
};

/*! \brief A folder whose new and changed files are imported as they appear (FolderWatcher). */
struct WatchedFolder {
    enum class State {
        Ok, //!< the folder is there and watched
        Missing, //!< the folder is gone (unmounted, moved, deleted); watching resumes when it is back
    };
    qint64 id = -1;
    QString path; //!< absolute, as the imports store the paths of its files
    State state = State::Ok;
    qint64 lastScan = 0; //!< when its files were last compared with the library, ms since the epoch; 0: never
    qint64 addedAt = 0;
    qint64 articles = 0; //!< articles stored from files inside it (filled by WatchedFolderStore::all())
};

} // namespace Dossier::Core
