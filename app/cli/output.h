#pragma once

// What every dossier-cli command shares: JSON Lines on stdout, diagnostics on stderr, and the
// parsing of its options.

#include "cli/commands.h"
#include "store/library.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace Dossier::Cli
{

inline void writeJsonLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

inline void writeError(const QString &message)
{
    std::fprintf(stderr, "dossier-cli: %s\n", qPrintable(message));
}

/*! Parses the command line; on a usage error (or --help) prints it and returns false with
    \a exitCode set. Positional arguments are the command's to check. */
inline bool parseCommandLine(
    QCommandLineParser &parser, const QStringList &arguments, const QString &syntax, int *exitCode)
{
    parser.setApplicationDescription(syntax);
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        writeError(parser.errorText());
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

/*! --library L, defaulting to the user's default library. */
inline QCommandLineOption libraryOption()
{
    return QCommandLineOption(QStringList { QStringLiteral("library"), QStringLiteral("l") },
        QStringLiteral("The library file, or a team library's postgresql:// URL (default: %1).")
            .arg(Core::Library::defaultPath()),
        QStringLiteral("L"), Core::Library::defaultPath());
}

} // namespace Dossier::Cli
