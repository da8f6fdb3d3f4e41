import Diagnostics

/// Lines outside `virtual=` blocks (ldirectord reads them raw: no comment stripping,
/// no tab expansion, the directive at the very start of the line).
extension ConfigReader {
    mutating func readGlobal(_ line: LineText) {
        let span = line.all
        if span.bytes.starts(with: "supervised".utf8) {
            readSupervised(span)
            return
        }
        guard let assignment = Assignment(span) else {
            reportUnknownGlobal(line)
            return
        }
        let value = assignment.value
        switch assignment.name.text {
        case "checktimeout":
            reporter.number(assignment, .positive, what: "checktimeout")
        case "negotiatetimeout":
            reporter.number(assignment, .positive, what: "negotiatetimeout")
        case "checkinterval", "failurecount":
            reporter.number(assignment, .nonZero, what: assignment.name.text)
        case "checkcount":
            reporter.number(assignment, .nonZero, what: "checkcount")
            reporter.warning("checkcount is deprecated; use failurecount", at: assignment.name)
        case "connecttimeout":
            reporter.error("connecttimeout is no longer supported; use negotiatetimeout", at: assignment.name)
        case "timeout":
            reporter.error("timeout is no longer supported; use checktimeout and negotiatetimeout", at: assignment.name)
        case "fallback", "fallback6":
            readGlobalFallback(assignment)
        case "fallbackcommand", "emailalertfrom", "maintenancedir":
            _ = reporter.nonEmpty(value, what: "value for \(assignment.name.shown)", at: assignment.name)
        case "fork":
            fork = reporter.yesNo(assignment) ?? fork
        case "autoreload", "quiescent", "readdquiescent", "cleanstop":
            reporter.yesNo(assignment)
        case "callback":
            _ = reporter.quoted(assignment, what: "callback", allowEmpty: true)
        case "logfile":
            if let path = reporter.quoted(assignment, what: "logfile", allowEmpty: true) {
                checkLogfile(path)
            }
        case "execute":
            if value.isEmpty {
                reporter.warning("execute names no configuration file", at: assignment.name)
            }
        case "emailalert":
            reporter.emailAlert(assignment)
        case "emailalertfreq":
            reporter.emailAlertFrequency(assignment)
        case "emailalertstatus":
            reporter.emailAlertStatus(assignment)
        case "smtp":
            reporter.smtpServer(assignment)
        default:
            reportUnknownGlobal(line)
        }
    }

    /// `fallback=` outside a block: the fallback of every service without its own, so
    /// ldirectord resolves its port for tcp and for udp.
    private mutating func readGlobalFallback(_ assignment: Assignment) {
        let family: AddressFamily = assignment.name.equals("fallback6") ? .inet6 : .inet
        let fallback = FallbackServer(assignment.value, family: family, reporter: &reporter)
        resolveFallback(fallback, protocols: ["tcp", "udp"], inheritedPort: nil)
    }

    /// `/^supervised/`: `supervised = yes|no`, or a bare `supervised` (deprecated).
    private mutating func readSupervised(_ span: Span) {
        if let assignment = Assignment(span), assignment.name.equals("supervised") {
            if assignment.value.equals("yes") || assignment.value.equals("no") {
                supervised = assignment.value.text
            } else {
                reporter.yesNo(assignment)
            }
        } else if !span.slice((span.range.lowerBound + 10)..<span.range.upperBound).hasNonSpace {
            supervised = "yes"
            reporter.warning("a bare 'supervised' is deprecated; write supervised=yes", at: span)
        } else {
            reporter.error("supervised must be 'yes' or 'no'", at: span)
        }
    }

    /// `logfile="..."`: an absolute path (ldirectord tests that it can append to it, which
    /// depends on the machine, so it is not checked here) or a syslog facility.
    private mutating func checkLogfile(_ path: Span) {
        if path.bytes.first == UInt8(ascii: "/") {
            let text = path.text
            if let exists = reporter.options.directoryExists, let slash = text.lastIndex(of: "/") {
                let directory = slash == text.startIndex ? "/" : String(text[..<slash])
                if !exists(directory) {
                    reporter.warning(
                        "logfile '\(path.shown)': directory '\(directory)' is neither in this commit nor on this director; "
                            + "ldirectord does not start where it cannot open its logfile, so make sure the nodes have it",
                        at: path)
                }
            }
            return
        }
        if supervised == "yes" { return }
        var facility = path.text.lowercased()
        if facility.hasPrefix("log_") { facility.removeFirst(4) }
        let numeric = !facility.isEmpty && facility.utf8.allSatisfy(IPv4Text.isDigit)
        if !numeric, !Vocabulary.syslogFacilities.contains(facility) {
            reporter.misread("logfile '\(path.shown)' is neither an absolute path nor a syslog facility (local0 ... local7, daemon, ...); ldirectord would hand it to syslog as a facility and fail when it first logs",
                             at: path)
        }
    }

    /// A global line ldirectord does not know: explains misplaced block lines.
    private mutating func reportUnknownGlobal(_ line: LineText) {
        if line.number == 1, line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            reporter.error("the file starts with a UTF-8 byte order mark, which ldirectord reads as part of the first line; save the file without it",
                           at: line.all)
            return
        }
        let content = line.all.dropping(while: .space)
        let name = Assignment(content)?.name ?? content.firstRun(of: .wordOrDash) ?? content
        let word = name.text
        let shown = name.shown
        let indent = content.range.lowerBound
        let blockWord = Vocabulary.virtualDirectives.contains(word)
        if blockWord, indent > 0, let end = lastBlockEnd, end.line.number == line.number {
            let columns = line.blockForm.bytes.prefix { $0 == UInt8(ascii: " ") }.count
            reporter.error("'\(shown)' is indented by \(columns) column\(columns == 1 ? "" : "s"); lines of a virtual block need at least 4 (a tab counts as 4), so ldirectord ends the block here and rejects the line",
                           at: content, notes: [reporter.note("the virtual service is defined here", at: end.header)])
        } else if blockWord, indent > 0, let end = lastBlockEnd, end.blank {
            reporter.error("'\(shown)' is outside any virtual block: the empty line \(end.line.number) ended the block",
                           at: content, notes: [reporter.note("the block ended by the empty line belongs to this virtual service", at: end.header)])
        } else if indent > 0, Vocabulary.globalDirectives.contains(word) {
            reporter.error("global directives start at the beginning of the line; ldirectord does not recognise an indented '\(shown)'", at: content)
        } else if blockWord, !Vocabulary.globalDirectives.contains(word) {
            reporter.error("'\(shown)' belongs inside a virtual block (after a virtual= line, indented by at least 4 columns)", at: content)
        } else if Vocabulary.globalDirectives.contains(word) {
            reporter.error("expected '\(shown)=value'", at: content)
        } else if let suggestion = Vocabulary.suggestion(for: word, among: Vocabulary.globalDirectives + Vocabulary.virtualDirectives) {
            reporter.error("unknown directive '\(shown)'; did you mean '\(suggestion)'?", at: name)
        } else {
            reporter.error("unknown directive '\(shown)'", at: name)
        }
    }
}
