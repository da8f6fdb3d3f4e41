#!/usr/bin/env bash
# ab-sync.sh: two confsync binaries, alternated on one cluster that deploy-bench.sh kept, so
# that a slow drift of the machine's speed hits both alike. See Benchmarks/README.md.
#
#   KEEP=1 NODES=10 SIZES=10000 Benchmarks/deploy-bench.sh        # leaves .../n10-f10000
#   Benchmarks/ab-sync.sh /tmp/confsync-deploy-bench.XXXXXX/n10-f10000 OLD_BINARY NEW_BINARY
#
# For each of ROUNDS (3) rounds and each binary: restarts the cluster's agents with that
# binary (same ports, keys and roots), then N (7) times: a one-line edit of the action's file
# and `sync -m` timed, a `sync -m` with nothing to commit timed, an edit, `commit`, and
# `deploy` timed. Prints the medians in ms per round and binary. The agents are stopped on exit.
set -euo pipefail
usage() { echo "usage: $0 CLUSTER_DIR BINARY_A BINARY_B [ROUNDS] [N]" >&2; exit 64; }
(( $# >= 3 )) || usage
cluster=$1 a=$2 b=$3 rounds=${4:-3} n=${5:-7}
director=$cluster/director
[[ -f $director/etc/csync2.cfg && -d $director/var/lib/confsync/repo.git ]] ||
    { echo "ab-sync: $cluster is not a cluster deploy-bench.sh kept (no director/etc/csync2.cfg)" >&2; exit 1; }
for bin in "$a" "$b"; do [[ -x $bin ]] || { echo "ab-sync: $bin is not an executable" >&2; exit 1; }; done
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost
action_file=$director/srv/conf/d00/f00.conf
nodes=$(sed -n 's/^[[:space:]]*host \(node[0-9]*\) { address 127.0.0.1; port \([0-9]*\);.*/\1:\2/p' "$director/etc/csync2.cfg")
[[ -n $nodes ]] || { echo "ab-sync: no nodes in $director/etc/csync2.cfg" >&2; exit 1; }

pids=()
stop_agents() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    pids=()
}
trap stop_agents EXIT

start_agents() {
    local bin=$1 trust entry name port
    trust=$("$bin" fingerprint --root "$director")
    for entry in $nodes; do
        name=${entry%%:*} port=${entry##*:}
        "$bin" agent --root "$cluster/$name" --name "$name" --listen "127.0.0.1:$port" --trust "$trust" \
            --group-key "$cluster/$name/etc/confsync/cluster.key" >"$cluster/$name.agent.out" 2>"$cluster/$name.agent.log" &
        pids+=($!)
    done
    for entry in $nodes; do
        name=${entry%%:*}
        for _ in $(seq 100); do grep -q listening "$cluster/$name.agent.out" 2>/dev/null && break; sleep 0.05; done
        grep -q listening "$cluster/$name.agent.out" || { cat "$cluster/$name.agent.log" >&2; exit 1; }
    done
}

# now_us and median_ms.
source "$(dirname "${BASH_SOURCE[0]}")/timing.sh"
# timed COMMAND...: runs it (output discarded unless it fails), leaves the microseconds in $elapsed.
timed() {
    local start out
    now_us; start=$REPLY
    out=$("$@" 2>&1) || { printf '%s\n' "$out" >&2; echo "ab-sync: '$*' failed" >&2; exit 1; }
    now_us; elapsed=$((REPLY - start))
}

edits=0
edit() { edits=$((edits + 1)); printf '# ab-sync %d\n' "$edits" >>"$action_file"; }

printf '%-5s  %-40s %14s %15s %14s\n' round binary "one-file sync" "no-change sync" "deploy alone"
for ((round = 1; round <= rounds; round++)); do
    for bin in "$a" "$b"; do
        stop_agents
        start_agents "$bin"
        one=() none=() deploy=()
        for ((i = 0; i < n; i++)); do
            edit
            timed "$bin" sync -m "ab-sync $edits" --root "$director"; one+=("$elapsed")
            timed "$bin" sync -m "ab-sync nothing" --root "$director"; none+=("$elapsed")
            edit
            "$bin" commit -m "ab-sync $edits" --root "$director" >/dev/null
            timed "$bin" deploy --root "$director"; deploy+=("$elapsed")
        done
        printf '%-5s  %-40s %14s %15s %14s\n' "$round" "$bin" "$(median_ms "${one[@]}")" "$(median_ms "${none[@]}")" \
            "$(median_ms "${deploy[@]}")"
    done
done
