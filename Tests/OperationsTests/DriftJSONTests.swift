import Director
import Foundation
import TestSupport
import Testing

@testable import Operations

/// `drift --json`: the document's shape, per node and per drifted file, without content.
@Suite struct DriftJSONTests {
    static let deployed = FileAttributes(mode: 0o644, owner: "root", group: "proxy")
    static let expectedBlob = String(repeating: "a", count: 40)
    static let liveBlob = String(repeating: "b", count: 40)

    /// node1 drifted three ways, node2 is clean, node3 could not be asked.
    static let result = DriftResult(nodes: [
        NodeDrift(
            node: "node1", address: "10.0.0.11", problem: nil, commit: String(repeating: "c", count: 40),
            files: [
                DriftedFile(
                    path: "/etc/squid3/squid.conf", kind: .content, deployedBlobID: expectedBlob, deployed: deployed,
                    live: deployed, liveBlobID: liveBlob, content: Array("secret = 1\n".utf8),
                    diff: "diff --git a/etc/squid3/squid.conf b/etc/squid3/squid.conf\n+secret = 1\n"),
                DriftedFile(
                    path: "/etc/squid3/acl.conf", kind: .attributes, deployedBlobID: expectedBlob, deployed: deployed,
                    live: FileAttributes(mode: 0o600, owner: "root", group: "root"), liveBlobID: expectedBlob),
                DriftedFile(path: "/etc/ha.d/ldirectord.cf", kind: .missing, deployedBlobID: expectedBlob, deployed: deployed),
            ]),
        NodeDrift(node: "node2", address: "10.0.0.12", problem: nil, commit: String(repeating: "c", count: 40), files: []),
        NodeDrift(node: "node3", address: "10.0.0.13", problem: "connection refused", commit: nil, files: []),
    ])

    static func document() throws -> (text: String, json: [String: Any]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(result)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (String(decoding: data, as: UTF8.self), json)
    }

    @Test func nodesSayWhetherTheyWereReachedAndWhere() throws {
        let json = try Self.document().json
        #expect(json["drifted"] as? Bool == true && json["unreachable"] as? Bool == true)
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.compactMap { $0["node"] as? String } == ["node1", "node2", "node3"])
        #expect(nodes.compactMap { $0["reached"] as? Bool } == [true, true, false])
        #expect(nodes[0]["problem"] is NSNull && nodes[2]["problem"] as? String == "connection refused")
        #expect(nodes[0]["commit"] as? String == String(repeating: "c", count: 40) && nodes[2]["commit"] is NSNull)
        #expect(nodes[1]["files"] as? [Any] != nil && (nodes[1]["files"] as? [Any])?.isEmpty == true)
        #expect(nodes[0]["address"] as? String == "10.0.0.11")
    }

    /// Each file: its path, its kind, and both sides' blob ids and attributes; modes in octal.
    @Test(arguments: [
        // path, kind, attributesChanged, expected side, live side (nil: JSON null)
        (
            "/etc/squid3/squid.conf", "content", false,
            ["blob": expectedBlob, "mode": "0644", "owner": "root", "group": "proxy"],
            ["blob": liveBlob, "mode": "0644", "owner": "root", "group": "proxy"] as [String: String]?
        ),
        (
            "/etc/squid3/acl.conf", "attributes", true,
            ["blob": expectedBlob, "mode": "0644", "owner": "root", "group": "proxy"],
            ["blob": expectedBlob, "mode": "0600", "owner": "root", "group": "root"]
        ),
        (
            "/etc/ha.d/ldirectord.cf", "missing", false,
            ["blob": expectedBlob, "mode": "0644", "owner": "root", "group": "proxy"], nil
        ),
    ])
    func filesCarryKindBlobsAndAttributes(
        path: String, kind: String, attributesChanged: Bool, expected: [String: String], live: [String: String]?
    ) throws {
        let nodes = try #require(try Self.document().json["nodes"] as? [[String: Any]])
        let files = try #require(nodes[0]["files"] as? [[String: Any]])
        let file = try #require(files.first { $0["path"] as? String == path })
        #expect(Set(file.keys) == ["path", "kind", "attributesChanged", "expected", "live"])
        #expect(file["kind"] as? String == kind)
        #expect(file["attributesChanged"] as? Bool == attributesChanged)
        #expect(file["expected"] as? [String: String] == expected)
        if let live {
            #expect(file["live"] as? [String: String] == live)
        } else {
            #expect(file["live"] is NSNull)
        }
    }

    /// The whole document as `drift --json` wrote it while the paths were strings: a path
    /// is its managed form, escaped as JSONEncoder escapes it, byte for byte.
    static let writtenBefore = [
        #"{"drifted":true,"nodes":[{"address":"10.0.0.11","commit":"cccccccccccccccccccccccccccccccccccccccc","files":[{"attributesChanged":false,"expected":{"blob":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","group":"proxy","mode":"0644","owner":"root"},"kind":"content","live":{"blob":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","group":"proxy","mode":"0644","owner":"root"},"path":"\/etc\/squid3\/squid.conf"},{"#,
        #""attributesChanged":true,"expected":{"blob":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","group":"proxy","mode":"0644","owner":"root"},"kind":"attributes","live":{"blob":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","group":"root","mode":"0600","owner":"root"},"path":"\/etc\/squid3\/acl.conf"},{"#,
        #""attributesChanged":false,"expected":{"blob":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","group":"proxy","mode":"0644","owner":"root"},"kind":"missing","live":null,"path":"\/etc\/ha.d\/ldirectord.cf"}],"node":"node1","problem":null,"reached":true},{"#,
        #""address":"10.0.0.12","commit":"cccccccccccccccccccccccccccccccccccccccc","files":[],"node":"node2","problem":null,"reached":true},{"#,
        #""address":"10.0.0.13","commit":null,"files":[],"node":"node3","problem":"connection refused","reached":false}],"unreachable":true}"#,
    ].joined()

    @Test func theDocumentIsUnchanged() throws {
        #expect(try Self.document().text == Self.writtenBefore)
    }

    @Test func noContentAndNoDiff() throws {
        let text = try Self.document().text
        #expect(!text.contains("secret"), "\(text)")
        #expect(!text.contains("\"content\":[") && !text.contains("\"diff\""), "\(text)")
    }

    @Test func aSymbolicLinksModeIsTheWiresLinkMode() {
        let side = DriftedFile.Side(blob: nil, attributes: FileAttributes(mode: 0o120777, owner: "root", group: "root"))
        #expect(side.mode == "120777")
        #expect(DriftedFile.Side(blob: nil, attributes: FileAttributes(mode: 0o4755, owner: "a", group: "b")).mode == "4755")
        #expect(DriftedFile.Side(blob: nil, attributes: FileAttributes(mode: 0o7, owner: "a", group: "b")).mode == "0007")
    }
}
