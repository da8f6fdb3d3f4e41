import Foundation
import Testing

/// A director and several agents on loopback, each a separate `confsync` process with its
/// own root: the real thing, on one machine.
final class TestCluster: @unchecked Sendable {
    let base: TempRoot
    let director: TempRoot
    let nodes: [String]
    private(set) var roots: [String: TempRoot] = [:]
    private(set) var ports: [String: Int] = [:]
    private(set) var fingerprints: [String: String] = [:]
    private var agents: [String: Process] = [:]
    let directorFingerprint: String
    /// Extra statements for the group (includes, actions) written into the cluster file.
    var groupBody: String
    /// Statements before the group (`prefix` blocks).
    let prelude: String

    init(
        nodes: [String] = ["node1", "node2", "node3"], prelude: String = "",
        groupBody: String = TestCluster.defaultGroupBody
    ) throws {
        base = try TempRoot()
        director = TempRoot(existing: base.path + "/director")
        self.nodes = nodes
        self.groupBody = groupBody
        self.prelude = prelude
        try FileManager.default.createDirectory(atPath: director.path, withIntermediateDirectories: true)
        directorFingerprint = try Self.keygen(director.path, name: "director", groupKey: true)
        for node in nodes {
            let root = TempRoot(existing: base.path + "/" + node)
            try FileManager.default.createDirectory(atPath: root.path + "/etc/confsync", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: director.path + "/etc/confsync/cluster.key", toPath: root.path + "/etc/confsync/cluster.key")
            fingerprints[node] = try Self.keygen(root.path, name: node, groupKey: false)
            roots[node] = root
        }
        for node in nodes { try startAgent(node) }
        try writeClusterFile()
        try director.write("/etc/squid3/squid.conf", Fixture.squidConf)
        let r = try CLI.run(["init", "--root", director.path, "--cluster-file", "/etc/csync2.cfg", "--host", "director"])
        guard r.status == 0 else { throw ClusterError("init failed: \(r.stderr)") }
    }

    static let defaultGroupBody = """
        \tinclude /etc/csync2.cfg;
        \tinclude /etc/squid3;
        \taction
        \t{
        \t\tpattern /etc/squid3/squid.conf;
        \t\texec "echo reloaded $CONFSYNC_COMMIT %% >> $CONFSYNC_ROOT/var/log/reload.log";
        \t\tlogfile "/var/log/confsync_action.log";
        \t}
        """

    func root(_ node: String) -> TempRoot { roots[node] ?? TempRoot(existing: "/nonexistent") }

    /// The director's cluster file with `only` of the nodes (default: all).
    func writeClusterFile(only: [String]? = nil) throws {
        let nodes = only ?? self.nodes
        var text = prelude + "group cluster\n{\n\thost director \(nodes.map { "(\($0))" }.joined(separator: " "));\n"
        text += "\tkey /etc/confsync/cluster.key;\n\(groupBody)\n}\nconfsync\n{\n"
        for node in nodes {
            text += "\thost \(node) { address 127.0.0.1; port \(ports[node] ?? 1); fingerprint \(fingerprints[node] ?? ""); }\n"
        }
        text += "}\n"
        try director.write("/etc/csync2.cfg", text)
    }

    static func keygen(_ root: String, name: String, groupKey: Bool) throws -> String {
        var args = ["keygen", "--root", root, "--name", name]
        if groupKey { args += ["--group-key", "/etc/confsync/cluster.key"] }
        let r = try CLI.run(args)
        guard r.status == 0 else { throw ClusterError("keygen failed: \(r.stderr)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts (or restarts, on the same port) a node's agent and waits until it listens; its
    /// standard error goes to the file `stderr`, or nowhere.
    func startAgent(_ node: String, trust: String? = nil, extra: [String] = [], stderr: String? = nil) throws {
        let root = root(node)
        let (process, port) = try AgentProcess.start(node, arguments: [
            "--root", root.path, "--name", node, "--listen", "127.0.0.1:\(ports[node] ?? 0)",
            "--trust", trust ?? directorFingerprint, "--group-key", root.path + "/etc/confsync/cluster.key",
        ] + extra, stderr: stderr)
        agents[node] = process
        ports[node] = port
    }

    /// The PID of a node's running agent.
    func agentPID(_ node: String) -> Int32? { agents[node]?.processIdentifier }

    /// Stops a node's agent: SIGTERM (a clean stop) or SIGKILL. An agent still running 30
    /// seconds after SIGTERM is killed (so a lost signal fails its test instead of hanging
    /// the suite); the result says whether the signal alone stopped it.
    @discardableResult
    func stopAgent(_ node: String, signal: Int32 = SIGTERM, within seconds: Double = 30) -> Bool {
        guard let process = agents[node] else { return true }
        agents[node] = nil
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        let stopped = !process.isRunning
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return stopped
    }

    func confsync(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--root", director.path])
    }

    func commit(_ message: String) throws -> CLI.Result { try confsync(["commit", "-m", message]) }

    func deploy(_ extra: [String] = []) throws -> CLI.Result { try confsync(["deploy"] + extra) }

    func reloadLog(_ node: String) -> [String] {
        (root(node).read("/var/log/reload.log") ?? "").split(separator: "\n").map(String.init)
    }

    func shutdown() {
        for node in Array(agents.keys) { stopAgent(node, signal: SIGKILL) }
        base.remove()
    }
}

struct ClusterError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TempRoot {
    init(existing path: String) {
        self.init(path: path)
    }
}
