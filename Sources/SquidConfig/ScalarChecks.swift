import Diagnostics
/// Booleans, numbers, sizes, times and plain words: cf.data's scalar types.
extension ConfigWalker {
    /// The next word, or an error "missing value" at the end of the line.
    mutating func required(_ d: inout DirectiveLine, _ what: String = "a value") -> Token? {
        if let token = d.words.next() { return token }
        error("\(d.name): missing \(what)", at: d.endLocation)
        return nil
    }

    /// A required word (cf.data `string`); `append_domain` must start with '.'.
    mutating func checkString(_ d: inout DirectiveLine) {
        let value = required(&d)
        if d.spec.name == "append_domain", let value, !value.text.hasPrefix(".") {
            error("append_domain must begin with a '.'", at: d.location(value))
        }
    }

    /// The rest of the line, which must not be empty (cf.data `eol`).
    mutating func checkRestOfLine(_ d: inout DirectiveLine) {
        if d.words.restOfLine() == nil { error("\(d.name): missing a value", at: d.endLocation) }
    }

    /// configuration_includes_quoted_values on|off: switches how later lines are split.
    mutating func checkQuotedValuesSwitch(_ d: inout DirectiveLine) {
        let value = d.words.peek()?.text
        checkOnOff(&d)
        state.quotedValues = value == "on" || value == "enable"
    }

    /// pipeline_prefetch N (or the deprecated on/off).
    mutating func checkPipelinePrefetch(_ d: inout DirectiveLine) {
        if let next = d.words.peek(), next.text == "on" || next.text == "off" {
            _ = d.words.next()
        } else {
            checkInteger(&d)
        }
    }

    /// workers N: remembered for the SMP checks after parsing.
    mutating func checkWorkers(_ d: inout DirectiveLine) {
        guard let token = required(&d, "a number") else { return }
        if let value = integer(token, in: d) { state.workers = value }
    }

    /// A size in bytes; the two request-size limits are remembered for the check after parsing.
    mutating func checkRequestSize(_ d: inout DirectiveLine) {
        let value = checkBytes(&d, defaultUnit: "bytes", unsigned: true)
        if d.spec.name == "client_request_buffer_max_size" || d.spec.name == "request_header_max_size" {
            state.requestSizes[d.spec.name] = value.map { ($0, d.location(nil)) }
        }
    }

    mutating func checkOnOff(_ d: inout DirectiveLine, allowWarn: Bool = false) {
        guard let token = required(&d, allowWarn ? "'on', 'off' or 'warn'" : "'on' or 'off'") else { return }
        switch token.text {
        case "on", "off": break
        case "warn" where allowWarn: break
        case "enable", "disable":
            warning("'\(token.text)' is deprecated; use '\(token.text == "enable" ? "on" : "off")'", at: d.location(token))
        default:
            let choices = allowWarn ? "'on', 'off', or 'warn'" : "'on' or 'off'"
            error("\(d.name): invalid value '\(token.text)': must be \(choices)", at: d.location(token))
        }
    }

    /// GetInteger: strtoll with base 0, must fit an int.
    mutating func checkInteger(_ d: inout DirectiveLine, minimum: Int64? = nil) {
        guard let token = required(&d, "a number") else { return }
        _ = integer(token, in: d, minimum: minimum)
    }

    mutating func integer(_ token: Token, in d: DirectiveLine, base0: Bool = true, minimum: Int64? = nil,
                          maximum: Int64 = Int64(Int32.max)) -> Int64? {
        let value = base0 ? Numbers.cInteger(token.text) : Numbers.decimal(Substring(token.text))
        guard let value else {
            error("\(d.name): '\(token.text)' is not a number", at: d.location(token))
            return nil
        }
        if value > maximum || value < Int64(Int32.min) {
            error("\(d.name): '\(token.text)' is too large", at: d.location(token))
            return nil
        }
        if let minimum, value < minimum {
            error("\(d.name): '\(token.text)' must be at least \(minimum)", at: d.location(token))
            return nil
        }
        return value
    }

    mutating func checkInt64(_ d: inout DirectiveLine) {
        guard let token = required(&d, "a number") else { return }
        if Numbers.decimal(Substring(token.text)) == nil {
            error("\(d.name): '\(token.text)' is not a number", at: d.location(token))
        }
    }

    /// GetShort: a decimal 0..65535.
    mutating func checkUShort(_ d: inout DirectiveLine) {
        guard let token = required(&d, "a port number") else { return }
        _ = port(token, in: d)
    }

