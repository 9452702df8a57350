// dossier-cli annotate, tag and annotations: highlighting passages, tagging articles, listing passages.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "json/articlejson.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <functional>

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

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

// One passage to highlight, as given on the command line or on a line of annotate --batch.
struct PassageRequest {
    qint64 articleId = -1;
    std::optional<QString> quote;
    std::optional<qint64> start;
    std::optional<qint64> end;
    QStringList tags;
    QString note;
    QString color;
    bool isPrivate = false;
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
        request.articleId, utf16Start, utf16End, request.tags, request.note, request.color, request.isPrivate);
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
    for (const QJsonValue tag : object.value(QLatin1String("tags")).toArray()) {
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

// Opens the library of the command line, makes \a change to passage \a id and prints the passage
// as it is now, as JSON.
int changePassage(const QCommandLineParser &parser, qint64 id, const std::function<bool(Library &)> &change)
{
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    const std::optional<Annotation> annotation
        = change(library) ? library.annotations().get(id) : std::optional<Annotation>();
    if (!annotation) {
        writeError(library.errorString());
        return Failed;
    }
    QHash<qint64, QString> bodies;
    writeJsonLine(annotationToJson(*annotation, bodyOf(library, *annotation, &bodies)));
    return Ok;
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
    const QCommandLineOption privately(QStringLiteral("private"),
        QStringLiteral("Only you see the passage (a team library's server hides it from the other members)."));
    const QCommandLineOption edit(QStringLiteral("edit"),
        QStringLiteral("Change the passage with this id instead: its note, colour, tags (all replaced) or privacy, "
                       "as given."),
        QStringLiteral("ID"));
    const QCommandLineOption version(QStringLiteral("version"),
        QStringLiteral("With --edit: the passage's version you read (annotations prints it); refused, nothing "
                       "changed, when someone changed it since."),
        QStringLiteral("N"));
    const QCommandLineOption hide(QStringLiteral("hide"),
        QStringLiteral("Hide the passage with this id (an editor's, or its author's): kept, but left out of lists and "
                       "exports unless asked for. Its text is not changed."),
        QStringLiteral("ID"));
    const QCommandLineOption unhide(
        QStringLiteral("unhide"), QStringLiteral("Show the hidden passage with this id again."), QStringLiteral("ID"));
    for (const QCommandLineOption &option :
        { doc, quote, start, end, tag, note, color, batch, privately, edit, version, hide, unhide }) {
        parser.addOption(option);
    }
    int code = Ok;
    const QString syntax
        = QStringLiteral("annotate --library L (--doc ID (--quote TEXT | --start N --end N) [--tag T]... "
                         "[--note TEXT] [--color #RRGGBB] [--private] | --batch FILE | --edit ID [--version N] "
                         "[--note TEXT] [--color #RRGGBB] [--tag T]... [--private] | --hide ID | --unhide ID)");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    if (parser.isSet(hide) || parser.isSet(unhide)) {
        if (parser.isSet(hide) == parser.isSet(unhide) || parser.isSet(edit) || parser.isSet(doc)
            || parser.isSet(batch)) {
            writeError(QStringLiteral("--hide and --unhide take one passage's id, alone"));
            std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
            return Usage;
        }
        const auto id = integerOption(parser, parser.isSet(hide) ? hide : unhide);
        if (!id) {
            return Usage;
        }
        const bool hidden = parser.isSet(hide);
        return changePassage(
            parser, *id, [&](Library &library) { return library.annotations().setHidden(*id, hidden); });
    }
    if (parser.isSet(edit)) {
        const auto id = integerOption(parser, edit);
        const auto read = parser.isSet(version) ? integerOption(parser, version) : std::optional<qint64>(0);
        if (!id || !read) {
            return Usage;
        }
        return changePassage(parser, *id, [&](Library &library) {
            std::optional<Annotation> annotation = library.annotations().get(*id);
            if (!annotation) {
                return false;
            }
            annotation->note = parser.isSet(note) ? parser.value(note) : annotation->note;
            annotation->color = parser.isSet(color) ? parser.value(color) : annotation->color;
            annotation->tags = parser.isSet(tag) ? parser.values(tag) : annotation->tags;
            annotation->isPrivate = annotation->isPrivate || parser.isSet(privately);
            return library.annotations().update(*annotation, *read);
        });
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
    request.isPrivate = parser.isSet(privately);
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
    const QCommandLineOption author(
        QStringLiteral("author"), QStringLiteral("Only passages made by NAME."), QStringLiteral("NAME"));
    const QCommandLineOption hidden(
        QStringLiteral("hidden"), QStringLiteral("Passages an editor hid too (left out otherwise)."));
    for (const QCommandLineOption &option : { tag, doc, text, orphaned, author, hidden }) {
        parser.addOption(option);
    }
    int code = Ok;
    if (!parseCommandLine(parser, arguments,
            QStringLiteral("annotations --library L [--tag T]... [--doc ID]... [--text TEXT] [--orphaned] "
                           "[--author NAME] [--hidden]"),
            &code)) {
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
    query.author = parser.value(author);
    query.withHidden = parser.isSet(hidden);
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

} // namespace Dossier::Cli
