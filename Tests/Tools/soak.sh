#!/usr/bin/env bash
# Soak: memtop at a 100 ms interval on a leaking target, headless and with the dashboard (in tmux),
# for SOAK_MINUTES (default 30, i.e. 18,000 samples; both run a minute longer so the last
# measurement finds them running). Every minute it logs the target's RSS and each memtop's RSS and
# CPU, split into user time (memtop's own work) and system time (mostly the kernel walking the
# target's pages for smaps_rollup, which grows with the target). At the end it prints RSS growth
# after the first minute (target: <= 5 MiB); CPU per minute should stay flat apart from that
# kernel share. Needs tmux. MEMTOP_BIN picks a built binary; otherwise a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${SOAK_MINUTES:-30}
if [ -z "${MEMTOP_BIN:-}" ]; then
    swift build -c release --product memtop >/dev/null
    MEMTOP_BIN="$(swift build -c release --show-bin-path)/memtop"
fi
bin=$MEMTOP_BIN
work=$(mktemp -d)
sock="memtop-soak-$$"
pids=()
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# The target leaks 0.05 MiB/s (90 MiB over 30 minutes); its stdin is a pipe held open by sleep.
sleep $((minutes * 60 + 120)) | "$bin" __workload leak 0.05 &
target=$(pgrep -n -f "__workload leak 0.05")
pids+=("$target")
"$bin" --pid "$target" --no-ui --interval 100ms --duration "$((minutes + 1))m" --csv "$work/soak.csv" >"$work/headless.out" 2>&1 &
headless=$!
pids+=("$headless")
tmux -L "$sock" -f /dev/null new-session -d -s soak -x 140 -y 45 \
    "env LANG=C.UTF-8 TERM=tmux-256color sh -c 'echo \$\$ > $work/ui.pid; exec $bin --pid $target --interval 100ms --duration $((minutes + 1))m'"
sleep 1
ui=$(cat "$work/ui.pid")

ticks=$(getconf CLK_TCK)
sample() {  # pid -> "rss_kib user_ticks system_ticks"
    local rss cpu
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
    cpu=$(awk '{print $14, $15}' "/proc/$1/stat" 2>/dev/null || echo "0 0")
    echo "$rss $cpu"
}
pct() { awk -v a="$1" -v b="$2" -v t="$ticks" 'BEGIN { printf "%.2f", (b - a) / t / 60 * 100 }'; }
printf "%6s %11s  %13s %7s %7s  %13s %7s %7s\n" minute "target KiB" "headless KiB" "user %" "sys %" "dashboard KiB" "user %" "sys %"
read -r h0 hu0 hs0 <<<"$(sample "$headless")"
read -r u0 uu0 us0 <<<"$(sample "$ui")"
hfirst="" ufirst=""
for m in $(seq 1 "$minutes"); do
    sleep 60
    read -r t _ _ <<<"$(sample "$target")"
    read -r h hu hs <<<"$(sample "$headless")"
    read -r u uu us <<<"$(sample "$ui")"
    printf "%6d %11s  %13s %7s %7s  %13s %7s %7s\n" "$m" "$t" "$h" "$(pct "$hu0" "$hu")" "$(pct "$hs0" "$hs")" \
        "$u" "$(pct "$uu0" "$uu")" "$(pct "$us0" "$us")"
    hu0=$hu hs0=$hs uu0=$uu us0=$us
    [ -z "$hfirst" ] && hfirst=$h && ufirst=$u
    hlast=$h ulast=$u
done
wait "$headless" || true
rows=$(($(wc -l <"$work/soak.csv") - 1))
echo "headless: $(cat "$work/headless.out" | tail -1)"
echo "CSV rows: $rows (expected about $(((minutes + 1) * 600)))"
echo "RSS growth after the first minute: headless $(( (hlast - hfirst) )) KiB, dashboard $(( (ulast - ufirst) )) KiB (target <= 5120 KiB)"
