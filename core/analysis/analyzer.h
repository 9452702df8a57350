#pragma once

#include "analysis/entityrecognizer.h"
#include "article.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace Dossier::Core
{

/*! \brief Options for Analyzer. */
struct AnalyzeOptions {
    bool raw = false; //!< skip cleaning and metadata: the decoded text is the body
    qint64 maxFileSize = 64 * 1024 * 1024; //!< larger files are refused, not read
    /*! How the library the articles go to types its names (see groupMentions()); none for a file alone. */
    std::shared_ptr<const LibraryTypes> libraryTypes;
};

/*! \brief An analysed article, or the reason the file could not be analysed. */
struct AnalyzeResult {
    Article article;
    QString error;
    /*! The file holds only its parts (a mailbox): \c article is no article to store or print. */
    bool container = false;
    /*! A part left unread because the library holds it unchanged (see Analyzer::analyzeBytes()). */
    bool unchanged = false;
    /*! The articles inside the file (the messages of a mailbox, attachments), each with the path
        "<file path>#<part id>" and Article::partOf set, flattened in file order (an attachment
        follows its message). Each part succeeds or fails on its own. */
    std::vector<AnalyzeResult> parts;
    bool ok() const { return error.isEmpty(); }
};

/*! Whether the library already holds the part at \a path with the SHA-256 \a sha256 (hex). */
using KnownPart = std::function<bool(const QString &path, const QByteArray &sha256)>;

/*!
    \brief The article pipeline: read a file, pick its reader, decode, clean, find metadata and
    entities. Stateless; safe to call from several threads at once.
*/
class Analyzer
{
public:
    explicit Analyzer(AnalyzeOptions options = {});
    AnalyzeResult analyzeFile(const QString &path) const;
    /*! Reads \a path within the size limit; false with \a error set when it cannot. */
    bool readFile(const QString &path, QByteArray *bytes, QString *error) const;
    /*! Analyses \a bytes as if read from \a path (the path only picks the format). Parts for
        which \a known returns true are not read again: they come back with \c unchanged set. */
    AnalyzeResult analyzeBytes(const QString &path, const QByteArray &bytes, const KnownPart &known = {}) const;
    /*! Finds the entities of an article's body and title (the title's date resolves relative
        dates), replacing Article::entities and Article::mentions. */
    static void recognizeEntities(Article &article, const LibraryTypes *library = nullptr);

private:
    AnalyzeResult analyze(const QString &path, const QByteArray &bytes, const QString &format, const KnownPart &known,
        int depth, const ArticleMetadata *container) const;

    AnalyzeOptions m_options;
};

} // namespace Dossier::Core
