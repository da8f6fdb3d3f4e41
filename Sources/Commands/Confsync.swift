import ArgumentParser

/// The root command: lists the subcommands, one file each.
public struct Confsync: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "confsync",
        abstract: "Cluster configuration in git: validated commits, history, and deploys over mutual TLS.",
        version: "0.1.0",
        subcommands: [])

    public init() {}
}
