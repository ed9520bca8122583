# shellcheck shell=bash
# Databases API load scenarios (issue 4). Sourced by bench/run.sh after its own scenarios: uses its
# helpers (run_wrk, start_basalt, mem_kib, reset_peak, free_port, log, die), its nginx figure
# NGINX_RPS (same run) and its variables (BIN, OUT, RESULTS, DURATION, CONNECTIONS, THREADS,
# WARMUP, PG_URL), and appends its section to $RESULTS.
#
# For each backend (SQLite; PostgreSQL when BASALT_BENCH_POSTGRES_URL is set, in a fresh database
# of that cluster, dropped afterwards): a server is started on a new data directory; a database,
# a collection with documentSecurity (no collection permissions), the attributes category
# (string), score (integer), title (string) and a key index (category ASC, score DESC), a user and
# its session are created through the API; the server is stopped and bench/basalt_bench_seed
# writes BENCH_DB_DOCUMENTS documents (1,000,000) through the engine, each readable by one user,
# 1% by the session's user; the server is started again and measured:
#   - GET one document by ID with an API key;
#   - list 25 documents: equal(category, one of 100 at random) + orderDesc(score) + limit(25),
#     with `total` (~10,000 matches, counted up to 5000), with an API key;
#   - the same list through the user's session (document security: ~100 matches it may read);
#   - both lists again with BASALT_LIST_CACHE=off (every request runs its SQL);
#   - create one document with an API key (server-generated ID).
# The insert floor is bench/basalt_bench_sqlite_insert (raw single-row SQLite transactions, WAL,
# synchronous=NORMAL, 1 thread); its ratio is left out when that program is absent.
#
# Env: BENCH_DB_DOCUMENTS (1000000), BENCH_INSERT_BIN (next to BASALT_BIN:
#      bench/basalt_bench_sqlite_insert), BENCH_SEED_BIN (bench/basalt_bench_seed).

DB_DOCUMENTS="${BENCH_DB_DOCUMENTS:-1000000}"
SEED_BIN="${BENCH_SEED_BIN:-$(dirname "$BIN")/bench/basalt_bench_seed}"
INSERT_BIN="${BENCH_INSERT_BIN:-$(dirname "$BIN")/bench/basalt_bench_sqlite_insert}"
[ -x "$SEED_BIN" ] || die "$SEED_BIN missing: run make build-all first (BASALT_BENCH=ON)"

DB_BENCH_DIRS=()
DB_BENCH_PG_DATABASE=""
db_rows=()
db_notes=()
db_peak_kib=0

db_cleanup() {
    if [ -n "$DB_BENCH_PG_DATABASE" ]; then
        psql "$PG_URL" -qAtc "DROP DATABASE IF EXISTS $DB_BENCH_PG_DATABASE" >/dev/null 2>&1 || true
    fi
    [ "${#DB_BENCH_DIRS[@]}" -gt 0 ] && rm -rf "${DB_BENCH_DIRS[@]}"
    cleanup
}
trap db_cleanup EXIT

# Stops the server SERVER_PID (run.sh's cleanup stops whatever SERVER_PID names at exit).
db_stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

# db_start_server DATA_DIR DB_URL [NAME=VALUE...]: starts basalt serve with that storage (and
# environment), sets SERVER_PID and DB_BASE.
db_start_server() {
    local data="$1" url="$2" port
    shift 2
    port="$(free_port)"
    read -r SERVER_PID _ < <(
        # shellcheck disable=SC2163
        export BASALT_DB="$url" "$@"
        DATA_DIR="$data" start_basalt "$port"
    )
    [ -n "$SERVER_PID" ] || die "basalt did not start; see $OUT/basalt.log"
    DB_BASE="http://127.0.0.1:$port/v1"
}

db_api() {
    local method="$1" path="$2" body="${3:-}"
    curl -fsS -X "$method" "$DB_BASE$path" -H "Content-Type: application/json" -H "X-Appwrite-Project: $DB_PROJECT" \
        -H "X-Appwrite-Key: $DB_KEY" ${body:+-d "$body"}
}

