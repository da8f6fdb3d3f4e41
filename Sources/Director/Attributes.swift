/// Owner, group and mode of every managed file, kept in the tree as one tracked file so they
/// are versioned, diffed and reverted with the content (git itself keeps only 644/755/link).
///
/// Format of `.confsync/attributes`: a comment header, then one line per file, sorted by path:
///
///     0644<TAB>root<TAB>proxy<TAB>etc/squid3/squid.conf
public struct FileAttributes: Hashable, Sendable, Codable {
    /// Permission bits (0o7777 mask), e.g. 0o644.
    public var mode: UInt32
    public var owner: String
    public var group: String

    public init(mode: UInt32, owner: String, group: String) {
        self.mode = mode
        self.owner = owner
        self.group = group
    }

    /// "0644 root:proxy"
    public var summary: String { "\(String(mode, radix: 8).leftPadded(to: 4)) \(owner):\(group)" }
}

public enum AttributesFile {
    /// The tree path of the attributes file.
    public static let treePath = ".confsync/attributes"

    static let header = "# confsync: mode, owner and group of each managed file (tab-separated). Generated; edit with care.\n"

    /// The file's bytes: the header, then a line per path in `String` order.
    public static func render(_ attributes: [String: FileAttributes]) -> [UInt8] {
        var bytes = Array(header.utf8)
        bytes.reserveCapacity(bytes.count + attributes.count * 48)
        for path in PathOrder.sorted(attributes.keys) {
            guard let a = attributes[path] else { continue }
            let digits = String(a.mode, radix: 8).utf8
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, 4 - digits.count)))
            bytes.append(contentsOf: digits)
            for field in [a.owner, a.group, path] {
                bytes.append(tab)
                bytes.append(contentsOf: field.utf8)
            }
            bytes.append(newline)
        }
        return bytes
    }

    /// Parses the file; malformed lines are skipped (the file is generated, not hand-written).
    /// With `only`, just the lines of those paths are decoded: a one-file deploy from a
    /// 10,000-file tree looks up one line instead of building 10,000 entries.
    public static func parse(_ bytes: [UInt8], only wanted: Set<String>? = nil) -> [String: FileAttributes] {
        var result: [String: FileAttributes] = [:]
        // Wanted paths by byte length, compared as bytes before any String is made.
        var wantedByLength: [Int: [[UInt8]]]?
        if let wanted {
            wantedByLength = Dictionary(grouping: wanted.map { Array($0.utf8) }, by: \.count)
        } else {
            result.reserveCapacity(bytes.count / 40)
        }
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = 0
            while lineStart < buffer.count {
                var lineEnd = lineStart
                var tabs = (0, 0, 0)
                var tabCount = 0
                while lineEnd < buffer.count && buffer[lineEnd] != newline {
                    if buffer[lineEnd] == tab && tabCount < 3 {
                        switch tabCount {
                        case 0: tabs.0 = lineEnd
                        case 1: tabs.1 = lineEnd
                        default: tabs.2 = lineEnd
                        }
                        tabCount += 1
                    }
                    lineEnd += 1
                }
                defer { lineStart = lineEnd + 1 }
                guard tabCount == 3, buffer[lineStart] != UInt8(ascii: "#") else { continue }
                let path = UnsafeBufferPointer(rebasing: buffer[(tabs.2 + 1)..<lineEnd])
                if let wantedByLength {
                    guard let candidates = wantedByLength[path.count],
                        candidates.contains(where: { $0.elementsEqual(path) })
                    else { continue }
                }
                guard let mode = octal(UnsafeBufferPointer(rebasing: buffer[lineStart..<tabs.0])) else { continue }
                result[String(decoding: path, as: UTF8.self)] = FileAttributes(
                    mode: mode, owner: String(decoding: buffer[(tabs.0 + 1)..<tabs.1], as: UTF8.self),
                    group: String(decoding: buffer[(tabs.1 + 1)..<tabs.2], as: UTF8.self))
            }
        }
        return result
    }

    /// The value of an octal field ("0644"); nil when empty, not octal, or too large.
    private static func octal(_ digits: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 11 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 8)
            guard !overflow else { return nil }
            value = shifted + UInt32(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
