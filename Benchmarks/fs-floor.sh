#!/usr/bin/env bash
# fs-floor.sh: how long this file system takes just to create a first deploy's files
# (NODES x FILES files of 4 KB, one process per node), without any deploy tool:
# plain creates, temp file + rename, temp file + rename + syncfs, and the same two with an
# unnamed file (O_TMPFILE) linked to its name instead of a temp file. See Benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${NODES:-10} FILES=${FILES:-10000} RUNS=${RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/fs-floor.XXXXXX")
echo "fs-floor: kept in $work (deleting 10^5 files right before a run slows the next one)" >&2
cc -O2 -o "$work/fs-floor" Benchmarks/fs-floor.c
printf '%5s %6s  %-34s %s\n' nodes files "what each node does" "ms per run"
for mode in ${MODES:-0 1 2 3 4}; do
    case $mode in
        0) what="create under the final name" ;;
        1) what="temp file + rename" ;;
        2) what="temp file + rename + syncfs" ;;
        3) what="O_TMPFILE + linkat" ;;
        4) what="O_TMPFILE + linkat + syncfs" ;;
    esac
    times=()
    for ((run = 0; run < RUNS; run++)); do
        sync
        times+=("$("$work/fs-floor" "$work/m$mode-r$run" "$NODES" "$FILES" "$mode")")
    done
    printf '%5s %6s  %-34s %s\n' "$NODES" "$FILES" "$what" "${times[*]}"
done
