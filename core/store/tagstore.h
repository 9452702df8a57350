#pragma once

#include "store/storetypes.h"

namespace Dossier::Core
{

struct StoreContext;

/*! \brief The codebook of tags, and tags on articles. Obtained from Library::tags(). */
class TagStore
{
public:
    explicit TagStore(StoreContext *context);
    Q_DISABLE_COPY_MOVE(TagStore)

    /*! Every tag, by name, with its article and annotation counts. */
    std::optional<QList<Tag>> all();
    /*! The tag called \a name (case-insensitive), created with \a color (or the next colour of
        the default palette) when it does not exist yet. */
    std::optional<Tag> ensure(const QString &name, const QString &color = {});
    /*! Renames the tag. With \a readVersion (the Tag::version the caller read), a tag renamed or
        recoloured since is left as it is and the edit refused (StoreError::Kind::Conflict, saying
        who changed it and when); so are setColor(), merge() and remove(). */
    bool rename(qint64 tagId, const QString &name, qint64 readVersion = 0);
    bool setColor(qint64 tagId, const QString &color, qint64 readVersion = 0);
    /*! Moves every use of \a fromId to \a intoId and deletes \a fromId (with \a fromVersion, only
        if nobody renamed or recoloured it since). */
    bool merge(qint64 fromId, qint64 intoId, qint64 fromVersion = 0);
    /*! Deletes the tag; articles and annotations lose it, nothing else. */
    bool remove(qint64 tagId, qint64 readVersion = 0);
    /*! Adds \a names (created as needed) to the article's tags. */
    bool tagArticle(qint64 articleId, const QStringList &names);
    bool untagArticle(qint64 articleId, const QString &name);
    /*! The article's tags, by name. */
    std::optional<QStringList> ofArticle(qint64 articleId);
    /*! The ids of the articles carrying any of \a names. */
    std::optional<QList<qint64>> articlesTagged(const QStringList &names);
    /*! Every tag of the codebook with Tag::documents = the number of articles \a filter lets
        through that carry it (Tag::annotations is left 0), by name. */
    std::optional<QList<Tag>> facets(const DocumentFilter &filter);

private:
    /*! Inside a transaction: sets \a set ("name = ?", with \a binds) on the tag when it is still
        at \a readVersion (any version when 0); else sets the error (Conflict, or NotFound when it
        is gone). */
    bool updateAt(qint64 tagId, qint64 readVersion, const QString &set, QVariantList binds);
    /*! updateAt() changing nothing the version counts: takes the tag's row for this edit. */
    bool holdAt(qint64 tagId, qint64 readVersion);

    StoreContext *d;
};

} // namespace Dossier::Core
