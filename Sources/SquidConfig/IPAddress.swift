/// A numeric IPv4 or IPv6 address, parsed as getaddrinfo(AI_NUMERICHOST) would.
struct IPAddress: Sendable, Equatable {
    let isIPv4: Bool
    /// 4 or 16 bytes.
    let bytes: [UInt8]

    static func parse(_ text: String) -> IPAddress? {
        if let v4 = parseIPv4(text.utf8) ?? inetAton(text) { return IPAddress(isIPv4: true, bytes: v4) }
        if let v6 = parseIPv6(Substring(text)) { return IPAddress(isIPv4: false, bytes: v6) }
        return nil
    }

    static func parseIPv4<Bytes: Sequence<UInt8>>(_ text: Bytes) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4)
        var value = 0
        var digits = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, bytes.count < 3 else { return nil }
                bytes.append(UInt8(value))
                value = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, value <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, bytes.count == 3 else { return nil }
        bytes.append(UInt8(value))
        return bytes
    }

    /// inet_aton's forms, which getaddrinfo also takes: `a`, `a.b`, `a.b.c`, `a.b.c.d`, each part
    /// decimal, 0-octal or 0x-hex, the last part filling the remaining bytes ("10.1" is 10.0.0.1).
    static func inetAton(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt32] = []
        for part in parts {
            guard let first = part.first, first.isASCII, first.isNumber, let value = Numbers.cInteger(String(part)),
                  value >= 0, value <= Int64(UInt32.max) else { return nil }
            values.append(UInt32(value))
        }
        let lastLimit: UInt64 = [UInt64(1) << 32, 1 << 24, 1 << 16, 1 << 8][parts.count - 1]
        guard values.dropLast().allSatisfy({ $0 <= 255 }), let last = values.last, UInt64(last) < lastLimit else { return nil }
        var address = UInt32(0)
        for (index, value) in values.dropLast().enumerated() { address |= value << (24 - 8 * index) }
        address |= last
        return [UInt8(address >> 24), UInt8((address >> 16) & 0xFF), UInt8((address >> 8) & 0xFF), UInt8(address & 0xFF)]
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        var body = text
        if let percent = body.firstIndex(of: "%") { body = body[..<percent] }  // zone id
        let halves = splitAtDoubleColon(body)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring, allowV4: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if allowV4 && index == pieces.count - 1 && piece.contains(".") {
                    guard let v4 = parseIPv4(piece.utf8) else { return nil }
                    bytes += v4
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        if halves.count == 1 {
            guard let all = groups(halves[0], allowV4: true), all.count == 16 else { return nil }
            return all
        }
        guard let head = groups(halves[0], allowV4: false), let tail = groups(halves[1], allowV4: true),
              head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// The pieces of `text` around each "::".
private func splitAtDoubleColon(_ text: Substring) -> [Substring] {
    var pieces: [Substring] = []
    var start = text.startIndex
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(after: index)
        if text[index] == ":", next < text.endIndex, text[next] == ":" {
            pieces.append(text[start..<index])
            start = text.index(after: next)
            index = start
        } else {
            index = next
        }
    }
    pieces.append(text[start...])
    return pieces
}

/// Hostnames are not resolved here: a word is accepted where squid would resolve it
/// only if it looks like a DNS name.
enum Hostnames {
    static func isPlausible(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        var sawLetter = false
        for (index, label) in labels.enumerated() {
            if label.isEmpty { return index == labels.count - 1 && index > 0 }  // trailing dot
            guard label.utf8.count <= 63, label.first != "-", label.last != "-" else { return false }
            for byte in label.utf8 {
                let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
                let digit = byte >= 0x30 && byte <= 0x39
                guard letter || digit || byte == 0x2D || byte == 0x5F else { return false }
                if letter || byte == 0x2D || byte == 0x5F { sawLetter = true }
            }
        }
        return sawLetter  // all-numeric dotted words are malformed IPs, not names
    }

    /// squid.conf words that are surely not meant as a host name ("on", "none", "allow", ...,
    /// and directive names, as when a stray `\` joins two lines).
    static func isKeyword(_ text: String) -> Bool {
        keywords.contains(text.lowercased()) || DirectiveTable.lookup(text) != nil
    }

    private static let keywords: Set<String> = [
        "on", "off", "enable", "disable", "warn", "none", "all", "allow", "deny", "yes", "no", "true", "false",
    ]
}
