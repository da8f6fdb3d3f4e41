import TestSupport
import Testing
import Wire

/// Random and mutated input: the decoder must return a value or throw `WireError`, never
/// crash or read out of bounds. (Typed throws make "only `WireError`" a compile-time fact;
/// these tests are about not crashing and about the decodes that succeed.)
@Suite struct FuzzTests {
    @Test func randomPayloadsOfEveryType() {
        var random = SplitMix64(seed: 0x5eed)
        var decoded = 0
        for iteration in 0..<20_000 {
            let type = MessageType.allCases[iteration % MessageType.allCases.count].rawValue
            let payload = random.bytes(Int.random(in: 0...64, using: &random))
            if let message = try? Message.decode(Frame(type: type, payload: payload)) {
                // Whatever decodes must encode back to the same bytes.
                #expect(message.encode() == Frame(type: type, payload: payload))
                decoded += 1
            }
        }
        #expect(decoded > 0)  // the empty messages at least
    }

    @Test func mutatedEncodings() {
        var random = SplitMix64(seed: 42)
        for iteration in 0..<20_000 {
            var frame = SampleMessages.all[iteration % SampleMessages.all.count].encode()
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                random.mutate(&frame.payload)
            }
            if let message = try? Message.decode(frame) {
                #expect(message.encode() == frame)
            }
        }
    }

    @Test func randomByteStreams() {
        var random = SplitMix64(seed: 2024)
        for _ in 0..<5_000 {
            var stream = random.bytes(Int.random(in: 0...96, using: &random))
            if Bool.random(using: &random) {
                // A valid header with a random type and length: the random payload gets decoded.
                let length = UInt8(Int.random(in: 0...(stream.count), using: &random))
                stream = [0x43, 0x53, 1, UInt8.random(in: 0...40, using: &random), 0, 0, 0, length] + stream
            }
            var decoder = FrameDecoder(maxPayload: 1 << 16)
            var start = 0
            while start < stream.count {
                let end = min(stream.count, start + Int.random(in: 1...16, using: &random))
                decoder.feed(stream[start..<end])
                start = end
            }
            var frames = 0
            do {
                while try decoder.nextMessage() != nil { frames += 1 }
                try decoder.finish()
            } catch {
                // Any WireError is a fine end for random bytes.
            }
            #expect(frames <= stream.count / Frame.headerSize)
        }
    }
}
