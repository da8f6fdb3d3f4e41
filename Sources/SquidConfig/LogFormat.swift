/// logformat %codes, as squid 5.7's Format::Token::parse reads them (format/Token.cc;
/// this build has the adapt:: and icap:: namespaces, not tls::/ssl::).
enum LogFormat {
    /// Token tables in squid's scan order (first prefix match wins).
    private static let misc: [String] = [
        ">eui", ">qos", "<qos", ">nfmark", "<nfmark", ">handshake", "err_code", "err_detail", "note",
        "credentials", "master_xaction", "ACL", "DATA", "DST", "EXT_LOG", "EXT_TAG", "EXT_USER", "IDENT",
        "LOGIN", "METHOD", "MYADDR", "MYPORT", "PATH", "PORT", "PROTO", "SRCEUI48", "SRCEUI64", "SRCPORT",
        "SRC", "TAG", "URI",
    ]
    private static let twoChar: [String] = [
        ">la", "la", ">lp", "lp", "<la", "oa", "<lp", "ts", "tu", "tl", "tg", "tS", "tr", "<pt", "<tt", "dt",
        ">ha", ">ha", "un", "ul", "ui", "ue", "Hs", ">Hs", "<Hs", "<bs", "Ss", "Sh", "mt", ">rm", ">ru",
        ">rs", ">rd", ">rP", ">rp", ">rq", ">rv", "rm", "ru", "rp", "rv", "rG", "<rm", "<ru", "<rs", "<rd",
        "<rP", "<rp", "<rq", "<rv", ">st", ">sh", "<st", "<sH", "<sS", "<sh", "st", "stP", "et", "ea", "sn",
    ]
    private static let oneChar: [String] = [
        ">a", ">p", ">A", "<a", "<p", "<A", ">h", ">h", "<h", "<h", ">v", "%",
    ]
    private static let namespaces: [(prefix: String, codes: [String])] = [
        ("adapt", ["all_trs", "sum_trs", "<last_h"]),
        ("icap", [
            "tt", "<last_h", "<A", "<service_name", "ru", "rm", ">st", "<st", "<bs", ">h", "<h", "tr", "tio", "to", "Hs",
        ]),
        ("proxy_protocol", [">h"]),
    ]

    /// The first problem in a logformat definition and its byte offset, or nil.
    static func problem(inFormat format: String) -> (message: String, offset: Int)? {
        let bytes = Array(format.utf8)
        var position = 0
        while position < bytes.count {
            let (next, problem) = parseOne(bytes, at: position)
            if let problem { return (problem, position) }
            position = max(next, position + 1)
        }
        return nil
    }

    /// The problem with one external_acl_type %token, or nil.
    static func problem(inToken token: String) -> String? {
        for legacy in ["%USER_CERT_", "%USER_CA_CERT_", "%CA_CERT_", "%<{", "%>{"] where token.hasPrefix(legacy) {
            return nil
        }
        return parseOne(Array(token.utf8), at: 0).1
    }

    /// Reads one literal run or one %code starting at `start`; the next position and any problem.
    private static func parseOne(_ bytes: [UInt8], at start: Int) -> (Int, String?) {
        var cur = start
        guard bytes[cur] == UInt8(ascii: "%") else {
            while cur < bytes.count && bytes[cur] != UInt8(ascii: "%") { cur += 1 }
            return (cur, nil)
        }
        cur += 1
        func at(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        if Array("\"'[#/".utf8).contains(at(cur)) { cur += 1 }  // quoting style
        if at(cur) == UInt8(ascii: "-") { cur += 1 }
        if at(cur) == UInt8(ascii: "0") { cur += 1 }
        while isDigit(at(cur)) { cur += 1 }
        if at(cur) == UInt8(ascii: ".") {
            cur += 1
            while isDigit(at(cur)) { cur += 1 }
        }
        var hasArgument = false
        if at(cur) == UInt8(ascii: "{") {
            hasArgument = true
            while cur < bytes.count && bytes[cur] != UInt8(ascii: "}") { cur += 1 }
            if cur < bytes.count { cur += 1 }
        }
        var matched: Int?
        for space in namespaces {
            let prefix = Array((space.prefix + "::").utf8)
            if bytes.count - cur >= prefix.count, bytes[cur..<cur + prefix.count].elementsEqual(prefix),
               let length = scan(space.codes, bytes, cur + prefix.count) {
                matched = cur + prefix.count + length
                break
            }
        }
        if matched == nil {
            let http = Array("http::".utf8)
            if bytes.count - cur > http.count, bytes[cur..<cur + http.count].elementsEqual(http),
               bytes[cur + http.count] != UInt8(ascii: "%") {
                cur += http.count
            }
            for table in [misc, twoChar, oneChar] {
                if let length = scan(table, bytes, cur) {
                    matched = cur + length
                    break
                }
            }
        }
        guard var end = matched else {
            return (cur, "unsupported %code: '\(String(decoding: bytes[start...], as: UTF8.self))'")
        }
        if !hasArgument && at(end) == UInt8(ascii: "{") {
            while end < bytes.count && bytes[end] != UInt8(ascii: "}") { end += 1 }
            if end < bytes.count { end += 1 }
        }
        if at(end) == UInt8(ascii: " ") { end += 1 }
        return (end, nil)
    }

    /// The length of the first code in `table` that `bytes[from...]` starts with.
    private static func scan(_ table: [String], _ bytes: [UInt8], _ from: Int) -> Int? {
        for code in table {
            let utf8 = code.utf8
            if bytes.count - from >= utf8.count, zip(bytes[from...], utf8).allSatisfy({ $0 == $1 }) {
                return utf8.count
            }
        }
        return nil
    }
}
