/// One logical squid.conf line: physical lines joined at `\` continuations, with
/// comments, blank lines and leading/trailing whitespace gone, as squid reads them.
struct LogicalLine: Sendable {
    /// The joined bytes.
    var text: [UInt8]
    /// The physical line squid reports: the last one of a continued line.
    let line: Int
    /// Where the last physical line's bytes start in `text`, and their column there.
    let lastSegmentOffset: Int
    let lastSegmentColumn: Int
    /// The line used `${process_number}` (so each SMP worker reads a different value).
    var perProcess = false

    /// The 1-based column of byte `offset` on `line`; 1 for bytes from earlier physical lines.
    func column(at offset: Int) -> Int {
        offset >= lastSegmentOffset ? lastSegmentColumn + offset - lastSegmentOffset : 1
    }
}

/// Splits a file into logical lines exactly as squid 5.7's parseOneConfigFile does.
enum Lexer {
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    static func lines(_ bytes: [UInt8]) -> [LogicalLine] {
        var result: [LogicalLine] = []
        var pending: [UInt8] = []
        var lineNumber = 0
        var start = 0
        let count = bytes.count
        while start < count {
            let lineStart = start
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var stop = start
            while stop < end && bytes[stop] != 0x0D { stop += 1 }  // squid cuts at the first CR
            var first = start
            while first < stop && isSpace(bytes[first]) { first += 1 }
            start = end + 1
            if first == stop || bytes[first] == 0x23 { continue }  // blank or '#'
            let segmentOffset = pending.count
            pending.append(contentsOf: bytes[first..<stop])
            if pending.last == 0x5C {  // '\' continues onto the next line
                pending.removeLast()
                continue
            }
            while let last = pending.last, isSpace(last) { pending.removeLast() }
            result.append(LogicalLine(
                text: pending, line: lineNumber, lastSegmentOffset: segmentOffset,
                lastSegmentColumn: first - lineStart + 1))
            pending.removeAll(keepingCapacity: true)
        }
        return result  // a continuation still open at the end of the file is dropped, as squid does
    }
}
