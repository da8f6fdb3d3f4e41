#!/usr/bin/env bash
# A whole confsync cluster on this machine: one director and three nodes on loopback, each
# with its own root under $DEMO (default /tmp/confsync-demo). It commits a squid.conf change,
# deploys it (the action runs on every node), shows a refused invalid commit, reverts, and
# deploys again. Rerunnable; the agents stop when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO=${DEMO:-/tmp/confsync-demo}
NODES=(node1 node2 node3)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "Build confsync"
swift build --product confsync 2>&1 | tail -1
BIN=$(swift build --show-bin-path)/confsync
export CONFSYNC_SHARE=$PWD
confsync() { "$BIN" "$@"; }

rm -rf "$DEMO"; mkdir -p "$DEMO"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

step "Keys: a TLS identity per host, one group key for the cluster"
D=$DEMO/director
mkdir -p "$D"
DFP=$(confsync keygen --root "$D" --name director --group-key /etc/confsync/cluster.key)
echo "director: $DFP"
declare -A PORT FP
for n in "${NODES[@]}"; do
    R=$DEMO/$n; mkdir -p "$R/etc/confsync"
    FP[$n]=$(confsync keygen --root "$R" --name "$n" 2>/dev/null)
    cp "$D/etc/confsync/cluster.key" "$R/etc/confsync/cluster.key"
    echo "$n: ${FP[$n]}"
done

step "Start three agents on loopback (each trusts the director's certificate)"
for n in "${NODES[@]}"; do
    R=$DEMO/$n
    "$BIN" agent --root "$R" --name "$n" --listen 127.0.0.1:0 --trust "$DFP" \
        --group-key "$R/etc/confsync/cluster.key" > "$R/agent.out" 2> "$R/agent.log" &
    pids+=($!)
done
for n in "${NODES[@]}"; do
    for _ in $(seq 100); do grep -q listening "$DEMO/$n/agent.out" 2>/dev/null && break; sleep 0.05; done
    PORT[$n]=$(sed -n 's/.*listening on .*:\([0-9]*\)$/\1/p' "$DEMO/$n/agent.out")
    echo "$n listening on 127.0.0.1:${PORT[$n]}"
done

step "The director's files: a csync2-style cluster file and squid.conf"
mkdir -p "$D/etc/squid3"
{
    cat <<CFG
# csync2 syntax; the confsync block says how to reach and pin each node.
group cacheconfig
{
	host director (node1) (node2) (node3);
	key /etc/confsync/cluster.key;
	include /etc/csync2.cfg;
	include /etc/squid3/squid.conf;
	action
	{
		pattern /etc/squid3/squid.conf;
		exec "echo squid reloaded at commit \$CONFSYNC_COMMIT >> \$CONFSYNC_ROOT/var/log/squid-reload.log";
		logfile "/var/log/confsync_action.log";
	}
}
confsync
{
CFG
    for n in "${NODES[@]}"; do
        echo "	host $n { address 127.0.0.1; port ${PORT[$n]}; fingerprint ${FP[$n]}; }"
    done
    echo "}"
} > "$D/etc/csync2.cfg"
cat > "$D/etc/squid3/squid.conf" <<'SQUID'
acl localnet src 10.0.0.0/8
http_access allow localnet
http_access deny all
http_port 3128
cache_mem 256 MB
SQUID
cat "$D/etc/csync2.cfg"

step "Initialize the repository and make the first commit"
run confsync init --root "$D" --cluster-file /etc/csync2.cfg --host director
run confsync commit --root "$D" -m "Initial import" --author "Ada Admin <ada@example.org>"

step "First deploy: every node gets the files, the action runs"
run confsync deploy --root "$D"
for n in "${NODES[@]}"; do echo "$n: $(cat "$DEMO/$n/var/log/squid-reload.log")"; done

step "A typo is refused before it exists (squid would die on reload)"
sed -i 's/^cache_mem 256 MB/cache_mem 512 MBytez\nhttp_acces allow localnet/' "$D/etc/squid3/squid.conf"
confsync commit --root "$D" -m "more memory" && exit 1 || echo "(exit $?: nothing committed)"

step "Fix it, commit and deploy in one step"
sed -i '/^http_acces /d; s/^cache_mem .*/cache_mem 512 MB/' "$D/etc/squid3/squid.conf"
run confsync sync --root "$D" -m "squid: cache_mem 512 MB" --author "Bob Ops <bob@example.org>"
run diff "$D/etc/squid3/squid.conf" "$DEMO/node2/etc/squid3/squid.conf" && echo "node2 has the new squid.conf"

step "No change: nothing is sent"
run confsync deploy --root "$D"

step "History"
run confsync log --root "$D" --oneline
run confsync blame --root "$D" /etc/squid3/squid.conf

step "Revert the change (a new commit) and deploy it"
run confsync revert --root "$D" HEAD --apply
run confsync deploy --root "$D"
run grep cache_mem "$DEMO/node3/etc/squid3/squid.conf"
for n in "${NODES[@]}"; do echo "$n reloads:"; sed 's/^/    /' "$DEMO/$n/var/log/squid-reload.log"; done

step "Audit: who changed what, what ran where, with what result"
run confsync audit --root "$D" --node node1
run confsync status --root "$D" --nodes

step "Done: the demo cluster lives in $DEMO (agents stop now)"
