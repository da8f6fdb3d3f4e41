#if canImport(Glibc)
import Glibc
#endif

/// One resolved socket address (a copy of an `addrinfo` entry).
struct SocketAddress: CustomStringConvertible {
    let family: Int32
    private var storage: sockaddr_storage
    private let length: socklen_t

    init(storage: sockaddr_storage, length: socklen_t) {
        self.storage = storage
        self.length = length
        family = Int32(storage.ss_family)
    }

    /// The TCP addresses of `endpoint`, in getaddrinfo's order. `passive` resolves for
    /// bind, where an empty host means every local address.
    static func resolve(_ endpoint: Endpoint, passive: Bool) throws -> [SocketAddress] {
        guard (0...65535).contains(endpoint.port) else {
            throw TransportError(passive ? .io : .connectFailed, "\(endpoint): port out of range")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)
        var list: UnsafeMutablePointer<addrinfo>?
        let host = endpoint.host.isEmpty ? nil : endpoint.host
        let status = getaddrinfo(host, String(endpoint.port), &hints, &list)
        guard status == 0 else {
            throw TransportError(
                passive ? .io : .connectFailed,
                "cannot resolve \(endpoint): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry = list
        while let current = entry?.pointee {
            if let address = current.ai_addr, Int(current.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(current.ai_addrlen)))
                }
                addresses.append(SocketAddress(storage: storage, length: current.ai_addrlen))
            }
            entry = current.ai_next
        }
        // For "every address", IPv6 first: on Linux a :: socket takes IPv4 clients too.
        if passive && host == nil {
            addresses.sort { $0.family == AF_INET6 && $1.family != AF_INET6 }
        }
        return addresses
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length.
    func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        withUnsafePointer(to: storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    var port: Int { numeric()?.port ?? 0 }

    /// The numeric address and port: `192.0.2.1:5000`, `[2001:db8::1]:5000`.
    var description: String { numeric()?.description ?? "?" }

    private func numeric() -> Endpoint? {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = withSockaddr {
            getnameinfo($0, $1, &host, socklen_t(host.count), &service, socklen_t(service.count),
                        NI_NUMERICHOST | NI_NUMERICSERV)
        }
        guard status == 0 else { return nil }
        return Endpoint(host: Self.string(host), port: Int(Self.string(service)) ?? 0)
    }

    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
