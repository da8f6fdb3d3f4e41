#!/bin/bash
# Compares the built-in checkers with the real squid 5.7 and ldirectord 4.12 on configs
# collected from public repositories (issue 12), and prints the agreement table.
#
#   Benchmarks/realworld-agreement.sh [-v] [squid|ldirectord ...]    (as root, as a node)
#
# Inputs, per program (Tests/SquidConfigTests/RealWorld/, Tests/LdirectordConfigTests/RealWorld/):
#   SOURCES.md    where each file comes from (repository, path, commit)
#   files/        the collected configs (not in git: their licenses are unknown; see SOURCES.md)
#   classes.tsv   file, class, reason: the hand-made classification of a disagreement
#                 that the rules below cannot tell (environment-dependent ones, mostly)
# Environment: REALWORLD_SQUID_DIR / REALWORLD_LDIRECTORD_DIR (default files/),
#   CONFSYNC (default .build/debug/confsync), SQUID_CHECK, LDIRECTORD_CHECK.
#
# Split: a file is in the tuning half when the first hex digit of the sha256 of its name
# (owner__repo__path, made from the source before any result was seen) is even, else held-out.
# Per file: the oracle's verdict; ours by default (strict) and with --allow-weakened.
# Classes of a file where a verdict differs:
#   a  environment-dependent (classes.tsv: missing certificate, include, user, DNS, ...)
#   b  a weakening: oracle valid, strict invalid, --allow-weakened valid (expected)
#   c  false acceptance: oracle invalid, ours valid, not environment-dependent
#   d  false rejection: oracle valid, ours invalid with --allow-weakened
#   e  crash or timeout of our checker (exit status other than 0 and 2)
# "plain" = every file but class a; agreement is counted on plain files.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
confsync=${CONFSYNC:-$here/.build/debug/confsync}
squid_check=${SQUID_CHECK:-/work/shared/oracles/squid-check}
ldir_check=${LDIRECTORD_CHECK:-/work/shared/oracles/ldirectord-check}
verbose=0
if [ "${1-}" = "-v" ]; then verbose=1; shift; fi
programs=("$@")
[ ${#programs[@]} -gt 0 ] || programs=(squid ldirectord)
[ -x "$confsync" ] || { echo "build first: swift build --product confsync" >&2; exit 2; }

# one PROGRAM FILE: prints "file half oracle strict allowed class reason"
one() {
    local program=$1 file=$2 oracle_cmd rc oracle strict allowed half class reason
    case $program in
    squid) oracle_cmd=$squid_check ;;
    ldirectord) oracle_cmd=$ldir_check ;;
    esac
    local out
    if [ "$program" = squid ]; then out=$("$oracle_cmd" --raw "$file" 2> "$file.raw")
    else out=$("$oracle_cmd" "$file" 2> /dev/null)
    fi
    rc=$?
    case $rc in
    0) oracle=valid ;;
    1) oracle=invalid ;;
    *)  # squid exits with the number of unrecognized lines; squid-check calls 2+ a failure
        if grep -q 'exited with status [2-9]' "$file.raw" 2> /dev/null; then oracle=invalid; else oracle=failed; fi ;;
    esac
    rm -f "$file.raw"
    verdict() {
        timeout 60 "$confsync" validate --as "$program" "$@" "$file" > "$file.ours" 2>&1
        case $? in 0) echo valid ;; 2) echo invalid ;; 124) echo timeout ;; *) echo crash ;; esac
    }
    strict=$(verdict)
    mv "$file.ours" "$file.strict"
    allowed=$(verdict --allow-weakened)
    # first error line when both say invalid: the oracle's, and ours in file order, strict or
    # with --allow-weakened (a weakening such as a missing include may come first in one of them);
    # squid's line 0 (after parsing) is ours on the directive's line (docs/validation.md)
    local line=-
    if [ "$oracle" = invalid ] && [ "$strict" = invalid ]; then
        local theirs mine1 mine2
        theirs=$(printf '%s\n' "$out" | awk -F': ' 'NR > 1 && $2 == "error" { print $1; exit }')
        theirs=${theirs#"$file":}
        mine1=$(grep -m 1 ': error: ' "$file.strict" | sed -n "s|^.*/$file:\([0-9]*\):.*|\1|p")
        mine2=$(grep -m 1 ': error: ' "$file.ours" | sed -n "s|^.*/$file:\([0-9]*\):.*|\1|p")
        if [ -n "$theirs" ] && { [ "$theirs" = "$mine1" ] || [ "$theirs" = "$mine2" ] || [ "$theirs" = 0 ]; }; then
            line=same
        else
            line="differs:${theirs:-?}/${mine1:-?},${mine2:-?}"
        fi
    fi
    rm -f "$file.ours" "$file.strict"
    if [ $((16#$(printf '%s' "$file" | sha256sum | cut -c1) % 2)) -eq 0 ]; then half=tuning; else half=held-out; fi
    class=-; reason=
    local noted
    noted=$(awk -F'\t' -v f="$file" '$1 == f { print $2 "\t" $3; exit }' "$classes" 2> /dev/null)
    if [ "$strict" = crash ] || [ "$strict" = timeout ] || [ "$allowed" = crash ] || [ "$allowed" = timeout ]; then
        class=e
    elif [ "$oracle" != "$strict" ] || [ "$oracle" != "$allowed" ]; then
        if [ -n "$noted" ]; then class=${noted%%$'\t'*}; reason=${noted#*$'\t'}
        elif [ "$oracle" = valid ] && [ "$strict" = invalid ] && [ "$allowed" = valid ]; then class=b
        elif [ "$oracle" = valid ]; then class=d
        else class=c
        fi
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$half" "$oracle" "$strict" "$allowed" "$class" "$line" "$reason"
}
export -f one
export confsync squid_check ldir_check

for program in "${programs[@]}"; do
    case $program in
    squid) dir=${REALWORLD_SQUID_DIR:-$here/Tests/SquidConfigTests/RealWorld/files}
           classes=$here/Tests/SquidConfigTests/RealWorld/classes.tsv ;;
    ldirectord) dir=${REALWORLD_LDIRECTORD_DIR:-$here/Tests/LdirectordConfigTests/RealWorld/files}
           classes=$here/Tests/LdirectordConfigTests/RealWorld/classes.tsv ;;
    *) echo "unknown program $program" >&2; exit 2 ;;
    esac
    export classes
    results=$(cd "$dir" && ls | grep -E '\.(conf|cf)$' | xargs -P 4 -I{} bash -c 'one "$1" "$2"' _ "$program" {} | sort)
    if [ $verbose = 1 ]; then
        printf 'file\thalf\toracle\tstrict\tallowed\tclass\tfirst-error-line\treason\n'
        printf '%s\n' "$results" | awk -F'\t' '$6 != "-" || $7 ~ /^differs/'
    fi
    echo "== $program (oracle: real program on this host; ours: confsync validate --as $program)"
    printf '%-9s %5s %4s %5s  %-16s %-16s %-16s %3s %3s %3s %3s  %s\n' half files env plain agree-strict strict-as-meant agree-allowed b c d e same-1st-error
    for half in tuning held-out all; do
        printf '%s\n' "$results" | awk -F'\t' -v h="$half" '
            h == "all" || $2 == h {
                n++
                if ($6 == "a") { a++; next }
                p++
                if ($3 == $4) s++
                if ($3 == $5) w++
                if ($6 == "b") b++; if ($6 == "c") c++; if ($6 == "d") d++; if ($6 == "e") e++
                if ($7 != "-") { both++; if ($7 == "same") same++ }
            }
            END {
                m = s + b
                printf "%-9s %5d %4d %5d  %4d (%5.1f%%)    %4d (%5.1f%%)    %4d (%5.1f%%)    %3d %3d %3d %3d  %d/%d\n",
                    h, n, a, p, s, p ? 100 * s / p : 0, m, p ? 100 * m / p : 0, w, p ? 100 * w / p : 0, b, c, d, e, same, both
            }'
    done
    echo "(strict-as-meant = agreeing + b, the weakenings that are errors by default on purpose;"
    echo " same-1st-error: files both call invalid whose first error is on the same line;"
    echo " oracle runs that failed: $(printf '%s\n' "$results" | awk -F'\t' '$3 == "failed"' | wc -l))"
done
