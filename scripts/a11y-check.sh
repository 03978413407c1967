#!/usr/bin/env bash
# Screen-reader check on Linux: starts a private D-Bus session with the
# AT-SPI accessibility bus (what Orca listens to), turns "screen reader on",
# runs the game in Xvfb on one level, and reads its accessibility tree
# with pyatspi (scripts/a11y-check.py): the statement, the answer buttons,
# the hint, then the feedback after answering with the keyboard.
# Usage: scripts/a11y-check.sh [OUT_DIR]     (default target/a11y)
#   FACT_SORTER_BIN: an already-built game (see scripts/game-under-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/a11y}"
rm -rf "$out"
mkdir -p "$out"

if [ ! -x /usr/libexec/at-spi-bus-launcher ] || ! command -v dbus-run-session >/dev/null \
    || ! /usr/bin/python3 -c "import pyatspi" 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq at-spi2-core dbus-daemon dbus-bin python3-pyatspi >/dev/null
fi

source scripts/game-under-test.sh
export FACT_SORTER_WINDOW=1280x720
# Our own X server, started first: the AT-SPI registry (started by D-Bus)
# types the test's key presses into it, so it must know the display.
display=""
for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY="$display"

export BIN="$bin" OUT="$out"
timeout 300 dbus-run-session -- bash -c '
    set -euo pipefail
    /usr/libexec/at-spi-bus-launcher --launch-immediately >"$OUT/at-spi.log" 2>&1 &
    bus=$!
    for _ in $(seq 50); do
        dbus-send --session --dest=org.a11y.Bus --print-reply /org/a11y/bus \
            org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
        sleep 0.1
    done
    # What Orca does when it starts: tell applications a screen reader is on.
    dbus-send --session --dest=org.a11y.Bus /org/a11y/bus \
        org.freedesktop.DBus.Properties.Set string:org.a11y.Status \
        string:ScreenReaderEnabled variant:boolean:true
    "$BIN" play levels/ad-smart-bottle.ron --seed 7 \
        >"$OUT/game.log" 2>&1 &
    game=$!
    status=0
    /usr/bin/python3 scripts/a11y-check.py "$OUT/tree.txt" || status=$?
    kill "$game" "$bus" 2>/dev/null || true
    wait "$game" 2>/dev/null || true
    exit "$status"
' 2> >(grep -v "Failed to set fd limit\|dbind-WARNING\|Activating service\|Successfully activated\|^$" >&2)
echo "a11y check: the trees read are in $out/tree.txt"
