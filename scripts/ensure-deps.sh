#!/usr/bin/env bash
# Makes sure the system packages Guitai builds and tests with are present: the ncursesw and SQLite headers,
# tmux for the real-terminal tests, strace and runuser for the crash and permission tests, and with --test a PostgreSQL
# server for the city's engine. Installs them with apt-get when it can; otherwise says what to install.
set -euo pipefail

missing=()
required=()   # what today's build cannot do without; the rest is for the terminal desk and its tmux tests
[ -e /usr/include/ncursesw/curses.h ] || [ -e /usr/include/ncurses.h ] || missing+=(libncurses-dev)
[ -e /usr/include/sqlite3.h ] || { missing+=(libsqlite3-dev); required+=(libsqlite3-dev); }
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# The tests kill a process inside its commit with strace, and read a store as another user with runuser.
command -v strace >/dev/null 2>&1 || missing+=(strace)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
# With --test (make test): the suites also run against a throwaway PostgreSQL server (scripts/with-postgres.sh), the
# city's engine. Only then: a hall's server that builds and runs Guitai needs no database server of its own.
if [ "${1:-}" = --test ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql); required+=(postgresql)
fi
# The test server's certificates.
if [ "${1:-}" = --test ] && ! command -v openssl >/dev/null 2>&1; then missing+=(openssl); required+=(openssl); fi

if ((${#missing[@]} == 0)); then exit 0; fi

if ! command -v swift >/dev/null 2>&1; then
  echo "guitai: Swift 6 is not on PATH; install the Swift toolchain first (swift.org)." >&2
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo); else as_root=(); fi
fi

if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || ((${#as_root[@]})); }; then
  echo "guitai: installing ${missing[*]} with apt-get" >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "guitai: missing system packages: ${missing[*]}" >&2
  echo "guitai: install them as root, e.g.: apt-get install -y ${missing[*]}" >&2
  ((${#required[@]} == 0)) || exit 1
fi
