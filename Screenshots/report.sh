#!/usr/bin/env bash
# Renders an HTML report (from `memtop report`) to a PNG with headless Chromium, to look at or put in the README.
# Usage: Screenshots/report.sh REPORT.html OUT.png   (needs Debian's `chromium`: apt-get install -y chromium)
# WIDTH and HEIGHT set the window in CSS pixels (default 1200x2400); the page is cut at HEIGHT.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 REPORT.html OUT.png" >&2
    exit 2
fi
report=$1
out=$2
if [ ! -f "$report" ]; then
    echo "$0: no such report: $report" >&2
    exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 3
fi

# Chromium wants absolute paths: a file:// URL for the page, and --screenshot resolves against its own cwd.
abs_report=$(realpath "$report")
abs_out=$(realpath -m "$out")
mkdir -p "$(dirname "$abs_out")"
rm -f "$abs_out"

# A throwaway profile so a running browser's profile is never touched, and nothing is left behind.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --no-first-run --disable-extensions \
    --window-size="${WIDTH:-1200},${HEIGHT:-2400}" \
    --screenshot="$abs_out" "file://$abs_report" >/dev/null 2>&1 || true

# Chromium's exit status is unreliable in headless mode; the file is the proof.
if [ ! -s "$abs_out" ]; then
    echo "$0: chromium did not write $abs_out" >&2
    exit 1
fi
echo "$abs_out"
