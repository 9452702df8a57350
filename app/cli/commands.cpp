#include "cli/commands.h"

#include "analysis/analyzer.h"
#include "cli/integritycommands.h"
#include "cli/output.h"
#include "export/evidencepack.h"
#include "export/exporters.h"
#include "import/importjob.h"
#include "import/retagjob.h"
#include "json/articlejson.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cstdio>
#include <unistd.h>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

// Said once when a write has to wait for another process's transaction.
void announceWait()
{
    writeError(QStringLiteral("waiting for the library (another process is writing)…"));
}

bool openLibrary(Library &library)
{
    library.setWaitNotifier(announceWait);
    if (!library.open()) {
        writeError(library.errorString());
        return false;
    }
    if (library.isReadOnly()) {
        writeError(QStringLiteral("the library %1 cannot be written: opened read-only").arg(library.path()));
    }
    return true;
}

QCommandLineOption maxFileSizeOption()
{
    return QCommandLineOption(QStringLiteral("max-file-size"),
        QStringLiteral("Refuse files larger than MB megabytes, unread (default %1).")
            .arg(AnalyzeOptions().maxFileSize / (1024 * 1024)),
        QStringLiteral("MB"), QString::number(AnalyzeOptions().maxFileSize / (1024 * 1024)));
}

// The --max-file-size option in bytes; prints the problem and returns nullopt when it is not a size.
std::optional<qint64> maxFileSize(const QCommandLineParser &parser)
{
    bool ok = false;
    const qint64 megabytes = parser.value(QStringLiteral("max-file-size")).toLongLong(&ok);
    if (!ok || megabytes <= 0 || megabytes > 1024 * 1024) {
        writeError(QStringLiteral("--max-file-size wants a number of megabytes (1 or more), not '%1'")
                       .arg(parser.value(QStringLiteral("max-file-size"))));
        return std::nullopt;
    }
    return megabytes * 1024 * 1024;
}

QJsonObject summaryJson(const ArticleSummary &summary)
{
    const auto orNull
        = [](const QString &value) { return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value); };
    QJsonObject object {
        { QLatin1String("id"), summary.id },
        { QLatin1String("title"), orNull(summary.title) },
        { QLatin1String("date"), orNull(summary.date) },
        { QLatin1String("source"), orNull(summary.source) },
        { QLatin1String("path"), summary.path },
    };
    return object;
}

// Parses a non-negative integer option; prints the problem and returns nullopt when it is not one.
std::optional<qint64> integerOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < 0) {
        writeError(QStringLiteral("--%1 wants a non-negative number, not '%2'")
                       .arg(option.names().constFirst(), parser.value(option)));
        return std::nullopt;
    }
    return value;
}

std::optional<QList<qint64>> integerOptions(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    QList<qint64> values;
    for (const QString &text : parser.values(option)) {
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (!ok || value < 0) {
            writeError(
                QStringLiteral("--%1 wants a non-negative number, not '%2'").arg(option.names().constFirst(), text));
            return std::nullopt;
        }
        values.append(value);
    }
    return values;
}

// The body an annotation's offsets refer to (empty when its article is gone).
QString bodyOf(Library &library, const Annotation &annotation, QHash<qint64, QString> *cache)
{
    if (annotation.articleId < 0) {
        return {};
    }
    if (!cache->contains(annotation.articleId)) {
        const auto article = library.articles().get(annotation.articleId);
        cache->insert(annotation.articleId, article ? article->body : QString());
    }
    return cache->value(annotation.articleId);
}

QJsonObject entityJson(const EntitySummary &entity)
{
    QVariantList aliasCounts;
    for (const int n : entity.aliasDocuments) {
        aliasCounts.append(n);
    }
    return QJsonObject {
        { QLatin1String("id"), entity.id },
        { QLatin1String("name"), entity.name },
        { QLatin1String("type"), entityTypeName(entity.type) },
        { QLatin1String("aliases"), QJsonArray::fromStringList(entity.aliases) },
        { QLatin1String("alias_documents"), QJsonArray::fromVariantList(aliasCounts) },
        { QLatin1String("documents"), entity.documents },
    };
}

