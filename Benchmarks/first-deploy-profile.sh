#!/bin/bash
# Benchmarks/first-deploy-profile.sh N FILES [MODE] (as root, from the checkout): a fresh
# simulated cluster of ../shared/bench (N nodes, FILES files of 4 KiB), then the first
# commit and the first deploy timed apart (wall, and CPU of everything in the hosts).
# MODE: time (default) | perf (perf record -a -g during the deploy, $OUT/perf.data) |
# strace (strace -c -f on node1's agent during the deploy, $OUT/strace-node1.txt).
# CONFSYNC: the binary (default .build/release/confsync); OUT: default /tmp/first-deploy-MODE.
# After the deploy: the peak resident memory of the deploy (director) and of each agent
# (VmHWM: the agents were started fresh with the cluster, so it is this deploy's peak).
set -u
BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "$0")/../../shared/bench" && pwd)}
. "$BENCH_DIR/lib.sh"
CONFSYNC=${CONFSYNC:-$PWD/.build/release/confsync}
export CONFSYNC_SHARE=${CONFSYNC_SHARE:-$PWD}
PORT=7443; MODE=${3:-time}; OUT=${OUT:-/tmp/first-deploy-$MODE}; mkdir -p "$OUT"
eval "$(sed -n '/^tool_setup()/,/^}/p' "$BENCH_DIR/bench-confsync")"
[ -e "$S/nodes" ] && "$BENCH_DIR/cluster-down" >&2
"$BENCH_DIR/cluster-up" "$1" >&2 || die "cluster-up failed"
trap '"$BENCH_DIR/cluster-down" >&2' EXIT
in_host 0 "$BENCH_DIR/make-tree" / "$2" 4 || die "make-tree failed"
tool_setup >&2 || die setup
sync
c0=$(cg_usage_ns); t0=$(now_us)
in_host 0 "$CONFSYNC" commit --repo "$S/repo.git" -m first >"$OUT/commit.log" 2>&1 || die commit
t1=$(now_us); c1=$(cg_usage_ns)
echo "commit: $(( (t1 - t0) / 1000 )) ms wall, $(( (c1 - c0) / 1000000 )) ms cpu"
sync
apid=$(cat "$S/pids/node1.agent.pid")
case $MODE in
perf) perf record -a -g -e cpu-clock -F 1999 -o "$OUT/perf.data" 2>"$OUT/perf.log" & PP=$!; sleep 1 ;;
strace) strace -c -f -p "$apid" -o "$OUT/strace-node1.txt" & PP=$!; sleep 1 ;;
esac
c0=$(cg_usage_ns); t0=$(now_us)
in_host 0 /usr/bin/time -f %M -o "$S/deploy.maxrss" "$CONFSYNC" deploy --repo "$S/repo.git" >"$OUT/deploy.log" 2>&1 || die deploy
t1=$(now_us); c1=$(cg_usage_ns)
echo "deploy: $(( (t1 - t0) / 1000 )) ms wall, $(( (c1 - c0) / 1000000 )) ms cpu"
hwm=$(for f in "$S"/pids/node*.agent.pid; do awk '/VmHWM/ {print $2}' "/proc/$(cat "$f")/status"; done | sort -n)
echo "peak RSS: director $(( $(cat "$S/deploy.maxrss") / 1024 )) MB; agents $(( $(head -1 <<<"$hwm") / 1024 ))-$(( $(tail -1 <<<"$hwm") / 1024 )) MB"
case $MODE in perf|strace) kill -INT $PP; wait $PP ;; esac
tail -3 "$OUT/deploy.log"
