#!/usr/bin/env bash
# The test suite under a sanitizer: Tests/Tools/sanitize.sh address|thread
# Builds into its own scratch directory (.build-SANITIZER), so the normal build is left alone.
# Foundation's String(contentsOfFile:) leaks its read buffer on Linux; the test support uses it,
# so that one leak is suppressed. Everything in memtop's own code is reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
kind=${1:-address}
case $kind in address|thread) ;; *) echo "usage: $0 address|thread" >&2; exit 2 ;; esac
supp=$(mktemp)
trap 'rm -f "$supp"' EXIT
echo "leak:FoundationEssentials" >"$supp"
export LSAN_OPTIONS="suppressions=$supp:print_suppressions=0"
swift build --build-tests --sanitize="$kind" --scratch-path ".build-$kind"
swift test --skip-build --sanitize="$kind" --scratch-path ".build-$kind"
