#!/usr/bin/env bash
# Storage throughput: upload and download of a 100 MB file against the raw disk throughput of
# `dd` in the same run, on the same filesystem, with two clients:
#  - node-appwrite (5 MiB chunks, the first alone, then 8 in parallel), the SDK as users run it;
#    it shares the 2 cores with the server and spends about as much CPU building each chunk's
#    FormData and concatenating the download as the server spends serving them;
#  - bench/upload_client.mjs sending the same requests as the SDK (multipart `fileId` + `file`,
#    `Content-Range`, `x-appwrite-id`, the first chunk alone, then 8 in flight) from bodies built
#    beforehand, and curl downloading to /dev/null (checked byte for byte afterwards): the
#    server's own throughput, which the issue's 50% goal is about.
# Chunks are written past the page cache (O_DIRECT), so each download reads the disk, as dd read.
# Then previews: a 400 px preview of a 12-megapixel JPEG rendered anew on each request (p50 over
# BENCH_PREVIEWS requests, each with another quality so that none is served from the cache), and
# the cached preview under wrk next to a document get by ID on the same server.
# Builds nothing: expects build/basalt and tests/e2e/node_modules.
#
# Starts Basalt (init + serve, SQLite, data in a temp dir under BENCH_TMP) on a free loopback
# port and stops it on exit (trap). Prints two tables (markdown) on stdout.
#
# Env: BASALT_BIN (build/basalt), BENCH_FILE_MB (100), BENCH_UPLOADS (5), BENCH_SETTLE (20),
# BENCH_TMP (${TMPDIR:-/tmp}),
# BENCH_PREVIEWS (30), BENCH_ROUNDS (3), BENCH_DURATION (10s), BENCH_WARMUP (2s), BENCH_CONNECTIONS (32),
# BENCH_THREADS (1): the wrk settings of bench/run.sh.
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

dd_rate() { sed -nE 's/.* ([0-9.]+) ([kMG]?B)\/s$/\1 \2/p' | tail -n 1 | awk '{f=1; if($2=="kB")f=0.001; if($2=="GB")f=1000; printf "%.1f", $1*f}'; }
# Raw disk: write with fdatasync, then read back with O_DIRECT (past the page cache). This VM's
# disk sits behind the host's write cache: right after the gigabytes the earlier scenarios of
# bench/run.sh write, one dd can run at a fraction of the disk's speed (400 MB/s instead of
# 2.2-2.6 GB/s), and so can the uploads. So: flush, let the host settle (BENCH_SETTLE seconds),
# and take the best of five dd runs (a second apart) as the disk's throughput: the hardest
# baseline for the ratios below.
sync
sleep "${BENCH_SETTLE:-20}"
best() { sort -n | tail -n 1; }
DD_WRITE="$(for i in 1 2 3 4 5; do dd if=/dev/zero of="$DATA_DIR/dd$i.bin" bs=1M count="$SIZE_MB" conv=fdatasync 2>&1 | dd_rate; echo; sleep 1; done | best)"
DD_READ="$(for i in 1 2 3 4 5; do dd if="$DATA_DIR/dd$i.bin" of=/dev/null bs=1M iflag=direct 2>&1 | dd_rate; echo; done | best)"
rm -f "$DATA_DIR"/dd?.bin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
# One core's MD5 of one stream: the last chunk's answer carries the file's MD5 (`signature`), and
# MD5 cannot be split over cores, so no upload of the file can end sooner than this rate allows.
MD5_RATE="$(openssl speed -evp md5 -seconds 1 -bytes $((5 * 1024 * 1024)) 2>/dev/null | awk '/^md5/ {sub(/k$/, "", $2); printf "%.1f", $2 * 1000 / 1e6}')"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
INFO="$("$BIN" init --data "$DATA_DIR" --project bench --name Bench --json | tail -n 1)"
"$BIN" serve --listen "127.0.0.1:$PORT" --data "$DATA_DIR" --access-log false \
    --storage-limit $(((SIZE_MB > 30 ? SIZE_MB : 30) * 1000 * 1000 + 1)) --rate-limits false >"$DATA_DIR/serve.log" 2>&1 &
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

# The server's own throughput (see the header): BENCH_UPLOADS uploads of the same bytes as new
# files (the median counts: one upload takes a fraction of a second and the VM's neighbours
# move single runs by a third), then curl downloads the first one.
CLIENT_DIR="$DATA_DIR/client"
mkdir -p "$CLIENT_DIR"
BYTES=$((SIZE_MB * 1000 * 1000))
head -c "$BYTES" /dev/urandom >"$CLIENT_DIR/source.bin"
PROJECT_ID="$(printf '%s' "$INFO" | python3 -c 'import json,sys; print(json.load(sys.stdin)["projectId"])')"
API_KEY="$(printf '%s' "$INFO" | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')"
FILES_URL="http://127.0.0.1:$PORT/v1/storage/buckets/bench/files"
AUTH=(-H "X-Appwrite-Project: $PROJECT_ID" -H "X-Appwrite-Key: $API_KEY")
RATES=()
for i in $(seq "${BENCH_UPLOADS:-5}"); do
    RATES+=("$(UPLOAD_ENDPOINT="http://127.0.0.1:$PORT/v1" UPLOAD_PROJECT="$PROJECT_ID" UPLOAD_KEY="$API_KEY" \
        UPLOAD_BUCKET=bench UPLOAD_FILE_ID="raw$i" UPLOAD_SOURCE="$CLIENT_DIR/source.bin" node "$ROOT/bench/upload_client.mjs")")
