/// The e-mail alert directives, the same globally and in a virtual block.
extension Reporter {
    /// `read_emailalert`: enclosing quotes removed, then not empty.
    mutating func emailAlert(_ assignment: Assignment) {
        var address = assignment.value
        if address.count >= 2, address.bytes.first == UInt8(ascii: "\""), address.bytes.last == UInt8(ascii: "\""),
           !address.bytes.dropFirst().dropLast().contains(UInt8(ascii: "\"")) {
            address = address.slice((address.range.lowerBound + 1)..<(address.range.upperBound - 1))
        }
        _ = nonEmpty(address, what: "e-mail address for emailalert", at: assignment.valueOrName)
    }

    /// `/^emailalertfreq\s*=\s*(\d*)/`: digits right after `=`.
    mutating func emailAlertFrequency(_ assignment: Assignment) {
        let digits = assignment.value.prefixRun(of: .digit)
        if digits.isEmpty {
            error("emailalertfreq must be a number of seconds, not '\(assignment.value.shown)'",
                  at: assignment.valueOrName)
        } else {
            ignored(around: digits, in: assignment.value)
        }
    }

    /// `parse_emailalertstatus`: words separated by commas (`split /\s*,\s*/`), from
    /// all, none, starting, running, stopping, reloading; none stands alone.
    mutating func emailAlertStatus(_ assignment: Assignment) {
        let fields = Self.splitOnCommas(assignment.value)
        let hasNone = fields.contains { $0.equals("none") }
        for field in fields where !field.equals("none") {
            if !Vocabulary.alertStatuses.contains(field.text) {
                error("invalid emailalertstatus '\(field.shown)'; expected all, none, starting, running, stopping or reloading",
                      at: field)
            } else if hasNone {
                error("emailalertstatus '\(field.shown)' cannot be combined with 'none'", at: field)
            }
        }
    }

    /// `/^smtp\s*=\s*(.*)/` then `/(^([0-9A-Za-z._+-]+))/`: a host name or address.
    mutating func smtpServer(_ assignment: Assignment) {
        let server = assignment.value.prefixRun(of: .hostName)
        if server.isEmpty {
            error("invalid SMTP server '\(assignment.value.shown)'", at: assignment.valueOrName)
        } else {
            ignored(around: server, in: assignment.value)
        }
    }

    /// Perl's `split /\s*,\s*/, $value`: white space next to a comma belongs to the
    /// separator, trailing empty fields are dropped.
    static func splitOnCommas(_ value: Span) -> [Span] {
        var fields: [Span] = []
        var start = value.range.lowerBound
        var index = start
        let bytes = value.line.bytes
        while index < value.range.upperBound {
            if bytes[index] == UInt8(ascii: ",") {
                fields.append(value.slice(start..<index).trimmingEnd(.space))
                var next = index + 1
                while next < value.range.upperBound, ByteClass.space.contains(bytes[next]) { next += 1 }
                start = next
                index = next
            } else {
                index += 1
            }
        }
        fields.append(value.slice(start..<value.range.upperBound))
        while let last = fields.last, last.isEmpty { fields.removeLast() }
        return fields
    }
}
