import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the installed squid (`squid -k parse`) for the live differential tests.
enum Oracle {
    static let squid = "/usr/sbin/squid"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: squid) }
    /// expected.tsv holds root's verdicts (squid checks cache_effective_user only as root).
    static var availableAsRoot: Bool { available && geteuid() == 0 }

    /// squid's verdict on `file` (relative to `directory`, squid's working directory): exit status 0 = valid.
    static func isValid(_ file: String, in directory: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: squid)
        process.arguments = ["-k", "parse", "-f", file]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The installed squid.conf.documented, decompressed; nil if squid-common is not installed.
    static func documentedConfig() throws -> String? {
        let path = "/usr/share/doc/squid-common/squid.conf.documented.gz"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
