#pragma once

#include "store/backups.h"

#include <QStringList>

namespace Dossier::Cli
{

/*! dossier-cli check: LibraryCheck on a library, as one JSON object; exit 1 when it found a problem. */
int check(const QStringList &arguments);
/*! dossier-cli recover: LibraryRecovery from a damaged library into a new one; exit 1 when anything was lost. */
int recover(const QStringList &arguments);
/*! The automatic backup of \a library when \a reason calls for one (Core::Backups::fromSettings());
    says on stderr where it went, or why it failed (which changes no exit status). */
void backUpIfDue(const QString &library, Core::Backups::Reason reason);

} // namespace Dossier::Cli
