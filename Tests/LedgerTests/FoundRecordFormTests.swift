import GitStore
import Testing
import Wire
@testable import Ledger

/// What a found record says, by itself (when a deploy writes one is `DeployRecording`'s,
/// tested in DeployTests' `FoundRecordTests`).
@Suite struct FoundRecordFormTests {
    /// Deploy d2 (bob on lvs1, at 500) finds cache1 at fedcba9.
    static func finding() throws -> FoundRecord {
        let commit = try ObjectID(parsing: "fedcba9876543210fedcba9876543210fedcba98", "the test's commit")
        return FoundRecord(node: "cache1", commit: commit, deployID: "d2", director: "lvs1", user: "bob", at: 500)
    }

    @Test func aNodeBroughtThereByADeployGetsThatDeploysRecordMarkedFoundByThisOne() throws {
        let finding = try Self.finding()
        let last = DeployOutcome(
            deployID: "d1", commit: finding.commit.hex, status: .applied, at: 123, director: "lvs2", user: "alice")
        let record = finding.putThere(by: last)
        #expect(record.deployID == "d1" && record.director == "lvs2" && record.user == "alice" && record.at == 123)
        #expect(record.node == "cache1" && record.status == .found && record.toCommit == finding.commit)
        #expect(record.fromCommit == nil && record.foundBy == "d2" && record.foundAt == 500)
        #expect(record.position == finding.commit)
        #expect(record.message.hasPrefix("found at fedcba9 by deploy d2 (bob on lvs1): brought there by deploy d1"))
    }

    @Test(arguments: [
        (nil, "it names no deploy"),
        (
            DeployOutcome(
                deployID: "d0", commit: "0123456789abcdef0123456789abcdef01234567", status: .applied, at: 1, director: "lvs1",
                user: "root"),
            "its last deploy is d0, applied, of 0123456"
        ),
    ])
    func aNodeThatDoesNotSayHowItGotThereIsFoundByThisDeploy(_ last: DeployOutcome?, _ why: String) throws {
        let record = try Self.finding().unexplained(lastDeploy: last)
        #expect(record.deployID == "d2" && record.director == "lvs1" && record.user == "bob" && record.at == 500)
        #expect(record.status == .found && record.foundBy == "d2" && record.foundAt == 500)
        #expect(record.message == "found at fedcba9 by deploy d2; how it got there is not known (\(why))")
    }
}
