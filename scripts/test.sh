#!/usr/bin/env bash
# Runs every test suite against build/basalt (make test builds it first):
#   1. ctest (unit tests; the db conformance suite gets BASALT_TEST_POSTGRES_URL)
#   2. the e2e suite (tests/e2e, node --test, official SDKs) on SQLite, files on local disk
#   3. the e2e suite on PostgreSQL, files on the S3 device (the harness starts an
#      s3rver per test file on loopback: tests/e2e/s3server.mjs)
# A private PostgreSQL cluster (scripts/postgres.sh) runs for the duration and
# is stopped on exit, whatever happens. Exits non-zero when any suite fails.
#
#   scripts/test.sh               everything
#   scripts/test.sh --e2e-only    skip ctest
# Env: BACKENDS (default "sqlite postgres"), E2E_TIMEOUT (seconds per backend, default 900).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUN_CTEST=1
[ "${1:-}" = "--e2e-only" ] && RUN_CTEST=0
BACKENDS="${BACKENDS:-sqlite postgres}"
E2E_TIMEOUT="${E2E_TIMEOUT:-900}"
OUT="$ROOT/build/test-out"
mkdir -p "$OUT"

# One private cluster per run, so that concurrent runs in one tree don't collide.
export BASALT_PG_DIR="$ROOT/build/pg/run-$$"

cleanup() {
    "$ROOT/scripts/postgres.sh" stop >/dev/null 2>&1 || true
    rmdir "$ROOT/build/pg" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -x "$ROOT/build/basalt" ]; then
    echo "build/basalt is missing: run make build first" >&2
    exit 1
fi

needs_postgres=$RUN_CTEST
case " $BACKENDS " in *" postgres "*) needs_postgres=1 ;; esac
if [ "$needs_postgres" -eq 1 ]; then
    if ! BASALT_TEST_POSTGRES_URL="$("$ROOT/scripts/postgres.sh" start)"; then
        echo "could not start the private PostgreSQL cluster" >&2
        exit 1
    fi
    export BASALT_TEST_POSTGRES_URL
    echo "PostgreSQL: $BASALT_TEST_POSTGRES_URL"
fi

failed_suites=()
total_pass=0
total_fail=0

run_ctest() {
    echo "=== ctest"
    local log="$OUT/ctest.log" rc
    ctest --test-dir "$ROOT/build" --output-on-failure -j 2 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    # "100% tests passed, 0 tests failed out of 42"
    local line
    line="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)"
    if [ -n "$line" ]; then
        local failed total
        failed="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
        total="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
        total_pass=$((total_pass + total - failed))
        total_fail=$((total_fail + failed))
    fi
    [ "$rc" -eq 0 ] || failed_suites+=("ctest")
}

run_e2e() {
    local backend="$1"
    echo "=== e2e ($backend)"
    local tap="$OUT/e2e-$backend.tap" rc
    (
        cd "$ROOT/tests/e2e" &&
            BASALT_TEST_DB="$backend" BASALT_BIN="$ROOT/build/basalt" \
                timeout --kill-after=10 "$E2E_TIMEOUT" \
                node --test --test-concurrency=2 --test-timeout=300000 \
                --test-reporter=spec --test-reporter-destination=stdout \
                --test-reporter=tap --test-reporter-destination="$tap" \
                ./*.test.mjs
    )
    rc=$?
    [ "$rc" -eq 124 ] && echo "e2e ($backend): timed out after ${E2E_TIMEOUT}s" >&2
    local pass=0 fail=0
    if [ -f "$tap" ]; then
        pass="$(grep -E '^# pass [0-9]+' "$tap" | tail -n 1 | awk '{print $3}')"
        fail="$(grep -E '^# fail [0-9]+' "$tap" | tail -n 1 | awk '{print $3}')"
    fi
    pass="${pass:-0}"
    fail="${fail:-0}"
    echo "e2e-$backend: $pass passed, $fail failed"
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    [ "$rc" -eq 0 ] || failed_suites+=("e2e-$backend")
}

[ "$RUN_CTEST" -eq 1 ] && run_ctest
for backend in $BACKENDS; do
    run_e2e "$backend"
done

echo
if [ "${#failed_suites[@]}" -gt 0 ]; then
    echo "FAILED suites: ${failed_suites[*]}"
    # A suite that failed without reporting a failing test (crash, timeout) still counts.
    [ "$total_fail" -eq 0 ] && total_fail=1
fi
echo "total: $total_pass passed, $total_fail failed"
[ "${#failed_suites[@]}" -eq 0 ]
