import Diagnostics
import Foundation
import LdirectordConfig
import Testing

@Test func zzDump() throws {
    guard let out = ProcessInfo.processInfo.environment["LD_DUMP"] else { return }
    var text = ""
    for e in Corpus.recorded {
        let d = try Corpus.check(e.file, strict: true)
        text += "=== \(e.file) [oracle: \(e.valid ? "valid" : "invalid \(e.line ?? 0): \(e.message)")]\n"
        text += d.map(\.description).joined(separator: "\n") + "\n"
    }
    try text.write(toFile: out, atomically: true, encoding: .utf8)
}
