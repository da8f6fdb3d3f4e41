import Director
import GitStore
import Testing
import Wire

@testable import Replication

/// The service's side of the conversation, driven in process as a peer director would.
@Suite struct ReplicationServiceTests {
    let main = ReplicatedRef.mainName

    func service(_ scratch: ScratchDirector) throws -> ReplicationService {
        try ReplicationService(repository: scratch.path, root: scratch.base + "/root")
    }

    func refs(_ service: ReplicationService) throws -> [String: String] {
        guard case .refs(let refs)? = try service.handle(.refsRequest, from: "d1")?.first else {
            Issue.record("no refs answer")
            return [:]
        }
        return Dictionary(uniqueKeysWithValues: refs.refs.map { ($0.name, $0.id) })
    }

    func push(_ service: ReplicationService, _ pack: [UInt8], _ updates: [RefUpdate]) throws -> [RefUpdateResult] {
        #expect(try service.handle(.pack(Pack(data: pack)), from: "d1")?.isEmpty == true)
        guard
            case .updateRefsResult(let result)? = try service.handle(
                .updateRefs(UpdateRefs(updates: updates)), from: "d1")?.first
        else {
            Issue.record("no updateRefsResult")
            return []
        }
        return result.results
    }

    @Test func anEmptyPeerGetsMainAndItsHistory() throws {
        let d1 = try ScratchDirector(host: "d1")
        let d2 = try ScratchDirector(host: "d2")
        let a = try d1.commit(["etc/a": "1\n"], parents: [], ref: main)
        let b = try d1.commit(["etc/a": "2\n"], parents: [a], ref: main)
        let peer = try service(d2)
        #expect(try refs(peer).isEmpty)
        let results = try push(
            peer, try d1.repository.pack(including: [b], excluding: []),
            [RefUpdate(name: main, oldID: nil, newID: b.hex)])
        #expect(results == [RefUpdateResult(name: main, ok: true)])
        #expect(try d2.repository.reference(main) == b)
        #expect(try d2.repository.log(from: b).map(\.id) == [b, a])
        #expect(try refs(peer) == [main: b.hex])
    }

    @Test func mainOnlyMovesForwardFromWhatThePeerSaw() throws {
        let d1 = try ScratchDirector(host: "d1")
        let d2 = try ScratchDirector(host: "d2")
        let a = try d1.commit(["etc/a": "1\n"], parents: [], ref: main)
        try d2.copyObjects([a], from: d1)
        try d2.repository.updateReference(main, to: a, expected: nil, message: "test")
        let ours = try d1.commit(["etc/a": "2\n"], parents: [a], ref: main)
        let theirs = try d2.commit(["etc/a": "3\n"], parents: [a], ref: main)
        let peer = try service(d2)
        let pack = try d1.repository.pack(including: [ours], excluding: [a])

        // Diverged: refused, nothing overwritten.
        var results = try push(peer, pack, [RefUpdate(name: main, oldID: theirs.hex, newID: ours.hex)])
        #expect(results.first?.ok == false)
        #expect(results.first?.message.contains("diverged") == true)
        #expect(try d2.repository.reference(main) == theirs)

        // Stale: the peer read another commit than the one there now.
        results = try push(peer, [], [RefUpdate(name: main, oldID: a.hex, newID: ours.hex)])
        #expect(results.first?.ok == false)
        #expect(results.first?.message.contains("moved") == true)

        // Not replicated, or not an object: refused one by one.
        results = try push(
            peer, [],
            [
                RefUpdate(name: "refs/heads/other", oldID: nil, newID: ours.hex),
                RefUpdate(name: "refs/confsync/drift/n1", oldID: nil, newID: String(repeating: "e", count: 40)),
            ])
        #expect(results.map(\.ok) == [false, false])
        #expect(try d2.repository.reference("refs/heads/other") == nil)
    }

