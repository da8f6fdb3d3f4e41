#!/usr/bin/env bash
# Transport figures on loopback: average handshake time and 40 MB throughput (release build).
set -euo pipefail
cd "$(dirname "$0")/.."
TRANSPORT_BENCHMARK=1 swift test -c release --filter TransportBenchmark 2>&1 | grep -E "handshake|transfer|passed|failed"
