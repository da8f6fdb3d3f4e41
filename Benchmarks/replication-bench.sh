#!/usr/bin/env bash
# replication-bench.sh: two directors on loopback, each agent serving its repository:
# the first replication of a 10,000-file history, replicating a one-file commit, and a
# replication with nothing to do.
#
#   Benchmarks/replication-bench.sh                          # builds confsync (release) first
#   CONFSYNC=.build/debug/confsync Benchmarks/replication-bench.sh
#
# Knobs (environment): DIRS (100) x FILES_PER_DIR (100) files of 4 KB, RUNS (5), TMPDIR,
# KEEP=1 to keep the temporary directory. The table goes to stdout, progress to stderr.
set -euo pipefail

DIRS=${DIRS:-100}
FILES_PER_DIR=${FILES_PER_DIR:-100}
RUNS=${RUNS:-5}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
say() { printf '%s\n' "$*" >&2; }
die() { say "replication-bench: error: $*"; exit 1; }

if [[ -z ${CONFSYNC:-} ]]; then
    say "building confsync (release) in $top ..."
    (cd "$top" && swift build -c release --static-swift-stdlib --product confsync >&2)
    CONFSYNC=$(cd "$top" && swift build -c release --show-bin-path)/confsync
fi
export CONFSYNC_SHARE=${CONFSYNC_SHARE:-$top} NO_COLOR=1
work=$(mktemp -d "${TMPDIR:-/tmp}/replication-bench.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    [[ -n ${KEEP:-} ]] && say "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
cs() { "$CONFSYNC" "$@" >>"$work/log" 2>&1; }
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

# 1. Keys, repositories, files on d1 (d2 has only the cluster file and starts empty).
declare -A FP PORT
for h in d1 d2; do mkdir -p "$work/$h/etc/confsync"; done
FP[d1]=$("$CONFSYNC" keygen --root "$work/d1" --name d1 --group-key /etc/confsync/cluster.key 2>/dev/null)
cp "$work/d1/etc/confsync/cluster.key" "$work/d2/etc/confsync/"
FP[d2]=$("$CONFSYNC" keygen --root "$work/d2" --name d2 2>/dev/null)
say "writing $((DIRS * FILES_PER_DIR)) files ..."
for d in $(seq -w 0 $((DIRS - 1))); do mkdir -p "$work/d1/srv/conf/d$d"; done
awk -v dirs="$DIRS" -v files="$FILES_PER_DIR" -v base="$work/d1/srv/conf" 'BEGIN {
    for (d = 0; d < dirs; d++) for (f = 0; f < files; f++) {
        path = sprintf("%s/d%0*d/f%0*d.conf", base, length(dirs - 1), d, length(files - 1), f)
        for (i = 0; i < 64; i++) printf "# d%d/f%d line %02d %0*d\n", d, f, i, 49 - length(d "" f), 0 > path
        close(path)
    }
}'
for h in d1 d2; do
    cs init --root "$work/$h" --cluster-file /etc/csync2.cfg --host "$h"
    rm -f "$work/$h/etc/confsync/agent.conf"
done
for h in d1 d2; do
    other=$([[ $h == d1 ]] && echo d2 || echo d1)
    "$CONFSYNC" agent --root "$work/$h" --name "$h" --listen 127.0.0.1:0 --trust "${FP[$other]}" \
        --group-key "$work/$h/etc/confsync/cluster.key" --repo "$work/$h/var/lib/confsync/repo.git" \
        >"$work/$h.out" 2>>"$work/log" &
    pids+=($!)
done
for h in d1 d2; do
    for _ in $(seq 200); do grep -q listening "$work/$h.out" 2>/dev/null && break; sleep 0.05; done
    PORT[$h]=$(sed -n 's/.*listening on .*:\([0-9]*\)$/\1/p' "$work/$h.out")
    [[ -n ${PORT[$h]} ]] || die "agent $h did not start (see $work/log)"
done
cluster="group cluster
{
	host d1 d2;
	key /etc/confsync/cluster.key;
	include /etc/csync2.cfg;
	include /srv/conf;
}
confsync
{
	host d1 { address 127.0.0.1; port ${PORT[d1]}; fingerprint ${FP[d1]}; }
	host d2 { address 127.0.0.1; port ${PORT[d2]}; fingerprint ${FP[d2]}; }
}"
for h in d1 d2; do printf '%s\n' "$cluster" >"$work/$h/etc/csync2.cfg"; done
cs commit --root "$work/d1" -m "import" --no-replicate || die "first commit failed (see $work/log)"

# 2. Measurements.
printf '| step | ms |\n| --- | --- |\n'
t0=$(now); cs replicate --root "$work/d1" || die "first replication failed"; t1=$(now)
printf '| first replication (%d files, empty peer) | %s |\n' $((DIRS * FILES_PER_DIR)) "$(ms "$t0" "$t1")"
[[ $(git -C "$work/d1/var/lib/confsync/repo.git" rev-parse main) == $(git -C "$work/d2/var/lib/confsync/repo.git" rev-parse main) ]] \
    || die "mains differ after the first replication"
total=0 idle=0
for run in $(seq "$RUNS"); do
    echo "# run $run" >>"$work/d1/srv/conf/d00/f00.conf"
    cs commit --root "$work/d1" -m "run $run" --no-replicate
    t0=$(now); cs replicate --root "$work/d1" || die "replication $run failed"; t1=$(now)
    cs replicate --root "$work/d1" || die "idle replication $run failed"; t2=$(now)
    total=$((total + t1 - t0)) idle=$((idle + t2 - t1))
done
printf '| replicate a one-file commit (mean of %d) | %s |\n' "$RUNS" $((total / RUNS / 1000000))
printf '| replicate, nothing to do (mean of %d) | %s |\n' "$RUNS" $((idle / RUNS / 1000000))
git -C "$work/d2/var/lib/confsync/repo.git" fsck --strict >>"$work/log" 2>&1 || die "fsck failed on d2"