done
RAW_UP="$(printf '%s\n' "${RATES[@]}" | median)"
now() { date +%s.%N; }
T1="$(now)"
curl -s -o /dev/null "${AUTH[@]}" "$FILES_URL/raw1/download"
T2="$(now)"
curl -fs "${AUTH[@]}" "$FILES_URL/raw1/download" | cmp -s - "$CLIENT_DIR/source.bin" || { log "round trip differs"; exit 1; }
CURL_DOWN="$(awk -v b="$BYTES" -v a="$T1" -v z="$T2" 'BEGIN { printf "%.1f", b / 1e6 / (z - a) }')"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
echo "| scenario (${SIZE_MB} MB) | MB/s | vs dd |"
echo "| --- | --- | --- |"
echo "| dd write (fdatasync, best of 5) | $DD_WRITE | 100% |"
echo "| dd read (O_DIRECT, best of 5) | $DD_READ | 100% |"
echo "| MD5 of one stream (openssl speed, one core): the bound of any upload | $MD5_RATE | $(ratio "$MD5_RATE" "$DD_WRITE") of dd write |"
echo "| upload, node-appwrite chunks | $UP | $(ratio "$UP" "$DD_WRITE") of dd write |"
echo "| download, node-appwrite | $DOWN | $(ratio "$DOWN" "$DD_READ") of dd read |"
echo "| upload, the SDK's chunk requests prebuilt (median of ${BENCH_UPLOADS:-5}: ${RATES[*]}) | $RAW_UP | $(ratio "$RAW_UP" "$DD_WRITE") of dd write, $(ratio "$RAW_UP" "$MD5_RATE") of MD5 |"
echo "| download, curl | $CURL_DOWN | $(ratio "$CURL_DOWN" "$DD_READ") of dd read |"

# ---------------------------------------------------------------- previews
log "storage: previews of a 12-megapixel JPEG"
PREVIEW="$(BENCH_INFO="$INFO" BENCH_ENDPOINT="http://127.0.0.1:$PORT/v1" BENCH_PREVIEWS="${BENCH_PREVIEWS:-30}" node --input-type=module -e '
import * as sdk from "node-appwrite";
import { InputFile } from "node-appwrite/file";
import jpeg from "jpeg-js";
const info = JSON.parse(process.env.BENCH_INFO);
const endpoint = process.env.BENCH_ENDPOINT;
const client = new sdk.Client().setEndpoint(endpoint).setProject(info.projectId).setKey(info.apiKey);
const storage = new sdk.Storage(client);
const databases = new sdk.Databases(client);
// A 4000x3000 photo-like JPEG: gradients, a pattern and noise (a few MB, like a camera photo).
const W = 4000, H = 3000, pixels = Buffer.alloc(W * H * 4);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = (y * W + x) * 4, n = (Math.random() * 24) | 0;
    pixels[i] = ((x * 255) / W + n) & 255; pixels[i + 1] = ((y * 255) / H + n) & 255; pixels[i + 2] = ((x ^ y) + n) & 255; pixels[i + 3] = 255;
}
const photo = Buffer.from(jpeg.encode({ width: W, height: H, data: pixels }, 90).data);
await storage.createBucket({ bucketId: "photos", name: "photos", encryption: false, antivirus: false });
await storage.createFile({ bucketId: "photos", fileId: "photo", file: InputFile.fromBuffer(photo, "photo.jpg") });
const headers = { "x-appwrite-project": info.projectId, "x-appwrite-key": info.apiKey };
const url = (q) => `${endpoint}/storage/buckets/photos/files/photo/preview?width=400&quality=${q}`;
const times = [];
const count = Number(process.env.BENCH_PREVIEWS);
for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await fetch(url(100 - (i % 100)), { headers });
    const body = Buffer.from(await res.arrayBuffer());
    times.push(performance.now() - t);
    if (res.status !== 200 || res.headers.get("x-appwrite-cache") !== "miss") throw new Error(`preview ${i}: ${res.status} ${res.headers.get("x-appwrite-cache")}`);
    const img = jpeg.decode(body);
    if (img.width !== 400 || img.height !== 300) throw new Error(`preview ${i}: ${img.width}x${img.height}`);
}
times.sort((a, b) => a - b);
// Warm the two cached previews measured below: the 400 px one, and a 32 px one whose body is
// about as small as a document'"'"'s JSON (like for like with the document get).
let sizes = [];
for (const u of [url(80), url(80).replace("width=400", "width=32")]) {
    const warm = await fetch(u, { headers });
    sizes.push((await warm.arrayBuffer()).byteLength);
}
await databases.create({ databaseId: "bench", name: "bench" });
await databases.createCollection({ databaseId: "bench", collectionId: "items", name: "items" });
await databases.createStringAttribute({ databaseId: "bench", collectionId: "items", key: "title", size: 64, required: false });
for (let i = 0; i < 50; i++) {
    try { await databases.createDocument({ databaseId: "bench", collectionId: "items", documentId: "d1", data: { title: "a document" } }); break; }
    catch (e) { if (e.type !== "attribute_not_available") throw e; await new Promise((r) => setTimeout(r, 100)); }
}
const p = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
console.log(`${(photo.length / 1e6).toFixed(1)} ${p(0.5)} ${p(0.9)} ${url(80)} ${endpoint}/databases/bench/collections/items/documents/d1 ${sizes[0]} ${sizes[1]}`);
')"
read -r PHOTO_MB MISS_P50 MISS_P90 CACHED_URL DOC_URL CACHED_BYTES SMALL_BYTES <<<"$PREVIEW"
SMALL_URL="${CACHED_URL/width=400/width=32}"

