#include "store/datalocations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>
#include <filesystem>
#include <system_error>

namespace Dossier::Core::DataLocations
{

namespace
{

constexpr QLatin1StringView libraryFile("library.dossier");

QString homeData(const QString &home)
{
    return home + QStringLiteral("/.local/share");
}

QString homeConfig(const QString &home)
{
    return home + QStringLiteral("/.config");
}

// The folders that hold an earlier build's data, as the paths of the user's data home and of
// the build root's home.
QStringList legacyHomes()
{
    QStringList homes;
    const QString root = qEnvironmentVariable("DOSSIER_LEGACY_HOME");
    if (!root.isEmpty()) {
        homes.append(root);
    }
    return homes;
}

// Folds the WAL into the library file and closes it, so that the file alone is the library.
bool checkpoint(const QString &path, QString *error)
{
    static std::atomic<int> counter { 0 };
    const QString name = QStringLiteral("dossier-legacy-%1").arg(counter.fetch_add(1));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            if (!ok) {
                *error = query.lastError().text();
            }
            query.finish();
            db.close();
        } else {
            *error = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Moves \a from to \a to: a rename where both are on one file system, else a copy that is
// complete before the original goes.
bool moveFile(const QString &from, const QString &to, QString *error)
{
    if (!QDir().mkpath(QFileInfo(to).absolutePath())) {
        *error = QStringLiteral("cannot create the folder %1").arg(QFileInfo(to).absolutePath());
        return false;
    }
    // Not QFile::rename(): across file systems it copies straight into \a to, so an interrupted
    // move would leave half a library where the next start looks first.
    std::error_code failed;
    std::filesystem::rename(
        std::filesystem::path(from.toStdU16String()), std::filesystem::path(to.toStdU16String()), failed);
    if (!failed) {
        return true;
    }
    const QString partial = to + QStringLiteral(".part");
    QFile::remove(partial);
    QFile source(from);
    if (!source.copy(partial)) {
        *error = source.errorString();
        QFile::remove(partial);
        return false;
    }
    if (!QFile::rename(partial, to)) {
        *error = QStringLiteral("cannot write %1").arg(to);
        QFile::remove(partial);
        return false;
    }
    QFile::remove(from);
    return true;
}

} // namespace

QString dataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/'
        + QLatin1StringView(organizationName);
}

QString defaultLibrary()
{
    return dataFolder() + u'/' + libraryFile;
}

QString settingsFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u'/'
        + QLatin1StringView(organizationName) + u'/' + QLatin1StringView(applicationName) + QStringLiteral(".conf");
}

QStringList legacyDataFolders()
{
    // Before, the organisation and application were both "dossier", and Qt's AppDataLocation
    // named the folder twice.
    QStringList folders {
        QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/dossier/dossier"),
    };
    for (const QString &home : legacyHomes()) {
        folders.append(homeData(home) + QStringLiteral("/dossier/dossier"));
    }
    return folders;
}

QStringList legacySettingsFiles()
{
    QStringList files {
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/dossier/dossier.conf"),
    };
    for (const QString &home : legacyHomes()) {
        files.append(homeConfig(home) + QStringLiteral("/dossier/dossier.conf"));
    }
    return files;
}

QStringList LegacyMove::messages() const
{
    QStringList lines;
    if (!library.isEmpty()) {
        lines.append(QStringLiteral("moved your library from %1 to %2 (nothing was lost; the old place will not be "
                                    "used again)")
                .arg(library.front().from, library.front().to));
    }
    for (const Move &move : settings) {
        lines.append(QStringLiteral("moved your settings from %1 to %2").arg(move.from, move.to));
    }
    lines.append(errors);
    return lines;
}

LegacyMove moveLegacyData()
{
    LegacyMove result;
    const QString target = defaultLibrary();
    if (!QFileInfo::exists(target)) {
        for (const QString &folder : legacyDataFolders()) {
            const QString old = folder + u'/' + libraryFile;
            if (!QFileInfo(old).isFile() || QFileInfo(old).absoluteFilePath() == QFileInfo(target).absoluteFilePath()) {
                continue;
            }
            QString error;
            if (!checkpoint(old, &error)) {
                result.errors.append(
                    QStringLiteral("could not move your library from %1 to %2: %3; it is still there, open it with "
                                   "--library")
                        .arg(old, target, error));
                break;
            }
            // The WAL is folded in; what is left of it (an empty file, or none) is dropped with the
            // shared-memory index, which SQLite rebuilds.
            if (!moveFile(old, target, &error)) {
                result.errors.append(QStringLiteral("could not move your library from %1 to %2: %3; it is still "
                                                    "there, open it with --library")
                        .arg(old, target, error));
                break;
            }
            QFile::remove(old + QStringLiteral("-wal"));
            QFile::remove(old + QStringLiteral("-shm"));
            result.library.append({ old, target });
            // The copies made before schema upgrades go along.
            const QDir dir(folder);
            for (const QString &name : dir.entryList({ libraryFile + QStringLiteral(".schema-*.bak") }, QDir::Files)) {
                const QString to = dataFolder() + u'/' + name;
                if (!QFileInfo::exists(to) && moveFile(dir.filePath(name), to, &error)) {
                    result.library.append({ dir.filePath(name), to });
                }
            }
            break;
        }
    }
    const QString settings = settingsFile();
    if (!QFileInfo::exists(settings)) {
        for (const QString &old : legacySettingsFiles()) {
            if (!QFileInfo(old).isFile()) {
                continue;
            }
            QString error;
            if (moveFile(old, settings, &error)) {
                result.settings.append({ old, settings });
            } else {
                result.errors.append(
                    QStringLiteral("could not move your settings from %1 to %2: %3").arg(old, settings, error));
            }
            break;
        }
    }
    return result;
}

} // namespace Dossier::Core::DataLocations
