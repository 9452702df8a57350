#include "cli/commands.h"
#include "cli/integritycommands.h"
#include "store/datalocations.h"
#include "translations.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

namespace
{

constexpr char usage[] = R"(usage: dossier-cli COMMAND [OPTIONS] [ARGS]

A library L is a file, or a team library on PostgreSQL: postgresql://[USER@]HOST[:PORT]/DB,
postgresql:///DB?host=/SOCKET/DIR or postgresql:///?service=NAME (passwords: ~/.pgpass).

commands:
  analyze [--raw] FILE...                 analyse files, print one JSON object per file
  import --library L [--no-backup] PATH...
                                          import files and folders into a library
  import --watch --library L [--once] [--settle MS]
                                          import what is new in the watched folders, then keep
                                          watching until Ctrl+C (--once: scan once and exit)
  watch add|remove|list --library L [DIR] the library's watched folders (list: JSON Lines)
  list --library L [--entity TYPE:NAME]... [--query Q] [--from PERIOD] [--to PERIOD]
                                          list articles (JSON Lines)
  timeline --library L [FILTERS] [--by year|month|week|day] [--events]
           [--format jsonl|csv|svg|png] [--out FILE]
                                          articles by publication period, or the events they
                                          report (JSON Lines or CSV; FILTERS as for list), or
                                          a bar chart of the counts (SVG, PNG)
  cooccurrence --library L [FILTERS] [--scope article|sentence] [--min-count N] [--types T,T]
               [--limit N] [--format jsonl|graphml|gexf] [--out FILE]
                                          who appears with whom: entity pairs ranked by NPMI
                                          (JSON Lines), or a graph for Gephi
  entities --library L [--type T]         list entities by number of documents (JSON Lines)
  entity ACTION --library L ARGS...       curate entities: rename ENTITY NAME, merge ENTITY INTO,
                                          split ENTITY ALIAS, type ENTITY TYPE, suppress ENTITY,
                                          unrule ID, rules, watch --type T NAME [--alias A]...,
                                          unwatch ID, watchlist, retag (ENTITY: id or TYPE:NAME)
  search --library L QUERY                full-text search, ranked (JSON Lines)
  search save NAME --library L [FILTERS] [--any] [--exclude TYPE:NAME]... [--tag T]...
                                          save a search (query and filters) under a name
  search list|run|rename|remove --library L [NAME [NEW-NAME]]
                                          saved searches with their counts and new articles;
                                          one's articles (opening it); rename or delete one
  annotate --library L --doc ID (--quote TEXT | --start N --end N) [--tag T]... [--note TEXT] [--color #RRGGBB]
           [--private]
                                          highlight a passage, print it as JSON
  annotate --library L --edit ID [--version N] [--note TEXT] [--color #RRGGBB] [--tag T]... [--private]
                                          change a passage; with the version read, refused (exit 1,
                                          who changed it and when) if someone changed it since
  tag --library L --doc ID [--remove] TAG...
                                          tag an article (or take tags off)
  annotations --library L [--tag T]... [--doc ID]... [--text TEXT] [--orphaned] [--author NAME]
                                          list passages (JSON Lines)
  export --library L --format pdf|md|jsonld|csl-json|ris|bibtex|qdpx|qdc --out FILE [--tag T]...
         [--doc ID]... [--annotation ID]... [--full-text]
                                          write an evidence pack, citations of its articles or a REFI-QDA project
  import-qdpx --library L [--into DIR] PROJECT.qdpx
                                          bring in a REFI-QDA project's text sources, codes, codings and notes
  clusters --library L [--min-size N] [--copies ID] [--diff ID [--against ID]] [--threshold T]
                                          copies of one story (near-duplicates) as JSON Lines; one
                                          article's copies; what a copy changed against its original
  team add NAME [--role ROLE] | team remove NAME | team role NAME ROLE | team list --library URL
                                          a team library's members and their roles (reader,
                                          annotator, editor, admin), enforced by the server
  history --library L [--article ID | --annotation ID] [--limit N]
                                          the library's changes, newest first: who changed which
                                          annotation, tag or rule, when, before and after (JSON Lines)
  history restore --library L HISTORY_ID  put a row back as it was at that change (a new change)
  copy --from L1 --to L2                  copy a library into a new one (file or team library, either
                                          way, ids and authors kept; JSON: rows per table)
  copy --check --from L1 --to L2          compare two libraries row by row (exit 1 when they differ)
  check --library L                       check a library for damage (JSON; exit 1 when damaged)
  recover --from DAMAGED --library NEW    salvage what can be read of a damaged library into a new one

Run 'dossier-cli COMMAND --help' for a command's options.
)";

// Laying out a PDF (export) and drawing a timeline's PNG need fonts, hence a QGuiApplication.
bool needsGuiApplication(int argc, char *argv[])
{
    if (argc < 2) {
        return false;
    }
    if (qstrcmp(argv[1], "export") == 0) {
        return true;
    }
    if (qstrcmp(argv[1], "timeline") != 0) {
        return false;
    }
    for (int i = 2; i < argc; ++i) {
        if (qstrcmp(argv[i], "--format=png") == 0
            || (qstrcmp(argv[i], "--format") == 0 && i + 1 < argc && qstrcmp(argv[i + 1], "png") == 0)) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // A headless QGuiApplication unless told otherwise: no display is needed.
    const bool needsGui = needsGuiApplication(argc, argv);
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::unique_ptr<QCoreApplication> app(
        needsGui ? new QGuiApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(QLatin1StringView(Dossier::Core::DataLocations::applicationName));
    QCoreApplication::setOrganizationName(QLatin1StringView(Dossier::Core::DataLocations::organizationName));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOSSIER_VERSION));
    // What the core words for people (an evidence pack's counts) follows the user's language.
    Dossier::Core::installTranslator();

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == u"--help" || arguments[1] == u"-h" || arguments[1] == u"help") {
        std::fputs(usage, arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? Dossier::Cli::Usage : Dossier::Cli::Ok;
    }
    if (arguments[1] == u"--version") {
        std::printf("dossier-cli %s\n", DOSSIER_VERSION);
        return Dossier::Cli::Ok;
    }
    // A library an earlier build kept elsewhere (inside the build root, or under dossier/dossier)
    // moves to the data folder the first time the program starts.
    for (const QString &message : Dossier::Core::DataLocations::moveLegacyData().messages()) {
        std::fprintf(stderr, "dossier-cli: %s\n", qPrintable(message));
    }
    const QString command = arguments[1];
    arguments.removeAt(1);
    using Handler = int (*)(const QStringList &);
    const std::pair<const char16_t *, Handler> commands[] = {
        { u"analyze", Dossier::Cli::analyze },
        { u"import", Dossier::Cli::import },
        { u"list", Dossier::Cli::list },
        { u"entities", Dossier::Cli::entities },
        { u"timeline", Dossier::Cli::timeline },
        { u"cooccurrence", Dossier::Cli::cooccurrence },
        { u"entity", Dossier::Cli::entity },
        { u"search", Dossier::Cli::search },
        { u"annotate", Dossier::Cli::annotate },
        { u"tag", Dossier::Cli::tag },
        { u"annotations", Dossier::Cli::annotations },
        { u"export", Dossier::Cli::exportPack },
        { u"import-qdpx", Dossier::Cli::importQdpx },
        { u"watch", Dossier::Cli::watch },
        { u"clusters", Dossier::Cli::clusters },
        { u"team", Dossier::Cli::team },
        { u"history", Dossier::Cli::history },
        { u"copy", Dossier::Cli::copy },
        { u"check", Dossier::Cli::check },
        { u"recover", Dossier::Cli::recover },
    };
    for (const auto &[name, handler] : commands) {
        if (command == QStringView(name)) {
            return handler(arguments);
        }
    }
    std::fprintf(stderr, "dossier-cli: unknown command '%s'\n\n%s", qPrintable(command), usage);
    return Dossier::Cli::Usage;
}
