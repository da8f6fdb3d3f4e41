/// A `virtual=` or `virtual6=` line (`/^virtual(6)?\s*=\s*(.*)/`, at the very start of
/// the line) and the address in it.
struct VirtualHeader {
    enum Address {
        /// `host:port` (`/^([0-9A-Za-z._+-]+):([0-9A-Za-z-_]+)/`; for virtual6 the host
        /// is `[v6address]`).
        case hostPort(host: Span, port: Span)
        /// A firewall mark (`/^(\d+)/`).
        case firewallMark(Span)
        /// Rejected on the spot; already reported.
        case invalid
    }

    let line: LineText
    let keyword: Span
    let value: Span
    let family: AddressFamily

    init?(_ line: LineText) {
        guard let assignment = Assignment(line.all),
              assignment.name.equals("virtual") || assignment.name.equals("virtual6") else { return nil }
        self.line = line
        keyword = assignment.name
        value = assignment.value
        family = assignment.name.equals("virtual6") ? .inet6 : .inet
    }

    private static let v6Byte = ByteClass("0-9A-Fa-f:")

    /// Reads the address as ldirectord's chain of patterns does, reporting what it rejects.
    func address(_ reporter: inout Reporter) -> Address {
        let host = value.prefixRun(of: .hostName)
        if family == .inet6, !host.isEmpty, value.bytes.filter({ $0 == UInt8(ascii: ":") }).count > 1 {
            // ldirectord would take "2001:db8" as host:port and fail to resolve "2001"
            reporter.error("IPv6 addresses in virtual6= go in brackets: virtual6=[2001:db8::1]:80", at: value)
            return .invalid
        }
        if !host.isEmpty, let port = port(after: host) {
            reportIgnored(after: port, &reporter)
            return .hostPort(host: host, port: port)
        }
        let digits = value.prefixRun(of: .digit)
        if !digits.isEmpty {
            let rest = digits.rest(in: value)
            if rest.bytes.first == UInt8(ascii: ".") {
                reporter.misread("ldirectord reads '\(value.trimmingEnd(.space).shown)' as firewall mark \(digits.shown) because it has no ':port'; write \(value.trimmingEnd(.space).shown):port for an address", at: value)
            } else {
                reporter.ignored(around: digits, in: value)
            }
            return .firewallMark(digits)
        }
        if let bracketed = bracketedHost(), let port = port(after: bracketed) {
            switch family {
            case .inet:
                reporter.error("an IPv6 address needs virtual6=, not virtual=", at: keyword)
                return .invalid
            case .inet6:
                let inner = bracketed.slice((bracketed.range.lowerBound + 1)..<(bracketed.range.upperBound - 1))
                guard IPv6Text.parse(inner.bytes) != nil else {
                    reporter.error("invalid IPv6 address '\(inner.shown)' for the virtual service", at: inner)
                    return .invalid
                }
                reportIgnored(after: port, &reporter)
                return .hostPort(host: bracketed, port: port)
            }
        }
        let expected = family == .inet
            ? "an IPv4 address or host name with :port, or a firewall mark"
            : "[IPv6 address]:port or a firewall mark"
        reporter.error("invalid address for virtual service '\(value.trimmingEnd(.space).shown)'; expected \(expected)",
                       at: value.isEmpty ? keyword : value)
        return .invalid
    }

    /// `:port` right after `host` (a run of `[0-9A-Za-z-_]`), or nil.
    private func port(after host: Span) -> Span? {
        let rest = host.rest(in: value)
        guard rest.bytes.first == UInt8(ascii: ":") else { return nil }
        let port = rest.slice((rest.range.lowerBound + 1)..<rest.range.upperBound).prefixRun(of: .wordOrDash)
        return port.isEmpty ? nil : port
    }

    /// `/^\[([0-9A-Fa-f:]+)\]/`
    private func bracketedHost() -> Span? {
        guard value.bytes.first == UInt8(ascii: "[") else { return nil }
        let inside = value.slice((value.range.lowerBound + 1)..<value.range.upperBound).prefixRun(of: Self.v6Byte)
        guard !inside.isEmpty, inside.rest(in: value).bytes.first == UInt8(ascii: "]") else { return nil }
        return value.slice(value.range.lowerBound..<(inside.range.upperBound + 1))
    }

    private func reportIgnored(after port: Span, _ reporter: inout Reporter) {
        reporter.ignoredTail(port.rest(in: value), reading: value.slice(value.range.lowerBound..<port.range.upperBound), in: value)
    }
}
