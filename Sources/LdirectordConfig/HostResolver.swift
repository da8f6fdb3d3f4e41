#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks a host name up the way ldirectord does (`getaddrinfo(name, 0, family)`), for
/// `LdirectordCheckOptions.resolveHostnames`. The checker's only contact with the
/// system; without the option it is never called.
enum HostResolver {
    /// The first address getaddrinfo returns, or nil when the name does not resolve.
    static func resolve(_ name: String, family: AddressFamily) -> NumericAddress? {
        var hints = addrinfo()
        hints.ai_family = family == .inet ? AF_INET : AF_INET6
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        guard let address = first.pointee.ai_addr else { return nil }
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                .v4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr))
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                var bytes = [UInt8](repeating: 0, count: 16)
                withUnsafeBytes(of: $0.pointee.sin6_addr) { raw in
                    for index in 0..<16 { bytes[index] = raw[index] }
                }
                return .v6(bytes)
            }
        default:
            return nil
        }
    }
}