# Waits until an attribute or index (PATH) reports status available.
db_wait_available() {
    local status=""
    for _ in $(seq 600); do
        status="$(db_api GET "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
        [ "$status" = available ] && return 0
        [ "$status" = failed ] && die "$1 failed"
        sleep 0.1
    done
    die "$1 not available after 60 s (status $status)"
}

# Milliseconds of a wrk latency (379.00us, 7.39ms, 1.20s).
db_ms() {
    awk -v t="$1" 'BEGIN { n = t + 0; if (t ~ /us$/) n /= 1000; else if (t ~ /[0-9]s$/ && t !~ /ms$/) n *= 1000; print n }'
}

# db_scenario NAME URL FLOOR_RPS MIN_RATIO MAX_P99_MS [HEADER...]: one wrk run, one table row.
# MIN_RATIO / MAX_P99_MS "-" when the issue sets no such target.
db_scenario() {
    local name="$1" url="$2" floor="$3" min_ratio="$4" max_p99="$5"
    shift 5
    reset_peak "$SERVER_PID"
    log "scenario: $name"
    local rps p50 p99 bad peak ratio verdict="" shown
    read -r rps p50 p99 bad < <(run_wrk "$url" "$@")
    peak="$(mem_kib VmHWM "$SERVER_PID")"
    [ "$peak" -gt "$db_peak_kib" ] && db_peak_kib="$peak"
    ratio="$(awk -v a="$rps" -v b="${floor:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    if [ "$min_ratio" != - ]; then
        if [ "$ratio" = - ]; then
            verdict="ratio ≥ $min_ratio: no floor"
        else
            verdict="ratio ≥ $min_ratio: $(awk -v r="$ratio" -v m="$min_ratio" 'BEGIN { print (r >= m) ? "yes" : "**NO**" }')"
        fi
    fi
    if [ "$max_p99" != - ]; then
        verdict="${verdict:+$verdict; }p99 < $max_p99 ms: $(awk -v p="$(db_ms "$p99")" -v m="$max_p99" 'BEGIN { print (p < m) ? "yes" : "**NO**" }')"
    fi
    shown="$(printf '%.0f' "$rps")"
    [ "${bad:-0}" != 0 ] && shown="$shown (INVALID: $bad non-2xx answers)"
    db_rows+=("| $name | $shown | $p50 | $p99 | $ratio | ${verdict:--} | $(mib "$peak") |")
}

# db_backend LABEL DB_URL (empty: SQLite under the data directory)
db_backend() {
    local label="$1" url="$2" data init_json seeded seed_s
    data="$(mktemp -d "${TMPDIR:-/tmp}/basalt-bench-db.XXXXXX")"
    DB_BENCH_DIRS+=("$data")
    [ -n "$url" ] || url="sqlite:$data/db"
    init_json="$(BASALT_DB="$url" "$BIN" init --data "$data" --project bench --name Bench --json)"
    DB_PROJECT="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["projectId"])' "$init_json")"
    DB_KEY="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["apiKey"])' "$init_json")"

    log "databases ($label): schema, user and session through the API"
    db_start_server "$data" "$url"
    local col="/databases/bench/collections/items"
    db_api POST /databases '{"databaseId":"bench","name":"Bench"}' >/dev/null
    db_api POST /databases/bench/collections \
        '{"collectionId":"items","name":"Items","documentSecurity":true,"permissions":[]}' >/dev/null
    db_api POST "$col/attributes/string" '{"key":"category","size":16,"required":true}' >/dev/null
    db_api POST "$col/attributes/integer" '{"key":"score","required":true}' >/dev/null
    db_api POST "$col/attributes/string" '{"key":"title","size":128,"required":false}' >/dev/null
    for a in category score title; do db_wait_available "$col/attributes/$a"; done
    db_api POST "$col/indexes" \
        '{"key":"category_score","type":"key","attributes":["category","score"],"orders":["ASC","DESC"]}' >/dev/null
    db_wait_available "$col/indexes/category_score"
    db_api POST /users '{"userId":"reader","email":"reader@example.com","password":"reader password 1"}' >/dev/null
    local secret
    secret="$(db_api POST /users/reader/sessions '{}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')"
    db_stop_server

    log "databases ($label): seeding $DB_DOCUMENTS documents"
    seeded="$("$SEED_BIN" "$url" --project "$DB_PROJECT" --database bench --collection items \
        --documents "$DB_DOCUMENTS" --reader reader 2>>"$OUT/engine.log")" || die "$SEED_BIN failed; see $OUT/engine.log"
    echo "$seeded" >>"$OUT/engine.log"
    seed_s="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["seconds"])' "$seeded")"
    # As engine_scenario does: measure the steady state autovacuum reaches within a minute.
    if [[ "$url" == postgres* ]]; then
        psql "$url" -qAtc ANALYZE >>"$OUT/engine.log" 2>&1 || die "ANALYZE failed; see $OUT/engine.log"
    fi
    db_notes+=("$label: $DB_DOCUMENTS documents seeded in $seed_s s")

    local key_h=("X-Appwrite-Project: $DB_PROJECT" "X-Appwrite-Key: $DB_KEY")
    local session_h=("X-Appwrite-Project: $DB_PROJECT" "Cookie: a_session_$DB_PROJECT=$secret")
    printf '%s\n' \
        'local path = "/v1/databases/bench/collections/items/documents"' \
        'local q1 = "?queries%5B%5D=%7B%22method%22%3A%22equal%22%2C%22attribute%22%3A%22category%22%2C%22values%22%3A%5B%22"' \
        'local q2 = "%22%5D%7D&queries%5B%5D=%7B%22method%22%3A%22orderDesc%22%2C%22attribute%22%3A%22score%22%7D&queries%5B%5D=%7B%22method%22%3A%22limit%22%2C%22values%22%3A%5B25%5D%7D"' \
        'math.randomseed(os.time())' \
        'request = function()' \
        '    return wrk.format("GET", path .. q1 .. string.format("c%02d", math.random(0, 99)) .. q2)' \
        'end' >"$OUT/db_list.lua"
    printf '%s\n' 'wrk.method = "POST"' \
        "wrk.body = '{\"documentId\":\"unique()\",\"data\":{\"category\":\"c00\",\"score\":1,\"title\":\"created by wrk\"}}'" \
        'wrk.headers["Content-Type"] = "application/json"' >"$OUT/db_create.lua"

    local t="$label"
    db_start_server "$data" "$url"
    curl -fsS -o /dev/null -H "${key_h[0]}" -H "${key_h[1]}" "$DB_BASE/databases/bench/collections/items/documents/d12345" ||
        die "GET document failed"
    db_scenario "$t: GET document by ID (API key)" "$DB_BASE/databases/bench/collections/items/documents/d12345" \
        "$NGINX_RPS" 0.50 - "${key_h[@]}"
    WRK_SCRIPT="$OUT/db_list.lua" db_scenario "$t: list 25 of $((DB_DOCUMENTS / 1000))k, equal + orderDesc + total (API key)" \
        "$DB_BASE" "$NGINX_RPS" 0.20 20 "${key_h[@]}"
    WRK_SCRIPT="$OUT/db_list.lua" db_scenario "$t: same list, user session, document security (1% readable)" \
        "$DB_BASE" "$NGINX_RPS" - 30 "${session_h[@]}"
    db_stop_server

    db_start_server "$data" "$url" BASALT_LIST_CACHE=off
    WRK_SCRIPT="$OUT/db_list.lua" db_scenario "$t: list (API key), list cache off" \
        "$DB_BASE" "$NGINX_RPS" - - "${key_h[@]}"
    WRK_SCRIPT="$OUT/db_list.lua" db_scenario "$t: list (user session), list cache off" \
        "$DB_BASE" "$NGINX_RPS" - - "${session_h[@]}"
    WRK_SCRIPT="$OUT/db_create.lua" db_scenario "$t: create document (API key)" \
        "$DB_BASE/databases/bench/collections/items/documents" "$DB_INSERT_RPS" 0.40 - "${key_h[@]}"
    db_stop_server
}

# The insert floor: raw single-row SQLite transactions from one thread.
DB_INSERT_RPS=""
if [ -x "$INSERT_BIN" ]; then
    insert_dir="$(mktemp -d "${TMPDIR:-/tmp}/basalt-bench-insert.XXXXXX")"
    DB_BENCH_DIRS+=("$insert_dir")
    log "scenario: raw SQLite inserts (floor)"
    insert_out="$("$INSERT_BIN" "$insert_dir" --threads 1 --seconds "$(seconds_of "$DURATION")")" ||
        die "$INSERT_BIN failed"
    echo "$insert_out" >>"$OUT/engine.log"
    DB_INSERT_RPS="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rows_per_sec"])' "$insert_out")"
    db_notes+=("raw SQLite insert floor (\`basalt_bench_sqlite_insert --threads 1\`): $(printf '%.0f' "$DB_INSERT_RPS") rows/s")
