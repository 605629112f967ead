#!/usr/bin/env bash
# Rebuilds the Go runtime fixtures under Tests/Fixtures/go/<version>/ from a
# live src/go-leak.go process, once per Go toolchain found on this machine.
#
#   bash Tests/Fixtures/go/capture.sh
#
# Toolchains: the gc toolchain (`go`, Debian: apt-get install -y golang-go) and
# gccgo (`$GCCGO`, else gccgo-12, else gccgo; Debian: apt-get install -y
# gccgo-12). A missing toolchain is skipped with a note; at least one is needed.
# Also needs curl and jq (apt-get install -y curl jq).
#
# For each toolchain: build go-leak in a temporary directory with the build
# directory trimmed from file names, start it on a free loopback port, then
#   GET /grow?mb=8, GET /leak?n=20,
#   force a GC (GET /debug/pprof/heap?gc=1, body dropped),
#   save /debug/vars, /debug/pprof/heap?debug=1, /debug/pprof/goroutine?debug=1
#   and /debug/pprof/ (vars.json, heap.txt, goroutine.txt, index.html),
#   GET /grow?mb=4, force a GC again,
#   save /debug/pprof/heap?debug=1 and /debug/vars (heap-after.txt, vars-after.json),
# stop the process by its PID, and write EXPECTED from the saved files with jq
# and awk. The forced GC makes the heap profile (which shows the heap as of the
# last completed GC) include every chunk that /grow allocated and been sampled.
# Only processes this script started are signalled, each by its PID.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$HERE/../src/go-leak.go

BUILD=$(mktemp -d)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]+"${PIDS[@]}"}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$BUILD"
}
trap cleanup EXIT

die() { echo "capture.sh: $*" >&2; exit 1; }
note() { echo "capture.sh: $*" >&2; }

command -v curl >/dev/null || die "curl is missing (apt-get install -y curl)"
command -v jq >/dev/null || die "jq is missing (apt-get install -y jq)"
[ -f "$SRC" ] || die "cannot find $SRC"

if [ -z "${HOME:-}" ] && [ -z "${GOCACHE:-}" ]; then
    export GOCACHE=$BUILD/gocache
fi
export GOFLAGS=

# ---------------------------------------------------------------- build
# Each build happens in its own directory, with the file named ./go-leak.go,
# and that directory trimmed, so profiles show "./go-leak.go:LINE".
TOOLCHAINS=()   # entries: "<version dir> <binary>"

if command -v go >/dev/null; then
    ver=$(go env GOVERSION)
    dir=$BUILD/gc
    mkdir -p "$dir"
    cp "$SRC" "$dir/go-leak.go"
    (cd "$dir" && go build -trimpath -o "$dir/go-leak" ./go-leak.go)
    TOOLCHAINS+=("$ver $dir/go-leak")
else
    note "go not found: skipping the gc toolchain"
fi

GCCGO_BIN=${GCCGO:-}
if [ -z "$GCCGO_BIN" ]; then
    for c in gccgo-12 gccgo; do
        if command -v "$c" >/dev/null; then GCCGO_BIN=$c; break; fi
    done
fi
if [ -n "$GCCGO_BIN" ] && command -v "$GCCGO_BIN" >/dev/null; then
    ver=gccgo$("$GCCGO_BIN" -dumpfullversion)
    dir=$BUILD/gccgo
    mkdir -p "$dir"
    cp "$SRC" "$dir/go-leak.go"
    (cd "$dir" && "$GCCGO_BIN" -g -ffile-prefix-map="$dir"=. -o "$dir/go-leak" ./go-leak.go)
    TOOLCHAINS+=("$ver $dir/go-leak")
else
    note "gccgo not found: skipping gccgo"
fi

[ "${#TOOLCHAINS[@]}" -gt 0 ] || die "no Go toolchain found"

# ---------------------------------------------------------------- capture
# get URL FILE: GET a URL and write the body to FILE (fails on HTTP errors).
get() { curl -sS --fail --max-time 30 -o "$2" "$1"; }

capture() {
    local ver=$1 bin=$2
    local out=$HERE/$ver
    local log=$BUILD/$ver.stdout
    note "capturing $ver"

    # argv[0] is a plain "go-leak" so the cmdline in vars.json names no
    # temporary path. The subshell execs the binary, so $! is its PID.
    (exec -a go-leak "$bin" 0) >"$log" 2>"$BUILD/$ver.stderr" &
    local pid=$!
    PIDS+=("$pid")

    local line="" i
    for i in $(seq 1 100); do
        line=$(head -n 1 "$log" 2>/dev/null || true)
        case $line in listening\ *) break ;; esac
        kill -0 "$pid" 2>/dev/null || die "$ver: go-leak exited early: $(cat "$BUILD/$ver.stderr")"
        sleep 0.1
    done
    case $line in
        "listening 127.0.0.1:"[0-9]*) ;;
        *) die "$ver: no 'listening' line (got '$line')" ;;
    esac
    local base="http://${line#listening }"

    rm -rf "$out"
    mkdir -p "$out"
    get "$base/grow?mb=8" /dev/null
    get "$base/leak?n=20" /dev/null
    get "$base/debug/pprof/heap?gc=1" /dev/null
    get "$base/debug/vars" "$out/vars.json"
    get "$base/debug/pprof/heap?debug=1" "$out/heap.txt"
    get "$base/debug/pprof/goroutine?debug=1" "$out/goroutine.txt"
    get "$base/debug/pprof/" "$out/index.html"
    get "$base/grow?mb=4" /dev/null
    get "$base/debug/pprof/heap?gc=1" /dev/null
    get "$base/debug/pprof/heap?debug=1" "$out/heap-after.txt"
    get "$base/debug/vars" "$out/vars-after.json"

    kill "$pid"
    wait "$pid" 2>/dev/null || true
    local p rest=()
    for p in "${PIDS[@]}"; do [ "$p" = "$pid" ] || rest+=("$p"); done
    PIDS=("${rest[@]+"${rest[@]}"}")

    write_expected "$ver" "$out" >"$out/EXPECTED"
}

