# release-binary.sh: the confsync binary a benchmark runs (sourced, not run; needs the
# caller's `say` and `die`). release_binary TOP: CONFSYNC as given, else built in release
# mode in TOP; CONFSYNC_SHARE (templates/ and hooks/ for `init`) defaults to TOP.
release_binary() {
    local top=$1
    if [[ -z ${CONFSYNC:-} ]]; then
        say "building confsync (release) in $top ..."
        (cd "$top" && swift build -c release --static-swift-stdlib --product confsync \
            && swift build -c release --static-swift-stdlib --product confsync-director) >&2
        CONFSYNC="$(cd "$top" && swift build -c release --show-bin-path)/confsync"
    fi
    [[ -x $CONFSYNC ]] || die "CONFSYNC=$CONFSYNC is not an executable"
    # `confsync serve` runs confsync-director from beside it.
    [[ -x $(dirname "$CONFSYNC")/confsync-director ]] || say "note: no confsync-director beside $CONFSYNC: 'serve' will not start"
    export CONFSYNC CONFSYNC_SHARE=${CONFSYNC_SHARE:-$top}
}
