import ArgumentParser
import Director
import Foundation
import Posix

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the director's repository and lay down the starting files.",
        discussion: """
            Creates a bare git repository (branch main), records which cluster file and host
            name this director uses, installs the pre-receive hook that validates pushes, and
            lays down from templates/ whatever does not exist yet: the cluster file, the agent
            configuration, the systemd units and Pacemaker's OCF resource agent
            (/usr/lib/ocf/resource.d/confsync/confsync-director). Existing files are never
            overwritten.

            An existing csync2.cfg works as the cluster file as it is:

              confsync init --cluster-file /etc/csync2.cfg --host lvs-director1
              confsync commit -m "Start tracking the cluster's configuration"

            Or start from a copy of one:  confsync init --from-csync2 /root/old-csync2.cfg
            """)

    @OptionGroup var repository: RepositoryOptions

    @Option(help: ArgumentHelp(
        "The cluster file's live path on this host (under --root).",
        discussion: "Default: /etc/csync2.cfg if it exists, else /etc/confsync/cluster.cfg.",
        valueName: "path"))
    var clusterFile: String?

    @Option(help: ArgumentHelp(
        "This director's name as the cluster file's host lines spell it (default: the host name).",
        valueName: "name"))
    var host: String?

    @Option(name: .customLong("from-csync2"), help: ArgumentHelp(
        "Copy this csync2.cfg to the cluster file's path when nothing is there yet.", valueName: "file"))
    var fromCsync2: String?

    func run() throws {
        let root = repository.rootPath
        let repoPath = repository.repositoryPath
        guard let share = ShareDirectory.locate() else {
            throw Exit.failure("cannot find confsync's templates/ and hooks/ (set CONFSYNC_SHARE to the directory holding them)")
        }
        let clusterFile = chooseClusterFile(root: root)
        let hostName = host ?? Self.localHostName()
        let liveCluster = RootPath.live(clusterFile, root: root)

        var laid: [String] = []
        if let fromCsync2 {
            let source = Paths.absolute(fromCsync2)
            guard let data = FileManager.default.contents(atPath: source) else {
                throw Exit.failure("cannot read \(source)")
            }
            if !FileManager.default.fileExists(atPath: liveCluster) {
                try FileManager.default.createDirectory(
                    atPath: (liveCluster as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: liveCluster, contents: data) else {
                    throw Exit.failure("cannot write \(liveCluster)")
                }
                laid.append(liveCluster + " (from \(source))")
            }
        }

        let director: DirectorRepository
        do {
            director = try DirectorRepository.initialize(
                repository: repoPath, root: root, settings: RepositorySettings(clusterFile: clusterFile, host: hostName))
        } catch {
            throw Exit.failure("\(error)")
        }

        let values = ["HOST": hostName, "CLUSTER_FILE": clusterFile, "ROOT": root, "REPO": repoPath,
                      "CONFSYNC": Self.executablePath()]
        let files: [(template: String, destination: String, mode: Int)] = [
            ("templates/cluster.cfg", clusterFile, 0o644),
            ("templates/agent.conf", "/etc/confsync/agent.conf", 0o644),
            ("templates/confsync-agent.service", "/etc/systemd/system/confsync-agent.service", 0o644),
            ("templates/confsync-director.service", "/etc/systemd/system/confsync-director.service", 0o644),
            ("templates/confsync-sync.service", "/etc/systemd/system/confsync-sync.service", 0o644),
            ("templates/confsync-sync.timer", "/etc/systemd/system/confsync-sync.timer", 0o644),
            // Pacemaker's resource agent, for a director pair that runs the service as an OCF resource.
            ("templates/ocf/confsync-director", "/usr/lib/ocf/resource.d/confsync/confsync-director", 0o755),
        ]
        for file in files {
            let destination = RootPath.live(file.destination, root: root)
            if try Templates.install(file.template, from: share, to: destination, values: values, mode: file.mode) == .written {
                laid.append(destination)
            }
        }
        let hook = director.path + "/hooks/pre-receive"
        try? FileManager.default.removeItem(atPath: hook)
        _ = try Templates.install("hooks/pre-receive", from: share, to: hook, values: values, mode: 0o755)

        Console.print("Initialized confsync repository in \(repoPath)")
        Console.print("  host:         \(hostName)")
        Console.print("  cluster file: \(liveCluster)")
        Console.print("  hook:         \(hook) (validates every push)")
        for path in laid { Console.print("  created:      \(path)") }
        Console.print("Next: edit the cluster file's include lines, then 'confsync commit -m \"first commit\"'.")
        warnIfHostIsInNoGroup(director, hostName: hostName, clusterFile: liveCluster, repository: repoPath)
    }

    /// The first commit fails when this director's name is on no group's host line: say so now,
    /// with the two ways out.
    private func warnIfHostIsInNoGroup(_ director: DirectorRepository, hostName: String, clusterFile: String, repository: String) {
        guard let (cluster, diagnostics) = try? director.liveCluster(), !diagnostics.hasErrors,
            cluster.groups(containing: hostName).isEmpty
        else { return }
        let hosts = Set(cluster.groups.flatMap { $0.hosts.map(\.name) }).sorted()
        Console.note(
            "warning: host '\(hostName)' is in no group of \(clusterFile)"
                + (hosts.isEmpty ? "" : " (its hosts: \(hosts.joined(separator: ", ")))")
                + "; the first commit would fail. Add '\(hostName)' to a group's 'host' line, or start again "
                + "with this director's name as the cluster file spells it: rm -r \(repository) && confsync init --host NAME")
    }

    private func chooseClusterFile(root: String) -> String {
        if let clusterFile { return Paths.managed(clusterFile, root: root) }
        let csync2 = "/etc/csync2.cfg"
        if FileManager.default.fileExists(atPath: RootPath.live(csync2, root: root)) || fromCsync2 != nil {
            return csync2
        }
        return "/etc/confsync/cluster.cfg"
    }

    /// The short host name, lower-cased, as csync2 compares it.
    static func localHostName() -> String {
        let name = ProcessInfo.processInfo.hostName.lowercased()
        return name.split(separator: ".").first.map(String.init) ?? name
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "confsync"
    }
}
