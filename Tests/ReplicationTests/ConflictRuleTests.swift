import ClusterConfig
import Director
import TestSupport
import Testing

@testable import Replication

@Suite struct ConflictRuleTests {
    static func group(auto: String?, hosts: String = "d1 d2 (n1)") throws -> Group {
        let text = "group g\n{\n\thost \(hosts);\n\tinclude /etc/x;\n" + (auto.map { "\tauto \($0);\n" } ?? "") + "}\n"
        let (config, diagnostics) = ClusterConfig.parse(text, path: "/etc/csync2.cfg") { _ in nil }
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(config.groups.first)
    }

    static let conflict = TreeMerge.Conflict(path: "/etc/x", base: nil, ours: nil, theirs: nil)

    /// (auto, host running reconcile, our last change, their last change, our size, their size) -> winner.
    @Test(
        arguments: [
            ("first", "d1", 0, 0, 0, 0, Side?.some(.ours)),
            ("first", "d2", 0, 0, 0, 0, .some(.theirs)),
            ("left", "d2", 0, 0, 0, 0, .some(.theirs)),
            ("right", "d2", 0, 0, 0, 0, .some(.ours)),
            ("younger", "d1", 10, 20, 0, 0, .some(.theirs)),
            ("older", "d1", 10, 20, 0, 0, .some(.ours)),
            ("younger", "d2", 20, 20, 0, 0, .some(.theirs)),
            ("bigger", "d1", 0, 0, 5, 9, .some(.theirs)),
            ("smaller", "d1", 0, 0, 5, 9, .some(.ours)),
            ("none", "d1", 0, 0, 0, 0, nil),
        ] as [(String, String, Int64, Int64, Int, Int, Side?)])
    func winner(
        auto: String, host: String, ourTime: Int64, theirTime: Int64, ourSize: Int, theirSize: Int, expected: Side?
    ) throws {
        let peer = host == "d1" ? "d2" : "d1"
        let rule = ConflictRule(groups: [try Self.group(auto: auto)], host: host, peer: peer)
        #expect(rule.refuses == (auto == "none"))
        var sizes = [ourSize, theirSize]
        let winner = try rule.winner(
            of: Self.conflict, lastChange: { $0 == .ours ? ourTime : theirTime }, size: { _ in sizes.removeFirst() })
        #expect(winner == expected)
    }

    @Test func noAutoRefuses() throws {
        let rule = ConflictRule(groups: [try Self.group(auto: nil)], host: "d1", peer: "d2")
        #expect(rule.refuses)
        #expect(rule.auto == nil)
    }
}
