/// The text format of every file in the state directory.
///
/// A file is lines of TAB-separated fields ending in LF. The first line is `<kind> TAB 1`
/// (format version 1; `state.log` is at version 2, see `StateLog`), the last is `end`
/// (files are replaced whole, so a file without `end` was damaged by hand). Inside a field,
/// `\` escapes itself, TAB (`\t`), LF (`\n`) and CR (`\r`). An absent optional value is an
/// empty field.
enum RecordCodec {
    static let version = "1"

    /// Builds a record file of `kind`.
    struct Writer {
        private(set) var bytes: [UInt8]

        /// A file of `kind` at `version`, starting with its header line; nil `kind` for a
        /// block to append to a log (no header).
        init(kind: String?, version: String = RecordCodec.version, capacity: Int = 256) {
            bytes = []
            bytes.reserveCapacity(capacity)
            if let kind { append([kind, version]) }
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
        let scan = lines(bytes[...], file: file)
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

    /// The complete (LF-terminated) lines of `bytes` as records, with the byte offset after
    /// each; `firstLine` numbers the first. Decoding stops at the first line with a bad
    /// escape (`badLine`), or with `lenient` skips that line and goes on.
    static func lines(
        _ bytes: ArraySlice<UInt8>, file: String, firstLine: Int = 1, lenient: Bool = false
    ) -> (records: [Record], ends: [Int], badLine: Int?) {
        var records = [Record]()
        var ends = [Int]()
        var fields = [String]()
        var field = [UInt8]()
        var escaped = false
        var skipping = false
        var badLine: Int?
        var line = firstLine
        for offset in bytes.indices {
            let byte = bytes[offset]
            if skipping {
                if byte == UInt8(ascii: "\n") {
                    skipping = false
                    line += 1
                }
                continue
            }
            if escaped {
                escaped = false
                switch byte {
                case UInt8(ascii: "\\"): field.append(byte)
                case UInt8(ascii: "t"): field.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): field.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): field.append(UInt8(ascii: "\r"))
                default:
                    badLine = badLine ?? line
                    guard lenient else { return (records, ends, line) }
                    fields.removeAll(keepingCapacity: true)
                    field.removeAll(keepingCapacity: true)
                    skipping = byte != UInt8(ascii: "\n")
                    if !skipping { line += 1 }
                }
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
        return (records, ends, badLine)
    }
}
