#!/usr/bin/env bash
# A private, throw-away PostgreSQL 15 cluster for the test suites.
#
#   scripts/postgres.sh start   initdb (if needed) + start on a free loopback port; prints the URL
#   scripts/postgres.sh url     prints postgres://basalt@127.0.0.1:PORT/basalt of the running cluster
#   scripts/postgres.sh stop    stops the cluster and deletes its files
#
# The cluster lives in $BASALT_PG_DIR (default: build/pg): data/, the unix
# socket directory sock/, port and log. Trust authentication for user basalt,
# listening on 127.0.0.1 only, fsync off (test data only). When run as root,
# initdb/pg_ctl run as the `postgres` system user, who owns the directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_DIR="${BASALT_PG_DIR:-$ROOT/build/pg}"
DATA="$PG_DIR/data"
SOCK="$PG_DIR/sock"
PORT_FILE="$PG_DIR/port"
LOG="$PG_DIR/postgres.log"

log() { printf '[postgres] %s\n' "$*" >&2; }

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    log "PostgreSQL server binaries not found (apt-get install postgresql; see make deps)"
    return 1
}

# Runs a command as the cluster owner: ourselves, or `postgres` when we are root
# (initdb refuses to run as root).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

is_running() {
    [ -f "$DATA/postmaster.pid" ] && as_owner "$(pg_bin)/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

url() {
    [ -f "$PORT_FILE" ] || { log "no cluster in $PG_DIR (run: $0 start)"; return 1; }
    echo "postgres://basalt@127.0.0.1:$(cat "$PORT_FILE")/basalt"
}

start() {
    local bin
    bin="$(pg_bin)"
    if is_running; then
        url
        return 0
    fi
    mkdir -p "$PG_DIR"
    if [ "$(id -u)" -eq 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            log "running as root but there is no postgres user (is the postgresql package installed?)"
            return 1
        fi
        chown postgres: "$PG_DIR"
        if ! runuser -u postgres -- test -w "$PG_DIR"; then
            log "user postgres cannot reach $PG_DIR (a parent directory is private); set BASALT_PG_DIR"
            return 1
        fi
    fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        rm -rf "$DATA"
        as_owner "$bin/initdb" -D "$DATA" -U basalt --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            --no-sync >"$PG_DIR/initdb.log" 2>&1 || {
            cat "$PG_DIR/initdb.log" >&2
            return 1
        }
    fi
    as_owner mkdir -p "$SOCK"
    local port attempt
    for attempt in 1 2 3; do
        port="$(free_port)"
        if as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o \
            "-p $port -k $SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            >/dev/null; then
            echo "$port" >"$PORT_FILE"
            as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U basalt -d postgres -qAt -v ON_ERROR_STOP=1 \
                -c "CREATE DATABASE basalt" >/dev/null
            url
            return 0
        fi
        log "start on port $port failed (attempt $attempt)"
        tail -n 5 "$LOG" >&2 || true
    done
    return 1
}

stop() {
    if [ -d "$DATA" ] && [ -f "$DATA/postmaster.pid" ]; then
        as_owner "$(pg_bin)/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *)
        echo "usage: $0 start|stop|url" >&2
        exit 2
        ;;
esac
