/// How ldirectord tests a number: `$1 =~ /(\d+)/` plus a condition on the digits.
enum NumberRule {
    /// `&& $1 && $1 > 0`: the first digits are a number above 0.
    case positive
    /// `&& $1`: the first digits are not the string "0" (so "00" passes).
    case nonZero
    /// Just a run of digits.
    case digits
}

/// The value tests ldirectord repeats for many directives.
extension Reporter {
    /// `($1 eq "yes" || $1 eq "no")`: the whole rest of the line must be the word.
    @discardableResult
    mutating func yesNo(_ assignment: Assignment) -> String? {
        let value = assignment.value
        if value.equals("yes") || value.equals("no") { return value.text }
        let name = assignment.name.text
        let word = value.firstRun(of: .nonSpace)
        let hint: String
        if let word, word.equals("yes") || word.equals("no") {
            let after = word.rest(in: value)
            if after.bytes.last == UInt8(ascii: "\r") {
                hint = "; the line ends with a carriage return (DOS line ends), which ldirectord compares too"
            } else if after.dropping(while: .space).bytes.first == UInt8(ascii: "#") {
                hint = "; ldirectord does not strip a comment after the value here"
            } else if !after.hasNonSpace {
                hint = "; ldirectord compares the whole rest of the line, so the trailing white space counts"
            } else {
                hint = ""
            }
        } else if let word, ["yes", "no"].contains(word.text.lowercased()) {
            hint = "; ldirectord is case-sensitive ('\(word.shown)' is not '\(word.text.lowercased())')"
        } else {
            hint = ""
        }
        error("\(name) must be 'yes' or 'no', not '\(value.shown)'\(hint)", at: assignment.valueOrName)
        return nil
    }

    /// A number tested the ldirectord way; `what` names it in messages. Returns the
    /// number read, or nil when ldirectord rejects the value.
    @discardableResult
    mutating func number(_ assignment: Assignment, _ rule: NumberRule, what: String) -> Int? {
        let value = assignment.value
        guard let digits = value.firstRun(of: .digit) else {
            error("\(what) must be a number, not '\(value.shown)'", at: assignment.valueOrName)
            return nil
        }
        let number = Int(digits.text) ?? Int.max
        switch rule {
        case .positive where number == 0, .nonZero where digits.equals("0"):
            error("\(what) must be greater than 0", at: digits)
            return nil
        case .nonZero where number == 0:
            misread("\(what) is 0; ldirectord rejects '0' but lets '\(digits.shown)' through", at: digits)
        default:
            break
        }
        ignored(around: digits, in: value)
        return number
    }

    /// A value that must be written in double quotes (`/^name\s*=\s*\"(.*)\"/`); nil and
    /// an error when it is not, or when it is empty and `allowEmpty` is false.
    mutating func quoted(_ assignment: Assignment, what: String, allowEmpty: Bool = false) -> Span? {
        guard let inner = assignment.quoted else {
            error("\(assignment.name.shown) must be written in double quotes (\(assignment.name.shown)=\"...\"); ldirectord does not recognise the line otherwise",
                  at: assignment.valueOrName)
            return nil
        }
        if inner.isEmpty, !allowEmpty {
            error("empty \(what)", at: assignment.value)
            return nil
        }
        if let after = assignment.afterQuote {
            ignoredTail(after)
        }
        return inner
    }

    /// `$1 =~ /(.+)/ or config_error(...)`: the value must not be empty.
    mutating func nonEmpty(_ value: Span, what: String, at fallback: Span) -> Bool {
        if value.isEmpty {
            error("missing \(what)", at: fallback)
            return false
        }
        return true
    }

    /// Reports the text an unanchored ldirectord pattern skips around `read` inside
    /// `outer`: ldirectord takes `read` and silently drops the rest. A trailing comment
    /// and white space are fine.
    mutating func ignored(around read: Span, in outer: Span) {
        let before = outer.slice(outer.range.lowerBound..<read.range.lowerBound)
        if before.hasNonSpace {
            misread("ldirectord reads '\(read.shown)' from '\(outer.trimmingEnd(.space).shown)' and ignores '\(before.trimmingEnd(.space).shown)'", at: before)
        }
        ignoredTail(read.rest(in: outer), reading: read, in: outer)
    }

    /// Reports text after what ldirectord reads (unless white space or a comment).
    mutating func ignoredTail(_ tail: Span, reading read: Span? = nil, in outer: Span? = nil) {
        let rest = tail.dropping(while: .space).trimmingEnd(.space)
        guard !rest.isEmpty, rest.bytes.first != UInt8(ascii: "#") else { return }
        if let read, let outer {
            misread("ldirectord reads '\(read.shown)' from '\(outer.trimmingEnd(.space).shown)' and ignores '\(rest.shown)'", at: rest)
        } else {
            misread("ldirectord ignores '\(rest.shown)' here", at: rest)
        }
    }
}
