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

/// "did you mean" for misspelled names.
enum Suggestions {
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().utf8)
        guard target.count >= 3 else { return nil }
        let limit = max(1, target.count / 4)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().utf8)
            if abs(other.count - target.count) > limit { continue }
            let distance = editDistance(target, other)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal string alignment distance: edits plus adjacent transpositions.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