# ---------------------------------------------------------------- EXPECTED
# heap_facts FILE PREFIX TOPKEY: facts about one legacy text heap profile.
#   PREFIXheader        the first line
#   PREFIXsample_rate   the number after "heap/" in the header
#   PREFIXrecords       lines after the header, before "# runtime.MemStats",
#                       that do not start with "#" and contain " @ "
#   PREFIXgrowmap_records / _inuse_objects / _inuse_bytes
#                       records whose "#" frame lines include main.growMap,
#                       and the sums of their in-use counts
#   TOPKEY              (top_function / after_top_function) among those records, the first "#" frame's function
#                       of the one with the most in-use bytes
#   PREFIXtrailer_heap_alloc  "# HeapAlloc = N" in the MemStats trailer
heap_facts() {
    awk -v P="$2" -v TOPKEY="$3" '
        function flush() {
            if (inrec && hasgrow) {
                gr++; gobj += robj; gbytes += rbytes
                if (top == "" || rbytes > topbytes) { top = leaf; topbytes = rbytes }
            }
            inrec = 0; hasgrow = 0; leaf = ""
        }
        NR == 1 {
            print P "header=" $0
            rate = $0; sub(/.*@ heap\//, "", rate); print P "sample_rate=" rate
            next
        }
        /^# runtime\.MemStats/ { flush(); trailer = 1; next }
        trailer && /^# HeapAlloc = / { print P "trailer_heap_alloc=" $4; next }
        trailer { next }
        /^#/ {
            # "#<TAB>PC<TAB>FUNCTION+0xOFF<TAB>FILE:LINE"
            if (inrec) {
                fn = $3; sub(/\+0x[0-9a-f]+$/, "", fn)
                if (leaf == "") leaf = fn
                if (fn == "main.growMap") hasgrow = 1
            }
            next
        }
        / @ / {
            flush()
            recs++; inrec = 1
            split($0, a, /[: \[\]]+/)
            robj = a[1]; rbytes = a[2]
            next
        }
        { flush() }
        END {
            flush()
            print P "records=" recs + 0
            print P "growmap_records=" gr + 0
            print P "growmap_inuse_objects=" gobj + 0
            print P "growmap_inuse_bytes=" gbytes + 0
            if (top != "") print TOPKEY "=" top
        }
    ' "$1"
}

write_expected() {
    local ver=$1 out=$2
    echo "version=$ver"
    jq -r '
        "heap_alloc=\(.memstats.HeapAlloc)",
        "heap_inuse=\(.memstats.HeapInuse)",
        "heap_sys=\(.memstats.HeapSys)",
        "heap_objects=\(.memstats.HeapObjects)",
        "num_gc=\(.memstats.NumGC)",
        "next_gc=\(.memstats.NextGC)",
        "leak_bytes=\(.leak_bytes)",
        "leak_goroutines=\(.leak_goroutines)",
        "memstats_fields=\(.memstats | keys | length)"
    ' "$out/vars.json"
    awk 'NR == 1 { n = $0; sub(/^goroutine profile: total /, "", n); print "goroutines_total=" n; exit }' \
        "$out/goroutine.txt"
    # Records in the goroutine profile ("N @ pc pc ..." or, for a record
    # without a stack, "N @"), and the count on the record whose frames
    # include a main.leakGoroutines closure, if any.
    awk '
        /^[0-9]+ @/ { recs++; cur = $1; next }
        /^#/ && $3 ~ /^main\.leakGoroutines[.+]/ && cur != "" { leak = cur; cur = "" }
        END {
            print "goroutine_records=" recs + 0
            if (leak != "") print "goroutine_leak_record_count=" leak
        }
    ' "$out/goroutine.txt"
    heap_facts "$out/heap.txt" heap_ top_function
    jq -r '
        "after_heap_alloc=\(.memstats.HeapAlloc)",
        "after_leak_bytes=\(.leak_bytes)"
    ' "$out/vars-after.json"
    heap_facts "$out/heap-after.txt" after_heap_ after_top_function
}

for tc in "${TOOLCHAINS[@]}"; do
    capture ${tc% *} ${tc#* }
done
note "done: ${TOOLCHAINS[*]%% *}"
