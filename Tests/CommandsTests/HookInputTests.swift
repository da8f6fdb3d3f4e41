import GitStore
import Testing
@testable import Commands

/// git's pre-receive input ("old new ref" lines), parsed once where it comes in.
@Suite struct HookInputTests {
    let one = "ce013625030ba8dba906f756967f9e9ca394464a"
    let two = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    let zero = String(repeating: "0", count: 40)

    @Test func theZeroIDIsNone() throws {
        let created = try HookCommand.PreReceive.update("\(zero) \(one) refs/heads/main", number: 1)
        #expect(created.old == nil && created.new?.hex == one)
        let moved = try HookCommand.PreReceive.update("\(one) \(two) refs/heads/main", number: 1)
        #expect(moved.old?.hex == one && moved.new?.hex == two)
        let deleted = try HookCommand.PreReceive.update("\(one) \(zero) refs/heads/main", number: 1)
        #expect(deleted.old?.hex == one && deleted.new == nil)
    }

    @Test func aBadIDSaysWhichAndWhere() {
        #expect(
            throws: InvalidObjectID(
                what: "the new id of refs/heads/main in git's pre-receive input, line 3", text: "main")
        ) {
            try HookCommand.PreReceive.update("\(one) main refs/heads/main", number: 3)
        }
    }
}
