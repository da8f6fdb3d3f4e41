extension ApplyEngine {
    /// How staged files are made durable before the journal commits them.
    public enum Durability: Sendable {
        /// One syncfs(2) per file system touched (falls back to `fsyncEachFile` without syncfs).
        case syncFileSystem
        /// fsync(2) of every temp file and of each directory it is in.
        case fsyncEachFile
    }

    /// Tunables of an engine.
    public struct Options: Sendable {
        /// A command still running after this long is killed with its process group.
        public var actionTimeout: Duration
        /// How much of a command's output `ActionResult.outputTail` keeps.
        public var outputTailBytes: Int
        public var durability: Durability
        /// The shell that runs commands (`shell -c command`).
        public var shell: String

        public init(
            actionTimeout: Duration = .seconds(300), outputTailBytes: Int = 4096,
            durability: Durability = .syncFileSystem, shell: String = "/bin/sh"
        ) {
            self.actionTimeout = actionTimeout
            self.outputTailBytes = outputTailBytes
            self.durability = durability
            self.shell = shell
        }

        var actionTimeoutMillis: Int {
            let (seconds, attoseconds) = actionTimeout.components
            return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        }
    }
}
