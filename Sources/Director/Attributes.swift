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
    public static func parse(_ bytes: [UInt8]) -> [String: FileAttributes] {
        var result: [String: FileAttributes] = [:]
        result.reserveCapacity(bytes.count / 40)
        for line in bytes.split(separator: newline) where line.first != UInt8(ascii: "#") {
            let fields = line.split(separator: tab, maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let mode = UInt32(text(fields[0]), radix: 8) else { continue }
            result[text(fields[3])] = FileAttributes(mode: mode, owner: text(fields[1]), group: text(fields[2]))
        }
        return result
    }

    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