    @Test func aFetchGetsOnlyWhatTheAskerLacks() throws {
        let d1 = try ScratchDirector(host: "d1")
        let d2 = try ScratchDirector(host: "d2")
        let a = try d2.commit(["etc/a": "1\n"], parents: [], ref: main)
        try d1.copyObjects([a], from: d2)
        let b = try d2.commit(["etc/a": "2\n", "etc/b": "new\n"], parents: [a], ref: main)
        guard
            case .pack(let pack)? = try service(d2).handle(
                .refs(Refs(refs: [Ref(name: "have", id: a.hex)])), from: "d1")?.first
        else {
            Issue.record("no pack answer")
            return
        }
        #expect(!PackBytes.holdsNothing(pack.data))
        try d1.repository.receivePack(pack.data)
        #expect(try d1.repository.commit(b).parents == [a])
        // Nothing lacking: an empty answer.
        guard
            case .pack(let none)? = try service(d2).handle(
                .refs(Refs(refs: [Ref(name: "have", id: b.hex)])), from: "d1")?.first
        else {
            Issue.record("no pack answer")
            return
        }
        #expect(none.data.isEmpty)
    }

    @Test func otherReferencesAreCreatedOrMovedForwardButNeverBack() throws {
        let d1 = try ScratchDirector(host: "d1")
        let d2 = try ScratchDirector(host: "d2")
        let drift = "refs/confsync/drift/node1"
        let first = try d1.commit(["etc/a": "hand edit\n"], parents: [], ref: drift)
        let second = try d1.commit(["etc/a": "another\n"], parents: [first], ref: drift)
        let peer = try service(d2)
        let pack = try d1.repository.pack(including: [second], excluding: [])
        #expect(try push(peer, pack, [RefUpdate(name: drift, oldID: nil, newID: first.hex)]).first?.ok == true)
        #expect(try push(peer, [], [RefUpdate(name: drift, oldID: first.hex, newID: second.hex)]).first?.ok == true)
        let back = try push(peer, [], [RefUpdate(name: drift, oldID: second.hex, newID: first.hex)])
        #expect(back.first?.ok == false)
        #expect(try d2.repository.reference(drift) == second)
        // Node positions are never sent: each side derives them.
        #expect(
            try push(peer, [], [RefUpdate(name: "refs/confsync/nodes/n1", oldID: nil, newID: first.hex)]).first?.ok
                == false)
    }

    /// Ids from the peer are parsed where they arrive: one that is not an id refuses that
    /// update (the others go on), or the request, saying which id and whose.
    @Test func badIDsFromThePeerAreRefusedByName() throws {
        let d1 = try ScratchDirector(host: "d1")
        let d2 = try ScratchDirector(host: "d2")
        let drift = "refs/confsync/drift/node1"
        let first = try d1.commit(["etc/a": "hand edit\n"], parents: [], ref: drift)
        let peer = try service(d2)
        let results = try push(
            peer, try d1.repository.pack(including: [first], excluding: []),
            [
                RefUpdate(name: main, oldID: nil, newID: "main"),
                RefUpdate(name: drift, oldID: "0", newID: first.hex),
                RefUpdate(name: drift, oldID: nil, newID: first.hex),
            ])
        #expect(results.map(\.ok) == [false, false, true])
        #expect(results.first?.message == "the new id of \(main) is 'main', not a 40-digit object id")
        #expect(results.dropFirst().first?.message == "the old id of \(drift) is '0', not a 40-digit object id")
        #expect(try d2.repository.reference(drift) == first)

        #expect(throws: InvalidObjectID(what: "d1's 'have' id", text: "HEAD")) {
            try peer.handle(.refs(Refs(refs: [Ref(name: "have", id: first.hex), Ref(name: "have", id: "HEAD")])), from: "d1")
        }
        #expect(throws: InvalidObjectID(what: "d2's \(main)", text: "zz")) {
            try RefTable.parse([Ref(name: drift, id: first.hex), Ref(name: main, id: "zz")], from: "d2")
        }
    }
}
