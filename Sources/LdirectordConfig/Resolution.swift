/// Hosts and ports as ldirectord resolves them (`ld_gethostbyname`, `ld_getservbyname`),
/// without asking the system unless `resolveHostnames` is set.
extension ConfigReader {
    /// The host's identity, or nil when ldirectord would fail to resolve it.
    mutating func resolveHost(_ host: Span, family: AddressFamily, role: String) -> HostKey? {
        switch HostReading(host, family: family) {
        case .numeric(let address, let plain):
            if !plain {
                reporter.misread("ldirectord reads the address '\(host.shown)' as \(address) (glibc's inet_aton shorthand, octal or hex); write it as four decimal numbers",
                                 at: host)
            }
            return .address(address)
        case .empty:
            return .address(family == .inet ? .v4(0x7F00_0001) : .v6([UInt8](repeating: 0, count: 15) + [1]))
        case .otherFamily:
            let hint = family == .inet
                ? "an IPv6 address, but this is a virtual= service (IPv6 needs virtual6=, real6= and fallback6=)"
                : "an IPv4 address, but this is a virtual6= service (IPv4 needs virtual=, real= and fallback=)"
            reporter.error("the \(role) '\(host.shown)' is \(hint)", at: host)
            return nil
        case .invalid(let reason):
            reporter.error("invalid address '\(host.shown)' for the \(role): \(reason)", at: host)
            return nil
        case .name(let name):
            guard reporter.options.resolveHostnames else { return .name(name) }
            guard let address = HostResolver.resolve(name, family: family) else {
                reporter.error("cannot resolve host name '\(host.shown)' (\(family.label)) for the \(role)", at: host)
                return nil
            }
            return .address(address)
        }
    }

    /// The port number, or nil when ldirectord would fail to resolve it.
    /// `protocolName` nil means any protocol (as for real servers).
    mutating func resolvePort(_ port: Span, protocolName: String?, role: String) -> Int? {
        switch ServiceTable.lookup(port.text, protocol: protocolName) {
        case .port(let number):
            return number
        case .outOfRange:
            reporter.error("port \(port.shown) of the \(role) is out of range (0-65535)", at: port)
        case .wrongProtocol(let number):
            if protocolName == "fwm" {
                reporter.error("a firewall-mark service has no protocol to look the port name '\(port.shown)' up in; write the number (\(number))", at: port)
            } else {
                reporter.error("'\(port.shown)' has no \(protocolName ?? "") entry in /etc/services (port \(number) is \(protocolName == "udp" ? "tcp" : "udp") only); write the number", at: port)
            }
        case .unknown:
            reporter.misread("unknown port name '\(port.shown)' for the \(role): not among the common /etc/services names this checker knows (use the number, or check the node's /etc/services)", at: port)
        }
        return nil
    }
}
