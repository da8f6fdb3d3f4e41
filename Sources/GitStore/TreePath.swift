/// Checks and splits tree paths: relative, `/`-separated, with no empty, `.`, `..`
/// or `.git` component, and no NUL byte.
enum TreePath {
    /// The components of `path`, or `.invalid` naming the path and the reason.
    static func components(of path: String) throws -> [String] {
        let bytes = path.utf8
        guard !bytes.isEmpty else { throw invalid(path, "empty path") }
        guard bytes.first != slash else { throw invalid(path, "absolute path") }
        var components: [String] = []
        var start = bytes.startIndex
        var index = start
        while true {
            if index == bytes.endIndex || bytes[index] == slash {
                let component = bytes[start..<index]
                try checkComponent(component, of: path)
                components.append(String(decoding: component, as: UTF8.self))
                if index == bytes.endIndex { return components }
                start = bytes.index(after: index)
            } else if bytes[index] == 0 {
                throw invalid(path, "contains a NUL byte")
            }
            index = bytes.index(after: index)
        }
    }

    /// The path joined under `prefix` ("" for the root).
    static func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : prefix + "/" + name
    }

    private static let slash = UInt8(ascii: "/")

    private static func checkComponent(_ component: Substring.UTF8View, of path: String) throws {
        let dot = UInt8(ascii: ".")
        switch component.count {
        case 0:
            throw invalid(path, "empty component")
        case 1...2 where component.allSatisfy({ $0 == dot }):
            throw invalid(path, "'\(Substring(component))' component")
        case 4 where component.first == dot && Substring(component).lowercased() == ".git":
            throw invalid(path, "'.git' component")
        default:
            return
        }
    }

    private static func invalid(_ path: String, _ reason: String) -> GitError {
        GitError(.invalid, "invalid tree path '\(path)': \(reason)")
    }
}
