import TestSupport
import Testing
@testable import Wire

@Suite struct FrameDecoderTests {
    /// Feeds `stream` in the given chunks and returns every message decoded.
    static func decodeAll(_ stream: [UInt8], chunks boundaries: [Int]) throws -> [Message] {
        var decoder = FrameDecoder()
        var messages: [Message] = []
        var start = 0
        for end in boundaries + [stream.count] {
            decoder.feed(stream[start..<end])
            start = end
            while let message = try decoder.nextMessage() { messages.append(message) }
        }
        try decoder.finish()
        return messages
    }

    @Test func streamSplitAtEveryByteBoundary() throws {
        let stream = try SampleMessages.stream()
        for split in 0...stream.count {
            #expect(try Self.decodeAll(stream, chunks: [split]) == SampleMessages.all, "split at \(split)")
        }
    }

    @Test func streamFedOneByteAtATime() throws {
        let stream = try SampleMessages.stream()
        #expect(try Self.decodeAll(stream, chunks: Array(0..<stream.count)) == SampleMessages.all)
    }

    @Test func streamInRandomChunks() throws {
        let stream = try SampleMessages.stream()
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let boundaries = (0..<Int.random(in: 0...20, using: &random))
                .map { _ in Int.random(in: 0...stream.count, using: &random) }.sorted()
            #expect(try Self.decodeAll(stream, chunks: boundaries) == SampleMessages.all)
        }
    }

    @Test func longStreamOfFramesSplitAcrossFeeds() throws {
        let frame = try Message.bye.serialized() + Message.stateRequest(.full).serialized()
        var decoder = FrameDecoder()
        for _ in 0..<10_000 {
            decoder.feed(frame + frame.prefix(3))
            #expect(try decoder.nextMessage() == .bye)
            #expect(try decoder.nextMessage() == .stateRequest(.full))
            #expect(try decoder.nextMessage() == nil)
            decoder.feed(frame.dropFirst(3))
            #expect(try decoder.nextMessage() == .bye)
            #expect(try decoder.nextMessage() == .stateRequest(.full))
        }
        #expect(decoder.bufferedByteCount == 0)
        try decoder.finish()
    }

    @Test(arguments: [1, 7, 100, 4095, 65_536])
    func compactionMovesFewerBytesThanItIsFed(_ chunkSize: Int) throws {
        var stream: [UInt8] = []
        for index in 0..<2_000 {
            stream += try Message.blob(Blob(id: "b", content: Array(repeating: 1, count: index % 300))).serialized()
        }
        var decoder = FrameDecoder()
        var start = 0
        var count = 0
        while start < stream.count {
            let end = min(stream.count, start + chunkSize)
            decoder.feed(stream[start..<end])
            start = end
            while try decoder.next() != nil { count += 1 }
        }
        #expect(count == 2_000)
        #expect(decoder.movedByteCount <= stream.count)
    }

    @Test func frameTooLargeFromTheHeaderAlone() {
        var decoder = FrameDecoder(maxPayload: 1000)
        decoder.feed([0x43, 0x53, 1, 5, 0, 0, 0x03, 0xe9])  // 1001 bytes announced, none sent
        #expect(throws: WireError.frameTooLarge(length: 1001, limit: 1000)) { try decoder.next() }
    }

    @Test func defaultLimitIs64MiB() {
        var decoder = FrameDecoder()
        #expect(decoder.maxPayload == 64 << 20)
        decoder.feed([0x43, 0x53, 1, 5, 0x04, 0, 0, 0])  // 64 MiB: allowed, waits for the payload
        #expect(throws: Never.self) { try decoder.next() }
        var over = FrameDecoder()
        over.feed([0x43, 0x53, 1, 5, 0x04, 0, 0, 1])
        #expect(throws: WireError.frameTooLarge(length: (64 << 20) + 1, limit: 64 << 20)) { try over.next() }
    }

    @Test func payloadOfAnOversizedFrameIsNotBuffered() {
        var decoder = FrameDecoder(maxPayload: 10)
        decoder.feed([0x43, 0x53, 1, 5, 0, 0, 0, 11])
        decoder.feed([UInt8](repeating: 0, count: 11))
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test(arguments: [
        ([UInt8(0x47)], WireError.badMagic([0x47])),
        ([0x43, 0x54, 1], .badMagic([0x43, 0x54])),
        ([0x43, 0x53, 0], .unsupportedVersion(0)),
        ([0x43, 0x53, 2, 1, 0, 0, 0, 0], .unsupportedVersion(2)),
    ])
    func badHeaderIsRejectedAsSoonAsItsBytesArrive(_ bytes: [UInt8], _ expected: WireError) {
        var decoder = FrameDecoder()
        decoder.feed(bytes)
        #expect(throws: expected) { try decoder.next() }
    }

    @Test func framesBeforeABadHeaderAreDeliveredThenTheErrorSticks() throws {
        var decoder = FrameDecoder()
        decoder.feed(try Message.stateRequest(.full).serialized() + [0x43, 0x53, 9])
        decoder.feed(try Message.bye.serialized())
        #expect(try decoder.nextMessage() == .stateRequest(.full))
        #expect(throws: WireError.unsupportedVersion(9)) { try decoder.next() }
        #expect(throws: WireError.unsupportedVersion(9)) { try decoder.next() }
        #expect(throws: WireError.unsupportedVersion(9)) { try decoder.finish() }
    }

    @Test func badHeaderAfterAPartialFrameIsFoundWhenThatFrameCompletes() throws {
        let frame = try Message.bye.serialized() + Message.proof(Proof(mac: [1, 2, 3])).serialized()
        var decoder = FrameDecoder()
        decoder.feed(frame.prefix(10))
        #expect(try decoder.nextMessage() == .bye)
        #expect(try decoder.nextMessage() == nil)
        decoder.feed(frame.dropFirst(10) + [0])
        #expect(try decoder.nextMessage() == .proof(Proof(mac: [1, 2, 3])))
        #expect(throws: WireError.badMagic([0])) { try decoder.next() }
    }

    @Test func endOfStreamInsideAFrameIsTruncated() throws {
        let hello = Hello(role: .agent, name: "squid1", nonce: SampleMessages.nonce, softwareVersion: "0.1.0")
        let bytes = try Message.hello(hello).serialized()
        for cut in 1..<bytes.count {
            var decoder = FrameDecoder()
            decoder.feed(bytes.prefix(cut))
            #expect(try decoder.next() == nil)
            #expect(throws: WireError.truncated(buffered: cut)) { try decoder.finish() }
        }
    }

    @Test func emptyStreamEndsCleanly() throws {
        var decoder = FrameDecoder()
        decoder.feed([])
        #expect(try decoder.next() == nil)
        try decoder.finish()
    }

    @Test func unknownTypesPassTheFrameLayer() throws {
        var decoder = FrameDecoder()
        decoder.feed(try Frame(type: 200, payload: [1, 2]).serialized())
        let frame = try #require(try decoder.next())
        #expect(frame == Frame(type: 200, payload: [1, 2]))
        #expect(throws: WireError.unknownType(200)) { try Message.decode(frame) }
    }
}
