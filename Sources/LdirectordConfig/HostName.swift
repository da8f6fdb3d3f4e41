/// The address families of `virtual=` and `virtual6=` services.
enum AddressFamily: Sendable {
    case inet, inet6

    var label: String { self == .inet ? "IPv4" : "IPv6" }
}

/// What ldirectord's `ld_gethostbyname` (getaddrinfo for one family) makes of a host.
enum HostReading: Sendable, Equatable {
    /// A numeric address of the family; `plain` when written the usual way (a.b.c.d).
    case numeric(NumericAddress, plain: Bool)
    /// A name that getaddrinfo would look up (hosts file, DNS).
    case name(String)
    /// An empty host: getaddrinfo answers with the loopback address.
    case empty
    /// A numeric address of the other family: getaddrinfo fails.
    case otherFamily(NumericAddress)
    /// Neither an address nor a usable host name; the reason, for the message.
    case invalid(String)

    /// Reads `host` for `family` without asking any resolver. Square brackets are
    /// removed first, as ldirectord does (`/\[(.*)\]/`).
    init(_ host: Span, family: AddressFamily) {
        var text = host.bytes
        if let open = text.firstIndex(of: UInt8(ascii: "[")),
           let close = text.lastIndex(of: UInt8(ascii: "]")), open < close {
            text = text[(open + 1)..<close]
        }
        if text.isEmpty {
            self = .empty
            return
        }
        let v4 = IPv4Text.parse(text)
        let v6 = IPv6Text.parse(text)
        switch family {
        case .inet:
            if let v4 {
                self = .numeric(.v4(v4), plain: IPv4Text.isDottedQuad(text))
                return
            }
            if let v6 {
                // getaddrinfo(AF_INET) answers an IPv4-mapped IPv6 address with its IPv4 address
                if v6.prefix(12).elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) {
                    let v4 = v6[12...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                    self = .numeric(.v4(v4), plain: false)
                } else {
                    self = .otherFamily(.v6(v6))
                }
                return
            }
        case .inet6:
            if let v6 {
                self = .numeric(.v6(v6), plain: true)
                return
            }
            if let v4 {
                self = .otherFamily(.v4(v4))
                return
            }
        }
        let name = String(decoding: text, as: UTF8.self)
        if let problem = HostName.problem(text) {
            self = .invalid(problem)
        } else {
            self = .name(name.lowercased())
        }
    }
}

/// Whether a name could be resolved at all: the syntax of a host name (RFC 1123 labels,
/// underscores tolerated as hosts files and many resolvers do).
enum HostName {
    private static let labelByte = ByteClass("A-Za-z0-9_-")

    /// Why `text` cannot be a host name, or nil when it can.
    static func problem(_ text: ArraySlice<UInt8>) -> String? {
        if text.contains(UInt8(ascii: ":")) {
            return "not a valid IPv6 address"
        }
        var labels = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if labels.count > 1, labels.last?.isEmpty == true { labels.removeLast() }   // trailing dot
        if labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(IPv4Text.isDigit) }) {
            if labels.count == 4, let octet = labels.first(where: { Int(String(decoding: $0, as: UTF8.self)) ?? 256 > 255 }) {
                return "octet \(String(decoding: octet, as: UTF8.self)) is out of range (0-255)"
            }
            return "not a valid IPv4 address"
        }
        if text.count > 253 {
            return "a host name has at most 253 characters"
        }
        for label in labels {
            if label.isEmpty {
                return "empty label in host name"
            }
            if label.count > 63 {
                return "a host name label has at most 63 characters"
            }
            if let bad = label.first(where: { !labelByte.contains($0) }) {
                return "character '\(String(decoding: [bad], as: UTF8.self))' cannot appear in a host name"
            }
            if label.first == UInt8(ascii: "-") || label.last == UInt8(ascii: "-") {
                return "a host name label cannot start or end with '-'"
            }
        }
        if let last = labels.last, last.allSatisfy(IPv4Text.isDigit) {
            return "not a valid IPv4 address or host name (the last label is numeric)"
        }
        return nil
    }
}
