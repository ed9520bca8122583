#!/usr/bin/env bash
# Runs Basalt for local use: build/basalt serve on $BASALT_LISTEN (default
# 127.0.0.1:8080) with the data directory $BASALT_DATA (default ./data).
# On first use (no data directory yet, or an empty one) it creates the project
# "default" with `basalt init` and prints its ID and API key, so an SDK can
# connect. Extra arguments are passed on to `basalt serve`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/build/basalt"
DATA="${BASALT_DATA:-./data}"
LISTEN="${BASALT_LISTEN:-127.0.0.1:8080}"

[ -x "$BIN" ] || { echo "build/basalt is missing: run make build first" >&2; exit 1; }

if [ ! -d "$DATA" ] || [ -z "$(ls -A "$DATA" 2>/dev/null)" ]; then
    mkdir -p "$DATA"
    echo "First start: creating project 'default' in $DATA"
    init_json="$("$BIN" init --data "$DATA" --project default --name Default --json)"
    python3 - "$init_json" "$LISTEN" "$DATA" <<'PY'
import json, sys
info = json.loads(sys.argv[1])
endpoint = "http://%s/v1" % sys.argv[2]
print()
print("  Endpoint:   %s" % endpoint)
print("  Project ID: %s" % info["projectId"])
print("  API key:    %s" % info["apiKey"])
print()
print("  const client = new Client().setEndpoint('%s')" % endpoint)
print("      .setProject('%s').setKey('<API key>');" % info["projectId"])
print()
print("  The key is shown only now; keep it. More keys (API keys cannot create keys):")
print("  build/basalt key create --data %s --project %s --name NAME --scopes a,b --json" % (sys.argv[3], info["projectId"]))
print()
PY
fi

echo "Basalt listening on http://$LISTEN (data: $DATA); Ctrl-C stops it"
exec "$BIN" serve --listen "$LISTEN" --data "$DATA" "$@"
