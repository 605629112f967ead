#!/usr/bin/env bash
# Rebuilds the /proc fixtures under Tests/Fixtures/proc/ from live processes.
#
#   bash Tests/Fixtures/capture.sh
#
# Needs: Linux, root (to create the run directory under /srv and to read
# /proc/2/smaps), gcc, perl, and go (Debian: apt-get install -y golang-go).
# The cgroup/ fixtures are hand-written and are not touched by this script.
#
# Steps: compile src/*.c and src/*.go in a temporary directory, copy the
# binaries to a neutral run directory (default /srv/memtop-fixtures, so smaps
# paths carry no machine-specific path), start them from there, wait until they
# say "ready" and have settled, copy /proc/PID/{status,stat,smaps,smaps_rollup,
# cmdline} byte for byte, kill each workload by its PID, scrub any leaked
# /work, /root or /home path to /srv/app/<basename>, synthesize the anon-named
# case, and write an EXPECTED file per case computed from the captured files.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$HERE/src
OUT=$HERE/proc
RUN_DIR=${MEMTOP_FIXTURE_RUN_DIR:-/srv/memtop-fixtures}
FILES=(status stat smaps smaps_rollup cmdline)

BUILD=$(mktemp -d)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$BUILD"
    if [ "${INSTALLED:-0}" = 1 ]; then
        rm -f "$RUN_DIR/c-threads" "$RUN_DIR/comm-paren" "$RUN_DIR/shmem-probe" "$RUN_DIR/go-server"
        rmdir "$RUN_DIR" 2>/dev/null || true
    fi
}
trap cleanup EXIT