# wrk on loopback, as bench/run.sh: "REQ_PER_S P50 P99".
wrk_row() {
    local out
    wrk -t"${BENCH_THREADS:-1}" -c"${BENCH_CONNECTIONS:-32}" -d"${BENCH_WARMUP:-2s}" \
        -H "X-Appwrite-Project: bench" -H "X-Appwrite-Key: $KEY" "$1" >/dev/null
    out="$(wrk -t"${BENCH_THREADS:-1}" -c"${BENCH_CONNECTIONS:-32}" -d"${BENCH_DURATION:-10s}" --latency \
        -H "X-Appwrite-Project: bench" -H "X-Appwrite-Key: $KEY" "$1")"
    if grep -q "Non-2xx" <<<"$out"; then log "warning: $1 answered errors: $(grep Non-2xx <<<"$out")"; fi
    echo "$(awk '/^Requests\/sec:/ {print $2}' <<<"$out") $(awk '$1 == "50%" {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")"
}
KEY="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["apiKey"])' "$INFO")"
# BENCH_ROUNDS rounds (3), the three URLs in turn in each, so that the VM's drift hits them alike;
# each row is its median round by req/s.
DOC_RUNS=() CACHED_RUNS=() SMALL_RUNS=()
for _ in $(seq "${BENCH_ROUNDS:-3}"); do
    DOC_RUNS+=("$(wrk_row "$DOC_URL")")
    CACHED_RUNS+=("$(wrk_row "$CACHED_URL")")
    SMALL_RUNS+=("$(wrk_row "$SMALL_URL")")
done
median_run() { printf '%s\n' "$@" | sort -n -k1,1 | awk '{a[NR]=$0} END {print a[int((NR + 1) / 2)]}'; }
read -r DOC_RPS DOC_P50 DOC_P99 <<<"$(median_run "${DOC_RUNS[@]}")"
read -r CACHED_RPS CACHED_P50 CACHED_P99 <<<"$(median_run "${CACHED_RUNS[@]}")"
read -r SMALL_RPS SMALL_P50 SMALL_P99 <<<"$(median_run "${SMALL_RUNS[@]}")"
DOC_BYTES="$(curl -fsS -H "X-Appwrite-Project: bench" -H "X-Appwrite-Key: $KEY" "$DOC_URL" | wc -c)"
echo
echo "| preview (4000x3000 JPEG, ${PHOTO_MB} MB, to 400x300) | req/s | p50 | p99 or p90 | vs document get |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| rendered anew (libvips, one request at a time, ${BENCH_PREVIEWS:-30} requests) | - | ${MISS_P50}ms | ${MISS_P90}ms (p90) | - |"
echo "| cached, 400x300 (${CACHED_BYTES} B; wrk, ${BENCH_CONNECTIONS:-32} connections) | $(printf '%.0f' "$CACHED_RPS") | $CACHED_P50 | $CACHED_P99 | $(ratio "$CACHED_RPS" "$DOC_RPS") of its req/s |"
echo "| cached, 32x24 (${SMALL_BYTES} B, about a document's size) | $(printf '%.0f' "$SMALL_RPS") | $SMALL_P50 | $SMALL_P99 | $(ratio "$SMALL_RPS" "$DOC_RPS") of its req/s |"
echo "| GET document by ID (${DOC_BYTES} B; wrk, same server) | $(printf '%.0f' "$DOC_RPS") | $DOC_P50 | $DOC_P99 | 100% |"
