#!/usr/bin/env bash
# commit-bench.sh: confsync commit/status on a 10,000-file tree, against git add+commit on
# an identical copy, plus a check that a same-size edit in the same second is seen.
#
#   Benchmarks/commit-bench.sh                       # builds confsync in release mode first
#   CONFSYNC=/path/to/confsync Benchmarks/commit-bench.sh
#
# Knobs (environment): DIRS (100) x FILES_PER_DIR (100) files of ~4 KB, RUNS (5) per
# repeated measurement, TMPDIR (where the temporary roots go), KEEP=1 to keep them. The table goes to stdout,
# progress to stderr. Exits non-zero when a command misbehaves or a same-size check fails.
set -euo pipefail

DIRS=${DIRS:-100}
FILES_PER_DIR=${FILES_PER_DIR:-100}
RUNS=${RUNS:-5}
HOST=lvs-director1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

say() { printf '%s\n' "$*" >&2; }
die() { say "commit-bench: error: $*"; exit 1; }

(( DIRS >= 1 && DIRS <= 100 )) || die "DIRS must be 1..100 (got $DIRS)"
(( FILES_PER_DIR >= 2 && FILES_PER_DIR <= 100 )) || die "FILES_PER_DIR must be 2..100 (got $FILES_PER_DIR)"
(( RUNS >= 1 && RUNS <= DIRS )) || die "RUNS must be 1..DIRS (got $RUNS)"

# --- 1. the binary ---------------------------------------------------------------------------
source "$here/release-binary.sh"
release_binary "$top"

# A plain, reproducible git: no user or system configuration, a fixed identity.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost

tmp=$(mktemp -d "${TMPDIR:-/tmp}/confsync-bench.XXXXXX")
if [[ -n ${KEEP:-} ]]; then
    trap 'say "kept $tmp (log: $tmp/log)"' EXIT
else
    trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 130' INT
trap 'exit 143' TERM

root=$tmp/root          # the director's --root
gitwt=$tmp/git          # the same files in a plain git work tree
log=$tmp/log            # every command's output, shown when one fails
: >"$log"

