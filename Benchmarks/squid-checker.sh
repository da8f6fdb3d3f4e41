#!/bin/bash
# Times the built-in squid.conf checker against `squid -k parse` on the same
# realistic 10,000-line config (ACLs, access rules, peers, refresh patterns, ...).
#
#   Benchmarks/squid-checker.sh [LINES]
#
# The checker runs inside a release-built test (SquidCheckerBenchmark, enabled by
# CONFSYNC_BENCH=FILE), best of 5; squid runs 5 times. Both wall and CPU time are
# reported: on a loaded machine (2 shared cores) wall times are noisy. Goal: >= 10x.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-10000}
squid=${SQUID_BIN:-/usr/sbin/squid}
work=$(mktemp -d "${TMPDIR:-/tmp}/squid-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
conf=$work/squid.conf

awk -v n="$lines" 'BEGIN {
    print "http_port 3128"
    print "http_port 8080 accel defaultsite=www.example.com vhost"
    print "cache_mem 256 MB"
    print "maximum_object_size 64 MB"
    print "cache_dir rock /var/spool/squid 20000"
    print "workers 2"
    i = 6
    for (k = 0; i < n; k++) {
        a = int(k / 250) % 250; b = k % 250
        print "# block " k;                                                      i++
        print "acl net" k " src 10." a "." b ".0/24";                            i++
        print "acl dom" k " dstdomain .site" k ".example.com";                    i++
        print "acl path" k " urlpath_regex -i ^/app" k "/.*\\.(jpg|png)$";       i++
        print "acl port" k " port 80 443 " (1025 + k % 60000);                    i++
        print "http_access allow net" k " dom" k " !path" k;                      i++
        print "cache_peer 10.1." a "." b " parent 3128 0 no-query name=peer" k;   i++
        print "cache_peer_access peer" k " allow dom" k;                         i++
        print "refresh_pattern -i ^http://site" k "\\. 60 20% 1440";             i++
        print "request_timeout " (1 + k % 10) " minutes";                         i++
    }
    print "http_access deny all"
}' | head -n "$lines" > "$conf"
echo "config: $(wc -l < "$conf") lines, $(wc -c < "$conf") bytes"

echo "building the release test bundle..."
swift build -c release --build-tests -Xswiftc -enable-testing >/dev/null 2>&1
out=$(CONFSYNC_BENCH=$conf swift test -c release -Xswiftc -enable-testing --skip-build --filter SquidCheckerBenchmark 2>&1 | grep '^BENCH' || true)
echo "$out"
checker_ms=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9.]*\) ms wall.*/\1/p')
checker_cpu=$(printf '%s\n' "$out" | sed -n 's/.*, \([0-9.]*\) ms cpu.*/\1/p')

# squid: wall time and CPU time (user + sys, from bash's `time`), best of 5 each
best="" best_cpu=""
TIMEFORMAT='%U %S'
for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    cpu=$( { time "$squid" -k parse -f "$conf" >/dev/null 2>&1; } 2>&1 || true)
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    cpu_ms=$(awk -v u="${cpu% *}" -v s="${cpu#* }" 'BEGIN { printf "%d", (u + s) * 1000 }')
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    if [ -z "$best_cpu" ] || [ "$cpu_ms" -lt "$best_cpu" ]; then best_cpu=$cpu_ms; fi
done
echo "squid -k parse: $best ms wall, $best_cpu ms cpu (best of 5)"
awk -v c="$checker_ms" -v s="$best" -v cc="$checker_cpu" -v sc="$best_cpu" 'BEGIN {
    if (c > 0) printf "speed-up: %.1fx wall", s / c
    if (cc > 0) printf ", %.1fx cpu", sc / cc
    print "" }'
