/// What of one command's output goes into its logfile: the first `headBytes` as they
/// arrive (a live `tail -f` shows them), then, when the command ends, a line saying how many
/// bytes were left out and the last `tailBytes`. A command printing 100 MB adds at most
/// `headBytes + tailBytes` to the logfile per run; memory stays within `2 * tailBytes`.
struct LogWindow {
    let headBytes: Int
    let tailBytes: Int
    private var passed = 0
    private var lastPassed: UInt8?
    private var tail = [UInt8]()
    private var leftOut = 0

    /// A window of `limit` bytes per run: half head, half tail.
    init(limit: Int) {
        headBytes = limit - limit / 2
        tailBytes = limit / 2
    }

    /// The part of `chunk` to write now.
    mutating func take(_ chunk: [UInt8]) -> ArraySlice<UInt8> {
        let room = max(0, headBytes - passed)
        let now = chunk.prefix(room)
        passed += now.count
        if let last = now.last { lastPassed = last }
        tail += chunk.dropFirst(room)
        if tail.count > 2 * tailBytes { trimTail() }
        return now
    }

    /// What to write once the command has ended: the kept tail, after a line naming the
    /// bytes left out between head and tail, if any were.
    mutating func finish() -> [UInt8] {
        trimTail()
        guard leftOut > 0 else { return tail }
        let newline = lastPassed == UInt8(ascii: "\n") || lastPassed == nil ? "" : "\n"
        return Array("\(newline)--- [\(leftOut) bytes of output left out]\n".utf8) + tail
    }

    private mutating func trimTail() {
        guard tail.count > tailBytes else { return }
        leftOut += tail.count - tailBytes
        tail.removeFirst(tail.count - tailBytes)
    }
}
