import Diagnostics

/// Splices `config FILE;` includes into the token stream, as csync2's scanner does: an
/// included file's tokens stand exactly where the `config` statement was, so an include
/// may even hold part of a group. Each token keeps its own file's path.
enum IncludeExpander {
    /// csync2's MAX_INCLUDE_DEPTH.
    static let maximumDepth = 10

    /// The tokens of `text` with every include replaced, followed by one end token.
    static func tokens(
        of text: String, path: String, load: (String) -> String?,
        included: inout [String], bag: inout DiagnosticBag
    ) -> [Token] {
        var scanner = Scanner(text: text, path: path)
        var tokens = expand(scanner.scan(into: &bag), stack: [normalized(path)], load: load, included: &included, bag: &bag)
        tokens.append(scanner.endToken)
        return tokens
    }

    private static func expand(
        _ tokens: [Token], stack: [String], load: (String) -> String?,
        included: inout [String], bag: inout DiagnosticBag
    ) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        for token in tokens {
            guard token.kind == .include else {
                result.append(token)
                continue
            }
            let target = resolve(token.text, from: token.location.path)
            if let cycleStart = stack.firstIndex(of: target) {
                let chain = (stack[cycleStart...] + [target]).joined(separator: " -> ")
                bag.error("config include cycle: \(chain)", at: token.location)
                continue
            }
            guard stack.count <= maximumDepth else {
                bag.error("config includes nested too deeply (more than \(maximumDepth) levels)", at: token.location)
                continue
            }
            guard let text = load(target) else {
                bag.error("cannot load config file '\(target)'", at: token.location)
                continue
            }
            if !included.contains(target) { included.append(target) }
            var scanner = Scanner(text: text, path: target)
            let inner = scanner.scan(into: &bag)
            result += expand(inner, stack: stack + [target], load: load, included: &included, bag: &bag)
        }
        return result
    }

    /// An absolute name as written (normalized); a relative one joined to the directory of
    /// the including file.
    static func resolve(_ name: String, from including: String) -> String {
        if name.hasPrefix("/") { return normalized(name) }
        guard let slash = including.lastIndex(of: "/") else { return normalized(name) }
        return normalized(String(including[...slash]) + name)
    }

    /// Removes `.` and empty components and folds `..`, lexically.
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
