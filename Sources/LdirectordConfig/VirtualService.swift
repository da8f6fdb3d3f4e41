/// What a `virtual=` block says, as far as the checks after the block need it.
struct VirtualService {
    let header: VirtualHeader
    let address: VirtualHeader.Address
    var family: AddressFamily { header.family }

    /// "tcp", "udp" or "fwm"; udp by default for port 53 or "domain".
    var protocolName: String
    var service: String?
    var checkType = "negotiate"
    var checkCommand: Span?
    var hasPersistence = false
    var fallback: FallbackServer?
    /// `real=` values with their lines, resolved after the block (as ldirectord does).
    var reals: [Span] = []

    init(header: VirtualHeader, address: VirtualHeader.Address) {
        self.header = header
        self.address = address
        switch address {
        case .hostPort(_, let port):
            protocolName = port.equals("53") || port.equals("domain") ? "udp" : "tcp"
        case .firewallMark:
            protocolName = "fwm"
            service = "none"
        case .invalid:
            protocolName = "tcp"
        }
    }

    /// The port text of the `virtual=` line ("0" for a firewall mark): what a fallback
    /// without a port inherits.
    var portText: String {
        if case .hostPort(_, let port) = address { return port.text }
        return "0"
    }
}

/// A virtual service's identity, as ldirectord's `get_virtual_id_str` builds it after
/// resolution: protocol, address and port, or the firewall mark and family.
enum VirtualKey: Hashable {
    case service(protocol: String, host: HostKey, port: Int)
    case firewallMark(Int, AddressFamily)
}

/// A host as far as the checker knows it: an address, or a name it did not resolve.
enum HostKey: Hashable, CustomStringConvertible {
    case address(NumericAddress)
    case name(String)

    var description: String {
        switch self {
        case .address(.v6(let bytes)): "[\(IPv6Text.format(bytes))]"
        case .address(let address): address.description
        case .name(let name): name
        }
    }
}
