#!/usr/bin/env bash
# Soak: memtop at a 100 ms interval on a leaking target, headless and with the dashboard (in tmux),
# for SOAK_MINUTES (default 30, i.e. 18,000 samples; both run a minute longer so the last
# measurement finds them running). Every minute it logs the target's RSS and each memtop's RSS and
# CPU (utime + stime: the kernel's split between them is sampled by ticks and unreliable at these
# rates). At the end it prints RSS growth after the first minute (target: <= 5 MiB); CPU per
# minute should stay flat, but for the kernel's cost of reading a target that grows (smaps_rollup
# walks its pages). Needs tmux. MEMTOP_BIN picks a built binary; otherwise a release build.
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
    exec 3>&-
    tmux -L "$sock" kill-server 2>/dev/null || true
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# The target leaks 0.05 MiB/s (90 MiB over 30 minutes). Its stdin is a fifo this script holds
# open on fd 3, so it runs as long as the script does.
mkfifo "$work/stdin"
"$bin" __workload leak 0.05 <"$work/stdin" &
target=$!
pids+=("$target")
exec 3>"$work/stdin"
# Wait for the exec, so memtop attaches to the workload rather than to the shell that forked it.
for _ in $(seq 100); do grep -q __workload "/proc/$target/cmdline" 2>/dev/null && break; sleep 0.05; done
"$bin" --pid "$target" --no-ui --interval 100ms --duration "$((minutes + 1))m" --csv "$work/soak.csv" >"$work/headless.out" 2>&1 &
headless=$!
pids+=("$headless")
tmux -L "$sock" -f /dev/null new-session -d -s soak -x 140 -y 45 \
    "env LANG=C.UTF-8 TERM=tmux-256color sh -c 'echo \$\$ > $work/ui.pid; exec $bin --pid $target --interval 100ms --duration $((minutes + 1))m'"
sleep 1
ui=$(cat "$work/ui.pid")

ticks=$(getconf CLK_TCK)
sample() {  # pid -> "rss_kib cpu_ticks"
    local rss cpu
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
    cpu=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0)
    echo "$rss $cpu"
}
pct() { awk -v a="$1" -v b="$2" -v t="$ticks" 'BEGIN { printf "%.2f", (b - a) / t / 60 * 100 }'; }
printf "%6s %11s  %13s %7s  %13s %7s\n" minute "target KiB" "headless KiB" "cpu %" "dashboard KiB" "cpu %"
read -r h0 hc0 <<<"$(sample "$headless")"
read -r u0 uc0 <<<"$(sample "$ui")"
hfirst="" ufirst=""
hcpu=() ucpu=()
for m in $(seq 1 "$minutes"); do
    sleep 60
    read -r t _ <<<"$(sample "$target")"
    read -r h hc <<<"$(sample "$headless")"
    read -r u uc <<<"$(sample "$ui")"
    hp=$(pct "$hc0" "$hc") up=$(pct "$uc0" "$uc")
    printf "%6d %11s  %13s %7s  %13s %7s\n" "$m" "$t" "$h" "$hp" "$u" "$up"
    hcpu+=("$hp") ucpu+=("$up")
    hc0=$hc uc0=$uc
    [ -z "$hfirst" ] && hfirst=$h && ufirst=$u
    hlast=$h ulast=$u
done
wait "$headless" || true
rows=$(($(wc -l <"$work/soak.csv") - 1))
echo "headless: $(cat "$work/headless.out" | tail -1)"
echo "CSV rows: $rows (expected about $(((minutes + 1) * 600)))"
echo "RSS growth after the first minute: headless $(( (hlast - hfirst) )) KiB, dashboard $(( (ulast - ufirst) )) KiB (target <= 5120 KiB)"
mean() { printf '%s\n' "$@" | awk '{ s += $1; n++ } END { printf "%.2f", n ? s / n : 0 }'; }
if [ "$minutes" -ge 10 ]; then
    echo "CPU, mean of the first 5 minutes -> the last 5: headless $(mean "${hcpu[@]:0:5}")% -> $(mean "${hcpu[@]: -5}")%," \
        "dashboard $(mean "${ucpu[@]:0:5}")% -> $(mean "${ucpu[@]: -5}")%"
fi
