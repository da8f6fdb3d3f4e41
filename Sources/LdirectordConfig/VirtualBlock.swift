/// A `virtual=` line and its block, read as ldirectord does: block lines are indented
/// by at least four columns (a tab counts as four); comment lines are skipped; any
/// other line, an empty one included, ends the block. Addresses, ports and real
/// servers are resolved once the block is complete, then duplicates are looked for.
extension ConfigReader {
    /// Reads the block of the `virtual=` line at `index`; returns the index of the line
    /// that ended it (`lines.count` at the end of the file).
    mutating func readVirtual(_ header: VirtualHeader, at index: Int) -> Int {
        var service = VirtualService(header: header, address: header.address(&reporter))
        var next = index + 1
        while next < lines.count {
            let line = lines[next]
            if line.all.dropping(while: .space).bytes.first == UInt8(ascii: "#") {
                next += 1
                continue
            }
            guard let command = Self.blockCommand(line.blockForm) else { break }
            readBlockLine(command, into: &service)
            next += 1
        }
        if next < lines.count {
            let end = lines[next]
            lastBlockEnd = BlockEnd(header: header.keyword, line: end, blank: !end.all.hasNonSpace)
        } else {
            lastBlockEnd = nil
        }
        finishVirtual(service, lastLine: index == lines.count - 1)
        return next
    }

    /// `/^ {4,}(.+)/` on the block form of a line: the command after the indentation, or
    /// nil when the line ends the block. A line of five or more blanks and nothing else
    /// yields " " (which ldirectord then rejects).
    static func blockCommand(_ line: LineText) -> Span? {
        let all = line.all
        let indent = all.prefixRun(of: .blank)
        guard indent.count >= 4 else { return nil }
        let rest = indent.rest(in: all)
        if !rest.isEmpty { return rest }
        return indent.count >= 5 ? all.slice((indent.range.upperBound - 1)..<indent.range.upperBound) : nil
    }

    /// The checks ldirectord makes once a block is read, in its order: fallback,
    /// virtual address and port, real servers, duplicate virtual service.
    private mutating func finishVirtual(_ service: VirtualService, lastLine: Bool) {
        if let fallback = service.fallback {
            resolveFallback(fallback, protocols: [service.protocolName], inheritedPort: service.portText)
        }
        let identity = resolveVirtual(service)
        resolveReals(of: service)
        if lastLine {
            reporter.error("a virtual= line at the end of the file without a block: ldirectord reads it twice and rejects it as a duplicate virtual service",
                           at: service.header.keyword)
            return
        }
        guard let identity else { return }
        if let first = virtualsSeen[identity.key] {
            let note = reporter.note("virtual service first defined here", at: first.value)
            let name = Self.describe(identity.key)
            if first.text == identity.text {
                reporter.error("duplicate virtual service \(name)", at: service.header.value, notes: [note])
            } else {
                reporter.misread("duplicate virtual service \(name); ldirectord misses it because it compares the numbers as written ('\(first.text)' and '\(identity.text)'), but ipvsadm will refuse the second",
                                 at: service.header.value, notes: [note])
            }
        } else {
            virtualsSeen[identity.key] = (service.header.value, identity.text)
        }
        checkService(service)
    }

    /// `_ld_read_config_virtual_resolve`: the identity of the service, or nil when its
    /// address or port does not resolve (or was rejected already).
    private mutating func resolveVirtual(_ service: VirtualService) -> (key: VirtualKey, text: String)? {
        switch service.address {
        case .invalid:
            return nil
        case .firewallMark(let mark):
            return (.firewallMark(Int(mark.text) ?? Int.max, service.family), mark.text)
        case .hostPort(let hostSpan, let portSpan):
            let host = resolveHost(hostSpan, family: service.family, role: "virtual service")
            guard let host else { return nil }
            guard let port = resolvePort(portSpan, protocolName: service.protocolName, role: "virtual service") else { return nil }
            if port == 0, !service.hasPersistence {
                reporter.warning("port 0 (all ports) needs persistent=; ipvsadm refuses it otherwise", at: portSpan)
            }
            // ldirectord's id keeps a numeric port as written ("0080"), a name as its number
            let text = portSpan.bytes.allSatisfy(IPv4Text.isDigit) ? portSpan.text : String(port)
            return (.service(protocol: service.protocolName, host: host, port: port), text)
        }
    }

    /// `_ld_read_config_fallback_resolve` for each protocol (a global fallback serves
    /// tcp and udp services, so its port must exist for both).
    mutating func resolveFallback(_ fallback: FallbackServer, protocols: [String], inheritedPort: String?) {
        guard resolveHost(fallback.server, family: fallback.family, role: "fallback server") != nil else { return }
        let port = fallback.port?.text ?? inheritedPort ?? ""
        guard !port.isEmpty, port != "0" else { return }
        for protocolName in protocols {
            if let explicit = fallback.port {
                guard resolvePort(explicit, protocolName: protocolName, role: "fallback server") != nil else { return }
                continue
            }
            switch ServiceTable.lookup(port, protocol: protocolName) {
            case .port, .unknown:
                continue     // an unknown name is reported with the virtual service's port
            case .outOfRange, .wrongProtocol:
                reporter.error("the fallback server inherits the port '\(port)' of the virtual service, which has no \(protocolName) port of that name; give the fallback a numeric port",
                               at: fallback.value)
                return
            }
        }
    }

    /// Warnings about a service ldirectord accepts but that will not work as meant.
    private mutating func checkService(_ service: VirtualService) {
        if service.reals.isEmpty, service.fallback == nil {
            reporter.warning("virtual service has no real servers and no fallback", at: service.header.value)
        }
        var effectiveService = service.service
        if effectiveService == nil, case .hostPort(_, let portSpan) = service.address,
           case .port(let port) = ServiceTable.lookup(portSpan.text, protocol: service.protocolName) {
            effectiveService = Vocabulary.service(forPort: port)
        }
        if service.checkType == "negotiate", effectiveService == "none" {
            reporter.warning("negotiate check with service 'none' always reports the real servers as up; set service= or checktype=",
                             at: service.header.value)
        }
        if ["external", "external-perl"].contains(service.checkType), service.checkCommand == nil {
            reporter.warning("checktype=\(service.checkType) without checkcommand= runs /bin/true, which always succeeds",
                             at: service.header.value)
        }
    }

    private static func describe(_ key: VirtualKey) -> String {
        switch key {
        case .service(let protocolName, let host, let port): "\(protocolName) \(host):\(port)"
        case .firewallMark(let mark, let family): "firewall mark \(mark)\(family == .inet6 ? " (IPv6)" : "")"
        }
    }
}
