#pragma once

// What several dossier-cli commands share: opening a library, integer options, summary and entity JSON.

#include "store/library.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>

#include <optional>

namespace Dossier::Cli
{

/*! Said once when a write has to wait for another process's transaction. */
void announceWait();
/*! Opens \a library (saying so on stderr when it waits, fails or is read-only); false when it cannot. */
bool openLibrary(Core::Library &library);
/*! Opens \a library and resolves \a request into the window's filter (names to entity ids, the query
    checked); prints the problem and returns nullopt when either fails. */
std::optional<Core::DocumentFilter> openFiltered(Core::Library &library, const Core::ListQuery &request);
/*! An article as list and search print it. */
QJsonObject summaryJson(const Core::ArticleSummary &summary);
/*! Parses a non-negative integer option; prints the problem and returns nullopt when it is not one. */
std::optional<qint64> integerOption(const QCommandLineParser &parser, const QCommandLineOption &option);
/*! The values of a repeatable non-negative integer option; prints the problem and returns nullopt
    when one is not such a number. */
std::optional<QList<qint64>> integerOptions(const QCommandLineParser &parser, const QCommandLineOption &option);
/*! The values of a repeatable TYPE:NAME option (--entity); prints the problem and returns nullopt
    when one is malformed. */
std::optional<QList<Core::EntityFilter>> entityOptions(
    const QCommandLineParser &parser, const QCommandLineOption &option);
/*! An entity as entities and entity print it. */
QJsonObject entityJson(const Core::EntitySummary &entity);

/*! \brief The options that choose articles, as list and timeline take them: --entity TYPE:NAME
    (repeatable, all must hold), --query Q, --from PERIOD and --to PERIOD. */
struct ArticleFilterOptions {
    ArticleFilterOptions();
    void addTo(QCommandLineParser &parser) const;
    /*! Reads them into \a query; prints the problem and returns false when one is malformed. */
    bool read(const QCommandLineParser &parser, Core::ListQuery *query) const;

    QCommandLineOption entity;
    QCommandLineOption query;
    QCommandLineOption from;
    QCommandLineOption to;
};

} // namespace Dossier::Cli
