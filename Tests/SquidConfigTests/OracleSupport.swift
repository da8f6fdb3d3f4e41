import Foundation
import TestSupport
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
        let result = try ProcessRunner.run(
            squid, ["-k", "parse", "-f", file], directory: directory, standardOutput: .discard, standardError: .discard)
        return result.status == 0
    }

    /// The installed squid.conf.documented, decompressed; nil if squid-common is not installed.
    static func documentedConfig() throws -> String? {
        let path = "/usr/share/doc/squid-common/squid.conf.documented.gz"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try ProcessRunner.run("/bin/gzip", ["-dc", path]).stdout
    }
}
