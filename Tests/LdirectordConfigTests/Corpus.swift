import Diagnostics
import Foundation
import LdirectordConfig

/// The differential corpus: `Corpus/*.cf` and the real ldirectord's verdicts on them
/// (`Corpus/expected.tsv`, made by `Corpus/generate-expected.sh`).
enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Oracle/ldirectord-check")

    /// One row of expected.tsv.
    struct Expectation: Sendable, CustomStringConvertible {
        let file: String
        let valid: Bool
        /// The line of ldirectord's (first) error; nil when valid.
        let line: Int?
        let message: String

        var description: String { file }
    }

    static func expectations() throws -> [Expectation] {
        let text = try String(contentsOf: directory.appendingPathComponent("expected.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Expectation(file: fields[0], valid: fields[1] == "valid", line: Int(fields[2]),
                               message: fields.count > 3 ? fields[3] : "")
        }
    }

    /// expected.tsv, or nothing when it cannot be read (`corpusIsLargeAndEveryFileHasAVerdict` fails then).
    static let recorded: [Expectation] = (try? expectations()) ?? []

    /// The file's bytes as text, unchanged (String(contentsOf:) would drop a byte order mark).
    static func text(of file: String) throws -> String {
        String(decoding: try Data(contentsOf: directory.appendingPathComponent(file)), as: UTF8.self)
    }

    static func check(_ file: String, strict: Bool) throws -> [Diagnostic] {
        var options = LdirectordCheckOptions()
        options.strict = strict
        return LdirectordChecker.check(try text(of: file), path: file, options: options)
    }

    /// Where and why our verdict differs from the oracle's on purpose
    /// (docs/validation.md (ldirectord.cf section) lists the same).
    struct Difference: Sendable {
        enum Kind: Sendable { case stricter, environment, oracleHook }
        let kind: Kind
        /// Our verdict with `strict` on and off.
        let strictValid: Bool
        let lenientValid: Bool
    }

    static let differences: [String: Difference] = [
        // ldirectord accepts these but reads something else than what is written
        "strict-checkinterval-00.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-checktimeout-unit.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-duplicate-leading-zero.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-fallback-empty.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-fallback-three-words.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-logfile-relative.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-method-prefix.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-netmask-not-a-mask.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-port-name-not-in-table.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-real-inet-aton.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-real-leading-colon.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-scheduler-mixed-case.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-virtual-no-port.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-virtual-octal.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-weight-after-request.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        "strict-weight-too-large.cf": .init(kind: .stricter, strictValid: false, lenientValid: true),
        // the oracle asks the machine (resolver, /etc/services, file system)
        "env-unresolvable-virtual.cf": .init(kind: .environment, strictValid: true, lenientValid: true),
        "env-unresolvable-real.cf": .init(kind: .environment, strictValid: true, lenientValid: true),
        "env-logfile-missing-dir.cf": .init(kind: .environment, strictValid: true, lenientValid: true),
        "env-monitorfile-missing-dir.cf": .init(kind: .environment, strictValid: true, lenientValid: true),
        "bad-virtual-port-name.cf": .init(kind: .environment, strictValid: false, lenientValid: true),
        "bad-real-port-name.cf": .init(kind: .environment, strictValid: false, lenientValid: true),
        // the oracle's side-effect-free monitorfile test accepts an empty name; ldirectord does not
        "bad-monitorfile-empty.cf": .init(kind: .oracleHook, strictValid: false, lenientValid: false),
    ]

    /// Files where we report ldirectord's error on another line: a duplicate virtual
    /// service is reported by ldirectord on the line that ended its block, by us on its
    /// `virtual=` line (with a note at the first definition).
    static let lineDifferences: [String: Int] = [
        "bad-duplicate-virtual.cf": 5,
        "bad-duplicate-virtual-port-name.cf": 5,
        "bad-duplicate-fwm.cf": 4,
        "bad-duplicate-virtual6.cf": 4,
    ]
}

extension Array where Element == Diagnostic {
    /// The first error in the order the checker met it (ldirectord's order).
    var firstError: Diagnostic? { first { $0.severity == .error } }
}
