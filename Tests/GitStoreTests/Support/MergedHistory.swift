import GitStore

/// A history with a side branch and two merges:
///
///     root -- a2 -- a3 ------ merge1 -- d1 -- merge2
///         \                 /              /
///          b2 ------------ +  -- sideA ---+
///
/// `b2` changes `b`, merge1 takes it; `sideA` changes `a`, merge2 keeps main's `a`.
struct MergedHistory {
    let fixture: TestRepository
    let root, a2, a3, b2, merge1, d1, sideA, merge2: ObjectID

    init() throws {
        let fixture = try TestRepository()
        self.fixture = fixture
        root = try fixture.commit(["a": "1\n", "b": "1\n", "etc/squid/squid.conf": "1\n"], message: "root")
        a2 = try fixture.commit(["a": "2\n", "b": "1\n", "etc/squid/squid.conf": "1\n"], message: "a2")
        b2 = try fixture.commit(["a": "1\n", "b": "2\n", "etc/squid/squid.conf": "1\n"], message: "b2", parents: [root], ref: nil)
        a3 = try fixture.commit(["a": "3\n", "b": "1\n", "etc/squid/squid.conf": "1\n"], message: "a3")
        merge1 = try fixture.commit(
            ["a": "3\n", "b": "2\n", "etc/squid/squid.conf": "1\n"], message: "merge1", parents: [a3, b2])
        sideA = try fixture.commit(
            ["a": "side\n", "b": "2\n", "etc/squid/squid.conf": "1\n"], message: "sideA", parents: [merge1], ref: nil)
        d1 = try fixture.commit(["a": "3\n", "b": "2\n", "etc/squid/squid.conf": "2\n", "etc/hosts": "h\n"], message: "d1")
        merge2 = try fixture.commit(
            ["a": "3\n", "b": "2\n", "etc/squid/squid.conf": "2\n", "etc/hosts": "h\n"], message: "merge2",
            parents: [d1, sideA])
    }
}
