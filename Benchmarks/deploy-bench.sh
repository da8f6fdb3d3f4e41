#!/usr/bin/env bash
# deploy-bench.sh: confsync deploys against rsync daemons, on the same trees in the same run.
#
#   Benchmarks/deploy-bench.sh                       # builds confsync in release mode first
#   CONFSYNC=/path/to/confsync Benchmarks/deploy-bench.sh
#   NODES=3 SIZES=100 RUNS=3 Benchmarks/deploy-bench.sh   # a quick run
#
# For each node count in NODES (3 10) and tree size in SIZES (100 10000 files of 4 KB, in
# 100-file directories) it starts that many confsync agents and as many `rsync --daemon`s on
# loopback, each node with its own root, and times the first deploy, a one-file change that
# triggers an action, and a push with nothing changed, for both. RUNS (5) repetitions of the
# small measurements, median shown. PARALLEL passes `--parallel` to confsync (default: its
# own); RSYNC_OPTS adds options to every rsync push (e.g. --fsync). TMPDIR: where the roots
# go; KEEP=1 keeps them. Table on stdout, progress on stderr.
# Exits non-zero when a command misbehaves or a node does not end up with the director's tree.
set -euo pipefail

NODES=${NODES:-"3 10"}
SIZES=${SIZES:-"100 10000"}
RUNS=${RUNS:-5}
PARALLEL=${PARALLEL:-}
DIRECTOR=director
ACTION_FILE=srv/conf/d00/f00.conf   # the file whose change runs the action (every edit hits it)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

say() { printf '%s\n' "$*" >&2; }
die() { say "deploy-bench: error: $*"; exit 1; }

for n in $NODES; do [[ $n =~ ^[0-9]+$ ]] && (( n >= 1 && n <= 50 )) || die "NODES: each must be 1..50 (got '$n')"; done
for f in $SIZES; do [[ $f =~ ^[0-9]+$ ]] && (( f >= 1 && f <= 100000 )) || die "SIZES: each must be 1..100000 (got '$f')"; done
[[ $RUNS =~ ^[0-9]+$ ]] && (( RUNS >= 1 )) || die "RUNS must be at least 1 (got '$RUNS')"
command -v rsync >/dev/null || die "rsync is not installed (apt-get install -y rsync)"

# --- the binary ------------------------------------------------------------------------------
source "$here/release-binary.sh"
release_binary "$top"
# The commits' author, whoever runs the benchmark.
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost

# --- temporary directory and background processes ------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/confsync-deploy-bench.XXXXXX")
log=$tmp/log            # every command's output, shown when one fails
: >"$log"
procs=()                # agents and rsync daemons of the current cluster

