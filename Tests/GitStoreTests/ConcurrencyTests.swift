import Foundation
import GitStore
import Synchronization
import Testing

@Suite struct ConcurrencyTests {
    @Test func anotherInstanceSeesTheMove() throws {
        let fixture = try TestRepository()
        let base = try fixture.commit(["a": "1\n"])
        let other = try Repository.open(at: fixture.path)
        #expect(try other.reference("refs/heads/main") == base)
        let moved = try fixture.commit(["a": "2\n"])
        let tree = try other.writeTree([:])
        let error = #expect(throws: GitError.self) {
            try other.createCommit(
                tree: tree, parents: [base], author: People.bob(), committer: People.bob(), message: "late",
                updating: "refs/heads/main", expected: base)
        }
        #expect(error?.code == .refChanged)
        #expect(try other.reference("refs/heads/main") == moved)
    }

    @Test func racingWritersEachLandEveryCommit() throws {
        let fixture = try TestRepository()
        try fixture.commit(["start": "\n"])
        let path = fixture.path
        let writers = 4
        let commitsEach = 5
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let repository = try Repository.open(at: path)
                for index in 0..<commitsEach {
                    let blob = try repository.writeBlob(Array("writer \(writer) commit \(index)\n".utf8))
                    let tree = try repository.writeTree(["w\(writer)": TreeEntry(id: blob, mode: .blob)])
                    var landed = false
                    for _ in 0..<10_000 where !landed {
                        let tip = try repository.reference("refs/heads/main")
                        do {
                            _ = try repository.createCommit(
                                tree: tree, parents: tip.map { [$0] } ?? [], author: People.alice(),
                                committer: People.alice(), message: "w\(writer) c\(index)",
                                updating: "refs/heads/main", expected: tip)
                            landed = true
                        } catch let error as GitError where error.code == .refChanged {
                            continue
                        }
                    }
                    if !landed { failures.withLock { $0.append("writer \(writer) gave up") } }
                }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let messages = try fixture.gitLines("log", "--format=%s", "main")
        #expect(messages.count == 1 + writers * commitsEach)
        #expect(Set(messages.dropLast()).count == writers * commitsEach)
        try fixture.git("fsck", "--strict", "--no-dangling")
    }
}
