import Diagnostics
/// The lines of a `virtual=` block (comments already cut, tabs widened), in
/// ldirectord's order of tests.
extension ConfigReader {
    mutating func readBlockLine(_ command: Span, into service: inout VirtualService) {
        guard let assignment = Assignment(command) else {
            reportUnknownBlockLine(command)
            return
        }
        let value = assignment.value
        let name = assignment.name.text
        switch name {
        case "real", "real6":
            if sameFamily(assignment.name, "real", service.family) {
                service.reals.append(value)
            }
        case "request", "receive", "login", "passwd", "database", "secret":
            _ = reporter.quoted(assignment, what: "\(name) string")
        case "load":
            if let text = reporter.quoted(assignment, what: "load string"), text.firstRun(of: .word) == nil {
                reporter.error("invalid load string '\(text.shown)'", at: text)
            }
        case "checktype":
            readCheckType(value, into: &service)
        case "checkcommand", "fallbackcommand":
            let text = assignment.quotedOrPlain
            if reporter.nonEmpty(text, what: "command for \(name)", at: assignment.valueOrName),
               name == "checkcommand" {
                service.checkCommand = text
            }
        case "monitorfile":
            readMonitorFile(assignment)
        case "checktimeout", "negotiatetimeout", "failurecount":
            reporter.number(assignment, .nonZero, what: name)
        case "checkinterval":
            reporter.number(assignment, .nonZero, what: name)
            blockCheckIntervals.append(assignment.name)
        case "checkcount":
            reporter.number(assignment, .nonZero, what: name)
            reporter.warning("checkcount is deprecated; use failurecount", at: assignment.name)
        case "connecttimeout":
            reporter.error("connecttimeout is no longer supported; use negotiatetimeout", at: assignment.name)
        case "checkport":
            if let port = reporter.number(assignment, .digits, what: "checkport"), !(1...65535).contains(port) {
                reporter.error("checkport must be in the range 1-65535", at: value)
            }
        case "scheduler":
            readScheduler(assignment)
        case "persistent":
            if reporter.number(assignment, .digits, what: "persistent timeout") != nil {
                service.hasPersistence = true
            }
        case "schedflags":
            if let flags = value.firstRun(of: .nonSpace) {
                reporter.ignored(around: flags, in: value)
            } else {
                reporter.error("missing scheduler flags", at: assignment.name)
            }
        case "netmask":
            readNetmask(assignment, family: service.family)
        case "protocol":
            readProtocol(assignment, into: &service)
        case "ops", "quiescent", "cleanstop":
            reporter.yesNo(assignment)
        case "service":
            readService(assignment, into: &service)
        case "httpmethod":
            let method = value.firstRun(of: .word)
            if let method, ["GET", "HEAD"].contains(method.text.uppercased()) {
                reporter.ignored(around: method, in: value)
            } else {
                reporter.error("httpmethod must be GET or HEAD, not '\(value.shown)'", at: assignment.valueOrName)
            }
        case "fallback", "fallback6":
            if sameFamily(assignment.name, "fallback", service.family) {
                service.fallback = FallbackServer(value, family: service.family, reporter: &reporter)
            }
        case "emailalert":
            reporter.emailAlert(assignment)
        case "emailalertfreq":
            reporter.emailAlertFrequency(assignment)
        case "emailalertstatus":
            reporter.emailAlertStatus(assignment)
        case "smtp":
            reporter.smtpServer(assignment)
        case "virtualhost", "servicename", "comment":
            break
        default:
            reportUnknownBlockLine(command)
        }
    }

    /// `real` in a virtual6 block or `real6` in a virtual block (and fallback likewise).
    private mutating func sameFamily(_ keyword: Span, _ base: String, _ family: AddressFamily) -> Bool {
        let wanted = family == .inet ? base : base + "6"
        guard keyword.equals(wanted) else {
            reporter.error("\(keyword.shown)= cannot be used in a \(family == .inet ? "virtual=" : "virtual6=") block; use \(wanted)=", at: keyword)
            return false
        }
        return true
    }

