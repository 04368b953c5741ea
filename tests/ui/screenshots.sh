#!/usr/bin/env bash
# Renders a screenshot of every console page into docs/screenshots/ (light, plus the dashboard
# and services pages in the dark theme) under a virtual X server:
#   tests/ui/screenshots.sh [build folder, default: build]
# Needs xvfb and xauth (setup.sh test installs them) and a build with the tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
OUT=$ROOT/docs/screenshots
cmake --build "$BUILD" --target console-screenshots
tool=$BUILD/tests/ui/console-screenshots
mkdir -p "$OUT"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The same fonts and DPI on every machine: a 1280x800 screen at 96 dpi.
run() { QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1 xvfb-run -a -s "-screen 0 1280x800x24 -dpi 96" "$tool" "$@"; }
run "$OUT"
run "$scratch" --dark
cp "$scratch"/dashboard-dark.png "$scratch"/services-dark.png "$OUT"/ 2>/dev/null || true
ls -1 "$OUT"