die() { echo "capture.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------- build
build() {
    command -v gcc >/dev/null || die "gcc is missing"
    command -v go >/dev/null || die "go is missing (apt-get install -y golang-go)"
    command -v perl >/dev/null || die "perl is missing"
    gcc -O2 -Wall -pthread -o "$BUILD/c-threads" "$SRC/c-threads.c"
    gcc -O2 -Wall -o "$BUILD/comm-paren" "$SRC/comm-paren.c"
    gcc -O2 -Wall -o "$BUILD/shmem-probe" "$SRC/shmem-probe.c"
    mkdir -p "$BUILD/go"
    cp "$SRC/go-server.go" "$BUILD/go/"
    if [ -z "${HOME:-}" ] && [ -z "${GOCACHE:-}" ]; then
        export GOCACHE=$BUILD/gocache
    fi
    # -trimpath keeps build-machine paths out of the binary.
    (cd "$BUILD/go" && GOFLAGS= go build -trimpath -o "$BUILD/go-server" go-server.go)

    mkdir -p "$RUN_DIR"
    INSTALLED=1
    local b
    for b in c-threads comm-paren shmem-probe go-server; do
        install -m 0755 "$BUILD/$b" "$RUN_DIR/$b"
    done
}

# ---------------------------------------------------------------- processes
# start NAME ARGS...: runs $RUN_DIR/NAME from $RUN_DIR; sets LAST_PID.
start() {
    local name=$1
    shift
    (cd "$RUN_DIR" && exec "$RUN_DIR/$name" "$@") >"$BUILD/$name.out" 2>"$BUILD/$name.err" &
    LAST_PID=$!
    PIDS+=("$LAST_PID")
}

wait_ready() { # PID NAME
    local pid=$1 name=$2 i
    for i in $(seq 1 600); do
        grep -q '^ready' "$BUILD/$name.out" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || die "$name exited early: $(cat "$BUILD/$name.err")"
        sleep 0.1
    done
    die "$name did not get ready"
}

# Waits until Threads: and VmRSS: in status stop changing between two reads.
settle() { # PID
    local pid=$1 a b i
    sleep 1
    for i in $(seq 1 30); do
        a=$(grep -E '^(Threads|VmRSS):' "/proc/$pid/status")
        sleep 1
        b=$(grep -E '^(Threads|VmRSS):' "/proc/$pid/status")
        [ "$a" = "$b" ] && return 0
    done
    echo "capture.sh: warning: pid $pid did not settle" >&2
}

stop() { # PID
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    local keep=() p
    for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
    PIDS=("${keep[@]+"${keep[@]}"}")
}

# ---------------------------------------------------------------- capture
# capture PID CASE: copies the five files. A file the kernel refuses to read
# (kthreadd's smaps_rollup fails with ESRCH) is left out, and the error is
# recorded in $dir/.errors for EXPECTED.
capture() {
    local pid=$1 case=$2 dir=$OUT/$2 f
    rm -rf "$dir"
    mkdir -p "$dir"
    : >"$dir/.errors"
    for f in "${FILES[@]}"; do
        if ! cat "/proc/$pid/$f" >"$dir/$f" 2>"$BUILD/err"; then
            rm -f "$dir/$f"
            printf '%s_read_error=%s\n' "$f" "$(sed 's/^.*: //' "$BUILD/err")" >>"$dir/.errors"
        fi
    done
}

# ---------------------------------------------------------------- scrubbing
LEAK_RE='/work|/root|/home'

scrub() { # DIR
    local dir=$1 f hits
    hits=$(grep -lE "$LEAK_RE" "$dir"/* 2>/dev/null || true)
    if [ -n "$hits" ]; then
        echo "capture.sh: scrubbing machine paths in: $hits" >&2
        while IFS= read -r f; do
            # Paths are the last column of a smaps header, so replacing them
            # leaves the other columns where they were.
            perl -0777 -pi -e 's{(?<![\w/])(?:/work|/root|/home)(?=[/\s\0]|\z)([^\s\0]*)}{my @p = grep { length } split m{/}, $1; "/srv/app" . (@p ? "/$p[-1]" : "")}ge' "$f"
        done <<<"$hits"
    fi
    if grep -lE "$LEAK_RE" "$dir"/* 2>/dev/null; then die "machine paths left in $dir"; fi
    if grep -lF "$BUILD" "$dir"/* 2>/dev/null; then die "build paths left in $dir"; fi
    # The hostname can only show up in free text: smaps paths, cmdline, comm.
    local host
    host=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)
    if [ -n "$host" ] && {
        [ -f "$dir/smaps" ] && grep -E '^[0-9a-f]+-[0-9a-f]+ ' "$dir/smaps" | cut -c74-
        [ -f "$dir/cmdline" ] && tr '\0' '\n' <"$dir/cmdline"
        [ -f "$dir/status" ] && grep '^Name:' "$dir/status"
    } | grep -qwF -- "$host"; then
        die "hostname '$host' appears in $dir; scrub it by hand"
    fi
}

# ---------------------------------------------------------------- EXPECTED
expected() { # DIR SYNTHESIZED
    local dir=$1 synth=$2
    {
        echo "synthesized=$synth"
        # stat: comm may hold ')' and spaces, so split at the LAST ')'.
        # Tokens after it are fields 3.. of proc(5): token k is field k+2.
        awk '{
            lp = index($0, "(")
            for (rp = length($0); rp > 0; rp--) if (substr($0, rp, 1) == ")") break
            print "pid=" substr($0, 1, lp - 2)
            print "comm=" substr($0, lp + 1, rp - lp - 1)
            n = split(substr($0, rp + 2), f, " ")
            print "state=" f[1]
            print "minflt=" f[8]
            print "majflt=" f[10]
            print "starttime=" f[20]
        }' "$dir/stat"
        awk -F'\t' '
            $1 == "Name:"    { name = $2 }
            $1 == "Kthread:" { kthread = $2 }
            { split($2, v, " "); val[$1] = v[1] }
            END {
                print "name=" name
                if (kthread != "") print "kthread=" kthread
                print "threads=" val["Threads:"]
                n = split("VmRSS:vmrss_kb RssAnon:rssanon_kb RssFile:rssfile_kb RssShmem:rssshmem_kb VmSize:vmsize_kb VmHWM:vmhwm_kb", keys, " ")
                for (i = 1; i <= n; i++) {
                    split(keys[i], kv, ":")
                    if ((kv[1] ":") in val) print kv[2] "=" val[kv[1] ":"]
                }
            }' "$dir/status"
        if [ -s "$dir/smaps_rollup" ]; then
            awk '
                { v[$1] = $2 }
                END {
                    print "rollup_rss_kb=" v["Rss:"]
                    print "rollup_pss_kb=" v["Pss:"]
                    print "rollup_private_kb=" v["Private_Clean:"] + v["Private_Dirty:"]
                    print "rollup_swap_kb=" v["Swap:"]
                    print "rollup_lazyfree_kb=" v["LazyFree:"]
                }' "$dir/smaps_rollup"
        fi
        # smaps: a header is "start-end perms offset dev inode [path]"; the
        # path may contain spaces ("/memfd:pool (deleted)").
        awk '
            /^[0-9a-f]+-[0-9a-f]+ / {
                maps++
                path = $0
                sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ [^ ]+ */, "", path)
                sub(/ +$/, "", path)
                heapish = (path == "[heap]") || (substr($2, 4, 1) == "p" && path == "") || (substr(path, 1, 6) == "[anon:")
                stack = (path == "[stack]")
                if (substr(path, 1, 6) == "[anon:") named++
                next
            }
            $1 == "Rss:" { if (heapish) heap += $2; if (stack) stk += $2 }
            END {
                print "mappings=" maps + 0
                if (maps > 0) {
                    print "heap_kb=" heap + 0
                    print "stack_kb=" stk + 0
                    print "anon_name_mappings=" named + 0
                }
            }' "$dir/smaps"
        # cmdline: NUL-terminated arguments (empty for kernel threads).
        echo "argc=$(tr -cd '\0' <"$dir/cmdline" | wc -c)"
        tr '\0' '\n' <"$dir/cmdline" | awk '{ print "argv" NR - 1 "=" $0 }'
        cat "$dir/.errors"
    } >"$dir/EXPECTED"
    rm -f "$dir/.errors"
}

