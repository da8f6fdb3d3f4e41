import ClusterConfig
import Testing
@testable import Deploy

/// Which early connection a deploy may take over (`EarlySessions`): the node's address, pin
/// and group key must be unchanged; the files it receives may differ.
@Suite struct NodeTargetTests {
    static let pin = "SHA256:" + Array(repeating: "AB", count: 32).joined(separator: ":")
    static let otherPin = "SHA256:" + Array(repeating: "CD", count: 32).joined(separator: ":")

    func target(port: Int = 7001, fingerprint: String = pin, key: String = "/etc/k", include: String = "/etc/a")
        throws -> NodeTarget
    {
        let text = """
            group g
            {
            \thost lvs1 (cache1);
            \tkey \(key);
            \tinclude \(include);
            }
            confsync
            {
            \thost cache1 { address 127.0.0.1; port \(port); fingerprint \(fingerprint); }
            }
            """
        let (config, diagnostics) = ClusterConfig.parse(text, path: "/etc/csync2.cfg") { _ in nil }
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let plan = try #require(config.nodes(forDirector: "lvs1").first)
        return NodeTarget(plan: plan, root: "/")
    }

    @Test func sameConnectionWhateverTheFiles() throws {
        #expect(try target().connectsLike(target(include: "/etc/b")))
    }

    @Test func anotherPortPinOrKeyIsAnotherConnection() throws {
        let base = try target()
        #expect(try !base.connectsLike(target(port: 7002)))
        #expect(try !base.connectsLike(target(fingerprint: Self.otherPin)))
        #expect(try !base.connectsLike(target(key: "/etc/other-key")))
    }
}
