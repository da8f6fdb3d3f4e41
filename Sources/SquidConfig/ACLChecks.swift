import Diagnostics

/// An ACL value and where it was written (the config line, or a line of an ACL file).
struct ACLValue {
    let text: String
    let location: SourceLocation
}

/// `acl NAME TYPE [options] VALUE...`: the definition of an ACL.
extension ConfigWalker {
    mutating func checkACLDefinition(_ d: inout DirectiveLine) {
        guard let nameToken = required(&d, "an ACL name") else { return }
        if nameToken.text.utf8.count >= 64 {
            error("acl: ACL name '\(nameToken.text)' is too long, max 63 characters", at: d.location(nameToken))
            return
        }
        guard let typeToken = required(&d, "an ACL type") else { return }
        var type = typeToken.text
        let key = ACLNames.key(nameToken.text)
        if let newName = ACLTypes.renamed[type] {
            warning("ACL type '\(type)' has been renamed to '\(newName)'", at: d.location(typeToken))
            type = newName
        } else if type == "proto" && nameToken.text == "manager" {
            warning("ACL 'manager' is now built in; remove this line", at: d.location(nameToken))
            return
        }
        guard let spec = ACLTypes.all[type] else {
            let why = ACLTypes.needsOpenSSL.contains(type) ? " (it needs squid built with OpenSSL)" : ""
            var message = "invalid ACL type '\(type)'\(why)"
            if why.isEmpty, let guess = Suggestions.closest(to: type, in: ACLTypes.all.keys.sorted()) {
                message += "; did you mean '\(guess)'?"
            }
            error(message, at: d.location(typeToken))
            if state.acls[key] == nil {
                state.acls[key] = ACLDefinition(name: nameToken.text, type: type, location: d.location(nameToken))
            }
            return
        }
        let isNew: Bool
        if let existing = state.acls[key] {
            isNew = false
            if existing.type != type {
                var notes: [Diagnostic] = []
                if existing.location.line > 0 {
                    let message = "ACL '\(existing.name)' was first defined here as '\(existing.type)'"
                    notes.append(.note(message, at: existing.location))
                } else {
                    let message = "'\(existing.name)' is a built-in ACL of type '\(existing.type)'"
                    notes.append(.note(message, at: d.location(nameToken)))
                }
                error("ACL '\(nameToken.text)' already exists with a different type ('\(existing.type)', not '\(type)')",
                      at: d.location(typeToken), notes: notes)
                return
            }
        } else {
            isNew = true
            state.acls[key] = ACLDefinition(name: nameToken.text, type: type, location: d.location(nameToken))
            if !state.pendingUses.isEmpty, let use = state.pendingUses.removeValue(forKey: key) {
                error("ACL '\(nameToken.text)' is used before it is defined", at: use.location,
                      notes: [.note("ACL '\(nameToken.text)' is defined here, after its first use", at: d.location(nameToken))])
            }
        }
        var ignoreCase = false
        guard checkACLOptions(&d, spec: spec, ignoreCase: &ignoreCase) else { return }
        let values = aclValues(&d)
        checkACLValues(values, kind: spec.kind, type: type, ignoreCase: ignoreCase, d: &d)
        if isNew && (type == "proxy_auth" || type == "proxy_auth_regex")
            && !state.authSchemes.values.contains(where: \.configured) {
            error("can't use proxy auth because no authentication scheme is fully configured "
                  + "(auth_param with program, children and realm) before this line", at: d.location(typeToken))
        }
    }

    /// Leading `-x`/`+x` words: options the type supports, or an error.
    private mutating func checkACLOptions(_ d: inout DirectiveLine, spec: ACLTypeSpec, ignoreCase: inout Bool) -> Bool {
        while let next = d.words.peek(), next.text.hasPrefix("-") || next.text.hasPrefix("+") {
            if spec.kind == .regex || spec.kind == .user || spec.kind == .header {
                if next.text == "-i" || next.text == "+i" {
                    // regex data reads these flags itself, between patterns
                    if spec.kind != .header { return true }
                }
            }
            _ = d.words.next()
            if next.text == "--" { return true }
            if next.text.count < 2 {
                error("acl: truncated ACL flag '\(next.text)'", at: d.location(next))
                return false
            }
            let name = String(next.text.prefix { $0 != "=" })
            let letters: [String] = name.hasPrefix("--") || name.count == 2
                ? [name] : name.dropFirst().map { "\(name.prefix(1))\($0)" }
            for option in letters where !spec.options.contains(option) {
                error("acl: unsupported ACL option '\(option)'", at: d.location(next))
                return false
            }
            if letters.contains("-i") { ignoreCase = true }
        }
        return true
    }