# --- timing helpers --------------------------------------------------------------------------
# Microseconds since the epoch, without forking when bash has EPOCHREALTIME.
if [[ -n ${EPOCHREALTIME:-} ]]; then
    now_us() { local t=${EPOCHREALTIME//[!0-9]/}; REPLY=$((10#$t)); }
else
    now_us() { REPLY=$(( $(date +%s%N) / 1000 )); }
fi

# timed EXPECTED_STATUS COMMAND...: runs COMMAND (output to the log), fails the benchmark
# unless it exits EXPECTED_STATUS, and leaves the elapsed microseconds in $elapsed.
elapsed=0
timed() {
    local expect=$1 status=0 start
    shift
    printf '$ %s\n' "$*" >>"$log"
    now_us; start=$REPLY
    "$@" >>"$log" 2>&1 || status=$?
    now_us; elapsed=$((REPLY - start))
    if (( status != expect )); then
        tail -n 20 "$log" >&2
        die "'$*' exited $status, expected $expect"
    fi
}

# stats US...: "min median" in milliseconds with one decimal.
stats() {
    printf '%s\n' "$@" | sort -n | awk '
        { v[NR] = $1 }
        END {
            med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.1f %.1f", v[1] / 1000, med / 1000
        }'
}

rows=()
row() { # row LABEL US...
    local label=$1
    shift
    rows+=("$(printf '%-36s %4d %10s %10s' "$label" $# $(stats "$@"))")
}

# --- 2. the tree -----------------------------------------------------------------------------
# DIRS x FILES_PER_DIR files of 64 lines x 64 bytes = 4096 bytes, content fixed by path.
nfiles=$((DIRS * FILES_PER_DIR))
say "writing $nfiles files of 4096 bytes under $root/srv/conf ..."
mkdir -p "$root/etc" "$root/srv/conf"
for ((d = 0; d < DIRS; d++)); do printf -v dir '%s/srv/conf/d%02d' "$root" "$d"; mkdir "$dir"; done
awk -v base="$root/srv/conf" -v dirs="$DIRS" -v files="$FILES_PER_DIR" 'BEGIN {
    for (d = 0; d < dirs; d++) for (f = 0; f < files; f++) {
        path = sprintf("%s/d%02d/f%02d.conf", base, d, f)
        for (l = 0; l < 64; l++)
            printf "key_%02d_%02d_%02d = value %08d .................................\n", d, f, l, (d * 7919 + f * 104729 + l * 31) % 100000000 > path
        close(path)
    }
}'
cat >"$root/etc/csync2.cfg" <<EOF
# commit-bench: one group, the cluster file and a $nfiles-file tree.
group bench
{
	host $HOST (lvs-cache1);
	include /etc/csync2.cfg;
	include /srv/conf;
}
EOF
size=$(wc -c <"$root/srv/conf/d00/f00.conf")
(( size == 4096 )) || die "generated file is $size bytes, expected 4096"

# The identical copy for git, taken before confsync lays down anything of its own.
mkdir -p "$gitwt/etc"
cp -a "$root/srv" "$gitwt/"
cp -a "$root/etc/csync2.cfg" "$gitwt/etc/"

conf() { "$CONFSYNC" "$@" --root "$root"; }
# path_of D F: the live path of file F in directory D, relative to a root.
path_of() { printf -v REPLY 'srv/conf/d%02d/f%02d.conf' "$1" "$2"; }
# edit ROOT D F N: one content change (a line appended) to one file.
edit() { path_of "$2" "$3"; printf '# edit %d\n' "$4" >>"$1/$REPLY"; }

# --- 3. confsync -----------------------------------------------------------------------------
say "confsync: init and first commit ..."
timed 0 conf init --cluster-file /etc/csync2.cfg --host "$HOST"
repo=$root/var/lib/confsync/repo.git
timed 0 conf commit -m "first commit"
cs_first=$elapsed
tracked=$(git --git-dir="$repo" ls-tree -r --name-only main -- srv/conf | wc -l)
(( tracked == nfiles )) || die "the first commit holds $tracked files under srv/conf, expected $nfiles"

say "confsync: $RUNS one-file commits, $RUNS no-change commits, $RUNS status ..."
cs_one=() cs_none=() cs_status=()
for ((i = 0; i < RUNS; i++)); do
    edit "$root" "$i" $(((i * 37 + 11) % FILES_PER_DIR)) "$i"
    timed 0 conf commit -m "edit $i"
    cs_one+=("$elapsed")
done
for ((i = 0; i < RUNS; i++)); do
    timed 3 conf commit -m "nothing"
    cs_none+=("$elapsed")
done
for ((i = 0; i < RUNS; i++)); do
    timed 0 conf status
    cs_status+=("$elapsed")
done

# --- 4. git ----------------------------------------------------------------------------------
say "git: first add+commit, $RUNS one-file add+commits ..."
git_commit() { git -C "$gitwt" add -A && git -C "$gitwt" commit -q -m "$1"; }
git init -q -b main "$gitwt"
# No automatic gc: it would start in the background after a 10,000-object commit and
# disturb the next runs (confsync, through libgit2, never packs on its own either).
git -C "$gitwt" config gc.auto 0
git -C "$gitwt" config maintenance.auto false
timed 0 git_commit first
git_first=$elapsed
git_one=()
for ((i = 0; i < RUNS; i++)); do
    edit "$gitwt" "$i" $(((i * 37 + 11) % FILES_PER_DIR)) "$i"
    timed 0 git_commit "edit $i"
    git_one+=("$elapsed")
done

# --- 5. same size, same second ---------------------------------------------------------------
# csync2 compares mtime in whole seconds and the size, so an edit that keeps the size within
# the second it last saw the file is missed. confsync must see it in `status` and commit it.

# flip PATH: changes the byte at offset 100 without changing the size.
flip() {
    local old new
    old=$(dd if="$1" bs=1 skip=100 count=1 status=none)
    if [[ $old == X ]]; then new=Y; else new=X; fi
    printf '%s' "$new" | dd of="$1" bs=1 seek=100 conv=notrunc status=none
}
# seen REL: PASS when `confsync status` lists REL as modified and the commit takes it.
seen() {
    local out
    out=$(conf status 2>&1) || true
    printf '$ confsync status\n%s\n' "$out" >>"$log"
    if grep -Eq "(^|[[:space:]])M[[:space:]]+/?${1//./\\.}\$" <<<"$out"; then
        timed 0 conf commit -m "same-size edit of $1"
        REPLY=PASS
    else
        REPLY=FAIL
    fi
}

say "same-size edits ..."
# (a) Rewrite a file, commit it, flip one byte in the same wall-clock second as the rewrite.
#     Starting just after a second boundary leaves the commit most of the second; retried
#     if the second still turns over.
path_of $((DIRS - 1)) $((FILES_PER_DIR - 1)); rel_a=$REPLY
same_second=FAIL attempts=0 letters=abcdef
while (( attempts < 5 )); do
    attempts=$((attempts + 1))
    while now_us; (( REPLY % 1000000 > 50000 )); do sleep 0.01; done
    # New content of the same size, different on each attempt (a letter at offset 200).
    cp "$root/srv/conf/d00/f00.conf" "$tmp/rewrite"
    printf '%s' "${letters:attempts:1}" | dd of="$tmp/rewrite" bs=1 seek=200 conv=notrunc status=none
    cat "$tmp/rewrite" >"$root/$rel_a"
    before=$(stat -c %Y "$root/$rel_a")
    timed 0 conf commit -m "rewrite $rel_a"
    flip "$root/$rel_a"
    after=$(stat -c %Y "$root/$rel_a")
    if (( before == after )); then
        seen "$rel_a"; same_second=$REPLY
        break
    fi
    say "  (the second turned over; again)"
    same_second="n/a (the commit took over a second, 5 times)"
done

# (b) Harder still: flip one byte of a long-committed file and put its mtime back to the
#     nanosecond (touch -r); size, mtime, inode and mode are unchanged, only ctime moves.
path_of $((DIRS / 2)) $((FILES_PER_DIR / 2)); rel_b=$REPLY
touch -r "$root/$rel_b" "$tmp/mtime-ref"
flip "$root/$rel_b"
touch -r "$tmp/mtime-ref" "$root/$rel_b"
seen "$rel_b"; same_mtime=$REPLY

# --- 6. the table ----------------------------------------------------------------------------
row "confsync first commit" "$cs_first"
row "confsync one-file commit" "${cs_one[@]}"
row "confsync no-change commit (exit 3)" "${cs_none[@]}"
row "confsync status (no change)" "${cs_status[@]}"
row "git first add+commit" "$git_first"
row "git one-file add+commit" "${git_one[@]}"

fs=$(df -PT "$tmp" | awk 'NR == 2 { print $2 }')
printf 'commit-bench: %d files x 4096 B (%d dirs x %d), %s on %s, %s\n' \
    "$nfiles" "$DIRS" "$FILES_PER_DIR" "${TMPDIR:-/tmp}" "$fs" "$CONFSYNC"
printf '%-36s %4s %10s %10s\n' "measurement" "runs" "min ms" "median ms"
printf '%s\n' "${rows[@]}"
printf '%-46s %s\n' "same size, same second: status sees it" "$same_second"
printf '%-46s %s\n' "same size, mtime restored: status sees it" "$same_mtime"

[[ $same_second != FAIL && $same_mtime == PASS ]]
