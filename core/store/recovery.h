#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Dossier::Core
{

/*! \brief Something a recovery could not salvage. */
struct LostItem {
    /*! "article", "annotation", "tag", "rule", "watch", "folder" (a watched folder), "article_tags" (an article kept
       without its tags), "annotation_tags" (a passage kept without its tags) or "retag_queue". */
    QString kind;
    std::optional<qint64> id; //!< the lost row's id (for *_tags: the article's or passage's); none when unknown
    QString detail;

    friend bool operator==(const LostItem &, const LostItem &) = default;
};

/*! \brief What LibraryRecovery salvaged and what it lost. */
struct RecoveryReport {
    QString from;
    QString library;
    int articles
        = 0; //!< articles stored whole (summary, texts, entities; re-tagged when their entities were unreadable)
    int annotations = 0;
    int orphaned = 0; //!< annotations kept as orphaned because their article was lost
    int tags = 0;
    int rules = 0;
    int watchlist = 0;
    int folders = 0; //!< watched folders
    int searches = 0; //!< saved searches
    int retagged = 0; //!< articles whose entities were rebuilt from their text
    QList<LostItem> lost;
    QString error; //!< the recovery failed; the new library was removed

    bool ok() const { return error.isEmpty() && lost.isEmpty(); }
};

/*!
    \brief Salvages what can be read of a damaged library into a new one.

    The damaged file is only read (read-only connection). Each table is read by id: a scan that
    stops at a damaged page is resumed past it, and the ids around it are looked up one by one,
    since lookups that do not pass through the damaged part of a b-tree still work. Ids are kept.
    An article is kept when its summary row and its texts can be read; its entities, mentions and
    aliases when they can be read and point at readable entities, otherwise it is re-tagged from
    its text. Annotations of lost articles are kept, orphaned (as removing an article leaves them).
    Links to rows that were lost are dropped, the search index is rebuilt, and what could not be
    read is listed in RecoveryReport::lost.
*/
class LibraryRecovery
{
public:
    /*! Recovers \a damagedPath into \a newPath, which must not exist (or be empty); the new library
        is made by Library, so it has the current schema. */
    static RecoveryReport recover(const QString &damagedPath, const QString &newPath);
};

} // namespace Dossier::Core
