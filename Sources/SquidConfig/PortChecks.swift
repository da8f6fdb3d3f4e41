import Diagnostics
/// `http_port`, `https_port`, `ftp_port`: [ADDRESS:]PORT [mode] [options].
extension ConfigWalker {
    private static let flagOptions: Set<String> = [
        "require-proxy-header", "no-connection-auth", "connection-auth=off", "connection-auth",
        "connection-auth=on", "ipv4", "tcpkeepalive", "ftp-track-dirs", "worker-queues",
    ]
    /// Options that take `=value` and are checked no further here (TLS settings).
    private static let valueOptions = ["name=", "tcpkeepalive=", "dynamic_cert_mem_cache_size=", "tls-"]
    /// TLS options that exist only in an OpenSSL build of squid.
    private static let openSSLOptions = [
        "sslBump", "ssl-bump", "cert=", "key=", "version=", "options=", "cipher=", "clientca=", "cafile=",
        "capath=", "crlfile=", "dhparams=", "sslflags=", "sslcontext=", "generate-host-certificates",
    ]

    private static func isOpenSSLOption(_ text: String) -> Bool {
        text.hasPrefix("generate-host-certificates")
            || openSSLOptions.contains { text == $0 || ($0.hasSuffix("=") && text.hasPrefix($0)) }
    }

    mutating func checkPort(_ d: inout DirectiveLine) {
        guard let spec = required(&d, "a port") else { return }
        checkPortSpecification(spec, d: d)
        let key = spec.text.hasPrefix("0.0.0.0:") || spec.text.hasPrefix("[::]:")
            ? String(spec.text.split(separator: ":").last ?? "") : spec.text
        if let first = state.listeningPorts[key] {
            warning("\(d.name) \(spec.text) listens where an earlier port does: squid cannot bind it twice",
                    at: d.location(spec), notes: [.note("the earlier port is here", at: first)])
        } else if !d.line.perProcess {
            state.listeningPorts[key] = d.location(spec)
        }
        var accel = false, intercept = false, tproxy = false
        let isHTTPS = d.spec.name == "https_port"
        var sawCert = false
        while let option = d.words.next() {
            let text = option.text
            let location = d.location(option)
            switch text {
            case "accel":
                if intercept || tproxy { error("\(d.name): accelerator mode requires its own port", at: location) }
                accel = true
            case "transparent", "intercept":
                if accel || tproxy { error("\(d.name): intercept mode requires its own port", at: location) }
                intercept = true
            case "tproxy":
                if intercept || accel { error("\(d.name): tproxy mode requires its own port", at: location) }
                tproxy = true
            case "vhost":
                if !accel { warning("\(d.name): vhost option is deprecated; use 'accel' mode flag instead", at: location) }
                accel = true
            case "no-vhost":
                if !accel { warning("\(d.name): no-vhost option requires acceleration mode flag", at: location) }
            case "act-as-origin":
                if !accel { warning("\(d.name): act-as-origin option requires acceleration mode flag", at: location) }
            case "vport", "allow-direct":
                if !accel { error("\(d.name): \(text) option requires acceleration mode flag 'accel'", at: location) }
            case "ignore-cc":
                break
            case _ where text.hasPrefix("defaultsite=") || text.hasPrefix("vport=") || text.hasPrefix("protocol="):
                let key = String(text.prefix { $0 != "=" })
                if !accel {
                    error("\(d.name): \(key) option requires acceleration mode flag 'accel'", at: location)
                } else if key == "vport" {
                    _ = port(option, in: d, text: text.dropFirst(6))
                }
            case _ where text.hasPrefix("disable-pmtu-discovery="):
                let value = text.dropFirst(23)
                if !["off", "transparent", "always"].contains(value) {
                    error("\(d.name): disable-pmtu-discovery must be off, transparent or always", at: location)
                }
            case _ where text.hasPrefix("tcpkeepalive="):
                let parts = text.dropFirst(13).split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.contains(where: { (Numbers.decimal($0).map { $0 < 0 || $0 > Int64(UInt32.max) } ?? true) }) {
                    error("\(d.name): tcpkeepalive= needs idle[,interval[,timeout]] in seconds", at: location)
                }
            case _ where Self.flagOptions.contains(text) || Self.valueOptions.contains(where: text.hasPrefix):
                if text.hasPrefix("tls-cert=") {
                    sawCert = true
                    let file = String(text.dropFirst(9))
                    if !files.exists(file) {
                        weakened("\(d.name): cannot find certificate file '\(file)': \(ConfigWalker.notHere(file))", at: location)
                    }
                }
            case _ where Self.isOpenSSLOption(text):
                error("\(d.name): option '\(text)' needs squid built with OpenSSL (this squid uses GnuTLS)", at: location)
            default:
                var message = "\(d.name): unknown option '\(text)'"
                let names = ["accel", "intercept", "tproxy", "vhost", "transparent", "require-proxy-header", "ipv4",
                             "tcpkeepalive", "no-connection-auth", "allow-direct", "ignore-cc", "act-as-origin"]
                if let guess = Suggestions.closest(to: text, in: names) { message += "; did you mean '\(guess)'?" }
                error(message, at: location)
            }
        }
        if isHTTPS && !sawCert {
            error("https_port requires a certificate (tls-cert=)", at: d.location(spec))
        }
    }

    /// parsePortSpecification: PORT, HOST:PORT or [IPv6]:PORT.
    private mutating func checkPortSpecification(_ token: Token, d: DirectiveLine) {
        let text = token.text
        var host: Substring?
        var portText = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                error("\(d.name): missing ']' on IPv6 address '\(text)'", at: d.location(token))
                return
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else {
                error("\(d.name): missing port in '\(text)'", at: d.location(token))
                return
            }
            portText = rest.dropFirst()
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else if Numbers.decimal(portText) == nil || Numbers.decimal(portText) == 0 {
            // squid says "missing port" for any of these; say which.
            let problem = Numbers.decimal(portText) == 0
                ? "port 0 is not a port"
                : portText.contains(where: \.isNumber)
                    ? "'\(text)' is not a port number" : "'\(text)' has no port (write PORT or HOST:PORT)"
            error("\(d.name): \(problem)", at: d.location(token))
            return
        }
        guard let value = port(token, in: d, text: portText) else { return }
        if value == 0 && host != nil {
            error("\(d.name): port cannot be 0 in '\(text)'", at: d.location(token))
            return
        }
        if let host {
            checkHostOrIP(String(host), at: d.location(token), what: "\(d.name): invalid address")
        }
    }
}
