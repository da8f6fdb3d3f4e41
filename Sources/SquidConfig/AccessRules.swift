import Diagnostics

/// Directives that name ACLs: `http_access allow|deny ACL...` and ACL lists after a value.
extension ConfigWalker {
    /// aclParseAccessLine: `allow` or `deny`, then ACL names (each defined earlier, `!` negates).
    mutating func checkAccessRule(_ d: inout DirectiveLine) {
        guard let action = d.words.next() else {
            warning("\(d.name): missing 'allow' or 'deny'; squid ignores the line", at: d.endLocation)
            return
        }
        guard action.text == "allow" || action.text == "deny" else {
            var message = "\(d.name): expecting 'allow' or 'deny', got '\(action.text)'; squid drops this rule"
            if let guess = Suggestions.closest(to: action.text, in: ["allow", "deny"]) {
                message += " (did you mean '\(guess)'?)"
            }
            weakened(message, at: d.location(action))
            return
        }
        if !checkACLList(&d) {
            warning("\(d.name): rule names no ACL; squid skips it", at: d.location(action))
        }
    }

    /// Acl::InnerNode::lineParse: the rest of the line is ACL names. Returns whether any was named.
    @discardableResult
    mutating func checkACLList(_ d: inout DirectiveLine) -> Bool {
        let names = aclValues(&d)
        for name in names {
            let bare = name.text.hasPrefix("!") ? String(name.text.dropFirst()) : name.text
            useACL(bare, at: name.location)
        }
        return !names.isEmpty
    }

    /// A use of ACL `name`: it must already be defined.
    mutating func useACL(_ name: String, at location: SourceLocation) {
        let key = ACLNames.key(name)
        if state.acls[key] != nil { return }
        if state.pendingUses[key] == nil { state.pendingUses[key] = (name, location) }
    }

    /// At the end: uses of ACLs never defined at all.
    mutating func finishChecks() {
        for (name, location) in state.pendingUses.values.sorted(by: { $0.location < $1.location }) {
            var message = "ACL '\(name)' is not defined"
            if let guess = Suggestions.closest(to: name, in: state.acls.values.map(\.name).sorted()) {
                message += "; did you mean '\(guess)'?"
            }
            error(message, at: location)
        }
        state.pendingUses.removeAll()
        for list in state.authSchemeLists {
            let names = list.schemes.split(separator: ",").map(String.init)
                .flatMap { $0 == "ALL" ? state.authSchemes.keys.sorted() : [$0] }
            if names.isEmpty {
                error("auth_schemes: at least one configured scheme is required; got '\(list.schemes)'", at: list.location)
            }
            for name in names where !state.authSchemes.keys.contains(where: { name.lowercased().hasPrefix($0) }) {
                error("auth_schemes: authentication scheme '\(name)' is not configured with auth_param", at: list.location)
                break
            }
        }
        if state.workers > 1 {
            for location in state.sharedDiskCaches {
                warning("this cache_dir is not SMP-aware and all \(state.workers) workers would share it: "
                        + "use rock, or a per-worker path with ${process_number}", at: location)
            }
        }
        let buffer = state.requestSizes["client_request_buffer_max_size"]
        let header = state.requestSizes["request_header_max_size"]
        if (buffer?.bytes ?? 524_288) <= (header?.bytes ?? 65_536), let location = buffer?.location ?? header?.location {
            error("the client request buffer (client_request_buffer_max_size) cannot hold a request with "
                  + "request_header_max_size bytes of headers; make the buffer larger", at: location)
        }
    }

    /// deny_info PAGE|URL|TCP_RESET ACL...: squid keeps the names without looking them up,
    /// so an undefined one silently never matches.
    mutating func checkDenyInfo(_ d: inout DirectiveLine) {
        guard let page = d.words.next() else {
            warning("deny_info: missing the error page; squid ignores the line", at: d.endLocation)
            return
        }
        checkDenyInfoPage(page, d: d)
        let names = aclValues(&d)
        if names.isEmpty { warning("deny_info: no ACL named; squid ignores the line", at: d.location(page)) }
        for name in names where state.acls[ACLNames.key(name.text)] == nil {
            weakened("deny_info: ACL '\(name.text)' is not defined; squid never uses this page for it", at: name.location)
        }
    }

    /// ErrorPageFile rules: STATUS:URL for 3xx, STATUS:TEMPLATE... for the others (errorpage.cc).
    private mutating func checkDenyInfoPage(_ page: Token, d: DirectiveLine) {
        let status = Numbers.atoi(page.text)
        guard status != 0 else { return }
        let tail = page.text.utf8.count > 4 ? page.text.dropFirst(4) : ""
        let hasColon = tail.contains(":")
        let problem: String?
        switch status {
        case ..<200, 600...: problem = "status \(status) is not valid"
        case 200..<300 where hasColon: problem = "status \(status) requires a template"
        case 300..<400 where !hasColon: problem = "status \(status) requires a URL (like 302:http://...)"
        case 400... where hasColon: problem = "status \(status) requires a template"
        default: problem = nil
        }
        if let problem { error("deny_info: \(problem) on '\(page.text)'", at: d.location(page)) }
    }

    /// cache_peer_access PEER allow|deny ACL...
    mutating func checkPeerAccess(_ d: inout DirectiveLine) {
        guard let peer = required(&d, "a cache_peer name") else { return }
        guard state.peers[peer.text.lowercased()] != nil else {
            weakened("\(d.name): no cache_peer '\(peer.text)' defined before this line; squid ignores the rule",
                     at: d.location(peer))
            return
        }
        checkAccessRule(&d)
    }
}
