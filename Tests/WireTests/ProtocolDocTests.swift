import Foundation
import Testing
import Wire

/// docs/protocol.md is the reference: its tables must list exactly the numbers in the code.
@Suite struct ProtocolDocTests {
    static let document: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/protocol.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// `(number, name)` for each row `| number | `name` | ...` under the heading `heading`
    /// (up to the next heading of any level).
    static func rows(under heading: String) -> [(Int, String)] {
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring(heading)) else { return [] }
        return lines[(start + 1)...].prefix { !$0.hasPrefix("#") }.compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, let number = Int(cells[1]), cells[2].hasPrefix("`") else { return nil }
            return (number, cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")))
        }
    }

    static func expectTable<T: CaseIterable & RawRepresentable>(_ heading: String, _ type: T.Type)
    where T.RawValue: BinaryInteger {
        let documented = rows(under: heading)
        let expected = T.allCases.map { (Int($0.rawValue), "\($0)") }
        #expect(documented.map(\.0) == expected.map(\.0), "\(heading)")
        #expect(documented.map(\.1) == expected.map(\.1), "\(heading)")
    }

    @Test func tablesMatchTheCode() {
        #expect(!Self.document.isEmpty)
        Self.expectTable("## Messages", MessageType.self)
        Self.expectTable("## Error codes", ErrorCode.self)
        Self.expectTable("### Role", Role.self)
        Self.expectTable("### FileChange.Kind", FileChange.Kind.self)
        Self.expectTable("### FileStatus", FileStatus.self)
        Self.expectTable("### ApplyStatus", ApplyStatus.self)
    }

    @Test func documentStatesVersionAndLimit() {
        #expect(Self.document.contains("Protocol version \(WireProtocol.version)."))
        #expect(Self.document.contains("\(Frame.defaultMaxPayload >> 20) MiB"))
    }
}
