#!/usr/bin/env bash
# Storage throughput: upload and download of a 100 MB file against the raw disk throughput of
# `dd` in the same run, on the same filesystem, with two clients:
#  - node-appwrite (5 MiB chunks, the first alone, then 8 in parallel), the SDK as users run it;
#    it shares the 2 cores with the server and spends about as much CPU building each chunk's
#    FormData and concatenating the download as the server spends serving them;
#  - curl sending the same requests as the SDK (multipart `fileId` + `file`, `Content-Range`,
#    `x-appwrite-id` from the first answer, chunks 2.. 8 at a time with `curl -Z`), from chunk
#    files cut beforehand, and downloading to /dev/null (checked byte for byte afterwards): the
#    server's own throughput, which the issue's 50% goal is about.
# Builds nothing: expects build/basalt and tests/e2e/node_modules.
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

# The same upload and download with curl (see the header).
CLIENT_DIR="$DATA_DIR/client"
mkdir -p "$CLIENT_DIR"
BYTES=$((SIZE_MB * 1000 * 1000))
CHUNK=$((5 * 1024 * 1024))
head -c "$BYTES" /dev/urandom >"$CLIENT_DIR/source.bin"
split -b "$CHUNK" -d -a 3 "$CLIENT_DIR/source.bin" "$CLIENT_DIR/chunk."
PROJECT_ID="$(printf '%s' "$INFO" | python3 -c 'import json,sys; print(json.load(sys.stdin)["projectId"])')"
API_KEY="$(printf '%s' "$INFO" | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')"
FILES_URL="http://127.0.0.1:$PORT/v1/storage/buckets/bench/files"
AUTH=(-H "X-Appwrite-Project: $PROJECT_ID" -H "X-Appwrite-Key: $API_KEY")
chunk_args() {  # the curl options of chunk file $1 (index $2)
    local start=$(($2 * CHUNK)) size
    size="$(stat -c %s "$1")"
    printf '%s\n' -s -o /dev/null -w '%{http_code}\n' "${AUTH[@]}" \
        -H "Content-Range: bytes $start-$((start + size - 1))/$BYTES" -F fileId=curl \
        -F "file=@$1;filename=big.bin;type=application/octet-stream"
}
now() { date +%s.%N; }
# Every command line is built before the clock starts.
mapfile -t FIRST_ARGS < <(chunk_args "$CLIENT_DIR/chunk.000" 0)
REST=()
i=0
for f in "$CLIENT_DIR"/chunk.*; do
    if [ "$i" -gt 0 ]; then
        mapfile -t A < <(chunk_args "$f" "$i")
        [ "${#REST[@]}" -gt 0 ] && REST+=(--next)
        REST+=("${A[@]}" -H "x-appwrite-id: curl" "$FILES_URL")
    fi
    i=$((i + 1))
done
T0="$(now)"
FIRST="$(curl "${FIRST_ARGS[@]}" "$FILES_URL")"
CODES="$(curl -s -Z --parallel-max 8 "${REST[@]}" 2>/dev/null)"
T1="$(now)"
curl -s -o /dev/null "${AUTH[@]}" "$FILES_URL/curl/download"
T2="$(now)"
[ "$FIRST" = 201 ] && ! grep -qv '^201$' <<<"$CODES" || { log "curl upload failed: $FIRST $CODES"; exit 1; }
curl -fs "${AUTH[@]}" "$FILES_URL/curl/download" | cmp -s - "$CLIENT_DIR/source.bin" || { log "curl round trip differs"; exit 1; }
CURL_UP="$(awk -v b="$BYTES" -v a="$T0" -v z="$T1" 'BEGIN { printf "%.1f", b / 1e6 / (z - a) }')"
CURL_DOWN="$(awk -v b="$BYTES" -v a="$T1" -v z="$T2" 'BEGIN { printf "%.1f", b / 1e6 / (z - a) }')"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
echo "| scenario (${SIZE_MB} MB) | MB/s | vs dd |"
echo "| --- | --- | --- |"
echo "| dd write (fdatasync) | $DD_WRITE | 100% |"
echo "| dd read (O_DIRECT) | $DD_READ | 100% |"
echo "| upload, node-appwrite chunks | $UP | $(ratio "$UP" "$DD_WRITE") of dd write |"
echo "| download, node-appwrite | $DOWN | $(ratio "$DOWN" "$DD_READ") of dd read |"
echo "| upload, curl (the SDK's chunked requests) | $CURL_UP | $(ratio "$CURL_UP" "$DD_WRITE") of dd write |"
echo "| download, curl | $CURL_DOWN | $(ratio "$CURL_DOWN" "$DD_READ") of dd read |"
