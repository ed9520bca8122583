#!/usr/bin/env bash
# Basalt load benchmarks. Builds nothing: expects build/basalt and the programs of
# build/bench/ (cmake --preset release && cmake --build --preset release).
#
# Starts a private nginx (static file; the reference) and Basalt (init + serve,
# SQLite in a temp dir), both on free loopback ports, runs wrk for each
# scenario, samples the server's memory and start-up time, then runs the engine
# list-query scenario in-process (SQLite in a temp dir; PostgreSQL when
# BASALT_BENCH_POSTGRES_URL is set), then the write scenarios on SQLite (the raw
# single-row insert floor, and document creation through the engine with and
# without group commit), and writes bench/RESULTS.md. Every process it starts is
# stopped on exit (trap).
#
# Env: BENCH_DURATION (default 10s), BENCH_CONNECTIONS (32; also the engine scenario's
#      threads), BENCH_THREADS (1), BENCH_WARMUP (2s), BASALT_BIN (build/basalt),
#      BENCH_ENGINE_BIN (next to BASALT_BIN: bench/basalt_bench_engine_list),
#      BENCH_INSERT_BIN (bench/basalt_bench_sqlite_insert), BENCH_CREATE_BIN
#      (bench/basalt_bench_engine_create),
#      BENCH_DOCUMENTS (100000), BASALT_BENCH_POSTGRES_URL (unset: PostgreSQL not measured),
#      BENCH_RESULTS (bench/RESULTS.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BASALT_BIN:-$ROOT/build/basalt}"
ENGINE_BIN="${BENCH_ENGINE_BIN:-$(dirname "$BIN")/bench/basalt_bench_engine_list}"
PASSWORD_BIN="${BENCH_PASSWORD_BIN:-$(dirname "$BIN")/bench/basalt_bench_password}"
INSERT_BIN="${BENCH_INSERT_BIN:-$(dirname "$BIN")/bench/basalt_bench_sqlite_insert}"
CREATE_BIN="${BENCH_CREATE_BIN:-$(dirname "$BIN")/bench/basalt_bench_engine_create}"
DOCUMENTS="${BENCH_DOCUMENTS:-100000}"
PG_URL="${BASALT_BENCH_POSTGRES_URL:-}"
OUT="$ROOT/bench/out"
RESULTS="${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-1}"
WARMUP="${BENCH_WARMUP:-2s}"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

[ -x "$BIN" ] || die "$BIN missing: run make build first"
[ -x "$ENGINE_BIN" ] || die "$ENGINE_BIN missing: run make build-all first (BASALT_BENCH=ON)"
[ -x "$PASSWORD_BIN" ] || die "$PASSWORD_BIN missing: run make build-all first (BASALT_BENCH=ON)"
[ -x "$INSERT_BIN" ] || die "$INSERT_BIN missing: run make build-all first (BASALT_BENCH=ON)"
[ -x "$CREATE_BIN" ] || die "$CREATE_BIN missing: run make build-all first (BASALT_BENCH=ON)"
command -v wrk >/dev/null || die "wrk missing: run make deps"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || die "nginx missing: run make deps"

mkdir -p "$OUT"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/basalt-bench.XXXXXX")"
ENGINE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/basalt-bench-engine.XXXXXX")"
NGINX_DIR="$OUT/nginx"
SERVER_PID=""
NGINX_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill -QUIT "$NGINX_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$NGINX_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA_DIR" "$ENGINE_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# KiB of a /proc/PID/status field (VmRSS, VmHWM), summed over the given pids.
mem_kib() {
    local field="$1" total=0 pid v
    shift
    for pid in "$@"; do
        v="$(awk -v f="$field:" '$1 == f {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

# Resets the peak RSS (VmHWM) of the given pids to their current RSS.
reset_peak() {
    local pid
    for pid in "$@"; do echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true; done
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# ---------------------------------------------------------------- nginx
start_nginx() {
    local port="$1"
    rm -rf "$NGINX_DIR"
    mkdir -p "$NGINX_DIR/www" "$NGINX_DIR/tmp"
    printf '{"version":"1.9.6"}' >"$NGINX_DIR/www/version.json"
    local user_line=""
    # As root, nginx would switch its workers to "nobody", who may not reach this tree.
    [ "$(id -u)" -eq 0 ] && user_line="user root;"
    cat >"$NGINX_DIR/nginx.conf" <<EOF
$user_line
worker_processes auto;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    default_type application/json;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        root $NGINX_DIR/www;
    }
}
EOF
    "$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" &
    NGINX_PID=$!
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/version.json" 2>/dev/null && return 0
        kill -0 "$NGINX_PID" 2>/dev/null || break
        sleep 0.05
    done
    cat "$NGINX_DIR/error.log" >&2 || true
    die "nginx did not start"
}

