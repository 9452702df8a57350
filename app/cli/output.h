#pragma once

// What every dossier-cli command writes: JSON Lines on stdout, diagnostics on stderr.

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

} // namespace Dossier::Cli
