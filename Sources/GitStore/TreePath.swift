/// Checks and splits tree paths: relative, `/`-separated, with no empty, `.`, `..`
/// or `.git` component, and no NUL byte.
enum TreePath {
    /// The components of `path`, or `.invalid` naming the path and the reason.
    static func components(of path: String) throws -> [String] {
        guard !path.isEmpty else { throw invalid(path, "empty path") }
        guard !path.utf8.contains(0) else { throw invalid(path, "contains a NUL byte") }
        guard !path.hasPrefix("/") else { throw invalid(path, "absolute path") }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            switch component {
            case "": throw invalid(path, "empty component")
            case ".", "..": throw invalid(path, "'\(component)' component")
            default:
                if component.lowercased() == ".git" { throw invalid(path, "'.git' component") }
            }
        }
        return components.map(String.init)
    }

    /// The path joined under `prefix` ("" for the root).
    static func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : prefix + "/" + name
    }

    private static func invalid(_ path: String, _ reason: String) -> GitError {
        GitError(.invalid, "invalid tree path '\(path)': \(reason)")
    }
}
