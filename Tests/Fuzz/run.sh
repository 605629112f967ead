#!/usr/bin/env bash
# Coverage-guided fuzzing of memtop's parsers with libFuzzer (and AddressSanitizer).
# Usage: Tests/Fuzz/run.sh [SECONDS]   (default 60). Crashing inputs land in the work directory it prints.
# The seed corpus is every captured fixture, each prefixed with the byte that picks its parser.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
work=$(mktemp -d)
echo "work directory: $work"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name MemtopCore \
    $(find Sources/MemtopCore -name '*.swift') Tests/Fuzz/FuzzEntry.swift -o "$work/memtop-fuzz"
mkdir -p "$work/corpus"
seed() {  # selector file
    { printf "\\x$(printf %02x "$1")"; cat "$2"; } >"$work/corpus/$(basename "$(dirname "$2")")-$(basename "$2")-$1"
}
for d in Tests/Fixtures/proc/*/; do
    [ -f "$d/status" ] && seed 0 "$d/status"
    [ -f "$d/stat" ] && seed 1 "$d/stat"
    [ -f "$d/smaps_rollup" ] && seed 2 "$d/smaps_rollup"
    [ -f "$d/smaps" ] && seed 3 "$d/smaps"
done
[ -f Tests/Fixtures/cgroup/meminfo ] && seed 4 Tests/Fixtures/cgroup/meminfo
for d in Tests/Fixtures/go/*/; do
    seed 6 "$d/vars.json"
    seed 7 "$d/heap.txt"
    seed 8 "$d/goroutine.txt"
done
cd "$work"
./memtop-fuzz -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=1048576 corpus
