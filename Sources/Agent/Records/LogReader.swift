/// Reads an append-only log of blocks (`state.log`) without failing on its content: what
/// reads whole is returned, and what does not is told apart as a save cut short (`torn`) or
/// damage. See `StateLog` for the format of both versions.
enum LogReader {
    /// What a read found.
    struct Reading {
        /// The format version of the header; nil when there is no readable header.
        var version: Int?
        /// The whole blocks before the first fault, in order, without their closing lines.
        var blocks: [[RecordCodec.Record]]
        /// Bytes from the start of the file to the end of the last of `blocks` (or of the
        /// header): where the next append goes.
        var length: Int
        var fault: Fault?
        /// The lines from the fault on that still decode as records: what the cut or damaged
        /// part held (whole blocks after damage among them). Hints, not state.
        var unverified: [RecordCodec.Record]
    }

    enum Fault: Equatable {
        /// An append cut short: `bytes` bytes after the last whole block, from `line` on,
        /// with no closing line among them. A crash in the middle of a save leaves this.
        case torn(line: Int, bytes: Int)
        /// Anything else; the message names the file and line.
        case damaged(String)
    }

    /// Versions read; blocks are appended at the last one.
    static let versions = [1, 2]

    static func read(_ bytes: [UInt8], kind: String, terminator: String, file: String) -> Reading {
        var reading = Reading(version: nil, blocks: [], length: 0, fault: nil, unverified: [])
        guard let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")).map({ $0 + 1 }) else {
            reading.fault = .damaged(bytes.isEmpty ? "\(file): empty, not even a header line" : "\(file):1: header cut short")
            reading.unverified = RecordCodec.lines(bytes[...], file: file, lenient: true).records
            return reading
        }
        let header = RecordCodec.lines(bytes[..<headerEnd], file: file).records.first?.fields ?? []
        guard header.count == 2, header[0] == kind, let version = Int(header[1]), versions.contains(version) else {
            reading.fault = .damaged(
                "\(file):1: not a '\(kind)' file of version \(versions.map(String.init).joined(separator: " or "))")
            reading.unverified = RecordCodec.lines(bytes[headerEnd...], file: file, firstLine: 2, lenient: true).records
            return reading
        }
        reading.version = version
        reading.length = headerEnd
        if version == 1 {
            readUnsealed(bytes, terminator: terminator, file: file, into: &reading)
        } else {
            readSealed(bytes, terminator: terminator, file: file, into: &reading)
        }
        return reading
    }

    /// Version 2: each block ends with `terminator TAB seal`, and the seal must match.
    private static func readSealed(_ bytes: [UInt8], terminator: String, file: String, into reading: inout Reading) {
        let prefix = Array("\(terminator)\t".utf8)
        var start = reading.length
        var line = 2
        while start < bytes.count {
            // The first closing line from `start` on: a complete line starting with the prefix.
            var lineStart = start
            var lineNumber = line
            var closing: (start: Int, end: Int, line: Int)?
            while let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                if bytes[lineStart..<newline].starts(with: prefix) {
                    closing = (lineStart, newline + 1, lineNumber)
                    break
                }
                lineStart = newline + 1
                lineNumber += 1
            }
            guard let closing else {
                reading.fault = .torn(line: line, bytes: bytes.count - start)
                break
            }
            let body = bytes[start..<closing.start]
            let seal = String(decoding: bytes[(closing.start + prefix.count)..<(closing.end - 1)], as: UTF8.self)
            guard seal == BlockSeal.of(body) else {
                reading.fault = .damaged("\(file):\(line): the block on lines \(line)-\(closing.line) fails its checksum")
                break
            }
            let scan = RecordCodec.lines(body, file: file, firstLine: line)
            if let bad = scan.badLine {
                reading.fault = .damaged("\(file):\(bad): bad escape")
                break
            }
            reading.blocks.append(scan.records)
            reading.length = closing.end
            start = closing.end
            line = closing.line + 1
        }
        if reading.fault != nil {
            reading.unverified = RecordCodec.lines(bytes[start...], file: file, firstLine: line, lenient: true).records
        }
    }

    /// Version 1: blocks end with a bare `terminator` line. Bytes after the last one that
    /// hold no such line are a torn append; a terminator line among them means damage
    /// before it (a torn append cannot hold a whole block).
    private static func readUnsealed(_ bytes: [UInt8], terminator: String, file: String, into reading: inout Reading) {
        let scan = RecordCodec.lines(bytes[...], file: file)
        var block = [RecordCodec.Record]()
        var lastBlockLine = 1
        for (index, record) in scan.records.enumerated().dropFirst() {
            if record.fields == [terminator] {
                reading.blocks.append(block)
                block.removeAll()
                reading.length = scan.ends[index]
                lastBlockLine = index + 1
            } else {
                block.append(record)
            }
        }
        let tail = bytes[reading.length...]
        guard !tail.isEmpty else { return }
        let closing = Array("\n\(terminator)\n".utf8)
        if tail.starts(with: closing.dropFirst()) || tail.indices.contains(where: { tail[$0...].starts(with: closing) }) {
            reading.fault = .damaged("\(file):\(scan.badLine ?? scan.records.count + 1): damaged before its last block")
        } else {
            reading.fault = .torn(line: lastBlockLine + 1, bytes: tail.count)
        }
        reading.unverified = RecordCodec.lines(tail, file: file, firstLine: lastBlockLine + 1, lenient: true).records
    }
}
