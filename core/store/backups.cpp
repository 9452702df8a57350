#include "store/backups.h"

#include "store/connection_p.h"
#include "store/integrity.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUuid>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Dossier::Core
{

namespace
{

QString stem(const QString &libraryPath)
{
    return QFileInfo(libraryPath).completeBaseName();
}

QRegularExpression backupName(const QString &libraryPath)
{
    return QRegularExpression(QStringLiteral("^%1-(\\d{8}-\\d{6})(?:-(\\d+))?\\.dossier$")
            .arg(QRegularExpression::escape(stem(libraryPath))));
}

// A file (or folder) on disk before the call returns: the rename of a backup must not reach the
// disk before its bytes do.
void syncToDisk(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(path)
#endif
}

} // namespace

Backups::Backups(const QString &libraryPath)
    : m_library(libraryPath)
    , m_now([] { return QDateTime::currentDateTime(); })
{
}

Backups Backups::fromSettings(const QString &libraryPath)
{
    Backups backups(libraryPath);
    const QSettings settings;
    backups.setFolder(settings.value(QLatin1String(BackupSettings::folderKey)).toString());
    backups.setKeep(settings.value(QLatin1String(BackupSettings::keepKey), BackupSettings::defaultKeep).toInt());
    if (qEnvironmentVariableIsSet(BackupSettings::folderVariable)) {
        backups.setFolder(qEnvironmentVariable(BackupSettings::folderVariable));
    }
    if (qEnvironmentVariableIsSet(BackupSettings::keepVariable)) {
        bool ok = false;
        const int keep = qEnvironmentVariable(BackupSettings::keepVariable).toInt(&ok);
        if (ok) {
            backups.setKeep(keep);
        }
    }
    return backups;
}

QString Backups::defaultFolder(const QString &libraryPath)
{
    return QFileInfo(libraryPath).absoluteFilePath() + QStringLiteral(".backups");
}

QString Backups::folder() const
{
    return m_folder.isEmpty() ? defaultFolder(m_library) : m_folder;
}

void Backups::setFolder(const QString &folder)
{
    m_folder = folder;
}

void Backups::setKeep(int keep)
{
    m_keep = std::max(0, keep);
}

void Backups::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

QList<BackupInfo> Backups::latest() const
{
    QList<BackupInfo> found;
    const QRegularExpression name = backupName(m_library);
    const QFileInfoList files = QDir(folder()).entryInfoList(QDir::Files);
    for (const QFileInfo &file : files) {
        const QRegularExpressionMatch match = name.match(file.fileName());
        if (!match.hasMatch()) {
            continue;
        }
        const QDateTime made = QDateTime::fromString(match.captured(1), QStringLiteral("yyyyMMdd-HHmmss"));
        if (made.isValid()) {
            found.append(BackupInfo { file.absoluteFilePath(), made, file.size() });
        }
    }
    // Newest first; two of the same second by their suffix.
    std::sort(found.begin(), found.end(), [](const BackupInfo &a, const BackupInfo &b) {
        return a.made != b.made              ? a.made > b.made
            : a.path.size() != b.path.size() ? a.path.size() > b.path.size()
                                             : a.path > b.path;
    });
    return found;
}

Backups::Result Backups::backupIfDue(Reason reason)
{
    if (m_keep == 0 || !QFileInfo(m_library).isFile()) {
        return {};
    }
    if (reason == Reason::Daily) {
        const QDate today = m_now().date();
        const QList<BackupInfo> existing = latest();
        if (!existing.isEmpty() && existing.front().made.date() >= today) {
            return {};
        }
    }
    {
        // Nothing to keep in a library without articles or passages.
        const Connection library(m_library, Connection::Mode::ReadOnly);
        QSqlQuery count = library.query();
        if (library.isOpen()
            && library.exec(count,
                QStringLiteral("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM ")
                    + QStringLiteral("annotations)"))
            && count.next() && count.value(0).toLongLong() == 0) {
            return {};
        }
    }
    Result result = backupNow();
    if (result.made) {
        prune();
    }
    return result;
}

Backups::Result Backups::backupNow()
{
    Result result;
    const QString dir = folder();
    if (!QDir().mkpath(dir)) {
        result.error = QStringLiteral("cannot create the backup folder %1").arg(dir);
        return result;
    }
    const QString base
        = QStringLiteral("%1/%2-%3").arg(dir, stem(m_library), m_now().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString temporary
        = QStringLiteral("%1/.%2.%3.tmp").arg(dir, stem(m_library), QUuid::createUuid().toString(QUuid::WithoutBraces));
    {
        const Connection library(m_library, Connection::Mode::ReadOnly);
        QSqlQuery vacuum = library.query();
        QString error;
        if (!library.isOpen()) {
            error = library.openError();
        } else if (!library.exec(vacuum, QStringLiteral("VACUUM INTO ?"), { temporary }, &error)) {
            error = error.isEmpty() ? QStringLiteral("unknown error") : error;
        }
        if (!error.isEmpty()) {
            QFile::remove(temporary);
            result.error = QStringLiteral("cannot back up %1 to %2: %3").arg(m_library, dir, error);
            return result;
        }
    }
    syncToDisk(temporary);
    // A name of its own: two backups in one second get -2, -3, ...; a rename never replaces a file.
    for (int n = 1; n < 100; ++n) {
        const QString path
            = n == 1 ? base + QStringLiteral(".dossier") : QStringLiteral("%1-%2.dossier").arg(base).arg(n);
        if (!QFile::exists(path) && QFile::rename(temporary, path)) {
            syncToDisk(dir);
            result.made = true;
            result.path = path;
            return result;
        }
    }
    QFile::remove(temporary);
    result.error = QStringLiteral("cannot name the backup in %1").arg(dir);
    return result;
}

Backups::RestoreResult Backups::restoreLatest()
{
    RestoreResult result;
    const QList<BackupInfo> backups = latest();
    if (backups.isEmpty()) {
        result.error = QStringLiteral("there is no backup of %1 in %2").arg(m_library, folder());
        return result;
    }
    // The newest backup that is itself sound: a damaged backup would only replace one damage by another.
    for (const BackupInfo &backup : backups) {
        if (LibraryCheck::run(backup.path).ok()) {
            result.backup = backup.path;
            break;
        }
    }
    if (result.backup.isEmpty()) {
        result.error = QStringLiteral("none of the %1 backups of %2 in %3 is sound")
                           .arg(backups.size())
                           .arg(m_library, folder());
        return result;
    }
    const QFileInfo library(m_library);
    const QString dir = library.absolutePath();
    const QString temporary = QStringLiteral("%1/.%2.restore-%3.tmp")
                                  .arg(dir, library.fileName(), QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!QFile::copy(result.backup, temporary)) {
        QFile::remove(temporary);
        result.error = QStringLiteral("cannot copy the backup %1 to %2").arg(result.backup, dir);
        return result;
    }
    syncToDisk(temporary);

    // The file it replaces goes aside with its write-ahead log (which holds part of its content)
    // and journal; the shared-memory index is SQLite's scratch file and goes with them.
    static const QStringList companions { QString(), QStringLiteral("-wal"), QStringLiteral("-journal"),
        QStringLiteral("-shm") };
    QStringList moved;
    const auto putBack = [&] {
        for (const QString &suffix : std::as_const(moved)) {
            QFile::rename(result.keptAside + suffix, library.absoluteFilePath() + suffix);
        }
    };
    if (library.exists()) {
        const QString base = library.absoluteFilePath() + QStringLiteral(".damaged-")
            + m_now().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        for (int n = 1; n < 100 && result.keptAside.isEmpty(); ++n) {
            const QString candidate = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
            if (std::none_of(companions.cbegin(), companions.cend(),
                    [&](const QString &suffix) { return QFile::exists(candidate + suffix); })) {
                result.keptAside = candidate;
            }
        }
        for (const QString &suffix : companions) {
            const QString from = library.absoluteFilePath() + suffix;
            if (result.keptAside.isEmpty()
                || (QFile::exists(from) && !QFile::rename(from, result.keptAside + suffix))) {
                putBack();
                QFile::remove(temporary);
                result.error = QStringLiteral("cannot keep %1 aside; it was left as it was").arg(from);
                result.keptAside.clear();
                return result;
            }
            if (QFile::exists(result.keptAside + suffix)) {
                moved.append(suffix);
            }
        }
    }
    if (!QFile::rename(temporary, library.absoluteFilePath())) {
        putBack();
        QFile::remove(temporary);
        result.error = QStringLiteral("cannot put the backup in the place of %1; it was left as it was").arg(m_library);
        result.keptAside.clear();
        return result;
    }
    syncToDisk(dir);
    result.restored = true;
    return result;
}

void Backups::prune()
{
    const QList<BackupInfo> backups = latest();
    for (qsizetype i = m_keep; i < backups.size(); ++i) {
        QFile::remove(backups[i].path);
    }
}

} // namespace Dossier::Core
