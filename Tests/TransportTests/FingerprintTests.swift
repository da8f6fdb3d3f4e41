import Foundation
import Testing
@testable import Transport

@Suite struct FingerprintTests {
    static let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
    static let canonical =
        "SHA256:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"

    @Test(arguments: [
        canonical,
        canonical.lowercased(),
        "  \(canonical)\n",
        hex,
        hex.uppercased(),
        "sha256:\(hex)",
        String(canonical.dropFirst("SHA256:".count)),
    ])
    func parses(_ text: String) throws {
        let fingerprint = try #require(Fingerprint(text))
        #expect(fingerprint.description == Self.canonical)
        #expect(fingerprint.bytes.count == 32)
        #expect(fingerprint.bytes[10] == 0xAA)
    }

    @Test(arguments: [
        "",
        "SHA256:",
        String(hex.dropLast(2)),  // 31 bytes
        hex + "00",  // 33 bytes
        "SHA1:" + hex,
        String(hex.dropLast()) + "g",
        "+1" + String(hex.dropFirst(2)),
        canonical.replacingOccurrences(of: ":AA:", with: ":AA-"),
        "SHA256:0:11" + String(canonical.dropFirst("SHA256:00:11".count)) + "0",
    ])
    func rejects(_ text: String) {
        #expect(Fingerprint(text) == nil)
    }

    @Test func bytesMustBe32() {
        #expect(Fingerprint(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(Fingerprint(bytes: [UInt8](repeating: 1, count: 32))?.bytes == [UInt8](repeating: 1, count: 32))
    }

    @Test func codableAsItsDescription() throws {
        let fingerprint = try #require(Fingerprint(Self.hex))
        let json = try JSONEncoder().encode([fingerprint])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(Self.canonical)\"]")
        #expect(try JSONDecoder().decode([Fingerprint].self, from: json) == [fingerprint])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Fingerprint].self, from: Data("[\"SHA256:00\"]".utf8))
        }
    }
}
