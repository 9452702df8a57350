#!/usr/bin/env bash
# Host-side checks, run by scripts/test on the host (not inside the build root): the programs,
# started the way a user starts them (scripts/dossier-cli, scripts/run, scripts/install), reach
# the user's files anywhere on the host and keep the library and settings in the host user's own
# data and config folders. Exit status 1 names the check that failed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/scripts/lib/env.sh"
cli=$repo/scripts/dossier-cli
failures=0
check() { # check DESCRIPTION COMMAND...: runs COMMAND, says ok or FAIL
    if "${@:2}"; then
        printf 'ok    %s\n' "$1"
    else
        printf 'FAIL  %s\n' "$1"
        failures=$((failures + 1))
    fi
}
json() { python3 -c "import json,sys; d=json.loads(sys.stdin.readline()); print($1)"; }

# Folders outside the repository, the working directory and /tmp: one under $HOME, one under /var/tmp.
home_dir=$(mktemp -d "$HOME/dossier-host-test.XXXXXX")
var_dir=$(mktemp -d /var/tmp/dossier-host-test.XXXXXX)
trap 'rm -rf "$home_dir" "$var_dir"' EXIT
write_article() { # write_article FILE TITLE PLACE
    cat >"$1" <<ARTICLE
$2

March 4, 2026

${3^^} — Maren Holt of the Harbour Authority said on Tuesday that the ferry terminal in $3 would open in the spring, after two years of delays.

The Ministry of Transport has asked for a review of the budget, which rose by 12 million pounds.
ARTICLE
}
write_article "$home_dir/harbour.txt" "Terminal opening delayed in Dundee" Dundee
mkdir -p "$home_dir/more"
write_article "$home_dir/more/second.txt" "A second terminal for Dundee" Dundee
write_article "$var_dir/ferry.txt" "Ferry budget rises in Porto" Porto

title_of() { "$cli" analyze "$1" 2>/dev/null | json 'd.get("title") or d.get("error")'; }
check "analyze a file under \$HOME by absolute path" test "$(title_of "$home_dir/harbour.txt")" = "Terminal opening delayed in Dundee"
check "analyze a file under /var/tmp by absolute path" test "$(title_of "$var_dir/ferry.txt")" = "Ferry budget rises in Porto"
check "analyze by a path relative to a working directory under \$HOME" \
    test "$(cd "$home_dir/more" && title_of ../harbour.txt)" = "Terminal opening delayed in Dundee"
rel=$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$home_dir/harbour.txt" "$var_dir")
check "analyze by a relative path from /var/tmp to \$HOME ($rel)" \
    test "$(cd "$var_dir" && title_of "$rel")" = "Terminal opening delayed in Dundee"

imported() { json 'd["imported"]'; }
check "import folders under \$HOME and /var/tmp into a library under \$HOME (absolute paths)" \
    test "$("$cli" import --library "$home_dir/abs.dossier" "$home_dir" "$var_dir" 2>/dev/null | imported)" = 3
back=$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$var_dir/ferry.txt" "$home_dir")
check "import by relative paths ($back), the library given relatively too" \
    test "$(cd "$home_dir" && "$cli" import --library rel.dossier more "$back" 2>/dev/null | imported)" = 2
check "the library written there is a file on the host" test -s "$home_dir/rel.dossier"
check "the list names the host paths" \
    test "$("$cli" list --library "$home_dir/abs.dossier" 2>/dev/null | grep -c "\"path\":\"$var_dir/ferry.txt\"")" = 1

# The default library and settings: the host user's XDG folders, in Dossier/.
export XDG_DATA_HOME=$home_dir/data XDG_CONFIG_HOME=$home_dir/config
check "import without --library writes \$XDG_DATA_HOME/Dossier/library.dossier on the host" \
    test "$("$cli" import "$home_dir/harbour.txt" 2>/dev/null | imported)" = 1
check "... and nothing in dossier/dossier" test ! -e "$XDG_DATA_HOME/dossier"
check "... it holds the article" test -s "$XDG_DATA_HOME/Dossier/library.dossier"
if [ -n "${DISPLAY:-}${QT_QPA_PLATFORM:-}" ] || ! dossier_host_ok; then
    # The window remembers its library in the settings: \$XDG_CONFIG_HOME/Dossier/dossier.conf.
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$repo/scripts/run" --screenshot "$home_dir/window.png" >/dev/null 2>&1 || true
    check "the window keeps its settings in \$XDG_CONFIG_HOME/Dossier/dossier.conf on the host" \
        grep -q "last=$XDG_DATA_HOME/Dossier/library.dossier" "$XDG_CONFIG_HOME/Dossier/dossier.conf"
    check "... and its picture landed under \$HOME" test -s "$home_dir/window.png"
