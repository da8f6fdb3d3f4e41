import Diagnostics

/// A checker for ldirectord.cf as ldirectord 4.12 reads it (`read_config`): the same
/// directives, value rules, block layout, address and port resolution and duplicate
/// detection, without running anything.
public enum LdirectordChecker {
    /// Checks ldirectord.cf `text` from `path`; reports every problem (ldirectord itself
    /// stops at the first).
    ///
    /// Diagnostics come in the order ldirectord meets the problems, so the first error
    /// is the one ldirectord would report (it checks a virtual service's addresses
    /// after the block's other lines); `[Diagnostic].rendered()` sorts them by position.
    public static func check(_ text: String, path: String, options: LdirectordCheckOptions = .init()) -> [Diagnostic] {
        var reader = ConfigReader(lines: splitLines(text), reporter: Reporter(path: path, options: options))
        reader.read()
        return reader.reporter.diagnostics
    }

    /// The lines as perl's `<FH>` returns them, newlines removed.
    private static func splitLines(_ text: String) -> [LineText] {
        let bytes = Array(text.utf8)
        var lines: [LineText] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lines.append(LineText(number: lines.count + 1, bytes: bytes[start..<end]))
            start = end + 1
        }
        return lines
    }
}