    /// The ACL's values, with `"/path/file"` words replaced by the file's lines (squid's strtokFile).
    mutating func aclValues(_ d: inout DirectiveLine) -> [ACLValue] {
        var values: [ACLValue] = []
        while let token = d.words.next() {
            let fileName: String?
            if token.parametersFile {
                fileName = token.text
            } else if !d.words.quotedValues, let quote = token.text.first, quote == "\"" || quote == "'" {
                fileName = String(token.text.dropFirst().prefix { $0 != "\"" && $0 != "'" })
            } else {
                fileName = nil
            }
            guard let fileName else {
                values.append(ACLValue(text: token.text, location: d.location(token)))
                continue
            }
            let matches = files.expand(fileName)
            guard let file = matches.first(where: { $0.path == fileName }) ?? matches.first else {
                if token.parametersFile {
                    error("cannot open '\(fileName)' for reading parameters", at: d.location(token))
                } else {
                    weakened(
                        "cannot open ACL file '\(fileName)': squid would make this ACL empty where it is missing; "
                            + ConfigWalker.notHere(fileName), at: d.location(token))
                }
                if !token.parametersFile { break }  // squid stops reading the line here
                continue
            }
            var number = 0
            for raw in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                let line = Self.aclFileLine(raw)
                if line.isEmpty { continue }
                if token.parametersFile {
                    for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                        values.append(ACLValue(text: String(word), location: SourceLocation(path: file.path, line: number)))
                    }
                } else {
                    values.append(ACLValue(text: String(line), location: SourceLocation(path: file.path, line: number)))
                }
            }
            if !token.parametersFile { break }  // squid reads nothing after a file on the same line
        }
        return values
    }

    /// What squid takes from one line of an ACL file: the words up to the first word that
    /// starts with '#', as one value; comment and blank lines give nothing.
    private static func aclFileLine(_ raw: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        var line = raw.drop(while: isSpace)
        if line.first == "#" { return "" }
        var previous: Character = " "
        if let comment = line.indices.first(where: { index in
            defer { previous = line[index] }
            return line[index] == "#" && isSpace(previous)
        }) {
            line = line[..<comment]
        }
        while let last = line.last, isSpace(last) { line.removeLast() }
        return line
    }

    private mutating func checkACLValues(_ values: [ACLValue], kind: ACLValueKind, type: String, ignoreCase: Bool,
                                         d: inout DirectiveLine) {
        switch kind {
        case .ip:
            for value in values { checkIPValue(value) }
        case .intRange:
            for value in values {
                let parts = value.text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
                let numbers = parts.map { Numbers.decimal($0) }
                if numbers.contains(where: { $0 == nil || $0.map { $0 < 0 || $0 > 65535 } == true }) {
                    error("acl \(type): invalid port value '\(value.text)'", at: value.location)
                } else if numbers.count == 2, let low = numbers[0], let high = numbers[1], high < low {
                    error("acl \(type): reversed port range '\(value.text)'", at: value.location)
                }
            }
        case .httpStatus:
            break  // squid reads status codes with atoi: anything goes
        case .time: checkTimeSpec(values, d: d)
        case .regex: checkRegexes(values, ignoreCase: ignoreCase)
        case .header:
            guard !values.isEmpty else {
                warning("acl \(type): missing header name; the ACL is empty", at: d.endLocation)
                return
            }
            checkRegexes(Array(values.dropFirst()), ignoreCase: ignoreCase)
        case .domain: checkDomains(values)
        case .hierCode:
            for value in values where !ACLTypes.hierCodes.contains(value.text) {
                error("acl hier_code: no such hier_code '\(value.text)'", at: value.location)
            }
        case .maxconn:
            if (values.first.map { Numbers.atoi($0.text) } ?? 0) <= 0 {
                error("invalid ACL: maxconn needs a limit above 0", at: values.first?.location ?? d.endLocation)
            }
        case .maxUserIP:
            if (values.first.flatMap { Numbers.decimal(Substring($0.text)) } ?? 0) <= 0 {
                error("acl max_user_ip needs a maximum above 0", at: values.first?.location ?? d.endLocation)
            }
        case .random:
            guard let value = values.first else {
                error("invalid ACL: random needs a probability", at: d.endLocation)
                return
            }
            if !Self.isRandomPattern(value.text) {
                error("acl random: bad pattern '\(value.text)'", at: value.location)
            }
        case .has:
            guard let value = values.first else {
                error("acl has: argument missing", at: d.endLocation)
                return
            }
            if values.count > 1 {
                error("acl has: multiple components are not supported", at: values[1].location)
            } else if !["request", "response", "ALE"].contains(value.text) {
                error("acl has: unsupported component '\(value.text)'", at: value.location)
            }
        case .external:
            guard let helper = values.first else {
                error("acl external: missing the external_acl_type name", at: d.endLocation)
                return
            }
            if !state.externalACLTypes.contains(helper.text) {
                error("acl external: '\(helper.text)' is not defined by an earlier external_acl_type", at: helper.location)
            }
        case .adaptationService:
            for value in values where !state.adaptationServices.contains(value.text) {
                error("acl adaptation_service: service or group '\(value.text)' is not defined", at: value.location)
            }
        case .connMark:
            if values.isEmpty { error("acl \(type) requires at least one mark", at: d.endLocation) }
            for value in values where !Self.isMark(value.text) {
                error("acl \(type): invalid mark '\(value.text)' (use mark[/mask])", at: value.location)
            }
        case .aclNames:
            for value in values { useACL(value.text, at: value.location) }
        case .annotation:
            checkAnnotations(values, type: type, d: d)
        case .note:
            if values.isEmpty { error("acl note: missing the annotation name", at: d.endLocation) }
        case .asNumber:
            break  // squid reads AS numbers with atoi
        case .transactionInitiator:
            for value in values where !ACLTypes.transactionInitiators.contains(value.text) {
                error("acl transaction_initiator: invalid value '\(value.text)'", at: value.location)
                break
            }
        case .ethernet, .eui64:
            for value in values where !Self.isHardwareAddress(value.text, groups: kind == .ethernet ? 6 : 8) {
                warning("acl \(type): ignoring invalid address '\(value.text)'", at: value.location)
            }
        case .proto:
            let known: Set<String> = ["HTTP", "HTTPS", "FTP", "GOPHER", "WAIS", "CACHE_OBJECT", "ICP", "HTCP", "URN",
                                      "WHOIS", "ICY", "TLS", "SSL", "AUTHORITY", "NONE", "COAP", "COAPS"]
            for value in values where !known.contains(value.text.uppercased()) {
                warning("acl proto: ignoring unknown protocol '\(value.text)'", at: value.location)
            }
        case .method, .string, .user, .squidError, .noValue:
            break
        }
    }

    /// Notes::parseKvPair: at least one key=value pair, none with a reserved name.
    private mutating func checkAnnotations(_ values: [ACLValue], type: String, d: DirectiveLine) {
        let pairs = KeyValuePairs.parse(values.map(\.text))
        for pair in pairs {
            let name = pair.key.hasSuffix("+") ? String(pair.key.dropLast()) : pair.key
            if ACLTypes.reservedNoteKeys.contains(name) {
                error("acl \(type): '\(name)' is a reserved annotation name", at: values[pair.index].location)
                return
            }
        }
        if pairs.isEmpty {
            error("acl \(type): missing annotation key=value pair", at: values.first?.location ?? d.endLocation)
        }
    }

    private static func isRandomPattern(_ text: String) -> Bool {
        if let slash = text.firstIndex(of: ":") ?? text.firstIndex(of: "/") {
            let a = text[..<slash], b = text[text.index(after: slash)...]
            return Numbers.decimal(a) != nil && Numbers.decimal(b) != nil
        }
        guard let value = Double(text) else { return false }
        return value > 0 && value < 1
    }

    private static func isHardwareAddress(_ text: String, groups: Int) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == groups && parts.allSatisfy { !$0.isEmpty && $0.count <= 2 && UInt8($0, radix: 16) != nil }
    }
}
