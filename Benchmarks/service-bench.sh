#!/usr/bin/env bash
# service-bench.sh: the director service (`confsync serve`) against the command line in
# process and rsync daemons, on one tree, in the same run.
#
#   Benchmarks/service-bench.sh                      # builds confsync in release mode first
#   NODES=3 FILES=1000 RUNS=3 Benchmarks/service-bench.sh   # a quick run
#
# A director and NODES (10) confsync agents and as many `rsync --daemon`s on loopback, each
# node with its own root, FILES (10000) files of 4 KB. After the first deploy it times, RUNS
# (5) times each, median shown:
#   - a one-file change: `confsync sync` in process (--no-service), through the service (the
#     same command line, forwarded), and rsync pushing the tree to every daemon at once;
#   - nothing changed: the same three;
#   - both again as `sync` requests on the service's socket from one open connection
#     (Benchmarks/service-call.py: no client process start), with what the agents read and
#     wrote meanwhile (0 bytes: no node was asked);
#   - `confsync status` and `confsync validate` with no service running (the command line's
#     own cost, which the forwarding check must not raise);
#   - the watch mode (`watch after QUIET`, default 200ms): from a file's save to every node
#     holding it, minus the quiet period;
# and reports the service's resident memory (VmRSS and its peak VmHWM) after all of it.
# Table on stdout, progress on stderr. TMPDIR: where the roots go; KEEP=1 keeps them.
set -euo pipefail

NODES=${NODES:-10}
FILES=${FILES:-10000}
RUNS=${RUNS:-5}
QUIET_MS=${QUIET_MS:-200}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
say() { printf '%s\n' "$*" >&2; }
die() { say "service-bench: error: $*"; exit 1; }
[[ $NODES =~ ^[0-9]+$ ]] && (( NODES >= 1 && NODES <= 100 )) || die "NODES must be 1..100"
[[ $FILES =~ ^[0-9]+$ ]] && (( FILES >= 1 && FILES <= 100000 )) || die "FILES must be 1..100000"
command -v rsync >/dev/null || die "rsync is not installed (apt-get install -y rsync)"

source "$here/release-binary.sh"
release_binary "$top"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost
source "$here/timing.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/confsync-service-bench.XXXXXX")
log=$tmp/log
: >"$log"
procs=()
serve_pid=
on_exit() {
    local p
    [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null
    for p in "${procs[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ -n ${KEEP:-} ]]; then say "kept $tmp (log: $log)"; else rm -rf "$tmp"; fi
}
trap on_exit EXIT
trap 'exit 130' INT

D=$tmp/director
names=()
for ((i = 1; i <= NODES; i++)); do names+=("node$i"); done
declare -A port fp rport
agent_pids=()

say "writing $FILES files ..."
mkdir -p "$D/etc" "$D/srv/conf"
awk -v base="$D/srv/conf" -v files="$FILES" 'BEGIN {
    for (i = 0; i < files; i++) {
        d = int(i / 100); f = i % 100
        if (f == 0) system(sprintf("mkdir -p %s/d%03d", base, d))
        path = sprintf("%s/d%03d/f%02d.conf", base, d, f)
        for (l = 0; l < 64; l++)
            printf "key_%03d_%02d_%02d = value %08d ................................\n", d, f, l, (d * 7919 + f * 104729 + l * 31) % 100000000 > path
        close(path)
    }
}'

start_rsyncd() {
    local dir=$1 try p
    mkdir -p "$dir/root"
    printf 'pid file = %s\nuse chroot = no\nsocket options = TCP_NODELAY\n[node]\n\tpath = %s\n\tread only = no\n\tuid = %s\n\tgid = %s\n' \
        "$dir/rsyncd.pid" "$dir/root" "$(id -un)" "$(id -gn)" >"$dir/rsyncd.conf"
    for ((try = 0; try < 20; try++)); do
        local candidate=$((20000 + RANDOM % 30000))
        if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
        rsync --daemon --no-detach --config="$dir/rsyncd.conf" --address=127.0.0.1 --port="$candidate" >>"$log" 2>&1 &
        p=$!
        sleep 0.2
        if kill -0 "$p" 2>/dev/null; then procs+=("$p"); REPLY=$candidate; return; fi
    done
    die "no rsync daemon started"
}

say "keys, $NODES agents, $NODES rsync daemons ..."
dfp=$("$CONFSYNC" keygen --root "$D" --name director --group-key /etc/confsync/cluster.key 2>>"$log")
for n in "${names[@]}"; do
    R=$tmp/$n
    mkdir -p "$R/etc/confsync"
    fp[$n]=$("$CONFSYNC" keygen --root "$R" --name "$n" 2>>"$log")
    cp "$D/etc/confsync/cluster.key" "$R/etc/confsync/cluster.key"
    "$CONFSYNC" agent --root "$R" --name "$n" --listen 127.0.0.1:0 --trust "$dfp" \
        --group-key "$R/etc/confsync/cluster.key" >"$R.agent.out" 2>"$R.agent.log" &
    procs+=($!)
    agent_pids+=($!)
    start_rsyncd "$tmp/rsync-$n"
    rport[$n]=$REPLY
done
for n in "${names[@]}"; do
    for _ in $(seq 200); do grep -q listening "$tmp/$n.agent.out" 2>/dev/null && break; sleep 0.05; done
    port[$n]=$(sed -n 's/.*listening on .*:\([0-9]*\)$/\1/p' "$tmp/$n.agent.out")
    [[ -n ${port[$n]} ]] || die "agent $n did not start"
done