nginx_pids() {
    echo "$NGINX_PID"
    pgrep -P "$NGINX_PID" || true
}

# ---------------------------------------------------------------- basalt
# Launches basalt serve and measures the time to its first answered request.
# Prints "PID STARTUP_MS".
start_basalt() {
    local port="$1"
    python3 - "$BIN" "$port" "$DATA_DIR" "$OUT/basalt.log" <<'PY'
import http.client, subprocess, sys, time
binary, port, data, logpath = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
log = open(logpath, "ab")
t0 = time.monotonic()
# Rate limits off: the sign-in scenario signs one user in over and over (10 per hour otherwise).
proc = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}", "--data", data, "--rate-limits", "false"],
                        stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
deadline = t0 + 30
while time.monotonic() < deadline:
    if proc.poll() is not None:
        sys.exit(f"basalt serve exited with {proc.returncode}; see {logpath}")
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", "/v1/health/version")
        if c.getresponse().status == 200:
            print(proc.pid, round((time.monotonic() - t0) * 1000, 1))
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.001)
proc.kill()
sys.exit("basalt serve not ready after 30 s")
PY
}

# ---------------------------------------------------------------- wrk
# run_wrk URL [HEADER...] -> "REQ_PER_S P50 P99 NON_2XX"
# WRK_SCRIPT (a Lua file: method, body) and WRK_CONNECTIONS override the defaults for one call.
run_wrk() {
    local url="$1"
    shift
    local args=() h
    for h in "$@"; do args+=(-H "$h"); done
    [ -n "${WRK_SCRIPT:-}" ] && args+=(-s "$WRK_SCRIPT" --timeout 30s)
    local connections="${WRK_CONNECTIONS:-$CONNECTIONS}"
    wrk -t"$THREADS" -c"$connections" -d"$WARMUP" "${args[@]}" "$url" >/dev/null
    local out
    out="$(wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency "${args[@]}" "$url")"
    echo "$out" >>"$OUT/wrk.log"
    local bad
    bad="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
    [ -n "$bad" ] && log "warning: $url answered $bad non-2xx responses"
    local rps p50 p99
    rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    echo "${rps:-0} ${p50:-?} ${p99:-?} ${bad:-0}"
}

# wrk durations (10s, 1m) as seconds.
seconds_of() {
    awk -v d="$1" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; else if (d ~ /h$/) n *= 3600; print n }'
}

# ---------------------------------------------------------------- main
# Storage runs first: the seeding of the later scenarios leaves PostgreSQL and the disk writing
# for minutes (dd then measured 420 MB/s instead of 2.4 GB/s). Its section is written last.
log "storage: upload and download of a 100 MB file against dd"
STORAGE_SECTION="$(BASALT_BIN="$BIN" "$ROOT/bench/storage.sh")"

: >"$OUT/wrk.log"
: >"$OUT/engine.log"
NGINX_PORT="$(free_port)"
start_nginx "$NGINX_PORT"
log "nginx on 127.0.0.1:$NGINX_PORT (pid $NGINX_PID)"

init_json="$("$BIN" init --data "$DATA_DIR" --project bench --name Bench --json)"
PROJECT_ID="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["projectId"])' "$init_json")"
API_KEY="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["apiKey"])' "$init_json")"

