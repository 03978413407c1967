#!/usr/bin/env bash
# Desktop speed and power figures under Xvfb (software rendering):
#  - start-up: launch to first rendered frame, for the game and for a bare
#    Bevy UI app with the same features (examples/bare_ui.rs), median of N runs;
#  - idle CPU: CPU time used over 10 s while a question waits for an answer.
# Usage: scripts/bench-desktop.sh [--release] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
profile=dev; dir=debug; flag=()
if [ "${1:-}" = "--release" ]; then profile=release; dir=release; flag=(--release); shift; fi
runs="${1:-5}"
cargo build --quiet "${flag[@]}" --bin fact-sorter --example bare_ui
target="${CARGO_TARGET_DIR:-target}/$dir"
game="$target/fact-sorter"; bare="$target/examples/bare_ui"
level=levels/local-news-library.ron
export WGPU_BACKEND="${WGPU_BACKEND:-vulkan}"

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY="$display"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

startup() { # prints "first_frame_ms ready_ms"
    local t0 out first ready
    t0=$(now_ms)
    out=$(FACT_SORTER_TIMING=exit timeout 120 "$@" 2>/dev/null || true)
    first=$(grep -o 'FIRST_FRAME_UNIX_MS=[0-9]*' <<<"$out" | cut -d= -f2)
    ready=$(grep -o 'QUESTION_READY_UNIX_MS=[0-9]*' <<<"$out" | cut -d= -f2 || true)
    echo "$((first - t0)) $(( ${ready:-$t0} - t0 ))"
}

idle_cpu() { # percent of one core over 10 s, after the app has settled
    local log pid ticks0 ticks1 hz
    log=$(mktemp)
    FACT_SORTER_TIMING=1 "$@" >"$log" 2>/dev/null &
    pid=$!
    for _ in $(seq 1 600); do grep -q 'FIRST_FRAME' "$log" && break; sleep 0.1; done
    sleep 3
    hz=$(getconf CLK_TCK)
    ticks0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep 10
    ticks1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    rm -f "$log"
    awk -v d=$((ticks1 - ticks0)) -v hz="$hz" 'BEGIN {printf "%.2f", d * 100 / (hz * 10)}'
}

game_first=(); game_ready=(); bare_first=()
for _ in $(seq 1 "$runs"); do
    read -r f r < <(startup "$game" play "$level")
    game_first+=("$f"); game_ready+=("$r")
    read -r f _ < <(startup "$bare")
    bare_first+=("$f")
done
gf=$(printf '%s\n' "${game_first[@]}" | median)
gr=$(printf '%s\n' "${game_ready[@]}" | median)
bf=$(printf '%s\n' "${bare_first[@]}" | median)
gcpu=$(idle_cpu "$game" play "$level")
bcpu=$(idle_cpu "$bare")

echo "profile: $profile, runs: $runs, renderer: $WGPU_BACKEND (Mesa, software) under Xvfb"
echo "start-up to first frame, game:        ${gf} ms  (runs: ${game_first[*]})"
echo "start-up to first frame, bare Bevy:   ${bf} ms  (runs: ${bare_first[*]})"
awk -v g="$gf" -v b="$bf" 'BEGIN {printf "start-up ratio game/bare:             %.2f\n", g / b}'
echo "start-up to first question on screen: ${gr} ms"
echo "idle CPU over 10 s, game on a question: ${gcpu}% of one core"
echo "idle CPU over 10 s, bare Bevy app:      ${bcpu}% of one core"
