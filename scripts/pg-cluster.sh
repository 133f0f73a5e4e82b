#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for the tests: made under a directory of the caller's, on a private loopback port,
# run as the `postgres` user when we are root (PostgreSQL refuses to run as root; CI runs as root).
#
#   pg-cluster.sh primary DIR PORT                 a new cluster; superuser `postgres` with PGPASSWORD over TCP,
#                                                  TLS with a certificate of its own (DIR/data/server.crt)
#   pg-cluster.sh standby DIR PORT PRIMARY_PORT    a streaming copy of the primary on PRIMARY_PORT, which from then
#                                                  on commits only when this standby has the transaction (synchronous)
#   pg-cluster.sh promote DIR                      the standby becomes a primary
#   pg-cluster.sh kill DIR                         SIGKILL to the server, as a crashed machine would stop it
#   pg-cluster.sh stop DIR                         stops the server if it runs (fast shutdown)
#   pg-cluster.sh stop-all ROOT                    stops every cluster under ROOT
#
# The superuser's password comes from PGPASSWORD (never an argument, which `ps` shows), goes to initdb through a file
# that only the server's owner can read and that is removed at once.
set -euo pipefail
# The superuser's password file and the cluster's files are nobody else's.
umask 077

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  local found
  found=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname)
  [ -n "$found" ] || { echo "pg-cluster: no PostgreSQL server programs (initdb); run scripts/ensure-deps.sh" >&2; exit 1; }
  echo "$found"
}
BIN=$(bindir)

# Runs a server program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A cluster's directory, made so the server's owner can reach it through any parents this makes.
make_dir() {
  (umask 022; mkdir -p "$(dirname "$1")")
  mkdir -p "$1"
}

give_to_owner() {
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$1"; fi
}

start() {
  local dir=$1
  as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
    { echo "pg-cluster: the server in $dir did not start; its log:" >&2; tail -n 20 "$dir/server.log" >&2; exit 1; }
}

settings() {
  local dir=$1 port=$2
  cat >>"$dir/data/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1,127.0.0.2'
unix_socket_directories = '$dir'
# Local connections are trusted, so the socket is the server's owner's alone (the tests connect over TCP).
unix_socket_permissions = 0700
max_connections = 200
wal_level = replica
max_wal_senders = 4
hot_standby = on
EOF
}

case "${1:-}" in
  primary)
    dir=$2 port=$3
    : "${PGPASSWORD:?pg-cluster: PGPASSWORD must hold the superuser password}"
    make_dir "$dir"
    give_to_owner "$dir"
    printf '%s\n' "$PGPASSWORD" >"$dir/pwfile"
    give_to_owner "$dir/pwfile"
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    # Encryption as a city's server offers it, with a certificate of its own for 127.0.0.1 (its own authority: the
    # tests trust it through PGSSLROOTCERT). Kept in the data directory, so a standby copied from it has it too.
    openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >"$dir/openssl.log" 2>&1 ||
      { echo "pg-cluster: openssl could not make the server's certificate:" >&2; cat "$dir/openssl.log" >&2; exit 1; }
    give_to_owner "$dir/data"
    settings "$dir" "$port"
    echo "ssl = on" >>"$dir/data/postgresql.conf"
    # The standby streams as the superuser over loopback, with the same password.
    echo "host replication postgres 127.0.0.1/32 scram-sha-256" >>"$dir/data/pg_hba.conf"
    start "$dir"
    ;;
  standby)
    dir=$2 port=$3 primary=$4
    make_dir "$dir"
    give_to_owner "$dir"
    : "${PGPASSWORD:?pg-cluster: the standby copies the primary with PGPASSWORD}"
    export PGPASSWORD
    as_owner "$BIN/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir/data" \
      -X stream -R --checkpoint=fast >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    # The copy carries the primary's settings; the last `port` line wins.
    settings "$dir" "$port"
    echo "primary_conninfo = 'host=127.0.0.1 port=$primary user=postgres password=$PGPASSWORD application_name=standby'" \
      >>"$dir/data/postgresql.auto.conf"
    start "$dir"
    # From now on the primary acknowledges a commit only once the standby has flushed it.
    as_owner "$BIN/psql" -X -q -h 127.0.0.1 -p "$primary" -U postgres -d postgres \
      -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" -c "SELECT pg_reload_conf()" >/dev/null
    # The reload is taken up asynchronously: done only once the primary reports the standby synchronous.
    for _ in $(seq 1 300); do
      state=$(as_owner "$BIN/psql" -X -At -h 127.0.0.1 -p "$primary" -U postgres -d postgres \
        -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'" 2>/dev/null || true)
      [ "$state" = sync ] && exit 0
      sleep 0.1
    done
    echo "pg-cluster: the standby on port $port did not become synchronous" >&2
    exit 1
    ;;
  promote)
    as_owner "$BIN/pg_ctl" -D "$2/data" -w promote >/dev/null
    ;;
  kill)
    # The server and every backend of it at once (pg_ctl makes the server a process-group leader), and only if the
    # number in the pid file is still a PostgreSQL server's: after a crash it may be another process's by now.
    pid=$(head -n 1 "$2/data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do [ -e "/proc/$pid" ] || break; sleep 0.05; done
    fi
    # A pid file left by a killed server would have a later stop signal whatever process has that number by then.
    rm -f "$2/data/postmaster.pid"
    ;;
  stop)
    if [ -f "$2/data/postmaster.pid" ]; then
      as_owner "$BIN/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null 2>&1 || "$0" kill "$2"
    fi
    ;;
  stop-all)
    # However deep: a test's own primary and standby sit in a directory of their own under ROOT.
    find "$2" -name postmaster.pid -path '*/data/postmaster.pid' 2>/dev/null | while read -r pidfile; do
      "$0" stop "$(dirname "$(dirname "$pidfile")")"
    done
    ;;
  *)
    sed -n '2,13p' "$0" >&2
    exit 64
    ;;
esac
