import Diagnostics

/// `cache_peer HOST TYPE HTTP-PORT ICP-PORT [options]` (squid 5.7's parse_peer).
extension ConfigWalker {
    private static let peerFlags: Set<String> = [
        "proxy-only", "no-query", "background-ping", "no-digest", "no-tproxy", "multicast-responder",
        "multicast-siblings", "closest-only", "default", "round-robin", "weighted-round-robin", "htcp",
        "no-netdb-exchange", "carp", "userhash", "sourcehash", "no-delay", "auth-no-keytab", "allow-miss",
        "originserver", "front-end-https", "front-end-https=on", "front-end-https=auto", "connection-auth=off",
        "connection-auth", "connection-auth=on", "connection-auth=auto",
    ]
    /// Options written `name=value` whose value squid reads with xatoi.
    private static let numericOptions = ["weight=", "basetime=", "ttl=", "connect-timeout=", "connect-fail-limit=",
                                         "max-conn=", "standby="]
    private static let textOptions = ["htcp=", "htcp-", "carp-key=", "login=", "digest-url=", "name=", "forceddomain=",
                                      "ssl", "tls-", "tls"]
    /// Service names squid would find in /etc/services for the port fields.
    private static let services: Set<String> = ["http", "www", "https", "icp", "htcp", "squid", "webcache", "http-alt"]

    mutating func checkCachePeer(_ d: inout DirectiveLine) {
        guard let host = required(&d, "a peer host"), let type = required(&d, "a peer type") else { return }
        var isParent = type.text == "parent"
        if !["parent", "sibling", "neighbor", "neighbour", "multicast"].contains(type.text) {
            var message = "cache_peer: unknown peer type '\(type.text)'; squid treats it as 'sibling'"
            if let guess = Suggestions.closest(to: type.text, in: ["parent", "sibling", "multicast"]) {
                message += " (did you mean '\(guess)'?)"
                isParent = false
            }
            weakened(message, at: d.location(type))
        }
        if IPAddress.parse(host.text) == nil && !Hostnames.isPlausible(host.text) {
            weakened("cache_peer: '\(host.text)' is neither an IP address nor a host name", at: d.location(host))
        } else if options.resolveHostnames && IPAddress.parse(host.text) == nil && !files.resolves(host.text) {
            warning("cache_peer: '\(host.text)' does not resolve here; squid looks peers up when it starts "
                    + "and leaves a peer it cannot find unused", at: d.location(host))
        }
        guard let httpPort = required(&d, "the HTTP port") else { return }
        if !Self.services.contains(httpPort.text), let value = port(httpPort, in: d), value == 0 {
            error("cache_peer: the HTTP port cannot be 0", at: d.location(httpPort))
        }
        guard let icpPort = required(&d, "the ICP port (0 for none)") else { return }
        if !Self.services.contains(icpPort.text) { _ = port(icpPort, in: d) }
        var name = host.text
        var carp = false
        var numbers: [String: Int64] = [:]
        while let option = d.words.next() {
            let text = option.text
            let location = d.location(option)
            if ["carp", "userhash", "sourcehash"].contains(text) && !isParent {
                error("cache_peer: '\(text)' needs a parent peer", at: location)
            }
            if text == "carp" { carp = true }
            if Self.peerFlags.contains(text) { continue }
            if let key = Self.numericOptions.first(where: text.hasPrefix) {
                if let value = Numbers.decimal(text.dropFirst(key.count)) {
                    numbers[key] = value
                } else {
                    error("cache_peer: '\(text)' needs a number", at: location)
                }
                continue
            }
            if let key = Self.textOptions.first(where: text.hasPrefix) {
                let value = text.dropFirst(key.count)
                switch key {
                case "name=": name = String(value)
                case "htcp=", "htcp-": checkHTCPModes(value, at: location)
                case "carp-key=":
                    if !carp { error("cache_peer: carp-key needs the 'carp' option before it", at: location) }
                    let keys = ["scheme", "host", "port", "path", "params"]
                    for part in value.split(separator: ",") where !keys.contains(where: part.hasPrefix) {
                        error("cache_peer: invalid carp-key '\(part)'", at: location)
                    }
                case "ssl": warning("cache_peer: option '\(text)' requires squid built with OpenSSL", at: location)
                default: break
                }
                continue
            }
            var message = "cache_peer: unknown option '\(text)'; squid ignores it"
            if let guess = Suggestions.closest(to: text, in: Self.peerFlags.sorted()) {
                message += " (did you mean '\(guess)'?)"
            }
            weakened(message, at: location)
        }
        let key = name.lowercased()
        if let first = state.peers[key] {
            error("cache_peer '\(name)' specified twice", at: d.location(host),
                  notes: [.note("cache_peer '\(name)' is first defined here", at: first)])
        } else {
            state.peers[key] = d.location(host)
        }
        if let maxConn = numbers["max-conn="], let standby = numbers["standby="], maxConn > 0, maxConn < standby {
            error("cache_peer \(name): max-conn=\(maxConn) is lower than its standby=\(standby)", at: d.location(host))
        }
    }

    private mutating func checkHTCPModes(_ modes: Substring, at location: Diagnostics.SourceLocation) {
        var seen: Set<Substring> = []
        for mode in modes.split(separator: ",", omittingEmptySubsequences: false) {
            guard ["no-clr", "no-purge-clr", "only-clr", "forward-clr", "oldsquid"].contains(mode) else {
                error("cache_peer: invalid HTCP mode '\(mode)'", at: location)
                return
            }
            if (mode == "no-clr" && seen.contains("only-clr")) || (mode == "only-clr" && seen.contains("no-clr")) {
                error("cache_peer: can't set htcp no-clr and only-clr together", at: location)
                return
            }
            seen.insert(mode)
        }
    }
}
