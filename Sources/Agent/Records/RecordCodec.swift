/// The text format of every file in the state directory.
///
/// A file is lines of TAB-separated fields ending in LF. The first line is `<kind> TAB 1`
/// (format version 1), the last is `end` (files are replaced whole, so a file without `end`
/// was damaged by hand). Inside a field, `\` escapes itself, TAB (`\t`), LF (`\n`) and
/// CR (`\r`). An absent optional value is an empty field.
enum RecordCodec {
    static let version = "1"

    /// Builds a record file of `kind`.
    struct Writer {
        private(set) var bytes: [UInt8]

        /// A file of `kind`, starting with its header line; nil `kind` for a block to append
        /// to a log (no header).
        init(kind: String?, capacity: Int = 256) {
            bytes = []
            bytes.reserveCapacity(capacity)
            if let kind { append([kind, RecordCodec.version]) }
        }

        mutating func append(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: "\t")) }
                // Most fields need no escape: copy them whole.
                if !field.utf8.contains(where: Self.needsEscape) {
                    bytes.append(contentsOf: field.utf8)
                    continue
                }
                for byte in field.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                    case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                    case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                    case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                    default: bytes.append(byte)
                    }
                }
            }
            bytes.append(UInt8(ascii: "\n"))
        }

        private static func needsEscape(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }

        mutating func append(_ fields: String...) {
            append(fields)
        }

        /// The file's bytes, with the closing `end` line (or `terminator`, for a log block).
        func finished(_ terminator: String = "end") -> [UInt8] {
            var copy = self
            copy.append([terminator])
            return copy.bytes
        }
    }

    /// One line of a record file.
    struct Record {
        let fields: [String]
        /// "file:line", for messages.
        let location: String

        var keyword: String { fields.first ?? "" }

        /// Field `index`; throws when the line is shorter.
        func string(_ index: Int) throws -> String {
            guard index < fields.count else { throw malformed("missing field \(index + 1)") }
            return fields[index]
        }

        /// Field `index`, nil when empty.
        func optional(_ index: Int) throws -> String? {
            let value = try string(index)
            return value.isEmpty ? nil : value
        }

        func int(_ index: Int) throws -> Int {
            guard let value = Int(try string(index)) else { throw malformed("field \(index + 1) is not a number") }
            return value
        }

        func uint64(_ index: Int) throws -> UInt64 {
            guard let value = UInt64(try string(index)) else { throw malformed("field \(index + 1) is not a number") }
            return value
        }

        func octal(_ index: Int) throws -> UInt32 {
            guard let value = UInt32(try string(index), radix: 8) else {
                throw malformed("field \(index + 1) is not octal")
            }
            return value
        }

        func bool(_ index: Int) throws -> Bool {
            switch try string(index) {
            case "1": return true
            case "0": return false
            default: throw malformed("field \(index + 1) is not 0 or 1")
            }
        }

        func malformed(_ problem: String) -> AgentError {
            AgentError(.journal, "\(location): \(problem)")
        }
    }

    /// The records of a file of `kind`, without the header and `end` lines.
    static func decode(_ bytes: [UInt8], kind: String, file: String) throws -> [Record] {
        let scan = lines(bytes, file: file)
        if let bad = scan.badLine { throw AgentError(.journal, "\(file):\(bad): bad escape") }
        let records = scan.records
        guard let header = records.first, header.fields == [kind, version] else {
            throw AgentError(.journal, "\(file):1: not a '\(kind)' file of version \(version)")
        }
        guard records.count >= 2, records[records.count - 1].fields == ["end"], scan.ends.last == bytes.count else {
            throw AgentError(.journal, "\(file): truncated (no 'end' line)")
        }
        return Array(records[1..<(records.count - 1)])
    }

    /// An append-only file of `kind`: after the header line, blocks of records each closed by
    /// a `terminator` line. Returns the blocks (without their terminators) and the byte
    /// length they fill. What follows the last terminator is the torn tail of an append a
    /// crash interrupted, and is left out; damage before it is an error.
    static func decodeLog(
        _ bytes: [UInt8], kind: String, terminator: String, file: String
    ) throws -> (blocks: [[Record]], length: Int) {
        let scan = lines(bytes, file: file)
        guard let header = scan.records.first, header.fields == [kind, version] else {
            throw AgentError(.journal, "\(file):1: not a '\(kind)' file of version \(version)")
        }
        var blocks = [[Record]]()
        var block = [Record]()
        var length = scan.ends[0]
        for (index, record) in scan.records.enumerated().dropFirst() {
            if record.fields == [terminator] {
                blocks.append(block)
                block.removeAll()
                length = scan.ends[index]
            } else {
                block.append(record)
            }
        }
        // A torn append cannot hold a whole block: a terminator line past `length` means the
        // scan stopped at damage in the middle.
        let tail = bytes[length...]
        let closing = Array("\n\(terminator)\n".utf8)
        if tail.starts(with: closing.dropFirst())
            || tail.indices.contains(where: { tail[$0...].starts(with: closing) })
        {
            throw AgentError(.journal, "\(file):\(scan.badLine ?? scan.records.count + 1): damaged before its last block")
        }
        return (blocks, length)
    }

    /// The complete (LF-terminated) lines of `bytes` as records, with the byte offset after
    /// each; decoding stops at the first line with a bad escape (`badLine`, 1-based).
    private static func lines(_ bytes: [UInt8], file: String) -> (records: [Record], ends: [Int], badLine: Int?) {
        var records = [Record]()
        var ends = [Int]()
        var fields = [String]()
        var field = [UInt8]()
        var escaped = false
        var line = 1
        for (offset, byte) in bytes.enumerated() {
            if escaped {
                switch byte {
                case UInt8(ascii: "\\"): field.append(byte)
                case UInt8(ascii: "t"): field.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): field.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): field.append(UInt8(ascii: "\r"))
                default: return (records, ends, line)
                }
                escaped = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                escaped = true
            case UInt8(ascii: "\t"):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\n"):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                records.append(Record(fields: fields, location: "\(file):\(line)"))
                ends.append(offset + 1)
                fields.removeAll(keepingCapacity: true)
                line += 1
            default:
                field.append(byte)
            }
        }
        return (records, ends, nil)
    }
}