    /// `checktype`: a number anywhere in the value means "combined" (that many connect
    /// checks between negotiate checks); otherwise the first word must be a check type.
    private mutating func readCheckType(_ value: Span, into service: inout VirtualService) {
        if let digits = value.firstRun(of: .digit) {
            service.checkType = "combined"
            reporter.ignored(around: digits, in: value)
            return
        }
        guard let word = value.firstRun(of: .wordOrDash), Vocabulary.checkTypes.contains(word.text) else {
            let written = value.trimmingEnd(.space).text
            let hint = Vocabulary.checkTypes.contains(written.lowercased())
                ? " (check types are lower case)"
                : Suggestions.closest(to: written, in: Vocabulary.checkTypes.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            reporter.error("checktype must be connect, negotiate, ping, off, on, external, external-perl or a number, not '\(value.shown)'\(hint)",
                           at: value)
            return
        }
        service.checkType = word.text
        reporter.ignored(around: word, in: value)
    }

    /// `scheduler`: ldirectord takes the first run of lower-case letters and leaves the
    /// name to ipvsadm; unknown names are warned about here.
    private mutating func readScheduler(_ assignment: Assignment) {
        let value = assignment.value
        guard let name = value.firstRun(of: .lowercase) else {
            reporter.error("scheduler must be a lower-case name (wrr, wlc, ...), not '\(value.shown)'", at: assignment.valueOrName)
            return
        }
        reporter.ignored(around: name, in: value)
        if !Vocabulary.schedulers.contains(name.text) {
            let known = Vocabulary.schedulers.sorted().joined(separator: ", ")
            reporter.warning("unknown IPVS scheduler '\(name.shown)' (known: \(known)); ipvsadm will refuse it unless the kernel has it", at: name)
        }
    }

    /// `netmask`: a dotted quad for IPv4 (ldirectord tests only the shape), a prefix
    /// length 1-128 for IPv6.
    private mutating func readNetmask(_ assignment: Assignment, family: AddressFamily) {
        let value = assignment.value
        let text = value.bytes
        switch family {
        case .inet6:
            guard !text.isEmpty, text.allSatisfy(IPv4Text.isDigit), let length = Int(value.text), (1...128).contains(length) else {
                reporter.error("netmask of a virtual6 service must be a prefix length from 1 to 128, not '\(value.shown)'", at: assignment.valueOrName)
                return
            }
        case .inet:
            // /^\d+\.\d+\.\d+\.\d+$/
            func isDottedShape(_ bytes: ArraySlice<UInt8>) -> Bool {
                let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
                return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(IPv4Text.isDigit) }
            }
            guard isDottedShape(text) else {
                let trimmed = value.trimmingEnd(.space)
                let hint = trimmed.count < value.count && isDottedShape(trimmed.bytes)
                    ? " (ldirectord does not allow trailing blanks or a comment here)" : ""
                reporter.error("netmask must be a dotted quad such as 255.255.255.0, not '\(value.shown)'\(hint)", at: assignment.valueOrName)
                return
            }
            let mask = IPv4Text.isDottedQuad(text) ? IPv4Text.parse(text) : nil
            if let mask, (~mask) & (~mask &+ 1) == 0 {     // ones, then zeros
                return
            }
            reporter.misread("netmask '\(value.shown)' is not a valid mask (four numbers 0-255 whose bits are ones followed by zeros)", at: value)
        }
    }

    /// `protocol`: tcp or udp for an address, fwm for a firewall mark.
    private mutating func readProtocol(_ assignment: Assignment, into service: inout VirtualService) {
        let value = assignment.value
        guard let word = value.firstRun(of: .word) else {
            reporter.error("missing protocol", at: assignment.valueOrName)
            return
        }
        if service.protocolName == "fwm" {
            if !word.equals("fwm") {
                reporter.error("the protocol of a firewall-mark service must be fwm, not '\(word.shown)'", at: word)
                return
            }
        } else if word.equals("tcp") || word.equals("udp") {
            service.protocolName = word.text
        } else {
            reporter.error("protocol must be tcp or udp for an address:port service, not '\(word.shown)'\(word.equals("sctp") ? " (ldirectord 4.12 has no sctp)" : "")", at: word)
            return
        }
        reporter.ignored(around: word, in: value)
    }

    /// `service`: the check ldirectord runs for `checktype=negotiate`.
    private mutating func readService(_ assignment: Assignment, into service: inout VirtualService) {
        let value = assignment.value
        guard let word = value.firstRun(of: .word), Vocabulary.services.contains(word.text) else {
            let names = Vocabulary.services.sorted().joined(separator: ", ")
            reporter.error("service must be one of \(names); not '\(value.shown)'", at: assignment.valueOrName)
            return
        }
        service.service = word.text
        reporter.ignored(around: word, in: value)
    }

    /// `monitorfile`: ldirectord opens the file for appending while parsing; whether
    /// that works depends on the machine, so only an empty name is an error here.
    private mutating func readMonitorFile(_ assignment: Assignment) {
        let path = assignment.quotedOrPlain
        guard reporter.nonEmpty(path, what: "file name for monitorfile", at: assignment.valueOrName) else { return }
        if path.bytes.first != UInt8(ascii: "/") {
            reporter.warning("monitorfile '\(path.shown)' is relative; ldirectord opens it relative to its working directory", at: path)
        } else if path.bytes.last == UInt8(ascii: "/") {
            reporter.error("monitorfile '\(path.shown)' names a directory", at: path)
        }
    }

    /// A block line that is no directive ldirectord knows.
    private mutating func reportUnknownBlockLine(_ command: Span) {
        guard command.hasNonSpace else {
            reporter.error("a line of blanks only inside a virtual block; ldirectord rejects it (an empty line, or one of at most 4 blanks, ends the block)", at: command)
            return
        }
        guard let name = Assignment(command)?.name ?? command.firstRun(of: .wordOrDash) else {
            reporter.error("'\(command.shown)' is no directive", at: command)
            return
        }
        let word = name.text
        let shown = name.shown
        if Vocabulary.virtualDirectives.contains(word) {
            reporter.error("expected '\(shown)=value'", at: command)
        } else if Vocabulary.globalDirectives.contains(word) {
            reporter.error("'\(shown)' is a global directive; it cannot appear inside a virtual block (write it unindented, outside the block)", at: name)
        } else if let suggestion = Vocabulary.suggestion(for: word, among: Vocabulary.virtualDirectives) {
            reporter.error("unknown directive '\(shown)' in a virtual block; did you mean '\(suggestion)'?", at: name)
        } else {
            reporter.error("unknown directive '\(shown)' in a virtual block", at: name)
        }
    }
}
