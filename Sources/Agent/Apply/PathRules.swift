/// Step 1, the syntax part: what a managed path (or an action's logfile) may look like.
enum PathRules {
    /// Why `path` is not acceptable, or nil: it must be absolute and normalized (no empty,
    /// `.` or `..` component), without NUL, not the root itself, no component using the
    /// engine's `.confsync-` prefix, and not inside the state directory.
    static func problem(_ path: String, stateDirectoryUnderRoot: String?) -> String? {
        if path.utf8.contains(0) { return "contains a NUL byte" }
        guard path.hasPrefix("/") else { return "is not absolute" }
        guard path != "/" else { return "is the root directory" }
        guard path.utf8.count <= 4000 else { return "is too long" }
        for component in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
            if component.isEmpty { return "has an empty component ('//' or a trailing '/')" }
            if component.elementsEqual(".".utf8) || component.elementsEqual("..".utf8) {
                return "has a '\(String(decoding: component, as: UTF8.self))' component"
            }
            if component.count > 255 { return "has a component longer than 255 bytes" }
            if component.starts(with: ScratchNames.prefix.utf8) {
                return "uses the reserved prefix \(ScratchNames.prefix)"
            }
        }
        if let state = stateDirectoryUnderRoot, path == state || path.hasPrefix(state + "/") {
            return "is inside the agent's state directory"
        }
        return nil
    }
}
