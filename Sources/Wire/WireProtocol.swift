/// Constants of the confsync wire protocol (see docs/protocol.md).
public enum WireProtocol {
    /// The protocol version this module speaks, carried in every frame header and in `hello`.
    ///
    /// Any change to a frame or payload layout, a message type or an enum value bumps it.
    /// Peers with different versions do not talk: the receiver answers `error badVersion`
    /// and closes.
    public static let version: UInt8 = 1
}
