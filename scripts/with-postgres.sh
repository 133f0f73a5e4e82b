#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server beside it, then stops and removes the server, also when the
# command fails or is interrupted. `make test` runs the suite through it; a focused run can too:
#   scripts/with-postgres.sh swift test --filter Postgres
#
# The command sees:
#   GUITAI_TEST_POSTGRES           postgres://postgres@127.0.0.1:PORT/postgres, the server's superuser (tests make
#                                  a database of their own from it)
#   GUITAI_TEST_POSTGRES_PASSWORD  that superuser's password (not PGPASSWORD: tests of the password's sources set that)
#   GUITAI_TEST_POSTGRES_ROOT      a directory for more clusters (the failover test's primary and standby); every
#                                  cluster under it is stopped at the end
#   GUITAI_TEST_POSTGRES_CLUSTER   this script's cluster tool (scripts/pg-cluster.sh)
#   GUITAI_TEST_POSTGRES_CA        the server's certificate, which is its own authority (for PGSSLROOTCERT)
#   GUITAI_TEST_POSTGRES_STRANGER  another self-signed certificate, an authority the server's is not from
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cluster="$here/pg-cluster.sh"

root=$(mktemp -d "${TMPDIR:-/tmp}/guitai-pg.XXXXXX")
# The server runs as `postgres` when we are root, and must reach its directory.
chmod 0755 "$root"
cleanup() {
  "$cluster" stop-all "$root" || true
  rm -rf "$root"
}
trap cleanup EXIT

# A free port on loopback, away from the usual 5432.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "with-postgres: no free port found" >&2
  exit 1
}

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
port=$(free_port)
PGPASSWORD="$password" "$cluster" primary "$root/main" "$port"

export GUITAI_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
export GUITAI_TEST_POSTGRES_PASSWORD="$password"
export GUITAI_TEST_POSTGRES_ROOT="$root"
export GUITAI_TEST_POSTGRES_CLUSTER="$cluster"
cp "$root/main/data/server.crt" "$root/ca.crt"
export GUITAI_TEST_POSTGRES_CA="$root/ca.crt"
openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$root/stranger.key" -out "$root/stranger.crt" >/dev/null 2>&1
export GUITAI_TEST_POSTGRES_STRANGER="$root/stranger.crt"
# The command runs in the background, in a process group of its own, so that an interruption reaches it and every
# process it started (swift test's test runner) at once, and the cleanup follows.
setsid "$@" &
child=$!
trap 'kill -INT -- "-$child" 2>/dev/null; wait "$child"; exit 130' INT
trap 'kill -TERM -- "-$child" 2>/dev/null; wait "$child"; exit 143' TERM
trap 'kill -HUP -- "-$child" 2>/dev/null; wait "$child"; exit 129' HUP
wait "$child"