# ---------------------------------------------------------------- anon-named
# pad_header LINE NAME: prints a smaps header line renamed to NAME, padded the
# way the kernel pads it (prefix to 72 columns, one space, then the name).
pad_header() {
    awk -v name="$2" '{
        sub(/ +$/, "")
        n = split($0, f, " ")
        line = f[1] " " f[2] " " f[3] " " f[4] " " f[5] " "
        while (length(line) < 72) line = line " "
        print line " " name
    }' <<<"$1"
}

# extract_block FILE REGEX: prints the smaps block whose header matches REGEX.
extract_block() {
    awk -v re="$2" '
        /^[0-9a-f]+-[0-9a-f]+ / { inblk = ($0 ~ re) }
        inblk' "$1"
}

# rebase_block START_HEX: moves a block read from stdin to start at START_HEX,
# keeping its length and every other byte.
rebase_block() {
    local start=$1 first rest range s e len end
    IFS= read -r first
    rest=$(cat)
    range=${first%% *}
    s=$((16#${range%-*}))
    e=$((16#${range#*-}))
    len=$((e - s))
    end=$((16#$start + len))
    printf '%s-%012x %s\n%s\n' "$start" "$end" "${first#* }" "$rest"
}

synthesize_anon_named() { # PROBE_SMAPS
    local probe=$1 src=$OUT/c-threads dir=$OUT/anon-named
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$src/status" "$src/stat" "$src/smaps_rollup" "$src/cmdline" "$dir/"

    # Real shared blocks from the probe process.
    extract_block "$probe" ' /memfd:pool [(]deleted[)]$' >"$BUILD/memfd.blk"
    extract_block "$probe" ' /dev/zero [(]deleted[)]$' >"$BUILD/shanon.blk"
    [ -s "$BUILD/memfd.blk" ] && [ -s "$BUILD/shanon.blk" ] || die "probe blocks not found"
    {
        pad_header "$(head -n1 "$BUILD/shanon.blk")" "[anon_shmem:shared-buf]"
        tail -n +2 "$BUILD/shanon.blk"
    } >"$BUILD/shanon-named.blk"

    # Anonymous private rw-p mappings with no path, in file order, with sizes.
    # The largest (the 32 MiB malloc arena) becomes [anon:libc_malloc]; the
    # next two (thread stacks) become the other two names.
    awk '
        /^[0-9a-f]+-[0-9a-f]+ / { hdr = ($2 == "rw-p" && NF == 5) ? NR : 0; next }
        hdr && $1 == "Size:" { print hdr, $2 }' "$src/smaps" >"$BUILD/anon.list"
    local big others
    big=$(sort -k2,2nr -k1,1n "$BUILD/anon.list" | head -n1 | cut -d' ' -f1)
    others=$(awk -v big="$big" '$1 != big' "$BUILD/anon.list" | sort -k2,2nr -k1,1n | head -n2 | cut -d' ' -f1 | sort -n | tr '\n' ' ')
    read -r o1 o2 <<<"$others"
    [ -n "$big" ] && [ -n "${o2:-}" ] || die "not enough anonymous mappings in c-threads/smaps"

    # The two shared blocks go directly below the lowest mapping in the mmap
    # area (first mapping at or above 0x7f0000000000), memfd first.
    local anchor_line anchor_start memfd_len shanon_len shanon_start memfd_start
    anchor_line=$(awk '/^[0-9a-f]+-[0-9a-f]+ / { split($1, r, "-"); if (length(r[1]) >= 12 && r[1] >= "7f0000000000") { print NR; exit } }' "$src/smaps")
    [ -n "$anchor_line" ] || die "no mmap-area mapping in c-threads/smaps"
    anchor_start=$(sed -n "${anchor_line}p" "$src/smaps" | cut -d- -f1)
    blk_len() { local r; r=$(head -n1 "$1" | cut -d' ' -f1); echo $((16#${r#*-} - 16#${r%-*})); }
    memfd_len=$(blk_len "$BUILD/memfd.blk")
    shanon_len=$(blk_len "$BUILD/shanon-named.blk")
    shanon_start=$(printf '%012x' $((16#$anchor_start - shanon_len)))
    memfd_start=$(printf '%012x' $((16#$shanon_start - memfd_len)))
    {
        rebase_block "$memfd_start" <"$BUILD/memfd.blk"
        rebase_block "$shanon_start" <"$BUILD/shanon-named.blk"
    } >"$BUILD/insert.blk"

    local h1 h2 h3
    h1=$(pad_header "$(sed -n "${big}p" "$src/smaps")" "[anon:libc_malloc]")
    h2=$(pad_header "$(sed -n "${o1}p" "$src/smaps")" "[anon:dalvik-main space]")
    h3=$(pad_header "$(sed -n "${o2}p" "$src/smaps")" "[anon:scudo:primary]")
    awk -v big="$big" -v o1="$o1" -v o2="$o2" -v anchor="$anchor_line" \
        -v h1="$h1" -v h2="$h2" -v h3="$h3" -v ins="$BUILD/insert.blk" '
        FNR == anchor { while ((getline l < ins) > 0) print l }
        FNR == big { print h1; next }
        FNR == o1 { print h2; next }
        FNR == o2 { print h3; next }
        { print }' "$src/smaps" >"$dir/smaps"
}

# ---------------------------------------------------------------- main
build

start c-threads
CT=$LAST_PID
start go-server
GS=$LAST_PID
start comm-paren "hello world" "--label=a b  c" ""
CP=$LAST_PID
start shmem-probe
SP=$LAST_PID

wait_ready "$CT" c-threads
wait_ready "$GS" go-server
wait_ready "$CP" comm-paren
wait_ready "$SP" shmem-probe
settle "$CT"
settle "$GS"
settle "$CP"
settle "$SP"

grep -q '^Threads:[[:space:]]*8$' "/proc/$CT/status" || die "c-threads does not have 8 threads"
grep -q '^[0-9]* (a) b (c) S ' "/proc/$CP/stat" || die "comm-paren stat does not show (a) b (c)"

mkdir -p "$OUT"
capture "$CT" c-threads
capture "$GS" go-server
capture "$CP" comm-paren
capture 2 kthread
cat "/proc/$SP/smaps" >"$BUILD/probe.smaps"

stop "$CT"
stop "$GS"
stop "$CP"
stop "$SP"

for c in c-threads go-server comm-paren kthread; do
    scrub "$OUT/$c"
done
# The probe's smaps is only used for its two shared blocks; check it as well.
mkdir -p "$BUILD/probe" && cp "$BUILD/probe.smaps" "$BUILD/probe/smaps" && scrub "$BUILD/probe"

synthesize_anon_named "$BUILD/probe/smaps"
scrub "$OUT/anon-named"

for c in c-threads go-server comm-paren kthread; do
    expected "$OUT/$c" 0
done
: >"$OUT/anon-named/.errors"
expected "$OUT/anon-named" 1

echo "capture.sh: done"
for c in c-threads go-server comm-paren kthread anon-named; do
    echo "== $c"
    cat "$OUT/$c/EXPECTED"
done
