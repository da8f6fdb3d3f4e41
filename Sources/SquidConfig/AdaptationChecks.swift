/// ICAP/eCAP services and the directives that name them, and `note`/`adaptation_meta`.
extension ConfigWalker {
    /// icap_service|ecap_service ID VECTORING_POINT URI [name=value...]
    mutating func checkAdaptationService(_ d: inout DirectiveLine) {
        guard let id = required(&d, "a service name") else { return }
        state.adaptationServices.insert(id.text)
        guard let point = d.words.next() else {
            error("\(d.name): missing vectoring point in adaptation service definition", at: d.endLocation)
            return
        }
        let lower = point.text.lowercased()
        let method = lower.hasPrefix("reqmod") || lower.hasPrefix("respmod")
        let where_ = point.text.split(separator: "_", maxSplits: 1).last.map(String.init) ?? point.text
        guard method || where_ == "precache" || where_ == "postcache" else {
            error("\(d.name): unknown vectoring point '\(point.text)' (e.g. reqmod_precache, respmod_precache)",
                  at: d.location(point))
            return
        }
        var seen: Set<String> = []
        var sawURI = false
        let isICAP = d.spec.type == .icap_service_type
        while let option = d.words.next() {
            var name = option.text, value = ""
            if option.text == "0" || option.text == "1" {
                name = "bypass"
                value = option.text
            } else if let equals = option.text.firstIndex(of: "="), !option.text[..<equals].contains("://") {
                name = String(option.text[..<equals])
                value = String(option.text[option.text.index(after: equals)...])
            } else {
                name = "uri"
                value = option.text
            }
            guard seen.insert(name).inserted else {
                error("\(d.name): duplicate option \"\(name)\"", at: d.location(option))
                return
            }
            switch name {
            case "bypass", "routing", "ipv6", "connection-encryption":
                if !["0", "1", "on", "off"].contains(value) {
                    error("\(d.name): '\(name)' must be on or off, not '\(value)'", at: d.location(option))
                }
            case "uri":
                guard Self.isServiceURI(value) else {
                    error("\(d.name): malformed service URI '\(value)' (expected like icap://host:port/path)",
                          at: d.location(option))
                    return
                }
                sawURI = true
            case "max-conn":
                if Numbers.decimal(Substring(value)) == nil {
                    error("\(d.name): '\(option.text)' needs a number", at: d.location(option))
                }
            case "on-overload":
                if !["block", "bypass", "wait", "force"].contains(value) {
                    error("\(d.name): unknown on-overload value '\(value)'", at: d.location(option))
                }
            case _ where name.hasPrefix("ssl") || name.hasPrefix("tls-"):
                warning("\(d.name): option '\(name)' requires squid built with OpenSSL; ignored", at: d.location(option))
            default:
                if isICAP { error("\(d.name): unknown option '\(name)'", at: d.location(option)) }
            }
        }
        if !sawURI { error("\(d.name): no \"uri\" in adaptation service definition", at: d.endLocation) }
    }

    /// ServiceConfig::grokUri: SCHEME://HOST[:PORT]/PATH (a '/' after the host is required).
    private static func isServiceURI(_ uri: String) -> Bool {
        guard let schemeEnd = uri.firstRange(of: "://"), schemeEnd.lowerBound > uri.startIndex else { return false }
        var rest = uri[schemeEnd.upperBound...]
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return false }
            rest = rest[close...]
        }
        guard let end = rest.firstIndex(where: { $0 == ":" || $0 == "/" }) else { return false }
        if rest[end] == ":" {
            let afterColon = rest[rest.index(after: end)...]
            guard let slash = afterColon.firstIndex(of: "/") else { return false }
            if let port = UInt64(afterColon[..<slash]), port > 65535 { return false }
        }
        return true
    }

    /// adaptation_service_set|adaptation_service_chain NAME SERVICE...
    mutating func checkAdaptationGroup(_ d: inout DirectiveLine) {
        guard let name = d.words.next() else {
            warning("\(d.name): missing the group name; squid ignores the line", at: d.endLocation)
            return
        }
        state.adaptationServices.insert(name.text)
        _ = d.words.remaining()
    }

    /// adaptation_access SERVICE allow|deny ACL...
    mutating func checkAdaptationAccess(_ d: inout DirectiveLine) {
        guard let service = required(&d, "a service or group name") else { return }
        if !state.adaptationServices.contains(service.text) {
            weakened("\(d.name): unknown adaptation service or group name '\(service.text)'", at: d.location(service))
        }
        checkAccessRule(&d)
    }

    /// note|adaptation_meta NAME VALUE [ACL...]
    mutating func checkNote(_ d: inout DirectiveLine) {
        guard let key = required(&d, "a name") else { return }
        if ACLTypes.reservedNoteKeys.contains(key.text) {
            error("\(d.name): '\(key.text)' is a reserved annotation name", at: d.location(key))
            return
        }
        guard d.words.nextQuoted() != nil else {
            error("\(d.name): missing value", at: d.endLocation)
            return
        }
        checkACLList(&d)
    }
}
