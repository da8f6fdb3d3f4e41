/// Delay pools: `delay_pools N`, `delay_class POOL CLASS`, `delay_parameters POOL RATE...`,
/// `delay_access POOL allow|deny ACL...` and the client_delay_* forms.
extension ConfigWalker {
    /// Rates `delay_parameters` needs for each class (aggregate, network, individual, user; tag).
    private static let ratesPerClass = [1: 1, 2: 2, 3: 3, 4: 4, 5: 1]

    mutating func checkDelayPoolCount(_ d: inout DirectiveLine) {
        guard let token = required(&d, "the number of pools"), let count = port(token, in: d) else { return }
        if d.spec.type == .client_delay_pool_count {
            state.clientDelayPools = Int(count)
        } else {
            state.delayPools = Int(count)
        }
    }

    /// The pool number; nil (and reported) when squid would not use the line.
    private mutating func delayPool(_ d: inout DirectiveLine, count: Int) -> Int? {
        guard let token = required(&d, "a pool number"), let pool = port(token, in: d) else { return nil }
        guard pool >= 1 && Int(pool) <= count else {
            weakened("\(d.name): pool \(pool) is not in 1 .. \(count); squid ignores the line", at: d.location(token))
            return nil
        }
        return Int(pool)
    }

    mutating func checkDelayClass(_ d: inout DirectiveLine) {
        guard let pool = delayPool(&d, count: state.delayPools) else { return }
        guard let token = required(&d, "a class (1-5)"), let value = port(token, in: d) else { return }
        guard (1...5).contains(value) else {
            weakened("\(d.name): class \(value) is not in 1 .. 5; squid ignores the line", at: d.location(token))
            return
        }
        state.delayClasses[pool] = Int(value)
    }

    mutating func checkDelayRates(_ d: inout DirectiveLine) {
        guard let pool = delayPool(&d, count: state.delayPools) else { return }
        guard let delayClass = state.delayClasses[pool] else {
            weakened("\(d.name): pool \(pool) has no delay_class; squid ignores the line", at: d.location(nil))
            return
        }
        for _ in 0..<(Self.ratesPerClass[delayClass] ?? 1) {
            guard let rate = required(&d, "a rate (restore/max or none)") else { return }
            checkDelayRate(rate, d: d)
        }
    }

    mutating func checkClientDelayRates(_ d: inout DirectiveLine) {
        guard delayPool(&d, count: state.clientDelayPools) != nil else { return }
        for what in ["the speed limit", "the maximum bucket size"] {
            guard let token = required(&d, what) else { return }
            if Numbers.decimal(Substring(token.text)) == nil {
                error("\(d.name): '\(token.text)' is not a number", at: d.location(token))
            }
        }
    }

    mutating func checkDelayAccess(_ d: inout DirectiveLine, client: Bool) {
        guard delayPool(&d, count: client ? state.clientDelayPools : state.delayPools) != nil else { return }
        checkAccessRule(&d)
    }

    /// DelaySpec::parse: `none`, `-...`, or RESTORE/MAX.
    private mutating func checkDelayRate(_ rate: Token, d: DirectiveLine) {
        if rate.text == "none" || rate.text.hasPrefix("-") { return }
        let parts = rate.text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let maxDigits = parts.count == 2 ? parts[1].prefix { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") } : ""
        if parts.count != 2 || Numbers.decimal(parts[0]) == nil || Numbers.decimal(maxDigits) == nil {
            error("\(d.name): invalid delay rate '\(rate.text)': expecting restore/max or 'none'", at: d.location(rate))
        }
    }

    /// response_delay_pool NAME [individual-restore=N individual-maximum=N]
    /// [aggregate-restore=N aggregate-maximum=N] [initial-bucket-level=PERCENT]
    mutating func checkResponseDelayPool(_ d: inout DirectiveLine) {
        guard let name = required(&d, "a pool name") else { return }
        state.responseDelayPools.insert(name.text)
        var set: Set<String> = []
        let words = d.words.remaining()
        for pair in KeyValuePairs.parse(words.map(\.text)) {
            let location = d.location(words[pair.index])
            guard ["individual-restore", "individual-maximum", "aggregate-restore", "aggregate-maximum",
                   "initial-bucket-level"].contains(pair.key) else {
                error("\(d.name): unknown option '\(pair.key)'", at: location)
                return
            }
            let limit: ClosedRange<Int64> = pair.key == "initial-bucket-level" ? 0...65535 : Int64.min...Int64.max
            guard let value = Numbers.decimal(Substring(pair.value)), limit.contains(value) else {
                error("\(d.name): '\(pair.key)=\(pair.value)' needs a number", at: location)
                return
            }
            if value >= 0 { set.insert(pair.key) }
        }
        for prefix in ["individual", "aggregate"] where set.contains(prefix + "-restore") != set.contains(prefix + "-maximum") {
            error("\(d.name): use '\(prefix)-restore' and '\(prefix)-maximum' together", at: d.location(name))
        }
    }

    /// response_delay_pool_access NAME allow|deny ACL... (ignored for an unknown pool).
    mutating func checkResponseDelayPoolAccess(_ d: inout DirectiveLine) {
        guard let name = d.words.next() else {
            warning("\(d.name): missing the pool name; squid ignores the line", at: d.endLocation)
            return
        }
        guard state.responseDelayPools.contains(name.text) else {
            weakened("\(d.name): no response_delay_pool '\(name.text)' before this line; squid ignores the rule",
                     at: d.location(name))
            return
        }
        checkAccessRule(&d)
    }
}
