#pragma once

#include "analysis/analyzer.h"

#include <QString>

namespace Dossier::Cli
{

/*! How `import --watch` runs. */
struct WatchRun {
    QString libraryPath;
    Core::AnalyzeOptions options;
    bool once = false; //!< scan every watched folder once and exit
    int settleTime = 2000; //!< ms a new or changed file must stay the same before it is imported
    bool backUp = true;
};

/*! `import --watch`: imports what is new in the library's watched folders, then (unless once)
    keeps watching until SIGINT or SIGTERM. */
int watchImport(const WatchRun &run);

} // namespace Dossier::Cli
