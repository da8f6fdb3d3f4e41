import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks of ACL values: addresses, time specs, regexes, domains.
extension ConfigWalker {
    /// acl_ip_data::FactoryParse: `all`, `ipv4`, `ipv6`, IP, IP/MASK, IP-IP, IP-IP/MASK, or a hostname.
    mutating func checkIPValue(_ value: ACLValue) {
        let text = value.text
        if text == "all" || text == "ipv4" || text == "ipv6" { return }
        if ["0/0", "0.0.0.0/0", "0.0.0.0/0.0.0.0", "0.0.0.0-255.255.255.255", "0.0.0.0-0.0.0.0/0"].contains(text) {
            warning("'\(text)' needs to be replaced by the term 'all'", at: value.location)
            return
        }
        let bytes = Array(text.utf8)
        let slash = bytes.firstIndex(of: 0x2F)
        let addressPart = bytes[..<(slash ?? bytes.endIndex)]
        let dash = addressPart.firstIndex(of: 0x2D)
        let addresses = dash.map { [addressPart[..<$0], addressPart[($0 + 1)...]] } ?? [addressPart]
        let looksV4 = addresses.allSatisfy { !$0.isEmpty && $0.allSatisfy(IPCharacters.isV4) }
        let looksV6 = addresses.allSatisfy { !$0.isEmpty && $0.allSatisfy(IPCharacters.isV6) }
        let hasMask = slash.map { $0 + 1 < bytes.count } ?? false  // sscanf needs a character after '/'
        if !(looksV4 || looksV6), let slash, hasMask {
            // "%[^/]/%s": any address getaddrinfo takes, then a mask
            let address = String(decoding: bytes[..<slash], as: UTF8.self)
            let mask = String(decoding: bytes[(slash + 1)...], as: UTF8.self)
            if IPAddress.parse(address) == nil {
                error("bad IP address '\(address)' in '\(text)'", at: value.location)
            } else if Int(mask).map({ !(0...128).contains($0) }) ?? (IPAddress.parse(mask) == nil) {
                error("unknown netmask '\(mask)' in '\(text)'", at: value.location)
            }
            return
        }
        guard (looksV4 || looksV6) && (dash != nil || hasMask) else {
            // squid hands the whole word to getaddrinfo: a numeric address or a DNS name
            if IPAddress.parse(text) != nil { return }
            if slash == nil && Hostnames.isPlausible(text) && !Hostnames.isKeyword(text) {
                if options.resolveHostnames && !files.resolves(text) {
                    error("bad host/IP '\(text)' in ACL: the name does not resolve", at: value.location)
                } else {
                    warning("'\(text)' is not an IP address: squid resolves it with DNS when it starts", at: value.location)
                }
            } else {
                error("bad host/IP '\(text)' in ACL", at: value.location)
            }
            return
        }
        for (index, address) in addresses.enumerated() {
            let valid = IPAddress.parse(String(decoding: address, as: UTF8.self)) != nil
            if !valid {
                let which = index == 0 ? "" : "second "
                error("bad \(which)IP address '\(String(decoding: address, as: UTF8.self))' in '\(text)'", at: value.location)
                return
            }
        }
        // sscanf keeps only the leading mask characters: "/abc" is no mask at all, "/8x" is "/8"
        guard let slash else { return }
        let maskChar = looksV4 ? IPCharacters.isV4 : IPCharacters.isDigit
        let maskBytes = bytes[(slash + 1)...].prefix(while: maskChar)
        guard !maskBytes.isEmpty else { return }
        let mask = String(decoding: maskBytes, as: UTF8.self)
        if let bits = Int(mask), bits <= 128 {
            if looksV4 && bits > 32 { error("unknown netmask '\(mask)' in '\(text)'", at: value.location) }
            return
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
                    guard hm.count == 2, let hours = Int(hm[0]), let minutes = Int(hm[1]),
                          (0...24).contains(hours), (0..<60).contains(minutes) else { return nil }
                    return hours * 60 + minutes
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
                    error("'\(earlier)' is a subdomain of '\(value.text)': remove '\(earlier)' from the ACL",
                          at: value.location)
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
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isV4(_ byte: UInt8) -> Bool { isDigit(byte) || byte == 0x2E }
    static func isV6(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == 0x3A || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }
}

/// POSIX extended regex compilation, as squid's RegexData uses (no I/O).
enum Regex {
    /// nil if `pattern` compiles, else the regerror message.
    static func compileError(_ pattern: String, ignoreCase: Bool) -> String? {
        if RegexSyntax.isCertainlyValid(pattern) { return nil }
        return regcompError(pattern, ignoreCase: ignoreCase)
    }

    /// regcomp's verdict itself.
    static func regcompError(_ pattern: String, ignoreCase: Bool) -> String? {
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
