/// Number parsing with the C library's rules, as squid's xatoi/xatof/strtol use them.
enum Numbers {
    /// strtol(text, &end, 0) consuming the whole string: decimal, 0x hex or 0 octal, signed.
    static func cInteger(_ text: String) -> Int64? {
        var body = Substring(text)
        while let first = body.first, first == " " || first == "\t" { body.removeFirst() }
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body.removeFirst()
        }
        var radix = 10
        if body.hasPrefix("0x") || body.hasPrefix("0X"), body.count > 2 {
            radix = 16
            body = body.dropFirst(2)
        } else if body.hasPrefix("0"), body.count > 1 {
            radix = 8
            body = body.dropFirst()
        }
        guard !body.isEmpty, let value = Int64(body, radix: radix) else { return nil }
        return negative ? -value : value
    }

    /// strtoll(text, &end, 10) consuming the whole string (leading spaces and a sign allowed).
    static func decimal(_ text: Substring) -> Int64? {
        var bytes = text.utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        var negative = false
        if let sign = bytes.first, sign == 0x2B || sign == 0x2D {
            negative = sign == 0x2D
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 0x30))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// C's atoi: the leading decimal digits (after spaces and a sign), 0 if none.
    static func atoi(_ text: String) -> Int64 {
        var body = Substring(text)
        while let first = body.first, first == " " || first == "\t" { body.removeFirst() }
        var sign: Int64 = 1
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            body.removeFirst()
        }
        let digits = body.prefix { $0.isASCII && $0.isNumber }.prefix(18)
        return sign * (Int64(digits) ?? 0)
    }

    /// Whether strtod would consume all of `text` (squid's xatof), and the value.
    static func cDouble(_ text: String) -> Double? {
        var body = Substring(text)
        while let first = body.utf8.first, first == 0x20 || first == 0x09 { body = body.dropFirst() }
        return Double(body)
    }
}
