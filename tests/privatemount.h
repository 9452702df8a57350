#pragma once

// A private mount namespace for tests that need a small or read-only file system (a full disk, a
// read-only library): tmpfs mounts made in it vanish with the test process and are seen by its
// children (dossier-cli) only.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

namespace Dossier::Test
{

/*! Moves this process into a mount namespace of its own: as root directly, else as root of a new
    user namespace. Call it before any thread starts (unshare() refuses multithreaded processes).
    Returns why it could not, or an empty string. */
inline QString enterPrivateMountNamespace()
{
    if (::unshare(CLONE_NEWNS) != 0) {
        const uid_t uid = ::geteuid();
        const gid_t gid = ::getegid();
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
            return QStringLiteral("cannot make a private mount namespace: %1")
                .arg(QString::fromLocal8Bit(std::strerror(errno)));
        }
        const auto write = [](const char *file, const QByteArray &text) {
            QFile f { QString::fromLatin1(file) };
            return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
        };
        write("/proc/self/setgroups", "deny");
        if (!write("/proc/self/uid_map", "0 " + QByteArray::number(uid) + " 1")
            || !write("/proc/self/gid_map", "0 " + QByteArray::number(gid) + " 1")) {
            return QStringLiteral("cannot map the user into the new user namespace");
        }
    }
    // Nothing mounted here may reach the parent namespace. (Inside a chroot "/" is no mount point
    // and this fails; the build root's namespace is private already.)
    ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
    return {};
}

/*! Mounts a tmpfs of \a bytes on \a dir (made as needed), or changes the size and writability of
    the one there. Returns why it could not, or an empty string. */
inline QString mountTmpfs(const QString &dir, qint64 bytes, bool readOnly = false, bool remount = false)
{
    QDir().mkpath(dir);
    const QByteArray options = "size=" + QByteArray::number(bytes);
    const unsigned long flags = (remount ? MS_REMOUNT : 0) | (readOnly ? MS_RDONLY : 0);
    if (::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", flags, options.constData()) != 0) {
        return QStringLiteral("cannot mount a tmpfs on %1: %2").arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
    }
    return {};
}

} // namespace Dossier::Test
