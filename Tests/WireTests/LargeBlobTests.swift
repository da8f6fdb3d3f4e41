import Testing
import Wire

@Suite struct LargeBlobTests {
    @Test func fortyMegabyteBlobRoundTrips() throws {
        var content = [UInt8](repeating: 0x5a, count: 40 << 20)
        for index in stride(from: 0, to: content.count, by: 4093) { content[index] = UInt8(truncatingIfNeeded: index) }
        let message = Message.blob(Blob(id: SampleMessages.blobA, content: content))
        let bytes = try message.serialized()
        #expect(bytes.count == Frame.headerSize + 8 + 40 + content.count)

        var decoder = FrameDecoder()
        var start = 0
        while start < bytes.count {  // as a socket would deliver it
            let end = min(bytes.count, start + 65_536)
            decoder.feed(bytes[start..<end])
            start = end
        }
        let decoded = try #require(try decoder.nextMessage())
        try decoder.finish()
        guard case .blob(let blob) = decoded else {
            Issue.record("decoded \(decoded.type), not blob")
            return
        }
        #expect(blob.id == SampleMessages.blobA)
        #expect(blob.content == content)
    }

    /// Large payloads are handed over from the decoder's buffer when they end it, copied
    /// when more bytes follow: both must give the same frames.
    @Test(arguments: [1_000, 65_536, 100_000, 300_000])
    func largeFramesBetweenSmallOnes(_ chunkSize: Int) throws {
        let large = (0..<3).map { index in
            Message.blob(Blob(id: "b\(index)", content: [UInt8](repeating: UInt8(index), count: 100_000 + index)))
        }
        let messages: [Message] = [.bye, large[0], .stateRequest(.full), large[1], large[2], .bye]
        var stream: [UInt8] = []
        for message in messages { stream += try message.serialized() }

        var decoder = FrameDecoder()
        var decoded: [Message] = []
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + chunkSize)
            decoder.feed(stream[start..<end])
            start = end
            while let message = try decoder.nextMessage() { decoded.append(message) }
        }
        try decoder.finish()
        #expect(decoded == messages)
    }
}
