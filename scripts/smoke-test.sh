#!/usr/bin/env bash
# Real-window smoke test: runs the game under Xvfb with Mesa's software
# renderer, lets the scripted player (src/game/smoke.rs) play one level,
# and checks that a non-blank screenshot of every screen was written.
# Usage: scripts/smoke-test.sh [OUT_DIR] [WIDTHxHEIGHT]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/smoke}"
size="${2:-1280x720}"
rm -rf "$out"
mkdir -p "$out"

source scripts/game-under-test.sh
export FACT_SORTER_SMOKE="$out"
export FACT_SORTER_WINDOW="$size"
status=0
timeout 600 xvfb-run -a -s "-screen 0 ${size}x24" "$bin" > "$out/log.txt" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
    echo "smoke test: the game exited with status $status; last lines of its log:"
    tail -n 30 "$out/log.txt"
    exit 1
fi
expected=(01-title 02-level-select 03-question 04-hint 05-feedback 06-results 07-menu
    08-settings 09-high-contrast-settings 10-high-contrast-levels 11-high-contrast-question)
for name in "${expected[@]}"; do
    file="$out/$name.png"
    if [ ! -s "$file" ]; then
        echo "smoke test: missing screenshot $file"
        exit 1
    fi
done
echo "smoke test passed: ${#expected[@]} screenshots in $out ($size)"
