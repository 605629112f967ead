#!/usr/bin/env bash
# tmux-shot.sh OUT.png COLS ROWS DELAY_SECONDS [KEYS...] -- COMMAND...
#
# Runs COMMAND in a private, detached tmux server whose only pane is exactly
# COLS x ROWS (TERM=xterm-256color, LANG=C.UTF-8), waits DELAY_SECONDS, sends
# each KEY with `tmux send-keys` (tmux key names such as Down, Tab, F5, C-c, q;
# anything else is typed literally), captures the screen with colours and
# renders OUT.png with ansi2png.py next to this script.  The tmux server runs
# on its own socket (tmux -L tmux-shot-<pid>-<random>) and is killed at the
# end, so other tmux servers and sessions are never touched.
#
# Environment (optional):
#   TMUX_SHOT_KEY_DELAY  pause after each key, seconds (default 0.5)
#   TMUX_SHOT_SETTLE     pause after the last key before capturing (default 1)
#   TMUX_SHOT_ANSI       also keep the raw capture at this path
#   ANSI2PNG_ARGS        extra ansi2png.py options, e.g. "--font-size 18"
#   PYTHON               python interpreter (default python3)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=${PYTHON:-python3}

usage() {
    echo "usage: ${0##*/} OUT.png COLS ROWS DELAY_SECONDS [KEYS...] -- COMMAND..." >&2
    echo "example: ${0##*/} /tmp/htop.png 120 40 2 F5 Down Down -- htop" >&2
    echo "(options via environment: see the header of $0)" >&2
    exit 2
}

[[ $# -ge 6 ]] || usage
out=$1 cols=$2 rows=$3 delay=$4
shift 4
[[ $cols =~ ^[0-9]+$ && $rows =~ ^[0-9]+$ && $cols -ge 2 && $rows -ge 2 ]] \
    || { echo "tmux-shot: COLS and ROWS must be integers >= 2" >&2; exit 2; }
[[ $delay =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "tmux-shot: bad DELAY_SECONDS '$delay'" >&2; exit 2; }
keys=()
while [[ $# -gt 0 && $1 != -- ]]; do keys+=("$1"); shift; done
[[ $# -gt 0 ]] || { echo "tmux-shot: missing '--' before COMMAND" >&2; usage; }
shift
[[ $# -gt 0 ]] || { echo "tmux-shot: missing COMMAND after '--'" >&2; usage; }
key_delay=${TMUX_SHOT_KEY_DELAY:-0.5}
settle=${TMUX_SHOT_SETTLE:-1}

# --- prerequisites: check only, never install --------------------------------
missing=0
if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux-shot: tmux not found. Install it: apt-get install tmux" >&2
    missing=1
fi
if ! command -v "$py" >/dev/null 2>&1; then
    echo "tmux-shot: $py not found. Install it: apt-get install python3" >&2
    missing=1
elif ! check_out=$("$py" "$here/ansi2png.py" --check 2>&1); then
    printf '%s\n' "$check_out" | sed 's/^/tmux-shot: /' >&2
    missing=1
fi
if [[ $missing -ne 0 ]]; then
    echo "tmux-shot: nothing was installed; install the missing prerequisites above" \
         "(Debian: tmux fonts-dejavu-core; pip: pillow)" >&2
fi
[[ $missing -eq 0 ]] || exit 3

# --- private tmux server ------------------------------------------------------
sock="tmux-shot-$$-$RANDOM$RANDOM"
session="shot"
target="=$session:"   # exact session name, its current window/pane
work=$(mktemp -d "${TMPDIR:-/tmp}/tmux-shot.XXXXXX")
conf="$work/tmux.conf"
cap="$work/capture.ansi"

export LANG=C.UTF-8
unset LC_ALL LC_CTYPE TMUX
tm() { tmux -u -L "$sock" "$@"; }

sockpath="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
cleanup() {
    tm kill-session -t "=$session" >/dev/null 2>&1 || true
    tm kill-server >/dev/null 2>&1 || true   # our private server only
    if [[ -S $sockpath ]]; then rm -f "$sockpath"; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$conf" <<EOF
set -g default-terminal "xterm-256color"
set -g status off
set -g remain-on-exit on
set -g remain-on-exit-format ""
set -g history-limit 0
set -g escape-time 0
set -g default-size "${cols}x${rows}"
set -g update-environment ""
EOF

# With more than one argument tmux runs COMMAND directly (no shell); a single
# argument is run with sh -c, so "cmd --flag | other" works as one string.
tm -f "$conf" new-session -d -s "$session" -x "$cols" -y "$rows" \
    -e TERM=xterm-256color -e LANG=C.UTF-8 -- "$@"

size=$(tm display-message -p -t "$target" '#{pane_width}x#{pane_height}')
if [[ $size != "${cols}x${rows}" ]]; then
    tm resize-window -t "$target" -x "$cols" -y "$rows" >/dev/null 2>&1 || true
    size=$(tm display-message -p -t "$target" '#{pane_width}x#{pane_height}')
    if [[ $size != "${cols}x${rows}" ]]; then
        echo "tmux-shot: pane is $size, wanted ${cols}x${rows}" >&2
        exit 4
    fi
fi

sleep "$delay"
for k in "${keys[@]+"${keys[@]}"}"; do
    tm send-keys -t "$target" -- "$k"
    sleep "$key_delay"
done
[[ ${#keys[@]} -eq 0 ]] || sleep "$settle"

if [[ $(tm display-message -p -t "$target" '#{pane_dead}') == 1 ]]; then
    echo "tmux-shot: note: the command had already exited (status" \
         "$(tm display-message -p -t "$target" '#{pane_dead_status}')); capturing what it left" >&2
fi

# -p stdout, -e keep SGR colours/attributes, -N keep trailing spaces so every
# row is exactly COLS cells (no -J: joining wrapped rows would break the grid).
tm capture-pane -p -e -N -t "$target" >"$cap"
[[ -z ${TMUX_SHOT_ANSI:-} ]] || cp "$cap" "$TMUX_SHOT_ANSI"

# shellcheck disable=SC2086  # ANSI2PNG_ARGS is a list of options
"$py" "$here/ansi2png.py" --cols "$cols" --rows "$rows" ${ANSI2PNG_ARGS:-} "$cap" "$out"
echo "$out"
