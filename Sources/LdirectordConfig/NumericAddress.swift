/// An IP address given as digits, read the way glibc's getaddrinfo reads a numeric host
/// (which is what ldirectord's `ld_gethostbyname` ends up calling).
enum NumericAddress: Hashable, Sendable, CustomStringConvertible {
    case v4(UInt32)
    case v6([UInt8])

    var description: String {
        switch self {
        case .v4(let value):
            return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
        case .v6(let bytes):
            return IPv6Text.format(bytes)
        }
    }
}

/// IPv4 text as glibc's `inet_aton_exact` reads it: one to four parts separated by dots,
/// each decimal, octal (leading `0`) or hexadecimal (`0x`); the last part fills the
/// remaining bytes, so `10.1` is 10.0.0.1 and `010.0.0.1` is 8.0.0.1.
enum IPv4Text {
    /// The address, or nil when glibc would not read `text` as a numeric IPv4 address.
    static func parse<Bytes: Collection<UInt8>>(_ text: Bytes) -> UInt32? {
        var parts: [UInt64] = []
        var index = text.startIndex
        while true {
            guard index < text.endIndex, isDigit(text[index]) else { return nil }
            guard let (value, next) = number(text, from: index) else { return nil }
            index = next
            if index < text.endIndex, text[index] == UInt8(ascii: ".") {
                guard parts.count < 3, value <= 0xFF else { return nil }
                parts.append(value)
                index = text.index(after: index)
            } else {
                guard index == text.endIndex else { return nil }
                let limits: [UInt64] = [0xFFFF_FFFF, 0xFF_FFFF, 0xFFFF, 0xFF]
                guard value <= limits[parts.count] else { return nil }
                var result = value
                for (position, part) in parts.enumerated() {
                    result |= part << UInt64(24 - 8 * position)
                }
                return UInt32(truncatingIfNeeded: result)
            }
        }
    }

    /// Whether `text` is the plain form `a.b.c.d`: four decimal numbers 0-255 without
    /// leading zeros, the only form that means the same to a reader and to glibc.
    static func isDottedQuad<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bool {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(isDigit)
                && (part.count == 1 || part.first != UInt8(ascii: "0"))
                && part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } <= 255
        }
    }

    /// strtoul(text, &end, 0) from `start` (which holds a digit): the value and where it stopped.
    private static func number<Bytes: Collection<UInt8>>(_ text: Bytes, from start: Bytes.Index) -> (UInt64, Bytes.Index)? {
        var index = start
        var base: UInt64 = 10
        if text[index] == UInt8(ascii: "0") {
            base = 8
            let next = text.index(after: index)
            if next < text.endIndex, text[next] | 0x20 == UInt8(ascii: "x") {
                let digit = text.index(after: next)
                if digit < text.endIndex, hexValue(text[digit]) != nil {
                    base = 16
                    index = digit
                }
            }
        }
        var value: UInt64 = 0
        while index < text.endIndex, let digit = hexValue(text[index]), digit < base {
            value = value * base + digit
            guard value <= 0xFFFF_FFFF else { return nil }
            index = text.index(after: index)
        }
        return (value, index)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func hexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// IPv6 text as glibc's `inet_pton(AF_INET6)` reads it: eight groups of one to four hex
/// digits, one `::` standing for at least one zero group, an optional dotted IPv4 tail.
enum IPv6Text {
    static func parse<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt8]? {
        let chars = Array(text)
        var groups: [UInt16] = []
        var gap: Int?            // index in `groups` where `::` stands
        var index = 0
        if chars.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            gap = 0
            index = 2
        } else if chars.first == UInt8(ascii: ":") {
            return nil
        }
        var tail: [UInt8] = []
        while index < chars.count {
            var end = index
            while end < chars.count, end - index < 5, IPv4Text.hexValue(chars[end]) != nil { end += 1 }
            if end < chars.count, chars[end] == UInt8(ascii: ".") {
                // dotted IPv4 tail: must be the rest of the text
                guard let v4 = strictIPv4(chars[index...]) else { return nil }
                tail = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v4 >> UInt32($0)) }
                index = chars.count
                break
            }
            guard end > index, end - index <= 4 else { return nil }
            groups.append(chars[index..<end].reduce(0) { $0 << 4 | UInt16(IPv4Text.hexValue($1) ?? 0) })
            index = end
            if index == chars.count { break }
            guard chars[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if index < chars.count, chars[index] == UInt8(ascii: ":") {
                guard gap == nil else { return nil }
                gap = groups.count
                index += 1
            } else if index == chars.count {
                return nil       // a single trailing colon
            }
        }
        var bytes = groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tail
        if let gap {
            guard bytes.count < 16 else { return nil }   // `::` must stand for something
            bytes.insert(contentsOf: [UInt8](repeating: 0, count: 16 - bytes.count), at: gap * 2)
        }
        return bytes.count == 16 ? bytes : nil
    }

    /// inet_pton's IPv4: exactly four decimal parts 0-255, no leading zeros.
    private static func strictIPv4(_ text: ArraySlice<UInt8>) -> UInt32? {
        guard IPv4Text.isDottedQuad(text) else { return nil }
        return IPv4Text.parse(text)
    }

    /// The text inet_ntop writes: lower case, the longest run of two or more zero groups
    /// as `::`, an IPv4-mapped or -compatible address with its dotted IPv4 tail.
    static func format(_ bytes: [UInt8]) -> String {
        guard bytes.count == 16 else { return "" }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        var best = (start: -1, length: 1)
        var start = 0
        while start < 8 {
            var end = start
            while end < 8, groups[end] == 0 { end += 1 }
            if end - start > best.length { best = (start, end - start) }
            start = end + 1
        }
        if best.start == 0, best.length == 6 || (best.length == 5 && groups[5] == 0xFFFF) {
            // an IPv4-compatible or IPv4-mapped address keeps its dotted tail, as inet_ntop writes it
            let tail = bytes[12...].map(String.init).joined(separator: ".")
            return best.length == 5 ? "::ffff:" + tail : "::" + tail
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}
