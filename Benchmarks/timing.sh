# timing.sh: the clock and the median the benchmark scripts share (sourced, not run).

# now_us: microseconds since the epoch in $REPLY, without forking when bash has EPOCHREALTIME.
if [[ -n ${EPOCHREALTIME:-} ]]; then
    now_us() { local t=${EPOCHREALTIME//[!0-9]/}; REPLY=$((10#$t)); }
else
    now_us() { REPLY=$(( $(date +%s%N) / 1000 )); }
fi

# median_ms US...: the median in milliseconds with one decimal.
median_ms() {
    printf '%s\n' "$@" | sort -n | awk '
        { v[NR] = $1 }
        END { printf "%.1f", ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1000 }'
}
