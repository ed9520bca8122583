#!/usr/bin/env bash
# Installs every build/test dependency of Basalt: the apt packages listed in
# scripts/apt-packages.txt and the npm packages of tests/e2e and assets/avatars (npm ci;
# the latter are the Avatars service's icons, read by the server at run time).
#
# Idempotent and quick when nothing is missing: dpkg-query decides what to
# install, apt-get update runs at most once and only when something is missing,
# and npm ci runs only when a package-lock.json changed since the last install. Works as root on a fresh Debian 12; as another user it uses sudo.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES_FILE="$ROOT/scripts/apt-packages.txt"
NPM_DIRS=("$ROOT/tests/e2e" "$ROOT/assets/avatars")

log() { printf '[deps] %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "need root to run: $*" >&2
        return 1
    fi
}

node_major() {
    command -v node >/dev/null 2>&1 || { echo 0; return; }
    node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

wanted_packages() {
    local skip_node=0
    # Don't fight an existing node >= 20 (e.g. from NodeSource, which ships npm
    # itself and conflicts with Debian's npm package).
    if [ "$(node_major)" -ge 20 ] && command -v npm >/dev/null 2>&1; then
        skip_node=1
    fi
    sed -e 's/#.*//' -e 's/[[:space:]]//g' "$PACKAGES_FILE" | while read -r pkg; do
        [ -n "$pkg" ] || continue
        if [ "$skip_node" -eq 1 ] && { [ "$pkg" = nodejs ] || [ "$pkg" = npm ]; }; then
            continue
        fi
        echo "$pkg"
    done
}

install_apt() {
    local missing=()
    local pkg
    while read -r pkg; do
        is_installed "$pkg" || missing+=("$pkg")
    done < <(wanted_packages)

    if [ "${#missing[@]}" -eq 0 ]; then
        log "apt: all $(wanted_packages | wc -l) packages present"
        return 0
    fi

    local had_postgres=0
    is_installed postgresql-common && had_postgres=1

    log "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"

    # The postgresql package creates and starts a default cluster; the test
    # suites run their own private cluster (scripts/postgres.sh), so don't leave
    # the distro's one running.
    if [ "$had_postgres" -eq 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
        pg_lsclusters --no-header 2>/dev/null | while read -r ver name _port status _rest; do
            if [ "$status" = online ]; then
                log "stopping the default PostgreSQL cluster $ver/$name"
                as_root pg_ctlcluster "$ver" "$name" stop || true
            fi
        done
    fi
}

install_npm() {
    if ! command -v npm >/dev/null 2>&1; then
        log "npm missing after apt; cannot install the npm dependencies" >&2
        return 1
    fi
    if [ "$(node_major)" -lt 20 ]; then
        log "warning: node $(node --version) < 20; the e2e suite expects node >= 20" >&2
    fi
    local dir stamp want name
    for dir in "${NPM_DIRS[@]}"; do
        name="${dir#"$ROOT"/}"
        stamp="$dir/node_modules/.basalt-lock-sha"
        want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
        if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
            log "npm: $name up to date"
            continue
        fi
        log "npm: npm ci in $name"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$want" >"$stamp"
    done
}

install_apt
install_npm
