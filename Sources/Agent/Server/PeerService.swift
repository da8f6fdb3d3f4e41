import Wire

/// Something more an agent serves to an authenticated director, beyond state and apply:
/// e.g. repository replication on a host that is itself a director. The server offers each
/// message it does not handle itself to its services, in order.
public protocol PeerService: Sendable {
    /// The replies to `message` from director `director`, or nil if this service does not
    /// handle that kind of message. Throwing sends the peer an `error` and closes.
    func handle(_ message: Message, from director: String) throws -> [Message]?
}
