/// The bytes of one line of the file (without its newline), each remembering the
/// 1-based column it came from, so that text ldirectord rewrites before matching
/// (comments cut, tabs widened to four spaces) still points at the right column.
struct LineText: Sendable {
    /// 1-based line number.
    let number: Int
    let bytes: [UInt8]
    /// `columns[i]` is the column of `bytes[i]`; one extra entry for the end of the line.
    private let columns: [Int]

    /// A line exactly as read: a column per character (UTF-8 continuation bytes share
    /// the column of their first byte).
    init(number: Int, bytes: ArraySlice<UInt8>) {
        var columns: [Int] = []
        columns.reserveCapacity(bytes.count + 1)
        var column = 0
        for byte in bytes {
            if byte & 0xC0 != 0x80 { column += 1 }
            columns.append(column)
        }
        columns.append(column + 1)
        self.init(number: number, bytes: Array(bytes), columns: columns)
    }

    private init(number: Int, bytes: [UInt8], columns: [Int]) {
        self.number = number
        self.bytes = bytes
        self.columns = columns
    }

    /// The whole line.
    var all: Span { Span(line: self, range: 0..<bytes.count) }

    func column(at index: Int) -> Int {
        columns[min(max(index, 0), columns.count - 1)]
    }

    /// The line as ldirectord sees a line inside a `virtual=` block: from the first `#`
    /// on removed (`s/#.*//`, quotes notwithstanding) and every tab replaced by four
    /// spaces (`s/\t/    /g`).
    var blockForm: LineText {
        let cut = self.bytes.firstIndex(of: UInt8(ascii: "#")) ?? self.bytes.count
        var bytes: [UInt8] = []
        var columns: [Int] = []
        for index in 0..<cut {
            let isTab = self.bytes[index] == UInt8(ascii: "\t")
            for _ in 0..<(isTab ? 4 : 1) {
                bytes.append(isTab ? UInt8(ascii: " ") : self.bytes[index])
                columns.append(self.columns[index])
            }
        }
        columns.append(column(at: cut))
        return LineText(number: number, bytes: bytes, columns: columns)
    }
}

/// A part of a line: what a Perl capture group holds, with its position.
struct Span: Sendable {
    let line: LineText
    let range: Range<Int>

    var bytes: ArraySlice<UInt8> { line.bytes[range] }
    var isEmpty: Bool { range.isEmpty }
    var count: Int { range.count }
    var text: String { String(decoding: bytes, as: UTF8.self) }
    /// The text for a message: control characters (a carriage return, a tab) escaped.
    var shown: String {
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
    /// The column of the first byte (of the end, for an empty span).
    var column: Int { line.column(at: range.lowerBound) }

    /// The part `range` (indices of the line, clamped to this span).
    func slice(_ range: Range<Int>) -> Span {
        Span(line: line, range: range.clamped(to: self.range))
    }

    /// Everything after this span up to the end of `outer`.
    func rest(in outer: Span) -> Span {
        outer.slice(range.upperBound..<outer.range.upperBound)
    }

    /// Whether the bytes equal `literal` exactly.
    func equals(_ literal: String) -> Bool {
        bytes.elementsEqual(literal.utf8)
    }

    /// Leading bytes of `set` skipped.
    func dropping(while set: ByteClass) -> Span {
        var index = range.lowerBound
        while index < range.upperBound, set.contains(line.bytes[index]) { index += 1 }
        return slice(index..<range.upperBound)
    }

    /// Trailing bytes of `set` removed.
    func trimmingEnd(_ set: ByteClass) -> Span {
        var index = range.upperBound
        while index > range.lowerBound, set.contains(line.bytes[index - 1]) { index -= 1 }
        return slice(range.lowerBound..<index)
    }

    /// The leftmost longest run of bytes of `set` (Perl `/([set]+)/`), or nil.
    func firstRun(of set: ByteClass) -> Span? {
        guard let first = range.first(where: { set.contains(line.bytes[$0]) }) else { return nil }
        var end = first
        while end < range.upperBound, set.contains(line.bytes[end]) { end += 1 }
        return slice(first..<end)
    }

    /// The run of bytes of `set` at the start (possibly empty).
    func prefixRun(of set: ByteClass) -> Span {
        var end = range.lowerBound
        while end < range.upperBound, set.contains(line.bytes[end]) { end += 1 }
        return slice(range.lowerBound..<end)
    }

    /// Whether any byte is not white space (Perl `/\S/`).
    var hasNonSpace: Bool {
        bytes.contains { !ByteClass.space.contains($0) }
    }
}
