import Foundation
import Synchronization
import Testing

@testable import Posix

/// Account lookups: exact names, no decimal fallback where a caller is identified, and
/// reentrant (the service identifies callers on several threads at once).
struct AccountsTests {
    @Test func accountsByNameAndId() throws {
        let root = try #require(Accounts.account(named: "root"))
        #expect(root.uid == 0 && root.gid == 0)
        #expect(Accounts.accountName(0) == "root")
        #expect(Accounts.groupAccountName(0) == "root")
        #expect(Accounts.account(named: "no-such-account-here") == nil)
        #expect(Accounts.account(named: "0") == nil, "a number is not an account name")
        #expect(Accounts.accountName(4_000_000_000) == nil)
        var accounts = Accounts()
        #expect(accounts.userName(4_000_000_000) == "4000000000", "an id without an account is its number")
        #expect(accounts.uid("12345") == 12345)
    }

    @Test func lookupsFromManyThreadsAtOnceAnswerEachItsOwn() throws {
        let nobody = try #require(Accounts.account(named: "nobody"))
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for _ in 0..<500 {
                let (name, uid) = worker % 2 == 0 ? ("root", UInt32(0)) : ("nobody", nobody.uid)
                if Accounts.account(named: name)?.uid != uid || Accounts.accountName(uid) != name {
                    wrong.withLock { $0 += 1 }
                }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
    }
}
