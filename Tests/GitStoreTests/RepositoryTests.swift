import Foundation
import GitStore
import TestSupport
import Testing

@Suite struct RepositoryTests {
    @Test func createsABareRepositoryOnAnUnbornMain() throws {
        let scratch = try TemporaryDirectory(prefix: "gitstore-tests")
        let repository = try Repository.create(at: scratch.path("nested/dirs/repo.git"))
        #expect(repository.isBare)
        #expect(repository.path.hasSuffix("/nested/dirs/repo.git"))
        #expect(try repository.headCommitID() == nil)
        let head = try GitCLI.run(["-C", repository.path, "symbolic-ref", "HEAD"])
        #expect(head == "refs/heads/main\n")
        #expect(try GitCLI.run(["-C", repository.path, "rev-parse", "--is-bare-repository"]) == "true\n")
    }

    @Test func honoursTheInitialBranch() throws {
        let scratch = try TemporaryDirectory(prefix: "gitstore-tests")
        let repository = try Repository.create(at: scratch.path("repo.git"), initialBranch: "trunk")
        #expect(try GitCLI.run(["-C", repository.path, "symbolic-ref", "HEAD"]) == "refs/heads/trunk\n")
    }

    @Test func refusesToCreateOverAnExistingRepository() throws {
        let fixture = try TestRepository()
        let error = #expect(throws: GitError.self) { try Repository.create(at: fixture.path) }
        #expect(error?.code == .exists)
        #expect(error?.message.contains(fixture.path) == true)
    }

    @Test func opensWhatItCreated() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["a": "1\n"])
        let reopened = try Repository.open(at: fixture.path, requireBare: true)
        #expect(reopened.path == fixture.repository.path)
        #expect(try reopened.headCommitID() == commit)
    }

    @Test(arguments: ["empty", "missing/repo.git"])
    func openingANonRepositoryIsNotFound(_ name: String) throws {
        let scratch = try TemporaryDirectory(prefix: "gitstore-tests")
        try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: true)
        let error = #expect(throws: GitError.self) { try Repository.open(at: scratch.path(name)) }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains(scratch.path(name)) == true)
        #expect(error?.libgitCode == -3)
    }

    @Test func aWorkingTreeIsNotBare() throws {
        let scratch = try TemporaryDirectory(prefix: "gitstore-tests")
        let work = scratch.path("work")
        try GitCLI.run(["init", "-q", work])
        let repository = try Repository.open(at: work)
        #expect(!repository.isBare)
        #expect(repository.path.hasSuffix("/work/.git"))
        let error = #expect(throws: GitError.self) { try Repository.open(at: work, requireBare: true) }
        #expect(error?.code == .notBare)
    }
}
