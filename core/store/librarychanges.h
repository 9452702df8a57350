#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Dossier::Core
{

/*! \brief What a write changed, for the views to refresh no more than that. */
struct LibraryChanges {
    QList<qint64> articles {}; //!< articles whose list row changed (metadata, tags, entity count), or added or removed
    bool allArticles = false; //!< any article may have changed, been added or removed
    QList<qint64> annotationsOf {}; //!< articles whose annotations changed
    QList<qint64> annotations {}; //!< the annotations that changed, where known (added, edited, removed)
    bool allAnnotations = false; //!< annotations of any article may have changed
    bool tags = false; //!< the codebook: names, colours, counts
    bool entities = false; //!< the library's entities or their mentions
    bool rules = false; //!< the entity corrections (rules, watchlist)
    bool folders = false; //!< the watched folders: which, their states, scan times and counts
    bool searches = false; //!< the saved searches: which, their names, when they were opened
    bool members = false; //!< a team library's members and their roles

    /*! Everything may have changed (another program wrote to the library). */
    static LibraryChanges everything();
    bool isEmpty() const;
    /*! Adds what \a other changed (ids once each; an "all" flag takes in its ids). */
    void merge(const LibraryChanges &other);
};

/*!
    \brief A team library's announcement of a committed change: what changed, by whom, from which
    connection. Every write transaction on a team library sends one (NOTIFY on channel(), inside
    the transaction, so the server delivers it at commit and only if it commits); LibrarySession
    listens and announces what colleagues changed as its own changes.
*/
struct ChangeNotice {
    LibraryChanges changes;
    QString author; //!< the role that wrote (the server's current_user)
    qint64 connection = -1; //!< the server process of the writing connection (Library::connectionId())

    /*! The channel every notice of a library goes on (NOTIFY's channels are per database). */
    static QString channel();
    /*! The notice as NOTIFY's payload: compact JSON, under the server's limit of 8000 bytes (long id
        lists become "all"). */
    QByteArray toPayload() const;
    /*! The notice in \a payload; nullopt when it is not one (another program's NOTIFY). */
    static std::optional<ChangeNotice> fromPayload(const QByteArray &payload);
};

} // namespace Dossier::Core
