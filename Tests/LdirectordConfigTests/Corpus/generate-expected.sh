#!/bin/bash
# Regenerates expected.tsv: the real ldirectord's verdict on every corpus file.
#
#   sudo Tests/LdirectordConfigTests/Corpus/generate-expected.sh
#
# Needs ldirectord 4.12 (Debian 12: apt-get install ldirectord) and root (the
# oracle tests logfile/monitorfile paths with root's rights). Columns:
#   file  verdict (valid|invalid)  line of ldirectord's error (- when valid)  its message
# env: LDIRECTORD_CHECK (default: ../Oracle/ldirectord-check), JOBS (4).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
oracle=${LDIRECTORD_CHECK:-$here/../Oracle/ldirectord-check}
[ "$(id -u)" -eq 0 ] || echo "generate-expected: not root; logfile/monitorfile verdicts may differ" >&2

one() {
    local file=$1 out rc verdict line=- message=
    out=$("$oracle" "$file") && rc=0 || rc=$?
    case $rc in
        0) verdict=valid ;;
        1) verdict=invalid ;;
        *) echo "generate-expected: oracle failed on $file" >&2; return 1 ;;
    esac
    if [ "$verdict" = invalid ]; then
        local error
        error=$(printf '%s\n' "$out" | grep -m1 -E '^[^:]+:[0-9]+: error: ' || true)
        line=$(printf '%s' "$error" | cut -d: -f2)
        message=$(printf '%s' "$error" | cut -d: -f3- | sed 's/^ error: //' | tr '\t' ' ')
    fi
    printf '%s\t%s\t%s\t%s\n' "$(basename "$file")" "$verdict" "$line" "$message"
}
export -f one
export oracle

cd "$here"
{
    printf 'file\tverdict\tline\tmessage\n'
    ls -- *.cf | xargs -P "${JOBS:-4}" -I{} bash -c 'one "$1"' _ {} | LC_ALL=C sort
} > expected.tsv.new
mv expected.tsv.new expected.tsv
echo "generate-expected: $(($(wc -l < expected.tsv) - 1)) files" >&2
