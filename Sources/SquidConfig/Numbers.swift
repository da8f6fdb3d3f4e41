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
        var body = text
        while let first = body.first, first == " " || first == "\t" { body.removeFirst() }
        if body.first == "+" { body.removeFirst() }
        guard let digit = body.first, digit.isASCII, digit.isNumber || digit == "-" else { return nil }
        return Int64(body)
    }

    /// Whether strtod would consume all of `text` (squid's xatof), and the value.
    static func cDouble(_ text: String) -> Double? {
        var body = Substring(text)
        while let first = body.first, first == " " || first == "\t" { body.removeFirst() }
        guard let first = body.first, first.isNumber || first == "." || first == "-" || first == "+" else {
            return nil
        }
        if body.lowercased().hasPrefix("0x") || body.lowercased().contains("inf") || body.lowercased().contains("nan") {
            return Double(body)
        }
        return Double(body)
    }
}

/// "did you mean" for misspelled names.
enum Suggestions {
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().utf8)
        guard target.count >= 3 else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().utf8)
            if abs(other.count - target.count) > 2 { continue }
            let distance = editDistance(target, other)
            if distance <= max(1, target.count / 4), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
