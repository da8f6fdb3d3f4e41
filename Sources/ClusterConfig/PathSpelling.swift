import Diagnostics

/// Paths in the cluster file are compared and sent as written, so they must be spelled the
/// one way a node accepts: no `.`, `..` or empty (`//`) component. (A node refuses such a path
/// when it arrives; the cluster file is where it can be fixed, so it is an error there.)
enum PathSpelling {
    /// Why the path part of `text` is not spelled normally, or nil. For `%prefix%rest` only
    /// `rest` is a path; a basename pattern (`*.conf`) has none.
    static func problem(_ text: String) -> String? {
        let path: Substring
        if text.hasPrefix("%") {
            let afterName = text.dropFirst().drop { $0 != "%" }.dropFirst()
            path = afterName
        } else if text.hasPrefix("/") {
            path = Substring(text)
        } else {
            return nil
        }
        // Trailing slashes are stripped before this is asked; a lone "/" is fine.
        for component in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if component == "." || component == ".." { return "has a '\(component)' component" }
            if component.isEmpty && path != "/" { return "has an empty component ('//')" }
        }
        return nil
    }

    /// The message for `what` ("pattern", "prefix path", "logfile") spelled `text`.
    static func message(_ what: String, _ text: String, _ problem: String) -> String {
        var message = "\(what) '\(text)' \(problem): nodes refuse such paths"
        if text.hasPrefix("/") {
            message += "; write it as '\(IncludeExpander.normalized(text))'"
        }
        return message
    }
}

extension Parser {
    /// Reports `text` at `location` when its path is not spelled normally.
    mutating func checkSpelling(_ what: String, _ text: String, at location: SourceLocation) {
        if let problem = PathSpelling.problem(text) {
            bag.error(PathSpelling.message(what, text, problem), at: location)
        }
    }
}
