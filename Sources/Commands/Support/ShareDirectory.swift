import Foundation

/// Finds the directory holding `templates/` and `hooks/` (what `init` lays down):
/// $CONFSYNC_SHARE, then a source checkout above the executable, then the install locations.
enum ShareDirectory {
    static func locate() -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["CONFSYNC_SHARE"] { candidates.append(env) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = (exe as NSString).deletingLastPathComponent
            candidates.append(dir + "/../share/confsync")
            for _ in 0..<5 {
                candidates.append(dir)
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        candidates += ["/usr/local/share/confsync", "/usr/share/confsync"]
        return candidates.first { dir in
            FileManager.default.fileExists(atPath: dir + "/templates")
                && FileManager.default.fileExists(atPath: dir + "/hooks/pre-receive")
        }.map { ($0 as NSString).standardizingPath }
    }
}
