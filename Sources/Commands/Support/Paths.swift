import Foundation
import Posix

enum Paths {
    /// `path` made absolute against the current directory, without a trailing slash.
    static func absolute(_ path: String) -> String {
        absolute(path, in: nil)
    }

    /// `path` made absolute against `directory` (nil: the current directory), without a
    /// trailing slash.
    static func absolute(_ path: String, in directory: String?) -> String {
        let full = path.hasPrefix("/") ? path : (directory ?? FileManager.default.currentDirectoryPath) + "/" + path
        let standardized = (full as NSString).standardizingPath
        return standardized.isEmpty ? "/" : standardized
    }

    /// A path the admin typed for a managed file: absolute ("/etc/squid3/squid.conf"), or a live
    /// path under the root ("/srv/d1/etc/squid3/squid.conf"), or relative to `directory` (nil:
    /// the current directory; the service's caller's, `CommandContext.directory`).
    static func managed(_ typed: String, root: String, in directory: String? = nil) -> String {
        RootPath.strip(typed.hasPrefix("/") ? typed : Paths.absolute(typed, in: directory), root: root)
    }
}