BASALT_PORT="$(free_port)"
read -r SERVER_PID STARTUP_MS < <(start_basalt "$BASALT_PORT")
[ -n "$SERVER_PID" ] || die "basalt did not start"
sleep 1
IDLE_RSS="$(mem_kib VmRSS "$SERVER_PID")"
log "basalt on 127.0.0.1:$BASALT_PORT (pid $SERVER_PID), first answer after ${STARTUP_MS} ms, idle RSS $(mib "$IDLE_RSS")"

BASE="http://127.0.0.1:$BASALT_PORT/v1"
rows=()
NGINX_RPS=""

scenario() {
    local name="$1" target="$2" url="$3"
    shift 3
    local pids
    if [ "$target" = nginx ]; then pids="$(nginx_pids)"; else pids="$SERVER_PID"; fi
    # shellcheck disable=SC2086
    reset_peak $pids
    log "scenario: $name"
    local rps p50 p99 bad
    read -r rps p50 p99 bad < <(run_wrk "$url" "$@")
    # shellcheck disable=SC2086
    local peak
    peak="$(mem_kib VmHWM $pids)"
    [ "$target" = nginx ] && NGINX_RPS="$rps"
    LAST_RPS="$rps"
    local ratio
    ratio="$(awk -v a="$rps" -v b="${NGINX_RPS:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    local shown
    shown="$(printf '%.0f' "$rps")"
    # Errors are cheap to serve: such a row measures nothing useful, say so.
    [ "${bad:-0}" != 0 ] && shown="$shown (INVALID: $bad non-2xx answers)"
    rows+=("| $name | $shown | $p50 | $p99 | $ratio | $(mib "$peak") |")
}

scenario "nginx: static file (reference)" nginx "http://127.0.0.1:$NGINX_PORT/version.json"
scenario "GET /v1/health/version" basalt "$BASE/health/version"
HEALTH_RPS="$LAST_RPS"
scenario "GET /v1/locale/countries (project + key)" basalt "$BASE/locale/countries" \
    "X-Appwrite-Project: $PROJECT_ID" "X-Appwrite-Key: $API_KEY"

# ---------------------------------------------------------------- auth
BENCH_EMAIL="bench@example.com"
BENCH_PASSWORD="bench password 1"
api_post() {
    curl -fsS -X POST "$BASE$1" -H "Content-Type: application/json" -H "X-Appwrite-Project: $PROJECT_ID" \
        -H "X-Appwrite-Key: $API_KEY" -d "$2"
}
api_post /users "{\"userId\":\"benchuser\",\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" >/dev/null
SESSION_COOKIE="$(api_post /users/benchuser/sessions '{}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')"
scenario "GET /v1/account (session cookie)" basalt "$BASE/account" \
    "X-Appwrite-Project: $PROJECT_ID" "Cookie: a_session_$PROJECT_ID=$SESSION_COOKIE"
ACCOUNT_RPS="$LAST_RPS"

printf '%s\n' 'wrk.method = "POST"' \
    "wrk.body = '{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}'" \
    'wrk.headers["Content-Type"] = "application/json"' >"$OUT/session.lua"
# One connection per core: each sign-in is one argon2id verification (64 MiB, 4 passes).
WRK_SCRIPT="$OUT/session.lua" WRK_CONNECTIONS="$(nproc)" scenario \
    "POST /v1/account/sessions/email (argon2id sign-in)" basalt "$BASE/account/sessions/email" \
    "X-Appwrite-Project: $PROJECT_ID"
SESSION_RPS="$LAST_RPS"
log "scenario: argon2id verifications in-process ($(nproc) threads)"
ARGON2="$("$PASSWORD_BIN" --threads "$(nproc)" --seconds "$(seconds_of "$DURATION")")" || die "$PASSWORD_BIN failed"
echo "$ARGON2" >>"$OUT/engine.log"
ARGON2_RPS="$(python3 -c 'import json,sys; print(round(json.loads(sys.argv[1])["verifications_per_sec"], 2))' "$ARGON2")"
PEAK_RSS="$(awk '$1 == "VmHWM:" {print $2}' "/proc/$SERVER_PID/status")"

# ---------------------------------------------------------------- engine (in-process)

# Latency in wrk's style: 379.00us, 7.39ms.
latency() {
    awk -v ms="$1" 'BEGIN { if (ms < 1) printf "%.2fus", ms * 1000; else printf "%.2fms", ms }'
}

engine_notes=()

if [ $((DOCUMENTS % 1000000)) -eq 0 ]; then
    DOCUMENTS_SHOWN="$((DOCUMENTS / 1000000))M"
else
    DOCUMENTS_SHOWN="$((DOCUMENTS / 1000))k"
fi
ENGINE_NAME="engine list query over $DOCUMENTS_SHOWN documents with an index"

# engine_scenario TAG URL MODE: seeds (or reuses) the documents, then runs
# basalt_bench_engine_list and adds its row.
engine_scenario() {
    local tag="$1" url="$2" mode="$3" out label seeded seed
    label="$ENGINE_NAME ($tag)"
    log "scenario: $label (seeding)"
    seeded="$("$ENGINE_BIN" "$url" --mode "$mode" --documents "$DOCUMENTS" --seed-only \
        2>>"$OUT/engine.log")" || die "$ENGINE_BIN failed; see $OUT/engine.log"
    echo "$seeded" >>"$OUT/engine.log"
    seed="$(python3 -c 'import json, sys; s = json.loads(sys.argv[1])["seed_seconds"]
print("reused" if s is None else s)' "$seeded")"
    # Fresh tables have no planner statistics until autovacuum analyzes them (within a minute);
    # measure the steady state a live database is in, not that first minute.
    if [[ "$url" == postgres* ]]; then
        psql "$url" -qAtc ANALYZE >>"$OUT/engine.log" 2>&1 || die "ANALYZE failed; see $OUT/engine.log"
    fi
    log "scenario: $label"
    out="$("$ENGINE_BIN" "$url" --mode "$mode" --documents "$DOCUMENTS" --threads "$CONNECTIONS" \
        --seconds "$(seconds_of "$DURATION")" --warmup "$(seconds_of "$WARMUP")" \
        2>>"$OUT/engine.log")" || die "$ENGINE_BIN failed; see $OUT/engine.log"
    echo "$out" >>"$OUT/engine.log"
    local ops p50 p99 rss errors
    read -r ops p50 p99 rss errors < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r["ops_per_sec"], r["p50_ms"], r["p99_ms"], r["peak_rss_mib"], r["errors"])' "$out")
    local ratio shown
    ratio="$(awk -v a="$ops" -v b="${NGINX_RPS:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    shown="$ops"
    [ "$errors" != 0 ] && shown="$shown (INVALID: $errors failed calls)"
    rows+=("| $label | $shown | $(latency "$p50") | $(latency "$p99") | $ratio | $rss MiB |")
    if [ "$seed" = reused ]; then
        engine_notes+=("$tag: documents reused from an earlier run")
    else
        engine_notes+=("$tag: $seed s")
    fi
}

engine_scenario "SQLite, API key" "sqlite:$ENGINE_DIR" key
engine_scenario "SQLite, user: document permissions" "sqlite:$ENGINE_DIR" user
if [ -n "$PG_URL" ]; then
    engine_scenario "PostgreSQL, API key" "$PG_URL" key
    engine_scenario "PostgreSQL, user: document permissions" "$PG_URL" user
    PG_NOTE="PostgreSQL: $(psql "$PG_URL" -qAtc 'SHOW server_version' 2>/dev/null || echo "version unknown"),"
    PG_NOTE="$PG_NOTE same machine, loopback TCP, \`ANALYZE\` run after seeding; its rows' peak RSS is the benchmark process only, not the server's."
else
    PG_NOTE="PostgreSQL: not measured (set BASALT_BENCH_POSTGRES_URL)."
fi

# ---------------------------------------------------------------- writes (in-process, SQLite)
# Each write scenario adds "LABEL;PER_SEC;P50;P99" (p50/p99 "-" for the floor); the rows and
# their ratios to the floor are rendered once every scenario ran.
writes=()
FLOOR_RPS=0

threads_shown() { if [ "$1" = 1 ]; then echo "1 thread"; else echo "$1 threads"; fi; }

# floor_scenario THREADS: raw single-row insert transactions; the best figure is the floor.
floor_scenario() {
    local threads="$1" out rps
    log "scenario: raw SQLite single-row insert transactions ($threads threads)"
    out="$("$INSERT_BIN" "$ENGINE_DIR/floor" --threads "$threads" --seconds "$(seconds_of "$DURATION")" \
        2>>"$OUT/engine.log")" || die "$INSERT_BIN failed; see $OUT/engine.log"
    echo "$out" >>"$OUT/engine.log"
    rps="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["rows_per_sec"])' "$out")"
    FLOOR_RPS="$(awk -v a="$rps" -v b="$FLOOR_RPS" 'BEGIN { print (a > b ? a : b) }')"
    writes+=("raw SQLite insert transactions, $(threads_shown "$threads") (floor);$rps;-;-")
}

# create_scenario THREADS WRITE_BATCH LABEL: Database::create_document as an API key.
create_scenario() {
    local threads="$1" batch="$2" label="$3" out docs p50 p99 errors
    label="engine create_document, $(threads_shown "$threads"), $label"
    log "scenario: $label"
    out="$("$CREATE_BIN" "sqlite:$ENGINE_DIR" --threads "$threads" --write-batch "$batch" \
        --seconds "$(seconds_of "$DURATION")" 2>>"$OUT/engine.log")" || die "$CREATE_BIN failed; see $OUT/engine.log"
    echo "$out" >>"$OUT/engine.log"
    read -r docs p50 p99 errors < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r["docs_per_sec"], r["p50_ms"], r["p99_ms"], r["errors"])' "$out")
    [ "$errors" != 0 ] && docs="$docs (INVALID: $errors failed calls)"
    writes+=("$label;$docs;$(latency "$p50");$(latency "$p99")")
}

