#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Dossier::Core::DataLocations
{

/*! The organisation and application names the programs set (QCoreApplication), so that QSettings
    keeps its file in <config>/Dossier/dossier.conf. */
inline constexpr char organizationName[] = "Dossier";
inline constexpr char applicationName[] = "dossier";

/*! The user's Dossier data folder: $XDG_DATA_HOME/Dossier (by default ~/.local/share/Dossier). */
QString dataFolder();
/*! The default library: library.dossier in dataFolder(). */
QString defaultLibrary();
/*! The settings file: $XDG_CONFIG_HOME/Dossier/dossier.conf (where QSettings keeps them once the
    names above are set). */
QString settingsFile();

/*! \brief One file moved from an old place to the new one. */
struct Move {
    QString from;
    QString to;
};

/*! \brief What moveLegacyData() did: the files it moved, and what it could not move. */
struct LegacyMove {
    QList<Move> library; //!< the library file first, then its backups
    QList<Move> settings;
    QStringList errors; //!< each: what could not be moved and why; the old file is left in place
    /*! One message per library and settings file moved, and per failure, for the user. */
    QStringList messages() const;
};

/*! The folders where earlier Dossier builds kept their data, newest convention first: the
    application data folder of the old organisation/application names (dossier/dossier), in the
    user's data home and, when the programs run through the build root, in the root's own home
    (given as $DOSSIER_LEGACY_HOME by scripts/lib/env.sh). */
QStringList legacyDataFolders();
QStringList legacySettingsFiles();

/*! Moves a library (with its WAL contents folded in first, and its upgrade backups) and the
    settings found at an old place to the new ones, unless something is already there; nothing
    is deleted before its copy is complete. Safe to call at every start: it does nothing when
    there is nothing to move. */
LegacyMove moveLegacyData();

} // namespace Dossier::Core::DataLocations
