import Diagnostics
/// `real=` lines, checked after their block as ldirectord's `_ld_read_config_real_resolve`
/// and `add_real_server` do: `host[->host][:port] gate|masq|ipip [weight]
/// ["request", "receive"] [l:lower] [u:upper]`.
extension ConfigReader {
    /// A real server (or range) that resolved, for duplicate and size warnings.
    private struct RealEntry {
        let hosts: [HostKey]
        let port: Int
        let span: Span
    }

    /// Ranges larger than this get a warning: ldirectord adds each address one by one.
    private static let largeRange = 1024

    mutating func resolveReals(of service: VirtualService) {
        var seen: [RealKey: Span] = [:]
        for value in service.reals {
            guard let entry = resolveReal(value, family: service.family) else { continue }
            for host in entry.hosts {
                let key = RealKey(host: host, port: entry.port)
                if let first = seen[key] {
                    reporter.warning("real server \(host):\(entry.port) is listed twice in this virtual service; ipvsadm refuses the second",
                                     at: entry.span, notes: [reporter.note("first listed here", at: first)])
                    break
                }
                seen[key] = entry.span
            }
        }
    }

    private struct RealKey: Hashable {
        let host: HostKey
        let port: Int
    }

    /// Resolves one `real=` value; nil when ldirectord would reject it (reported).
    private mutating func resolveReal(_ value: Span, family: AddressFamily) -> RealEntry? {
        guard let match = RealServerPattern.line.firstMatch(in: value),
              let first = match.group(1), let flags = match.group(6) else {
            let hint = value.hasNonSpace && value.firstRun(of: .space) == nil
                ? " (the forwarding method gate, masq or ipip is missing)" : ""
            reporter.error("invalid real server '\(value.shown)'; expected host[->host][:port] gate|masq|ipip [weight]\(hint)",
                           at: value)
            return nil
        }
        if match.skipped.hasNonSpace {
            let skipped = match.skipped
            let hint = family == .inet6 && skipped.bytes.contains(UInt8(ascii: ":")) ? " (IPv6 addresses go in brackets: [2001:db8::1]:80)" : ""
            reporter.misread("ldirectord takes the real server address from '\(first.shown)' and ignores '\(skipped.shown)'\(hint)", at: skipped)
        }
        // the order of ldirectord's tests: first host, port, last host, range, the rest
        let firstHost = resolveHost(first, family: family, role: "real server")
        var port: Int? = 0
        if let portText = match.group(5) {
            port = resolvePort(portText, protocolName: nil, role: "real server")
        }
        var hosts = firstHost.map { [$0] }
        if let last = match.group(3) {
            let lastHost = resolveHost(last, family: family, role: "real server")
            if let firstHost, let lastHost {
                hosts = expandRange(from: firstHost, to: lastHost, family: family, at: value)
            } else {
                hosts = nil
            }
        }
        guard checkFlags(flags), let hosts, let port else { return nil }
        return RealEntry(hosts: hosts, port: port, span: value)
    }

    /// `add_real_server_range`: IPv4 only, first address not above the last.
    private mutating func expandRange(from first: HostKey, to last: HostKey, family: AddressFamily, at value: Span) -> [HostKey]? {
        guard family == .inet else {
            reporter.error("ldirectord does not support address ranges for IPv6 real servers", at: value)
            return nil
        }
        guard case .address(.v4(let low)) = first, case .address(.v4(let high)) = last else {
            return [first, last]     // names the checker did not resolve
        }
        guard low <= high else {
            reporter.error("invalid range \(first)->\(last): the first address must not be above the last", at: value)
            return nil
        }
        let count = Int(high - low) + 1
        if count > Self.largeRange {
            reporter.warning("the range \(first)->\(last) adds \(count) real servers", at: value)
            return [first, last]
        }
        return (low...high).map { .address(.v4($0)) }
    }

    /// `add_real_server`'s reading of what follows the address; false when rejected.
    private mutating func checkFlags(_ flags: Span) -> Bool {
        // /(\w+)(.*)/ and gate|masq|ipip
        guard let method = flags.firstRun(of: .word), Vocabulary.forwardingMethods.contains(method.text) else {
            let word = flags.firstRun(of: .word)
            let guess = word.flatMap { Suggestions.closest(to: $0.text, in: Vocabulary.forwardingMethods.sorted()) }
            reporter.error(
                "forwarding method must be gate, masq or ipip\(word.map { ", not '\($0.shown)'" } ?? "")"
                    + (guess.map { "; did you mean '\($0)'?" } ?? ""), at: word ?? flags)
            return false
        }
        let skipped = flags.slice(flags.range.lowerBound..<method.range.lowerBound)
        if skipped.hasNonSpace {
            reporter.misread("ldirectord reads the forwarding method '\(method.shown)' and ignores '\(skipped.shown)'", at: skipped)
        }
        var rest = method.rest(in: flags)
        if let match = RealServerPattern.weight.firstMatch(in: rest), let weight = match.group(1), let after = match.group(2) {
            reportSkipped(match.skipped, before: "weight \(weight.shown)")
            if Int(weight.text).map({ $0 > 65535 }) ?? true {
                reporter.misread("weight \(weight.shown) is above 65535; ipvsadm refuses it", at: weight)
            }
            rest = after
        }
        if let match = RealServerPattern.requestReceive.firstMatch(in: rest), let after = match.group(3) {
            reportSkipped(match.skipped, before: "the request/receive strings")
            rest = after
        }
        for pattern in [RealServerPattern.lowerThreshold, RealServerPattern.upperThreshold] {
            if let match = pattern.firstMatch(in: rest), let after = match.group(2) {
                reportSkipped(match.skipped, before: "the threshold")
                rest = after
            }
        }
        if rest.hasNonSpace {
            let extra = rest.dropping(while: .space)
            reporter.error("unexpected '\(extra.shown)' on the real server line; expected gate|masq|ipip [weight] [\"request\", \"receive\"] [l:N] [u:N]", at: extra)
            return false
        }
        return true
    }

    /// Text an unanchored pattern of `add_real_server` jumped over (ldirectord drops it).
    private mutating func reportSkipped(_ skipped: Span, before what: String) {
        guard skipped.hasNonSpace else { return }
        let text = skipped.dropping(while: .space).trimmingEnd(.space)
        reporter.misread("ldirectord skips '\(text.shown)' to find \(what) and ignores it; the order is method, weight, \"request\", \"receive\", l:N, u:N", at: text)
    }
}
