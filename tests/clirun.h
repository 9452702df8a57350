#pragma once

// Runs the dossier-cli under test and keeps what it said (cli_test, folderwatcher_test).

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace Dossier::Test
{

struct CliRun {
    int exitCode = -1; //!< -1 when it crashed or did not finish
    QByteArray out;
    QByteArray err;
    /*! stdout's JSON Lines. */
    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty()) {
                objects.append(QJsonDocument::fromJson(line).object());
            }
        }
        return objects;
    }
};

/*! Runs dossier-cli with \a arguments, waiting up to two minutes. */
inline CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(DOSSIER_CLI), arguments);
    CliRun run;
    if (!process.waitForFinished(120000)) {
        qWarning("dossier-cli did not finish");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace Dossier::Test
