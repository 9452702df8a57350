#pragma once

#include "analysis/curation.h"
#include "analysis/entityrecognizer.h"
#include "annotations/annotation.h"
#include "article.h"

#include <QHash>
#include <QList>
#include <QString>
#include <Qt>

#include <functional>
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
    QStringList tags; //!< document tags, by name (filled by documents())
    QString snippet; //!< search results only: the matching passage, matches in [brackets]
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
};

/*! \brief What the document list shows: full-text query and entity filters, combined with AND. */
struct DocumentFilter {
    QString text; //!< FTS5 query over title and body; empty for none
    QList<qint64> entities; //!< checked entity ids (Library-wide ids, as in EntitySummary::id)
    bool anyOf = false; //!< documents mentioning any of \c entities instead of all of them
    QList<qint64> excluded; //!< documents mentioning any of these are left out
    QList<qint64> tags; //!< documents must carry every one of these tags (Tag::id)

    bool isEmpty() const { return text.isEmpty() && entities.isEmpty() && excluded.isEmpty() && tags.isEmpty(); }
    friend bool operator==(const DocumentFilter &, const DocumentFilter &) = default;
};

/*! \brief Columns the document list sorts by (in SQL; all but Tags with an index each, Tags by
    the first tag's name, untagged articles last). */
enum class DocumentSort { Title, Date, Source, EntityCount, Tags };

/*! \brief The outcome of storing one article. */
enum class StoreOutcome { Imported, Updated, Unchanged };

/*! \brief What the store knows of a file, to skip unchanged ones before analysing them. */
struct StoredFile {
    qint64 id = -1;
    QByteArray sha256;
};

/*!
    \brief The library: one self-contained SQLite file (WAL, FTS5) holding articles, their
    metadata, entities and mentions. One Library object per thread (Qt's SQL connections are
    per-thread); several may open the same file. Every write is one transaction.
*/
class Library
{
public:
    /*! \brief Why open() failed, for the window to offer what fits (errorString() words it). */
    enum class OpenFailure {
        None, //!< open() has not failed
        Damaged, //!< SQLite cannot read the file (a malformed page or header): check, restore a backup or recover it
        Foreign, //!< another program's database, refused untouched
        Newer, //!< a library from a newer Dossier, refused untouched
        ReadOnly, //!< cannot be written, and needs writing (an upgrade) before it can be opened
        Locked, //!< another program kept the library locked for longer than the busy timeout
        Other, //!< a folder, a missing folder that cannot be made, or an error of another kind
    };

    explicit Library(const QString &path);
    ~Library();
    Q_DISABLE_COPY_MOVE(Library)

    /*! Opens (creating if needed) and migrates the library. Returns false with errorString() set.
        A library whose file or folder cannot be written is opened read-only (see isReadOnly()). */
    bool open();
    /*! What kind of failure the last open() was; None after a successful one. */
    OpenFailure openFailure() const;
    bool isOpen() const;
    /*! True when the library was opened read-only: reading works, every write fails with a message
        saying so and changes nothing. */
    bool isReadOnly() const;
    /*! Called once, the first time a write has to wait for another process's transaction (the
        write then waits, up to 30 s, instead of failing). */
    void setWaitNotifier(std::function<void()> notify);
    /*! A number that changes whenever another connection (in this process or another) commits a
        change to the library; cheap enough to poll. */
    std::optional<qint64> dataVersion();
    QString path() const;
    QString errorString() const;

    /*! The default library location, in the user's application data folder. */
    static QString defaultPath();

    /*! The schema version this build writes. */
    static int schemaVersion();

    /*! Stores \a article by its path, in one transaction: a new path is imported, a known path
        with other bytes is re-analysed in place (keeping its id), the same bytes are left alone.
        \a id, when given, receives the article's id. */
    std::optional<StoreOutcome> store(const Article &article, qint64 *id = nullptr);
    /*! Groups the following store() calls into one transaction (each article still in its own
        savepoint, so each is stored whole or not at all) until commitBatch(). Many small FTS5
        transactions are what makes an import slow; a batch makes them one. */
    bool beginBatch();
    /*! Commits the batch; on failure nothing of it is stored and errorString() says why. */
    bool commitBatch();
    void rollbackBatch();
    /*! Path → (id, SHA-256) of every stored file. */
    QHash<QString, StoredFile> storedFiles();
    /*! How the library types its names, article by article, for the analysis of new articles; empty (and
        errorString() set) when it cannot be read. */
    LibraryTypes nameTypes();

    std::optional<Article> article(qint64 id);
    std::optional<QList<ArticleSummary>> list(const ListQuery &query);
    std::optional<QList<ArticleSummary>> search(const QString &query, int limit = 50);
    std::optional<QList<EntitySummary>> entities(std::optional<EntityType> type = std::nullopt);

