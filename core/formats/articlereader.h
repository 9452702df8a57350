#pragma once

#include "article.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace Dossier::Core
{

/*! \brief A file inside another (a message of a mailbox, an attachment), read as an article of its own. */
struct EmbeddedFile {
    QString id; //!< stable within its file: a message's Message-ID (or number), "attachment/<file name>"
    QByteArray bytes;
    QString format; //!< the reader for it ("email" for a mailbox's messages); empty: chosen as for a file
};

/*! \brief What a reader makes of a file's bytes. */
struct ReadResult {
    QString rawText; //!< the whole decoded file
    QString body; //!< the article body (with \c raw, the whole decoded text)
    ArticleMetadata meta;
    QString encoding;
    QString error; //!< non-empty when the file could not be read as this format
    QList<qsizetype> pageStarts; //!< paged formats (PDF): the body offset where each page begins
    QList<EmbeddedFile> parts; //!< files inside this one that are articles of their own (see Analyzer)
    bool container = false; //!< the file is only its parts (a mailbox): no article of its own
    bool ok() const { return error.isEmpty(); }
};

/*! \brief Options of ArticleReader::read(). */
struct ReadOptions {
    bool raw = false; //!< no cleaning, no metadata: the decoded text is the body, unchanged
};

/*!
    \brief One article file format (plain text, HTML, Markdown, Word, OpenDocument): decodes, cleans and finds metadata.
    Implementations are stateless and may be used from several threads at once.
*/
class ArticleReader
{
public:
    virtual ~ArticleReader() = default;
    /*! "text", "html", "markdown", "pdf", "docx", "odt", "email" or "mhtml". */
    virtual QString format() const = 0;
    /*! How sure this reader is that it reads a file with \a suffix (lower case, no dot) starting
        with \a head: 0 = not at all, 100 = certainly. */
    virtual int confidence(QStringView suffix, QByteArrayView head) const = 0;
    virtual ReadResult read(const QByteArray &bytes, const ReadOptions &options) const = 0;
};

/*! \brief The compiled-in readers; picks the most confident one for a file. */
class ReaderRegistry
{
public:
    static const ReaderRegistry &instance();
    /*! The best reader for \a path starting with \a head; the plain-text reader when none is sure. */
    const ArticleReader *readerFor(const QString &path, QByteArrayView head) const;
    /*! The reader for \a format, or nullptr. */
    const ArticleReader *reader(QStringView format) const;

private:
    ReaderRegistry();
    std::vector<std::unique_ptr<ArticleReader>> m_readers;
};

} // namespace Dossier::Core