cluster_file() {  # cluster_file EXTRA: the cluster file, EXTRA in the confsync block
    printf 'group bench\n{\n\thost director%s;\n\tkey /etc/confsync/cluster.key;\n\tinclude /etc/csync2.cfg;\n\tinclude /srv/conf;\n}\nconfsync\n{\n%s\n' \
        "$(printf ' (%s)' "${names[@]}")" "$1"
    for n in "${names[@]}"; do
        printf '\thost %s { address 127.0.0.1; port %s; fingerprint %s; }\n' "$n" "${port[$n]}" "${fp[$n]}"
    done
    echo "}"
}
cluster_file "" >"$D/etc/csync2.cfg"
conf() { "$CONFSYNC" "$@" --root "$D"; }
conf init --cluster-file /etc/csync2.cfg --host director >>"$log" 2>&1 || die "init failed"

say "first deploy ..."
conf sync -m first --no-service >>"$log" 2>&1 || die "first sync failed (see $log)"
for n in "${names[@]}"; do
    rsync -a --delete "$D/srv" "rsync://127.0.0.1:${rport[$n]}/node/" >>"$log" 2>&1 || die "first rsync failed"
done

rsync_push() {
    local pids=() p status=0
    for n in "${names[@]}"; do
        rsync -a --delete --sockopts=TCP_NODELAY "$D/srv" "rsync://127.0.0.1:${rport[$n]}/node/" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || status=$?; done
    return "$status"
}

# measure LABEL EXPECTED_STATUS CHANGE COMMAND...: RUNS timings (ms, median in $REPLY_MS);
# CHANGE 1 edits a file before each run.
generation=0
measure() {
    local label=$1 expect=$2 change=$3 times=() r start status
    shift 3
    for ((r = 0; r < RUNS; r++)); do
        if (( change )); then
            generation=$((generation + 1))
            printf '# generation %d\n' "$generation" >"$D/srv/conf/d000/f01.conf"
        fi
        now_us; start=$REPLY
        status=0
        "$@" >>"$log" 2>&1 || status=$?
        now_us
        (( status == expect )) || die "$label: exit $status, expected $expect (see $log)"
        times+=($((REPLY - start)))
    done
    REPLY_MS=$(median_ms "${times[@]}")
    printf '%-58s %10s ms\n' "$label" "$REPLY_MS"
}

echo "# service-bench: $NODES nodes, $FILES files of 4 KB, median of $RUNS, $(date -u +%Y-%m-%dT%H:%MZ)"
measure "status, no service running" 0 0 conf status
measure "validate, no service running" 0 0 conf validate
measure "one-file change: sync in process (--no-service)" 0 1 conf sync -m change --no-service
cli_change=$REPLY_MS
measure "one-file change: rsync to every node" 0 1 rsync_push
rsync_change=$REPLY_MS
measure "nothing changed: sync in process" 0 0 conf sync -m none --no-service
measure "nothing changed: rsync" 0 0 rsync_push

"$CONFSYNC" serve --root "$D" 2>"$tmp/serve.log" &
serve_pid=$!
for _ in $(seq 100); do [[ -S $D/run/confsync/director.sock ]] && break; sleep 0.05; done
[[ -S $D/run/confsync/director.sock ]] || die "the service did not start"
measure "one-file change: sync through the service" 0 1 conf sync -m change
service_change=$REPLY_MS
measure "nothing changed: sync through the service" 0 0 conf sync -m none

# The socket API itself (what the web console and scripts use), from one open connection:
# no client process start. A first request makes the service's knowledge current.
call() {
    python3 "$here/service-call.py" "$D/run/confsync/director.sock" "$@" --agents "$(IFS=,; echo "${agent_pids[*]}")"
}
call 1 >/dev/null || die "the sync request failed"
REPLY=$(call "$RUNS" --edit "$D/srv/conf/d000/f01.conf") || die "the sync request failed"
printf '%-58s %10s\n' "one-file change: sync request on the socket" "$REPLY"
socket_change=${REPLY%% ms*}
REPLY=$(call "$RUNS") || die "the sync request failed"
printf '%-58s %10s\n' "nothing changed: sync request on the socket" "$REPLY"

# The watch mode, switched on by editing the live cluster file (the service re-reads it
# within a second, and commits and deploys that edit itself).
cluster_file "	watch after ${QUIET_MS}ms;" >"$D/etc/csync2.cfg"
for _ in $(seq 100); do grep -q "watching" "$tmp/serve.log" && break; sleep 0.05; done
sleep 2
# Watch mode: save, then wait until every node holds the saved content.
watch_times=()
for ((r = 0; r < RUNS; r++)); do
    generation=$((generation + 1))
    content="# watched generation $generation"
    now_us; start=$REPLY
    printf '%s\n' "$content" >"$D/srv/conf/d001/f02.conf"
    for _ in $(seq 2000); do
        all=1
        for n in "${names[@]}"; do
            [[ $(cat "$tmp/$n/srv/conf/d001/f02.conf" 2>/dev/null) == "$content" ]] || { all=0; break; }
        done
        (( all )) && break
        sleep 0.005
    done
    now_us
    (( all )) || die "the watch mode did not bring the save to every node (see $tmp/serve.log)"
    watch_times+=($((REPLY - start - QUIET_MS * 1000)))
    sleep 0.3
done
printf '%-58s %10s ms\n' "watch mode: save to every node applied, minus ${QUIET_MS} ms quiet" "$(median_ms "${watch_times[@]}")"
rss=$(awk '/VmRSS/ {print $2}' "/proc/$serve_pid/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status")
printf '%-58s %10s MB (peak %s MB)\n' "service resident memory" "$((rss / 1024))" "$((hwm / 1024))"
awk -v c="$service_change" -v r="$rsync_change" -v l="$cli_change" -v s="$socket_change" 'BEGIN {
    printf "ratio one-file change: socket request/rsync %.3f, CLI through the service/rsync %.3f, in process/rsync %.3f\n", s / r, c / r, l / r }'
