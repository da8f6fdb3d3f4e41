/// The root prefix: every host path lives under a root ("/" in production; a directory per
/// host when a whole cluster runs on one machine in tests).
///
/// Trailing slashes of the root are ignored ("/srv/n1/" is "/srv/n1"), and a root of "/"
/// or "" leaves a path as it is. The path is absolute ("/etc/a"); it is appended as given.
public enum RootPath {
    /// The live path of the absolute `path` under `root`: "/srv/n1" + "/etc/a" is
    /// "/srv/n1/etc/a"; under "/" it is "/etc/a".
    public static func live(_ path: String, root: String) -> String {
        trimmed(root) + path
    }

    /// The absolute path inside the root for a live path under it ("/srv/n1/etc/a" is
    /// "/etc/a"); any other path as it is.
    public static func strip(_ path: String, root: String) -> String {
        let prefix = trimmed(root)
        if !prefix.isEmpty, path.hasPrefix(prefix + "/") {
            return String(path.dropFirst(prefix.count))
        }
        return path
    }

    /// `root` without its trailing slashes ("" for "/").
    private static func trimmed(_ root: String) -> Substring {
        var end = root.endIndex
        while end > root.startIndex, root[root.index(before: end)] == "/" { end = root.index(before: end) }
        return root[..<end]
    }
}
