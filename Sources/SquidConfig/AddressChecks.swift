import Diagnostics

/// Addresses where squid takes an IP or a host name.
extension ConfigWalker {
    /// parse_address: an IP, `any_addr`, `no_addr`, `full_mask` or a hostname.
    mutating func checkAddress(_ d: inout DirectiveLine) {
        guard let token = required(&d, "an address") else { return }
        if ["any_addr", "no_addr", "full_mask"].contains(token.text) { return }
        checkHostOrIP(token.text, at: d.location(token), what: "\(d.name): invalid IP address or domain name")
    }

    /// GetHostWithPort: [IPv6]:PORT, HOST:PORT (port not 0), PORT alone, or HOST.
    mutating func checkHostWithPort(_ token: Token, d: DirectiveLine) {
        let text = token.text
        let host: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                error("\(d.name): bad address '\(text)' (expected [IPv6]:port)", at: d.location(token))
                return
            }
            host = text[text.index(after: text.startIndex)..<close]
            _ = port(token, in: d, text: text[text.index(close, offsetBy: 2)...])
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            if port(token, in: d, text: text[text.index(after: colon)...]) == 0 {
                error("\(d.name): port cannot be 0 in '\(text)'", at: d.location(token))
                return
            }
        } else if let number = Numbers.decimal(Substring(text)), number != 0 {
            _ = port(token, in: d)
            return
        } else {
            host = Substring(text)
        }
        checkHostOrIP(String(host), at: d.location(token), what: "\(d.name): invalid address")
    }

    /// An IP address, or a hostname squid would try to resolve.
    mutating func checkHostOrIP(_ text: String, at location: Diagnostics.SourceLocation, what: String) {
        if IPAddress.parse(text) != nil { return }
        if !Hostnames.isPlausible(text) || Hostnames.isKeyword(text) {
            error("\(what) '\(text)'", at: location)
        } else if options.resolveHostnames && !files.resolves(text) {
            error("\(what) '\(text)': the name does not resolve", at: location)
        }
    }
}
