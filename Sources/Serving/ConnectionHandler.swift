import Wire

/// Something a `PeerServer` serves to authenticated directors: the agent's state, apply and
/// drift; replication on a host that is itself a director. The server asks each handler,
/// in order, for a session when a director is authenticated, and offers every message but
/// `bye` to those sessions, in the same order, until one answers.
public protocol ConnectionHandler: Sendable {
    /// The session of this handler for one connection of `peer`. Throwing closes the
    /// connection (the error is logged).
    func session(for peer: AuthenticatedPeer) throws -> any ConnectionSession
}

/// One connection's side of a handler: it lives on that connection's thread only, for as
/// long as the connection, so it may hold what the conversation has sent so far (the blobs
/// an apply will need, for instance).
public protocol ConnectionSession {
    /// The answer to `message`, or nil if this session does not handle that kind of message
    /// (the next session is asked; when none answers, the peer gets `unexpectedMessage`).
    ///
    /// Throwing ends the connection and logs the error; a thrown `Refusal` is sent to the
    /// peer first.
    mutating func respond(to message: Message) throws -> Response?
}

/// What a session answers to a message.
public enum Response: Sendable, Equatable {
    /// Send these (none is fine), in order, and read the next message.
    case reply([Message])
    /// Send the peer `error code message` and close: the peer asked for something it may
    /// not have (not logged: the peer hears why).
    case refuse(ErrorCode, String)
}

/// A failure a session throws that the peer is told about (`error code message`) before the
/// connection closes; it is logged like any other error.
public struct Refusal: Error, CustomStringConvertible, Sendable {
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
