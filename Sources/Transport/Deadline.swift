/// The moment a wait gives up, on the monotonic clock.
struct Deadline {
    let instant: ContinuousClock.Instant
    /// The allowance this deadline was made from, for messages.
    let seconds: Double

    /// `seconds` from now (negative and non-finite values count as zero).
    init(secondsFromNow seconds: Double) {
        let clamped = seconds.isFinite ? min(max(seconds, 0), 1e9) : 0
        self.seconds = clamped
        instant = ContinuousClock.now + .seconds(clamped)
    }

    /// Milliseconds left, rounded up so that a wait never ends early; 0 once passed.
    var remainingMilliseconds: Int32 {
        let left = instant - ContinuousClock.now
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
