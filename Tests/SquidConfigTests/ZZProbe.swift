import Foundation
import SquidConfig
import Testing

@Suite struct ZZProbe {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PROBE_DIR"] != nil))
    func probe() throws {
        let dir = ProcessInfo.processInfo.environment["PROBE_DIR"] ?? ""
        let lookup = RelativeLookup(base: dir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".conf") }.sorted()
        var out = ""
        for name in names {
            let text = lookup.expand(name).first?.text ?? ""
            var options = SquidCheckOptions()
            options.strict = false
            let d = SquidChecker.check(text, path: name, files: lookup, options: options)
            let first = d.first { $0.severity == .error }
            out += "\(name)\t\(d.hasErrors ? "invalid" : "valid")\t\(first.map { "\($0.location.line)" } ?? "-")\t\(first?.message ?? "")\n"
        }
        try out.write(toFile: dir + "/ours.tsv", atomically: true, encoding: .utf8)
    }
}
