import Director
import Testing
import Wire

/// The largest file `commit` accepts goes to a node in one message.
@Suite struct FileSizeLimitTests {
    @Test func theLargestManagedFileFitsOneBlobMessage() throws {
        let content = [UInt8](repeating: 0x61, count: FileSizeLimit.maxBytes)
        let blob = Blob(id: String(repeating: "f", count: 64), content: content)
        let frame = try Message.blob(blob).serialized(maxPayload: Frame.defaultMaxPayload)
        #expect(frame.count > FileSizeLimit.maxBytes)
    }

    @Test func oneByteMoreIsRefusedWithBothSizes() {
        #expect(FileSizeLimit.problem(size: FileSizeLimit.maxBytes) == nil)
        #expect(FileSizeLimit.problem(size: FileSizeLimit.maxBytes + 1) == "file is 62914561 bytes; confsync deploys files up to 60 MiB (62914560 bytes)")
        #expect(FileSizeLimit.problem(size: 200 << 20) == "file is 200 MiB; confsync deploys files up to 60 MiB (62914560 bytes)")
        #expect(FileSizeLimit.problem(size: (61 << 20) + (1 << 19)) == "file is 61.5 MiB; confsync deploys files up to 60 MiB (62914560 bytes)")
    }
}
