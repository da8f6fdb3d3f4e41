/// One unit on the wire: `"CS" | version u8 | type u8 | length u32 BE | payload`.
///
/// The version byte is always ``WireProtocol/version``: the encoder writes it and
/// ``FrameDecoder`` rejects any other, so a `Frame` does not carry it.
public struct Frame: Hashable, Sendable {
    /// The two bytes every frame starts with: `"CS"`.
    public static let magic: [UInt8] = [0x43, 0x53]
    /// Bytes before the payload: magic, version, type, length.
    public static let headerSize = 8
    /// The largest payload accepted by default, on both sides: 64 MiB.
    public static let defaultMaxPayload = 64 << 20

    /// The message type number (see ``MessageType``); unknown numbers are kept here
    /// and rejected by ``Message/decode(_:)``.
    public var type: UInt8
    /// The message body.
    public var payload: [UInt8]

    /// A frame of type `type` carrying `payload`.
    public init(type: UInt8, payload: [UInt8] = []) {
        self.type = type
        self.payload = payload
    }

    /// Header and payload in one buffer, ready to send.
    ///
    /// Throws `frameTooLarge` when the payload exceeds `maxPayload` (the peer's limit).
    public func serialized(maxPayload: Int = Frame.defaultMaxPayload) throws(WireError) -> [UInt8] {
        try Frame.checkSize(payload.count, maxPayload: maxPayload)
        var writer = ByteWriter(capacity: Frame.headerSize + payload.count)
        Frame.writeHeader(to: &writer, type: type, length: UInt32(truncatingIfNeeded: payload.count))
        writer.writeRaw(payload)
        return writer.bytes
    }

    /// Writes a header announcing `length` payload bytes; the length field is at offset 4.
    static func writeHeader(to writer: inout ByteWriter, type: UInt8, length: UInt32) {
        writer.writeRaw(magic)
        writer.write(WireProtocol.version)
        writer.write(type)
        writer.write(length)
    }

    /// Throws `frameTooLarge` unless a payload of `count` bytes fits the limit and the u32 length.
    static func checkSize(_ count: Int, maxPayload: Int) throws(WireError) {
        let limit = min(maxPayload, Int(UInt32.max))
        if count > limit { throw .frameTooLarge(length: count, limit: limit) }
    }
}
