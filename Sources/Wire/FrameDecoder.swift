/// Cuts a byte stream, fed in arbitrary chunks, into ``Frame``s.
///
/// Each header is checked as soon as its bytes arrive, before any of its payload is kept:
/// a bad magic, another protocol version or a payload above `maxPayload` stops the
/// stream there. Frames completed before the bad header are still returned by ``next()``;
/// then it throws, and keeps throwing. Decoding is O(total bytes): consumed bytes are
/// skipped with a read index and dropped only once they outweigh what is left.
public struct FrameDecoder: Sendable {
    /// The largest payload accepted; a larger announced length throws `frameTooLarge`.
    public let maxPayload: Int

    private var buffer: [UInt8] = []
    /// Start of the first frame not yet returned by `next()`.
    private var readIndex = 0
    /// Start of the first frame whose header is not yet fully checked.
    private var scanIndex = 0
    /// The first bad header found; the buffer ends where that header began.
    private var failure: WireError?
    /// Bytes moved to the front by compaction so far: never more than the bytes fed, which
    /// keeps decoding linear (tests check it).
    private(set) var movedByteCount = 0

    /// A decoder that accepts payloads of up to `maxPayload` bytes (at most `UInt32.max`).
    public init(maxPayload: Int = Frame.defaultMaxPayload) {
        self.maxPayload = max(0, min(maxPayload, Int(UInt32.max)))
    }

    /// Bytes received and not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Appends bytes received from the peer. Bytes after a bad header are dropped.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        guard failure == nil else { return }
        compact()
        // One copy of contiguous bytes, even when this generic is not specialised.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { buffer.append(contentsOf: $0) }
        if copied == nil { buffer.append(contentsOf: bytes) }
        scanHeaders()
    }

    /// The next complete frame, or `nil` until more bytes are fed.
    ///
    /// Throws the stream's error once every frame before the bad header has been returned.
    public mutating func next() throws(WireError) -> Frame? {
        let available = buffer.count - readIndex
        if available >= Frame.headerSize {
            let length = Int(readLength(at: readIndex))
            let end = readIndex + Frame.headerSize + length
            if end <= buffer.count {
                let type = buffer[readIndex + 3]
                return Frame(type: type, payload: takePayload((readIndex + Frame.headerSize)..<end))
            }
        }
        if let failure, available == 0 { throw failure }
        return nil
    }

    /// Declares the end of the stream: throws `truncated` if part of a frame is buffered,
    /// or the stream's error if a bad header was found.
    public func finish() throws(WireError) {
        if let failure { throw failure }
        if bufferedByteCount > 0 { throw .truncated(buffered: bufferedByteCount) }
    }

    /// Removes the payload at `range` from the buffer. A large payload that ends the buffer
    /// is handed over in place (the bytes before it are shifted out, no new allocation);
    /// anything else is copied.
    private mutating func takePayload(_ range: Range<Int>) -> [UInt8] {
        guard range.upperBound == buffer.count, range.count >= FrameDecoder.handOverSize else {
            readIndex = range.upperBound
            return Array(buffer[range])
        }
        var payload: [UInt8] = []
        swap(&payload, &buffer)
        payload.removeSubrange(0..<range.lowerBound)
        movedByteCount += payload.count
        readIndex = 0
        scanIndex = 0
        return payload
    }

    /// Payloads from this size up are handed over rather than copied.
    private static let handOverSize = 64 << 10

    /// Checks every header that has arrived, up to the first one whose payload is missing.
    private mutating func scanHeaders() {
        while scanIndex < buffer.count {
            if let error = headerError(at: scanIndex) {
                failure = error
                buffer.removeSubrange(scanIndex...)
                return
            }
            guard buffer.count - scanIndex >= Frame.headerSize else { return }
            scanIndex += Frame.headerSize + Int(readLength(at: scanIndex))
        }
        // The last frame is incomplete: make room for all of it at once (it is within
        // maxPayload) rather than growing the buffer step by step.
        if scanIndex > buffer.capacity { buffer.reserveCapacity(scanIndex) }
    }

    /// What is wrong with the (possibly partial) header at `start`, judged from the bytes present.
    private func headerError(at start: Int) -> WireError? {
        let available = buffer.count - start
        for (offset, expected) in Frame.magic.enumerated() where offset < available {
            if buffer[start + offset] != expected {
                return .badMagic(Array(buffer[start..<(start + min(available, Frame.magic.count))]))
            }
        }
        if available > 2, buffer[start + 2] != WireProtocol.version {
            return .unsupportedVersion(buffer[start + 2])
        }
        if available >= Frame.headerSize {
            let length = Int(readLength(at: start))
            if length > maxPayload { return .frameTooLarge(length: length, limit: maxPayload) }
        }
        return nil
    }

    /// The big-endian length field of the complete header at `start`.
    private func readLength(at start: Int) -> UInt32 {
        var length: UInt32 = 0
        for byte in buffer[(start + 4)..<(start + Frame.headerSize)] {
            length = length << 8 | UInt32(byte)
        }
        return length
    }

    /// Drops consumed bytes once they are at least as many as the ones kept, so each byte
    /// is moved at most once on average.
    private mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            // Keep a modest buffer for the next frames; give a large one back.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
        } else if readIndex >= buffer.count - readIndex {
            movedByteCount += buffer.count - readIndex
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        readIndex = 0
    }
}
