import Hummingbird
import NIOCore

/// A request's context: Hummingbird's, plus the peer's address (failed logins are counted
/// and logged per address).
struct ConsoleContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    var remoteAddress: SocketAddress? { channel.remoteAddress }

    /// The peer's IP address as text, or "unknown".
    var peer: String { remoteAddress?.ipAddress ?? "unknown" }
}
