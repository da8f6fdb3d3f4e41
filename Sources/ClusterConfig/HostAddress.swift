/// Parsing of `address[:port]` (the part after `@` in `host NAME@ADDRESS:PORT`) and of ports.
enum HostAddress {
    enum Problem: Error, Equatable {
        case badPort(String)
        case emptyAddress
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port`; several colons without brackets = an IPv6
    /// address without port.
    static func parse(_ text: String) -> Result<(address: String, port: Int?), Problem> {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let address = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard !address.isEmpty else { return .failure(.emptyAddress) }
            if rest.isEmpty { return .success((address, nil)) }
            guard rest.hasPrefix(":") else { return .failure(.badPort(String(rest))) }
            return port(String(rest.dropFirst())).map { (address: address, port: Optional($0)) }
        }
        let colons = text.count { $0 == ":" }
        guard colons == 1, let colon = text.firstIndex(of: ":") else { return .success((text, nil)) }
        let address = String(text[..<colon])
        guard !address.isEmpty else { return .failure(.emptyAddress) }
        return port(String(text[text.index(after: colon)...])).map { (address: address, port: Optional($0)) }
    }

    /// A TCP port: decimal digits, 1...65535.
    static func port(_ text: String) -> Result<Int, Problem> {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(text), (1...65535).contains(value) else {
            return .failure(.badPort(text))
        }
        return .success(value)
    }
}
