#!/usr/bin/env bash
# console-bench.sh: the web console's page times with a long history and many nodes.
#
#   Benchmarks/console-bench.sh                       # 100 nodes, 1000 commits (needs root: a PAM user)
#   NODES=10 COMMITS=100 RUNS=5 Benchmarks/console-bench.sh   # a quick run
#
# A director with NODES (100) confsync agents on loopback, each node with its own root, and
# COMMITS (1000) commits of a one-line change to one of 100 managed files, deployed every
# COMMITS/10 commits (so the audit holds about 10 x NODES deploy records). Then
# `confsync serve --web` with a user made for the run (useradd, a PAM service file of its
# own, removed at the end), logged in once; each page is fetched RUNS (10) times with curl,
# median and slowest shown, twice for the overview: the first after the service started
# (new node connections), then on the service's kept connections.
# Table on stdout, progress on stderr. TMPDIR: where the roots go; KEEP=1 keeps them.
set -euo pipefail
NODES=${NODES:-100}
COMMITS=${COMMITS:-1000}
RUNS=${RUNS:-10}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
say() { printf '%s\n' "$*" >&2; }
die() { say "console-bench: error: $*"; exit 1; }
[[ $(id -u) == 0 ]] || die "needs root (it makes a user for the PAM login)"
[[ $NODES =~ ^[0-9]+$ ]] && (( NODES >= 1 && NODES <= 200 )) || die "NODES must be 1..200"
[[ $COMMITS =~ ^[0-9]+$ ]] && (( COMMITS >= 10 )) || die "COMMITS must be 10 or more"
command -v curl >/dev/null || die "curl is not installed (apt-get install -y curl)"
source "$here/release-binary.sh"
release_binary "$top"
source "$here/timing.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/confsync-console-bench.XXXXXX")
log=$tmp/log
: >"$log"
suffix=$RANDOM
user=cs-bench-$suffix
group=cs-bench-w-$suffix
pam=confsync-bench-$suffix
password="bench password $suffix"
procs=()
on_exit() {
    local p
    for p in "${procs[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    userdel "$user" 2>/dev/null || true
    groupdel "$group" 2>/dev/null || true
    rm -f "/etc/pam.d/$pam"
    if [[ -n ${KEEP:-} ]]; then say "kept $tmp (log: $log)"; else rm -rf "$tmp"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
groupadd "$group"
useradd -M -N -g nogroup -G "$group" "$user"
printf '%s:%s\n' "$user" "$password" | chpasswd
printf 'auth required pam_unix.so\naccount required pam_unix.so\n' >"/etc/pam.d/$pam"

D=$tmp/director
mkdir -p "$D/etc" "$D/srv/conf"
for ((f = 0; f < 100; f++)); do printf 'key_%03d = 0\n' "$f" >"$D/srv/conf/f$f.conf"; done
say "keys and $NODES agents ..."
dfp=$("$CONFSYNC" keygen --root "$D" --name director --group-key /etc/confsync/cluster.key 2>>"$log")
declare -A port fp
names=()
for ((i = 1; i <= NODES; i++)); do
    n=node$i
    names+=("$n")
    R=$tmp/$n
    mkdir -p "$R/etc/confsync"
    fp[$n]=$("$CONFSYNC" keygen --root "$R" --name "$n" 2>>"$log")
    cp "$D/etc/confsync/cluster.key" "$R/etc/confsync/cluster.key"
    "$CONFSYNC" agent --root "$R" --name "$n" --listen 127.0.0.1:0 --trust "$dfp" \
        --group-key "$R/etc/confsync/cluster.key" >"$R.agent.out" 2>"$R.agent.log" &
    procs+=($!)
done
for n in "${names[@]}"; do
    for _ in $(seq 200); do grep -q listening "$tmp/$n.agent.out" 2>/dev/null && break; sleep 0.05; done
    port[$n]=$(sed -n 's/.*listening on .*:\([0-9]*\)$/\1/p' "$tmp/$n.agent.out")
    [[ -n ${port[$n]} ]] || die "agent $n did not start"
done
{
    printf 'group bench\n{\n\thost director%s;\n\tkey /etc/confsync/cluster.key;\n\tinclude /etc/csync2.cfg;\n\tinclude /srv/conf;\n}\nconfsync\n{\n' \
        "$(printf ' (%s)' "${names[@]}")"
    for n in "${names[@]}"; do
        printf '\thost %s { address 127.0.0.1; port %s; fingerprint %s; }\n' "$n" "${port[$n]}" "${fp[$n]}"
    done
    echo "}"
} >"$D/etc/csync2.cfg"
conf() { "$CONFSYNC" "$@" --root "$D" --no-service; }
conf init --cluster-file /etc/csync2.cfg --host director >>"$log" 2>&1 || die "init failed"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost
say "$COMMITS commits, a deploy every $((COMMITS / 10)) ..."
for ((c = 1; c <= COMMITS; c++)); do
    printf 'key_%03d = %d\n' "$((c % 100))" "$c" >"$D/srv/conf/f$((c % 100)).conf"
    conf commit -m "change $c" --author "Bench Admin <bench@example.org>" >>"$log" 2>&1 || die "commit $c failed (see $log)"
    if (( c % (COMMITS / 10) == 0 )); then
        conf deploy >>"$log" 2>&1 || die "deploy after commit $c failed (see $log)"
        say "  $c"
    fi
done

"$CONFSYNC" serve --root "$D" --group "$group" --web 127.0.0.1:0 --pam-service "$pam" --insecure-cookies \
    2>"$tmp/serve.log" &
procs+=($!)
web=
for _ in $(seq 200); do
    web=$(sed -n 's|.*web console on \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$tmp/serve.log" | head -1)
    [[ -n $web ]] && break
    sleep 0.05
done
[[ -n $web ]] || die "the console did not start (see $tmp/serve.log)"
jar=$tmp/cookies
curl -s -o /dev/null -c "$jar" -w '%{http_code}' --data-urlencode "user=$user" --data-urlencode "password=$password" \
    "$web/login" | grep -q 303 || die "the login failed"
head_id=$(git -C "$D/var/lib/confsync/repo.git" rev-parse HEAD)
middle=$(git -C "$D/var/lib/confsync/repo.git" rev-parse "HEAD~$((COMMITS / 2))")

# page LABEL PATH: RUNS fetches (each must answer 200), median and slowest in ms.
page() {
    local label=$1 path=$2 times=() r code start slowest=0 t
    for ((r = 0; r < RUNS; r++)); do
        now_us; start=$REPLY
        code=$(curl -s -o /dev/null -b "$jar" -w '%{http_code}' "$web$path")
        now_us
        [[ $code == 200 ]] || die "$label: HTTP $code for $path"
        t=$((REPLY - start))
        times+=("$t")
        (( t > slowest )) && slowest=$t
    done
    printf '%-46s %9s ms  (slowest %s ms)\n' "$label" "$(median_ms "${times[@]}")" "$(median_ms "$slowest")"
}
echo "# console-bench: $NODES nodes, $COMMITS commits, median of $RUNS, $(date -u +%Y-%m-%dT%H:%MZ)"
RUNS_SAVED=$RUNS
RUNS=1 page "overview, first (new node connections)" "/"
RUNS=$RUNS_SAVED
page "overview (every node asked, kept connections)" "/"
page "log, first page" "/log"
page "log, page 20" "/log?page=20"
page "log of one file" "/log?path=/srv/conf/f7.conf"
page "commit with its diff" "/commit/$head_id"
page "file at a commit" "/file?path=/srv/conf/f7.conf&rev=$middle"
page "blame" "/blame?path=/srv/conf/f7.conf&rev=$head_id"
page "audit, first page (200 of every event)" "/audit"
page "audit, page 5" "/audit?page=5"
page "audit of one node" "/audit?node=node7"
page "files" "/files"
rss=$(awk '/VmRSS/ {print $2}' "/proc/${procs[-1]}/status")
printf '%-46s %9s MB\n' "service resident memory after it" "$((rss / 1024))"
