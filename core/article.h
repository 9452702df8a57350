#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Dossier::Core
{

/*! \brief The kinds of entity Dossier recognises. */
enum class EntityType { Person, Org, Location, Date, Money };

/*! \brief "PERSON", "ORG", "LOCATION", "DATE" or "MONEY": the names used in JSON and the store. */
QString entityTypeName(EntityType type);
/*! \brief Parses a name from entityTypeName() (case-insensitive); returns false for unknown names. */
bool entityTypeFromName(QStringView name, EntityType *type);

/*! \brief One occurrence of an entity in an article body. Offsets are UTF-16 indices into the body. */
struct Mention {
    qsizetype start = 0;
    qsizetype end = 0;
    EntityType type = EntityType::Person;
    int entity = -1; //!< index into Article::entities

    friend bool operator==(const Mention &, const Mention &) = default;
};

/*! \brief An entity of one article: its canonical name, the other surface forms seen and how often. */
struct Entity {
    QString name; //!< canonical form; for DATE an ISO 8601 date, for MONEY "<amount> <currency>"
    EntityType type = EntityType::Person;
    QStringList aliases; //!< other surface forms, verbatim, without the canonical one
    int count = 0; //!< number of mentions (including the title)
    qint64 id = -1; //!< the library-wide entity id, when the article was read from a Library

    friend bool operator==(const Entity &, const Entity &) = default;
};

/*! \brief Metadata an ArticleReader finds besides the body. Empty strings mean "not known". */
struct ArticleMetadata {
    QString title;
    QString date; //!< ISO 8601: YYYY-MM-DD, or a full date-time when the page gives one
    QString source; //!< publisher / outlet
    QString dateline; //!< place opening the body, title-cased
    QString author;
    QString url;
    QString language;
};

/*! \brief A loaded and analysed article: what the store keeps and the CLI prints. */
struct Article {
    qint64 id = -1;
    QString path;
    QString format; //!< "text", "html", "markdown", "pdf", "docx", "odt", "email" or "mhtml"
    QString encoding; //!< encoding the bytes were decoded with, e.g. "UTF-8", "Shift_JIS"
    QByteArray sha256; //!< hex digest of the file's bytes
    qint64 size = 0;
    qint64 modified = 0; //!< file modification time, ms since the epoch
    qint64 importedAt = 0; //!< when the library took the file in, ms since the epoch (0 when not from a Library)
    QString rawText; //!< the whole decoded file
    QString body; //!< the cleaned article body
    /*! Paged formats (PDF): the body offset where each page begins, page N at pageStarts[N - 1];
        empty for the others. Stored in the library with the texts. */
    QList<qsizetype> pageStarts;
    /*! For an article inside another file ("<file path>#<part id>": a message of a mailbox, an
        attachment), the path of what it came in; empty otherwise. Not stored in the library. */
    QString partOf;
    ArticleMetadata meta;
    QList<Entity> entities;
    QList<Mention> mentions;

    /*! The page (1-based) body offset \a offset is on; 0 for an article without pages. */
    int pageAt(qsizetype offset) const;
    /*! "p. 3", or "pp. 3–4" for a range that runs onto later pages; empty without pages. */
    QString pageLabel(qsizetype start, qsizetype end) const;
};

} // namespace Dossier::Core