    mutating func port(_ token: Token, in d: DirectiveLine, text: Substring? = nil) -> Int64? {
        let word = text ?? Substring(token.text)
        guard let value = Numbers.decimal(word) else {
            error("\(d.name): '\(word)' is not a number", at: d.location(token))
            return nil
        }
        guard value >= 0, value <= 65535 else {
            error("\(d.name): '\(word)' is not a port number (0-65535)", at: d.location(token))
            return nil
        }
        return value
    }

    /// parseBytesLine: NUMBER [UNIT]; `none` and `-1` mean unlimited; the unit is matched
    /// by case-insensitive prefix (bytes, KB, MB, GB).
    /// Returns the size in bytes (infinity for `none`), or nil when it is bad.
    @discardableResult
    mutating func checkBytes(
        _ d: inout DirectiveLine, defaultUnit: String, signed: Bool = false, unsigned: Bool = false
    ) -> Double? {
        guard let token = required(&d, "a size") else { return nil }
        if token.text == "none" || token.text == "-1" || (signed && token.text.hasPrefix("-")) { return .infinity }
        guard let value = Numbers.cDouble(token.text) else {
            error("\(d.name): '\(token.text)' is not a number", at: d.location(token))
            return nil
        }
        if value == 0 { return 0 }
        let base = Units.bytes(defaultUnit) ?? 1
        var multiplier = base
        if let unit = d.words.next() {
            guard let bytes = Units.bytes(unit.text) else {
                error("\(d.name): unknown size unit '\(unit.text)' (use bytes, KB, MB or GB)", at: d.location(unit))
                return nil
            }
            multiplier = bytes
        } else {
            warning("\(d.name): no unit on '\(token.text)', assuming \(defaultUnit)", at: d.location(token))
        }
        // squid stores the value in whole default units and rejects anything that does not fit exactly
        let stored = value * multiplier / base
        if stored != stored.rounded(.towardZero) || abs(stored) >= 9.2e18 || (stored < 0 && unsigned) {
            error("\(d.name): '\(token.text)' is not a whole number of \(defaultUnit) (or is too large)", at: d.location(token))
            return nil
        }
        return value * multiplier
    }

    /// parseTimeLine: NUMBER UNIT (a unit is required unless the number is 0).
    mutating func checkTime(_ d: inout DirectiveLine, minimumUnit: Double = 1) {
        guard let token = required(&d, "a time") else { return }
        _ = time(token, in: &d, minimumUnit: minimumUnit)
    }

    /// Checks a time value whose number is `token`, consuming its unit; the seconds or nil.
    mutating func time(_ token: Token, in d: inout DirectiveLine, minimumUnit: Double = 1) -> Double? {
        guard let value = Numbers.cDouble(token.text) else {
            error("\(d.name): '\(token.text)' is not a number", at: d.location(token))
            return nil
        }
        if value == 0 { return 0 }
        guard let unit = d.words.peek() else {
            error("\(d.name): missing time unit after '\(token.text)'", at: d.endLocation)
            return nil
        }
        guard let seconds = Units.seconds(unit.text) else {
            var message = "\(d.name): unknown time unit '\(unit.text)'"
            if let guess = Suggestions.unit(for: unit.text, in: Units.timeUnitNames)
                ?? Suggestions.closest(to: unit.text, in: Units.timeUnitNames.map { $0 + "s" })
            {
                message += "; did you mean '\(guess)'?"
            }
            error(message, at: d.location(unit))
            return nil
        }
        _ = d.words.next()
        if seconds < minimumUnit {
            error("\(d.name): time unit '\(unit.text)' is too small here", at: d.location(unit))
            return nil
        }
        if value < 0 {
            error("\(d.name): time must have a positive value", at: d.location(token))
            return nil
        }
        if value * seconds > 9_223_372_036 {
            error("\(d.name): time values cannot exceed 292 years", at: d.location(token))
            return nil
        }
        if value * seconds < minimumUnit {
            error("\(d.name): time value '\(token.text)' is too small here", at: d.location(token))
            return nil
        }
        return value * seconds
    }

    /// One of `choices`, exactly.
    mutating func checkKeyword(_ d: inout DirectiveLine, _ choices: [String], prefixes: [String] = []) {
        guard let token = required(&d, "one of " + choices.joined(separator: ", ")) else { return }
        if choices.contains(token.text) || prefixes.contains(where: { token.text.hasPrefix($0) }) { return }
        error("\(d.name): invalid value '\(token.text)': must be one of \(choices.joined(separator: ", "))",
              at: d.location(token))
    }
}
