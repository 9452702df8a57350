#pragma once

#include <QStringList>

namespace Dossier::Cli
{

/*! dossier-cli check: LibraryCheck on a library, as one JSON object; exit 1 when it found a problem. */
int check(const QStringList &arguments);
/*! dossier-cli recover: LibraryRecovery from a damaged library into a new one; exit 1 when anything was lost. */
int recover(const QStringList &arguments);

} // namespace Dossier::Cli
