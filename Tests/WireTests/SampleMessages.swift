import Wire

/// One or more examples of every message, including empty, absent and extreme values.
enum SampleMessages {
    static let commitA = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad"
    static let commitB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    static let blobA = "ce013625030ba8dba906f756967f9e9ca394464a"
    static let nonce = (0..<32).map { UInt8($0 * 7 & 0xff) }

    static let outcome = DeployOutcome(
        deployID: "20250101T120000-lvs1", commit: commitA, status: .applied, at: 1_735_732_800,
        director: "lvs1", user: "root")

    static let all: [Message] = [
        .hello(Hello(role: .director, name: "lvs1", nonce: nonce, softwareVersion: "0.1.0")),
        .hello(Hello(protocolVersion: 255, role: .agent, name: "squid-ü-1", nonce: nonce, softwareVersion: "")),
        .proof(Proof(mac: (0..<32).map { UInt8(255 - $0) })),
        .proof(Proof(mac: [])),
        .stateRequest(.full),
        .stateRequest(.summary),
        .driftRequest,
        .driftReport(DriftReport(entries: [])),
        .driftReport(DriftReport(entries: [
            DriftItem(
                path: "/etc/squid3/squid.conf", kind: .content,
                expected: ManifestEntry(path: "/etc/squid3/squid.conf", blobID: blobA, mode: 0o644, owner: "root", group: "proxy"),
                actualBlobID: commitB, actualMode: 0o600, actualOwner: "root", actualGroup: "root", content: [1, 2, 3]),
            DriftItem(
                path: "/etc/gone", kind: .missing,
                expected: ManifestEntry(path: "/etc/gone", blobID: blobA, mode: 0o644, owner: "root", group: "root"),
                actualBlobID: nil, actualMode: nil, actualOwner: nil, actualGroup: nil, content: nil),
        ])),
        .state(NodeState(commit: nil, manifest: [], busy: false, lastDeploy: nil)),
        .state(
            NodeState(
                commit: commitA,
                manifest: [
                    ManifestEntry(path: "etc/squid3/squid.conf", blobID: blobA, mode: 0o644, owner: "root", group: "root"),
                    ManifestEntry(path: "etc/ha.d/ldirectord.cf", blobID: commitB, mode: 0o600, owner: "root", group: "proxy"),
                ],
                busy: true, lastDeploy: outcome)),
        .state(
            NodeState(
                commit: commitA, manifest: [], busy: false, lastDeploy: outcome,
                pendingActions: [
                    PendingAction(pattern: "/etc/squid3/*", command: "squid -k reconfigure", deployID: "d-1", exitStatus: 137, at: 1),
                    PendingAction(pattern: "", command: "", deployID: "", exitStatus: Int32.min, at: Int64.min),
                ])),
        .blob(Blob(id: blobA, content: Array("http_port 3128\n".utf8))),
        .blob(Blob(id: commitB, content: [])),
        .apply(
            Apply(
                deployID: "d-1", director: "lvs1", user: "alice", fromCommit: nil, toCommit: commitA, force: false,
                changes: [], actions: [])),
        .apply(
            Apply(
                deployID: "d-2", director: "lvs2", user: "bob", fromCommit: commitA, toCommit: commitB, force: true,
                changes: [
                    FileChange(
                        path: "etc/squid3/squid.conf", kind: .put, blobID: blobA, mode: 0o644, owner: "root",
                        group: "root", expectedOldBlobID: commitB),
                    FileChange(
                        path: "etc/squid3/old.conf", kind: .delete, blobID: nil, mode: 0, owner: "", group: "",
                        expectedOldBlobID: nil),
                ],
                actions: [
                    ActionRequest(
                        pattern: "/etc/squid3/*", commands: ["squid -k reconfigure", "true"],
                        logfile: "/var/log/csync2_action.log", paths: ["etc/squid3/squid.conf"]),
                    ActionRequest(pattern: "/etc/ha.d/*", commands: [], logfile: nil, paths: []),
                ], rollbackOnFailure: true)),
        .apply(
            Apply(
                deployID: "d-3", director: "lvs1", user: "carol", fromCommit: commitA, toCommit: commitB, force: false,
                changes: [],
                actions: [
                    ActionRequest(pattern: "/etc/a", commands: ["reload"], logfile: nil, paths: ["etc/a"]),
                    ActionRequest(
                        pattern: "/etc/b", commands: ["hang"], logfile: nil, paths: ["etc/b"], timeoutMillis: 1500),
                ])),
        .apply(
            Apply(
                deployID: "d-4", director: "lvs1", user: "carol", fromCommit: commitA, toCommit: commitA, force: false,
                changes: [], actions: [], dropPendingActions: true)),
        .apply(
            Apply(
                deployID: "d-5", director: "lvs1", user: "carol", fromCommit: commitA, toCommit: commitB, force: false,
                changes: [],
                actions: [
                    ActionRequest(pattern: "/etc/a", commands: ["reload"], logfile: nil, paths: ["etc/a"]),
                    ActionRequest(
                        pattern: "/etc/squid3/squid.conf", commands: ["squid -k reconfigure"], logfile: nil,
                        paths: ["etc/squid3/squid.conf"], verify: "squid -k parse -f %%"),
                ])),
        .fileResult(FileResult(path: "etc/squid3/squid.conf", status: .written)),
        .fileResult(FileResult(path: "etc/x", status: .failed, message: "EACCES: permission denied")),
        .drifted(Drifted(path: "etc/squid3/squid.conf", blobID: commitB, content: [0, 1, 2, 0xff, 0xfe])),
        .actionResult(
            ActionResult(
                pattern: "/etc/squid3/*", command: "squid -k reconfigure", exitStatus: 0,
                outputTail: "", durationMillis: 1234)),
        .actionResult(
            ActionResult(
                pattern: "p", command: "c", exitStatus: Int32.min, outputTail: "line 1\nline 2\n",
                durationMillis: UInt64.max)),
        .applyResult(ApplyResult(status: .refused, commit: nil, files: [], actions: [])),
        .applyResult(
            ApplyResult(
                status: .rolledBack, commit: commitA,
                files: [
                    FileResult(path: "a", status: .unchanged), FileResult(path: "b", status: .drifted, message: "m"),
                    FileResult(path: "c", status: .refused), FileResult(path: "d", status: .deleted),
                ],
                actions: [
                    ActionResult(pattern: "p", command: "false", exitStatus: 1, outputTail: "x", durationMillis: 5)
                ],
                message: "rename of etc/a failed: EIO")),
        .error(ErrorMessage(code: .badVersion, message: "peer speaks 2")),
        .error(ErrorMessage(code: .internal, message: "")),
        .bye,
        .refsRequest,
        .refs(Refs(refs: [Ref(name: "refs/heads/main", id: commitA), Ref(name: "refs/notes/deploys", id: commitB)])),
        .refs(Refs(refs: [])),
        .pack(Pack(data: Array("PACK".utf8) + [0, 0, 0, 2])),
        .updateRefs(
            UpdateRefs(updates: [
                RefUpdate(name: "refs/heads/main", oldID: commitA, newID: commitB),
                RefUpdate(name: "refs/heads/new", oldID: nil, newID: commitA),
            ])),
        .updateRefsResult(
            UpdateRefsResult(results: [
                RefUpdateResult(name: "refs/heads/main", ok: true),
                RefUpdateResult(name: "refs/heads/new", ok: false, message: "old id differs"),
            ])),
    ]

    /// Every sample, serialized back to back: a conversation-like stream.
    static func stream() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for message in all { bytes += try message.serialized() }
        return bytes
    }
}
