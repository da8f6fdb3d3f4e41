import ArgumentParser

/// The root command: lists the subcommands, one file each.
public struct Confsync: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "confsync",
        abstract: "Cluster configuration in git: validated commits, history, and deploys over mutual TLS.",
        discussion: """
            confsync keeps the files a csync2.cfg names in a git repository on the
            directors, refuses any commit that squid or ldirectord would reject, deploys
            each commit to the nodes over mutually authenticated TLS, and keeps every
            version and every deploy.

            A first session on a director:
              confsync init --cluster-file /etc/csync2.cfg --host lvs-director1
              confsync commit -m "initial import"
              vi /etc/squid3/squid.conf
              confsync status && confsync diff
              confsync sync -m "squid: allow the office network"   (commit + deploy)
              confsync log; confsync audit; confsync revert HEAD

            \(Exit.table)
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, CommitCommand.self, StatusCommand.self, ValidateCommand.self,
            LogCommand.self, ShowCommand.self, DiffCommand.self, BlameCommand.self,
            RevertCommand.self, RollbackCommand.self, DeployCommand.self, SyncCommand.self,
            AuditCommand.self, DriftCommand.self, AdoptCommand.self,
            KeygenCommand.self, FingerprintCommand.self, AgentCommand.self, ServeCommand.self, CallCommand.self,
            HookCommand.self,
            ReplicateCommand.self, ReconcileCommand.self,
        ])

    public init() {}
}