QJsonObject ruleJson(const EntityRule &rule)
{
    QJsonObject object {
        { QLatin1String("id"), rule.id },
        { QLatin1String("scope"),
            rule.scope == EntityRule::Scope::Entity ? QLatin1String("entity") : QLatin1String("form") },
        { QLatin1String("type"), entityTypeName(rule.type) },
        { QLatin1String("name"), rule.label },
        { QLatin1String("action"),
            rule.action == EntityRule::Action::Map ? QLatin1String("map") : QLatin1String("suppress") },
        { QLatin1String("created"),
            QDateTime::fromMSecsSinceEpoch(rule.createdAt, QTimeZone::UTC).toString(Qt::ISODate) },
    };
    if (rule.action == EntityRule::Action::Map) {
        object.insert(QLatin1String("target_type"), entityTypeName(rule.targetType));
        object.insert(QLatin1String("target_name"), rule.targetName);
    }
    return object;
}

QJsonObject watchJson(const WatchEntry &entry)
{
    return QJsonObject {
        { QLatin1String("id"), entry.id },
        { QLatin1String("type"), entityTypeName(entry.type) },
        { QLatin1String("name"), entry.name },
        { QLatin1String("aliases"), QJsonArray::fromStringList(entry.aliases) },
    };
}

// Parses TYPE (PERSON, ORG, ...); prints the problem and returns nullopt when it is not one.
std::optional<EntityType> typeArgument(const QString &text)
{
    EntityType type;
    if (!entityTypeFromName(text, &type)) {
        writeError(QStringLiteral("unknown entity type '%1' (PERSON, ORG, LOCATION, DATE, MONEY)").arg(text));
        return std::nullopt;
    }
    return type;
}

// An entity named on the command line: its id as `entities` prints it, or TYPE:NAME (the name or
// an alias). Prints the problem and returns nullopt when there is no such entity.
std::optional<EntitySummary> entityArgument(Library &library, const QString &spec)
{
    bool isId = false;
    const qint64 id = spec.toLongLong(&isId);
    std::optional<EntitySummary> entity;
    if (isId) {
        entity = library.entities().get(id);
    } else {
        const qsizetype colon = spec.indexOf(u':');
        EntityType type;
        if (colon <= 0 || !entityTypeFromName(QStringView(spec).first(colon), &type)) {
            writeError(QStringLiteral("an entity is an id or TYPE:NAME (e.g. PERSON:Aiko Tanabe); got '%1'").arg(spec));
            return std::nullopt;
        }
        entity = library.entities().find(type, spec.mid(colon + 1).trimmed());
    }
    if (!entity) {
        writeError(library.errorString());
    }
    return entity;
}

// Re-tags what the last curation change queued, with progress on stderr; false on an error.
bool retagNow(Library &library, int *retagged)
{
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer sinceReport;
    sinceReport.start();
    const std::atomic_bool cancel { false };
    const RetagSummary summary = retagQueued(
        library.path(),
        [&](int done, int total) {
            if (sinceReport.elapsed() >= 200) {
                sinceReport.restart();
                std::fprintf(stderr, tty ? "\r\033[Kre-tagging [%d/%d]" : "re-tagging [%d/%d]\n", done, total);
            }
        },
        cancel);
    if (tty && summary.retagged > 0) {
        std::fputs("\r\033[K", stderr);
    }
    *retagged = summary.retagged;
    if (!summary.error.isEmpty()) {
        writeError(summary.error);
        return false;
    }
    return true;
}

// One passage to highlight, as given on the command line or on a line of annotate --batch.
struct PassageRequest {
    qint64 articleId = -1;
    std::optional<QString> quote;
    std::optional<qint64> start;
    std::optional<qint64> end;
    QStringList tags;
    QString note;
    QString color;
};

