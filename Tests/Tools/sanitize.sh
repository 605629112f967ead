#!/usr/bin/env bash
# The test suite under a sanitizer: Tests/Tools/sanitize.sh address|thread [swift test options]
# (e.g. --filter 'MemtopCoreTests|MemtopUITests' for the pure suites only; .ci/run runs them all).
# Builds into its own scratch directory (.build-SANITIZER), so the normal build is left alone.
# The toolchain's own leaks are suppressed: Foundation's String(contentsOfFile:) read buffer,
# Foundation's Process bookkeeping (both used by the test support) and XCTest's suite objects.
# One false positive in memtop's code is suppressed too: LeakSanitizer cannot follow a pointer to an
# indirect enum's box, because Swift keeps the case tag in the pointer's spare bits. A JSON tree
# being read by the Go poller when memtop exits therefore looks leaked (JSONReader).
# Everything else in memtop's own code is reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
kind=${1:-address}
shift || true
case $kind in address|thread) ;; *) echo "usage: $0 address|thread" >&2; exit 2 ;; esac
supp=$(mktemp)
trap 'rm -f "$supp"' EXIT
printf '%s\n' "leak:FoundationEssentials" "leak:10Foundation7Process" "leak:XCTest" "leak:JSONReader" >"$supp"
export LSAN_OPTIONS="suppressions=$supp:print_suppressions=0"
swift build --build-tests --sanitize="$kind" --scratch-path ".build-$kind"
swift test --skip-build --sanitize="$kind" --scratch-path ".build-$kind" "$@"
