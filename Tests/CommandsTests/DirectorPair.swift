import Foundation
import Testing

/// Two directors (`d1 d2` on one host line) and receive-only nodes on loopback, every host a
/// separate root with its own agent process. Each director's agent serves its live files
/// and, with `--repo`, its repository to the other director.
final class DirectorPair: @unchecked Sendable {
    static let directors = ["d1", "d2"]
    let base: TempRoot
    let nodes: [String]
    let auto: String?
    /// Extra statements for the group (actions), written into the cluster file.
    let groupBody: String
    private(set) var roots: [String: TempRoot] = [:]
    private(set) var ports: [String: Int] = [:]
    private(set) var fingerprints: [String: String] = [:]
    private var agents: [String: Process] = [:]

    init(nodes: [String] = ["node1", "node2", "node3"], auto: String? = nil, groupBody: String = "") throws {
        base = try TempRoot()
        self.nodes = nodes
        self.auto = auto
        self.groupBody = groupBody
        for host in Self.directors + nodes {
            let root = TempRoot(existing: base.path + "/" + host)
            try FileManager.default.createDirectory(
                atPath: root.path + "/etc/confsync", withIntermediateDirectories: true)
            roots[host] = root
        }
        let keyHolder = self.root("d1").path
        fingerprints["d1"] = try TestCluster.keygen(keyHolder, name: "d1", groupKey: true)
        for host in Self.directors.dropFirst() + nodes {
            try FileManager.default.copyItem(
                atPath: keyHolder + "/etc/confsync/cluster.key", toPath: root(host).path + "/etc/confsync/cluster.key")
            fingerprints[host] = try TestCluster.keygen(root(host).path, name: host, groupKey: false)
        }
        for director in Self.directors {
            try root(director).write("/etc/squid3/squid.conf", Fixture.squidConf)
            let r = try CLI.run([
                "init", "--root", root(director).path, "--cluster-file", "/etc/csync2.cfg", "--host", director,
            ])
            guard r.status == 0 else { throw ClusterError("init \(director) failed: \(r.stderr)") }
            // The agents here take flags; the laid-down agent.conf names node.crt, not keygen's host.crt.
            try FileManager.default.removeItem(atPath: root(director).path + "/etc/confsync/agent.conf")
        }
        for host in nodes + Self.directors { try startAgent(host) }
        let cluster = clusterFile()
        for director in Self.directors { try root(director).write("/etc/csync2.cfg", cluster) }
    }

    func root(_ host: String) -> TempRoot { roots[host] ?? TempRoot(existing: "/nonexistent") }

    func repository(_ director: String) -> String { root(director).path + "/var/lib/confsync/repo.git" }

    func clusterFile() -> String {
        var text = "group cluster\n{\n\thost d1 d2 \(nodes.map { "(\($0))" }.joined(separator: " "));\n"
        text += "\tkey /etc/confsync/cluster.key;\n\tinclude /etc/csync2.cfg;\n\tinclude /etc/squid3;\n"
        if let auto { text += "\tauto \(auto);\n" }
        if !groupBody.isEmpty { text += groupBody + "\n" }
        text += "}\nconfsync\n{\n"
        for host in Self.directors + nodes {
            let fingerprint = fingerprints[host] ?? ""
            text += "\thost \(host) { address 127.0.0.1; port \(ports[host] ?? 1); fingerprint \(fingerprint); }\n"
        }
        return text + "}\n"
    }

    /// Starts (or restarts, on the same port) a host's agent; a director's serves its repository too.
    func startAgent(_ host: String) throws {
        let root = root(host)
        var arguments = [
            "--root", root.path, "--name", host, "--listen", "127.0.0.1:\(ports[host] ?? 0)",
            "--group-key", root.path + "/etc/confsync/cluster.key",
        ]
        for director in Self.directors where director != host {
            arguments += ["--trust", fingerprints[director] ?? ""]
        }
        if Self.directors.contains(host) { arguments += ["--repo", repository(host)] }
        let (process, port) = try AgentProcess.start(host, arguments: arguments)
        agents[host] = process
        ports[host] = port
    }

    /// A host going down: its agent stops (a director's commands then find it unreachable).
    func stopAgent(_ host: String) {
        guard let process = agents[host] else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        agents[host] = nil
    }

    /// Runs confsync on `director` (its root added).
    @discardableResult
    func run(_ director: String, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--root", root(director).path], environment: ["GIT_CONFIG_NOSYSTEM": "1"])
    }

    func commit(_ director: String, _ message: String, _ extra: [String] = []) throws -> CLI.Result {
        try run(director, ["commit", "-m", message] + extra)
    }

    /// Edits squid.conf's cache_mem line on `director` (a change squid accepts).
    func setCacheMem(_ director: String, _ megabytes: Int) throws {
        try root(director).write(
            "/etc/squid3/squid.conf", Fixture.squidConf.replacingOccurrences(of: "256 MB", with: "\(megabytes) MB"))
    }

    /// `git ARGS` in `director`'s repository; the trimmed standard output.
    func git(_ director: String, _ arguments: [String]) throws -> String {
        let r = try CLI.runProgram("/usr/bin/git", ["-C", repository(director)] + arguments)
        guard r.status == 0 else {
            throw ClusterError("git \(arguments.joined(separator: " ")) in \(director): \(r.stderr)")
        }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func head(_ director: String) throws -> String { try git(director, ["rev-parse", "refs/heads/main"]) }

    /// Main's history with parents and trees, and the deploy notes: what must be identical.
    func history(_ director: String) throws -> String {
        let log = try git(director, ["log", "--format=%H %P %T %an %s", "refs/heads/main"])
        let notes = (try? git(director, ["notes", "--ref", "refs/notes/confsync/deploys", "list"])) ?? ""
        return log + "\n--\n" + notes
    }

    func isAncestor(_ director: String, _ ancestor: String, of commit: String) throws -> Bool {
        try CLI.runProgram(
            "/usr/bin/git", ["-C", repository(director), "merge-base", "--is-ancestor", ancestor, commit]
        )
        .status == 0
    }

    /// `git fsck --strict` passes on both repositories.
    func fsckClean() throws -> Bool {
        try Self.directors.allSatisfy { director in
            try CLI.runProgram("/usr/bin/git", ["-C", repository(director), "fsck", "--strict"]).status == 0
        }
    }

    func shutdown() {
        for host in Array(agents.keys) {
            if let process = agents[host] {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        agents.removeAll()
        base.remove()
    }
}
