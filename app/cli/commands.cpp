#include "cli/commands.h"

#include "analysis/analyzer.h"
#include "export/evidencepack.h"
#include "export/exporters.h"
#include "import/importjob.h"
#include "import/retagjob.h"
#include "json/articlejson.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
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

void printJson(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

void printError(const QString &message)
{
    std::fprintf(stderr, "dossier-cli: %s\n", qPrintable(message));
}

// Parses the command line; on a usage error prints it and returns false with *exitCode set.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &syntax, int *exitCode)
{
    parser.setApplicationDescription(syntax);
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        *exitCode = Usage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        *exitCode = Ok;
        return false;
    }
    return true;
}

QCommandLineOption libraryOption()
{
    return QCommandLineOption(QStringList { QStringLiteral("library"), QStringLiteral("l") },
        QStringLiteral("The library file (default: %1).").arg(Library::defaultPath()), QStringLiteral("L"),
        Library::defaultPath());
}

bool openLibrary(Library &library)
{
    if (!library.open()) {
        printError(library.errorString());
        return false;
    }
    return true;
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
        printError(QStringLiteral("--%1 wants a non-negative number, not '%2'")
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
            printError(
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
        const auto article = library.article(annotation.articleId);
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
        printError(QStringLiteral("unknown entity type '%1' (PERSON, ORG, LOCATION, DATE, MONEY)").arg(text));
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
        entity = library.entity(id);
    } else {
        const qsizetype colon = spec.indexOf(u':');
        EntityType type;
        if (colon <= 0 || !entityTypeFromName(QStringView(spec).first(colon), &type)) {
            printError(QStringLiteral("an entity is an id or TYPE:NAME (e.g. PERSON:Aiko Tanabe); got '%1'").arg(spec));
            return std::nullopt;
        }
        entity = library.findEntity(type, spec.mid(colon + 1).trimmed());
    }
    if (!entity) {
        printError(library.errorString());
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
        printError(summary.error);
        return false;
    }
    return true;
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
    for (const QCommandLineOption &option : { doc, quote, start, end, tag, note, color }) {
        parser.addOption(option);
    }
    int code = Ok;
    const QString syntax
        = QStringLiteral("annotate --library L --doc ID (--quote TEXT | --start N --end N) [--tag T]... "
                         "[--note TEXT] [--color #RRGGBB]");
    if (!parse(parser, arguments, syntax, &code)) {
        return code;
    }
    if (!parser.isSet(doc) || (!parser.isSet(quote) && !(parser.isSet(start) && parser.isSet(end)))
        || (parser.isSet(start) != parser.isSet(end))) {
        printError(QStringLiteral("annotate needs --doc and either --quote or both --start and --end"));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    const auto articleId = integerOption(parser, doc);
    if (!articleId) {
        return Usage;
    }
    std::optional<qint64> from;
    std::optional<qint64> to;
    if (parser.isSet(start)) {
        from = integerOption(parser, start);
        to = integerOption(parser, end);
        if (!from || !to) {
            return Usage;
        }
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto article = library.article(*articleId);
    if (!article) {
        printError(library.errorString());
        return Failed;
    }
    const QString &body = article->body;
    qsizetype utf16Start = -1;
    qsizetype utf16End = -1;
    if (from) {
        utf16Start = utf16Offset(body, *from);
        utf16End = utf16Offset(body, *to);
        if (utf16Start < 0 || utf16End < 0 || utf16Start >= utf16End) {
            printError(QStringLiteral("the passage %1–%2 is not within article %3's text (0–%4 code points)")
                           .arg(*from)
                           .arg(*to)
                           .arg(*articleId)
                           .arg(codePointOffset(body, body.size())));
            return Failed;
        }
        if (parser.isSet(quote) && QStringView(body).sliced(utf16Start, utf16End - utf16Start) != parser.value(quote)) {
            printError(QStringLiteral("the text at %1–%2 is not the quote given").arg(*from).arg(*to));
            return Failed;
        }
    } else {
        const QString text = parser.value(quote);
        const QList<qsizetype> found = findQuote(body, text);
        if (text.isEmpty() || found.isEmpty()) {
            printError(QStringLiteral("the quote is not in article %1's text").arg(*articleId));
            return Failed;
        }
        if (found.size() > 1) {
            QStringList places;
            for (qsizetype at : found) {
                places.append(QString::number(codePointOffset(body, at)));
            }
            printError(
                QStringLiteral("the quote occurs %1 times in article %2 (at %3); give --start and --end to choose")
                    .arg(found.size())
                    .arg(*articleId)
                    .arg(places.join(QLatin1String(", "))));
            return Failed;
        }
        utf16Start = found.first();
        utf16End = utf16Start + text.size();
    }
    const auto annotation = library.annotate(
        *articleId, utf16Start, utf16End, parser.values(tag), parser.value(note), parser.value(color));
    if (!annotation) {
        printError(library.errorString());
        return Failed;
    }
    printJson(annotationToJson(*annotation, body));
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
    if (!parse(parser, arguments, syntax, &code)) {
        return code;
    }
    if (!parser.isSet(doc) || parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("tag needs --doc and at least one TAG"));
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
    if (!library.article(*articleId)) {
        printError(library.errorString());
        return Failed;
    }
    bool ok = true;
    if (parser.isSet(remove)) {
        for (const QString &name : parser.positionalArguments()) {
            ok = ok && library.untagArticle(*articleId, name);
        }
    } else {
        ok = library.tagArticle(*articleId, parser.positionalArguments());
    }
    const auto tags = ok ? library.articleTags(*articleId) : std::nullopt;
    if (!tags) {
        printError(library.errorString());
        return Failed;
    }
    printJson(QJsonObject {
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
    if (!parse(parser, arguments,
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
    const auto rows = library.annotations(query);
    if (!rows) {
        printError(library.errorString());
        return Failed;
    }
    QHash<qint64, QString> bodies;
    for (const Annotation &annotation : *rows) {
        printJson(annotationToJson(annotation, bodyOf(library, annotation, &bodies)));
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
    if (!parse(parser, arguments, syntax, &code)) {
        return code;
    }
    const auto chosenFormat = exportFormatFromName(parser.value(format));
    if (!chosenFormat || !parser.isSet(out)) {
        printError(parser.isSet(out)
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
        if (!library.article(id)) {
            printError(library.errorString());
            return Failed;
        }
    }
    QString error;
    const auto pack = collectEvidence(library, selection, &error);
    if (!pack) {
        printError(error);
        return Failed;
    }
    if (!writePack(*pack, *chosenFormat, parser.value(out), &error)) {
        printError(error);
        return Failed;
    }
    printJson(QJsonObject { { QLatin1String("out"), parser.value(out) },
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
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Article files to analyse."), QStringLiteral("FILE..."));
    int code = Ok;
    if (!parse(parser, arguments, QStringLiteral("analyze [--raw] FILE..."), &code)) {
        return code;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printError(QStringLiteral("analyze needs at least one FILE"));
        return Usage;
    }
    AnalyzeOptions options;
    options.raw = parser.isSet(raw);
    const Analyzer analyzer(options);
    int status = Ok;
    for (const QString &file : files) {
        const AnalyzeResult result = analyzer.analyzeFile(file);
        if (!result.ok()) {
            printJson(QJsonObject { { QLatin1String("path"), file }, { QLatin1String("error"), result.error } });
            status = Failed;
            continue;
        }
        Article article = result.article;
        article.path = file; // as given, so callers can match their own paths
        printJson(articleToJson(article));
    }
    return status;
}

int import(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Files and folders to import."), QStringLiteral("PATH..."));
    int code = Ok;
    if (!parse(parser, arguments, QStringLiteral("import --library L PATH..."), &code)) {
        return code;
    }
    if (parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("import needs at least one PATH"));
        return Usage;
    }
    ImportRequest request;
    request.libraryPath = parser.value(QStringLiteral("library"));
    request.paths = parser.positionalArguments();
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
    const std::atomic_bool cancel { false };
    const ImportSummary summary = importFiles(request, cancel);
    if (!summary.fatalError.isEmpty()) {
        printError(summary.fatalError);
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
    printJson(result);
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
    if (!parse(parser, arguments, QStringLiteral("list --library L [--entity TYPE:NAME]... [--query Q]"), &code)) {
        return code;
    }
    ListQuery request;
    request.query = parser.value(query);
    for (const QString &value : parser.values(entity)) {
        const qsizetype colon = value.indexOf(u':');
        EntityFilter filter;
        if (colon <= 0 || !entityTypeFromName(QStringView(value).first(colon), &filter.type)) {
            printError(
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
    const auto rows = library.list(request);
    if (!rows) {
        printError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        printJson(summaryJson(row));
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
    if (!parse(parser, arguments, QStringLiteral("entities --library L [--type T]"), &code)) {
        return code;
    }
    std::optional<EntityType> type;
    if (parser.isSet(typeOption)) {
        EntityType t;
        if (!entityTypeFromName(parser.value(typeOption), &t)) {
            printError(QStringLiteral("unknown entity type '%1' (PERSON, ORG, LOCATION, DATE, MONEY)")
                           .arg(parser.value(typeOption)));
            return Usage;
        }
        type = t;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.entities(type);
    if (!rows) {
        printError(library.errorString());
        return Failed;
    }
    for (const EntitySummary &row : *rows) {
        printJson(entityJson(row));
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
    if (!parse(parser, arguments, syntax, &code)) {
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
        printError(shape == std::end(shapes)
                ? QStringLiteral("unknown entity action '%1'").arg(action)
                : QStringLiteral("entity %1 takes %2 argument(s)").arg(action).arg(shape->arguments));
        std::fprintf(stderr, "usage: dossier-cli %s\n%s", qPrintable(syntax), qPrintable(parser.helpText()));
        return Usage;
    }
    if (action == u"watch" && !parser.isSet(typeOption)) {
        printError(QStringLiteral("entity watch needs --type (PERSON, ORG or LOCATION)"));
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
            printError(QStringLiteral("entity %1 wants an id, not '%2'").arg(action, args[0]));
            return Usage;
        }
    }

    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    if (action == u"rules" || action == u"watchlist") {
        if (action == u"rules") {
            const auto rules = library.entityRules();
            for (const EntityRule &rule : rules.value_or(QList<EntityRule> {})) {
                printJson(ruleJson(rule));
            }
            return rules ? Ok : (printError(library.errorString()), Failed);
        }
        const auto entries = library.watchlist();
        for (const WatchEntry &entry : entries.value_or(QList<WatchEntry> {})) {
            printJson(watchJson(entry));
        }
        return entries ? Ok : (printError(library.errorString()), Failed);
    }

    // The change, then the re-tagging it asks for, then what the entity has become.
    QJsonObject result;
    std::optional<EntitySummary> subject;
    std::optional<EntityRule> rule;
    std::optional<std::pair<EntityType, QString>> outcome; // where to look for the entity afterwards
    bool ok = true;
    if (action == u"unrule") {
        ok = library.removeEntityRule(*number);
    } else if (action == u"watch") {
        const auto entry = library.watch(WatchEntry { -1, *type, args[0], parser.values(aliasOption) });
        ok = entry.has_value();
        if (entry) {
            result.insert(QLatin1String("watch"), watchJson(*entry));
            outcome = { entry->type, entry->name };
        }
    } else if (action == u"unwatch") {
        ok = library.unwatch(*number);
    } else if (action != u"retag") {
        subject = entityArgument(library, args[0]);
        if (!subject) {
            return Failed;
        }
        if (action == u"rename") {
            rule = library.renameEntity(subject->id, args[1]);
        } else if (action == u"merge") {
            const auto into = entityArgument(library, args[1]);
            if (!into) {
                return Failed;
            }
            rule = library.mergeEntities(subject->id, into->id);
        } else if (action == u"split") {
            rule = library.splitAlias(subject->id, args[1]);
        } else if (action == u"type") {
            rule = library.setEntityType(subject->id, *type);
        } else if (action == u"suppress") {
            rule = library.suppressEntity(subject->id);
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
        printError(library.errorString());
        return Failed;
    }
    int retagged = 0;
    if (!retagNow(library, &retagged)) {
        return Failed;
    }
    result.insert(QLatin1String("retagged"), retagged);
    if (outcome) {
        const auto now = library.findEntity(outcome->first, outcome->second);
        result.insert(QLatin1String("entity"), now ? QJsonValue(entityJson(*now)) : QJsonValue(QJsonValue::Null));
    }
    printJson(result);
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
    if (!parse(parser, arguments, QStringLiteral("search --library L QUERY"), &code)) {
        return code;
    }
    if (parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("search needs a QUERY"));
        return Usage;
    }
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const auto rows = library.search(parser.positionalArguments().join(u' '), parser.value(limit).toInt());
    if (!rows) {
        printError(library.errorString());
        return Failed;
    }
    for (const ArticleSummary &row : *rows) {
        QJsonObject object = summaryJson(row);
        object.insert(QLatin1String("snippet"), row.snippet);
        printJson(object);
    }
    return Ok;
}

} // namespace Dossier::Cli
