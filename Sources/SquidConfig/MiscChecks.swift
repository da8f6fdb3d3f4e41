/// Single directives with their own syntax: logformat, wccp2 services, cpu_affinity_map, ...
extension ConfigWalker {
    /// logformat NAME FORMAT (the %codes are checked).
    mutating func checkLogformat(_ d: inout DirectiveLine) {
        if let name = required(&d, "a format name") { state.logformats.insert(name.text) }
        guard let format = d.words.restOfLine() else {
            error("\(d.name): missing the format", at: d.endLocation)
            return
        }
        if let problem = LogFormat.problem(inFormat: format.text) {
            let at = format.quoted ? format : Token(text: "", offset: format.offset + problem.offset)
            error("logformat: \(problem.message)", at: d.location(at))
        }
    }

    /// pinger_program PATH [ARGS]
    mutating func checkProgram(_ d: inout DirectiveLine) {
        _ = required(&d, "a program")
        _ = d.words.remaining()
    }

    /// icap_service_failure_limit N [in TIME]
    mutating func checkICAPFailureLimit(_ d: inout DirectiveLine) {
        checkInteger(&d)
        guard let word = d.words.next() else { return }
        guard word.text == "in" else {
            error("\(d.name): expecting 'in' before the time, got '\(word.text)'", at: d.location(word))
            return
        }
        checkTime(&d)
    }

    /// wccp2_service standard|dynamic ID [password=...]
    mutating func checkWCCP2Service(_ d: inout DirectiveLine) {
        guard let kind = required(&d, "'standard' or 'dynamic'") else { return }
        guard kind.text == "standard" || kind.text == "dynamic" else {
            error("\(d.name): bad service type '\(kind.text)' (expected standard or dynamic)", at: d.location(kind))
            return
        }
        if let id = required(&d, "a service id"), let value = integer(id, in: d), kind.text == "dynamic" {
            state.wccp2DynamicServices.insert(value)
        }
        _ = d.words.remaining()
    }

    /// wccp2_service_info ID options...: ID must be an earlier `wccp2_service dynamic ID`.
    mutating func checkWCCP2ServiceInfo(_ d: inout DirectiveLine) {
        guard let id = required(&d, "a service id"), let value = integer(id, in: d, base0: false) else { return }
        if !state.wccp2DynamicServices.contains(value) {
            error("\(d.name): unknown dynamic service id \(value): define it first with 'wccp2_service dynamic \(value)'",
                  at: d.location(id))
        }
        _ = d.words.remaining()
    }

    /// wccp2_router and friends: a list of HOST[:PORT].
    mutating func checkAddressList(_ d: inout DirectiveLine) {
        for token in d.words.remaining() { checkHostWithPort(token, d: d) }
    }

    /// cpu_affinity_map process_numbers=P1,P2,... cores=C1,C2,... (same length, all > 0).
    mutating func checkCPUAffinityMap(_ d: inout DirectiveLine) {
        var lists: [String: [Int64]] = [:]
        for key in ["process_numbers", "cores"] {
            guard let token = required(&d, "\(key)=...") else { return }
            guard token.text.hasPrefix(key + "=") else {
                error("\(d.name): bad '\(key)' parameter", at: d.location(token))
                return
            }
            lists[key] = token.text.dropFirst(key.count + 1).split(separator: ",", omittingEmptySubsequences: false)
                .map { Numbers.decimal($0) ?? 0 }
        }
        let processes = lists["process_numbers"] ?? [], cores = lists["cores"] ?? []
        if processes.count != cores.count || (processes + cores).contains(where: { $0 <= 0 }) {
            error("\(d.name): process_numbers and cores lists differ in length or contain numbers <= 0", at: d.location(nil))
        }
    }
}