    /*! How many articles \a filter lets through. */
    std::optional<qint64> countDocuments(const DocumentFilter &filter);
    /*! One window of the filtered, sorted document list (summaries only, never bodies). */
    std::optional<QList<ArticleSummary>> documents(
        const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, int offset, int limit);
    /*! The row of article \a id in that list (what documents() would list it at), or -1 when
        \a filter leaves it out; counted in SQL along the sort column's index, never reading the
        rows before it. */
    std::optional<qint64> documentRow(const DocumentFilter &filter, DocumentSort sort, Qt::SortOrder order, qint64 id);
    /*! The entities of the articles \a filter lets through, each with the number of those
        articles that mention it, most first; at most \a limitPerType per type. Aliases are not
        filled in (see entityAliases()). */
    std::optional<QList<EntitySummary>> entityFacets(const DocumentFilter &filter, int limitPerType = 1000);
    /*! Every tag of the codebook with Tag::documents = the number of articles \a filter lets
        through that carry it (Tag::annotations is left 0), by name. */
    std::optional<QList<Tag>> tagFacets(const DocumentFilter &filter);
    /*! The surface forms an entity was seen under across the library, most frequent first. */
    std::optional<QStringList> entityAliases(qint64 entityId);
    std::optional<qint64> articleCount();
    bool removeArticle(qint64 id);

    /*! \name Tags: the codebook, and tags on articles */
    //@{
    /*! Every tag, by name, with its article and annotation counts. */
    std::optional<QList<Tag>> tags();
    /*! The tag called \a name (case-insensitive), created with \a color (or the next colour of
        the default palette) when it does not exist yet. */
    std::optional<Tag> ensureTag(const QString &name, const QString &color = {});
    bool renameTag(qint64 tagId, const QString &name);
    bool setTagColor(qint64 tagId, const QString &color);
    /*! Moves every use of \a fromId to \a intoId and deletes \a fromId. */
    bool mergeTags(qint64 fromId, qint64 intoId);
    /*! Deletes the tag; articles and annotations lose it, nothing else. */
    bool removeTag(qint64 tagId);
    /*! Adds \a names (created as needed) to the article's tags. */
    bool tagArticle(qint64 articleId, const QStringList &names);
    bool untagArticle(qint64 articleId, const QString &name);
    std::optional<QStringList> articleTags(qint64 articleId);
    /*! The ids of the articles carrying any of \a names. */
    std::optional<QList<qint64>> articlesTagged(const QStringList &names);
    //@}

    /*! \name Annotations: highlighted passages */
    //@{
    /*! Highlights [\a start, \a end) of the article's body. Tags are created as needed. */
    std::optional<Annotation> annotate(qint64 articleId, qsizetype start, qsizetype end, const QStringList &tags = {},
        const QString &note = {}, const QString &color = {});
    /*! Stores \a annotation again under its own id (to undo a removal); tags are created as needed. */
    bool restoreAnnotation(const Annotation &annotation);
    /*! Saves the note, colour and tags of \a annotation (its anchor stays). */
    bool updateAnnotation(const Annotation &annotation);
    bool removeAnnotation(qint64 annotationId);
    std::optional<Annotation> annotation(qint64 annotationId);
    /*! Annotations matching \a query, by article then position; orphaned ones last. */
    std::optional<QList<Annotation>> annotations(const AnnotationQuery &query = {});
    //@}

    /*! \name Entity curation: the analyst's corrections, kept in the library

        Each change is stored as a rule (or watchlist entry) that every later import applies, and
        queues the articles it affects for re-tagging; retagPending() works through the queue.
        Rules are by name, so they outlive the articles they were made on. */
    //@{
    /*! The entity with this id (aliases filled in). */
    std::optional<EntitySummary> entity(qint64 entityId);
    /*! The entity of \a type whose name or one of whose aliases is \a name (as entityKey() compares). */
    std::optional<EntitySummary> findEntity(EntityType type, const QString &name);
    /*! Every rule, oldest first. */
    std::optional<QList<EntityRule>> entityRules();
    std::optional<QList<WatchEntry>> watchlist();
    /*! Gives the entity another name (merging it with the entity of that name, if there is one). */
    std::optional<EntityRule> renameEntity(qint64 entityId, const QString &name);
    /*! Makes \a fromId a part of \a intoId: its mentions and aliases go to \a intoId. */
    std::optional<EntityRule> mergeEntities(qint64 fromId, qint64 intoId);
    /*! Mentions written as \a alias leave the entity and become an entity of their own. */
    std::optional<EntityRule> splitAlias(qint64 entityId, const QString &alias);
    std::optional<EntityRule> setEntityType(qint64 entityId, EntityType type);
    /*! The entity is never shown again (its mentions are dropped from every article). */
    std::optional<EntityRule> suppressEntity(qint64 entityId);
    /*! Takes a rule back; the articles it changed are re-tagged without it. */
    bool removeEntityRule(qint64 ruleId);
    /*! Adds \a entry to the watchlist (replacing an entry of the same type and name). */
    std::optional<WatchEntry> watch(const WatchEntry &entry);
    bool unwatch(qint64 watchId);
    /*! How many articles wait to be re-tagged. */
    std::optional<qint64> pendingRetags();
    /*! Re-tags up to \a limit waiting articles (each whole, in one transaction) and returns how
        many it did; 0 when none wait. */
    std::optional<int> retagPending(int limit = 16);
    //@}

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Dossier::Core
