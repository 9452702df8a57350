# shellcheck shell=bash
# Shared by scripts/run, scripts/test and scripts/dossier-cli: decide whether the host can build
# Dossier (Qt >= 6.8, KF6 SyntaxHighlighting), otherwise make and enter a Debian 13 root that can.
#
# The root lives in a cache directory outside the repository and is reused; it is rebuilt when
# the package list below changes. It is entered with `unshare -m` + bind mounts + `chroot`, so
# every mount belongs to a private mount namespace and vanishes with the command.

set -euo pipefail

if [ -n "${DOSSIER_INSTALLED:-}" ]; then
    # A copy made by scripts/install, beside the installed programs: there is no checkout.
    DOSSIER_REPO=
    DOSSIER_SHARED=
else
    DOSSIER_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    DOSSIER_SHARED=$(cd "$DOSSIER_REPO/../shared" 2>/dev/null && pwd || true)
fi
DOSSIER_CACHE=${DOSSIER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dossier}
DOSSIER_ROOT=$DOSSIER_CACHE/trixie-root
DOSSIER_SUITE=trixie
DOSSIER_MIRROR=${DOSSIER_MIRROR:-http://deb.debian.org/debian}

# Everything the project builds, tests and runs with. Adding to this list installs the new
# packages into the existing root (a fresh root is made only when there is none).
DOSSIER_PACKAGES=(
    g++ cmake ninja-build ccache pkg-config python3
    qt6-base-dev libqt6sql6-sqlite qt6-qpa-plugins libqt6svg6
    libkf6syntaxhighlighting-dev libuchardet-dev libgumbo-dev iso-codes
    xvfb xauth fonts-dejavu-core poppler-utils
    clang libclang-rt-19-dev llvm-19 qt6-l10n-tools qt6-tools-dev
    clang-format-19 clang-tidy-19
    libpoppler-qt6-dev libkf6archive-dev libgmime-3.0-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
    libgraphviz-dev postgresql-17 libqt6sql6-psql
)

dossier_log() { printf 'dossier: %s\n' "$*" >&2; }

# True when the host itself has every package (a Debian 13 or newer workstation).
dossier_host_ok() {
    [ "${DOSSIER_FORCE_ROOT:-0}" = 1 ] && return 1
    command -v dpkg-query >/dev/null 2>&1 || return 1
    local p
    for p in "${DOSSIER_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
    done
    # Debian 12 has qt6-base-dev 6.4; we need 6.8 or newer.
    local v
    v=$(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null)
    dpkg --compare-versions "$v" ge 6.8 || return 1
}

dossier_packages_stamp() {
    printf '%s\n' "$DOSSIER_SUITE" "${DOSSIER_PACKAGES[@]}" | sha256sum | cut -c1-16
}

dossier_ensure_root() {
    local stamp
    stamp=$(dossier_packages_stamp)
    if [ -f "$DOSSIER_ROOT/.dossier-stamp" ] && [ "$(cat "$DOSSIER_ROOT/.dossier-stamp")" = "$stamp" ]; then
        return 0
    fi
    mkdir -p "$DOSSIER_CACHE"
    exec 9>"$DOSSIER_CACHE/.lock"
    flock 9
    if [ -f "$DOSSIER_ROOT/.dossier-stamp" ] && [ "$(cat "$DOSSIER_ROOT/.dossier-stamp")" = "$stamp" ]; then
        return 0
    fi
    if [ -f "$DOSSIER_ROOT/.dossier-stamp" ]; then
        dossier_log "installing the project's new packages into $DOSSIER_ROOT"
        cp /etc/resolv.conf "$DOSSIER_ROOT/etc/resolv.conf" 2>/dev/null || true
        if ! dossier_chroot "$DOSSIER_ROOT" / env DEBIAN_FRONTEND=noninteractive sh -c \
            "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${DOSSIER_PACKAGES[*]} && apt-get clean" >&2; then
            dossier_log "could not install the packages into $DOSSIER_ROOT"
            exec 9>&-
            return 1
        fi
        echo "$stamp" >"$DOSSIER_ROOT/.dossier-stamp"
        exec 9>&-
        return 0
    fi
    if ! command -v debootstrap >/dev/null 2>&1; then
        dossier_log "installing debootstrap on the host"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
    fi
    local new=$DOSSIER_ROOT.new
    # A root is only ever entered through private mount namespaces, so nothing can still be
    # mounted below it; --one-file-system guards against it anyway.
    [ -e "$new" ] && rm -rf --one-file-system "$new"
    dossier_log "making a Debian 13 build root in $DOSSIER_ROOT (once; about a minute)"
    debootstrap --variant=minbase "$DOSSIER_SUITE" "$new" "$DOSSIER_MIRROR" >&2
    cp /etc/resolv.conf "$new/etc/resolv.conf" 2>/dev/null || true
    dossier_chroot "$new" / env DEBIAN_FRONTEND=noninteractive sh -c \
        "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${DOSSIER_PACKAGES[*]} && apt-get clean" >&2
    echo "$stamp" >"$new/.dossier-stamp"
    # Swap first, delete after: there is always a root to build in.
    [ -e "$DOSSIER_ROOT.old" ] && rm -rf --one-file-system "$DOSSIER_ROOT.old"
    [ -e "$DOSSIER_ROOT" ] && mv "$DOSSIER_ROOT" "$DOSSIER_ROOT.old"
    mv "$new" "$DOSSIER_ROOT"
    rm -rf --one-file-system "$DOSSIER_ROOT.old"
    exec 9>&-
}

# The host's own folders that a build root does not replace: every top-level folder but the
# operating system's, and of those, the parts that hold user files. Inside the root they appear at
# the same paths, so any path the user can reach on the host (home, /media, /mnt, network mounts,
# /var/tmp, ...) works unchanged in the programs, their file dialogs and drag and drop.
DOSSIER_SYSTEM_DIRS=" bin boot dev etc lib lib32 lib64 libx32 lost+found proc run sbin sys tmp usr var "
dossier_host_dirs() {
    local entry name
    for entry in /*; do
        name=${entry#/}
        [ -d "$entry" ] && [ ! -L "$entry" ] || continue
        case $DOSSIER_SYSTEM_DIRS in *" $name "*) continue ;; esac
        printf '%s\n' "$entry"
    done
    local part
    for part in /tmp /var/tmp /run/user /run/media; do
        [ -d "$part" ] && [ ! -L "$part" ] && printf '%s\n' "$part"
    done
    return 0
}

# dossier_chroot ROOT WORKDIR CMD...: run CMD inside ROOT, in a private mount namespace, with the
# host's folders (dossier_host_dirs), the repository, ../shared, WORKDIR and $HOME bound at the
# same paths, /dev, /proc and /sys, and the host user's HOME and XDG folders in the environment:
# only the operating system (/usr, /etc, /var) is the root's. Mounts made by the host later (a USB
# stick under /media) appear inside too; nothing mounted inside is seen outside.
dossier_chroot() {
    local root=$1 workdir=$2
    shift 2
    # The compiler cache lives beside the root, not in it, so it outlives a rebuilt root; paths
    # relative to the checkout make one cache serve every clone and worktree.
    mkdir -p "$DOSSIER_CACHE/ccache"
    local binds=()
    mapfile -t binds < <(dossier_host_dirs)
    binds+=("$DOSSIER_REPO" "$workdir" "$DOSSIER_CACHE/ccache" "$HOME")
    [ -n "$DOSSIER_SHARED" ] && binds+=("$DOSSIER_SHARED")
    [ -n "${DOSSIER_EXTRA_BINDS:-}" ] && binds+=($DOSSIER_EXTRA_BINDS)
    # The environment the programs see: the host user's home and XDG folders (so the library and
    # settings live where the user's other programs keep theirs), display and session bus.
    local environment=(PATH=/usr/lib/ccache:/usr/sbin:/usr/bin:/sbin:/bin HOME="$HOME" LANG=C.UTF-8
        TERM="${TERM:-dumb}" DISPLAY="${DISPLAY:-}" CI="${CI:-}" QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-}"
        CCACHE_DIR="$DOSSIER_CACHE/ccache" CCACHE_BASEDIR="$DOSSIER_REPO" CCACHE_NOHASHDIR=1
        DOSSIER_LEGACY_HOME=/var/lib/dossier/root-home)
    local name
    for name in USER LOGNAME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME XAUTHORITY \
        WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS DOSSIER_TEST_HOST_DIRS; do
        [ -n "${!name:-}" ] && environment+=("$name=${!name}")
    done
    if [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -d "$XDG_RUNTIME_DIR" ]; then
        environment+=(XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR")
    else
        environment+=(XDG_RUNTIME_DIR=/tmp/dossier-runtime-$(id -u))
    fi
    local script='set -e
root=$1; workdir=$2; shift 2
# The root'\''s own home, where builds before the host home was bound kept their library, stays
# reachable (DOSSIER_LEGACY_HOME) for the programs to move it out.
mkdir -p "$root/var/lib/dossier/root-home"
mount --bind "$root/root" "$root/var/lib/dossier/root-home"
bound=" "
for dir in "$@"; do
  [ "$dir" = -- ] && break
  case $dir in /*) ;; *) continue ;; esac
  [ -d "$dir" ] || continue
  # Never over the operating system of the root itself (a command started from /usr/share, say).
  case $dir in
    / | /usr | /usr/* | /etc | /etc/* | /bin | /bin/* | /sbin | /sbin/* | /lib | /lib/* | /lib32* | /lib64* | /libx32* | \
    /boot* | /proc* | /sys | /sys/* | /dev | /dev/* | /var | /run) continue ;;
  esac
  # Already inside a folder bound before?
  covered=0
  for b in $bound; do case $dir/ in "$b"/*) covered=1 ;; esac; done
  [ $covered = 1 ] && continue
  mkdir -p "$root$dir"
  mount --rbind "$dir" "$root$dir"
  bound="$bound$dir "
done
while [ "$1" != "--" ]; do shift; done
shift
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
cd "$root"
exec chroot "$root" sh -c "cd \"\$0\" 2>/dev/null || cd /; exec \"\$@\"" "$workdir" "$@"'
    unshare -m --propagation slave bash -c "$script" dossier-root "$root" "$workdir" "${binds[@]}" -- \
        env -i "${environment[@]}" "$@"
}

# Settings for the sanitizer builds (asan, fuzz) as VAR=VALUE words for `env` (the build root is
# entered with a clean environment): stop at the first error with a symbolized stack and report
# every leak at exit (no suppressions: none has been needed, in Qt or elsewhere).
dossier_sanitizer_env() {
    echo ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:check_initialization_order=1:strict_init_order=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-19/bin/llvm-symbolizer
}

# dossier_exec CMD...: run CMD on the host if it can, else inside the root, from the current
# directory. Exit status is CMD's.
dossier_exec() {
    if dossier_host_ok; then
        "$@"
    else
        dossier_ensure_root
        dossier_chroot "$DOSSIER_ROOT" "$PWD" "$@"
    fi
}

# Build directory per flavour (DOSSIER_BUILD_TAG gives a parallel worker its own); inside the root it is keyed to the root so host builds never mix.
dossier_build_dir() {
    local flavour=${1:-dev}
    if dossier_host_ok; then
        echo "$DOSSIER_REPO/build/host-$flavour${DOSSIER_BUILD_TAG:+-$DOSSIER_BUILD_TAG}"
    else
        echo "$DOSSIER_REPO/build/root-$flavour${DOSSIER_BUILD_TAG:+-$DOSSIER_BUILD_TAG}"
    fi
}

# dossier_build FLAVOUR [TARGET...]: configure if needed and build (everything when no TARGET).
# Each flavour is a configure preset of CMakePresets.json (dev, asan, release, fuzz); the scripts
# only choose the build folder and the compiler cache.
dossier_build() {
    local flavour=$1
    shift
    local dir
    dir=$(dossier_build_dir "$flavour")
    local targets=()
    [ $# -gt 0 ] && targets=(--target "$@")
    (
        cd "$DOSSIER_REPO"
        if [ ! -f "$dir/build.ninja" ]; then
            dossier_exec cmake --preset "$flavour" -B "$dir" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >&2
        fi
        dossier_exec cmake --build "$dir" "${targets[@]}" >&2
    )
}
