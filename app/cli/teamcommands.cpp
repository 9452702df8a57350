// dossier-cli team (add, remove, list, role): the members of a team library and their roles. The
// work is TeamStore's (core/store/teamstore.cpp); the server enforces what each role may do.

#include "cli/commands.h"
#include "cli/commandsupport.h"
#include "cli/output.h"
#include "store/library.h"

namespace Dossier::Cli
{

using namespace Dossier::Core;

namespace
{

QJsonObject memberJson(const TeamMember &member)
{
    return QJsonObject { { QLatin1String("name"), member.name }, { QLatin1String("role"), teamRoleName(member.role) } };
}

} // namespace

int team(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(libraryOption());
    const QCommandLineOption roleOption(QStringLiteral("role"),
        QStringLiteral("The member's role: reader, annotator, editor or admin (add; default annotator)."),
        QStringLiteral("ROLE"), QStringLiteral("annotator"));
    parser.addOption(roleOption);
    parser.addPositionalArgument(
        QStringLiteral("ACTION"), QStringLiteral("add NAME [--role ROLE] | remove NAME | role NAME ROLE | list"));
    parser.addPositionalArgument(
        QStringLiteral("ARGS"), QStringLiteral("The member, and its role."), QStringLiteral("[ARGS...]"));
    const QString syntax = QStringLiteral(
        "team add NAME [--role ROLE] | team remove NAME | team role NAME ROLE | team list --library L");
    int code = Ok;
    if (!parseCommandLine(parser, arguments, syntax, &code)) {
        return code;
    }
    QStringList args = parser.positionalArguments();
    const QString action = args.isEmpty() ? QString() : args.takeFirst();
    const int wanted = action == u"list" ? 0 : (action == u"role" ? 2 : 1);
    const bool known = action == u"add" || action == u"remove" || action == u"role" || action == u"list";
    if (!known || args.size() != wanted) {
        writeError(known ? QStringLiteral("team %1 takes %2 argument(s)").arg(action).arg(wanted)
                         : QStringLiteral("unknown team action '%1'").arg(action));
        std::fprintf(stderr, "usage: dossier-cli %s\n", qPrintable(syntax));
        return Usage;
    }
    const QString roleName = action == u"role" ? args.at(1) : parser.value(roleOption);
    const std::optional<TeamRole> role = teamRoleFromName(roleName);
    if (!role) {
        writeError(QStringLiteral("'%1' is not a role: reader, annotator, editor or admin").arg(roleName));
        return Usage;
    }
    const QString location = parser.value(QStringLiteral("library"));
    if (!Library::isServerLocation(location)) {
        writeError(QStringLiteral("%1 is a library file: members and roles are a team library's (--library "
                                  "postgresql://…)")
                .arg(location));
        return Usage;
    }
    Library library(location);
    if (!openLibrary(library)) {
        return Failed;
    }
    TeamStore &members = library.team();
    if (action == u"list") {
        const auto all = members.members();
        for (const TeamMember &member : all.value_or(QList<TeamMember> {})) {
            writeJsonLine(memberJson(member));
        }
        return all ? Ok : (writeError(library.errorString()), Failed);
    }
    const QString name = args.at(0);
    if (action == u"remove") {
        if (!members.remove(name)) {
            writeError(library.errorString());
            return Failed;
        }
        writeJsonLine(QJsonObject { { QLatin1String("name"), name }, { QLatin1String("removed"), true } });
        return Ok;
    }
    const bool done = action == u"add" ? members.add(name, *role) : members.setRole(name, *role);
    if (!done) {
        writeError(library.errorString());
        return Failed;
    }
    QJsonObject result = memberJson(TeamMember { name, *role });
    result.insert(QLatin1String("url"), members.urlFor(name));
    writeJsonLine(result);
    return Ok;
}

} // namespace Dossier::Cli
