#!/bin/bash
# Regenerates Tests/SquidConfigTests/Corpus/expected.tsv: the real squid's verdict on
# every corpus file, asked through shared/oracles/squid-check (run as root, as a node does).
#
#   Benchmarks/squid-corpus-expected.sh
#
# Columns: file, verdict (valid|invalid), first error line ("-" if none; "PATH:LINE"
# when it is in an included file; 0 = after parsing, not tied to a line), note
# ("strict: ...", "lenient: ..." or "weakening: ..." from the file's first line when our checker is
# stricter or more lenient than squid on purpose; see docs/validation.md).
# Runs from the corpus directory, because squid resolves relative includes from its cwd.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$here/Tests/SquidConfigTests/Corpus
oracle=${SQUID_CHECK:-$here/../../shared/oracles/squid-check}
[ -x "$oracle" ] || oracle=/work/shared/oracles/squid-check
cd "$corpus"
one() {
    local file=$1 out verdict first note
    out=$("$oracle" --raw "$file" 2> "$file.raw" || true)
    verdict=$(printf '%s\n' "$out" | head -n 1)
    case $verdict in
    valid|invalid)
        first=$(printf '%s\n' "$out" | awk -F': ' 'NR > 1 && $2 == "error" { print $1; exit }') ;;
    *)
        # squid exits with the number of unrecognized lines, which squid-check takes
        # for a crash when it is 2 or more: the verdict is then "invalid" at the first one.
        if ! grep -q 'exited with status [2-9]' "$file.raw"; then
            echo "oracle failed on $file" >&2; rm -f "$file.raw"; exit 1
        fi
        verdict=invalid
        first=$(sed -n 's/^.*| \([^ ]*\)(\([0-9]*\)): unrecognized: .*$/\1:\2/p' "$file.raw" | head -n 1) ;;
    esac
    rm -f "$file.raw"
    if [ -z "$first" ]; then first=-
    elif [ "${first%%:*}" = "$file" ]; then first=${first#"$file":}
    fi
    note=$(head -n 1 "$file" | sed -n 's/^# \(\(strict\|lenient\|weakening\): .*\)$/\1/p')
    printf '%s\t%s\t%s\t%s\n' "$file" "$verdict" "$first" "$note"
}
export -f one
export oracle
{
    printf 'file\tverdict\tfirst_error_line\tnote\n'
    ls -- *.conf | xargs -P 4 -I{} bash -c 'one "$1"' _ {} | sort
} > expected.tsv.new
mv expected.tsv.new expected.tsv
echo "$(($(wc -l < expected.tsv) - 1)) files: $(grep -c $'\tvalid\t' expected.tsv) valid, $(grep -c $'\tinvalid\t' expected.tsv) invalid"
