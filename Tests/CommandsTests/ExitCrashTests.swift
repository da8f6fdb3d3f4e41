import Foundation
import Testing

/// A short command exits with its verdict's status, every time. (libgit2 used to start on a
/// background queue that raced the process's exit: about 1 run in 50 of the release build
/// ended in a segfault, exit 139, after printing a correct verdict.)
struct ExitCrashTests {
    /// The release build when it is current (the crash showed only there), else the debug build.
    /// `.ci/run` builds the release product before `swift test`.
    static var binary: String {
        let release = CLI.packageRoot + "/.build/release/confsync"
        guard let built = modificationDate(release), let newestSource = newestModification(under: CLI.packageRoot + "/Sources"),
            built >= newestSource
        else { return CLI.executable }
        return release
    }

    @Test func validateExitsCleanlyThreeHundredTimes() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("/squid.conf", "http_port 3128\n")
        let program = Self.binary
        var crashes: [Int32] = []
        var otherFailures: [String] = []
        for _ in 0..<300 {
            let r = try CLI.runProgram(program, ["validate", "--as", "squid", root.path + "/squid.conf"])
            // Swift's backtracer reports a crash on stderr and may change the exit status.
            if r.status >= 128 || r.stderr.contains("Program crashed") { crashes.append(r.status) }
            else if r.status != 0 { otherFailures.append(String(r.stderr.prefix(300))) }
        }
        #expect(crashes.isEmpty, "\(crashes.count) of 300 runs of \(program) crashed (exit statuses \(crashes.prefix(5)))")
        #expect(otherFailures.isEmpty, "\(otherFailures.count) runs failed: \(otherFailures.prefix(1))")
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    static func newestModification(under directory: String) -> Date? {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return nil }
        var newest: Date?
        for case let relative as String in walker {
            guard let date = modificationDate(directory + "/" + relative) else { continue }
            if newest.map({ date > $0 }) ?? true { newest = date }
        }
        return newest
    }
}
