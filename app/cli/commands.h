#pragma once

#include <QStringList>

namespace Dossier::Cli
{

/*! Exit statuses of dossier-cli. */
enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// Each command is defined in the file of its family: importcommands.cpp (analyze, import),
// listcommands.cpp (list, entities, search), searchcommands.cpp (search save/list/run/rename/remove),
// timelinecommands.cpp (timeline), cooccurrencecommands.cpp (cooccurrence), entitycommands.cpp (entity),
// annotationcommands.cpp (annotate, tag, annotations), exportcommands.cpp (export, import-qdpx), clustercommands.cpp
// (clusters) and watchcommands.cpp (watch, import --watch); check and recover are in integritycommands.h.
int analyze(const QStringList &arguments);
int import(const QStringList &arguments);
int list(const QStringList &arguments);
int entities(const QStringList &arguments);
int entity(const QStringList &arguments);
int search(const QStringList &arguments);
/*! search save|list|run|rename|remove (searchcommands.cpp): \a arguments hold the action after the program. */
int savedSearch(const QStringList &arguments);
/*! Whether \a word, right after "search", names one of savedSearch()'s actions. */
bool isSavedSearchAction(const QString &word);
int timeline(const QStringList &arguments);
int cooccurrence(const QStringList &arguments);
int annotate(const QStringList &arguments);
int tag(const QStringList &arguments);
int annotations(const QStringList &arguments);
int exportPack(const QStringList &arguments);
int importQdpx(const QStringList &arguments);
int watch(const QStringList &arguments);
int clusters(const QStringList &arguments);
/*! team add|remove|role|list (teamcommands.cpp): a team library's members and their roles. */
int team(const QStringList &arguments);
/*! history [restore ID] (historycommands.cpp): the library's changes, and restoring a version. */
int history(const QStringList &arguments);
/*! copy [--check] --from L1 --to L2 (copycommands.cpp): a library into a new one, or both compared. */
int copy(const QStringList &arguments);

} // namespace Dossier::Cli
