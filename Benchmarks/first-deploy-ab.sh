#!/bin/bash
# Benchmarks/first-deploy-ab.sh ROUNDS N FILES BINARY... (as root, from the checkout): per
# round, ../shared/bench's rsync (daemon, TCP_NODELAY), then bench-confsync with each binary,
# each on a fresh cluster of N nodes x FILES files of 4 KiB; prints the `initial` TSV line
# of each, the round first. Compare the rows of one round (issue 16's ratios).
set -u
R=$1 N=$2 F=$3; shift 3
BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "$0")/../../shared/bench" && pwd)}
for ((r = 1; r <= R; r++)); do
	RSYNC_TRANSPORT=daemon RSYNC_NODELAY=1 REPEAT=1 NO_HEADER=1 "$BENCH_DIR/bench-rsync" "$N" "$F" 4 2>/dev/null |
		grep initial | sed "s/^/$r\t/"
	for b in "$@"; do
		CONFSYNC=$b CONFSYNC_SHARE=${CONFSYNC_SHARE:-$PWD} REPEAT=1 NO_HEADER=1 "$BENCH_DIR/bench-confsync" "$N" "$F" 4 2>/dev/null |
			grep initial | sed "s|^confsync|$r\t$(basename "$b")|"
	done
done
