#!/usr/bin/env bash
# Real-window check (not Monocle): the workstation opens at the saved layout's size under a
# window manager. Needs Xvfb, openbox, xdotool and xprop (apt-get install xvfb openbox xdotool
# x11-utils). Starts its own X server on a free display, its own data folder, and stops both.
#
#   app/src/test/scripts/window-size.sh            # exit 0: PASS, 1: FAIL, 2: tools missing
#
# Openbox + JavaFX 21 GTK used to leave the window at 200x200 (see WindowPlacement).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
for t in Xvfb openbox xdotool xprop; do
    command -v "$t" >/dev/null || { echo "window-size: $t is missing" >&2; exit 2; }
done
WANT_W=1280 WANT_H=800
home="$(mktemp -d)"
cat >"$home/workstation.json" <<JSON
{ "width": $WANT_W, "height": $WANT_H, "maximized": false }
JSON
d=90
while [ -e "/tmp/.X$d-lock" ]; do d=$((d + 1)); done
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$home"
}
trap cleanup EXIT
Xvfb ":$d" -screen 0 1600x1000x24 >/dev/null 2>&1 & pids+=($!)
sleep 1
DISPLAY=":$d" openbox >/dev/null 2>&1 & pids+=($!)
sleep 1
DISPLAY=":$d" PERESVET_HOME="$home" PERESVET_CDS=0 "$ROOT/peresvet" >"$home/run.log" 2>&1 & pids+=($!)
win=""
for _ in $(seq 1 120); do
    win="$(DISPLAY=":$d" xdotool search --name '^Peresvet' 2>/dev/null | head -n 1 || true)"
    [ -n "$win" ] && break
    sleep 1
done
[ -n "$win" ] || { echo "window-size: FAIL no window (log: $(tail -n 5 "$home/run.log"))"; exit 1; }
sleep 5 # the window manager's answers and the app's own settle period
read -r cw ch < <(DISPLAY=":$d" xdotool getwindowgeometry "$win" | sed -n 's/.*Geometry: \([0-9]*\)x\([0-9]*\).*/\1 \2/p')
# The layout keeps the whole window, frame included: add the frame the window manager drew.
ext="$(DISPLAY=":$d" xprop -id "$win" _NET_FRAME_EXTENTS 2>/dev/null | sed -n 's/.*= *//p' | tr -d ' ')"
IFS=, read -r l r t b <<<"${ext:-0,0,0,0}"
w=$((cw + l + r)) h=$((ch + t + b))
if [ "$w" = "$WANT_W" ] && [ "$h" = "$WANT_H" ]; then
    echo "window-size: PASS ${w}x${h} (content ${cw}x${ch}, frame $l,$r,$t,$b)"
else
    echo "window-size: FAIL ${w}x${h}, the layout says ${WANT_W}x${WANT_H} (content ${cw}x${ch}, frame $l,$r,$t,$b)"
    exit 1
fi
