/// Every message of protocol version 1. docs/protocol.md says who sends each and when.
public enum Message: Hashable, Sendable {
    case hello(Hello)
    case proof(Proof)
    case stateRequest(StateRequest)
    case state(NodeState)
    case blob(Blob)
    case apply(Apply)
    case fileResult(FileResult)
    case drifted(Drifted)
    case actionResult(ActionResult)
    case applyResult(ApplyResult)
    case error(ErrorMessage)
    case bye
    case driftRequest
    case driftReport(DriftReport)
    case refsRequest
    case refs(Refs)
    case pack(Pack)
    case updateRefs(UpdateRefs)
    case updateRefsResult(UpdateRefsResult)

    /// The message's type number.
    public var type: MessageType {
        switch self {
        case .hello: .hello
        case .proof: .proof
        case .stateRequest: .stateRequest
        case .state: .state
        case .blob: .blob
        case .apply: .apply
        case .fileResult: .fileResult
        case .drifted: .drifted
        case .actionResult: .actionResult
        case .applyResult: .applyResult
        case .error: .error
        case .bye: .bye
        case .driftRequest: .driftRequest
        case .driftReport: .driftReport
        case .refsRequest: .refsRequest
        case .refs: .refs
        case .pack: .pack
        case .updateRefs: .updateRefs
        case .updateRefsResult: .updateRefsResult
        }
    }

    /// The message as a frame.
    public func encode() -> Frame {
        var writer = ByteWriter(capacity: payloadSizeHint)
        writePayload(to: &writer)
        return Frame(type: type.rawValue, payload: writer.bytes)
    }

    /// The message as bytes to send: header and payload written into one buffer, so a
    /// large blob is copied once.
    ///
    /// Throws `frameTooLarge` when the payload exceeds `maxPayload` (the peer's limit).
    public func serialized(maxPayload: Int = Frame.defaultMaxPayload) throws(WireError) -> [UInt8] {
        var writer = ByteWriter(capacity: Frame.headerSize + payloadSizeHint)
        Frame.writeHeader(to: &writer, type: type.rawValue, length: 0)
        writePayload(to: &writer)
        let length = writer.bytes.count - Frame.headerSize
        try Frame.checkSize(length, maxPayload: maxPayload)
        writer.overwrite(UInt32(truncatingIfNeeded: length), at: 4)
        return writer.bytes
    }

    /// Decodes a frame's payload as the message its type announces.
    ///
    /// Throws `unknownType` for a type number not in ``MessageType`` and `malformed` for a
    /// payload that does not parse exactly (trailing bytes included).
    public static func decode(_ frame: Frame) throws(WireError) -> Message {
        guard let type = MessageType(rawValue: frame.type) else { throw .unknownType(frame.type) }
        var reader = ByteReader(frame.payload, messageType: frame.type)
        let message: Message =
            switch type {
            case .hello: .hello(try reader.read())
            case .proof: .proof(try reader.read())
            case .stateRequest: .stateRequest(try reader.read())
            case .state: .state(try reader.read())
            case .blob: .blob(try reader.read())
            case .apply: .apply(try reader.read())
            case .fileResult: .fileResult(try reader.read())
            case .drifted: .drifted(try reader.read())
            case .actionResult: .actionResult(try reader.read())
            case .applyResult: .applyResult(try reader.read())
            case .error: .error(try reader.read())
            case .bye: .bye
            case .driftRequest: .driftRequest
            case .driftReport: .driftReport(try reader.read())
            case .refsRequest: .refsRequest
            case .refs: .refs(try reader.read())
            case .pack: .pack(try reader.read())
            case .updateRefs: .updateRefs(try reader.read())
            case .updateRefsResult: .updateRefsResult(try reader.read())
            }
        try reader.expectEnd()
        return message
    }

    /// Appends the payload (without frame header).
    private func writePayload(to writer: inout ByteWriter) {
        switch self {
        case .bye, .refsRequest, .driftRequest: break
        case .driftReport(let body): writer.write(body)
        case .stateRequest(let body): writer.write(body)
        case .hello(let body): writer.write(body)
        case .proof(let body): writer.write(body)
        case .state(let body): writer.write(body)
        case .blob(let body): writer.write(body)
        case .apply(let body): writer.write(body)
        case .fileResult(let body): writer.write(body)
        case .drifted(let body): writer.write(body)
        case .actionResult(let body): writer.write(body)
        case .applyResult(let body): writer.write(body)
        case .error(let body): writer.write(body)
        case .refs(let body): writer.write(body)
        case .pack(let body): writer.write(body)
        case .updateRefs(let body): writer.write(body)
        case .updateRefsResult(let body): writer.write(body)
        }
    }

    /// Payload bytes to reserve: exact for the messages that carry file content, a small
    /// start for the rest (they grow as needed).
    private var payloadSizeHint: Int {
        switch self {
        case .blob(let blob): 8 + blob.id.utf8.count + blob.content.count
        case .drifted(let drifted): 12 + drifted.path.utf8.count + drifted.blobID.utf8.count + drifted.content.count
        case .pack(let pack): 4 + pack.data.count
        default: 256
        }
    }
}

extension FrameDecoder {
    /// The next complete frame decoded as a ``Message``, or `nil` until more bytes are fed.
    public mutating func nextMessage() throws(WireError) -> Message? {
        guard let frame = try next() else { return nil }
        return try Message.decode(frame)
    }
}
