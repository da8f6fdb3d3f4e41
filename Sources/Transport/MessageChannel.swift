import Wire

/// Wire messages over a TLS connection: frames out in large writes, frames in through a
/// size-limited decoder. One thread at a time, like the connection under it.
public final class MessageChannel: @unchecked Sendable {
    public let connection: TLSConnection
    private var decoder: FrameDecoder
    private var pending: [UInt8] = []
    /// Outgoing bytes are gathered up to this size before a write (few, large TLS records).
    private let flushThreshold = 1 << 20

    public init(_ connection: TLSConnection, maxPayload: Int = Frame.defaultMaxPayload) {
        self.connection = connection
        decoder = FrameDecoder(maxPayload: maxPayload)
    }

    /// Sends one message now.
    public func send(_ message: Message) throws {
        try queue(message)
        try flush()
    }

    /// Adds a message to the outgoing buffer; writes when the buffer is large.
    public func queue(_ message: Message) throws {
        do {
            pending += try message.serialized(maxPayload: decoder.maxPayload)
        } catch {
            throw TransportError(.io, "cannot send \(message): \(error)")
        }
        if pending.count >= flushThreshold { try flush() }
    }

    /// Writes whatever is buffered.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        try connection.write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The next message; throws `.closed` if the peer hung up, and the peer's `error` message
    /// as a `PeerError` so callers handle refusals in one place.
    public func receive() throws -> Message {
        while true {
            let message: Message?
            do {
                message = try decoder.nextMessage()
            } catch {
                // Tell the peer why (a frame over the limit is refused from its header alone).
                refuse(error.errorCode, "\(error)")
                throw TransportError(.io, "bad message from \(connection.remoteAddress): \(error)")
            }
            if let message {
                if case .error(let error) = message { throw PeerError(code: error.code, message: error.message) }
                return message
            }
            let bytes = try connection.read(upTo: 256 * 1024)
            if bytes.isEmpty { throw TransportError(.closed, "\(connection.remoteAddress) closed the connection") }
            decoder.feed(bytes)
        }
    }

    /// Sends an `error` message and closes, ignoring failures (the peer may be gone).
    public func refuse(_ code: ErrorCode, _ message: String) {
        try? send(.error(ErrorMessage(code: code, message: message)))
        connection.close()
    }

    public func close() {
        try? flush()
        connection.close()
    }
}

/// The peer answered with a protocol `error` message.
public struct PeerError: Error, CustomStringConvertible, Sendable {
    public var code: ErrorCode
    public var message: String

    public var description: String { "\(message) (\(code))" }
}
