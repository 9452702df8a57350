// dossier-cli export and import-qdpx: an evidence pack of chosen articles and passages (PDF, Markdown,
// JSON-LD), citations of its articles (CSL-JSON, RIS, BibTeX) or a REFI-QDA project; and a REFI-QDA
// project's text codings brought in.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "export/evidencepack.h"
#include "export/exporters.h"
#include "import/qdpximport.h"
#include "store/library.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace Dossier::Cli
{

using namespace Dossier::Core;

int exportPack(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption format(QStringLiteral("format"),
        QStringLiteral("pdf, md, jsonld (passages); csl-json, ris, bibtex (citations of the articles); qdpx, "
                       "qdc (REFI-QDA project, codebook)."),
        QStringLiteral("F"));
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
    const QCommandLineOption withHidden(
        QStringLiteral("with-hidden"), QStringLiteral("Include passages an editor hid (left out otherwise)."));
    for (const QCommandLineOption &option : { format, out, tag, doc, annotation, fullText, title, withHidden }) {
        parser.addOption(option);
    }
    int code = Ok;
    const QString syntax = QStringLiteral(
        "export --library L --format pdf|md|jsonld|csl-json|ris|bibtex|qdpx|qdc --out FILE [--tag T]... [--doc ID]... "
        "[--annotation ID]... [--full-text] [--title TEXT] [--with-hidden]");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    const auto chosenFormat = exportFormatFromName(parser.value(format));
    if (!chosenFormat || !parser.isSet(out)) {
        writeError(parser.isSet(out)
                ? QStringLiteral("--format wants pdf, md, jsonld, csl-json, ris, bibtex, qdpx or qdc, not '%1'")
                      .arg(parser.value(format))
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
    selection.withHidden = parser.isSet(withHidden);
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
        { QLatin1String("format"), exportFormatName(*chosenFormat) },
        { QLatin1String("articles"), pack->articles.size() }, { QLatin1String("passages"), pack->passageCount() } });
    return Ok;
}

int importQdpx(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption into(QStringLiteral("into"),
        QStringLiteral("The folder the project's texts are written to (default: '<project> sources' beside it)."),
        QStringLiteral("DIR"));
    parser.addOption(into);
    int code = Ok;
    const QString syntax = QStringLiteral("import-qdpx --library L [--into DIR] PROJECT.qdpx");
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    if (parser.positionalArguments().size() != 1) {
        writeError(QStringLiteral("import-qdpx takes one .qdpx project"));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    const QFileInfo project(parser.positionalArguments().constFirst());
    if (!project.isFile()) {
        writeError(QStringLiteral("%1: file not found").arg(project.filePath()));
        return Failed;
    }
    const QString folder = parser.isSet(into)
        ? QFileInfo(parser.value(into)).absoluteFilePath()
        : project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral(" sources"));
    Library library(parser.value(QStringLiteral("library")));
    if (!openLibrary(library)) {
        return Failed;
    }
    QString error;
    const auto report = Core::importQdpx(library, project.absoluteFilePath(), folder, &error);
    if (!report) {
        writeError(QStringLiteral("%1: %2").arg(project.filePath(), error));
        return Failed;
    }
    QJsonArray articles;
    for (qint64 id : report->articles) {
        articles.append(id);
    }
    writeJsonLine(QJsonObject { { QLatin1String("project"), project.absoluteFilePath() },
        { QLatin1String("into"), folder }, { QLatin1String("articles"), articles },
        { QLatin1String("passages"), report->passages }, { QLatin1String("codes"), report->codes },
        { QLatin1String("article_tags"), report->articleTags }, { QLatin1String("notes"), report->notes },
        { QLatin1String("skipped"), QJsonArray::fromStringList(report->skipped) } });
    return Ok;
}

} // namespace Dossier::Cli