stop_procs() {
    local p
    for p in "${procs[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${procs[@]}"; do wait "$p" 2>/dev/null || true; done
    procs=()
}
on_exit() {
    stop_procs
    if [[ -n ${KEEP:-} ]]; then say "kept $tmp (log: $tmp/log)"; else rm -rf "$tmp"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- timing helpers --------------------------------------------------------------------------
# now_us and median_ms.
source "$here/timing.sh"

# timed EXPECTED_STATUS COMMAND...: runs COMMAND (output to $out and the log), fails the
# benchmark unless it exits EXPECTED_STATUS, leaves the elapsed microseconds in $elapsed.
elapsed=0
out=$tmp/out
timed() {
    local expect=$1 status=0 start
    shift
    now_us; start=$REPLY
    "$@" >"$out" 2>&1 || status=$?
    now_us; elapsed=$((REPLY - start))
    { printf '$ %s   # exit %d, %d us\n' "$*" "$status" "$elapsed"; cat "$out"; } >>"$log"
    if (( status != expect )); then
        tail -n 30 "$out" >&2
        die "'$*' exited $status, expected $expect"
    fi
}

# expect_lines COUNT REGEX WHAT: the last timed command printed COUNT lines matching REGEX.
expect_lines() {
    local got
    got=$(grep -Ec -- "$2" "$out" || true)
    if (( got != $1 )); then
        tail -n 30 "$out" >&2
        die "$3: $got line(s) match '$2', expected $1"
    fi
}

rows=()
# row N F LABEL RUNS CONFSYNC_MS RSYNC_MS
row() { rows+=("$(printf '%5s %6s  %-44s %4s %12s %10s' "$@")"); }

# --- one cluster -----------------------------------------------------------------------------
# bench N F: a director, N confsync agents and N rsync daemons, an F-file tree; all measured.
bench() {
    local nodes=$1 files=$2
    local base=$tmp/n$nodes-f$files
    local D=$base/director
    local names=() i n
    for ((i = 1; i <= nodes; i++)); do names+=("node$i"); done
    declare -A port fp rport

    say "== $nodes nodes, $files files: writing the tree ..."
    mkdir -p "$D/etc" "$D/srv/conf"
    # F files of 64 lines x 64 bytes = 4096 bytes, 100 to a directory, content fixed by path.
    awk -v base="$D/srv/conf" -v files="$files" 'BEGIN {
        for (i = 0; i < files; i++) {
            d = int(i / 100); f = i % 100
            if (f == 0) system(sprintf("mkdir -p %s/d%02d", base, d))
            path = sprintf("%s/d%02d/f%02d.conf", base, d, f)
            for (l = 0; l < 64; l++)
                printf "key_%02d_%02d_%02d = value %08d .................................\n", d, f, l, (d * 7919 + f * 104729 + l * 31) % 100000000 > path
            close(path)
        }
    }'
    (( $(wc -c <"$D/$ACTION_FILE") == 4096 )) || die "generated file is not 4096 bytes"

    say "   keys, $nodes agents, $nodes rsync daemons ..."
    local dfp
    dfp=$("$CONFSYNC" keygen --root "$D" --name "$DIRECTOR" --group-key /etc/confsync/cluster.key 2>>"$log")
    for n in "${names[@]}"; do
        local R=$base/$n
        mkdir -p "$R/etc/confsync"
        fp[$n]=$("$CONFSYNC" keygen --root "$R" --name "$n" 2>>"$log")
        cp "$D/etc/confsync/cluster.key" "$R/etc/confsync/cluster.key"
        "$CONFSYNC" agent --root "$R" --name "$n" --listen 127.0.0.1:0 --trust "$dfp" \
            --group-key "$R/etc/confsync/cluster.key" >"$R.agent.out" 2>"$R.agent.log" &
        procs+=($!)
        start_rsyncd "$base/rsync-$n"
        rport[$n]=$REPLY
    done
    for n in "${names[@]}"; do
        for _ in $(seq 200); do grep -q listening "$base/$n.agent.out" 2>/dev/null && break; sleep 0.05; done
        port[$n]=$(sed -n 's/.*listening on .*:\([0-9]*\)$/\1/p' "$base/$n.agent.out")
        [[ -n ${port[$n]} ]] || { cat "$base/$n.agent.log" >&2; die "agent $n did not start"; }
    done

    {
        cat <<EOF
# deploy-bench: one group, $files files, an action on one of them.
group bench
{
	host $DIRECTOR$(printf ' (%s)' "${names[@]}");
	key /etc/confsync/cluster.key;
	include /etc/csync2.cfg;
	include /srv/conf;
	action
	{
		pattern /$ACTION_FILE;
		exec "true";
	}
}
confsync
{
EOF
        for n in "${names[@]}"; do
            printf '\thost %s { address 127.0.0.1; port %s; fingerprint %s; }\n' "$n" "${port[$n]}" "${fp[$n]}"
        done
        echo "}"
    } >"$D/etc/csync2.cfg"

    local par=()
    [[ -n $PARALLEL ]] && par=(--parallel "$PARALLEL")
    conf() { "$CONFSYNC" "$@" --root "$D"; }
    local at_target="^$nodes/$nodes node\\(s\\) at "
    local with_action="actions: true -> exit 0"

    # rsync_push ACTION: pushes the director's /srv to every daemon at once (background jobs),
    # each followed by the action (`/bin/sh -c true`, as the agent runs it) when ACTION is 1.
    # TCP_NODELAY on both ends, as confsync's sockets have it: without it each push waits
    # out delayed ACKs (about 3 x 40 ms on loopback).
    rsync_push() {
        local action=$1 pids=() p status=0
        for n in "${names[@]}"; do
            { rsync -a --delete --sockopts=TCP_NODELAY ${RSYNC_OPTS:-} "$D/srv" "rsync://127.0.0.1:${rport[$n]}/node/" &&
                if (( action )); then /bin/sh -c true; fi; } &
            pids+=($!)
        done
        for p in "${pids[@]}"; do wait "$p" || status=$?; done
        return "$status"
    }
    # same_trees: every confsync node and every rsync root holds the director's /srv/conf.
    same_trees() {
        for n in "${names[@]}"; do
            diff -rq "$D/srv/conf" "$base/$n/srv/conf" >>"$log" 2>&1 ||
                die "confsync node $n does not hold the director's /srv/conf (see $log)"
            diff -rq "$D/srv/conf" "$base/rsync-$n/root/srv/conf" >>"$log" 2>&1 ||
                die "rsync node $n does not hold the director's /srv/conf (see $log)"
        done
    }
    edits=0
    edit() { edits=$((edits + 1)); printf '# edit %d\n' "$edits" >>"$D/$ACTION_FILE"; }

    say "   first commit, first deploy, first rsync push ..."
    timed 0 conf init --cluster-file /etc/csync2.cfg --host "$DIRECTOR"
    timed 0 conf commit -m "first commit"
    local c_commit=$elapsed
    # The agents make each apply durable (syncfs(2) for a large one, which flushes the whole
    # file system): write back the tree and the repository first, so the deploy pays for its
    # own writes only; likewise after rsync's first push, which leaves its writes dirty.
    sync
    timed 0 conf deploy "${par[@]}"
    expect_lines 1 "$at_target" "first deploy"
    expect_lines "$nodes" "$with_action" "first deploy"
    local c_first=$elapsed
    timed 0 rsync_push 1
    local r_first=$elapsed
    sync
    same_trees

    say "   $RUNS one-file changes with an action: sync; commit then deploy ..."
    local c_sync=() r_sync=() c_one_commit=() c_one_deploy=() r_one=()
    for ((i = 0; i < RUNS; i++)); do
        edit
        timed 0 conf sync -m "edit $edits" "${par[@]}"
        expect_lines 1 "$at_target" "sync of a one-file change"
        expect_lines "$nodes" "$with_action" "sync of a one-file change"
        c_sync+=("$elapsed")
        timed 0 rsync_push 1
        r_sync+=("$elapsed")
    done
    for ((i = 0; i < RUNS; i++)); do
        edit
        timed 0 conf commit -m "edit $edits"
        c_one_commit+=("$elapsed")
        timed 0 conf deploy "${par[@]}"
        expect_lines 1 "$at_target" "deploy of a one-file change"
        expect_lines "$nodes" "$with_action" "deploy of a one-file change"
        c_one_deploy+=("$elapsed")
        timed 0 rsync_push 1
        r_one+=("$elapsed")
    done
    same_trees

    say "   $RUNS no-change syncs, deploys and rsync pushes ..."
    local c_none_sync=() c_none_deploy=() r_none=()
    for ((i = 0; i < RUNS; i++)); do
        timed 0 conf sync -m "nothing" "${par[@]}"
        expect_lines 1 "$at_target" "no-change sync"
        expect_lines "$nodes" ": up-to-date" "no-change sync"
        c_none_sync+=("$elapsed")
        timed 0 conf deploy "${par[@]}"
        expect_lines 1 "$at_target" "no-change deploy"
        expect_lines "$nodes" ": up-to-date" "no-change deploy"
        c_none_deploy+=("$elapsed")
        timed 0 rsync_push 0
        r_none+=("$elapsed")
    done

    row "$nodes" "$files" "first commit (confsync only)" 1 "$(median_ms "$c_commit")" -
    row "$nodes" "$files" "first deploy | first push" 1 "$(median_ms "$c_first")" "$(median_ms "$r_first")"
    row "$nodes" "$files" "one-file change + action: sync -m" "$RUNS" "$(median_ms "${c_sync[@]}")" "$(median_ms "${r_sync[@]}")"
    row "$nodes" "$files" "one-file change + action: deploy alone" "$RUNS" "$(median_ms "${c_one_deploy[@]}")" "$(median_ms "${r_one[@]}")"
    row "$nodes" "$files" "one-file commit alone (before that deploy)" "$RUNS" "$(median_ms "${c_one_commit[@]}")" -
    row "$nodes" "$files" "no change: sync -m" "$RUNS" "$(median_ms "${c_none_sync[@]}")" "$(median_ms "${r_none[@]}")"
    row "$nodes" "$files" "no change: deploy" "$RUNS" "$(median_ms "${c_none_deploy[@]}")" "$(median_ms "${r_none[@]}")"
    if (( nodes == 10 && files == 10000 )); then
        goals=("$(median_ms "${c_sync[@]}")" "$(median_ms "${c_none_sync[@]}")" "$(median_ms "$c_first")" "$(median_ms "$r_first")")
    fi

    # The files stay until the end: on ext4 without a journal, inodes freed in the last
    # 30 s (vm.dirty_expire_centisecs) are skipped one by one when new files are created, so
    # deleting 10^5 files here would slow the next cluster's first deploy and first push.
    stop_procs
}

# start_rsyncd DIR: an rsync daemon for one node, its module `node` at DIR/root, on a free
# loopback port (left in REPLY), as the current user, TCP_NODELAY; its pid joins procs.
start_rsyncd() {
    local dir=$1 try p
    mkdir -p "$dir/root"
    cat >"$dir/rsyncd.conf" <<EOF
pid file = $dir/rsyncd.pid
lock file = $dir/rsyncd.lock
log file = $dir/rsyncd.log
use chroot = no
socket options = TCP_NODELAY
[node]
	path = $dir/root
	read only = no
	uid = $(id -un)
	gid = $(id -gn)
EOF
    for ((try = 0; try < 20; try++)); do
        local port=$((20000 + RANDOM % 30000))
        # Taken already? (a connection succeeds)
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
        rm -f "$dir/rsyncd.pid"
        rsync --daemon --no-detach --config="$dir/rsyncd.conf" --address=127.0.0.1 --port="$port" \
            >>"$dir/rsyncd.out" 2>&1 &
        p=$!
        for _ in $(seq 100); do
            if ! kill -0 "$p" 2>/dev/null; then break; fi
            if [[ -s $dir/rsyncd.pid ]] && rsync "rsync://127.0.0.1:$port/" >/dev/null 2>&1; then
                procs+=("$p")
                REPLY=$port
                return 0
            fi
            sleep 0.05
        done
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    cat "$dir/rsyncd.log" "$dir/rsyncd.out" >&2 2>/dev/null || true
    die "no rsync daemon would start for $dir"
}

goals=()
for n in $NODES; do
    for f in $SIZES; do bench "$n" "$f"; done
done

# --- the table -------------------------------------------------------------------------------
fs=$(df -PT "$tmp" | awk 'NR == 2 { print $2 }')
printf 'deploy-bench: trees of 4096-byte files, %s on %s, %s, %s, RUNS=%d%s\n' \
    "${TMPDIR:-/tmp}" "$fs" "$CONFSYNC" "$(rsync --version | head -n 1 | awk '{ print $1 " " $3 }')" \
    "$RUNS" "${PARALLEL:+, confsync --parallel $PARALLEL}${RSYNC_OPTS:+, rsync $RSYNC_OPTS}"
printf '%5s %6s  %-44s %4s %12s %10s\n' nodes files measurement runs "confsync ms" "rsync ms"
printf '%s\n' "${rows[@]}"
if (( ${#goals[@]} )); then
    # goal LABEL VALUE OP LIMIT: PASS/MISS against the issue's goals for 10 nodes x 10,000 files.
    goal() { awk -v l="$1" -v v="$2" -v op="$3" -v lim="$4" 'BEGIN {
        ok = (op == "<") ? v < lim : v <= lim
        printf "goal, 10 x 10000: %-38s %8.1f ms %s %8.1f ms  %s\n", l, v, op, lim, ok ? "PASS" : "MISS" }'; }
    goal "one-file change + action (sync)" "${goals[0]}" "<" 80
    goal "no-change sync" "${goals[1]}" "<" 60
    goal "first deploy vs half of rsync's" "${goals[2]}" "<=" "$(awk -v r="${goals[3]}" 'BEGIN { print r / 2 }')"
fi
