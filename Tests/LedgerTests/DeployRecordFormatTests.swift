import Foundation
import GitStore
import Testing
@testable import Ledger

/// The JSON of a deploy record, as the notes of existing repositories hold it: the commits are
/// typed in `DeployRecord` and still 40 lowercase hex digits in the note.
@Suite struct DeployRecordFormatTests {
    /// Lines as confsync wrote them when the record's commits were strings (sorted keys, no
    /// escaped slashes): a deploy forced over drift, a found record, one with no commit before.
    static let oldLines = [
        #"{"actions":[{"command":"systemctl reload squid","durationMillis":12,"exitStatus":0,"outputTail":"ok\n","#
            + #""pattern":"/etc/squid3/squid.conf"}],"at":1700000000,"deployID":"d1700000000000-1f","director":"lvs1","#
            + #""driftSaved":"0123456789abcdef0123456789abcdef01234567","files":[{"path":"/etc/squid3/squid.conf","#
            + #""status":"written"},{"message":"kept","path":"/etc/squid3/acl","status":"drifted"}],"#
            + #""fromCommit":"89abcdef0123456789abcdef0123456789abcdef","message":"","node":"cache1","#
            + #""status":"deployed","toCommit":"fedcba9876543210fedcba9876543210fedcba98","user":"root"}"#,
        #"{"actions":[],"at":123,"deployID":"d1","director":"other","files":[],"foundAt":1700000100,"#
            + #""foundBy":"d2","message":"found at fedcba9 by deploy d2","node":"cache2","status":"found","#
            + #""toCommit":"fedcba9876543210fedcba9876543210fedcba98","user":"alice"}"#,
        #"{"actions":[],"at":5,"deployID":"d3","director":"lvs1","files":[],"message":"connect: refused","#
            + #""node":"cache3","status":"unreachable","toCommit":"fedcba9876543210fedcba9876543210fedcba98","#
            + #""user":"root"}"#,
    ]

    @Test func oldNoteLinesDecodeTypedAndEncodeTheSame() throws {
        let records = DeployRecord.parseLines(Self.oldLines.joined(separator: "\n") + "\n")
        #expect(records.count == Self.oldLines.count)
        #expect(try records.map { try $0.jsonLine() } == Self.oldLines)

        let deployed = try #require(records.first)
        let to = try ObjectID(parsing: "fedcba9876543210fedcba9876543210fedcba98", "the test's commit")
        #expect(deployed.toCommit == to)
        #expect(deployed.fromCommit?.hex == "89abcdef0123456789abcdef0123456789abcdef")
        #expect(deployed.driftSaved?.hex == "0123456789abcdef0123456789abcdef01234567")
        #expect(deployed.position == to)
        #expect(records.map(\.position) == [to, to, nil])
    }

    /// `DeployRecord` as it was declared when its commits were strings.
    struct StringRecord: Codable {
        var deployID: String
        var node: String
        var director: String
        var user: String
        var at: Int64
        var fromCommit: String?
        var toCommit: String
        var status: DeployRecord.Status
        var message: String
        var files: [DeployRecord.File]
        var actions: [DeployRecord.ActionRun]
        var driftSaved: String?
        var foundBy: String?
        var foundAt: Int64?
    }

    @Test func theTypedRecordEncodesAsTheStringOneDid() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for line in Self.oldLines {
            let old = try JSONDecoder().decode(StringRecord.self, from: Data(line.utf8))
            let typed = try JSONDecoder().decode(DeployRecord.self, from: Data(line.utf8))
            #expect(String(decoding: try encoder.encode(old), as: UTF8.self) == (try typed.jsonLine()))
        }
    }

    @Test func aLineWhoseCommitIsNotAnIDIsSkippedWithTheOtherStrangeLines() {
        let bad = Self.oldLines[2].replacingOccurrences(of: "fedcba9876543210fedcba9876543210fedcba98", with: "HEAD")
        let records = DeployRecord.parseLines([Self.oldLines[0], bad, "not json", Self.oldLines[1]].joined(separator: "\n"))
        #expect(records.map(\.node) == ["cache1", "cache2"])
    }

    /// Every ASCII byte, and non-ASCII text, in paths and messages: the files written by
    /// `FileResultsJSON` come out as `JSONEncoder` writes them, and read back the same.
    @Test func manyFileResultsEncodeAsJSONEncoderDoes() throws {
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let odd = [ascii, "/etc/squid3/squid.conf", "é/ü/日本/🙂", "\\\"quoted\"", "tab\there", "", "\u{7f}"]
        let files = (0..<50).map { index in
            DeployRecord.File(
                path: odd[index % odd.count] + "/\(index)", status: index % 3 == 0 ? "written" : "kept",
                message: index % 2 == 0 ? nil : odd[(index + 3) % odd.count])
        }
        let record = DeployRecord(
            deployID: "d1", node: "cache1", director: "lvs1", user: "root", at: 7, fromCommit: nil,
            toCommit: try #require(ObjectID(hex: "fedcba9876543210fedcba9876543210fedcba98")), status: .deployed,
            message: "with \"files\":[] in it", files: files, actions: [], driftSaved: nil)
        let line = try record.jsonLine()
        #expect(line == (try DeployRecord.encoded(record)))
        #expect(DeployRecord.parseLines(line + "\n") == [record])
    }
}
