#!/usr/bin/env bash
# The web build in a real browser: builds dist/ (or reuses it with --reuse),
# adds the short test level the way a teacher adds one (copy the file into
# levels/, run `fact-sorter index`), serves it on 127.0.0.1 and plays it in
# headless Chromium with the keyboard (web/play-test.mjs).
# Usage: scripts/test-web.sh [--reuse] [OUT_DIR]     (screenshots: default target/web-test)
#   FACT_SORTER_DIST=DIR tests an already-built site in DIR instead of dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
reuse=false
if [ "${1:-}" = "--reuse" ]; then reuse=true; shift; fi
out="${1:-target/web-test}"
cache="${FACT_SORTER_CACHE:-$HOME/.cache/fact-sorter}"

if ! command -v chromium >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
dist="${FACT_SORTER_DIST:-dist}"
if [ -z "${FACT_SORTER_DIST:-}" ] && { [ "$reuse" = false ] || [ ! -s dist/fact-sorter_bg.wasm ]; }; then
    bash scripts/build-web.sh dist
fi
[ -d web/node_modules/playwright-core ] || (cd web && npm ci --no-audit --no-fund --silent)

site="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$site"; }
trap cleanup EXIT
cp -r "$dist/." "$site/"
cp tests/fixtures/web/zz-web-test.ron "$site/levels/"
CARGO_TARGET_DIR="$cache/core-target" cargo run --quiet --no-default-features -- index "$site/levels"

port="${FACT_SORTER_WEB_PORT:-8765}"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$site.server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$port/index.html" >/dev/null && break
    sleep 0.1
done

rm -rf "$out"
node web/play-test.mjs "http://127.0.0.1:$port/index.html" "$out" play