else
    db_notes+=("raw SQLite insert floor: \`$INSERT_BIN\` absent, create ratio not computed")
fi

# The server of run.sh's own scenarios is done: stop it, so the figures below have the cores.
db_stop_server

db_backend SQLite ""
if [ -n "$PG_URL" ]; then
    DB_BENCH_PG_DATABASE="basalt_bench_$$"
    psql "$PG_URL" -qAtc "CREATE DATABASE $DB_BENCH_PG_DATABASE" >/dev/null || die "cannot create a PostgreSQL database"
    db_backend PostgreSQL "$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$PG_URL" "$DB_BENCH_PG_DATABASE")"
else
    db_notes+=("PostgreSQL: not measured (set BASALT_BENCH_POSTGRES_URL)")
fi

{
    echo
    echo "## Databases API (\`bench/databases.sh\`)"
    echo
    echo "Same run, same nginx figure ($(printf '%.0f' "$NGINX_RPS") req/s); \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\` per row."
    echo "Ratios: to nginx for reads, to the raw SQLite insert floor for creates (PostgreSQL creates too)."
    echo
    echo "| scenario | req/s | p50 | p99 | ratio | issue target met | peak RSS |"
    echo "| --- | ---: | ---: | ---: | ---: | --- | ---: |"
    printf '%s\n' "${db_rows[@]}"
    echo
    echo "- $DB_DOCUMENTS documents in one collection with documentSecurity; lists pick one of 100 categories at random"
    echo "  per request (~10,000 matches each, \`total\` counted up to 5000 as Appwrite does; the session's user may"
    echo "  read 1% of the documents, ~100 per category). Creates add documents to the same collection."
    echo "- Lists are served from the per-node list cache while nothing was written (see"
    echo "  src/databases/list_cache.hpp: exact on this node, other nodes' writes within 1 s); the \"list cache off\""
    echo "  rows run the SQL on every request (BASALT_LIST_CACHE=off)."
    notes="$(IFS=';'; echo "${db_notes[*]}")"
    echo "- ${notes//;/; }."
    echo "- Peak RSS of the server over these scenarios: $(mib "$db_peak_kib") (VmHWM, reset before each row; target < 150 MB)."
    if [ -n "$PG_URL" ]; then
        echo "- PostgreSQL: the cluster of BASALT_BENCH_POSTGRES_URL (scripts/postgres.sh runs it with fsync off), a fresh"
        echo "  database, \`ANALYZE\` after seeding; peak RSS is Basalt's only."
    fi
} >>"$RESULTS"