fi

# A library an earlier build kept at the old place moves out at the first start, with a message.
# Natively the old place is dossier/dossier in the data folder; through the build root it is the
# root's own home, which builds before this one used as HOME.
new_data=$home_dir/data2
if dossier_host_ok; then
    legacy=$new_data/dossier/dossier/library.dossier
    inside=$legacy
else
    legacy=$DOSSIER_ROOT/root/.local/share/dossier/dossier/library.dossier
    inside=/var/lib/dossier/root-home/.local/share/dossier/dossier/library.dossier
fi
if [ -e "$legacy" ]; then
    printf 'skip  moving a library from the old place: %s holds a real one\n' "$legacy"
else
    # Made while the default library of $XDG_DATA_HOME exists, so that nothing moves yet.
    "$cli" import --library "$inside" "$home_dir/harbour.txt" "$var_dir/ferry.txt" >/dev/null 2>&1
    check "(an old library made at $legacy)" test -s "$legacy"
    check "(annotated there)" bash -c "'$cli' annotate --library '$inside' --doc 1 --quote 'ferry terminal' --note kept >/dev/null 2>&1"
    export XDG_DATA_HOME=$new_data
    moved=$("$cli" list 2>"$home_dir/moved.err" | wc -l)
    check "the first start moves it to \$XDG_DATA_HOME/Dossier and says so" grep -q "moved your library from" "$home_dir/moved.err"
    check "... with both articles" test "$moved" = 2
    check "... and its annotation" test "$("$cli" annotations 2>/dev/null | json 'd["note"]')" = kept
    check "... nothing left at the old place" test ! -e "$legacy"
    check "... and the next start says nothing" test -z "$("$cli" list 2>&1 >/dev/null)"
    rm -rf "${legacy%/library.dossier}"
    export XDG_DATA_HOME=$home_dir/data
fi

# The GUI's file dialogs, driven offscreen, list the files of these folders.
if ! dossier_host_ok || [ -n "${DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
    build=$(dossier_build_dir dev)
    dossier_build dev filedialog_test
    if env DOSSIER_TEST_HOST_DIRS="$home_dir:$var_dir" QT_QPA_PLATFORM=offscreen \
        bash -c "source '$repo/scripts/lib/env.sh' && dossier_exec '$build/tests/filedialog_test'" >"$home_dir/dialog.log" 2>&1; then
        check "the window's import dialogs see and import files under \$HOME and /var/tmp" true
    else
        grep -v QWARN "$home_dir/dialog.log" | tail -20
        check "the window's import dialogs see and import files under \$HOME and /var/tmp" false
    fi
fi

# Installed like an application: on the PATH and in the desktop menu, working from anywhere.
prefix=$home_dir/prefix
"$repo/scripts/install" --prefix "$prefix" >/dev/null 2>&1
check "scripts/install puts dossier and dossier-cli in PREFIX/bin" test -x "$prefix/bin/dossier" -a -x "$prefix/bin/dossier-cli"
check "the installed dossier-cli runs from any folder, outside the checkout" \
    test "$(cd "$var_dir" && "$prefix/bin/dossier-cli" analyze ferry.txt 2>/dev/null | json 'd["title"]')" = "Ferry budget rises in Porto"
check "... and prints its version" bash -c "cd / && '$prefix/bin/dossier-cli' --version | grep -q '^dossier-cli '"
check "the desktop entry starts the installed wrapper, with its icon" \
    grep -q "^Exec=$prefix/bin/dossier %F" "$prefix/share/applications/io.github.dossier.Dossier.desktop"
check "... whose icon is installed" test -s "$prefix/share/icons/hicolor/scalable/apps/io.github.dossier.Dossier.svg"
"$repo/scripts/install" --uninstall --prefix "$prefix" >/dev/null 2>&1
check "scripts/install --uninstall removes all of it" \
    test -z "$(find "$prefix" -type f 2>/dev/null)"

if [ $failures -gt 0 ]; then
    printf '%d host check(s) failed\n' "$failures"
    exit 1
fi
printf 'all host checks passed\n'
