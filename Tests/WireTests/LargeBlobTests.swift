import Testing
import Wire

@Suite struct LargeBlobTests {
    @Test func fortyMegabyteBlobRoundTrips() throws {
        let content = (0..<(40 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
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
        #expect(try decoder.nextMessage() == message)
        try decoder.finish()
    }
}
