#!/usr/bin/env bash
# Storage throughput: upload and download of a 100 MB file through node-appwrite (5 MiB chunks,
# 8 in parallel, as the SDK sends them) against the raw disk throughput of `dd` in the same run,
# on the same filesystem. Builds nothing: expects build/basalt and tests/e2e/node_modules.
#
# Starts Basalt (init + serve, SQLite, data in a temp dir under BENCH_TMP) on a free loopback
# port and stops it on exit (trap). Prints one table (markdown) on stdout.
#
# Env: BASALT_BIN (build/basalt), BENCH_FILE_MB (100), BENCH_TMP (${TMPDIR:-/tmp}).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BASALT_BIN:-$ROOT/build/basalt}"
SIZE_MB="${BENCH_FILE_MB:-100}"
DATA_DIR="$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/basalt-bench-storage.XXXXXX")"
SERVER_PID=""

log() { printf '[bench] %s\n' "$*" >&2; }
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT

[ -x "$BIN" ] || { log "$BIN missing: build first"; exit 1; }
[ -d "$ROOT/tests/e2e/node_modules/node-appwrite" ] || { log "tests/e2e/node_modules missing: run make deps"; exit 1; }

# Raw disk: write with fdatasync, then read back with O_DIRECT (past the page cache).
dd_rate() { sed -nE 's/.* ([0-9.]+) ([kMG]?B)\/s$/\1 \2/p' | tail -n 1 | awk '{f=1; if($2=="kB")f=0.001; if($2=="GB")f=1000; printf "%.1f", $1*f}'; }
DD_WRITE="$(dd if=/dev/zero of="$DATA_DIR/dd.bin" bs=1M count="$SIZE_MB" conv=fdatasync 2>&1 | dd_rate)"
DD_READ="$(dd if="$DATA_DIR/dd.bin" of=/dev/null bs=1M iflag=direct 2>&1 | dd_rate)"
rm -f "$DATA_DIR/dd.bin"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
INFO="$("$BIN" init --data "$DATA_DIR" --project bench --name Bench --json | tail -n 1)"
"$BIN" serve --listen "127.0.0.1:$PORT" --data "$DATA_DIR" --access-log false \
    --storage-limit $((SIZE_MB * 1000 * 1000 + 1)) >"$DATA_DIR/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/v1/health/version" >/dev/null && break; sleep 0.1; done

cd "$ROOT/tests/e2e"
RESULT="$(BENCH_INFO="$INFO" BENCH_ENDPOINT="http://127.0.0.1:$PORT/v1" BENCH_MB="$SIZE_MB" node --input-type=module -e '
import * as sdk from "node-appwrite";
import { InputFile } from "node-appwrite/file";
import { randomBytes } from "node:crypto";
const info = JSON.parse(process.env.BENCH_INFO);
const client = new sdk.Client().setEndpoint(process.env.BENCH_ENDPOINT).setProject(info.projectId).setKey(info.apiKey);
const storage = new sdk.Storage(client);
const data = randomBytes(Number(process.env.BENCH_MB) * 1000 * 1000);
await storage.createBucket({ bucketId: "bench", name: "bench", encryption: false, antivirus: false });
let t = performance.now();
const file = await storage.createFile({ bucketId: "bench", fileId: "big", file: InputFile.fromBuffer(data, "big.bin") });
const up = performance.now() - t;
t = performance.now();
const back = Buffer.from(await storage.getFileDownload({ bucketId: "bench", fileId: "big" }));
const down = performance.now() - t;
if (!back.equals(data) || file.sizeOriginal !== data.length) throw new Error("round trip differs");
const mb = data.length / 1e6;
console.log(`${(mb / (up / 1000)).toFixed(1)} ${(mb / (down / 1000)).toFixed(1)}`);
')"
UP="${RESULT% *}"
DOWN="${RESULT#* }"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
echo "| scenario (${SIZE_MB} MB) | MB/s | vs dd |"
echo "| --- | --- | --- |"
echo "| dd write (fdatasync) | $DD_WRITE | 100% |"
echo "| dd read (O_DIRECT) | $DD_READ | 100% |"
echo "| upload, node-appwrite chunks | $UP | $(ratio "$UP" "$DD_WRITE") of dd write |"
echo "| download, node-appwrite | $DOWN | $(ratio "$DOWN" "$DD_READ") of dd read |"