// Highlights the passage and prints it (once stored); false with *error set when it cannot.
bool annotatePassage(Library &library, const PassageRequest &request, QString *error)
{
    const auto article = library.articles().get(request.articleId);
    if (!article) {
        *error = library.errorString();
        return false;
    }
    const QString &body = article->body;
    qsizetype utf16Start = -1;
    qsizetype utf16End = -1;
    if (request.start) {
        utf16Start = utf16Offset(body, *request.start);
        utf16End = utf16Offset(body, *request.end);
        if (utf16Start < 0 || utf16End < 0 || utf16Start >= utf16End) {
            *error = QStringLiteral("the passage %1–%2 is not within article %3's text (0–%4 code points)")
                         .arg(*request.start)
                         .arg(*request.end)
                         .arg(request.articleId)
                         .arg(codePointOffset(body, body.size()));
            return false;
        }
        if (request.quote && QStringView(body).sliced(utf16Start, utf16End - utf16Start) != *request.quote) {
            *error = QStringLiteral("the text at %1–%2 is not the quote given").arg(*request.start).arg(*request.end);
            return false;
        }
    } else {
        const QString text = request.quote.value_or(QString());
        const QList<qsizetype> found = findQuote(body, text);
        if (text.isEmpty() || found.isEmpty()) {
            *error = QStringLiteral("the quote is not in article %1's text").arg(request.articleId);
            return false;
        }
        if (found.size() > 1) {
            QStringList places;
            for (qsizetype at : found) {
                places.append(QString::number(codePointOffset(body, at)));
            }
            *error = QStringLiteral("the quote occurs %1 times in article %2 (at %3); give --start and --end to choose")
                         .arg(found.size())
                         .arg(request.articleId)
                         .arg(places.join(QLatin1String(", ")));
            return false;
        }
        utf16Start = found.first();
        utf16End = utf16Start + text.size();
    }
    const auto annotation = library.annotations().annotate(
        request.articleId, utf16Start, utf16End, request.tags, request.note, request.color);
    if (!annotation) {
        *error = library.errorString();
        return false;
    }
    // Printed only now that it is committed: a caller that has read the line may rely on it.
    writeJsonLine(annotationToJson(*annotation, body));
    std::fflush(stdout);
    return true;
}

// A line of annotate --batch: {"doc", "quote" and/or "start"+"end", "tags", "note", "color"}.
std::optional<PassageRequest> passageFromJson(const QByteArray &line, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    const auto number = [&](const char *key) -> std::optional<qint64> {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() != double(value.toInteger())) {
            return std::nullopt;
        }
        return value.toInteger();
    };
    PassageRequest request;
    const auto doc = number("doc");
    request.start = number("start");
    request.end = number("end");
    if (object.value(QLatin1String("quote")).isString()) {
        request.quote = object.value(QLatin1String("quote")).toString();
    }
    if (!doc || request.start.has_value() != request.end.has_value() || (!request.quote && !request.start)) {
        *error = QStringLiteral("a line wants \"doc\" and either \"quote\" or both \"start\" and \"end\" "
                                "(non-negative integers)");
        return std::nullopt;
    }
    request.articleId = *doc;
    for (const QJsonValue &tag : object.value(QLatin1String("tags")).toArray()) {
        request.tags.append(tag.toString());
    }
    request.note = object.value(QLatin1String("note")).toString();
    request.color = object.value(QLatin1String("color")).toString();
    return request;
}

// annotate --batch: one passage per line of \a input, each stored (and printed) before the next is read.
int annotateBatch(Library &library, QIODevice &input)
{
    int status = Ok;
    int lineNumber = 0;
    // readLine() blocks until a whole line (or the end) is there, so a pipe is served as it is written.
    for (QByteArray raw; !(raw = input.readLine()).isEmpty();) {
        const QByteArray line = raw.trimmed();
        ++lineNumber;
        if (line.isEmpty()) {
            continue;
        }
        QString error;
        const auto request = passageFromJson(line, &error);
        if (!request || !annotatePassage(library, *request, &error)) {
            writeJsonLine(QJsonObject { { QLatin1String("line"), lineNumber }, { QLatin1String("error"), error } });
            std::fflush(stdout);
            status = Failed;
        }
    }
    return status;
}

} // namespace

