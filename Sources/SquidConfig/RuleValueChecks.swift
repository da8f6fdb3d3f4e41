/// Directives that take a value and then an ACL list (`tcp_outgoing_address ADDR ACL...`),
/// and header mangling.
extension ConfigWalker {
    mutating func checkAddressRule(_ d: inout DirectiveLine) {
        checkAddress(&d)
        checkACLList(&d)
    }

    /// tcp_outgoing_tos TOS ACL...: an unsigned value up to 255.
    mutating func checkTOSRule(_ d: inout DirectiveLine) {
        if let token = required(&d, "a TOS value"), Numbers.cInteger(token.text).map({ $0 < 0 || $0 > 255 }) ?? true {
            error("\(d.name): '\(token.text)' is not a TOS value (0-255)", at: d.location(token))
        }
        checkACLList(&d)
    }

    /// tcp_outgoing_mark / mark_client_packet MARK[/MASK] ACL...
    mutating func checkMarkRule(_ d: inout DirectiveLine) {
        if let token = required(&d, "a mark"), !Self.isMark(token.text) {
            error("\(d.name): invalid mark '\(token.text)' (use mark[/mask])", at: d.location(token))
        }
        checkACLList(&d)
    }

    /// reply_body_max_size SIZE ACL...
    mutating func checkSizeRule(_ d: inout DirectiveLine) {
        checkBytes(&d, defaultUnit: "bytes")
        checkACLList(&d)
    }

    /// Ip::NfMarkConfig: MARK[/MASK], each an unsigned 32-bit C integer.
    static func isMark(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { part in Numbers.cInteger(String(part)).map { $0 >= 0 && $0 <= 0xFFFF_FFFF } ?? false }
    }

    /// request_header_add NAME VALUE ACL...
    mutating func checkHeaderAdd(_ d: inout DirectiveLine) {
        guard required(&d, "a header name") != nil, d.words.nextQuoted() != nil else {
            error("\(d.name): missing the header value", at: d.endLocation)
            return
        }
        checkACLList(&d)
    }

    /// request_header_access NAME allow|deny ACL... (squid ignores a line without a name).
    mutating func checkHeaderAccess(_ d: inout DirectiveLine) {
        guard d.words.next() != nil else {
            warning("\(d.name): missing header name; squid ignores the line", at: d.endLocation)
            return
        }
        checkAccessRule(&d)
    }

    /// request_header_replace NAME VALUE (squid crashes when the value is missing).
    mutating func checkHeaderReplace(_ d: inout DirectiveLine) {
        guard d.words.next() != nil else {
            warning("\(d.name): missing header name; squid ignores the line", at: d.endLocation)
            return
        }
        if d.words.restOfLine() == nil { error("\(d.name): missing the replacement value", at: d.endLocation) }
    }

    /// ftp_epsv on|off, or ftp_epsv allow|deny ACL... (the two forms must not be mixed).
    mutating func checkFTPEPSV(_ d: inout DirectiveLine) {
        guard let first = d.words.peek() else {
            error("\(d.name): missing 'on', 'off' or an access rule", at: d.endLocation)
            return
        }
        let deprecated = first.text == "on" || first.text == "off"
        if deprecated != state.ftpEpsvDeprecated && (state.ftpEpsvDeprecated || state.ftpEpsvRules) {
            error("ftp_epsv: do not mix 'ftp_epsv on|off' lines with 'ftp_epsv allow|deny ...' lines", at: d.location(first))
            return
        }
        if deprecated {
            _ = d.words.next()
            state.ftpEpsvDeprecated = true
        } else {
            state.ftpEpsvRules = true
            checkAccessRule(&d)
        }
    }

    /// on_unsupported_protocol tunnel|respond ACL...
    mutating func checkUnsupportedProtocol(_ d: inout DirectiveLine) {
        guard let action = required(&d, "'tunnel' or 'respond'") else { return }
        guard action.text == "tunnel" || action.text == "respond" else {
            error("\(d.name): unknown mode '\(action.text)' (use 'tunnel' or 'respond')", at: d.location(action))
            return
        }
        checkACLList(&d)
    }

    /// http_upgrade_request_protocols PROTOCOL allow|deny ACL...
    mutating func checkUpgradeProtocol(_ d: inout DirectiveLine) {
        guard required(&d, "a protocol") != nil else { return }
        checkAccessRule(&d)
    }

    /// auth_schemes SCHEME[,SCHEME...] ACL...: the schemes are checked after parsing.
    mutating func checkAuthSchemes(_ d: inout DirectiveLine) {
        guard let schemes = d.words.nextQuoted() else {
            error("auth_schemes: missing the scheme list", at: d.endLocation)
            return
        }
        state.authSchemeLists.append((schemes.text, d.location(schemes)))
        checkACLList(&d)
    }
}
