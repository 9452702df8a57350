#include "cli/commands.h"

#include <QCoreApplication>

#include <cstdio>

namespace
{

constexpr char usage[] = R"(usage: dossier-cli COMMAND [OPTIONS] [ARGS]

commands:
  analyze [--raw] FILE...                 analyse files, print one JSON object per file
  import --library L PATH...              import files and folders into a library
  list --library L [--entity TYPE:NAME]... [--query Q]
                                          list articles (JSON Lines)
  entities --library L [--type T]         list entities by number of documents (JSON Lines)
  search --library L QUERY                full-text search, ranked (JSON Lines)

Run 'dossier-cli COMMAND --help' for a command's options.
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dossier"));
    QCoreApplication::setOrganizationName(QStringLiteral("dossier"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOSSIER_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == u"--help" || arguments[1] == u"-h" || arguments[1] == u"help") {
        std::fputs(usage, arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? Dossier::Cli::Usage : Dossier::Cli::Ok;
    }
    if (arguments[1] == u"--version") {
        std::printf("dossier-cli %s\n", DOSSIER_VERSION);
        return Dossier::Cli::Ok;
    }
    const QString command = arguments[1];
    arguments.removeAt(1);
    using Handler = int (*)(const QStringList &);
    const std::pair<const char16_t *, Handler> commands[] = {
        { u"analyze", Dossier::Cli::analyze },
        { u"import", Dossier::Cli::import },
        { u"list", Dossier::Cli::list },
        { u"entities", Dossier::Cli::entities },
        { u"search", Dossier::Cli::search },
    };
    for (const auto &[name, handler] : commands) {
        if (command == QStringView(name)) {
            return handler(arguments);
        }
    }
    std::fprintf(stderr, "dossier-cli: unknown command '%s'\n\n%s", qPrintable(command), usage);
    return Dossier::Cli::Usage;
}
