/// The SHA-256 of a certificate's DER encoding: what a peer is pinned by.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Parses `SHA256:AB:CD:…` (prefix optional and case-insensitive, 32 colon-separated
    /// hex pairs) or 64 plain hex digits; surrounding whitespace is ignored.
    public init?(_ text: String) {
        var body = Substring(text).drop { $0.isWhitespace }
        while body.last?.isWhitespace == true { body = body.dropLast() }
        if body.prefix(7).uppercased() == "SHA256:" { body = body.dropFirst(7) }
        var digits = Array(body.utf8)
        if digits.count == 32 * 3 - 1 {
            // Colon-separated pairs: drop every third character, which must be a colon.
            guard stride(from: 2, to: digits.count, by: 3).allSatisfy({ digits[$0] == UInt8(ascii: ":") })
            else { return nil }
            digits = digits.enumerated().filter { $0.offset % 3 != 2 }.map(\.element)
        }
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1])
            else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    private static func hexValue(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A fingerprint from its 32 raw bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// The fingerprint of a DER-encoded certificate.
    static func of(certificateDER der: [UInt8]) throws -> Fingerprint {
        guard let value = Fingerprint(bytes: Digest.hash(.sha256, der)) else {
            throw OpenSSL.failure(.badCertificate, "cannot hash certificate")
        }
        return value
    }

    /// `SHA256:` and the bytes as uppercase hex pairs joined by colons.
    public var description: String {
        "SHA256:" + bytes.map { Digest.hex([$0]).uppercased() }.joined(separator: ":")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Fingerprint(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a SHA-256 fingerprint: \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Fingerprint {
    /// What to tell an admin whose cluster file pins no certificate for `host`.
    public static func missingPinAdvice(for host: String) -> String {
        "no certificate fingerprint for \(host) in the cluster file: run 'confsync fingerprint' on \(host) "
            + "and add 'host \(host) { fingerprint SHA256:...; }' to the confsync block"
    }
}
