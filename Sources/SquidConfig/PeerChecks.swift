/// `cache_peer HOST TYPE HTTP-PORT ICP-PORT [options]`.
extension ConfigWalker {
    private static let peerFlags: Set<String> = [
        "proxy-only", "no-query", "background-ping", "no-digest", "no-tproxy", "multicast-responder",
        "closest-only", "default", "round-robin", "weighted-round-robin", "htcp", "no-netdb-exchange", "carp",
        "userhash", "sourcehash", "no-delay", "auth-no-keytab", "allow-miss", "originserver", "tls", "ssl",
        "front-end-https", "connection-auth", "standby", "no-clr", "no-purge-clr", "only-clr", "forward-clr", "oldsquid",
    ]
    private static let peerValues = [
        "weight=", "basetime=", "ttl=", "htcp=", "carp-key=", "login=", "connect-timeout=", "connect-fail-limit=",
        "digest-url=", "max-conn=", "standby=", "name=", "forceddomain=", "tls-", "ssl", "front-end-https=",
        "connection-auth=", "monitorinterval=", "monitorsize=", "monitorurl=", "monitortimeout=",
    ]
    /// Service names squid would find in /etc/services for the port fields.
    private static let services: Set<String> = ["http", "www", "https", "icp", "htcp", "squid", "webcache", "http-alt"]

    mutating func checkCachePeer(_ d: inout DirectiveLine) {
        guard let host = required(&d, "a peer host"), let type = required(&d, "a peer type") else { return }
        if !["parent", "sibling", "neighbor", "neighbour", "multicast"].contains(type.text) {
            weakened("cache_peer: unknown peer type '\(type.text)'; squid treats it as 'sibling'", at: d.location(type))
        }
        if IPAddress.parse(host.text) == nil && !Hostnames.isPlausible(host.text) {
            error("cache_peer: invalid host '\(host.text)'", at: d.location(host))
        }
        guard let httpPort = required(&d, "the HTTP port") else { return }
        if !Self.services.contains(httpPort.text) {
            if let value = port(httpPort, in: d), value == 0 {
                error("cache_peer: the HTTP port cannot be 0", at: d.location(httpPort))
            }
        }
        guard let icpPort = required(&d, "the ICP port (0 for none)") else { return }
        if !Self.services.contains(icpPort.text) { _ = port(icpPort, in: d) }
        var name = host.text
        while let option = d.words.next() {
            let text = option.text
            if Self.peerFlags.contains(text) { continue }
            if text.hasPrefix("name=") { name = String(text.dropFirst(5)) }
            if let key = Self.peerValues.first(where: text.hasPrefix) {
                if ["weight=", "basetime=", "ttl=", "connect-fail-limit=", "max-conn=", "standby="].contains(key),
                   Numbers.decimal(text.dropFirst(key.count)) == nil {
                    error("cache_peer: '\(text)' needs a number", at: d.location(option))
                }
                continue
            }
            var message = "cache_peer: unknown option '\(text)'; squid ignores it"
            if let guess = Suggestions.closest(to: text, in: Self.peerFlags.sorted()) { message += " (did you mean '\(guess)'?)" }
            weakened(message, at: d.location(option))
        }
        let key = name.lowercased()
        if let first = state.peers[key] {
            error("cache_peer '\(name)' specified twice", at: d.location(host),
                  notes: [.note("cache_peer '\(name)' is first defined here", at: first)])
        } else {
            state.peers[key] = d.location(host)
        }
    }
}