int annotate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption doc(QStringLiteral("doc"), QStringLiteral("The article's id."), QStringLiteral("ID"));
    const QCommandLineOption quote(QStringLiteral("quote"),
        QStringLiteral("The passage, verbatim; it must occur exactly once unless --start is given too."),
        QStringLiteral("TEXT"));
    const QCommandLineOption start(QStringLiteral("start"),
        QStringLiteral("Where the passage starts: a code-point offset into the body, as analyze prints."),
        QStringLiteral("N"));
    const QCommandLineOption end(
        QStringLiteral("end"), QStringLiteral("Where the passage ends (exclusive)."), QStringLiteral("N"));
    const QCommandLineOption tag(
        QStringLiteral("tag"), QStringLiteral("A tag (repeatable; created as needed)."), QStringLiteral("T"));
    const QCommandLineOption note(
        QStringLiteral("note"), QStringLiteral("A note on the passage."), QStringLiteral("TEXT"));
    const QCommandLineOption color(QStringLiteral("color"),
        QStringLiteral("Highlight colour #RRGGBB (default: the first tag's colour)."), QStringLiteral("#RRGGBB"));
    const QCommandLineOption batch(QStringLiteral("batch"),
        QStringLiteral("Read passages from FILE ('-': standard input), one JSON object a line: {\"doc\", \"quote\" "
                       "and/or \"start\"+\"end\", \"tags\", \"note\", \"color\"}; each is stored, then printed."),
        QStringLiteral("FILE"));
    for (const QCommandLineOption &option : { doc, quote, start, end, tag, note, color, batch }) {
        parser.addOption(option);
    }
    int code = Ok;
    const QString syntax
        = QStringLiteral("annotate --library L (--doc ID (--quote TEXT | --start N --end N) [--tag T]... "
                         "[--note TEXT] [--color #RRGGBB] | --batch FILE)");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    if (parser.isSet(batch)) {
        QFile input(parser.value(batch));
        const bool fromStdin = parser.value(batch) == u"-";
        if (!(fromStdin ? input.open(stdin, QIODevice::ReadOnly) : input.open(QIODevice::ReadOnly))) {
            writeError(QStringLiteral("cannot read %1: %2").arg(parser.value(batch), input.errorString()));
            return Failed;
        }
        Library library(parser.value(QStringLiteral("library")));
        return openLibrary(library) ? annotateBatch(library, input) : Failed;
    }
    if (!parser.isSet(doc) || (!parser.isSet(quote) && !(parser.isSet(start) && parser.isSet(end)))
        || (parser.isSet(start) != parser.isSet(end))) {
        writeError(QStringLiteral("annotate needs --doc and either --quote or both --start and --end, or --batch"));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    PassageRequest request;
    const auto articleId = integerOption(parser, doc);
    if (!articleId) {
        return Usage;
    }
    request.articleId = *articleId;
    if (parser.isSet(start)) {
        request.start = integerOption(parser, start);
        request.end = integerOption(parser, end);
        if (!request.start || !request.end) {
            return Usage;
        }
    }
    if (parser.isSet(quote)) {
        request.quote = parser.value(quote);
    }
    request.tags = parser.values(tag);
    request.note = parser.value(note);
    request.color = parser.value(color);
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    QString error;
    if (!annotatePassage(library, request, &error)) {
        writeError(error);
        return Failed;
    }
    return Ok;
}

int tag(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption doc(QStringLiteral("doc"), QStringLiteral("The article's id."), QStringLiteral("ID"));
    const QCommandLineOption remove(QStringLiteral("remove"), QStringLiteral("Take the tags off instead."));
    parser.addOption(doc);
    parser.addOption(remove);
    parser.addPositionalArgument(
        QStringLiteral("TAG"), QStringLiteral("Tags to add (created as needed)."), QStringLiteral("TAG..."));
    int code = Ok;
    const QString syntax = QStringLiteral("tag --library L --doc ID [--remove] TAG...");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    if (!parser.isSet(doc) || parser.positionalArguments().isEmpty()) {
        writeError(QStringLiteral("tag needs --doc and at least one TAG"));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    const auto articleId = integerOption(parser, doc);
    if (!articleId) {
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    if (!library.articles().get(*articleId)) {
        writeError(library.errorString());
        return Failed;
    }
    bool ok = true;
    if (parser.isSet(remove)) {
        for (const QString &name : parser.positionalArguments()) {
            ok = ok && library.tags().untagArticle(*articleId, name);
        }
    } else {
        ok = library.tags().tagArticle(*articleId, parser.positionalArguments());
    }
    const auto tags = ok ? library.tags().ofArticle(*articleId) : std::nullopt;
    if (!tags) {
        writeError(library.errorString());
        return Failed;
    }
    writeJsonLine(QJsonObject {
        { QLatin1String("doc"), *articleId }, { QLatin1String("tags"), QJsonArray::fromStringList(*tags) } });
    return Ok;
}

int annotations(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption tag(QStringLiteral("tag"),
        QStringLiteral("Only passages with this tag (repeatable: any of)."), QStringLiteral("T"));
    const QCommandLineOption doc(
        QStringLiteral("doc"), QStringLiteral("Only passages of this article (repeatable)."), QStringLiteral("ID"));
    const QCommandLineOption text(QStringLiteral("text"),
        QStringLiteral("Only passages whose quote or note contains TEXT."), QStringLiteral("TEXT"));
    const QCommandLineOption orphaned(QStringLiteral("orphaned"),
        QStringLiteral("Only passages that could not be re-attached to their article's text."));
    for (const QCommandLineOption &option : { tag, doc, text, orphaned }) {
        parser.addOption(option);
    }
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral("annotations --library L [--tag T]... [--doc ID]... [--text TEXT] [--orphaned]"), &code)) {
        return code;
    }
    AnnotationQuery query;
    const auto docs = integerOptions(parser, doc);
    if (!docs) {
        return Usage;
    }
    query.articles = *docs;
    query.tags = parser.values(tag);
    query.text = parser.value(text);
    query.orphanedOnly = parser.isSet(orphaned);
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.annotations().list(query);
    if (!rows) {
        writeError(library.errorString());
        return Failed;
    }
    QHash<qint64, QString> bodies;
    for (const Annotation &annotation : *rows) {
        writeJsonLine(annotationToJson(annotation, bodyOf(library, annotation, &bodies)));
    }
    return Ok;
}

