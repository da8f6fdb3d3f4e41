import CGit2

/// A git object id: the 20-byte SHA-1 of a blob, tree, commit or tag.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    // The 20 bytes as big-endian words, so that integer order is byte (and hex) order.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// Parses 40 hexadecimal digits (either case); nil for anything else.
    public init?(hex: String) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        var pending: UInt8?
        for char in hex.utf8 {
            guard let value = Self.hexValue(char), bytes.count < 20 else { return nil }
            if let first = pending {
                bytes.append(first << 4 | value)
                pending = nil
            } else {
                pending = value
            }
        }
        guard bytes.count == 20, pending == nil else { return nil }
        self.init(bytes: bytes)
    }

    /// The id from its 20 raw bytes.
    init(bytes: [UInt8]) {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            for (index, byte) in bytes.prefix(raw.count).enumerated() { raw[index] = byte }
        }
        self.init(oid)
    }

    /// The id libgit2 wrote into `oid`.
    init(_ oid: git_oid) {
        (high, middle, low) = withUnsafeBytes(of: oid.id) { raw in
            (
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            )
        }
    }

    /// The id libgit2 points at.
    init(_ oid: UnsafePointer<git_oid>) {
        self.init(oid.pointee)
    }

    /// The id as libgit2's `git_oid`.
    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }

    /// The 20 raw bytes.
    var bytes: [UInt8] {
        withUnsafeBytes(of: oid.id) { Array($0) }
    }

    /// The 40 lowercase hexadecimal digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(40)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// The first 7 hexadecimal digits, as `git log --oneline` shows them.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a 40-digit object id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    private static func hexValue(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Copies an id libgit2 hands back, treating a null pointer (not expected) as an error.
func copyID(_ oid: UnsafePointer<git_oid>?, _ context: @autoclosure () -> String) throws -> ObjectID {
    guard let oid else { throw GitError(.other, "\(context()): libgit2 returned no object id") }
    return ObjectID(oid)
}
