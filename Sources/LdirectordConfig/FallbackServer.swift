import Diagnostics
/// A `fallback=` value as ldirectord's `parse_fallback` splits it:
/// `host[:port] [gate|masq|ipip]`.
struct FallbackServer {
    let value: Span
    /// Everything before the port (may be empty: ldirectord then uses the loopback address).
    let server: Span
    let port: Span?
    let family: AddressFamily

    /// Splits `value`, reporting what ldirectord rejects (the forwarding method) or drops.
    init(_ value: Span, family: AddressFamily, reporter: inout Reporter) {
        self.value = value
        self.family = family
        // /(\S+)(\s+(\S+))?\s*$/: the last two words (leftmost match that reaches the end)
        var words: [Span] = []
        var rest = value
        while let word = rest.firstRun(of: .nonSpace) {
            words.append(word)
            rest = word.rest(in: value)
        }
        var hostPort = value
        if words.count >= 2 {
            hostPort = words[words.count - 2]
            let method = words[words.count - 1]
            if words.count > 2 {
                let dropped = value.slice(value.range.lowerBound..<hostPort.range.lowerBound).trimmingEnd(.space)
                let comment = value.bytes.contains(UInt8(ascii: "#"))
                    ? "ldirectord does not strip comments from global lines: " : ""
                reporter.misread("\(comment)ldirectord reads the fallback as '\(hostPort.shown) \(method.shown)' and ignores '\(dropped.shown)'", at: dropped)
            }
            if !method.equals("0"), !Vocabulary.forwardingMethods.contains(method.text) {
                let guess = Suggestions.closest(to: method.text, in: Vocabulary.forwardingMethods.sorted())
                reporter.error(
                    "forwarding method must be gate, masq or ipip, not '\(method.shown)'"
                        + (guess.map { "; did you mean '\($0)'?" } ?? ""), at: method)
            }
        } else if let word = words.first {
            hostPort = word
        }
        // /(:(\d+|[A-Za-z0-9-_]+))?$/: the leftmost ':' followed by a port-like run to the end
        var port: Span?
        var server = hostPort
        for index in hostPort.range where hostPort.line.bytes[index] == UInt8(ascii: ":") {
            let candidate = hostPort.slice((index + 1)..<hostPort.range.upperBound)
            if !candidate.isEmpty, candidate.prefixRun(of: .wordOrDash).count == candidate.count {
                port = candidate
                server = hostPort.slice(hostPort.range.lowerBound..<index)
                break
            }
        }
        self.server = server
        self.port = port
        if server.isEmpty {
            reporter.misread("the fallback server has no address; ldirectord accepts it and uses the loopback address",
                             at: value)
        }
    }
}
