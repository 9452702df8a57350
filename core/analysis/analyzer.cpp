#include "analysis/analyzer.h"

#include "analysis/dates.h"
#include "analysis/entityrecognizer.h"
#include "analysis/metadatatext.h"
#include "formats/articlereader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <iterator>
#include <utility>

namespace Dossier::Core
{

Analyzer::Analyzer(AnalyzeOptions options)
    : m_options(std::move(options))
{
}

bool Analyzer::readFile(const QString &path, QByteArray *bytes, QString *error) const
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("file not found");
        return false;
    }
    if (info.isDir()) {
        *error = QStringLiteral("is a directory");
        return false;
    }
    // FIFOs, sockets and devices would block or never end.
    if (!info.isFile()) {
        *error = QStringLiteral("not a regular file");
        return false;
    }
    if (!info.isReadable()) {
        *error = QStringLiteral("permission denied: cannot read the file");
        return false;
    }
    const auto limitMb = m_options.maxFileSize / (1024 * 1024);
    if (info.size() > m_options.maxFileSize) {
        *error = QStringLiteral("file too large (%1 MB; the limit is %2 MB)")
                     .arg(double(info.size()) / (1024 * 1024), 0, 'f', 1)
                     .arg(limitMb);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open: %1").arg(file.errorString());
        return false;
    }
    // Read at most one byte past the limit: the file may have grown since it was measured.
    *bytes = file.read(m_options.maxFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read: %1").arg(file.errorString());
        return false;
    }
    if (bytes->size() > m_options.maxFileSize) {
        bytes->clear();
        *error = QStringLiteral("file too large (the limit is %1 MB)").arg(limitMb);
        return false;
    }
    return true;
}

AnalyzeResult Analyzer::analyzeFile(const QString &path) const
{
    QByteArray bytes;
    QString error;
    if (!readFile(path, &bytes, &error)) {
        AnalyzeResult result;
        result.article.path = path;
        result.error = error;
        return result;
    }
    AnalyzeResult result = analyzeBytes(path, bytes);
    result.article.modified = QFileInfo(path).lastModified().toMSecsSinceEpoch();
    for (AnalyzeResult &part : result.parts) {
        part.article.modified = result.article.modified;
    }
    return result;
}

AnalyzeResult Analyzer::analyzeBytes(const QString &path, const QByteArray &bytes, const KnownPart &known) const
{
    return analyze(path, bytes, {}, known, 0, nullptr);
}

namespace
{

// Files inside files inside files… (a message attached to a message in a mailbox) end here.
constexpr int maxPartDepth = 4;

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

} // namespace

AnalyzeResult Analyzer::analyze(const QString &path, const QByteArray &bytes, const QString &format,
    const KnownPart &known, int depth, const ArticleMetadata *container) const
{
    AnalyzeResult result;
    Article &article = result.article;
    article.path = path;
    article.size = bytes.size();
    article.sha256 = sha256Hex(bytes);

    const ArticleReader *reader = format.isEmpty() ? nullptr : ReaderRegistry::instance().reader(format);
    if (reader == nullptr) {
        reader = ReaderRegistry::instance().readerFor(path, bytes);
    }
    ReadResult read = reader->read(bytes, ReadOptions { m_options.raw });
    if (!read.ok()) {
        result.error = read.error;
        return result;
    }
    result.container = read.container;
    article.format = reader->format();
    if (!read.container) {
        article.encoding = read.encoding;
        article.rawText = std::move(read.rawText);
        article.body = std::move(read.body);
        article.pageStarts = std::move(read.pageStarts);
        article.meta = std::move(read.meta);
        if (container != nullptr && !m_options.raw) {
            // An attachment without a title is known by its file name; it was sent with its message's date and source.
            if (article.meta.title.isEmpty()) {
                article.meta.title = path.sliced(path.lastIndexOf(u'/') + 1);
            }
            if (article.meta.date.isEmpty()) {
                article.meta.date = container->date;
            }
            if (article.meta.source.isEmpty()) {
                article.meta.source = container->source;
            }
        }
        // Every reader's metadata passes here: nothing in a title or byline may steer how it is shown.
        sanitizeMetadata(article.meta);
        recognizeEntities(article, m_options.libraryTypes.get());
    }
    if (depth >= maxPartDepth) {
        return result;
    }
    for (const EmbeddedFile &file : std::as_const(read.parts)) {
        const QString partPath = path + u'#' + file.id;
        AnalyzeResult part;
        if (known && known(partPath, sha256Hex(file.bytes))) {
            part.article.path = partPath;
            part.unchanged = true;
        } else {
            part = analyze(
                partPath, file.bytes, file.format, known, depth + 1, result.container ? nullptr : &article.meta);
        }
        part.article.partOf = path;
        std::vector<AnalyzeResult> inner = std::exchange(part.parts, {});
        if (!part.container) {
            result.parts.push_back(std::move(part));
        }
        std::move(inner.begin(), inner.end(), std::back_inserter(result.parts));
    }
    return result;
}

void Analyzer::recognizeEntities(Article &article, const LibraryTypes *library)
{
    const EntityRecognizer &recognizer = defaultRecognizer();
    RecognizeContext context;
    context.articleDate = Dates::parseDate(article.meta.date);
    const QString &dateline = article.meta.dateline;
    if (!dateline.isEmpty() && article.body.startsWith(dateline, Qt::CaseInsensitive)) {
        // 'TOKYO Japan and …', 'HALDEN — Officials said …': the dateline is a name of its own, and the
        // sentence starts after it.
        qsizetype next = dateline.size();
        while (next < article.body.size()
            && (article.body[next] == u' ' || article.body[next] == u'-' || article.body[next] == u'\u2013'
                || article.body[next] == u'\u2014' || article.body[next] == u':')) {
            ++next;
        }
        if (next > dateline.size() && next < article.body.size() && article.body[next].isUpper()) {
            context.datelineEnd = next;
        }
    }
    const QList<RawMention> bodyMentions = recognizer.recognize(article.body, context);
    QList<RawMention> titleMentions;
    if (!article.meta.title.isEmpty()) {
        RecognizeContext titleContext = context;
        titleContext.headline = true;
        titleMentions = recognizer.recognize(article.meta.title, titleContext);
        // A headline is Title Case, where every word looks like a name ('Port Authority Approves Dredging
        // Plan'): a name found only there, and known to no gazetteer, counts only if the body confirms it.
        for (RawMention &mention : titleMentions) {
            const bool name = mention.type == EntityType::Person || mention.type == EntityType::Org
                || mention.type == EntityType::Location;
            if (name && mention.canonical.isEmpty()) {
                mention.confidence = MentionConfidence::Candidate;
            }
        }
    }
    GroupedEntities grouped = groupMentions(article.body, bodyMentions, article.meta.title, titleMentions, library);
    article.entities = std::move(grouped.entities);
    article.mentions = std::move(grouped.mentions);
}

} // namespace Dossier::Core
