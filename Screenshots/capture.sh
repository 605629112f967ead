#!/usr/bin/env bash
# Regenerates the README screenshots from real runs of `memtop --demo` in tmux.
# Needs: tmux, python3 with Pillow, fonts-dejavu-core (see Screenshots/tools/README.md); go for go.png.
set -euo pipefail
cd "$(dirname "$0")/.."
# MEMTOP_BIN picks an already-built binary; otherwise the package is built here.
if [ -z "${MEMTOP_BIN:-}" ]; then
    swift build >/dev/null
    MEMTOP_BIN="$(swift build --show-bin-path)/memtop"
fi
bin="$MEMTOP_BIN"
shot=Screenshots/tools/tmux-shot.sh
out=Screenshots

# The demo leaks ~1.5 MiB/s under a GC-like sawtooth and a thread every 5 s: by 60 s all three alerts have fired.
"$shot" "$out/overview.png" 120 40 62 -- "$bin" --demo &
# Zoomed RSS graph at half a second per column, so the GC sawtooth's min/max columns show.
"$shot" "$out/zoom.png" 120 40 40 Enter -- "$bin" --demo --interval 500ms &
# The key help over the dashboard.
"$shot" "$out/help.png" 120 40 12 '?' -- "$bin" --demo &
# Plain ASCII, no colour: what a non-UTF-8 terminal gets.
NO_COLOR=1 "$shot" "$out/ascii.png" 100 32 30 -- "$bin" --demo --ascii &
# The Go runtime view: the fixture program leaking 2 MiB/s into a map and 5 goroutines/s.
if command -v go >/dev/null; then
    gotmp=$(mktemp -d)
    trap 'rm -rf "$gotmp"' EXIT
    GOCACHE="$gotmp/cache" GO111MODULE=off go build -o "$gotmp/go-leak" Tests/Fixtures/src/go-leak.go
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$shot" "$out/go.png" 140 45 75 -- "$bin" --go "http://127.0.0.1:$port" -- env GO_LEAK_AUTO=1 "$gotmp/go-leak" "$port" &
fi
wait
ls -l "$out"/*.png
