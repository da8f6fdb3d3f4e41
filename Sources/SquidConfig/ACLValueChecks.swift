#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// Checks of ACL values: addresses, time specs, regexes, domains.
extension ConfigWalker {
    /// acl_ip_data::FactoryParse: `all`, `ipv4`, `ipv6`, IP, IP/MASK, IP-IP, IP-IP/MASK, or a hostname.
    mutating func checkIPValue(_ value: ACLValue) {
        let text = value.text
        if ["all", "ipv4", "ipv6"].contains(text) { return }
        if ["0/0", "0.0.0.0/0", "0.0.0.0/0.0.0.0", "0.0.0.0-255.255.255.255", "0.0.0.0-0.0.0.0/0"].contains(text) {
            warning("'\(text)' needs to be replaced by the term 'all'", at: value.location)
            return
        }
        let v4Chars = IPCharacters.v4
        let v6Chars = IPCharacters.v6
        var addressPart = Substring(text)
        var mask: Substring?
        if let slash = text.firstIndex(of: "/") {
            addressPart = text[..<slash]
            mask = text[text.index(after: slash)...]
        }
        let addresses = addressPart.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        _ = mask
        let looksV4 = addresses.allSatisfy { !$0.isEmpty && $0.allSatisfy(v4Chars.contains) }
        let looksV6 = addresses.allSatisfy { !$0.isEmpty && $0.allSatisfy(v6Chars.contains) }
        guard looksV4 || looksV6 || mask != nil else {
            if IPAddress.parse(text) == nil && !Hostnames.isPlausible(text) {
                error("bad host/IP '\(text)' in ACL", at: value.location)
            }
            return
        }
        for (index, address) in addresses.enumerated() where IPAddress.parse(String(address)) == nil {
            let which = index == 0 ? "" : "second "
            error("bad \(which)IP address '\(address)' in '\(text)'", at: value.location)
            return
        }
        // sscanf keeps only the leading mask characters: "/abc" is no mask at all, "/8x" is "/8"
        let maskChars = looksV4 ? v4Chars : IPCharacters.digits
        guard let mask = mask?.prefix(while: { maskChars.contains($0) }), !mask.isEmpty else { return }
        if let bits = Int(mask) {
            if bits <= 128 {
                if looksV4 && bits > 32 { error("unknown netmask '\(mask)' in '\(text)'", at: value.location) }
                return
            }
        }
        // anything else goes through inet_aton, which also takes "129" or "255.255"
        let parts = mask.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count <= 4, parts.allSatisfy({ !$0.isEmpty && UInt32($0) != nil }) {
            warning("netmasks are deprecated; use a CIDR mask instead of '\(mask)'", at: value.location)
            return
        }
        error("unknown netmask '\(mask)' in '\(text)'", at: value.location)
    }

    /// ACLTimeData::parse: day letters (SMTWHFA, D, E... as squid knows them) and h:mm-h:mm ranges.
    mutating func checkTimeSpec(_ values: [ACLValue], d: DirectiveLine) {
        for value in values {
            let text = value.text
            if let first = text.first, first.isNumber {
                let parts = text.split(separator: "-", omittingEmptySubsequences: false)
                let times = parts.map { part -> Int? in
                    let hm = part.split(separator: ":", omittingEmptySubsequences: false)
                    guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), h >= 0, h <= 24, m >= 0, m < 60 else { return nil }
                    return h * 60 + m
                }
                guard parts.count == 2, let start = times[0], let end = times[1] else {
                    error("acl time: bad time range '\(text)'", at: value.location)
                    continue
                }
                if start > end { error("acl time: reversed time range '\(text)'", at: value.location) }
            } else {
                for letter in text where !"SMTWHFAD".contains(letter) {
                    warning("acl time: bad day '\(letter)' in '\(text)'", at: value.location)
                    break
                }
            }
        }
    }

    /// Regex ACL values: `-i`/`+i` switch case sensitivity; a pattern that does not compile
    /// is dropped by squid.
    mutating func checkRegexes(_ values: [ACLValue], ignoreCase: Bool) {
        var icase = ignoreCase
        for value in values {
            if value.text == "-i" { icase = true; continue }
            if value.text == "+i" { icase = false; continue }
            if let problem = Regex.compileError(value.text, ignoreCase: icase) {
                weakened("invalid regular expression '\(value.text)': \(problem); squid would skip it", at: value.location)
            }
        }
    }

    /// Domain ACLs: a subdomain listed before its wildcard parent is fatal to squid.
    mutating func checkDomains(_ values: [ACLValue]) {
        var seen: [String] = []
        for value in values {
            let domain = value.text.lowercased()
            for earlier in seen where earlier != domain {
                if domain.hasPrefix("."), earlier.hasSuffix(domain) || "." + earlier == domain {
                    error("'\(earlier)' is a subdomain of '\(value.text)': remove '\(earlier)' from the ACL", at: value.location)
                } else if earlier.hasPrefix("."), domain.hasSuffix(earlier) || "." + domain == earlier {
                    warning("'\(value.text)' is a subdomain of '\(earlier)': remove it from the ACL", at: value.location)
                }
            }
            seen.append(domain)
        }
    }
}

/// The characters squid's sscanf patterns accept in ACL addresses and masks.
enum IPCharacters {
    static let v4 = Set("0123456789.")
    static let v6 = Set("0123456789ABCDEFabcdef:")
    static let digits = Set("0123456789")
}

/// POSIX extended regex compilation, as squid's RegexData uses (no I/O).
enum Regex {
    /// nil if `pattern` compiles, else the regerror message.
    static func compileError(_ pattern: String, ignoreCase: Bool) -> String? {
        var regex = regex_t()
        let flags = REG_EXTENDED | REG_NOSUB | (ignoreCase ? REG_ICASE : 0)
        let status = regcomp(&regex, pattern, flags)
        defer { regfree(&regex) }
        guard status != 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = regerror(status, &regex, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