# The seeding above leaves hundreds of MB for the kernel to write back; commits that wait behind
# that writeback would measure the disk's backlog, not SQLite.
sync
floor_scenario 1
floor_scenario "$CONNECTIONS"
create_scenario 1 64 "group commit"
create_scenario "$CONNECTIONS" 1 "no group commit (write_batch 1)"
create_scenario "$CONNECTIONS" 64 "group commit (write_batch 64)"
write_rows=()
for w in "${writes[@]}"; do
    IFS=';' read -r label per_sec p50 p99 <<<"$w"
    ratio="$(awk -v a="$per_sec" -v b="$FLOOR_RPS" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    write_rows+=("| $label | $per_sec | $p50 | $p99 | $ratio |")
done

# ---------------------------------------------------------------- report
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain -- src bench/CMakeLists.txt "bench/*.cpp" CMakeLists.txt 2>/dev/null)" ]; then
    commit="$commit (+ uncommitted changes in src/ or bench/)"
fi
cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
mem="$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
load="$(cut -d' ' -f1-3 /proc/loadavg)"

{
    echo "# Benchmark results"
    echo
    echo "Written by \`bench/run.sh\` (do not edit by hand; rerun it)."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) cores ($cpu), $mem RAM, $(uname -sr); load average before the run: $load"
    echo "- Commit: $commit"
    echo "- Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` on the same machine (after a $WARMUP warm-up), loopback only"
    echo "- nginx: $("$NGINX" -v 2>&1 | sed 's/.*: //'), \`worker_processes auto\`, access log off, a $(wc -c <"$NGINX_DIR/www/version.json")-byte static JSON file"
    echo "- Basalt: \`basalt serve --rate-limits false\` with SQLite in a temp dir, otherwise default settings"
    echo "- Engine: \`bench/basalt_bench_engine_list --threads $CONNECTIONS --seconds $(seconds_of "$DURATION")\` (after a $(seconds_of "$WARMUP") s warm-up), $CONNECTIONS threads calling the engine in-process, default \`StoreOptions\`"
    echo
    echo "| scenario | req/s | p50 | p99 | ratio to nginx | peak RSS |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "- The engine rows call \`Database::list_documents\` in-process (no HTTP, no JSON rendering):"
    echo "  their ratio to nginx is not like for like, until a databases endpoint can serve the same query."
    echo "  Each call parses and runs \`equal(\"category\", X)\` + \`orderDesc(\"score\")\` + \`limit(25)\` with \`total\`, X one of 100"
    echo "  categories at random, over a key index on (category, score); p50/p99 are over every call."
    echo "  API key: \`Authorization::internal()\`, ~$((DOCUMENTS / 100)) matches per call. User: \`documentSecurity\` on, each document"
    echo "  readable by one of 100 users (\`read(\"user:uNN\")\`), the caller a random one of them (~1% of documents readable)."
    echo "  With $CONNECTIONS threads on $(nproc) cores, p99 includes time spent waiting for a core."
    echo "  Seeding $DOCUMENTS documents (batches of 1000 in \`transact\`, not part of the figures): $(IFS=';'; echo "${engine_notes[*]}" | sed 's/;/; /g')."
    echo "- $PG_NOTE"
    echo
    echo "Writes on SQLite, in-process, $(seconds_of "$DURATION") s each:"
    echo
    echo "| scenario | rows or documents/s | p50 | p99 | ratio to the floor |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${write_rows[@]}"
    echo
    echo "- Floor: \`bench/basalt_bench_sqlite_insert\`, one \`BEGIN IMMEDIATE\`/\`INSERT\`/\`COMMIT\` per row with a prepared"
    echo "  statement, WAL, \`synchronous=NORMAL\`, into a table shaped like a collection with two attributes (\`_uid\` unique,"
    echo "  \`_createdAt\`/\`_updatedAt\` indexed); with several threads they share one connection behind a mutex."
    echo "  The floor is the better of its two rows."
    echo "- Engine: \`bench/basalt_bench_engine_create\`, \`Database::create_document\` with \`Authorization::internal()\`"
    echo "  (an API key), generated ids, into the same shape of collection; every call returns after its commit."
    echo "  \`write_batch\` is \`StoreOptions::write_batch\`: how many concurrent writes may share one SQLite transaction."
    echo "- Auth: \`GET /v1/account\` with a session cookie answers at $(awk -v a="$ACCOUNT_RPS" -v b="$HEALTH_RPS" 'BEGIN { printf "%.0f%%", 100 * a / b }') of \`GET /v1/health/version\`"
    echo "  (each request looks the session up by its secret's SHA-256, then loads the user, its memberships and targets)."
    echo "  Email/password sign-in is bounded by argon2id at Appwrite's default cost (64 MiB, t=4, p=3):"
    echo "  this machine verifies $ARGON2_RPS passwords/s in-process with $(nproc) threads (\`bench/basalt_bench_password\`),"
    echo "  and \`POST /v1/account/sessions/email\` ($(nproc) connections) reaches $(awk -v a="$SESSION_RPS" -v b="$ARGON2_RPS" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }') of that."
    echo "- Basalt start-up: first answered request ${STARTUP_MS} ms after launch; idle RSS after start $(mib "$IDLE_RSS"); peak RSS over the whole run $(mib "$PEAK_RSS")."
    echo "- Peak RSS is VmHWM from /proc, reset before each scenario (nginx: master + workers)."
    echo "- The machine is shared (2 cores, wrk on the same box): treat small differences as noise."
} >"$RESULTS"

source "$ROOT/bench/databases.sh"  # the Databases API scenarios: appends their section to $RESULTS

{
    echo
    echo "## Storage (SQLite, local disk)"
    echo
    echo "$STORAGE_SECTION"
} >>"$RESULTS"

cat "$RESULTS"