int exportPack(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption format(
        QStringLiteral("format"), QStringLiteral("pdf, md or jsonld."), QStringLiteral("F"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE"));
    const QCommandLineOption tag(QStringLiteral("tag"),
        QStringLiteral("Passages with this tag, and articles tagged with it (repeatable)."), QStringLiteral("T"));
    const QCommandLineOption doc(QStringLiteral("doc"),
        QStringLiteral("This article with all its passages (repeatable)."), QStringLiteral("ID"));
    const QCommandLineOption annotation(
        QStringLiteral("annotation"), QStringLiteral("This passage (repeatable)."), QStringLiteral("ID"));
    const QCommandLineOption fullText(QStringLiteral("full-text"),
        QStringLiteral("Include each article's whole text with its passages highlighted."));
    const QCommandLineOption title(
        QStringLiteral("title"), QStringLiteral("The cover's title."), QStringLiteral("TEXT"));
    for (const QCommandLineOption &option : { format, out, tag, doc, annotation, fullText, title }) {
        parser.addOption(option);
    }
    int code = Ok;
    const QString syntax
        = QStringLiteral("export --library L --format pdf|md|jsonld --out FILE [--tag T]... [--doc ID]... "
                         "[--annotation ID]... [--full-text] [--title TEXT]");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    const auto chosenFormat = exportFormatFromName(parser.value(format));
    if (!chosenFormat || !parser.isSet(out)) {
        writeError(parser.isSet(out)
                ? QStringLiteral("--format wants pdf, md or jsonld, not '%1'").arg(parser.value(format))
                : QStringLiteral("export needs --out FILE"));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    ExportSelection selection;
    const auto docs = integerOptions(parser, doc);
    const auto passages = integerOptions(parser, annotation);
    if (!docs || !passages) {
        return Usage;
    }
    selection.articles = *docs;
    selection.annotations = *passages;
    selection.tags = parser.values(tag);
    selection.fullText = parser.isSet(fullText);
    selection.title = parser.value(title);
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    for (qint64 id : selection.articles) {
        if (!library.articles().get(id)) {
            writeError(library.errorString());
            return Failed;
        }
    }
    QString error;
    const auto pack = collectEvidence(library, selection, &error);
    if (!pack) {
        writeError(error);
        return Failed;
    }
    if (!writePack(*pack, *chosenFormat, parser.value(out), &error)) {
        writeError(error);
        return Failed;
    }
    writeJsonLine(QJsonObject { { QLatin1String("out"), parser.value(out) },
        { QLatin1String("format"), exportSuffix(*chosenFormat) }, { QLatin1String("articles"), pack->articles.size() },
        { QLatin1String("passages"), pack->passageCount() } });
    return Ok;
}

int analyze(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption raw(
        QStringLiteral("raw"), QStringLiteral("No cleaning or metadata: the whole decoded text is the body."));
    parser.addOption(raw);
    parser.addOption(maxFileSizeOption());
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Article files to analyse."), QStringLiteral("FILE..."));
    int code = Ok;
    if (!parseCommandLine(parser, arguments, QStringLiteral("analyze [--raw] [--max-file-size MB] FILE..."), &code)) {
        return code;
    }
    const auto limit = maxFileSize(parser);
    if (!limit) {
        return Usage;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        writeError(QStringLiteral("analyze needs at least one FILE"));
        return Usage;
    }
    AnalyzeOptions options;
    options.raw = parser.isSet(raw);
    options.maxFileSize = *limit;
    const Analyzer analyzer(options);
    int status = Ok;
    for (const QString &file : files) {
        const AnalyzeResult result = analyzer.analyzeFile(file);
        if (!result.ok()) {
            writeJsonLine(QJsonObject { { QLatin1String("path"), file }, { QLatin1String("error"), result.error } });
            status = Failed;
            continue;
        }
        Article article = result.article;
        article.path = file; // as given, so callers can match their own paths
        writeJsonLine(articleToJson(article));
    }
    return status;
}

int import(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    parser.addOption(maxFileSizeOption());
    const QCommandLineOption noBackup(QStringLiteral("no-backup"),
        QStringLiteral("Make no automatic backup (otherwise: one a day, before the import, and one after an import "
                       "of %1 or more articles).")
            .arg(BackupSettings::largeImport));
    parser.addOption(noBackup);
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Files and folders to import."), QStringLiteral("PATH..."));
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral("import --library L [--max-file-size MB] [--no-backup] PATH..."), &code)) {
        return code;
    }
    if (parser.positionalArguments().isEmpty()) {
        writeError(QStringLiteral("import needs at least one PATH"));
        return Usage;
    }
    const auto limit = maxFileSize(parser);
    if (!limit) {
        return Usage;
    }
    ImportRequest request;
    request.libraryPath = parser.value(QStringLiteral("library"));
    request.paths = parser.positionalArguments();
    request.options.maxFileSize = *limit;
    request.waiting = announceWait;
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer sinceReport;
    sinceReport.start();
    request.progress = [&](int done, int total, const QString &current) {
        if (done == total || sinceReport.elapsed() >= 200) {
            sinceReport.restart();
            std::fprintf(stderr, tty ? "\r\033[K[%d/%d] %s" : "[%d/%d] %s\n", done, total, qPrintable(current));
            if (tty && done == total) {
                std::fputc('\n', stderr);
            }
        }
    };
    const bool backUp = !parser.isSet(noBackup);
    if (backUp) {
        backUpIfDue(request.libraryPath, Backups::Reason::Daily);
    }
    const std::atomic_bool cancel { false };
    const ImportSummary summary = importFiles(request, cancel);
    if (backUp && summary.imported + summary.updated >= BackupSettings::largeImport) {
        backUpIfDue(request.libraryPath, Backups::Reason::LargeImport);
    }
    if (!summary.fatalError.isEmpty()) {
        const int stored = summary.imported + summary.updated;
        writeError(QStringLiteral("import stopped: %1").arg(summary.fatalError)
            + (stored > 0 ? QStringLiteral(" (the %1 articles stored before that are kept; importing again goes on "
                                           "from there)")
                                .arg(stored)
                          : QString()));
    }
    QJsonArray failed;
    for (const ImportFailure &failure : summary.failed) {
        failed.append(
            QJsonObject { { QLatin1String("path"), failure.path }, { QLatin1String("error"), failure.error } });
    }
    QJsonObject result {
        { QLatin1String("imported"), summary.imported },
        { QLatin1String("updated"), summary.updated },
        { QLatin1String("unchanged"), summary.unchanged },
        { QLatin1String("failed"), failed },
    };
    if (!summary.fatalError.isEmpty()) {
        result.insert(QLatin1String("error"), summary.fatalError);
    }
    writeJsonLine(result);
    return summary.fatalError.isEmpty() && summary.failed.isEmpty() ? Ok : Failed;
}

int list(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption entity(QStringLiteral("entity"),
        QStringLiteral("Only articles mentioning this entity (TYPE:NAME, e.g. PERSON:Shinzo Abe); "
                       "several must all hold."),
        QStringLiteral("TYPE:NAME"));
    const QCommandLineOption query(
        QStringLiteral("query"), QStringLiteral("Full-text query (FTS5 syntax)."), QStringLiteral("Q"));
    parser.addOption(entity);
    parser.addOption(query);
    int code = Ok;
    if (!parseCommandLine(
            parser, arguments, QStringLiteral("list --library L [--entity TYPE:NAME]... [--query Q]"), &code)) {
        return code;
    }
    ListQuery request;
    request.query = parser.value(query);
    for (const QString &value : parser.values(entity)) {
        const qsizetype colon = value.indexOf(u':');
        EntityFilter filter;
        if (colon <= 0 || !entityTypeFromName(QStringView(value).first(colon), &filter.type)) {
            writeError(
                QStringLiteral("--entity wants TYPE:NAME with TYPE one of PERSON, ORG, LOCATION, DATE, MONEY; got '%1'")
                    .arg(value));
            return Usage;
        }
        filter.name = value.mid(colon + 1).trimmed();
        request.entities.append(filter);
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.documents().list(request);
    if (!rows) {
        writeError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        writeJsonLine(summaryJson(row));
    }
    return Ok;
}

int entities(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption typeOption(
        QStringLiteral("type"), QStringLiteral("Only entities of this type."), QStringLiteral("T"));
    parser.addOption(typeOption);
    int code = Ok;
    if (!parseCommandLine(parser, arguments, QStringLiteral("entities --library L [--type T]"), &code)) {
        return code;
    }
    std::optional<EntityType> type;
    if (parser.isSet(typeOption)) {
        EntityType t;
        if (!entityTypeFromName(parser.value(typeOption), &t)) {
            writeError(QStringLiteral("unknown entity type '%1' (PERSON, ORG, LOCATION, DATE, MONEY)")
                           .arg(parser.value(typeOption)));
            return Usage;
        }
        type = t;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.entities().all(type);
    if (!rows) {
        writeError(library.errorString());
        return Failed;
    }
    for (const EntitySummary &row : *rows) {
        writeJsonLine(entityJson(row));
    }
    return Ok;
}

int entity(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption typeOption(
        QStringLiteral("type"), QStringLiteral("watch: the name's type (PERSON, ORG, LOCATION)."), QStringLiteral("T"));
    const QCommandLineOption aliasOption(
        QStringLiteral("alias"), QStringLiteral("watch: another spelling (repeatable)."), QStringLiteral("A"));
    parser.addOption(typeOption);
    parser.addOption(aliasOption);
    parser.addPositionalArgument(QStringLiteral("ACTION"),
        QStringLiteral("rename ENTITY NAME | merge ENTITY INTO | split ENTITY ALIAS | type ENTITY TYPE | suppress "
                       "ENTITY | unrule ID | rules | watch --type T NAME [--alias A]... | unwatch ID | watchlist | "
                       "retag. ENTITY is an id (as `entities` prints) or TYPE:NAME."));
    parser.addPositionalArgument(
        QStringLiteral("ARGS"), QStringLiteral("The action's arguments."), QStringLiteral("..."));
    const QString syntax = QStringLiteral("entity ACTION --library L ARGS...");
    int code = Ok;
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    QStringList args = parser.positionalArguments();
    const QString action = args.isEmpty() ? QString() : args.takeFirst();
    struct Shape {
        const char16_t *name;
        int arguments;
    };
    static constexpr Shape shapes[]
        = { { u"rename", 2 }, { u"merge", 2 }, { u"split", 2 }, { u"type", 2 }, { u"suppress", 1 }, { u"unrule", 1 },
              { u"rules", 0 }, { u"watch", 1 }, { u"unwatch", 1 }, { u"watchlist", 0 }, { u"retag", 0 } };
    const auto shape = std::find_if(
        std::begin(shapes), std::end(shapes), [&](const Shape &s) { return action == QStringView(s.name); });
    if (shape == std::end(shapes) || args.size() != shape->arguments) {
        writeError(shape == std::end(shapes)
                ? QStringLiteral("unknown entity action '%1'").arg(action)
                : QStringLiteral("entity %1 takes %2 argument(s)").arg(action).arg(shape->arguments));
        std::fprintf(stderr, "usage: dossier-cli %s\n%s", qPrintable(syntax), qPrintable(parser.helpText()));
        return Usage;
    }
    if (action == u"watch" && !parser.isSet(typeOption)) {
        writeError(QStringLiteral("entity watch needs --type (PERSON, ORG or LOCATION)"));
        return Usage;
    }
    std::optional<EntityType> type;
    if (action == u"type" || action == u"watch") {
        type = typeArgument(action == u"type" ? args[1] : parser.value(typeOption));
        if (!type) {
            return Usage;
        }
    }
    std::optional<qint64> number;
    if (action == u"unrule" || action == u"unwatch") {
        bool ok = false;
        number = args[0].toLongLong(&ok);
        if (!ok) {
            writeError(QStringLiteral("entity %1 wants an id, not '%2'").arg(action, args[0]));
            return Usage;
        }
    }

    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    if (action == u"rules" || action == u"watchlist") {
        if (action == u"rules") {
            const auto rules = library.curation().rules();
            for (const EntityRule &rule : rules.value_or(QList<EntityRule> {})) {
                writeJsonLine(ruleJson(rule));
            }
            return rules ? Ok : (writeError(library.errorString()), Failed);
        }
        const auto entries = library.curation().watchlist();
        for (const WatchEntry &entry : entries.value_or(QList<WatchEntry> {})) {
            writeJsonLine(watchJson(entry));
        }
        return entries ? Ok : (writeError(library.errorString()), Failed);
    }

    // The change, then the re-tagging it asks for, then what the entity has become.
    QJsonObject result;
    std::optional<EntitySummary> subject;
    std::optional<EntityRule> rule;
    std::optional<std::pair<EntityType, QString>> outcome; // where to look for the entity afterwards
    bool ok = true;
    if (action == u"unrule") {
        ok = library.curation().removeRule(*number);
    } else if (action == u"watch") {
        const auto entry = library.curation().watch(WatchEntry { -1, *type, args[0], parser.values(aliasOption) });
        ok = entry.has_value();
        if (entry) {
            result.insert(QLatin1String("watch"), watchJson(*entry));
            outcome = { entry->type, entry->name };
        }
    } else if (action == u"unwatch") {
        ok = library.curation().unwatch(*number);
    } else if (action != u"retag") {
        subject = entityArgument(library, args[0]);
        if (!subject) {
            return Failed;
        }
        if (action == u"rename") {
            rule = library.curation().renameEntity(subject->id, args[1]);
        } else if (action == u"merge") {
            const auto into = entityArgument(library, args[1]);
            if (!into) {
                return Failed;
            }
            rule = library.curation().mergeEntities(subject->id, into->id);
        } else if (action == u"split") {
            rule = library.curation().splitAlias(subject->id, args[1]);
        } else if (action == u"type") {
            rule = library.curation().setEntityType(subject->id, *type);
        } else if (action == u"suppress") {
            rule = library.curation().suppressEntity(subject->id);
        }
        ok = rule.has_value();
        if (rule) {
            result.insert(QLatin1String("rule"), ruleJson(*rule));
            if (rule->action == EntityRule::Action::Map) {
                outcome = { rule->targetType, rule->targetName };
            }
        }
    }
    if (!ok) {
        writeError(library.errorString());
        return Failed;
    }
    int retagged = 0;
    if (!retagNow(library, &retagged)) {
        return Failed;
    }
    result.insert(QLatin1String("retagged"), retagged);
    if (outcome) {
        const auto now = library.entities().find(outcome->first, outcome->second);
        result.insert(QLatin1String("entity"), now ? QJsonValue(entityJson(*now)) : QJsonValue(QJsonValue::Null));
    }
    writeJsonLine(result);
    return Ok;
}

int search(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N results (default 50)."),
        QStringLiteral("N"), QStringLiteral("50"));
    parser.addOption(limit);
    parser.addPositionalArgument(
        QStringLiteral("QUERY"), QStringLiteral("FTS5 query: words, \"phrases\", prefix*, AND/OR/NOT, NEAR."));
    int code = Ok;
    if (!parseCommandLine(parser, arguments, QStringLiteral("search --library L QUERY"), &code)) {
        return code;
    }
    if (parser.positionalArguments().isEmpty()) {
        writeError(QStringLiteral("search needs a QUERY"));
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.documents().search(parser.positionalArguments().join(u' '), parser.value(limit).toInt());
    if (!rows) {
        writeError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        QJsonObject object = summaryJson(row);
        object.insert(QLatin1String("snippet"), row.snippet);
        writeJsonLine(object);
    }
    return Ok;
}

} // namespace Dossier::Cli
